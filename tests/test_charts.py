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


def test_curve_charts_are_unsmoothed_scatter_lines_with_the_data_as_points(sample_path, tmp_path):
    workbook = openpyxl.load_workbook(sample_path)
    layout = curves_layout(curve_groups_from_workbook(workbook))
    assert layout.charts and all(c.kind == "line" and c.x_is_value for c in layout.charts)
    render_sheet(workbook, layout)
    workbook.save(tmp_path / "curves.xlsx")
    charts = _chart_xml(tmp_path / "curves.xlsx")
    assert len(charts) == len(layout.charts) == 2  # groups; last entry year against the baseline
    for xml in charts:
        assert "scatterChart" in xml and "lineChart" not in xml and 'smooth val="1"' not in xml
        # the data as points (no line), the y axis 0-100 %
        assert xml.count('symbol val="circle"') == 2
        assert 'min val="0' in xml and 'max val="1' in xml


def _points_workbook(tmp_path):
    """A sheet Kurveberegning from published points whose second curve stops at week 26."""
    from tests.test_curve_sheet import _points_rows, groups_from_points

    layout = curves_layout(groups_from_points(_points_rows()))
    workbook = openpyxl.Workbook()
    workbook.active.title = layout.name
    render_sheet(workbook, layout)
    workbook.save(tmp_path / "points.xlsx")
    return layout, openpyxl.load_workbook(tmp_path / "points.xlsx")


def _fill(series):
    """The series' colour as written: its line's, or for points its markers'."""
    line = series.spPr.ln
    fill = line.solidFill if line is not None and line.solidFill is not None else series.marker.spPr.solidFill
    return getattr(fill.srgbClr, "val", fill.srgbClr)


def test_curve_chart_read_back_has_one_colour_per_curve_and_the_extrapolation_dashed(tmp_path):
    layout, workbook = _points_workbook(tmp_path)
    sheet = workbook[layout.name]
    [chart] = sheet._charts
    assert chart.tagname == "scatterChart"
    # weeks on a value axis 0-52 in steps of 4, shares 0-100 %
    assert chart.x_axis.tagname == "valAx" and chart.y_axis.tagname == "valAx"
    assert (chart.x_axis.scaling.min, chart.x_axis.scaling.max, chart.x_axis.majorUnit) == (0, 52, 4)
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (0, 1)
    names = [s.tx.v for s in chart.series]
    # Målgruppe is observed to week 52: it has no extrapolated part, so no legend entry for one
    assert names == ["Målgruppe (data)", "Målgruppe (model)",
                     "Indsatsgruppe (data)", "Indsatsgruppe (model)", "Indsatsgruppe (fremskrevet)"]
    colours = [_fill(s) for s in chart.series]
    assert colours[0] == colours[1] != colours[2] == colours[3] == colours[4]
    dashes = [s.spPr.ln.prstDash for s in chart.series]
    assert dashes == ["solid"] * 4 + ["dash"]
    assert [s.marker.symbol == "circle" for s in chart.series] == [True, False, True, False, False]
    # the dashed part has a value from week 26 (the last observed) to 52: it is seen
    column = openpyxl.utils.column_index_from_string(chart.series[4].yVal.numRef.f.split("$")[1])
    extrapolated = [(row[0].value, row[column - 1].value) for row in sheet.iter_rows(min_row=1)
                    if isinstance(row[0].value, (int, float)) and row[column - 1].value is not None]
    assert [week for week, _ in extrapolated] == [26.0, 30.0, 34.0, 39.0, 43.0, 47.0, 52.0]
    # every series refers to cells with at least one value (no empty legend entry)
    for item in layout.charts[0].series:
        values = [sheet.cell(r, item.column).value for r in range(item.first_row, item.last_row + 1)]
        assert sum(v is not None for v in values) >= 1


def test_curve_sheet_headers_wrap_and_dates_are_danish(sample_path):
    import re

    workbook = openpyxl.load_workbook(sample_path)
    layout = curves_layout(curve_groups_from_workbook(workbook))
    headers = [c for c in layout.cells if c.value in labels.FIT_SUMMARY_COLUMNS[1:]
               or (isinstance(c.value, str) and c.value.endswith("(fremskrevet)"))]
    assert headers and all(c.style.wrap and layout.row_heights[c.row] >= 30 for c in headers)
    texts = [c.value for c in layout.cells if isinstance(c.value, str)]
    assert any("31-12-2020" in t for t in texts)
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", t) for t in texts)


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
