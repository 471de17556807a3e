"""invest-xl followup --previous: exactly the figures that differ between two budget versions."""

import datetime as dt

import openpyxl
import pytest

from invest_xl.budget.model import Amount, Budget, Case
from invest_xl.cli import main
from invest_xl.jobs import write_followup
from invest_xl.sample.budget import sample_budget
from invest_xl.workbook.budget_writer import budget_workbook
from invest_xl.workbook.files import save_atomically
from invest_xl.workbook.previous import read_previous


def _changed_version(base: Budget) -> Budget:
    """Three figures changed (two Realiseret, one Budget) and a case 6 added."""
    changes = {(1, 2020, "besparelse", "Realiseret"): -2.500,
               (3, 2021, "investering", "Forventet"): 0.300,
               (4, 2023, "besparelse", "Budget"): -5.000}
    amounts = tuple(Amount(a.case, a.year, a.kind, a.status,
                           changes.get((a.case, a.year, a.kind, a.status), a.mio_kr)) for a in base.amounts)
    amounts += (Amount(6, 2021, "investering", "Budget", 0.100),)
    return Budget(base.cases + (Case(6, "Ny indsats for sygedagpengemodtagere"),), amounts, base.settings)


def _rows(sheet) -> list[tuple]:
    return [r for r in sheet.iter_rows(values_only=True)]


def test_three_changed_figures_and_a_new_case_are_exactly_what_is_listed(sample_path, tmp_path):
    _, _, last_month = write_followup(sample_path, tmp_path / "maj.xlsx", made_on=dt.date(2021, 5, 3))
    changed = save_atomically(budget_workbook(_changed_version(sample_budget())), tmp_path / "budget-juni.xlsx")
    _, _, written = write_followup(changed, tmp_path / "juni.xlsx", last_month, made_on=dt.date(2021, 6, 2))
    workbook = openpyxl.load_workbook(written)
    sheet = workbook["Ændringer"]
    rows = _rows(sheet)
    assert rows[0][0] == "Ændringer siden 03-05-2021"
    assert ("Ny sag: 6. Ny indsats for sygedagpengemodtagere",) == tuple(v for v in rows[9] if v is not None)
    header = next(i for i, r in enumerate(rows) if r[:3] == ("Sag", "År", "Tal"))
    listed = [r for r in rows[header + 1:] if r[0] is not None]
    assert [(r[0][:2], r[1], r[2]) for r in listed] == [
        ("1.", 2020, "Besparelse, Realiseret"), ("3.", 2021, "Investering, Forventet"),
        ("4.", 2023, "Besparelse, Budget")]
    # old figures from the sample's data file (Realiseret 2020 case 1 -2,162; Forventet
    # 2021 case 3 0,225; seed 002's budget saving 2023 case 4 -5,253), new, difference
    assert [r[3:6] for r in listed] == [
        (-2.162, -2.5, pytest.approx(-0.338)), (0.225, 0.3, pytest.approx(0.075)),
        (-5.253, -5.0, pytest.approx(0.253))]
    nets = {r[0]: r[3:6] for r in rows[5:7]}
    # budget: seed 002's -39,960, plus 0,253 (case 4) and 0,100 (the new case)
    assert nets["Budget"][0] == pytest.approx(-39.960) and nets["Budget"][1] == pytest.approx(-39.607)
    assert nets["Realiseret/forventet"][2] == pytest.approx(-0.338 + 0.075)


def test_the_stored_figures_survive_a_save_by_a_spreadsheet_program(sample_path, tmp_path):
    _, _, written = write_followup(sample_path, tmp_path / "maj.xlsx", made_on=dt.date(2021, 5, 3))
    workbook = openpyxl.load_workbook(written)  # as Excel would: load and save every sheet
    assert workbook["Opfølgningsdata"].sheet_state == "hidden"
    workbook.save(tmp_path / "gemt.xlsx")
    figures = read_previous(tmp_path / "gemt.xlsx")
    assert figures.made_on == dt.date(2021, 5, 3)
    assert figures.figures[1, 2020, "investering", "Budget"] == 3.079
    assert figures.figures[1, 2020, "besparelse", "Realiseret"] == -2.162
    assert figures.period_net_budget == pytest.approx(-39.960)
    assert sorted(figures.names) == [1, 2, 3, 4, 5]


def test_a_budget_instead_of_a_follow_up_is_a_danish_message(sample_path, tmp_path, capsys):
    assert main(["followup", str(sample_path), "-o", str(tmp_path / "o.xlsx"),
                 "--previous", str(sample_path)]) == 2
    assert "er ikke en opfølgning skrevet af invest-xl" in capsys.readouterr().err
