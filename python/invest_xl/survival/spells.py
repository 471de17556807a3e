"""Benefit spells: reading them, merging returns, durations at a cut-off, cohorts.

A spell is one row: person, benefit, start date, end date (blank while ongoing) and
group (e.g. "indsats", "målgruppe"). The end date is the last day on benefit, so a
spell that starts and ends on the same day lasted one day. Rows come from a CSV file,
an Excel table (xlsx) or a list of rows; headers are English or Danish
(`person, benefit, start, end, group` or `person, ydelse, start, slut, gruppe`), in any
case and order. Dates may be real dates or text as 2020-01-31, 31-01-2020, 31.01.2020.
Reading lives in `spell_reader`; this module holds the spells and the rules on them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from invest_xl.workbook.cells import CellValueError, parse_date
from invest_xl.errors import InvestXLError

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
_ONGOING = np.datetime64("9999-12-31", "D")


@dataclass
class Spells:
    """Spells as parallel arrays; `end` is NaT while a spell is ongoing.

    Person, benefit and group are integer codes into sorted name arrays (`names`), so
    code order is the names' order and sorting or comparing codes is sorting or
    comparing the names; `person`, `benefit` and `group` give the names per spell.
    """

    person_code: np.ndarray
    benefit_code: np.ndarray
    start: np.ndarray
    end: np.ndarray
    group_code: np.ndarray
    names: dict = field(default_factory=dict)

    @classmethod
    def from_names(cls, person, benefit, start, end, group) -> "Spells":
        """Spells from name arrays (any objects that compare as text) and dates."""
        names, codes = {}, {}
        for key, values in (("person", person), ("benefit", benefit), ("group", group)):
            names[key], codes[key] = np.unique(np.asarray(values, dtype=object).astype(str),
                                               return_inverse=True)
            names[key] = names[key].astype(object)
        return cls(codes["person"].astype(np.int64), codes["benefit"].astype(np.int64),
                   np.asarray(start, dtype="datetime64[D]"), np.asarray(end, dtype="datetime64[D]"),
                   codes["group"].astype(np.int64), names)

    def __len__(self) -> int:
        return len(self.start)

    def _names(self, key: str) -> np.ndarray:
        names = self.names[key]
        if not isinstance(names, np.ndarray):  # a pyarrow array, converted on first use
            names = np.asarray(names.to_pylist(), dtype=object)
            self.names[key] = names
        return names

    @property
    def person(self) -> np.ndarray:
        return self._names("person")[self.person_code]

    @property
    def benefit(self) -> np.ndarray:
        return self._names("benefit")[self.benefit_code]

    @property
    def group(self) -> np.ndarray:
        return self._names("group")[self.group_code]

    def group_names(self) -> np.ndarray:
        """The sorted group names that `group_code` indexes."""
        return self._names("group")

    def take(self, index: np.ndarray) -> "Spells":
        """The spells at `index` (a boolean mask or positions), sharing the names."""
        return Spells(self.person_code[index], self.benefit_code[index], self.start[index],
                      self.end[index], self.group_code[index], self.names)

    subset = take

    @property
    def last_date(self) -> np.datetime64:
        """The latest start or end date in the data: the default cut-off."""
        ends = self.end[~np.isnat(self.end)]
        return max(self.start.max(), ends.max()) if len(ends) else self.start.max()


def read_spells(source, *, table: str | None = None) -> Spells:
    """Spells from a CSV, Parquet or xlsx path, a DataFrame, or a list of rows.

    A list of rows is either dicts keyed by header, or lists whose first row is the
    header. In an xlsx file the first Excel table with spell headers is read (or the
    table named `table`), else the first sheet with headers in its first row. CSV and
    Parquet are read column by column with pyarrow (`spell_reader`).
    """
    from invest_xl.survival.spell_reader import read_spells as read

    return read(source, table=table)


def add_months(dates: np.ndarray, months: int) -> np.ndarray:
    """Dates plus whole calendar months; the 31st becomes the month's last day if needed."""
    return _through_table(_add_months, np.asarray(dates, dtype="datetime64[D]"), months)


