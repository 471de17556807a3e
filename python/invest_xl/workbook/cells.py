"""Turning raw cell values into typed values.

Excel hands us floats, ints, strings, dates, booleans, blanks and error values; finance
staff type numbers as text with a Danish decimal comma ("3,079") and dates as text
("31-01-2020"). These functions accept what a person would mean and reject the rest
with a short Danish reason. The caller adds where the cell is (table, row, column).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number

# Every error value Excel shows, the newer ones (dynamic arrays, data types, Python in
# Excel, linked data) included, as files and xlwings hand them over
EXCEL_ERRORS = ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
                "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!",
                "#BUSY!", "#CONNECT!", "#PYTHON!", "#EXTERNAL!")
DASHES = ("-", "–", "—")
_DANISH_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")
LARGEST_AMOUNT = 1e12
# Below this a number in a budget cell means nothing (a billionth of a krone, a share of
# 1e-310) and only breaks the arithmetic after it (a price index of 1e-300 overflows).
SMALLEST_AMOUNT = 1e-9


class CellValueError(InvestXLError):
    """A single cell's value cannot be read as the type asked for."""


def is_blank(value) -> bool:
    """True for an empty cell: None or text of only white space."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def is_excel_error(value) -> bool:
    """True for an Excel error value as openpyxl or xlwings hands it over (e.g. '#N/A')."""
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def _show(value) -> str:
    """A cell value as the user would recognise it in a message: Danish numbers and dates."""
    if isinstance(value, bool):
        text = "SAND" if value else "FALSK"
    elif isinstance(value, (int, float)) and math.isfinite(value):
        text = short_number(value)
    elif isinstance(value, (dt.date, dt.datetime)):
        text = value.strftime("%d-%m-%Y")
    else:
        text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_number(value, *, dash_is_zero: bool = False) -> float:
    """A finite number from a cell: float/int, or text like '3,079', '1.234,5', '-0.674'.

    A lone dash means zero where `dash_is_zero` (budgets print '-' for 0,000).
    """
    if isinstance(value, bool):
        raise CellValueError(f"{_show(value)} er ikke et tal")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        number = _number_from_text(value, dash_is_zero)
    elif is_blank(value):
        raise CellValueError("tom celle, men et tal mangler")
    else:
        raise CellValueError(f"{_show(value)} er ikke et tal")
    if math.isnan(number):
        raise CellValueError("ikke et tal (NaN)")
    if math.isinf(number):
        raise CellValueError("uendelig værdi")
    if abs(number) > LARGEST_AMOUNT:
        raise CellValueError(f"{_show(value)} er urimeligt stort")
    if 0 < abs(number) < SMALLEST_AMOUNT:
        raise CellValueError(f"{_show(value)} er urimeligt lille; skriv 0 eller et større tal")
    return number


def _number_from_text(value: str, dash_is_zero: bool) -> float:
    text = value.strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if is_excel_error(text):
        raise CellValueError(f"fejlværdien {text.upper()}")
    if text == "":
        raise CellValueError("tom celle, men et tal mangler")
    if text in DASHES:
        if dash_is_zero:
            return 0.0
        raise CellValueError(f"'{_show(value)}' er ikke et tal")
    if text.endswith("%"):
        raise CellValueError(f"'{_show(value)}' er en procent; skriv tallet uden %")
    if re.fullmatch(r"[+-]?[1-9]\d{0,2}\.\d{3}", text):
        raise CellValueError(f"'{_show(value)}' er tvetydigt: punktummet kan være tusindtalsskilletegn "
                             f"eller decimaltegn; skriv {text.replace('.', '')} eller "
                             f"{text.replace('.', ',')}")
    if _DANISH_NUMBER.match(text) and ("," in text or text.count(".") > 1
                                       or re.search(r"\.\d{3}$", text) is None):
        return float(text.replace(".", "").replace(",", "."))
    if _PLAIN_NUMBER.match(text):
        return float(text)
    if _THOUSANDS_COMMA.match(text):
        return float(text.replace(",", ""))
    raise CellValueError(f"'{_show(value)}' er ikke et tal")


def parse_whole_number(value) -> int:
    """A whole number (a year, a case number, a count) from a cell."""
    number = parse_number(value)
    if number != round(number):
        raise CellValueError(f"{_show(value)} er ikke et helt tal")
    return int(round(number))


def parse_text(value) -> str:
    """Text from a cell, trimmed; numbers are turned into their plain text."""
    if is_blank(value):
        raise CellValueError("tom celle, men en tekst mangler")
    if is_excel_error(value):
        raise CellValueError(f"fejlværdien {str(value).strip().upper()}")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_share(value) -> float:
    """A share 0-1 from a cell; text like '50%' or '50 %' and numbers above 1 as percent.

    A number above 1 is read as a percentage (50 -> 0.5): a prudence share or refund
    rate above 100 % means nothing, so the reading is unambiguous.
    """
    if isinstance(value, str) and value.strip().endswith("%"):
        share = parse_number(value.strip()[:-1]) / 100.0
    else:
        share = parse_number(value)
        if share > 1:
            share = share / 100.0
    if not 0.0 <= share <= 1.0:
        raise CellValueError(f"{_show(value)} skal være en andel mellem 0 og 1 (eller 0-100 %)")
    return share


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%y",
                 "%d.%m.%y")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value) -> dt.date:
    """A date from a cell: a real date, an Excel serial number, or text in ISO or Danish form.

    Text '31-01-2020', '31.01.2020', '31/01/2020' is read day first, as in Denmark;
    '2020-01-31' as ISO. An ambiguous US-style '01/31/2020' is refused, not guessed.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellValueError(f"{_show(value)} er ikke en dato")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or not 1 <= value < 2958466:
            raise CellValueError(f"{_show(value)} er ikke en dato")
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    if isinstance(value, str):
        text = value.strip()
        if is_excel_error(text):
            raise CellValueError(f"fejlværdien {text.upper()}")
        if text == "":
            raise CellValueError("tom celle, men en dato mangler")
        text = text.split("T")[0].split(" ")[0]
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise CellValueError(f"'{_show(value)}' er ikke en dato (skriv fx 31-01-2020 eller 2020-01-31)")
    raise CellValueError(f"{_show(value)} er ikke en dato")
