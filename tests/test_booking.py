"""Prudence as councils book it (seed 002): the potential, the share booked, the amounts
booked per year (table Indregnet), and whether the expected saving meets them.

Seed 002: "Af hensyn til en forsigtig budgetlægning indregnes alene kun halvdelen af
potentialet set over en 4 årig periode". Every expected figure below is computed here
from the seed's printed tables (tests/seed_tables.py), not taken from the code.
"""

import json
from dataclasses import replace

import openpyxl
import pytest

from invest_xl.budget.booking import booked_amounts, booking_comparison, portfolio_prudence
from invest_xl.budget.checks import booking_check
from invest_xl.budget.model import BUDGET, EXPECTED, REALIZED, Amount
from invest_xl.cli import main
from invest_xl.errors import InvestXLError
from invest_xl.jobs import write_followup
from invest_xl.layout.followup import followup_layout
from invest_xl.sample.budget import sample_budget
from invest_xl.workbook import contract
from invest_xl.workbook.budget_reader import budget_from_workbook
from invest_xl.workbook.budget_writer import add_table, budget_workbook
from invest_xl.workbook.files import save_atomically
from seed_tables import seed_002_cases, seed_002_portfolio_net
from spreadsheet import recalculated_values, soffice

YEARS = [2020, 2021, 2022, 2023]
# The illustrative booking: half of 39,960, rounded to whole mio. kr., back-loaded.
ILLUSTRATIVE = [0, -4, -7, -9]


def _seed_potential() -> float:
    """The net of every published case table over 2020-2023 ('Total' rows), mio. kr."""
    return sum(sum(rows["i alt"]) for rows in seed_002_cases().values())


def _seed_saving(year_index: int) -> float:
    return sum(rows["besparelse"][year_index] for rows in seed_002_cases().values())


def _followed_up(booked=ILLUSTRATIVE):
    """The sample's budget with 2020 closed (Realiseret) and 2021-2023 open (Forventet), both
    carrying the seed's printed figures (not the sample's illustrative ones), and the booked
    amounts `booked`."""
    base = sample_budget()
    base = replace(base, amounts=tuple(a for a in base.amounts if a.status == BUDGET))
    extra = tuple(Amount(case, year, kind, REALIZED if year == 2020 else EXPECTED, rows[kind][i])
                  for case, rows in seed_002_cases().items()
                  for kind in ("investering", "besparelse")
                  for i, year in enumerate(YEARS))
    settings = replace(base.settings, closed_years=frozenset({2020}))
    return replace(base, amounts=base.amounts + extra, settings=settings,
                   booked=booked_amounts(YEARS, booked))


def _workbook_file(tmp_path, budget, name="budget.xlsx"):
    return save_atomically(budget_workbook(budget), tmp_path / name)


def test_the_seeds_potential_is_39_960_and_half_of_it_is_booked():
    prudence = portfolio_prudence(sample_budget())
    # The sum of the published case nets, and the same from the annex's summary row.
    assert _seed_potential() == pytest.approx(-39.960, abs=1e-9)
    assert sum(seed_002_portfolio_net()) == pytest.approx(_seed_potential(), abs=1e-9)
    assert prudence.potential_mio_kr == pytest.approx(_seed_potential(), abs=1e-9)
    assert prudence.share == 0.5
    assert prudence.booked_total_mio_kr == pytest.approx(0.5 * _seed_potential(), abs=1e-9)
    assert round(prudence.booked_total_mio_kr, 3) == -19.980


