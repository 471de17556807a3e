"""The curve table as municipalities publish it: entry periods as rows, weeks as columns.

Per group of spells, one Kaplan-Meier estimate (`kaplan_meier.spell_curves`) per row:
the earlier entry years pooled (the baseline, "Gennemsnit 2017-2019"), each entry
year, and the last entry year's two halves. The columns are the published weeks
(`curve.PUBLISHED_WEEKS`: 0, 4, 8, 13, ..., 52); a share is given only up to the
cohort's longest follow-up (its last observed week) and is None beyond it, so an
incomplete cohort shows blank cells where it has not been observed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from invest_xl import labels
from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.survival.kaplan_meier import KaplanMeier, spell_curves
from invest_xl.survival.spells import Spells, as_date, entry_years


@dataclass(frozen=True)
class PeriodRow:
    """One row: the group, the period's Danish name, the spells in it and the shares (0-1)."""

    group: str
    period: str
    size: int
    shares: tuple[float | None, ...]


@dataclass(frozen=True)
class PeriodTable:
    """The rows, the weeks they are read at, and the cut-off date of the spells."""

    rows: tuple[PeriodRow, ...]
    weeks: tuple[float, ...]
    cutoff: dt.date


def _shares(km: KaplanMeier, weeks: np.ndarray) -> tuple[float | None, ...]:
    values = km.survival_at(weeks)
    return tuple(float(v) if w <= km.last_observed_week else None for w, v in zip(weeks, values))


def _period_name(cohort: str) -> str:
    """'basis 2017-2019' -> 'Gennemsnit 2017-2019', '2020 H1' -> '1. halvår 2020', '2020' as is."""
    if cohort.startswith("basis "):
        return labels.PERIOD_BASELINE.format(years=cohort.removeprefix("basis "))
    if " H" in cohort:
        year, half = cohort.split(" H")
        return labels.PERIOD_HALF.format(half=half, year=year)
    return cohort


def period_table(spells: Spells, cutoff, order: list[str] | None = None) -> PeriodTable:
    """The table for every group of `spells` at `cutoff` (module docstring), the groups
    in `order` (default: as `spell_curves` gives them)."""
    weeks = np.asarray(PUBLISHED_WEEKS, dtype=float)
    years = entry_years(spells.start[spells.start <= cutoff])
    first, last = int(years.min()), int(years.max())
    # one earlier year alone is already its own row
    baseline = (first, last - 1) if first < last - 1 else None
    by_year = spell_curves(spells, cutoff, by="year", baseline=baseline)
    halves = [km for km in spell_curves(spells, cutoff, by="half") if km.cohort.startswith(f"{last} ")]
    rows = []
    for group in order or dict.fromkeys(km.group for km in by_year):
        ordered = ([km for km in by_year if km.group == group and km.cohort.startswith("basis ")]
                   + [km for km in by_year if km.group == group and not km.cohort.startswith("basis ")]
                   + [km for km in halves if km.group == group])
        rows += [PeriodRow(group, _period_name(km.cohort), km.size, _shares(km, weeks)) for km in ordered]
    return PeriodTable(tuple(rows), tuple(weeks.tolist()), as_date(np.datetime64(cutoff, "D")))
