"""Excel-shaped arguments -> typed values, or a message naming the argument.

A UDF receives what Excel sends: a single value, or a 2-D list for a range, with
blanks as None, numbers as floats (dates too, as serial numbers), text typed into
number cells ("3,079") and error values as text ("#N/A", when the UDF asks xlwings
for `err_to_str`). These functions turn such arguments into the typed values the
package's functions take, or raise an `ArgumentError` whose short Danish message names
the argument as Excel shows it. A range that is a table (Beloeb, Tilgang, Prisindeks,
FteReduktioner, ...) is read by that table's one reader (`table_rows`).
`cell_errors.answers_in_cell` turns any error into the text the cell shows.
"""

from __future__ import annotations

from typing import Iterable

from invest_xl.workbook.cells import (CellValueError, is_blank, is_excel_error, parse_date, parse_number,
                             parse_share, parse_text, parse_whole_number)
from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number
from invest_xl.budget.model import FIRST_YEAR, LAST_YEAR
from invest_xl.formatting import fold
from invest_xl.workbook.tables import read_range

class ArgumentError(InvestXLError):
    """An argument of a UDF that cannot be used; the message starts with its name."""

    def __init__(self, argument: str, reason: str):
        super().__init__(f"{argument}: {reason}")
        self.argument = argument
        self.reason = reason


def grid(value) -> list[list]:
    """Any argument as a 2-D list of rows: a scalar is [[value]], a flat list one row."""
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list):
        return [[value]]
    if not value:
        return [[None]]
    if not isinstance(value[0], (list, tuple)):
        return [list(value)]
    return [list(row) for row in value]


def _error_value(value) -> str | None:
    return str(value).strip().upper() if is_excel_error(value) else None


def omitted(value) -> bool:
    """True for an omitted argument, and for a reference to empty cells (classic Excel
    sends those as blanks where Office.js sends nothing)."""
    return all(is_blank(cell) for row in grid(value) for cell in row)


def vector(value, argument: str) -> list:
    """The cells of a one-column or one-row range, in order, trailing blanks dropped.

    Excel users select a few extra empty cells below their data; those are dropped.
    A blank inside the data, a 2-D range or an error value is refused.
    """
    rows = grid(value)
    if len(rows) > 1 and len(rows[0]) > 1:
        raise ArgumentError(argument, f"skal være én kolonne eller én række, ikke "
                                      f"{len(rows)} rækker x {len(rows[0])} kolonner")
    cells = [row[0] for row in rows] if len(rows) > 1 else list(rows[0])
    while cells and is_blank(cells[-1]):
        cells.pop()
    if not cells:
        raise ArgumentError(argument, "er tom")
    for position, cell in enumerate(cells, start=1):
        if is_blank(cell):
            raise ArgumentError(argument, f"celle {position} er tom")
        if (error := _error_value(cell)) is not None:
            raise ArgumentError(argument, f"celle {position} er fejlværdien {error}")
    return cells


def numbers(value, argument: str) -> list[float]:
    """A one-column or one-row range of numbers (text like '3,079' accepted)."""
    result = []
    for position, cell in enumerate(vector(value, argument), start=1):
        try:
            result.append(parse_number(cell))
        except CellValueError as error:
            raise ArgumentError(argument, f"celle {position}: {error.message}") from None
    return result


def weeks_up_to(value, argument: str, last_week: int) -> list[int]:
    """Whole weeks 0..`last_week` (a curve's last observed week), as list positions."""
    weeks = []
    for position, week in enumerate(numbers(value, argument), start=1):
        if week != int(week) or not 0 <= week <= last_week:
            raise ArgumentError(argument, f"celle {position}: uge {short_number(week)} skal være en hel uge fra 0 "
                                          f"til kurvens sidste uge {last_week}; brug INVEST_FIT_CURVE "
                                          "for at fremskrive")
        weeks.append(int(week))
    return weeks


def single(value, argument: str):
    """The one value of a single-cell argument; a larger range is refused."""
    rows = grid(value)
    if len(rows) != 1 or len(rows[0]) != 1:
        raise ArgumentError(argument, f"skal være én celle, ikke {len(rows)} x {len(rows[0])}")
    cell = rows[0][0]
    if (error := _error_value(cell)) is not None:
        raise ArgumentError(argument, f"er fejlværdien {error}")
    return cell


def _parsed(value, argument: str, parse, default, required_text: str):
    cell = single(value, argument)
    if is_blank(cell):
        if default is not None:
            return default
        raise ArgumentError(argument, required_text)
    try:
        return parse(cell)
    except CellValueError as error:
        raise ArgumentError(argument, error.message) from None


def parsed(value, argument: str, parse, default=None):
    """One cell read by a contract parser (e.g. `contract.parse_extrapolation`); blank = default."""
    return _parsed(value, argument, parse, default, "mangler")


def number(value, argument: str, default: float | None = None) -> float:
    """One number; a blank gives `default`, or an error when there is none."""
    return _parsed(value, argument, parse_number, default, "mangler (skal være et tal)")


def optional_number(value, argument: str) -> float | None:
    """One number, or None for a blank or omitted argument."""
    cell = single(value, argument)
    return None if is_blank(cell) else number(cell, argument)


def positive_number(value, argument: str, default: float | None = None) -> float:
    """One number above zero."""
    result = number(value, argument, default)
    if result <= 0:
        raise ArgumentError(argument, f"skal være større end 0 (fik {short_number(result)})")
    return result


