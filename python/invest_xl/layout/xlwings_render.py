"""Rendering a SheetLayout into an open workbook through xlwings (buttons inside Excel).

The same description `workbook.py` writes into a file with openpyxl is written here
into an xlwings Book: values and live formulas in one range write, then number
formats, fonts, fills, alignment, top borders, merges, column widths and charts. The
sheet `layout.name` is ours: an existing one is cleared (contents, formats, merges,
charts) and written again in its place, so formulas elsewhere that point at it keep
pointing at it; every other sheet is left alone. A sheet of that name that we did not
write is refused (`workbook.ownership`); ours gets its mark, a defined name. Works with classic xlwings (COM) and
with xlwings' server/Office.js Book alike.
"""

from __future__ import annotations

from invest_xl.layout.model import CellStyle, ChartSpec, SheetLayout
from invest_xl.workbook.ownership import check_replaceable, marker_name, marker_reference

FONT_NAME = "Calibri"
DEFAULT_SIZE = 11
# Text starting with these is read by Excel as a formula (or a number, a date) when it
# is written as input: a leading apostrophe keeps it text, and Excel does not show it.
_TEXT_GUARD = tuple("=+-@0123456789")
_CHART_TYPES = {"line": "line", "bar": "column_clustered"}
_SCATTER = "xy_scatter_lines_no_markers"  # weeks on a value axis
_POINTS_PER_CM = 72 / 2.54


def cell_input(cell) -> object:
    """What to write into the cell: the formula, the number, guarded text, or ''."""
    if cell.formula is not None:
        return cell.formula
    if cell.value is None:
        return ""
    if isinstance(cell.value, str) and cell.value.startswith(_TEXT_GUARD):
        return "'" + cell.value
    return cell.value


def input_grid(layout: SheetLayout) -> list[list]:
    """The whole layout as one 2-D block for a single range write ('' where empty)."""
    rows, columns = layout.size
    block = [[""] * columns for _ in range(rows)]
    for cell in layout.cells:
        block[cell.row - 1][cell.column - 1] = cell_input(cell)
    return block


def style_runs(layout: SheetLayout) -> list[tuple[int, int, int, CellStyle]]:
    """(row, first column, last column, style) for each run of equal non-default styles in a row."""
    by_row: dict[int, dict[int, CellStyle]] = {}
    for cell in layout.cells:
        by_row.setdefault(cell.row, {})[cell.column] = cell.style
    runs = []
    for row in sorted(by_row):
        cells = by_row[row]
        start = previous = None
        for column in sorted(cells):
            style = cells[column]
            if start is not None and column == previous + 1 and style == cells[start]:
                previous = column
                continue
            if start is not None and cells[start] != CellStyle():
                runs.append((row, start, previous, cells[start]))
            start = previous = column
        if start is not None and cells[start] != CellStyle():
            runs.append((row, start, previous, cells[start]))
    return runs


def _target_sheet(book, name: str):
    # Excel's sheet names ignore case: 'OPFØLGNING' is our sheet, and adding another
    # 'Opfølgning' beside it would fail.
    names = [sheet.name for sheet in book.sheets]
    existing = [n for n in names if n.casefold() == name.casefold()]
    if not existing:
        return book.sheets.add(name, after=book.sheets[len(names) - 1])
    sheet = book.sheets[existing[0]]
    defined = {n.name: n.refers_to for n in book.names}
    check_replaceable(sheet.name, sheet.range("A1").value, defined)
    for chart in list(sheet.charts)[::-1]:
        chart.delete()
    sheet.cells.unmerge()
    sheet.clear()
    return sheet


def _apply_style(rng, style: CellStyle) -> None:
    if style.number_format:
        rng.number_format = style.number_format
    if style.bold:
        rng.font.bold = True
    if style.italic:
        rng.font.italic = True
    if style.size and style.size != DEFAULT_SIZE:
        rng.font.size = style.size
    if style.fill:
        rng.color = f"#{style.fill}"
    if style.align:
        rng.horizontal_alignment = style.align
    if style.color:
        rng.font.color = f"#{style.color}"
    if style.wrap:
        rng.wrap_text = True
    if style.top_border:
        rng.borders["edge_top"].line_style = "continuous"
    if style.bottom_border:
        rng.borders["edge_bottom"].line_style = "continuous"


def render_into_book(book, layout: SheetLayout):
    """Write `layout` as the sheet `layout.name` of the open `book`; returns the sheet."""
    sheet = _target_sheet(book, layout.name)
    rows, columns = layout.size
    block = sheet.range((1, 1)).resize(rows, columns)
    block.formula = input_grid(layout)
    block.font.name = FONT_NAME
    for row, first, last, style in style_runs(layout):
        _apply_style(sheet.range((row, first), (row, last)), style)
    for first_row, first_col, last_row, last_col in layout.merges:
        sheet.range((first_row, first_col), (last_row, last_col)).merge()
    for column, width in sorted(layout.column_widths.items()):
        sheet.range((1, column)).column_width = width
    for row, height in sorted(layout.row_heights.items()):
        sheet.range((row, 1)).row_height = height
    _page_setup(sheet, layout)
    for spec in layout.charts:
        add_chart(sheet, spec)
    _mark(book, sheet.name)
    return sheet


def _page_setup(sheet, layout: SheetLayout) -> None:
    """Header, footer and print titles through Excel's own PageSetup (classic Excel only).

    The Office.js/server Book has no page setup: there the sheet keeps Excel's defaults,
    and `invest-xl followup`/`report` give the printed form.
    """
    try:
        setup = sheet.api.PageSetup
    except AttributeError:  # the server Book's sheet.api is its JSON, without PageSetup
        return
    left, center, right = layout.page_header
    setup.LeftHeader, setup.CenterHeader, setup.RightHeader = left, center, right
    left, center, right = layout.page_footer
    setup.LeftFooter, setup.CenterFooter, setup.RightFooter = left, center, right
    if layout.print_title_rows:
        setup.PrintTitleRows = "${}:${}".format(*layout.print_title_rows)


def _mark(book, name: str) -> None:
    """Our sheet's mark (workbook.ownership): added, or pointed anew at the sheet."""
    marker, reference = marker_name(name), "=" + marker_reference(name)
    # the one write outside our sheet: a workbook-level defined name
    if marker in book.names:
        book.names[marker].refers_to = reference
    else:
        book.names.add(marker, reference)


def add_chart(sheet, spec: ChartSpec):
    """A native chart over the sheet's cells: the categories column and each series column.

    xlwings sets a chart from one source range, so the series must stand in adjacent
    columns right of the categories (as every ChartSpec of ours does); the header row
    above them gives the series names. A chart with `x_is_value` is an xy scatter
    (weeks on a value axis); the series' colours and dashes are the openpyxl renderer's
    only, Excel gives these its own.
    """
    column, first, last = spec.categories
    series_columns = [s.column for s in spec.series]
    header = first - 1
    return sheet.charts.add(width=spec.width_cm * _POINTS_PER_CM,
                            height=spec.height_cm * _POINTS_PER_CM,
                            chart_type=_SCATTER if spec.x_is_value else _CHART_TYPES[spec.kind],
                            source=sheet.range((header, column), (last, max(series_columns))),
                            plot_by="columns", anchor=sheet.range(spec.anchor))