def _add_months(dates: np.ndarray, months: int) -> np.ndarray:
    month_start = dates.astype("datetime64[M]")
    day = (dates - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + months
    last_day = (target + 1).astype("datetime64[D]") - 1
    return np.minimum(target.astype("datetime64[D]") + day, last_day)


def months_since_1970(dates: np.ndarray) -> np.ndarray:
    """Calendar months from January 1970 to each date (datetime64[M] as integers)."""
    return _through_table(lambda days: days.astype("datetime64[M]").astype(np.int64),
                          np.asarray(dates, dtype="datetime64[D]"))


def _through_table(function, dates: np.ndarray, *args) -> np.ndarray:
    """`function(dates, *args)` looked up in a table of every day from the first date to
    the last where that is shorter than `dates`: numpy's calendar conversions
    (datetime64[D] to [M]) cost about 40 ns a date, a lookup a tenth of that."""
    if dates.size < 1000 or np.isnat(dates).any():
        return function(dates, *args)
    first, last = dates.min(), dates.max()
    if (last - first).astype(np.int64) >= dates.size // 4:
        return function(dates, *args)
    table = function(np.arange(first, last + 1), *args)
    return table[(dates - first).astype(np.int64)]


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
    order = _spell_order(spells)
    person, benefit = spells.person_code[order], spells.benefit_code[order]
    new_key = np.ones(len(order), dtype=bool)
    new_key[1:] = (person[1:] != person[:-1]) | (benefit[1:] != benefit[:-1])
    ongoing = _ONGOING.astype(np.int64)
    start, end = spells.start[order], spells.end[order]
    end_days = np.where(np.isnat(end), ongoing, end.astype(np.int64))
    first, spell_end = merge_sorted(new_key, start.astype(np.int64), end_days, gap_months)
    firsts = np.flatnonzero(first)
    merged_end = spell_end[firsts]
    merged_end = np.where(merged_end >= ongoing, np.iinfo(np.int64).min, merged_end)
    return Spells(person[firsts], benefit[firsts], start[firsts], merged_end.astype("datetime64[D]"),
                  spells.group_code[order][firsts], spells.names)


def merge_sorted(new_key: np.ndarray, start: np.ndarray, end: np.ndarray,
                 gap_months: int) -> tuple[np.ndarray, np.ndarray]:
    """(first, spell_end) for rows sorted by (person, benefit, start), where `new_key`
    marks each (person, benefit)'s first row and `start`, `end` are days since 1970-01-01
    (integers; 9999-12-31 for a running spell).

    A row continues the spell before it when it starts at most `gap_months` calendar
    months after the latest end so far of its (person, benefit); a running spell is
    continued by every later row. `first` marks each merged spell's first row, where
    `spell_end` holds the merged spell's last day (the latest end of its rows); elsewhere
    `spell_end` is the row's own end. Only the rows of a (person, benefit) with more
    rows are worked on: a register has mostly one spell per person and benefit.
    """
    ongoing = _ONGOING.astype(np.int64)
    first, spell_end = new_key.copy(), end.copy()
    alone = new_key.copy()
    alone[:-1] &= new_key[1:]
    rows = np.flatnonzero(~alone)
    if rows.size == 0:
        return first, spell_end
    start, end, new_key = (start[rows].astype(np.int64),
                           np.minimum(end[rows].astype(np.int64), ongoing), new_key[rows])
    # A running maximum per (person, benefit) as one running maximum: each key's ends are
    # lifted above every earlier key's, so the maximum never crosses a key boundary.
    base = start.min()
    lift = (np.cumsum(new_key) - 1) * (ongoing - base + 1)
    reach = np.maximum.accumulate(end - base + lift) - lift + base
    later = np.flatnonzero(~new_key)
    previous = reach[later - 1]
    limit = np.full(len(later), ongoing)
    finite = previous < ongoing
    limit[finite] = add_months(np.minimum(previous[finite], ongoing - 400).astype("datetime64[D]"),
                               gap_months).astype(np.int64)
    new_spell = new_key
    new_spell[later] = start[later] > limit
    firsts = np.flatnonzero(new_spell)
    first[rows] = new_spell
    spell_end[rows[firsts]] = np.maximum.reduceat(end, firsts)
    return first, spell_end


def _spell_order(spells: Spells) -> np.ndarray:
    """Positions sorted by (person, benefit, start), ties in input order: one stable sort of
    a single integer key where it fits in 63 bits, else a lexsort of the codes."""
    person, benefit = spells.person_code, spells.benefit_code
    day = spells.start.astype(np.int64)
    day = day - day.min()
    benefits = int(benefit.max()) + 1
    days = int(day.max()) + 1
    if (int(person.max()) + 1) * benefits * days < 2 ** 62:
        return np.argsort((person * benefits + benefit) * days + day, kind="stable")
    return np.lexsort((day, benefit, person))


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
