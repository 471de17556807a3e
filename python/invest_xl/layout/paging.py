"""Where the printed pages break: blocks of rows kept whole on an A4 landscape page.

A sheet printed "fit to one page wide" is scaled by (printable width / sheet width);
the rows a page holds follow from that scale. Heights and widths in points (1/72
inch); Excel's column width unit is one character of the default font (Calibri 11:
7 px of 96 per inch, plus 5 px padding).
"""

from __future__ import annotations

from invest_xl.layout.model import SheetLayout

# A4 landscape, 29.7 x 21.0 cm, with Excel's normal margins (0.7 in left/right,
# 0.75 in top/bottom, header and footer inside the top and bottom margins).
PAGE_WIDTH_PT = 29.7 / 2.54 * 72 - 2 * 0.7 * 72
PAGE_HEIGHT_PT = 21.0 / 2.54 * 72 - 2 * 0.75 * 72
DEFAULT_ROW_PT = 15.0
# room kept free on every page: renderers differ a little in row heights and fonts
SAFETY = 0.9


def column_width_pt(characters: float) -> float:
    """An Excel column width (characters) in points."""
    return (characters * 7 + 5) * 0.75


def fit_scale(layout: SheetLayout) -> float:
    """The print scale (at most 1) that fits every used column on one page width."""
    _, columns = layout.size
    width = sum(column_width_pt(layout.column_widths.get(c, 8.43)) for c in range(1, columns + 1))
    return min(1.0, PAGE_WIDTH_PT / width)


def row_height_pt(layout: SheetLayout, row: int) -> float:
    return layout.row_heights.get(row, DEFAULT_ROW_PT)


def break_between_blocks(layout: SheetLayout, blocks: list[tuple[int, int]],
                         forced: set[int] = frozenset()) -> list[int]:
    """Rows after which a page breaks, so that no (first row, last row) block is split.

    `forced`: first rows of blocks that always start a new page. Print title rows repeat
    on every page and take their room first. A block taller than a page starts a page
    and runs over (nothing better can be done). Returns rows in order (openpyxl's Break id).
    """
    scale = fit_scale(layout)
    capacity = PAGE_HEIGHT_PT * SAFETY / scale
    titles = 0.0
    if layout.print_title_rows:
        first, last = layout.print_title_rows
        titles = sum(row_height_pt(layout, r) for r in range(first, last + 1))
    breaks: list[int] = []
    used = 0.0
    for first, last in blocks:
        height = sum(row_height_pt(layout, r) for r in range(first, last + 1))
        on_new_page = breaks and used == 0.0
        if first > 1 and not on_new_page and (first in forced or used + height > capacity - titles * bool(breaks)):
            breaks.append(first - 1)
            used = 0.0
        used += height
    return breaks
