"""Curves given as published points: weeks and shares still on benefit.

Many users only have Jobindsats' published shares (e.g. weeks 0, 4, 8, ..., 52 and
"% still on benefit"), sometimes with the cohort size. Shares may be given in % (0-100)
or as 0-1; a curve must start at 100 % (1) in week 0, have increasing weeks and never
rise. Anything else is refused with a message that names the point and what is wrong.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from invest_xl.workbook.cells import CellValueError, parse_number
from invest_xl.survival.curve import Curve
from invest_xl.errors import InvestXLError
from invest_xl.workbook.text_files import read_text_file
from invest_xl.formatting import short_number
from invest_xl.formatting import fold

WEEK_HEADERS = ("week", "uge", "weeks", "uger")
SHARE_HEADERS = ("share", "andel", "shares", "andele", "pct", "procent")


def _show(value: float, percent: bool) -> str:
    """A share as the user wrote it: '42 %' or '0,42' (Danish decimal comma)."""
    shown = f"{value * 100:.10g}" if percent else f"{value:.10g}"
    shown = shown.replace(".", ",")
    return f"{shown} %" if percent else shown


def _number(value, what: str, position: int) -> float:
    if isinstance(value, str):
        value = value.strip().rstrip("%").strip()
    try:
        return parse_number(value)
    except CellValueError as error:
        raise InvestXLError(f"{what} i punkt {position}: {error.message}") from None


def points_curve(weeks, shares, cohort_size: float | None = None, *, label: str = "",
                 group: str | None = None) -> Curve:
    """A checked `Curve` from published points; shares in % (0-100) or 0-1.

    The scale is % when any share is above 1. `cohort_size` is the number of persons
    the shares are computed from (None if unknown).

    >>> points_curve([0, 4, 8], [100, 70, 55]).share.tolist()
    [1.0, 0.7, 0.55]
    """
    try:
        weeks, shares = list(weeks), list(shares)
    except TypeError:
        raise InvestXLError("uger og andele skal være lister af tal") from None
    if len(weeks) != len(shares):
        raise InvestXLError(f"uger og andele har forskellig længde ({len(weeks)} og {len(shares)})")
    if len(weeks) < 2:
        raise InvestXLError("en kurve skal have mindst to punkter (uge 0 og mindst én uge mere)")
    week_values = np.array([_number(w, "ugen", i) for i, w in enumerate(weeks, start=1)])
    share_values = np.array([_number(s, "andelen", i) for i, s in enumerate(shares, start=1)])
    percent = bool(share_values.max() > 1.0)
    if percent and len(share_values) > 1 and share_values[1:].max() <= 1.0:
        raise InvestXLError(
            f"andelene blander procent og andele: uge {short_number(week_values[0])} er "
            f"{short_number(share_values[0])}, de øvrige højst {short_number(share_values[1:].max())}; skriv alle i "
            "procent (100, 80, ...) eller alle som andele (1, 0,8, ...)")
    if percent:
        share_values = share_values / 100.0
    for i, week in enumerate(week_values, start=1):
        if week < 0:
            raise InvestXLError(f"ugen i punkt {i} er negativ ({short_number(week)})")
    if week_values[0] != 0:
        raise InvestXLError(f"kurven skal starte i uge 0, men første punkt er uge {short_number(week_values[0])}")
    for i in range(1, len(week_values)):
        if week_values[i] <= week_values[i - 1]:
            raise InvestXLError(f"ugerne skal være stigende, men uge {short_number(week_values[i])} "
                                f"(punkt {i + 1}) kommer efter uge {short_number(week_values[i - 1])}")
    top = "100 %" if percent else "1"
    for week, share in zip(week_values, share_values):
        if share < 0 or share > 1:
            raise InvestXLError(f"andelen i uge {short_number(week)} er {_show(share, percent)}, men skal "
                                f"ligge mellem 0 og {top}")
    if share_values[0] != 1.0:
        raise InvestXLError(f"kurven skal starte i {top} i uge 0, men starter i "
                            f"{_show(share_values[0], percent)}")
    for i in range(1, len(share_values)):
        if share_values[i] > share_values[i - 1]:
            raise InvestXLError(
                f"kurven stiger fra uge {short_number(week_values[i - 1])} ({_show(share_values[i - 1], percent)}) "
                f"til uge {short_number(week_values[i])} ({_show(share_values[i], percent)}); "
                f"andelen på ydelse kan ikke stige")
    if cohort_size is not None:
        try:
            size = parse_number(cohort_size)
        except CellValueError:
            size = -1.0
        if size <= 0:
            shown = f"{short_number(size)}" if size != -1.0 else str(cohort_size)
            raise InvestXLError(f"kohortestørrelsen skal være et tal over 0 (fik {shown})")
        cohort_size = float(size)
    return Curve(week_values, share_values, label=label, group=group, provenance="points",
                 last_observed_week=float(week_values[-1]), cohort_size=cohort_size)


def read_points(path, cohort_size: float | None = None, *, label: str = "") -> Curve:
    """A points curve from a CSV file with columns week, share (or uge, andel).

    Comma or semicolon separated; with semicolons a decimal comma is fine ("42,5").
    """
    path = Path(path)
    if not path.exists():
        raise InvestXLError(f"filen {path} findes ikke")
    text = read_text_file(path)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise InvestXLError(f"{path.name} er tom")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(lines, delimiter=delimiter))
    header = [fold(h) for h in rows[0]]
    week_col = next((i for i, h in enumerate(header) if h in WEEK_HEADERS), None)
    share_col = next((i for i, h in enumerate(header) if h in SHARE_HEADERS), None)
    if week_col is None or share_col is None:
        raise InvestXLError(f"{path.name} skal have kolonnerne week og share (eller uge og andel)")
    body = rows[1:]
    for number, row in enumerate(body, start=2):
        if len(row) <= max(week_col, share_col):
            raise InvestXLError(f"{path.name}, række {number}: for få kolonner")
    return points_curve([r[week_col] for r in body], [r[share_col] for r in body],
                        cohort_size, label=label or path.stem)
