"""Finding Excel tables (ListObjects) by name and reading their rows by a schema.

A municipality pastes its own rows into our named tables, wherever on whichever sheet
they sit. The reader matches column headers by name (case, spaces and Danish letters
folded), tolerates extra and reordered columns and blank rows, and turns each cell into
a typed value, or raises one message that says which table, which row and what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from openpyxl.utils import range_boundaries

from invest_xl.workbook.cells import CellValueError, is_blank
from invest_xl.errors import InvestXLError


def fold(name: str) -> str:
    """A header or table name folded for matching: lower case, no spaces or accents, æøå kept apart."""
    text = str(name).strip().lower()
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", text)


@dataclass(frozen=True)
class Column:
    """One column of a table schema: its key in code, its Danish header, how to read it."""

    key: str
    header: str
    parse: Callable[[Any], Any]
    required: bool = True
    aliases: tuple[str, ...] = ()
    default: Any = None

    def matches(self, header: str) -> bool:
        return fold(header) in {fold(self.header), *(fold(a) for a in self.aliases)}


@dataclass(frozen=True)
class TableRow:
    """A table row read by a schema: its values by key, and where it stands (for messages)."""

    values: dict[str, Any]
    sheet: str
    row: int

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


@dataclass(frozen=True)
class TableSchema:
    """A named input table: its name, its columns, and the sheet we create it on."""

    name: str
    columns: tuple[Column, ...]
    description: str = ""
    sheet: str = field(default="")

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


class TableError(InvestXLError):
    """A table is missing or has a bad row; the message names table, sheet and row."""


def find_table(workbook, name: str):
    """The worksheet and table named `name` (case-insensitive), or None."""
    for sheet in workbook.worksheets:
        for table in sheet.tables.values():
            if fold(table.displayName) == fold(name):
                return sheet, table
    return None


def table_bounds(sheet, table) -> tuple[int, int, int, int]:
    """(min_col, min_row, max_col, max_row) of a table's header and data rows.

    Excel's total row ("Totalrække": I alt, =SUBTOTAL(...)) is not data. A table may claim
    a million rows; only the rows the sheet really holds are read.
    """
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    max_row -= table.totalsRowCount or 0
    return min_col, min_row, min(max_col, sheet.max_column), min(max_row, sheet.max_row)


def read_table(workbook, schema: TableSchema, *, required: bool = True) -> list[TableRow]:
    """Every non-blank row of the table `schema.name`, typed by the schema.

    A missing table gives [] when not `required`, else a message that says how to add it.
    """
    found = find_table(workbook, schema.name)
    if found is None:
        if not required:
            return []
        raise TableError(
            f"Projektmappen har ingen tabel med navnet '{schema.name}'. Opret den som en "
            f"Excel-tabel (Indsæt > Tabel) med kolonnerne: {', '.join(schema.headers)}.")
    sheet, table = found
    min_col, min_row, max_col, max_row = table_bounds(sheet, table)
    rows = (tuple(_value(workbook, sheet, cell) for cell in cells)
            for cells in sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col,
                                         max_col=max_col))
    header_cells = next(rows, ())
    positions = _column_positions(schema, [("" if h is None else str(h)) for h in header_cells],
                                  sheet.title)
    result = []
    for offset, cells in enumerate(rows, start=1):
        if all(is_blank(v) for v in cells):
            continue
        result.append(_read_row(schema, positions, cells, sheet.title, min_row + offset))
    return result


class _UnsavedFormula:
    """A formula cell of a file saved without calculated values (not by Excel)."""


def _value(workbook, sheet, cell):
    """A cell's value; for a formula, the value saved with it (see files.open_workbook)."""
    if cell.data_type != "f" or not hasattr(workbook, "saved_values"):
        return cell.value
    saved = workbook.saved_values()[sheet.title][cell.coordinate].value
    return _UnsavedFormula() if saved is None else saved


def _column_positions(schema: TableSchema, headers: list[str], sheet: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    for column in schema.columns:
        hits = [i for i, h in enumerate(headers) if column.matches(h)]
        if len(hits) > 1:
            raise TableError(f"Tabellen '{schema.name}' (ark '{sheet}') har kolonnen "
                             f"'{column.header}' mere end én gang.")
        if hits:
            positions[column.key] = hits[0]
        elif column.required:
            raise TableError(f"Tabellen '{schema.name}' (ark '{sheet}') mangler kolonnen "
                             f"'{column.header}'.")
    return positions


def _read_row(schema, positions, cells, sheet: str, row: int) -> TableRow:
    values = {}
    for column in schema.columns:
        raw = cells[positions[column.key]] if column.key in positions else None
        if isinstance(raw, _UnsavedFormula):
            raise TableError(f"Tabellen '{schema.name}' (ark '{sheet}', række {row}): "
                             f"kolonnen '{column.header}' har en formel, men filen er gemt uden "
                             "formlens værdi; åbn den i Excel, gem den, og prøv igen.")
        if is_blank(raw):
            if column.required:
                raise TableError(f"Tabellen '{schema.name}' (ark '{sheet}', række {row}): "
                                 f"kolonnen '{column.header}' er tom.")
            values[column.key] = column.default
            continue
        try:
            values[column.key] = column.parse(raw)
        except CellValueError as error:
            raise TableError(f"Tabellen '{schema.name}' (ark '{sheet}', række {row}): "
                             f"kolonnen '{column.header}': {error.message}.") from None
    return TableRow(values, sheet, row)
