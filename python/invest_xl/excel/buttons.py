"""What the workbook's buttons do, given the open workbook as an xlwings Book.

"Opdater opfølgning" reads the budget tables of the open workbook and writes the
follow-up sheet; "Opdater kurver" reads the tables `Forloeb` and `Kurvepunkter` and writes the
curve sheet. Both use the layouts the command line writes with openpyxl, rendered by
`xlwings_render`, and write only their own sheet.

The Book's tables are copied, values only, into an in-memory openpyxl workbook at the
same sheet and cells, so the one reader (`reader.budget_from_workbook`) reads them
and its messages name the same sheet and row the user sees.
"""

from __future__ import annotations

import logging

import openpyxl
from openpyxl.worksheet.table import Table

from invest_xl.layout.curve_sheet import curves_layout
from invest_xl.errors import InvestXLError
from invest_xl.excel.cell_errors import UNEXPECTED
from invest_xl.jobs import curve_groups_from_workbook, followup_for_workbook
from invest_xl.layout.model import SheetLayout
from invest_xl.layout.xlwings_render import render_into_book

logger = logging.getLogger(__name__)
TITLE = "invest-xl"


def tables_as_openpyxl(book) -> openpyxl.Workbook:
    """An openpyxl workbook holding every Excel table of `book` (values) at its place."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet in book.sheets:
        tables = list(sheet.tables)
        if not tables:
            continue
        target = workbook.create_sheet(sheet.name)
        for table in tables:
            rng = table.range
            for r, row in enumerate(rng.options(ndim=2).value):
                for c, value in enumerate(row):
                    cell = target.cell(rng.row + r, rng.column + c, value)
                    if isinstance(value, str):
                        cell.data_type = "s"  # text such as "=x" stays text, as in Excel
            copy = Table(displayName=table.name, ref=rng.address.replace("$", ""))
            copy.totalsRowCount = 1 if table.show_totals else None
            target.add_table(copy)
    return workbook


def refresh_followup(book) -> SheetLayout:
    """Regenerate the follow-up sheet of the open workbook from its budget tables.

    The same computation as the command line's (followup.followup_for_workbook).
    """
    _, layout = followup_for_workbook(tables_as_openpyxl(book))
    render_into_book(book, layout)
    return layout


def refresh_curves(book) -> SheetLayout:
    """Recompute the curve sheet (fits, weeks saved, charts) from the tables Forloeb and Kurvepunkter."""
    layout = curves_layout(curve_groups_from_workbook(tables_as_openpyxl(book)))
    render_into_book(book, layout)
    return layout


def run_button(book, action) -> None:
    """Run a button's action on `book` (the caller's workbook when None); a bad input, or
    a bug, is shown in a short message box, never as a traceback."""
    if book is None:
        import xlwings

        book = xlwings.Book.caller()
    try:
        action(book)
    except InvestXLError as error:
        book.app.alert(error.message, title=TITLE)
    except Exception as error:  # a bug must still not show a traceback to the user
        logger.exception("button %s failed", action.__name__)
        book.app.alert(UNEXPECTED.format(function=action.__name__, kind=type(error).__name__),
                       title=TITLE)
