"""Finding Excel tables (ListObjects) by name and reading their rows by a schema.

A municipality pastes its own rows into our named tables, wherever on whichever sheet
they sit. The reader matches column headers by name (case, spaces and Danish letters
folded), tolerates extra and reordered columns and blank rows, and turns each cell into
a typed value, or raises one message that says which table, which row and what is wrong.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from openpyxl.utils import range_boundaries

from invest_xl import labels
from invest_xl.workbook.cells import CellValueError, is_blank
from invest_xl.errors import InvestXLError
from invest_xl.formatting import fold, table_place


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
    """A table row read by a schema: its values by key, and where it stands (for messages).

    `sheet` is None for a range handed to a function; `row` is then counted from the
    range's header row (1). `extra` holds the columns a schema reads beyond its own
    (the curves of Kurvepunkter), by header, in column order.
    """

    values: dict[str, Any]
    sheet: str | None
    row: int
    table: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def place(self) -> str:
        """Where the row stands, for a message: table, sheet and row (or argument and row)."""
        return table_place(self.table, self.sheet, self.row)


@dataclass(frozen=True)
class TableSchema:
    """A named input table: its name, its columns, and the sheet we create it on.

    `extra`, when set, reads every column whose header no schema column matches (one
    curve per column in Kurvepunkter); blank cells there are None. `other_form`, when
    set, is asked with the schema and the header row whether the table comes in another shape (the wide
    `Beloeb`, `wide_tables`); it returns a reader of that shape's rows, or None.
    """

    name: str
    columns: tuple[Column, ...]
    description: str = ""
    sheet: str = field(default="")
    extra: Callable[[Any], Any] | None = None
    other_form: Callable[["TableSchema", list[str]], Callable | None] | None = None

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def without(self, *keys: str) -> "TableSchema":
        """The same table without some columns (a range for one case needs no Sag)."""
        return replace(self, columns=tuple(c for c in self.columns if c.key not in keys))


class TableError(InvestXLError):
    """A table is missing or has a bad row; the message names table, sheet and row."""


def find_table(workbook, name: str):
    """The worksheet and table named `name` (folded as `fold` does), or None.

    Excel allows 'Beløb' beside 'Beloeb', which fold to one name: both are refused as
    ambiguous rather than the first in sheet order read.
    """
    hits = [(sheet, table) for sheet in workbook.worksheets for table in sheet.tables.values()
            if fold(table.displayName) == fold(name)]
    if len(hits) > 1:
        listed = " og ".join(f"'{t.displayName}' (ark '{s.title}')" for s, t in hits)
        raise TableError(labels.AMBIGUOUS_TABLE.format(name=name, tables=listed))
    return hits[0] if hits else None


def table_bounds(sheet, table) -> tuple[int, int, int, int]:
    """(min_col, min_row, max_col, max_row) of a table's header and data rows.

    Excel's total row ("Totalrække": I alt, =SUBTOTAL(...)) is not data. A table may claim
    a million rows; only the rows the sheet really holds are read.
    """
    try:
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    except (TypeError, ValueError):
        raise TableError(labels.BAD_TABLE_REF.format(name=table.displayName, sheet=sheet.title,
                                                     ref=table.ref)) from None
    if None in (min_col, min_row, max_col, max_row):
        raise TableError(labels.BAD_TABLE_REF.format(name=table.displayName, sheet=sheet.title,
                                                     ref=table.ref))
    max_row -= table.totalsRowCount or 0
    return min_col, min_row, min(max_col, sheet.max_column), min(max_row, sheet.max_row)


def table_cells(sheet, table) -> tuple[int, list[tuple[int, tuple]]]:
    """(header row number, [(row number, cells)]) of a table: header first, then data rows.

    Built from the cells the sheet holds, not from the range the table claims: a ref of
    A1:XFD1048576 with one stray cell costs that cell, not a billion empty ones. The
    width ends at the last header; a column without a header is read by no schema.
    """
    min_col, min_row, max_col, max_row = table_bounds(sheet, table)
    by_row: dict[int, dict[int, Any]] = {}
    # openpyxl keeps the cells it read in this dict; asking for others would create them
    for (r, c), cell in sheet._cells.items():
        if min_row <= r <= max_row and min_col <= c <= max_col:
            by_row.setdefault(r, {})[c] = cell
    header = by_row.get(min_row, {})
    named = [c for c, cell in header.items() if not is_blank(cell.value)]
    last = max(named, default=min_col - 1)
    return min_row, [(r, tuple(by_row[r].get(c) for c in range(min_col, last + 1)))
                     for r in sorted(by_row)] or [(min_row, ())]


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
    header_row, numbered = table_cells(sheet, table)
    if numbered[0][0] != header_row:
        numbered.insert(0, (header_row, ()))
    rows = ((number, tuple(_value(workbook, sheet, cell) for cell in cells))
            for number, cells in numbered)
    return typed_rows(schema, rows, table=schema.name, sheet=sheet.title)


def read_range(grid: list[list], argument: str, schema: TableSchema) -> list[TableRow]:
    """The rows of a range handed to a function (header row first), typed by the schema.

    The one reader of the table, for a range instead of an Excel table: the same columns,
    words and checks; messages name the argument and the row counted from the header (1).
    """
    return rows_by_schema(schema, iter(grid), table=argument, sheet=None, first_row=1)


def rows_by_schema(schema: TableSchema, rows, *, table: str, sheet: str | None,
                   first_row: int) -> list[TableRow]:
    """Rows (an iterator, header first) typed by `schema`; blank rows are left out."""
    return typed_rows(schema, ((first_row + i, cells) for i, cells in enumerate(rows)),
                      table=table, sheet=sheet)


def typed_rows(schema: TableSchema, numbered, *, table: str, sheet: str | None) -> list[TableRow]:
    """(row number, cells) pairs, header first, typed by `schema`; blank rows left out.

    A schema with another form of its table (`other_form`, the wide Beloeb) hands the
    rows to that form's reader when the header row says so.
    """
    header_number, header_cells = next(numbered, (0, ()))
    headers = [header_text(h) for h in header_cells]
    if schema.other_form is not None and (reader := schema.other_form(schema, headers)) is not None:
        return reader(itertools.chain([(header_number, header_cells)], numbered), table=table, sheet=sheet)
    positions = _column_positions(schema, headers, table, sheet)
    extra = _extra_positions(schema, headers, positions)
    result = []
    for number, cells in numbered:
        if all(is_blank(v) for v in cells):
            continue
        result.append(_read_row(schema, positions, extra, cells, table, sheet, number))
    return result


def header_text(cell) -> str:
    """A header cell as text; a whole number (a year typed as 2021, or 2021.0 from Excel) without decimals."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


