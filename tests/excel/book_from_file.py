"""An xlwings Book in server mode (Office.js JSON) built from a workbook file, as Excel
would send it to a script: every sheet's values and its tables with their addresses."""

from __future__ import annotations

import datetime as dt

import openpyxl
import xlwings as xw
from openpyxl.utils import range_boundaries

EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _json_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return (value - EXCEL_EPOCH).days + (value - EXCEL_EPOCH).seconds / 86400
    if isinstance(value, dt.date):
        return (dt.datetime.combine(value, dt.time()) - EXCEL_EPOCH).days
    if not isinstance(value, (str, int, float, bool)):
        return str(value)
    return value


def _address(min_col, min_row, max_col, max_row) -> str:
    from openpyxl.utils import get_column_letter as letter

    return f"${letter(min_col)}${min_row}:${letter(max_col)}${max_row}"


def book_json(path) -> dict:
    workbook = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        rows, columns = max(sheet.max_row, 1), max(sheet.max_column, 1)
        values = [[_json_value(sheet.cell(r, c).value) for c in range(1, columns + 1)]
                  for r in range(1, rows + 1)]
        tables = []
        for name, ref in sheet.tables.items():
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            tables.append({
                "name": name, "range_address": _address(min_col, min_row, max_col, max_row),
                "header_row_range_address": _address(min_col, min_row, max_col, min_row),
                "data_body_range_address": _address(min_col, min_row + 1, max_col, max_row),
                "total_row_range_address": None, "show_headers": True, "show_totals": False,
                "show_autofilter": True, "table_style": "TableStyleMedium2"})
        sheets.append({"name": sheet.title, "values": values, "pictures": [], "tables": tables,
                       "charts": []})
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
            "names": _names(workbook), "sheets": sheets}


def _names(workbook) -> list[dict]:
    """The workbook-level defined names of one cell, as Office.js sends them."""
    titles = [sheet.title for sheet in workbook.worksheets]
    names = []
    for name, defined in workbook.defined_names.items():
        destinations = list(defined.destinations)
        if len(destinations) != 1 or destinations[0][0] not in titles:
            continue
        sheet, cell = destinations[0]
        names.append({"name": name, "sheet_index": titles.index(sheet), "address": cell.replace("$", ""),
                      "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None,
                      "refers_to": "=" + defined.attr_text})
    return names


def book_from_file(path) -> xw.Book:
    return xw.Book(json=book_json(path))
