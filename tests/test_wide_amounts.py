"""Beloeb in the wide form (one column per year): the same follow-up as the long form,
to the last digit, and the same checks and messages."""

import json

import numpy as np
import openpyxl
import pytest

from invest_xl.budget.model import (BUDGET, EXPECTED, INVESTMENT, REALIZED, SAVING, STATED_TOTAL, Amount,
                                    Budget, Case, Settings)
from invest_xl.cli import main
from invest_xl.errors import InvestXLError
from invest_xl.jobs import followup_for_workbook
from invest_xl.sample.budget import sample_budget, sample_savings_tables
from invest_xl.workbook import contract, read_range
from invest_xl.workbook.budget_reader import amounts_from_rows, budget_from_workbook
from invest_xl.workbook.budget_writer import add_tables, budget_workbook
from invest_xl.workbook.files import open_workbook, save_atomically
from seed_tables import seed_002_portfolio_net
from spreadsheet import recalculated_values, soffice

WIDE_HEADER = ["Sag", "Art", "Status", "2020", "2021", "2022"]


def _sample_workbook(path, *, wide: bool):
    case_values, tables = sample_savings_tables()
    workbook = budget_workbook(sample_budget(), case_values, wide=wide)
    add_tables(workbook, tables)
    return save_atomically(workbook, path)


def _twenty_cases_six_years() -> Budget:
    """20 cases, 2022-2027, seeded: budget, realised for the closed years 2022-2023,
    expected for the rest, a stated total on every third case, some figures missing."""
    rng = np.random.default_rng(20213)
    years = range(2022, 2028)
    cases = tuple(Case(n, f"Investeringscase {n}", 300.0, 60.0) for n in range(1, 21))
    amounts = []
    for case in cases:
        for year in years:
            investment = round(float(rng.uniform(0.1, 2.5)), 3)
            saving = round(-float(rng.uniform(0.0, 4.0)), 3)
            amounts += [Amount(case.number, year, INVESTMENT, BUDGET, investment),
                        Amount(case.number, year, SAVING, BUDGET, saving)]
            if case.number % 3 == 0:
                amounts.append(Amount(case.number, year, STATED_TOTAL, BUDGET, round(investment + saving, 3)))
            second = REALIZED if year < 2024 else EXPECTED
            if rng.uniform() < 0.85:  # some figures not yet entered
                amounts.append(Amount(case.number, year, INVESTMENT, second,
                                      round(investment * float(rng.uniform(0.8, 1.2)), 3)))
            amounts.append(Amount(case.number, year, SAVING, second,
                                  round(saving * float(rng.uniform(0.5, 1.3)), 3)))
    settings = Settings(price_level="2022 p/l", closed_years=frozenset({2022, 2023}))
    return Budget(cases, tuple(amounts), settings)


