"""The reduction Kaplan-Meier needs from spells: counts per group, cohort and day.

Per group, entry cohort and duration day (whole days on benefit, counted inclusive),
the number of spells that end that day (exits) and of spells still running at the
cut-off after that many days (censored). Any engine can compute it with one GROUP BY:
`counts_sql` gives the query (shipped as `sql/counts.sql`) for DuckDB, Spark SQL or
SQL Server, so a register of 10^8 spells is reduced where it is kept and invest-xl
reads only the result (`invest-xl curves --counts COUNTS.csv`). Curves from the counts
are the curves from the spells: the same integers reach the same arithmetic.

Cohorts are labels: "2020-07" (entry month; the SQL writes 202007), "2020 K3", "2020 H2",
"2020", or blank. A curve by a period needs cohorts at least as fine as that period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.survival.kaplan_meier import KaplanMeier, kaplan_meier_counts
from invest_xl.survival.spells import (DEFAULT_GROUP, PERIODS, Spells, durations,
                                      months_since_1970, to_date)

# key -> (Danish header used in messages, accepted headers)
COLUMNS = {
    "group": ("gruppe", ("group", "gruppe", "group_name")),
    "cohort": ("kohorte", ("cohort", "kohorte")),
    "day": ("dag", ("day", "dag", "days", "dage")),
    "exits": ("udgange", ("exits", "udgange", "events")),
    "censored": ("censurerede", ("censored", "censurerede")),
}
REQUIRED = ("day", "exits", "censored")
_FINENESS = {"month": 3, "quarter": 2, "half": 1, "year": 0}
_LABELS = {"year": "{y}", "half": "{y} H{p}", "quarter": "{y} K{p}", "month": "{y}-{p:02d}"}
# dialect -> (the cut-off date literal, the end of the merge gap, days between two dates)
DIALECTS = {
    "duckdb": ("CAST('{d}' AS DATE)", "CAST(forrige_slut + to_months({n}) AS DATE)",
               "(sidste_dag - startdato)"),
    "spark": ("CAST('{d}' AS DATE)", "add_months(forrige_slut, {n})",
              "datediff(sidste_dag, startdato)"),
    "tsql": ("CAST('{d}' AS DATE)", "DATEADD(month, {n}, forrige_slut)",
             "DATEDIFF(day, startdato, sidste_dag)"),
}


@dataclass
class SpellCounts:
    """Exits and censorings per (group, cohort, day); codes index the sorted names."""

    group_code: np.ndarray
    cohort_code: np.ndarray
    day: np.ndarray
    exits: np.ndarray
    censored: np.ndarray
    group_names: np.ndarray
    cohort_names: np.ndarray

    def __len__(self) -> int:
        return len(self.day)

    def to_dict(self) -> dict[str, list]:
        """The counts as columns group, cohort, day, exits, censored."""
        return {"group": self.group_names[self.group_code].tolist(),
                "cohort": self.cohort_names[self.cohort_code].tolist(),
                "day": self.day.tolist(), "exits": self.exits.tolist(),
                "censored": self.censored.tolist()}


def counts_from_spells(spells: Spells, cutoff=None) -> SpellCounts:
    """The counts of spells at `cutoff` (default: the latest date), cohorts by entry month."""
    days, observed, kept = durations(spells, cutoff)
    return count_durations(days, observed, spells.group_code[kept], spells.start[kept],
                           spells.group_names())


def count_durations(days: np.ndarray, observed: np.ndarray, group: np.ndarray,
                    start: np.ndarray, group_names: np.ndarray) -> SpellCounts:
    """Exits and censorings per (group code, entry month, days on benefit) of spells."""
    if days.size == 0:
        return SpellCounts(*(np.zeros(0, np.int64) for _ in range(5)), group_names,
                           np.zeros(0, dtype=object))
    month = months_since_1970(start)
    grid = CellGrid(int(month.min()), int(month.max()) - int(month.min()) + 1,
                    int(days.max()) + 1, int(group.max()) + 1)
    cell = grid.cell(group, month, days)
    if grid.size <= max(4 * cell.size, 1 << 22):
        total = np.bincount(cell)
        exits = np.bincount(cell[observed], minlength=total.size)
        cell = np.flatnonzero(total)
        total, exits = total[cell], exits[cell]
    else:  # many groups, cohorts and days: count the cells that occur
        cell, inverse = np.unique(cell, return_inverse=True)
        total = np.bincount(inverse)
        exits = np.bincount(inverse[observed], minlength=total.size)
    return grid.counts(cell, total, exits, group_names)


@dataclass
class CellGrid:
    """The cells (group code, entry month, days on benefit) of counts as one integer,
    (group * months + month - first_month) * width + days, months counted from 1970."""

    first_month: int
    months: int
    width: int
    groups: int

    @property
    def size(self) -> int:
        return self.groups * self.months * self.width

    def cell(self, group: np.ndarray, month: np.ndarray, days: np.ndarray) -> np.ndarray:
        return (group * self.months + (month - self.first_month)) * self.width + days

    def counts(self, cell: np.ndarray, total: np.ndarray, exits: np.ndarray,
               group_names: np.ndarray) -> SpellCounts:
        """The counts of spells in `cell` (sorted, each once): `total` and `exits` each."""
        day = cell % self.width
        month_of = (cell // self.width) % self.months + self.first_month
        used = np.unique(month_of)
        cohort_names = np.array([f"{1970 + m // 12}-{m % 12 + 1:02d}" for m in used],
                                dtype=object)
        return SpellCounts(cell // self.width // self.months, np.searchsorted(used, month_of),
                           day, exits, total - exits, group_names, cohort_names)


def add_counts(parts: list[SpellCounts]) -> SpellCounts:
    """The counts of several parts of one set of spells summed per (group, cohort, day);
    the parts share their group names, and only the groups with counts are kept."""
    cohort_names = np.unique(np.concatenate([part.cohort_names for part in parts]))
    group = np.concatenate([part.group_code for part in parts])
    cohort = np.concatenate([np.searchsorted(cohort_names, part.cohort_names)[part.cohort_code]
                             for part in parts])
    day = np.concatenate([part.day for part in parts])
    if day.size == 0:
        return parts[0]
    width, cohorts = int(day.max()) + 1, len(cohort_names)
    cells, inverse = np.unique((group * cohorts + cohort) * width + day, return_inverse=True)
    exits = np.bincount(inverse, np.concatenate([part.exits for part in parts])).astype(np.int64)
    censored = np.bincount(inverse, np.concatenate([part.censored for part in parts])
                           ).astype(np.int64)
    used, group_code = np.unique(cells // width // cohorts, return_inverse=True)
    cohorts_used, cohort_code = np.unique(cells // width % cohorts, return_inverse=True)
    return SpellCounts(group_code.astype(np.int64), cohort_code.astype(np.int64), cells % width,
                       exits, censored, parts[0].group_names[used],
                       cohort_names[cohorts_used].astype(object))


def _cohort(label: str) -> tuple[str | None, int, int]:
    """(period, year, part) of a cohort label; period None for a blank label."""
    text = label.strip()
    if text == "":
        return None, 0, 0
    for pattern, period in ((r"(\d{4})-(\d{1,2})", "month"), (r"(\d{4})(\d{2})", "month"),
                            (r"(\d{4}) ?[KQ]([1-4])", "quarter"), (r"(\d{4}) ?H([12])", "half"),
                            (r"(\d{4})", "year")):
        found = re.fullmatch(pattern, text, flags=re.IGNORECASE)
        if found:
            year, part = int(found.group(1)), int(found.group(2)) if found.lastindex > 1 else 0
            if period == "month" and not 1 <= part <= 12:
                break
            return period, year, part
    raise InvestXLError(f"kohorten '{label}' er ikke en periode (skriv fx 2020-07, 202007, "
                        "2020 K3, 2020 H2 eller 2020)")


def _relabel(label: str, by: str) -> str:
    period, year, part = _cohort(label)
    if period is None or _FINENESS[period] < _FINENESS[by]:
        shown = "uden kohorte" if period is None else f"'{label}'"
        raise InvestXLError(f"tællingerne har kohorter {shown}, som ikke kan deles op efter {by}")
    month = {"month": part, "quarter": 3 * part - 2, "half": 6 * part - 5, "year": 1}[period]
    target = {"year": 0, "half": 1 + (month - 1) // 6, "quarter": 1 + (month - 1) // 3,
              "month": month}[by]
    return _LABELS[by].format(y=year, p=target)


def _year(label: str) -> int:
    period, year, _ = _cohort(label)
    if period is None:
        raise InvestXLError("tællingerne har ingen kohorte, så en basisperiode kan ikke dannes")
    return year


def counts_curves(counts: SpellCounts, *, by: str | None = None,
                  baseline: tuple[int, int] | None = None) -> list[KaplanMeier]:
    """One Kaplan-Meier estimate per group (and cohort by `by`), plus the baseline pool.

    The order and labels are those of `kaplan_meier.spell_curves`.
    """
    if by is not None and by not in PERIODS:
        raise InvestXLError(f"ukendt kohorteperiode '{by}' (brug year, half, quarter eller month)")
    if len(counts) == 0:
        raise InvestXLError("ingen forløb i tællingerne")
    if baseline is not None and baseline[0] > baseline[1]:
        raise InvestXLError(f"basisperioden {baseline[0]}-{baseline[1]} er tom (første år efter sidste)")
    periods = (np.array([_relabel(c, by) for c in counts.cohort_names], dtype=object)
               if by else None)
    years = (np.array([_year(c) for c in counts.cohort_names], dtype=np.int64)
             if baseline is not None else None)
    estimates = []
    for code in np.unique(counts.group_code):
        name = str(counts.group_names[code])
        in_group = counts.group_code == code
        row_period = periods[counts.cohort_code] if by else None
        for period in (sorted(set(row_period[in_group])) if by else [None]):
            mask = in_group if period is None else in_group & (row_period == period)
            label = name if period is None else f"{name} {period}"
            estimates.append(_estimate(counts, mask, label, name, period))
        if baseline is not None:
            first, last = baseline
            year = years[counts.cohort_code]
            mask = in_group & (year >= first) & (year <= last)
            period = f"basis {first}-{last}"
            if not mask.any():
                raise InvestXLError(f"gruppen '{name}' har ingen forløb i {period}")
            estimates.append(_estimate(counts, mask, f"{name} {period}", name, period))
    return estimates


def _estimate(counts: SpellCounts, mask, label, group, cohort) -> KaplanMeier:
    return kaplan_meier_counts(counts.day[mask], counts.exits[mask], counts.censored[mask],
                               label=label, group=group, cohort=cohort)


def counts_sql(cutoff, gap_months: int | None = 1, dialect: str = "duckdb") -> str:
    """The query that computes the counts from a table `forloeb(person, ydelse, startdato,
    slutdato, gruppe)`, for DuckDB, Spark SQL ("spark") or SQL Server ("tsql")."""
    if dialect not in DIALECTS:
        raise InvestXLError(f"ukendt SQL-dialekt '{dialect}' (kendte: {', '.join(DIALECTS)})")
    if gap_months is not None and (not isinstance(gap_months, int) or gap_months < 0):
        raise InvestXLError(f"mellemrummet for tilbagefald skal være 0 eller flere måneder (fik {gap_months})")
    date, gap, days = DIALECTS[dialect]
    template = resources.files("invest_xl.survival").joinpath("sql/counts.sql").read_text("utf-8")
    return template.format(cutoff=date.format(d=str(to_date(cutoff))),
                           add_gap_months=gap.format(n=gap_months or 0),
                           no_merge=1 if gap_months is None else 0, days_on_benefit=days)


def read_counts(path) -> SpellCounts:
    """Counts from a CSV or Parquet file with columns group, cohort, day, exits, censored
    (or gruppe, kohorte, dag, udgange, censurerede); group and cohort may be left out."""
    from invest_xl.survival import spell_reader as reader

    path = Path(path)
    if not path.exists():
        raise InvestXLError(f"filen {path} findes ikke")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        headers, columns, first_row = reader.read_csv_columns(path)
    elif suffix == ".parquet":
        (headers, columns), first_row = reader.read_parquet_columns(path), 2
    else:
        raise InvestXLError(f"tællinger skal være en .csv- eller .parquet-fil, ikke '{path.name}'")
    positions = reader.positions(headers, COLUMNS, REQUIRED, "tællingerne",
                                 "group, cohort, day, exits, censored")
    encoded = {key: reader.encode(columns[i]) for key, i in positions.items()}
    rows = len(next(iter(encoded.values())).index)
    if rows == 0:
        raise InvestXLError(f"{path.name} har ingen tællinger")
    numbers = {key: reader.whole_numbers(encoded[key], COLUMNS[key][0], first_row)
               for key in REQUIRED}
    texts = {}
    for key in ("group", "cohort"):
        if key in encoded:
            blank = encoded[key].blank()
            texts[key] = reader.texts(encoded[key], blank, np.ones(rows, bool), COLUMNS[key][0],
                                      first_row, required=False,
                                      default=DEFAULT_GROUP if key == "group" else None)
        else:
            default = DEFAULT_GROUP if key == "group" else ""
            texts[key] = np.zeros(rows, np.int64), np.array([default], dtype=object)
    (group, group_names), (cohort, cohort_names) = texts["group"], texts["cohort"]
    return SpellCounts(group, cohort, numbers["day"], numbers["exits"], numbers["censored"],
                       _as_names(group_names), _as_names(cohort_names))


def _as_names(names) -> np.ndarray:
    if isinstance(names, np.ndarray):
        return names
    return np.asarray(names.to_pylist(), dtype=object)
