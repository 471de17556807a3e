"""A back-test of the extrapolation methods on complete curves.

Every complete row (observed to the horizon) is cut at each cut week c: only its points
at weeks <= c are kept (with its cohort size), and the cut curve is extrapolated by

- "family": the lowest-AIC family alone, its own delta-method band;
- "average": the AIC-weighted model average and its band (`averaging`);
- "relative": relative to the reference row (`relative`), when one is given.

At every later published week t > c of the row the error is S_method(t) - S_row(t)
(in percentage points) and the band covers when lower <= S_row(t) <= upper. A simulated
row's observed shares carry their own sampling noise; with `truths` (the curve each row
was drawn from) the error and coverage are also measured against that true curve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.survival.curve import Curve
from invest_xl.survival.extrapolation import extrapolate
from invest_xl.survival.points import points_curve

METHODS = ("family", "average", "relative")


@dataclass(frozen=True)
class BacktestPoint:
    """One held-back week of one row, cut at `cut`, by one method."""

    row: str
    cut: float
    method: str
    week: float
    truth: float
    share: float
    lower: float
    upper: float
    true_share: float | None = None  # the curve the row was simulated from, when known

    @property
    def error_points(self) -> float:
        return 100.0 * (self.share - self.truth)

    @property
    def covered(self) -> bool:
        return bool(self.lower - 1e-12 <= self.truth <= self.upper + 1e-12)

    @property
    def true_error_points(self) -> float | None:
        return None if self.true_share is None else 100.0 * (self.share - self.true_share)

    @property
    def covers_true(self) -> bool | None:
        if self.true_share is None:
            return None
        return bool(self.lower - 1e-12 <= self.true_share <= self.upper + 1e-12)

    def to_dict(self) -> dict:
        return {"row": self.row, "cut": self.cut, "method": self.method, "week": self.week,
                "truth": self.truth, "share": self.share, "lower": self.lower, "upper": self.upper,
                "error_points": self.error_points, "covered": self.covered,
                "true_share": self.true_share, "true_error_points": self.true_error_points,
                "covers_true": self.covers_true}


def cut_curve(curve: Curve, cut: float) -> Curve:
    """The curve's points at weeks <= cut, as a young cohort would be published."""
    keep = curve.weeks <= cut + 1e-12
    if keep.sum() < 2:
        raise InvestXLError(f"uge {cut:g} er for tidlig: kurven {curve.label} har kun ét punkt før den")
    return points_curve(curve.weeks[keep].tolist(), curve.share[keep].tolist(), curve.cohort_size,
                        label=curve.label)


def backtest(rows: list[Curve], cuts=(13, 26), *, reference: Curve | None = None,
             horizon: float | None = None, truths: dict | None = None) -> list[BacktestPoint]:
    """Cut every complete row (other than the reference) at each cut and extrapolate it.

    `truths`: optional {row label: S(weeks) -> shares}, the true curve of a simulated row."""
    horizon = max(float(r.last_observed_week) for r in rows) if horizon is None else float(horizon)
    complete = [r for r in rows if r.last_observed_week >= horizon - 1e-12 and r is not reference]
    if not complete:
        raise InvestXLError(f"ingen rækker er kendt til uge {horizon:g}: der er intet at efterprøve")
    result = []
    for row in complete:
        for cut in cuts:
            young = cut_curve(row, cut)
            held = row.weeks > cut + 1e-12
            methods = {"family": dict(family=young_family(young)), "average": {}}
            if reference is not None:
                methods["relative"] = dict(reference=reference)
            for method, options in methods.items():
                curve = extrapolate(young, horizon, **options).curve
                for week, truth in zip(row.weeks[held], row.share[held]):
                    at = int(np.flatnonzero(curve.weeks == week)[0]) if week in curve.weeks else None
                    share, lower, upper = (
                        (curve.share[at], curve.lower[at], curve.upper[at]) if at is not None else
                        tuple(float(np.interp(week, curve.weeks, v)) for v in (curve.share, curve.lower, curve.upper)))
                    true_curve = (truths or {}).get(row.label)
                    true_share = None if true_curve is None else float(np.asarray(true_curve([week]))[0])
                    result.append(BacktestPoint(row.label, float(cut), method, float(week), float(truth),
                                                float(share), float(lower), float(upper), true_share))
    return result


def young_family(young: Curve) -> str:
    """The lowest-AIC family for the cut curve (what `fit` chose before model averaging)."""
    from invest_xl.survival.fitting import fit_points
    return fit_points(young.weeks, young.share, young.cohort_size).best.name


def summary(points: list[BacktestPoint]) -> list[dict]:
    """Per method and cut: held-back weeks, mean and largest |error| (points), coverage."""
    table = []
    for method in METHODS:
        for cut in sorted({p.cut for p in points}):
            chosen = [p for p in points if p.method == method and p.cut == cut]
            if not chosen:
                continue
            errors = np.abs([p.error_points for p in chosen])
            line = {"method": method, "cut": cut, "weeks": len(chosen),
                    "mean_abs_error_points": float(errors.mean()),
                    "max_abs_error_points": float(errors.max()),
                    "coverage": float(np.mean([p.covered for p in chosen]))}
            if all(p.true_share is not None for p in chosen):
                true_errors = np.abs([p.true_error_points for p in chosen])
                line.update(mean_abs_true_error_points=float(true_errors.mean()),
                            max_abs_true_error_points=float(true_errors.max()),
                            true_coverage=float(np.mean([p.covers_true for p in chosen])))
            table.append(line)
    return table
