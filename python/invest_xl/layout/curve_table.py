"""The curve table on "Kurveberegning" as municipalities publish it (`survival.period_table`).

One row per group and entry period (Gennemsnit of the earlier years, each year, the
last year's halves) with its number of spells, then the share still on benefit at the
published weeks; a blank cell where the cohort has not been followed that long. Under
it the source line (the spells' table and cut-off date, dd-mm-yyyy) and what a blank
cell means.
"""

from __future__ import annotations

from invest_xl import labels
from invest_xl.formatting import danish_date, short_number
from invest_xl.layout.model import HEADER_LEFT, NOTE, TITLE, CellStyle, SheetLayout
from invest_xl.survival.period_table import PeriodTable

SHARE = CellStyle(number_format="0.0%")
COUNT = CellStyle(number_format="#,##0")
WRAPPED_HEADER = CellStyle(bold=True, align="center", fill=HEADER_LEFT.fill, wrap=True)
FIRST_WEEK_COLUMN = 4


def put_period_table(layout: SheetLayout, row: int, table: PeriodTable, source_table: str) -> int:
    """Write `table` from `row`; returns the first free row below it."""
    layout.put(row, 1, labels.PERIOD_TABLE_TITLE, style=TITLE)
    header = row + 1
    for column, title in enumerate(labels.PERIOD_TABLE_COLUMNS, start=1):
        layout.put(header, column, title, style=HEADER_LEFT if column < 3 else WRAPPED_HEADER)
    for offset, week in enumerate(table.weeks):
        layout.put(header, FIRST_WEEK_COLUMN + offset, labels.PERIOD_WEEK.format(week=short_number(week)),
                   style=WRAPPED_HEADER)
    for r, item in enumerate(table.rows, start=header + 1):
        layout.put(r, 1, item.group)
        layout.put(r, 2, item.period)
        layout.put(r, 3, item.size, style=COUNT)
        for offset, share in enumerate(item.shares):
            if share is not None:
                layout.put(r, FIRST_WEEK_COLUMN + offset, share, style=SHARE)
    below = header + len(table.rows) + 1
    layout.put(below, 1, labels.PERIOD_SOURCE_SPELLS.format(table=source_table, date=danish_date(table.cutoff)),
               style=NOTE)
    layout.put(below + 1, 1, labels.PERIOD_BLANK_NOTE, style=NOTE)
    return below + 3