def _followup_json(path, output, capsys) -> dict:
    assert main(["followup", str(path), "-o", str(output), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    del result["input"], result["output"]
    return result


def _opfoelgning_cells(path) -> dict:
    sheet = openpyxl.load_workbook(path)["Opfølgning"]
    return {c.coordinate: c.value for row in sheet.iter_rows() for c in row if c.value is not None}


@pytest.mark.parametrize("make", ["sample", "twenty"])
def test_wide_and_long_beloeb_give_the_same_followup_to_the_last_digit(tmp_path, capsys, make):
    if make == "sample":
        long_path = _sample_workbook(tmp_path / "long.xlsx", wide=False)
        wide_path = _sample_workbook(tmp_path / "wide.xlsx", wide=True)
    else:
        budget = _twenty_cases_six_years()
        long_path = save_atomically(budget_workbook(budget), tmp_path / "long.xlsx")
        wide_path = save_atomically(budget_workbook(budget, wide=True), tmp_path / "wide.xlsx")
    wide_headers = [c.value for c in openpyxl.load_workbook(wide_path)["Beløb"][1]]
    assert "År" not in wide_headers and "Beløb" not in wide_headers
    assert sorted(budget_from_workbook(open_workbook(wide_path)).amounts, key=repr) == \
        sorted(budget_from_workbook(open_workbook(long_path)).amounts, key=repr)
    # the layout: every cell, formula, style and chart of the sheet (the amounts' order may differ)
    assert followup_for_workbook(open_workbook(wide_path))[1] == followup_for_workbook(open_workbook(long_path))[1]
    long_json = _followup_json(long_path, tmp_path / "long-out.xlsx", capsys)
    wide_json = _followup_json(wide_path, tmp_path / "wide-out.xlsx", capsys)
    assert wide_json == long_json
    assert _opfoelgning_cells(tmp_path / "wide-out.xlsx") == _opfoelgning_cells(tmp_path / "long-out.xlsx")
    if make == "sample":
        assert [round(x, 3) for x in wide_json["budget"]["net_mio_kr"]] == seed_002_portfolio_net()
    else:
        budget = _twenty_cases_six_years()
        by_hand = [sum(a.mio_kr for a in budget.amounts
                       if a.year == year and a.status == BUDGET and a.kind in (INVESTMENT, SAVING))
                   for year in range(2022, 2028)]
        assert wide_json["budget"]["net_mio_kr"] == pytest.approx(by_hand, abs=1e-12)
        assert len(wide_json["cases"]) == 20 and wide_json["budget"]["years"] == list(range(2022, 2028))


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_wide_followup_recalculated_by_libreoffice_equals_the_long_one(tmp_path, capsys):
    long_path = _sample_workbook(tmp_path / "long.xlsx", wide=False)
    wide_path = _sample_workbook(tmp_path / "wide.xlsx", wide=True)
    _followup_json(long_path, tmp_path / "long-out.xlsx", capsys)
    _followup_json(wide_path, tmp_path / "wide-out.xlsx", capsys)
    long_values = recalculated_values(tmp_path / "long-out.xlsx", tmp_path / "lo-long", "Opfølgning")
    wide_values = recalculated_values(tmp_path / "wide-out.xlsx", tmp_path / "lo-wide", "Opfølgning")
    assert wide_values == long_values
    assert any(isinstance(v, float) and v != 0 for v in wide_values.values())


def _wide(*rows, header=WIDE_HEADER):
    return read_range([header, *rows], "beloeb", contract.AMOUNTS)


def test_a_wide_row_becomes_one_amount_per_filled_year_and_a_dash_is_zero():
    rows = _wide([1, "investering", "Budget", "1,5", "-", None],
                 [1, "besparelse", "Realiseret", -0.25, None, 2])
    amounts = amounts_from_rows(rows, {1})
    assert amounts == [Amount(1, 2020, INVESTMENT, BUDGET, 1.5), Amount(1, 2021, INVESTMENT, BUDGET, 0.0),
                       Amount(1, 2020, SAVING, REALIZED, -0.25), Amount(1, 2022, SAVING, REALIZED, 2.0)]
    assert [r.row for r in rows] == [2, 2, 3, 3]


def test_year_headers_given_as_numbers_are_years():
    rows = _wide([2, "investering", "Budget", 1, 2, 3], header=["Sag", "Art", "Status", 2020.0, 2021, "2022"])
    assert [r["year"] for r in rows] == [2020, 2021, 2022]


@pytest.mark.parametrize("header, row, message", [
    (["Sag", "Art", "Status", "2020", "2O21"], [1, "investering", "Budget", 1, 2],
     "beloeb: kolonnen '2O21' er ikke et år; i den brede form står Sag, Art, Status og derefter ét år"),
    (["Sag", "Art", "Status", "2020", "2020"], [1, "investering", "Budget", 1, 2],
     "beloeb har kolonnen '2020' mere end én gang."),
    (["Sag", "Art", "Status", "2020", "1899"], [1, "investering", "Budget", 1, 2],
     "beloeb: kolonnen '1899' ligger ikke mellem 1990 og 2100."),
    (["Sag", "Art", "Status", "2020"], [1, "investering", "Budget", "1 mio"],
     "beloeb, række 2: kolonnen '2020': "),
    (["Sag", "Art", "Status", "2020"], [1, "investring", "Budget", 1],
     "beloeb, række 2: kolonnen 'Art': 'investring' er ikke en af investering / besparelse / i alt."),
    (["Sag", "Status", "2020"], [1, "Budget", 1],
     "beloeb: første række skal være overskrifterne (Sag, Art, Status); kolonnen 'Art' mangler."),
])
def test_wide_form_mistakes_are_named_like_the_long_forms(header, row, message):
    with pytest.raises(InvestXLError) as error:
        _wide(row, header=header)
    assert error.value.message.startswith(message)


def test_the_same_case_kind_and_status_twice_names_both_rows():
    with pytest.raises(InvestXLError) as error:
        _wide([1, "investering", "Budget", 1, 2, 3], [1, "besparelse", "Budget", 1, 2, 3],
              [1, "Investering i indsats", "budget", 4, 5, 6])
    assert error.value.message == "beloeb, række 4: 1, investering, Budget står også i række 2."


def test_a_wide_excel_table_names_sheet_and_row(tmp_path):
    budget = Budget((Case(1, "Et"),), (Amount(1, 2020, INVESTMENT, BUDGET, 1.0),))
    workbook = budget_workbook(budget, wide=True)
    workbook["Beløb"]["D2"] = "en million"
    path = save_atomically(workbook, tmp_path / "wide.xlsx")
    with pytest.raises(InvestXLError) as error:
        budget_from_workbook(open_workbook(path))
    assert error.value.message.startswith("Tabellen 'Beloeb' (ark 'Beløb', række 2): kolonnen '2020': ")


def test_a_long_table_missing_its_year_column_still_says_so():
    with pytest.raises(InvestXLError) as error:
        read_range([["Sag", "Art", "Status", "Beløb"], [1, "investering", "Budget", 1]], "beloeb",
                   contract.AMOUNTS)
    assert "kolonnen 'År' mangler" in error.value.message


def test_a_year_cell_with_a_formula_saved_without_its_value_is_named_with_its_year(sample_path, tmp_path):
    # the wide form's year columns get the long form's check: a file saved by a program
    # that writes no calculated values is reported, not read as "... er ikke et tal"
    import openpyxl

    from invest_xl.errors import InvestXLError
    from invest_xl.workbook.budget_reader import read_budget

    workbook = openpyxl.load_workbook(sample_path)
    sheet = workbook["Beløb"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("2021") + 1, "=1+1")
    workbook.save(tmp_path / "formula.xlsx")
    with pytest.raises(InvestXLError) as error:
        read_budget(tmp_path / "formula.xlsx")
    assert error.value.message == (
        "Tabellen 'Beloeb' (ark 'Beløb', række 2): kolonnen '2021' har en formel, men filen er gemt "
        "uden formlens værdi; åbn den i Excel, gem den, og prøv igen.")
