"""Benefit spells: reading them, merging returns, durations at a cut-off, cohorts.

A spell is one row: person, benefit, start date, end date (blank while ongoing) and
group (e.g. "indsats", "målgruppe"). The end date is the last day on benefit, so a
spell that starts and ends on the same day lasted one day. Rows come from a CSV file,
an Excel table (xlsx) or a list of rows; headers are English or Danish
(`person, benefit, start, end, group` or `person, ydelse, start, slut, gruppe`), in any
case and order. Dates may be real dates or text as 2020-01-31, 31-01-2020, 31.01.2020.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from invest_xl.workbook.cells import CellValueError, parse_date
from invest_xl.errors import InvestXLError
from invest_xl.formatting import fold

# key -> (Danish header used in messages, accepted headers)
COLUMNS = {
    "person": ("person", ("person", "personid", "cpr", "id")),
    "benefit": ("ydelse", ("benefit", "ydelse")),
    "start": ("start", ("start", "startdato", "startdate", "fra")),
    "end": ("slut", ("end", "slut", "slutdato", "enddate", "til")),
    "group": ("gruppe", ("group", "gruppe")),
}
REQUIRED = ("person", "start", "end")
DEFAULT_GROUP = "alle"
PERIODS = ("year", "half", "quarter", "month")
_TEXT_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")
_ONGOING = np.datetime64("9999-12-31", "D")


@dataclass
class Spells:
    """Spells as parallel arrays; `end` is NaT while a spell is ongoing."""

    person: np.ndarray
    benefit: np.ndarray
    start: np.ndarray
    end: np.ndarray
    group: np.ndarray

    def __len__(self) -> int:
        return len(self.start)

    def subset(self, mask: np.ndarray) -> "Spells":
        """The spells where `mask` is true."""
        return Spells(self.person[mask], self.benefit[mask], self.start[mask],
                      self.end[mask], self.group[mask])

    @property
    def last_date(self) -> np.datetime64:
        """The latest start or end date in the data: the default cut-off."""
        ends = self.end[~np.isnat(self.end)]
        return max(self.start.max(), ends.max()) if len(ends) else self.start.max()


def read_spells(source, *, table: str | None = None) -> Spells:
    """Spells from a CSV or xlsx path, a DataFrame, or a list of rows.

    A list of rows is either dicts keyed by header, or lists whose first row is the
    header. In an xlsx file the first Excel table with spell headers is read (or the
    table named `table`), else the first sheet with headers in its first row.
    """
    if isinstance(source, (str, Path)):
        frame, first_row = _frame_from_path(Path(source), table)
    elif isinstance(source, pd.DataFrame):
        frame, first_row = source.astype(object), 2
    else:
        frame, first_row = _frame_from_rows(list(source))
    return _spells_from_frame(frame, first_row)


def _frame_from_path(path: Path, table: str | None) -> tuple[pd.DataFrame, int]:
    if not path.exists():
        raise InvestXLError(f"filen {path} findes ikke")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from invest_xl.workbook.files import read_text_file

        text = read_text_file(path)
        lines = text.splitlines()[:50]
        skip = sum(1 for line in lines if line.startswith("#"))
        header = lines[skip] if skip < len(lines) else ""
        sep = ";" if header.count(";") > header.count(",") else ","
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                                skiprows=skip)
        except pd.errors.EmptyDataError:
            raise InvestXLError(f"{path.name} er tom") from None
        except pd.errors.ParserError:
            raise InvestXLError(f"kan ikke læse {path.name} som CSV: en række har flere felter "
                                "end overskriften, eller et anførselstegn er ikke lukket") from None
        return frame, skip + 2
    if suffix in (".xlsx", ".xlsm"):
        return _frame_from_workbook(path, table)
    raise InvestXLError(f"forløb skal være en .csv- eller .xlsx-fil, ikke '{path.name}'")


def _frame_from_workbook(path: Path, table: str | None) -> tuple[pd.DataFrame, int]:
    from invest_xl.workbook.files import open_workbook
    from invest_xl.workbook.tables import table_bounds

    workbook = open_workbook(path, data_only=True)
    for sheet in workbook.worksheets:
        for found in sheet.tables.values():
            name = found.displayName
            min_col, min_row, max_col, max_row = table_bounds(sheet, found)
            rows = [list(r) for r in sheet.iter_rows(min_row=min_row, max_row=max_row,
                                                       min_col=min_col, max_col=max_col,
                                                       values_only=True)]
            wanted = fold(name) == fold(table) if table else _has_spell_headers(rows[0])
            if wanted:
                frame, _ = _frame_from_rows(rows)
                return frame, min_row + 1
    if table:
        raise InvestXLError(f"{path.name} har ingen tabel med navnet '{table}'")
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    if not rows:
        raise InvestXLError(f"{path.name} er tom")
    frame, _ = _frame_from_rows(rows)
    return frame, 2


def _has_spell_headers(header) -> bool:
    folded = {fold(h) for h in header if h is not None}
    return all(any(fold(a) in folded for a in COLUMNS[key][1]) for key in REQUIRED)


def _frame_from_rows(rows: list) -> tuple[pd.DataFrame, int]:
    if not rows:
        raise InvestXLError("ingen forløb (tom liste af rækker)")
    if isinstance(rows[0], dict):
        if not all(isinstance(r, dict) for r in rows):
            raise InvestXLError("alle rækker skal være opslag (kolonnenavn -> værdi)")
        return pd.DataFrame(rows, dtype=object), 1
    if not all(isinstance(r, (list, tuple)) for r in rows):
        raise InvestXLError("rækkerne skal være lister med en overskriftsrække først")
    header = ["" if h is None else str(h) for h in rows[0]]
    return pd.DataFrame([list(r) for r in rows[1:]], columns=header, dtype=object), 2


def _spells_from_frame(frame: pd.DataFrame, first_row: int) -> Spells:
    positions = {}
    for key, (danish, accepted) in COLUMNS.items():
        hits = [c for c in frame.columns if fold(c) in {fold(a) for a in accepted}]
        if len(hits) > 1:
            raise InvestXLError(f"kolonnen '{danish}' findes mere end én gang")
        if hits:
            positions[key] = hits[0]
        elif key in REQUIRED:
            raise InvestXLError(f"forløbene mangler kolonnen '{danish}' "
                                f"(forventet: person, ydelse, start, slut, gruppe)")
    blank = frame.map(_blank).all(axis=1).to_numpy()
    frame = frame[~blank]
    rows = np.flatnonzero(~blank) + first_row
    if len(frame) == 0:
        raise InvestXLError("der er ingen forløb i data")

    person = _texts(frame[positions["person"]], "person", rows, required=True)
    benefit = (_texts(frame[positions["benefit"]], "ydelse", rows, required=False)
               if "benefit" in positions else np.full(len(frame), "", dtype=object))
    group = (_texts(frame[positions["group"]], "gruppe", rows, required=False)
             if "group" in positions else np.full(len(frame), "", dtype=object))
    group[group == ""] = DEFAULT_GROUP
    start = _dates(frame[positions["start"]], "start", rows, required=True)
    end = _dates(frame[positions["end"]], "slut", rows, required=False)
    backwards = ~np.isnat(end) & (end < start)
    if backwards.any():
        i = int(np.flatnonzero(backwards)[0])
        raise InvestXLError(f"række {rows[i]}: slut ({end[i]}) ligger før start ({start[i]})")
    return Spells(person, benefit, start, end, group)


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def _texts(column: pd.Series, header: str, rows: np.ndarray, *, required: bool) -> np.ndarray:
    values = column.to_numpy(dtype=object)
    blank = np.fromiter((_blank(v) for v in values), dtype=bool, count=len(values))
    if required and blank.any():
        raise InvestXLError(f"række {rows[np.flatnonzero(blank)[0]]}: kolonnen '{header}' er tom")
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        if blank[i]:
            out[i] = ""
        elif isinstance(value, float) and np.isfinite(value) and value == round(value):
            out[i] = str(int(value))
        else:
            out[i] = str(value).strip()
    return out


def _dates(column: pd.Series, header: str, rows: np.ndarray, *, required: bool) -> np.ndarray:
    """Dates as datetime64[D]; text is parsed vectorised, other cells one by one."""
    values = column.to_numpy(dtype=object)
    blank = np.fromiter((_blank(v) for v in values), dtype=bool, count=len(values))
    if required and blank.any():
        raise InvestXLError(f"række {rows[np.flatnonzero(blank)[0]]}: kolonnen '{header}' er tom")
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[D]")
    is_text = np.fromiter((isinstance(v, str) for v in values), dtype=bool,
                          count=len(values)) & ~blank
    if is_text.any():
        text = pd.Series(values[is_text]).str.strip().str.split(" ").str[0]
        parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
        for fmt in _TEXT_DATE_FORMATS:
            missing = parsed.isna()
            if not missing.any():
                break
            parsed[missing] = pd.to_datetime(text[missing], format=fmt, errors="coerce")
        out[is_text] = parsed.to_numpy().astype("datetime64[D]")
    for i in np.flatnonzero(~blank & (~is_text | np.isnat(out))):
        try:
            out[i] = np.datetime64(parse_date(values[i]), "D")
        except CellValueError as error:
            raise InvestXLError(f"række {rows[i]}: kolonnen '{header}': {error.message}") from None
    return out


def add_months(dates: np.ndarray, months: int) -> np.ndarray:
    """Dates plus whole calendar months; the 31st becomes the month's last day if needed."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    month_start = dates.astype("datetime64[M]")
    day = (dates - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + months
    last_day = (target + 1).astype("datetime64[D]") - 1
    return np.minimum(target.astype("datetime64[D]") + day, last_day)


def merge_returns(spells: Spells, gap_months: int | None = 1) -> Spells:
    """Spells where a return to the same benefit within `gap_months` continues the spell.

    Jobindsats has counted this way since 2018/19 with a gap of one calendar month: a
    new start at most one month after the previous end (same person and benefit) is
    the same spell. `None` keeps the spells as they are. The merged spell keeps the
    first spell's group.
    """
    if gap_months is None or len(spells) == 0:
        return spells
    if gap_months < 0:
        raise InvestXLError(f"mellemrummet for tilbagefald skal være 0 eller flere måneder (fik {gap_months})")
    order = np.lexsort((spells.start, spells.benefit.astype(str), spells.person.astype(str)))
    person, benefit = spells.person[order], spells.benefit[order]
    start, end = spells.start[order], spells.end[order]
    ongoing = np.isnat(end)
    end_filled = np.where(ongoing, _ONGOING, end)
    key_change = np.ones(len(start), dtype=bool)
    key_change[1:] = (person[1:] != person[:-1]) | (benefit[1:] != benefit[:-1])
    key_id = np.cumsum(key_change) - 1
    reach = pd.Series(end_filled.astype(np.int64)).groupby(key_id).cummax().to_numpy()
    previous = np.empty_like(reach)
    previous[0] = 0
    previous[1:] = reach[:-1]
    previous_date = previous.astype("datetime64[D]")
    limit = np.where(previous_date >= _ONGOING, _ONGOING,
                     add_months(np.minimum(previous_date, _ONGOING - 400), gap_months))
    new_spell = key_change | (start > limit)
    firsts = np.flatnonzero(new_spell)
    merged_end = np.maximum.reduceat(end_filled, firsts)
    merged_end = np.where(merged_end >= _ONGOING, np.datetime64("NaT"), merged_end)
    return Spells(person[firsts], benefit[firsts], start[firsts],
                  merged_end.astype("datetime64[D]"), spells.group[order][firsts])


def to_date(value, argument: str = "cutoff") -> np.datetime64:
    """A date argument (date, datetime64 or text) as datetime64[D], or a Danish message."""
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[D]")
    try:
        return np.datetime64(parse_date(value), "D")
    except CellValueError as error:
        raise InvestXLError(f"{argument}: {error.message}") from None


def durations(spells: Spells, cutoff=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whole days on benefit (counted inclusive; weeks = days / 7) and whether the exit was seen.

    Spells still running at `cutoff` (default: the latest date in the data) are
    right-censored there; spells that start after the cut-off are left out. Returns
    (days, observed, kept) where `kept` marks the spells used.
    """
    cutoff = spells.last_date if cutoff is None else to_date(cutoff)
    kept = spells.start <= cutoff
    start, end = spells.start[kept], spells.end[kept]
    observed = ~np.isnat(end) & (end <= cutoff)
    last_day = np.where(observed, end, cutoff)
    days = (last_day - start).astype(np.int64) + 1
    return days, observed, kept


def entry_periods(start: np.ndarray, by: str) -> np.ndarray:
    """Cohort label of each entry date: "2020", "2020 H1", "2020 K3" or "2020-07"."""
    if by not in PERIODS:
        raise InvestXLError(f"ukendt kohorteperiode '{by}' (brug year, half, quarter eller month)")
    months = np.asarray(start, dtype="datetime64[M]").astype(np.int64)
    year = 1970 + months // 12
    month = months % 12 + 1
    part = {"year": 0 * month, "half": 1 + (month - 1) // 6,
            "quarter": 1 + (month - 1) // 3, "month": month}[by]
    codes, inverse = np.unique(year * 100 + part, return_inverse=True)
    names = {"year": "{y}", "half": "{y} H{p}", "quarter": "{y} K{p}", "month": "{y}-{p:02d}"}[by]
    labels = np.array([names.format(y=c // 100, p=c % 100) for c in codes], dtype=object)
    return labels[inverse]


def entry_years(start: np.ndarray) -> np.ndarray:
    """Calendar year of each entry date."""
    return 1970 + np.asarray(start, dtype="datetime64[Y]").astype(np.int64)


def as_date(value: np.datetime64) -> dt.date:
    """A datetime64 as a plain date (for printing and JSON)."""
    return value.astype("datetime64[D]").astype(dt.date)
