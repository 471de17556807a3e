"""The wide form of a table: one column per year, the way budgets are printed.

`Beloeb` may come long (Sag, År, Art, Status, Beløb: one row per figure) or wide (Sag,
Art, Status, 2020, 2021, ...: one row per case, kind and status). The form is told from
the header row: no `År` and no `Beløb` column, and at least one header that is a year.
A wide row becomes one long row per year cell that is not blank, with the same place
(table, sheet, row), so the long table's checks and messages apply unchanged; a blank
year cell is no figure, a `-` is zero (as in the long form).

>>> from invest_xl.workbook import contract
>>> rows = contract.AMOUNTS.other_form(contract.AMOUNTS, ["Sag", "Art", "Status", "2020", "2021"])
>>> [(r["year"], r["amount"]) for r in rows(iter([(1, ["Sag", "Art", "Status", "2020", "2021"]),
...                                               (2, [1, "investering", "Budget", 1.5, "-"])]),
...                                          table="beloeb", sheet=None)]
[(2020, 1.5), (2021, 0.0)]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from invest_xl.budget.model import FIRST_YEAR, LAST_YEAR
from invest_xl.formatting import table_place
from invest_xl.workbook.cells import is_blank
from invest_xl.workbook.tables import (Column, TableError, TableRow, TableSchema, header_text,
                                       typed_rows)

_YEAR = re.compile(r"\d{4}")


def header_year(header: str) -> int | None:
    """The year a header names ('2021'), or None for any other header."""
    text = header.strip()
    return int(text) if _YEAR.fullmatch(text) else None


def wide_form(year: Column, amount: Column):
    """The `other_form` of a long table whose `year` column becomes one column per year,
    holding the `amount` column's cells (read by the amount column's parser)."""

    def detect(long: TableSchema, headers: list[str]):
        if any(year.matches(h) or amount.matches(h) for h in headers):
            return None
        if not any(header_year(h) is not None for h in headers):
            return None
        return lambda rows, **where: _wide_rows(rows, long, year, amount, **where)
    return detect


def _wide_schema(long: TableSchema, year: Column, amount: Column) -> TableSchema:
    columns = tuple(c for c in long.columns if c.key not in (year.key, amount.key))
    return replace(long, columns=columns, extra=amount.parse, other_form=None)


def _year_columns(schema: TableSchema, headers: list[str], table: str, sheet: str | None,
                  year: Column) -> dict[str, int]:
    """Each year header of a wide table -> its year; any other header is refused."""
    place = table_place(table, sheet)
    years: dict[str, int] = {}
    for header in headers:
        if is_blank(header) or any(c.matches(header) for c in schema.columns):
            continue
        found = header_year(header)
        if found is None:
            own = ", ".join(c.header for c in schema.columns)
            raise TableError(f"{place}: kolonnen '{header.strip()}' er ikke et år; i den brede form "
                             f"står {own} og derefter ét år pr. kolonne (fx 2021).")
        if not FIRST_YEAR <= found <= LAST_YEAR:
            raise TableError(f"{place}: kolonnen '{header.strip()}' ligger ikke mellem {FIRST_YEAR} "
                             f"og {LAST_YEAR}.")
        if found in years.values():
            raise TableError(f"{place} har kolonnen '{found}' mere end én gang.")
        years[header.strip()] = found
    return years


def _wide_rows(numbered, long: TableSchema, year: Column, amount: Column, *, table: str,
               sheet: str | None) -> list[TableRow]:
    """(row number, cells) pairs, header first, of the wide form -> one long row per year cell."""
    schema = _wide_schema(long, year, amount)
    numbered = iter(numbered)
    header = next(numbered)
    years = _year_columns(schema, [header_text(h) for h in header[1]], table, sheet, year)
    wide = typed_rows(schema, itertools.chain([header], numbered), table=table, sheet=sheet)
    seen: dict[tuple, int] = {}
    result = []
    for row in wide:
        key = tuple(row.values.values())
        if key in seen:
            what = ", ".join(str(v) for v in key)
            raise TableError(f"{row.place}: {what} står også i række {seen[key]}.")
        seen[key] = row.row
        for header, value in row.extra.items():
            if value is not None:
                values = {**row.values, year.key: years[header], amount.key: value}
                result.append(TableRow(values, row.sheet, row.row, row.table))
    return result


def wide_rows(amounts, years: list[int]) -> list[list]:
    """Amounts (objects with case, year, kind, status, mio_kr) as wide rows: Sag, Art,
    Status, then one cell per year of `years` (None where there is no figure)."""
    by_key: dict[tuple, dict[int, float]] = {}
    for a in amounts:
        by_key.setdefault((a.case, a.kind, a.status), {})[a.year] = a.mio_kr
    return [[case, kind, status, *(cells.get(y) for y in years)]
            for (case, kind, status), cells in by_key.items()]
