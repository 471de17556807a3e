"""Numbers, dates and names as a Danish reader writes them, and how names are matched.

One set of helpers for the sheet, the command line, the cells and the messages:
`danish_number` (decimal comma, dot between thousands), `short_number` (inside a
message), `percent` (a share 0-1 as '25,0'), `danish_date` (dd-mm-yyyy) and `fold`
(how table, column and case names are compared). `--json` stays machine-readable
(ISO dates, full-precision floats) and does not use these.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal


def danish_number(value: float, decimals: int = 3) -> str:
    """A number as a Dane writes it: decimal comma, dot between thousands ('-1.234,567').

    Rounded half away from zero, as Excel shows it, after float noise below 1e-9 is
    dropped: -0,2475 is shown as -0,248 even when it was computed as -0,247499999...

    >>> danish_number(-1234.5675)
    '-1.234,568'
    >>> danish_number(-0.0004)
    '0,000'
    """
    if not math.isfinite(value):
        return "-"  # a family that cannot be fitted has no AIC; nothing to show
    exact = Decimal(f"{value:.9f}").quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{decimals}f}"
    if text.startswith("-") and exact == 0:
        text = text[1:]
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def short_number(value: float) -> str:
    """A number inside a message: whole numbers as is, others to 6 digits with a decimal comma.

    >>> short_number(52.0), short_number(0.25), short_number(1e-7)
    ('52', '0,25', '1e-07')
    """
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}".replace(".", ",")


def percent(share: float, decimals: int = 1) -> str:
    """A share 0-1 as a Danish percentage number without the sign: 0.2534 -> '25,3'."""
    return danish_number(share * 100.0, decimals).replace(".", "")


def danish_date(value) -> str:
    """A date as dd-mm-yyyy, as Danish messages, sheets and printouts show it.

    >>> danish_date(dt.date(2021, 4, 28))
    '28-04-2021'
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        value = dt.date.fromisoformat(str(value)[:10])
    return value.strftime("%d-%m-%Y")


def fold(name: str) -> str:
    """A name folded for matching: lower case, no spaces, punctuation or accents; æøå kept apart.

    >>> fold(" Beløb (mio. kr.) ") == fold("beloeb mio kr")
    True
    """
    text = str(name).strip().lower()
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", text)


def name_key(name: str) -> str:
    """A case name as Excel compares text: letter case and runs of spaces ignored, nothing else.

    'Indsats 🎯' and 'Indsats', or a Greek and a Cyrillic name, stay apart (`fold` would
    make them one).

    >>> name_key(" KOORDINERET  indsats") == name_key("Koordineret indsats")
    True
    >>> name_key("Indsats 🎯") == name_key("Indsats")
    False
    """
    return " ".join(str(name).split()).casefold()


def table_place(table: str, sheet: str | None = None, row: int | None = None,
                column: str | None = None) -> str:
    """Where a message is about, in a workbook table or a UDF's range argument.

    A table on a sheet reads "Tabellen 'Beloeb' (ark 'Beløb', række 7)"; a range
    handed to a function (no sheet) reads "beloeb, række 7" (rows counted from the
    range's header row, 1). A column adds ": kolonnen 'Art'".

    >>> table_place("Beloeb", "Beløb", 7, "Art")
    "Tabellen 'Beloeb' (ark 'Beløb', række 7): kolonnen 'Art'"
    >>> table_place("beloeb", None, 3)
    'beloeb, række 3'
    """
    if sheet is None:
        text = table if row is None else f"{table}, række {row}"
    else:
        inside = f"ark '{sheet}'" if row is None else f"ark '{sheet}', række {row}"
        text = f"Tabellen '{table}' ({inside})"
    return text if column is None else f"{text}: kolonnen '{column}'"


def not_a_workbook(name: str, reason: str) -> str:
    """The message for a file that cannot be read as a workbook, with the reason why."""
    return f"{name} kan ikke læses som en Excel-projektmappe ({reason})"
