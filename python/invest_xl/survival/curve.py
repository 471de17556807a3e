"""The survival curve: share of a cohort still on benefit k weeks after entry.

Every estimator in the package (Kaplan-Meier from spells, published points, parametric
fits) returns a `Curve`, so printing, --json and the workbook read one kind of object.
Weeks are weeks since entry (days / 7); shares are 0-1 (1 = everyone still on benefit).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number

# The published grid: one point a month, floor(k * 52 / 12) weeks for k = 0..12.
PUBLISHED_WEEKS = np.array([(k * 52) // 12 for k in range(13)], dtype=float)

GRIDS = ("published", "weekly")
# A curve read week by week: beyond 100 years it only hangs (a billion weeks was typed once).
MAX_HORIZON_WEEKS = 5200


def check_horizon(weeks: float, name: str) -> float:
    """A horizon in weeks (0 to 100 years); `name` is how the user gave it (--horizon, horisont)."""
    if weeks < 0:
        raise InvestXLError(f"{name} skal være 0 uger eller mere (fik {short_number(weeks)})")
    if weeks > MAX_HORIZON_WEEKS:
        raise InvestXLError(f"{name} skal være højst {MAX_HORIZON_WEEKS} uger (100 år), "
                            f"ikke {short_number(weeks)}")
    return weeks


def never_above_last_observed(weeks, upper, last_observed_week: float, upper_at_last: float) -> np.ndarray:
    """An extrapolated band's upper edge made never rising: S never rises, so the upper
    bound at a week after the last observed one is at most the bound at that week and at
    every week between (a running minimum in week order, starting from `upper_at_last`)."""
    weeks, upper = np.asarray(weeks, dtype=float), np.asarray(upper, dtype=float)
    order = np.argsort(weeks, kind="stable")
    after = weeks[order] > last_observed_week + 1e-12
    running = np.minimum(np.minimum.accumulate(np.where(after, upper[order], np.inf)), upper_at_last)
    result = upper.copy()
    result[order] = np.where(after, running, upper[order])
    return result


def grid_weeks(grid: str, last_week: float) -> np.ndarray:
    """Weeks of a grid ("published" or "weekly") up to and including `last_week`."""
    if grid == "published":
        weeks = PUBLISHED_WEEKS
    elif grid == "weekly":
        weeks = np.arange(0.0, np.floor(max(last_week, 0.0)) + 1.0)
    else:
        raise InvestXLError(f"ukendt uge-gitter '{grid}' (brug published eller weekly)")
    return weeks[weeks <= last_week + 1e-12]


@dataclass
class Curve:
    """Shares still on benefit (0-1) at given weeks since entry, with a 95 % band.

    `provenance` says how it was made: "kaplan-meier", "points" or "fit:<family>".
    `last_observed_week` is the last week the data can speak for; a fitted curve beyond
    it is an extrapolation. `cohort_size` is the number of spells (None if unknown).
    """

    weeks: np.ndarray
    share: np.ndarray
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    label: str = ""
    group: str | None = None
    cohort: str | None = None
    provenance: str = "points"
    last_observed_week: float | None = None
    cohort_size: float | None = None
    level: float = 0.95
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.weeks = np.asarray(self.weeks, dtype=float)
        self.share = np.asarray(self.share, dtype=float)
        if self.lower is not None:
            self.lower = np.asarray(self.lower, dtype=float)
            self.upper = np.asarray(self.upper, dtype=float)

    def __len__(self) -> int:
        return len(self.weeks)

    @property
    def extrapolated(self) -> np.ndarray:
        """True at weeks beyond the last observed week."""
        if self.last_observed_week is None:
            return np.zeros(len(self.weeks), dtype=bool)
        return self.weeks > self.last_observed_week + 1e-12

    def to_dict(self) -> dict:
        """Plain types with full precision, for --json."""

        def floats(values):
            return None if values is None else [float(v) for v in values]

        return {
            "label": self.label,
            "group": self.group,
            "cohort": self.cohort,
            "provenance": self.provenance,
            "cohort_size": None if self.cohort_size is None else float(self.cohort_size),
            "last_observed_week": (
                None if self.last_observed_week is None else float(self.last_observed_week)
            ),
            "level": self.level,
            "weeks": floats(self.weeks),
            "share": floats(self.share),
            "lower": floats(self.lower),
            "upper": floats(self.upper),
            "notes": list(self.notes),
        }
