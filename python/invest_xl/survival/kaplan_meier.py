"""Kaplan-Meier curves from spells, with the Greenwood band on the log(-log) scale.

S(t) = prod over exit weeks t_i <= t of (1 - d_i / n_i), where n_i spells are still at
risk and d_i leave at t_i; spells still running at the cut-off are right-censored. The
95 % band is exp(-exp(log(-log S) -/+ z sqrt(V) / log S)) with Greenwood's
V = sum d_i / (n_i (n_i - d_i)), exactly as lifelines' KaplanMeierFitter reports its
confidence_interval_ (the band is 1 where S = 1). Weeks are days / 7.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from invest_xl.survival.curve import Curve, grid_weeks
from invest_xl.errors import InvestXLError
from invest_xl.survival.spells import Spells, durations


@dataclass
class KaplanMeier:
    """A Kaplan-Meier estimate: the life table at every distinct week, starting at 0.

    `at_risk` spells are on benefit just before `weeks`; `exits` leave then and
    `censored` are lost to follow-up then. `survival` is the share still on benefit.
    """

    weeks: np.ndarray
    at_risk: np.ndarray
    exits: np.ndarray
    censored: np.ndarray
    survival: np.ndarray
    greenwood: np.ndarray
    label: str = ""
    group: str | None = None
    cohort: str | None = None

    @property
    def size(self) -> int:
        """Number of spells in the cohort."""
        return int(self.at_risk[0])

    @property
    def last_observed_week(self) -> float:
        """The longest follow-up in the cohort: beyond it the curve is unknown."""
        return float(self.weeks[-1])

    def _index(self, weeks) -> np.ndarray:
        weeks = np.asarray(weeks, dtype=float)
        if np.any(weeks < 0) or np.any(~np.isfinite(weeks)):
            raise InvestXLError("uger skal være 0 eller derover")
        return np.searchsorted(self.weeks, weeks, side="right") - 1

    def survival_at(self, weeks) -> np.ndarray:
        """Share still on benefit at each week (a step function, right-continuous)."""
        return self.survival[self._index(weeks)]

    def band_at(self, weeks, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper limit of the pointwise band at each week."""
        index = self._index(weeks)
        return log_log_band(self.survival[index], self.greenwood[index], level)

    def curve(self, weeks=None, *, grid: str = "published", level: float = 0.95) -> Curve:
        """The curve on `weeks`, or on the grid up to the last observed week."""
        if weeks is None:
            weeks = grid_weeks(grid, self.last_observed_week)
        weeks = np.asarray(weeks, dtype=float)
        lower, upper = self.band_at(weeks, level)
        return Curve(weeks, self.survival_at(weeks), lower, upper, label=self.label,
                     group=self.group, cohort=self.cohort, provenance="kaplan-meier",
                     last_observed_week=self.last_observed_week, cohort_size=self.size,
                     level=level)