class _UnsavedFormula:
    """A formula cell of a file saved without calculated values (not by Excel)."""


def _value(workbook, sheet, cell):
    """A cell's value; for a formula, the value saved with it (see files.open_workbook).

    A formula whose saved result is the empty text (=HVIS(...;"";...), saved as t="str"
    with an empty value) is a blank cell, not an unsaved formula.
    """
    if cell is None:
        return None
    if cell.data_type != "f" or not hasattr(workbook, "saved_values"):
        return cell.value
    saved = workbook.saved_values()[sheet.title][cell.coordinate]
    if saved.value is None:
        return None if saved.data_type in ("s", "str") else _UnsavedFormula()
    return saved.value


def _column_positions(schema: TableSchema, headers: list[str], table: str,
                      sheet: str | None) -> dict[str, int]:
    place = table_place(table, sheet)
    positions: dict[str, int] = {}
    for column in schema.columns:
        hits = [i for i, h in enumerate(headers) if column.matches(h)]
        if len(hits) > 1:
            raise TableError(f"{place} har kolonnen '{column.header}' mere end én gang.")
        if hits:
            positions[column.key] = hits[0]
        elif column.required and sheet is None:
            wanted = ", ".join(c.header for c in schema.columns if c.required)
            raise TableError(f"{place}: første række skal være overskrifterne ({wanted}); "
                             f"kolonnen '{column.header}' mangler.")
        elif column.required:
            raise TableError(f"{place} mangler kolonnen '{column.header}'.")
    return positions


def _extra_positions(schema: TableSchema, headers: list[str], positions: dict[str, int]) -> dict[str, int]:
    if schema.extra is None:
        return {}
    taken = set(positions.values())
    return {h.strip(): i for i, h in enumerate(headers) if i not in taken and not is_blank(h)}


def _cell(schema, parse, header, raw, table, sheet, row):
    try:
        return parse(raw)
    except CellValueError as error:
        raise TableError(f"{table_place(table, sheet, row, header)}: {error.message}.") from None


def _read_row(schema, positions, extra, cells, table: str, sheet: str | None, row: int) -> TableRow:
    values = {}
    for column in schema.columns:
        raw = cells[positions[column.key]] if column.key in positions else None
        if isinstance(raw, _UnsavedFormula):
            raise TableError(f"{table_place(table, sheet, row, column.header)} har en formel, men "
                             "filen er gemt uden formlens værdi; åbn den i Excel, gem den, og prøv igen.")
        if is_blank(raw):
            if column.required:
                raise TableError(f"{table_place(table, sheet, row, column.header)} er tom.")
            values[column.key] = column.default
            continue
        values[column.key] = _cell(schema, column.parse, column.header, raw, table, sheet, row)
    others = {}
    for header, position in extra.items():
        raw = cells[position] if position < len(cells) else None
        if isinstance(raw, _UnsavedFormula):
            raise TableError(f"{table_place(table, sheet, row, header)} har en formel, men "
                             "filen er gemt uden formlens værdi; åbn den i Excel, gem den, og prøv igen.")
        others[header] = None if is_blank(raw) else _cell(schema, schema.extra, header, raw, table, sheet, row)
    return TableRow(values, sheet, row, table, others)


def table_values(workbook, name: str) -> list[list] | None:
    """The raw cell values of table `name` (header row first), or None without such a table.

    For tables read by a reader of their own (the spells of `Forloeb`, `survival.spells`).
    """
    found = find_table(workbook, name)
    if found is None:
        return None
    sheet, table = found
    header_row, numbered = table_cells(sheet, table)
    width = len(numbered[0][1]) if numbered[0][0] == header_row else 0
    grid, expected, empty = [], header_row, (None,) * width
    for number, cells in numbered:
        grid += [empty] * (number - expected)  # rows the sheet holds no cell of: one shared blank
        grid.append([None if c is None else c.value for c in cells] + [None] * (width - len(cells)))
        expected = number + 1
    return grid
