"""The follow-up's figures against seed 002's published tables, and the sheet's structure."""

import openpyxl
import pytest

from invest_xl import labels
from invest_xl.budget.model import BUDGET, STATED_TOTAL, Amount, Budget, Case
from invest_xl.budget.checks import stated_total_mismatches
from invest_xl.layout.followup import followup_layout
from invest_xl.budget.portfolio import budget_totals
from invest_xl.sample.budget import sample_budget
from invest_xl.jobs import write_followup
from seed_tables import seed_002_cases, seed_002_portfolio_net

YEARS = [2020, 2021, 2022, 2023]


def test_sample_figures_equal_the_seed_tables_except_the_corrected_sign():
    sample = sample_budget()
    for number, rows in seed_002_cases().items():
        for kind, values in rows.items():
            for year, value in zip(YEARS, values):
                typed = sample.amount(number, year, kind, BUDGET)
                if (number, year, kind) == (5, 2021, "besparelse"):
                    assert (value, typed) == (1.362, -1.362)
                else:
                    assert typed == pytest.approx(value, abs=5e-4)


def test_portfolio_net_per_year_equals_seed_002_to_the_thousandth():
    totals = budget_totals(sample_budget())
    assert [round(x, 3) for x in totals.net] == seed_002_portfolio_net()
    assert [round(x, 3) for x in totals.net] == [-1.629, -6.765, -13.358, -18.208]
    assert totals.period_net == pytest.approx(-39.960, abs=1e-9)


def test_each_case_net_equals_its_published_total():
    totals = budget_totals(sample_budget())
    for number, rows in seed_002_cases().items():
        assert [round(x, 3) for x in totals.case_net[number]] == pytest.approx(rows["i alt"], abs=1e-9)


def _budget_as_printed() -> Budget:
    cases = tuple(Case(n, f"Forslag {n}") for n in seed_002_cases())
    amounts = tuple(Amount(n, year, kind, BUDGET, value)
                    for n, rows in seed_002_cases().items() for kind, values in rows.items()
                    for year, value in zip(YEARS, values))
    return Budget(cases=cases, amounts=amounts)


def test_seed_002_sign_error_in_case_5_2021_is_reported_as_printed():
    mismatches = stated_total_mismatches(_budget_as_printed())
    assert [(m.case, m.year) for m in mismatches] == [(5, 2021)]
    assert mismatches[0].difference == pytest.approx(2.724)
    assert mismatches[0].message == (
        "Sag 5 (Forslag 5), 2021, Budget: investering 1,362 + besparelse 1,362 = 2,724, "
        "men angivet i alt er 0,000 (forskel 2,724 mio. kr.)")


def test_mismatch_goes_into_the_kontrol_section_and_no_figure_is_changed():
    budget = _budget_as_printed()
    layout = followup_layout(budget)
    grid = layout.grid()
    check_row = int(layout.anchors["checks"][1:])
    assert grid[check_row - 1][0] == labels.CHECK_TITLE
    assert grid[check_row][0].startswith("Sag 5 (Forslag 5), 2021, Budget")
    total = layout.anchors["case5_budget_2021"]
    saving_row = int(total[1:]) - 1
    assert grid[saving_row - 1][0] == labels.SAVING_ROW
    assert grid[saving_row - 1][3] == 1.362  # the saving as printed, sign and all


def test_case_block_follows_seed_000_layout():
    layout = followup_layout(sample_budget())
    grid = layout.grid()
    assert grid[0][0] == ("Opfølgning på investeringscase: Koordineret indsats for aktivitetsparate "
                          "kontanthjælpsmodtagere med komplekse problemstillinger")
    assert grid[1][:4] == ["2020 p/l", 2020, None, 2021]
    assert grid[2][1:3] == ["Budget", "Forventet"]
    assert [row[0] for row in grid[3:7]] == ["Investering i indsats", "Besparelse på forsørgelse",
                                             "Besparelse i alt", "Kilde: KMD Opus og Fasit"]
    assert grid[5][1] == "=SUM(B4:B5)"
    assert (1, 1, 1, 11) in layout.merges and (2, 2, 2, 3) in layout.merges


def test_closed_years_show_realiseret_and_their_realized_figures():
    base = sample_budget()
    budget = Budget(base.cases, base.amounts + (Amount(1, 2020, "investering", "Realiseret", 2.5),),
                    base.settings.__class__(closed_years=frozenset({2020})))
    grid = followup_layout(budget).grid()
    assert grid[2][1:5] == ["Budget", "Realiseret", "Budget", "Forventet"]
    assert grid[2][9:11] == ["Budget", "Realiseret/Forventet"]
    assert grid[3][2] == 2.5


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1:A9)"])
def test_case_name_starting_with_equals_is_written_as_text(tmp_path, name):
    base = sample_budget()
    cases = (Case(1, name),) + base.cases[1:]
    budget = Budget(cases, base.amounts, base.settings)
    from invest_xl.workbook.budget_writer import budget_workbook
    from invest_xl.workbook.files import save_atomically
    path = save_atomically(budget_workbook(budget), tmp_path / "b.xlsx")
    _, _, written = write_followup(path, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(written)["Opfølgning"]
    assert sheet["A1"].data_type == "s"
    assert sheet["A1"].value == f"Opfølgning på investeringscase: {name}"
    cases_sheet = openpyxl.load_workbook(written)["Sager"]
    assert (cases_sheet["B2"].value, cases_sheet["B2"].data_type) == (name, "s")
    portfolio_labels = [c.value for c in sheet["A"] if c.value and str(c.value).startswith("1. ")]
    assert portfolio_labels == [f"1. {name}"]
    assert all(c.data_type == "s" for c in sheet["A"] if c.value == f"1. {name}")


def test_written_followup_keeps_the_input_sheets_and_is_styled(sample_path, tmp_path):
    _, layout, written = write_followup(sample_path, tmp_path / "out.xlsx")
    workbook = openpyxl.load_workbook(written)
    assert workbook.sheetnames == ["Sager", "Beløb", "Indstillinger", "Forsigtighed", "FTE-metode",
                                  "Kurvemetode", "Prisindeks", "Forløb (syntetisk)", "Opfølgning"]
    sheet = workbook["Opfølgning"]
    assert sheet["B4"].number_format == "#,##0.000;-#,##0.000;0.000"
    assert sheet["A1"].font.bold and sheet["A1"].font.name == "Calibri"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["A"].width >= 60
    assert "A1:K1" in {str(r) for r in sheet.merged_cells.ranges}


def test_pages_break_after_every_fourth_case_block_and_before_the_overview():
    layout = followup_layout(sample_budget())  # five cases of eight rows each
    overview_title = next(c.row for c in layout.cells if c.value == labels.PORTFOLIO_TITLE)
    assert layout.page_breaks == [4 * 8, overview_title - 1]