def test_followup_json_gives_prudence_and_the_booked_table_with_its_difference(tmp_path, capsys):
    source = _workbook_file(tmp_path, _followed_up())
    assert main(["followup", str(source), "-o", str(tmp_path / "out.xlsx"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["prudence"]) == {"share", "potential_mio_kr", "booked_total_mio_kr"}
    assert report["prudence"]["share"] == 0.5
    assert report["prudence"]["potential_mio_kr"] == pytest.approx(-39.960, abs=1e-9)
    assert report["prudence"]["booked_total_mio_kr"] == pytest.approx(-19.980, abs=1e-9)
    booked = report["booked"]
    assert set(booked) == {"years", "booked_mio_kr", "expected_saving_mio_kr", "difference_mio_kr",
                           "expected_net_mio_kr"}
    assert booked["years"] == YEARS
    assert booked["booked_mio_kr"] == ILLUSTRATIVE
    cases = seed_002_cases().values()
    expected = [_seed_saving(i) for i in range(4)]
    assert booked["expected_saving_mio_kr"] == pytest.approx(expected, abs=1e-9)
    # B - booked: 2021 -13,477 + ... against -4: more saving than booked, so negative
    assert booked["difference_mio_kr"] == pytest.approx([e - b for e, b in zip(expected, ILLUSTRATIVE)], abs=1e-9)
    assert booked["expected_net_mio_kr"] == pytest.approx(
        [sum(r["investering"][i] + r["besparelse"][i] for r in cases) for i in range(4)], abs=1e-9)
    assert report["booking_check"]["agrees"] is True


def test_kontrol_says_a_booking_within_rounding_agrees_with_the_share():
    check = booking_check(_followed_up())
    # 0 - 4 - 7 - 9 = -20 mio. kr. against 50 % x -39,960 = -19,980: 0,02 apart, within the
    # 0,5 mio. kr. of amounts stated in whole millions.
    assert check.agrees
    assert check.difference == pytest.approx(-20 - 0.5 * _seed_potential(), abs=1e-9)
    assert check.message == ("Indregnet i budgettet (tabellen 'Indregnet') i alt -20,000 mio. kr. stemmer med "
                             "forsigtigheden 50 % af potentialet -39,960 = -19,980 mio. kr. inden for "
                             "afrundingen (0,5 mio. kr.).")


@pytest.mark.parametrize("booked, difference, tolerance", [
    ([0, -4, -7, -8], "0,980", "0,5"),            # whole millions: -19 - (-19,98) = 0,98
    ([-4.99, -5, -5, -5], "-0,010", "0,005"),     # stated to 0,01: -19,99 - (-19,98)
])
def test_kontrol_reports_a_booking_that_disagrees_with_the_share_by_more_than_rounding(
        booked, difference, tolerance):
    budget = _followed_up(booked)
    check = booking_check(budget)
    assert not check.agrees
    total = f"{sum(booked):.3f}".replace(".", ",")
    message = (f"Indregnet i budgettet (tabellen 'Indregnet') i alt {total} mio. kr. stemmer ikke med "
               f"forsigtigheden 50 % af potentialet -39,960 = -19,980 mio. kr.: forskel {difference} mio. kr., "
               f"mere end afrundingen ({tolerance} mio. kr.).")
    assert check.message == message
    layout = followup_layout(budget)
    check_row = int(layout.anchors["checks"][1:])
    kontrol = [c.value for c in layout.cells if c.column == 1 and check_row < c.row <= check_row + 3]
    assert message in kontrol


def test_amounts_in_1000_kr_are_rounded_as_stated(tmp_path):
    budget = _followed_up()
    workbook = budget_workbook(replace(budget, booked=None))
    sheet = workbook["Indstillinger"]
    unit_row = next(r for r in range(1, 8) if sheet.cell(r, 1).value == "Enhed")
    sheet.cell(unit_row, 2, "1.000 kr.")
    for row in workbook["Beløb"].iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].value = row[0].value * 1000
    add_table(workbook.create_sheet("Forsigtighed"), contract.BOOKED,
              [[y, a * 1000] for y, a in zip(YEARS, ILLUSTRATIVE)])
    read = budget_from_workbook(workbook)
    assert read.booked.mio_kr == (0.0, -4.0, -7.0, -9.0)
    # -4.000 (1.000 kr.) is stated to the million, as -4 is: the same 0,5 mio. kr.
    assert read.booked.rounding_mio_kr == 0.5
    assert booking_check(read).agrees


def test_the_block_stands_in_the_portfolio_overview_with_potential_share_and_total():
    layout = followup_layout(_followed_up())
    cells = {c.address: c for c in layout.cells}
    title = layout.anchors["booking"]
    assert cells[title].value == "Indregnet i budgettet"
    assert int(title[1:]) > int(layout.anchors["period_net_budget"][1:])
    assert int(title[1:]) < int(layout.anchors["checks"][1:])
    assert cells[layout.anchors["booking_potential"]].formula == f"={layout.anchors['period_net_budget']}"
    assert cells[layout.anchors["booking_share"]].value == 0.5
    assert [cells[layout.anchors[f"booking_booked_{y}"]].value for y in YEARS] == ILLUSTRATIVE
    # 2020 is closed: its saving is the Realiseret column's; the others the Forventet column's
    assert cells[layout.anchors["booking_expected_2020"]].formula == f"={layout.anchors['saving_followup_2020']}"


def test_no_block_without_share_or_booking_and_a_note_without_the_table():
    plain = replace(sample_budget(), booked=None, settings=replace(sample_budget().settings, prudence_share=None))
    layout = followup_layout(plain)
    assert "booking" not in layout.anchors
    assert "Indregnet i budgettet" not in [c.value for c in layout.cells]
    share_only = replace(sample_budget(), booked=None)
    layout = followup_layout(share_only)
    texts = [c.value for c in layout.cells]
    assert "Beløbene pr. år står i tabellen 'Indregnet' (År, Beløb), som ikke er udfyldt." in texts
    assert booking_comparison(share_only) is None and booking_check(share_only) is None


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_recalculates_the_block_to_the_python_figures(tmp_path):
    source = _workbook_file(tmp_path, _followed_up())
    budget, layout, written = write_followup(source, tmp_path / "opfoelgning.xlsx")
    values = recalculated_values(written, tmp_path, "Opfølgning")
    comparison, prudence = booking_comparison(budget), portfolio_prudence(budget)
    assert values[layout.anchors["booking_potential"]] == pytest.approx(-39.960, abs=1e-9)
    assert values[layout.anchors["booking_share_total"]] == pytest.approx(-19.980, abs=1e-9)
    assert values[layout.anchors["booking_share_total"]] == pytest.approx(prudence.booked_total_mio_kr, abs=1e-9)
    for i, year in enumerate(YEARS):
        assert values[layout.anchors[f"booking_booked_{year}"]] == ILLUSTRATIVE[i]
        assert values[layout.anchors[f"booking_expected_{year}"]] == pytest.approx(_seed_saving(i), abs=1e-9)
        assert values[layout.anchors[f"booking_expected_{year}"]] == pytest.approx(
            comparison.expected_saving_mio_kr[i], abs=1e-9)
        assert values[layout.anchors[f"booking_difference_{year}"]] == pytest.approx(
            comparison.difference_mio_kr[i], abs=1e-9)
        assert values[layout.anchors[f"booking_net_{year}"]] == pytest.approx(
            comparison.expected_net_mio_kr[i], abs=1e-9)
        assert values[layout.anchors[f"booking_accumulated_{year}"]] == pytest.approx(
            sum(_seed_saving(j) - ILLUSTRATIVE[j] for j in range(i + 1)), abs=1e-9)
    assert values[layout.anchors["booking_booked_total"]] == sum(ILLUSTRATIVE)
    assert values[layout.anchors["booking_difference_total"]] == pytest.approx(
        sum(comparison.difference_mio_kr), abs=1e-9)


@pytest.mark.parametrize("rows, message", [
    ([[2021, -4], [2021, -5]], "Tabellen 'Indregnet' (ark 'Forsigtighed', række 3): året 2021 står også i række 2."),
    ([[2024, -4]], "Tabellen 'Indregnet' (ark 'Forsigtighed', række 2): året 2024 er ikke et af budgetårene "
                   "2020-2023."),
    ([[2021, "fire"]], "Tabellen 'Indregnet' (ark 'Forsigtighed', række 2): kolonnen 'Beløb': "),
])
def test_a_bad_booking_table_gives_a_danish_message_and_exit_2(tmp_path, capsys, rows, message):
    workbook = budget_workbook(replace(sample_budget(), booked=None))
    add_table(workbook.create_sheet("Forsigtighed"), contract.BOOKED, rows)
    with pytest.raises(InvestXLError) as error:
        budget_from_workbook(workbook)
    assert error.value.message.startswith(message)
    path = save_atomically(workbook, tmp_path / "bad.xlsx")
    assert main(["followup", str(path), "-o", str(tmp_path / "out.xlsx")]) == 2
    assert capsys.readouterr().err.startswith(f"Fejl: {message}")


def test_the_shipped_sample_books_the_illustrative_amounts_and_says_so(shipped_sample):
    from invest_xl.sample.budget import sample_data

    assert "ILLUSTRATIVE" in sample_data()["booked"]["source"]
    booked = budget_from_workbook(openpyxl.load_workbook(shipped_sample)).booked
    assert booked.years == tuple(YEARS) and booked.mio_kr == tuple(float(a) for a in ILLUSTRATIVE)
