"""A sheet described once, independent of how it is rendered: cells, styles, merges, charts.

`SheetLayout` holds cells (text, numbers or live Excel formulas) with their styles,
merged ranges, column widths, print settings and native charts. The openpyxl renderer
(`layout.openpyxl_render`) writes it into a file; the xlwings renderer
(`layout.xlwings_render`) into the open workbook, so the button and the command line agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

AMOUNT_FORMAT = "#,##0.000;-#,##0.000;0.000"
# A total over a column where some case has no figure: the sum of those that have one,
# marked with a star that the sheet's footnote explains (labels.INCOMPLETE_NOTE).
INCOMPLETE_FORMAT = '#,##0.000" *";-#,##0.000" *";0.000" *"'
HEADER_FILL = "DDEBF7"
TOTAL_FILL = "F2F2F2"
ALERT_FILL = "FFC7CE"
ALERT_FONT = "9C0006"


@dataclass(frozen=True)
class CellStyle:
    """How a cell looks; None/False means the sheet's default."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    number_format: str | None = None
    align: str | None = None
    fill: str | None = None
    top_border: bool = False
    bottom_border: bool = False
    wrap: bool = False
    color: str | None = None


@dataclass(frozen=True)
class LayoutCell:
    """One cell: a constant (text or number) or a formula ('=SUM(B5:B6)'), 1-based position."""

    row: int
    column: int
    value: str | float | None = None
    formula: str | None = None
    style: CellStyle = CellStyle()

    @property
    def address(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


@dataclass(frozen=True)
class ChartSeries:
    """One series of a chart: its title and its values, one column of cells (1-based rows).

    `kind` "line" draws it as a line over a bar chart (a combined chart); `markers`
    draws points without a line (observed data); `dashed` a dashed line. `color` (hex,
    "1F77B4") gives the line and the markers one colour, so a curve's data, model and
    extrapolation read as one group.
    """

    title: str
    column: int
    first_row: int
    last_row: int
    dashed: bool = False
    kind: str | None = None
    markers: bool = False
    color: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    """A native chart: "line" (smooth off) or "bar" (clustered columns) over cells of the sheet.

    `categories` is the column and rows of the x-axis labels (weeks, years); `anchor`
    the top-left cell the chart is placed at; sizes in cm. `y_range` fixes the y axis
    (e.g. 0-1 for shares); `x_is_value` puts the categories on a value axis (weeks),
    `x_range` and `x_major_unit` fix that axis (0-52 in steps of 4).
    """

    kind: str
    title: str
    categories: tuple[int, int, int]
    series: tuple[ChartSeries, ...]
    anchor: str
    x_title: str = ""
    y_title: str = ""
    y_number_format: str = "General"
    width_cm: float = 16.0
    height_cm: float = 8.0
    y_range: tuple[float, float] | None = None
    x_is_value: bool = False
    x_range: tuple[float, float] | None = None
    x_major_unit: float | None = None


@dataclass
class SheetLayout:
    """A whole sheet: cells, merges, widths, anchors of the totals, rows a new page follows."""

    name: str
    cells: list[LayoutCell] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    column_widths: dict[int, float] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)
    page_breaks: list[int] = field(default_factory=list)
    charts: list[ChartSpec] = field(default_factory=list)
    landscape: bool = True
    fit_to_width: bool = True
    row_heights: dict[int, float] = field(default_factory=dict)
    # page header (left, centre, right) and footer text; Excel's codes: &P page, &N pages
    page_header: tuple[str, str, str] = ("", "", "")
    page_footer: tuple[str, str, str] = ("", "", "")
    print_title_rows: tuple[int, int] | None = None

    def put(self, row: int, column: int, value=None, *, formula: str | None = None,
            style: CellStyle = CellStyle()) -> LayoutCell:
        cell = LayoutCell(row, column, value, formula, style)
        self.cells.append(cell)
        return cell

    @property
    def size(self) -> tuple[int, int]:
        """(rows, columns) the layout covers."""
        return (max(c.row for c in self.cells), max(c.column for c in self.cells))

    def grid(self) -> list[list]:
        """Every cell's content as a 2-D list (formulas as their text), for range writes."""
        rows, columns = self.size
        grid = [[None] * columns for _ in range(rows)]
        for cell in self.cells:
            grid[cell.row - 1][cell.column - 1] = cell.formula if cell.formula else cell.value
        return grid


TITLE = CellStyle(bold=True, size=12)
HEADER = CellStyle(bold=True, align="center", fill=HEADER_FILL)
HEADER_LEFT = CellStyle(bold=True, fill=HEADER_FILL)
AMOUNT = CellStyle(number_format=AMOUNT_FORMAT)
TOTAL_LABEL = CellStyle(bold=True, top_border=True, fill=TOTAL_FILL)
TOTAL_AMOUNT = CellStyle(bold=True, number_format=AMOUNT_FORMAT, top_border=True, fill=TOTAL_FILL)
NOTE = CellStyle(italic=True)
WRAPPED = CellStyle(wrap=True)
ALERT = CellStyle(bold=True, fill=ALERT_FILL, color=ALERT_FONT, wrap=True)
INCOMPLETE_AMOUNT = CellStyle(number_format=INCOMPLETE_FORMAT)
INCOMPLETE_TOTAL = CellStyle(bold=True, number_format=INCOMPLETE_FORMAT, top_border=True, fill=TOTAL_FILL)
COMPUTED_AMOUNT = CellStyle(italic=True, number_format=AMOUNT_FORMAT)
