"""Rendering a SheetLayout into an openpyxl workbook (cells, styles, merges, print setup, charts).

The follow-up sheet is ours: it is removed and written anew at the same position.
Every other sheet, table, defined name and the VBA project are left as they were.
"""

from __future__ import annotations

import io

import openpyxl
from openpyxl.chart import BarChart, LineChart, Reference, ScatterChart, Series
from openpyxl.chart.axis import ChartLines
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break

from invest_xl.layout.model import CellStyle, ChartSpec, SheetLayout
from invest_xl.workbook.ownership import mark_openpyxl_sheet

FONT_NAME = "Calibri"
_THIN = Side(style="thin")


def _apply_style(cell, style: CellStyle) -> None:
    cell.font = Font(name=FONT_NAME, bold=style.bold, italic=style.italic, size=style.size or 11,
                     color=style.color)
    if style.number_format:
        cell.number_format = style.number_format
    if style.align or style.wrap:
        cell.alignment = Alignment(horizontal=style.align, vertical="center" if style.align else "top",
                                   wrap_text=style.wrap or None)
    if style.fill:
        cell.fill = PatternFill("solid", start_color=style.fill, end_color=style.fill)
    if style.top_border or style.bottom_border:
        cell.border = Border(top=_THIN if style.top_border else None,
                             bottom=_THIN if style.bottom_border else None)


def render_sheet(workbook, layout: SheetLayout):
    """Write `layout` as the sheet `layout.name`, replacing an earlier one in its place."""
    index = None
    if layout.name in workbook.sheetnames:
        index = workbook.sheetnames.index(layout.name)
        workbook.remove(workbook[layout.name])
    sheet = workbook.create_sheet(layout.name, index)
    for item in layout.cells:
        cell = sheet.cell(item.row, item.column)
        if item.formula is not None:
            cell.value = item.formula
        else:
            cell.value = item.value
            if isinstance(item.value, str):
                cell.data_type = "s"
        _apply_style(cell, item.style)
    # The layout's merges are distinct, so they go into the sheet's set of ranges directly:
    # merge_cells first asks whether each is inside one of all earlier ones (quadratic).
    for first_row, first_col, last_row, last_col in dict.fromkeys(layout.merges):
        merged = MergedCellRange(sheet, CellRange(min_row=first_row, min_col=first_col,
                                                  max_row=last_row, max_col=last_col).coord)
        sheet.merged_cells.ranges.add(merged)
        sheet._clean_merge_range(merged)
    for column, width in layout.column_widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    if layout.landscape:
        sheet.page_setup.orientation = "landscape"
    if layout.fit_to_width:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    for row, height in layout.row_heights.items():
        sheet.row_dimensions[row].height = height
    for row in layout.page_breaks:
        sheet.row_breaks.append(Break(id=row))
    _header_footer(sheet, layout)
    for chart in layout.charts:
        sheet.add_chart(native_chart(sheet, chart), chart.anchor)
    mark_openpyxl_sheet(workbook, layout.name)
    return sheet


def _header_footer(sheet, layout: SheetLayout) -> None:
    """Page header and footer (Excel's codes &P, &N) and the rows repeated on every page."""
    for part, text in zip((sheet.oddHeader.left, sheet.oddHeader.center, sheet.oddHeader.right),
                          layout.page_header):
        if text:
            part.text, part.font, part.size = text, FONT_NAME, 9
    for part, text in zip((sheet.oddFooter.left, sheet.oddFooter.center, sheet.oddFooter.right),
                          layout.page_footer):
        if text:
            part.text, part.font, part.size = text, FONT_NAME, 9
    if layout.print_title_rows:
        sheet.print_title_rows = "{}:{}".format(*layout.print_title_rows)


def native_chart(sheet, spec: ChartSpec):
    """An openpyxl chart for `spec`: series from the sheet's own cells.

    "bar": clustered columns, with any series of kind "line" drawn as lines over them
    (the accumulated net). "line": a line chart, or with `x_is_value` a scatter chart
    whose x axis is a value axis (weeks). Lines are not smoothed (openpyxl's default
    renders them smoothed); a series with `markers` shows points only, a dashed one
    a dashed line.
    """
    column, first, last = spec.categories
    categories = Reference(sheet, min_col=column, min_row=first, max_row=last)
    if spec.kind == "bar":
        chart = BarChart()
        chart.type, chart.grouping = "col", "clustered"
        chart.x_axis.tickLblPos = "low"  # year labels below the bars, also for savings (< 0)
    elif spec.x_is_value:
        chart = ScatterChart()
        chart.scatterStyle = "lineMarker"
        chart.x_axis.majorGridlines = None  # the weeks' grid would hide the dashed lines
    else:
        chart = LineChart()
    lines = LineChart() if spec.kind == "bar" else None
    chart.title = spec.title
    chart.x_axis.title = spec.x_title or None
    chart.y_axis.title = spec.y_title or None
    chart.y_axis.number_format = spec.y_number_format
    chart.y_axis.majorGridlines = ChartLines()
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    if spec.y_range:
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = spec.y_range
    if spec.x_range:
        chart.x_axis.scaling.min, chart.x_axis.scaling.max = spec.x_range
    if spec.x_major_unit:
        chart.x_axis.majorUnit = spec.x_major_unit
    chart.width, chart.height = spec.width_cm, spec.height_cm
    for item in spec.series:
        values = Reference(sheet, min_col=item.column, min_row=item.first_row, max_row=item.last_row)
        if spec.x_is_value:
            series = Series(values, categories, title=item.title)
        else:
            series = Series(values, title=item.title)
        if spec.kind == "line" or item.kind == "line":
            _line_style(series, item)
        (lines if lines is not None and item.kind == "line" else chart).series.append(series)
    if not spec.x_is_value:
        chart.set_categories(categories)
    if lines is not None and lines.series:
        lines.set_categories(categories)
        chart += lines
    return chart


def _line_style(series, item) -> None:
    """Unsmoothed; points only for `markers`, else a 2.25 pt line (dashed if asked), in its colour."""
    series.smooth = False
    line = series.graphicalProperties.line
    if item.markers:
        series.marker.symbol = "circle"
        series.marker.size = 5
        line.noFill = True
        if item.color:
            series.marker.graphicalProperties = GraphicalProperties(solidFill=item.color)
            series.marker.graphicalProperties.line.solidFill = item.color
        return
    series.marker.symbol = "none"
    line.width = 28575  # 2.25 pt, EMU
    if item.color:
        line.solidFill = item.color
    if item.dashed:
        line.dashStyle = "dash"


def rendered_sheet(layout: SheetLayout) -> bytes:
    """`layout` rendered alone into a fresh openpyxl workbook, saved to bytes.

    package.replace_sheet puts this sheet into a copy of the budget workbook part by
    part, so openpyxl never rewrites (and loses parts of) the user's other sheets.
    """
    workbook = openpyxl.Workbook()
    workbook.active.title = layout.name
    render_sheet(workbook, layout)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