def log_log_band(survival, greenwood, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The exponential Greenwood band; 1 where S = 1 and 0 where S = 0, as in lifelines."""
    if not 0 < level < 1:
        raise InvestXLError(f"niveauet for konfidensbåndet skal ligge mellem 0 og 1 (fik {level})")
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)  # the stdlib's, so curves load no scipy
    with np.errstate(divide="ignore", invalid="ignore"):
        v = np.log(survival)
        spread = z * np.sqrt(greenwood) / v
        lower = np.exp(-np.exp(np.log(-v) - spread))
        upper = np.exp(-np.exp(np.log(-v) + spread))
    return np.nan_to_num(lower, nan=1.0), np.nan_to_num(upper, nan=1.0)


def kaplan_meier(weeks, observed=None, *, label: str = "", group: str | None = None,
                 cohort: str | None = None) -> KaplanMeier:
    """Kaplan-Meier estimate from durations in weeks and exit indicators.

    `observed` is True where the exit was seen, False where the spell was still
    running at the cut-off (default: all seen).

    >>> km = kaplan_meier([1, 2, 2, 3], [True, True, False, True])
    >>> km.survival_at([0, 1, 2, 3]).round(3).tolist()
    [1.0, 0.75, 0.5, 0.0]
    """
    weeks, observed = _checked(weeks, observed, label)
    # One sort of the bit patterns (order-preserving for non-negative floats) with the
    # exit flag in the freed lowest bit gives times and both counts in linear passes.
    keys = np.sort((np.abs(weeks.astype(float)).view(np.uint64) << np.uint64(1))
                   | observed.astype(np.uint64))
    bits = keys >> np.uint64(1)
    first = np.flatnonzero(np.concatenate([[True], bits[1:] != bits[:-1]]))
    times = bits[first].view(np.float64)
    removed = np.diff(np.append(first, keys.size))
    seen = np.concatenate([[0], np.cumsum(keys & np.uint64(1))])
    exits = seen[np.append(first[1:], keys.size)] - seen[first]
    return _estimate(times, removed, exits.astype(np.int64), label, group, cohort)


def kaplan_meier_days(days, observed=None, *, label: str = "", group: str | None = None,
                      cohort: str | None = None) -> KaplanMeier:
    """The same estimate from whole days on benefit (weeks = days / 7), counted in one pass.

    Spell data come in whole days, so the life table is two bincounts, not a sort:
    this is what makes a million spells take milliseconds.
    """
    days = np.asarray(days)
    if days.size and not np.issubdtype(days.dtype, np.integer):
        raise InvestXLError("varigheder i dage skal være hele tal")
    weeks, observed = _checked(days, observed, label)
    # one pass: cell 2 * day + exit counts running spells (even) and exits (odd) per day
    cells = np.bincount(2 * days + observed, minlength=2 * (int(days.max()) + 1))
    exits = cells[1::2]
    removed = cells[0::2] + exits
    day_index = np.flatnonzero(removed)
    return _estimate(day_index / 7.0, removed[day_index], exits[day_index],
                     label, group, cohort)


def kaplan_meier_counts(days, exits, censored, *, label: str = "", group: str | None = None,
                       cohort: str | None = None) -> KaplanMeier:
    """The same estimate from counts: per row a day, the exits and the censorings that day.

    Rows may repeat a day (they add up); this is the input an engine's GROUP BY gives
    (`counts`), and from the same spells it gives the very numbers of `kaplan_meier_days`.
    """
    days = np.asarray(days)
    exits, censored = np.asarray(exits), np.asarray(censored)
    if days.size == 0:
        raise InvestXLError(f"ingen forløb i {label or 'kohorten'}")
    if days.dtype.kind not in "iu" or days.min() < 0:
        raise InvestXLError("varigheder i dage skal være hele tal, 0 eller derover")
    width = int(days.max()) + 1
    exits_per_day = np.bincount(days, weights=exits, minlength=width).astype(np.int64)
    removed = np.bincount(days, weights=censored, minlength=width).astype(np.int64) + exits_per_day
    day_index = np.flatnonzero(removed)
    if day_index.size == 0:
        raise InvestXLError(f"ingen forløb i {label or 'kohorten'}")
    return _estimate(day_index / 7.0, removed[day_index], exits_per_day[day_index],
                     label, group, cohort)


def _checked(weeks, observed, label: str) -> tuple[np.ndarray, np.ndarray]:
    weeks = np.asarray(weeks)
    observed = (np.ones(weeks.shape, dtype=bool) if observed is None
                else np.asarray(observed).astype(bool))
    if weeks.ndim != 1 or observed.shape != weeks.shape:
        raise InvestXLError(f"varigheder og udgange har forskellig længde "
                            f"({weeks.size} og {observed.size})")
    if weeks.size == 0:
        raise InvestXLError(f"ingen forløb i {label or 'kohorten'}")
    if weeks.dtype.kind not in "iuf":
        raise InvestXLError("varigheder skal være tal")
    if weeks.dtype.kind in "iu":
        if weeks.min() < 0:
            raise InvestXLError("varigheder skal være endelige og 0 eller derover")
        return weeks, observed
    if np.any(~np.isfinite(weeks)) or np.any(weeks < 0):
        raise InvestXLError("varigheder skal være endelige og 0 eller derover")
    return weeks.astype(float), observed


def _estimate(times, removed, exits, label, group, cohort) -> KaplanMeier:
    if times[0] > 0:
        times = np.concatenate([[0.0], times])
        removed = np.concatenate([[0], removed])
        exits = np.concatenate([[0], exits])
    size = int(removed.sum())
    at_risk = size - np.concatenate([[0], np.cumsum(removed)[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        survival = np.exp(np.cumsum(np.log(at_risk - exits) - np.log(at_risk)))
        terms = exits / (at_risk.astype(np.float64) * (at_risk - exits))
    terms[np.isinf(terms)] = 0.0
    return KaplanMeier(np.asarray(times, dtype=float), at_risk, exits, removed - exits,
                       survival, np.cumsum(terms), label=label, group=group, cohort=cohort)


def _danish_date(day) -> str:
    """A numpy or Python date as Danish text, 31-01-2020."""
    import datetime as dt
    value = np.datetime64(day, "D").astype(object)
    return value.strftime("%d-%m-%Y") if isinstance(value, dt.date) else str(value)


def spell_curves(spells: Spells, cutoff=None, *, by: str | None = None,
                 baseline: tuple[int, int] | None = None) -> list[KaplanMeier]:
    """One Kaplan-Meier estimate per group, and per entry cohort when `by` is given.

    `by` is "year", "half", "quarter" or "month". `baseline` = (first, last) entry year
    adds, per group, the spells of those years pooled (e.g. 2017-2019) as cohort
    "basis 2017-2019". Each curve stops at its cohort's longest follow-up. The spells
    are first reduced to counts per group, entry month and day (`counts`).
    """
    from invest_xl.survival.counts import counts_curves, counts_from_spells

    counts = counts_from_spells(spells, cutoff)
    if len(counts) == 0:
        first = spells.start.min() if spells.start.size else None
        shown = "" if first is None else f" (det første starter {_danish_date(first)})"
        raise InvestXLError(f"ingen forløb starter før skæringsdatoen{shown}")
    return counts_curves(counts, by=by, baseline=baseline)
