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
    assert grid[check_row][0] == "1 afvigelse(r): en angivet total passer ikke med sine dele."
    assert grid[check_row + 1][0].startswith("Sag 5 (Forslag 5), 2021, Budget")
    assert grid[check_row + 2][0].startswith("Det skal du gøre: ret beløbet")
    styles = {(c.row, c.column): c.style for c in layout.cells}
    assert styles[check_row + 1, 1].fill == "FFC7CE" and styles[check_row + 1, 1].bold
    # and a warning at the top of the sheet, above the overview
    assert grid[2][0] == "OBS: 1 afvigelse(r) i Kontrol – se under den samlede oversigt."
    total = layout.anchors["case5_budget_2021"]
    saving_row = int(total[1:]) - 1
    assert grid[saving_row - 1][0] == labels.SAVING_ROW
    assert grid[saving_row - 1][3] == 1.362  # the saving as printed, sign and all


def test_case_block_follows_seed_000_layout():
    layout = followup_layout(sample_budget())
    grid = layout.grid()
    top = int(layout.anchors["case1_budget_2020"][1:]) - 5  # the block's title row
    assert grid[top - 1][0] == ("Opfølgning på investeringscase: Koordineret indsats for aktivitetsparate "
                                "kontanthjælpsmodtagere med komplekse problemstillinger")
    assert grid[top][:4] == ["mio. kr., 2020 p/l", 2020, None, 2021]
    assert grid[top + 1][1:5] == ["Budget", "Realiseret", "Budget", "Forventet"]
    assert [row[0] for row in grid[top + 2:top + 6]] == ["Investering i indsats", "Besparelse på forsørgelse",
                                                         "I alt", "Kilde: KMD Opus og Fasit"]
    assert grid[top + 4][1] == f'=IF(COUNT(B{top + 3}:B{top + 4})=0,"",SUM(B{top + 3}:B{top + 4}))'
    assert (top, 1, top, 11) in layout.merges and (top + 1, 2, top + 1, 3) in layout.merges
    # seed 002's budget and the sample's illustrative Realiseret 2020 side by side
    assert grid[top + 2][1:3] == [3.079, 2.925] and grid[top + 3][1:3] == [-2.703, -2.162]
    assert grid[top + 6][0] == ("Bemærkning: Kører efter planen; 2020 realiseret, 2021-2023 forventet "
                                "(illustrative tal).")
    # case 1's budget net 0,376 - 1,576 - 3,632 - 6,244 = -11,076, paid back in 2021 (seed 002)
    assert "budget -11,076" in grid[top + 6][1] and "Tjener sig hjem: budget 2021" in grid[top + 6][1]


def test_the_sheet_has_a_title_a_date_page_numbers_and_print_titles():
    import datetime as dt
    layout = followup_layout(sample_budget(), made_on=dt.date(2021, 5, 3))
    grid = layout.grid()
    assert grid[0][0] == "Opfølgning på investeringscases, Norddjurs Kommune"
    assert grid[1][0] == ("Udarbejdet 03-05-2021. Beløb i mio. kr., 2020 p/l; "
                          "- betyder indtægt/mindreforbrug.")
    assert layout.page_footer == ("", "Side &P af &N", "")
    assert layout.page_header == ("Norddjurs Kommune", "", "Udarbejdet 03-05-2021")
    assert layout.print_title_rows == (1, 2)


def test_column_words_are_the_municipalitys_own(tmp_path):
    from invest_xl.workbook.budget_writer import budget_workbook
    from invest_xl.workbook.files import save_atomically
    base = sample_budget()
    settings = base.settings.__class__(closed_years=frozenset({2020}), realized_word="Resultat",
                                       expected_word="Forventet resultat")
    path = save_atomically(budget_workbook(Budget(base.cases, base.amounts, settings)), tmp_path / "b.xlsx")
    _, layout, _ = write_followup(path, tmp_path / "out.xlsx")
    grid = layout.grid()
    top = int(layout.anchors["case1_budget_2020"][1:]) - 5
    assert grid[top + 1][1:5] == ["Budget", "Resultat", "Budget", "Forventet resultat"]
    assert grid[top + 1][9:11] == ["Budget", "Resultat/Forventet resultat"]
    assert layout.row_heights[top + 2] == 30.0  # the longer word wraps onto two lines


def test_closed_years_show_realiseret_and_their_realized_figures():
    base = sample_budget()
    budget = Budget(base.cases, base.amounts + (Amount(1, 2020, "investering", "Realiseret", 2.5),),
                    base.settings.__class__(closed_years=frozenset({2020})))
    layout = followup_layout(budget)
    grid = layout.grid()
    top = int(layout.anchors["case1_budget_2020"][1:]) - 5
    assert grid[top + 1][1:5] == ["Budget", "Realiseret", "Budget", "Forventet"]
    assert grid[top + 1][9:11] == ["Budget", "Realiseret/Forventet"]
    assert grid[top + 2][2] == 2.5


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
    title = [c for c in sheet["A"] if c.value == f"Opfølgning på investeringscase: {name}"]
    assert len(title) == 1 and title[0].data_type == "s"
    cases_sheet = openpyxl.load_workbook(written)["Sager"]
    assert (cases_sheet["B2"].value, cases_sheet["B2"].data_type) == (name, "s")
    portfolio_labels = [c.value for c in sheet["A"] if c.value and str(c.value).startswith("1. ")]
    assert portfolio_labels == [f"1. {name}"]
    assert all(c.data_type == "s" for c in sheet["A"] if c.value == f"1. {name}")


def test_written_followup_keeps_the_input_sheets_and_is_styled(sample_path, tmp_path):
    _, layout, written = write_followup(sample_path, tmp_path / "out.xlsx")
    workbook = openpyxl.load_workbook(written)
    assert workbook.sheetnames == ["Sager", "Beløb", "Indstillinger", "Forsigtighed", "FTE-metode",
                                  "Kurvemetode", "Prisindeks", "Forløb (syntetisk)", "Opfølgning",
                                  "Opfølgningsdata"]
    sheet = workbook["Opfølgning"]
    assert sheet["B7"].number_format == "#,##0.000;-#,##0.000;0.000"
    assert sheet["A1"].font.bold and sheet["A1"].font.name == "Calibri"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["A"].width >= 60
    assert sheet.column_dimensions["K"].width >= len("Realiseret/Forventet")
    assert "A1:K1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.oddFooter.center.text == "Side &P af &N"
    assert sheet.print_title_rows == "$1:$2"


def test_no_case_block_is_split_and_the_case_blocks_start_a_page():
    layout = followup_layout(sample_budget())  # five cases of nine rows each
    first_block = int(layout.anchors["case1_budget_2020"][1:]) - 5
    assert first_block - 1 in layout.page_breaks
    for number in range(1, 6):
        top = int(layout.anchors[f"case{number}_budget_2020"][1:]) - 5
        bottom = top + 7  # title .. Bemærkning
        assert not any(top <= b < bottom for b in layout.page_breaks)