def whole_number(value, argument: str, default: int | None = None) -> int:
    """One whole number (a year, a count)."""
    return _parsed(value, argument, parse_whole_number, default, "mangler (skal være et helt tal)")


def share(value, argument: str, default: float | None = None) -> float:
    """One share 0-1 ('50%', 50 and 0,5 all mean one half)."""
    return _parsed(value, argument, parse_share, default, "mangler (skal være en andel)")


def date(value, argument: str):
    """One date: a date cell, a serial number, or text like 31-01-2020."""
    return _parsed(value, argument, parse_date, None, "mangler (skal være en dato)")


def text(value, argument: str, default: str | None = None) -> str:
    """One text; a blank gives `default`."""
    return _parsed(value, argument, parse_text, default, "mangler (skal være en tekst)")


def choice(value, argument: str, choices: Iterable[str], default: str | None = None) -> str:
    """One of `choices` (matched ignoring case, spaces and accents); returns the choice."""
    choices = tuple(choices)
    given = text(value, argument, default)
    for option in choices:
        if fold(option) == fold(given):
            return option
    raise ArgumentError(argument, f"'{given}' kendes ikke; brug en af: {', '.join(choices)}")


def table(value, argument: str, *, min_columns: int = 1) -> list[list]:
    """A range with a header row: rows as lists, fully blank rows dropped.

    Error values are refused with their row and column, counted from the header (1).
    """
    rows = [row for row in grid(value) if not all(is_blank(cell) for cell in row)]
    if len(rows) < 2:
        raise ArgumentError(argument, "skal have en overskriftsrække og mindst én række data")
    if len(rows[0]) < min_columns:
        raise ArgumentError(argument, f"skal have mindst {min_columns} kolonner "
                                      f"(fik {len(rows[0])})")
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            if (error := _error_value(cell)) is not None:
                raise ArgumentError(argument, f"række {r}, kolonne {c} er fejlværdien {error}")
    return rows


def about(argument: str, function, *arguments, **keywords):
    """Call a package function; its message is prefixed with the argument it is about,
    unless it already names one."""
    try:
        return function(*arguments, **keywords)
    except ArgumentError:
        raise
    except InvestXLError as error:
        raise ArgumentError(argument, error.message) from None


def table_rows(value, argument: str, schema) -> list:
    """A range with a header row read by the table's one reader (`tables.read_range`).

    The same columns, words and checks as the Excel table of that name; rows are counted
    from the header row (1). A range without its header row is refused, never read as data.
    """
    return read_range(table(value, argument), argument, schema)


def status_per_year(value, argument: str, parse, years: list[int], default: str):
    """A status for every year, as a function year -> status: one cell (blank = `default`)
    for all years, or a row or column with one status per year of `years`, in order;
    each cell read by `parse` (the words of Beloeb's Status column)."""
    rows = grid(value)
    if len(rows) == 1 and len(rows[0]) == 1:
        chosen = parsed(value, argument, parse, default)
        return lambda year: chosen
    cells = vector(value, argument)
    if len(cells) != len(years):
        raise ArgumentError(argument, f"skal have én status pr. år i tabellen ({len(years)}: "
                                      f"{years[0]}-{years[-1]}), ikke {len(cells)}")
    by_year = {year: parsed(cell, f"{argument}, celle {position}", parse)
               for position, (year, cell) in enumerate(zip(years, cells), start=1)}
    return by_year.__getitem__


def per_year(value, argument: str, years: list[int]) -> list[float]:
    """One number per budget year, in a row or a column."""
    values = numbers(value, argument)
    if len(values) != len(years):
        raise ArgumentError(argument, f"skal have én værdi pr. budgetår ({len(years)}), ikke {len(values)}")
    return values


def years(first_year, count, argument_first: str, argument_count: str) -> list[int]:
    """Consecutive budget years from a first year and a number of years (tom = 4)."""
    first = whole_number(first_year, argument_first)
    how_many = whole_number(count, argument_count, default=4)
    if not FIRST_YEAR <= first <= LAST_YEAR:
        raise ArgumentError(argument_first, f"skal være et år mellem {FIRST_YEAR} og {LAST_YEAR} "
                                            f"(fik {first})")
    if not 1 <= how_many <= 30:
        raise ArgumentError(argument_count, f"skal være mellem 1 og 30 (fik {how_many})")
    return list(range(first, first + how_many))


def year(value, argument: str, price_level_year) -> int:
    """A year: a whole number, or a price-level text such as '2020 p/l'."""
    cell = single(value, argument)
    if isinstance(cell, str) and not cell.strip().isdigit():
        return about(argument, price_level_year, cell)
    return whole_number(cell, argument)


def intake(value, argument: str, years: list[int]) -> list[tuple[int, int, float]]:
    """Entrants per month: one number (the same every month of `years`), or a range
    År | Måned | Personer with a header row (the table Tilgang without Sag)."""
    from invest_xl.workbook import contract
    from invest_xl.workbook.savings_reader import intake_from_rows

    rows = grid(value)
    if len(rows) == 1 and len(rows[0]) == 1:
        persons = number(rows[0][0], argument)
        if persons < 0:
            raise ArgumentError(argument, f"kan ikke være negativ (fik {short_number(persons)})")
        return [(year, month, persons) for year in years for month in range(1, 13)]
    return intake_from_rows(table_rows(value, argument, contract.INTAKE.without("case")))
