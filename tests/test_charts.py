"""Charts in the standard layout, rendered natively by openpyxl, and the xlwings renderer's
pure parts (what it writes into a cell, how it groups styles)."""

import zipfile

import openpyxl

from invest_xl import labels
from invest_xl.jobs import curve_groups_from_workbook, write_followup
from invest_xl.layout.curve_sheet import curves_layout
from invest_xl.layout.followup import followup_layout
from invest_xl.layout.model import AMOUNT, CellStyle, LayoutCell, SheetLayout
from invest_xl.sample.budget import sample_budget
from invest_xl.layout.openpyxl_render import render_sheet
from invest_xl.layout.xlwings_render import cell_input, input_grid, style_runs


def _chart_xml(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n).decode("utf-8") for n in archive.namelist()
                if n.startswith("xl/charts/chart")]


def test_followup_has_a_bar_chart_of_budget_against_followup_per_year():
    layout = followup_layout(sample_budget())
    [chart] = layout.charts
    assert chart.kind == "bar" and [s.title for s in chart.series] == [
        "Budget", "Realiseret / Forventet", "Akkumuleret budget", "Akkumuleret realiseret / forventet"]
    assert [s.kind for s in chart.series] == [None, None, "line", "line"]
    grid = layout.grid()
    column, first, last = chart.categories
    assert [grid[r - 1][column - 1] for r in range(first, last + 1)] == ["2020", "2021", "2022", "2023"]
    budget = chart.series[0]
    assert grid[budget.first_row - 1][budget.column - 1] == f"={layout.anchors['net_budget_2020']}"


def test_the_written_followup_holds_a_native_clustered_column_chart(sample_path, tmp_path):
    _, _, written = write_followup(sample_path, tmp_path / "out.xlsx")
    [xml] = _chart_xml(written)
    assert "barChart" in xml and 'barDir val="col"' in xml and 'grouping val="clustered"' in xml
    assert f"'{labels.FOLLOWUP_SHEET}'!$B$" in xml


def test_curve_charts_are_unsmoothed_lines_with_the_extrapolation_dashed(sample_path, tmp_path):
    workbook = openpyxl.load_workbook(sample_path)
    layout = curves_layout(curve_groups_from_workbook(workbook))
    assert layout.charts and all(c.kind == "line" for c in layout.charts)
    assert all([s.dashed for s in c.series] == [False, False, True] * 2 for c in layout.charts)
    render_sheet(workbook, layout)
    workbook.save(tmp_path / "curves.xlsx")
    charts = _chart_xml(tmp_path / "curves.xlsx")
    assert len(charts) == len(layout.charts) == 2  # groups; last entry year against the baseline
    for xml in charts:
        assert "lineChart" in xml and 'smooth val="1"' not in xml and xml.count('smooth val="0"') == 6
        assert xml.count('prstDash val="dash"') == 2
        # the data as points (no line), the y axis 0-100 %
        assert xml.count('symbol val="circle"') == 2
        assert 'min val="0' in xml and 'max val="1' in xml


def test_text_that_excel_would_read_as_a_formula_or_number_is_guarded():
    assert cell_input(LayoutCell(1, 1, "=HYPERLINK(1)")) == "'=HYPERLINK(1)"
    assert cell_input(LayoutCell(1, 1, "- betyder indtægt")) == "'- betyder indtægt"
    assert cell_input(LayoutCell(1, 1, "2020")) == "'2020"
    assert cell_input(LayoutCell(1, 1, "Budget")) == "Budget"
    assert cell_input(LayoutCell(1, 1, 2020)) == 2020
    assert cell_input(LayoutCell(1, 1, None, "=SUM(A1:A2)")) == "=SUM(A1:A2)"
    assert cell_input(LayoutCell(1, 1, None)) == ""


def test_styles_are_grouped_into_runs_per_row_and_default_cells_skipped():
    layout = SheetLayout("x")
    for column in (1, 2, 3):
        layout.put(1, column, 1.0, style=AMOUNT)
    layout.put(1, 5, 1.0, style=AMOUNT)
    layout.put(2, 1, "plain")
    layout.put(2, 2, "bold", style=CellStyle(bold=True))
    assert style_runs(layout) == [(1, 1, 3, AMOUNT), (1, 5, 5, AMOUNT), (2, 2, 2, CellStyle(bold=True))]
    assert input_grid(layout) == [[1.0, 1.0, 1.0, "", 1.0], ["plain", "bold", "", "", ""]]
