"""Plausibility warnings for an extrapolated curve: short Danish texts (labels.py).

Four checks, each a warning when it holds:

- long: the horizon H is more than twice the last observed week L (H > 2 L);
- disagree: the families within ΔAIC <= 10 of the best (`averaging.PLAUSIBLE_DELTA_AIC`)
  differ by more than 5 percentage points at H (max Sᵢ(H) - min Sᵢ(H) > 0,05);
- plateau: a cure family carries weight (Akaike weight >= 20 %, or it is the one used)
  although the curve shows no plateau: over the last third of the observed weeks it still
  falls at least a third as fast per week as over all of them;
- below: with a reference curve, the curve at H is below the reference's lowest plausible
  level there: its lower 95 % bound (its band, or p - 1,96 √(p (1 - p) / M) from its cohort
  size M or, without either, from the size the relative fit assumed for it), less half a
  rounding unit of the published shares (0,05 point).
"""

from __future__ import annotations

import numpy as np

from invest_xl import labels
from invest_xl.formatting import percent, short_number
from invest_xl.survival.averaging import ModelAverage
from invest_xl.survival.curve import Curve

DISAGREE_POINTS = 0.05
CURE_WEIGHT = 0.2


def no_plateau(curve: Curve) -> bool:
    """True when the last third of the observed weeks still falls >= 1/3 as fast as the whole."""
    weeks, share = curve.weeks, curve.share
    last = weeks[-1]
    if last <= 0 or len(weeks) < 3:
        return True
    start = last * 2 / 3
    late = (np.interp(start, weeks, share) - share[-1]) / (last - start)
    overall = (share[0] - share[-1]) / last
    return bool(overall > 0 and late >= overall / 3)


ROUNDING = 0.0005  # half of 0,1 percentage point, the unit published shares are rounded to


def plausibility_warnings(observed: Curve, horizon: float, *, report=None, used: str | None = None,
                          share_at_horizon: float | None = None, reference: Curve | None = None,
                          reference_size: float | None = None) -> list[str]:
    """The warnings for extrapolating `observed` (points) to `horizon` weeks.

    `report`: the families fitted to it (`fitting.FitReport`), for disagree and plateau;
    `used`: the family name the result uses (None = the model average);
    `share_at_horizon`: the reported S(H); `reference`: a complete reference curve;
    `reference_size`: the cohort size assumed for a reference that states none.
    """
    texts = labels.PLAUSIBILITY_WARNINGS
    warnings = []
    last = float(observed.last_observed_week)
    if horizon > 2 * last:
        warnings.append(texts["long"].format(horizon=short_number(horizon), observed=short_number(last)))
    if report is not None and horizon > last:
        average = ModelAverage(report, observed)
        fits, weights = average.fits, average.weights
        at_horizon = [float(f.survival_at([horizon])[0]) for f in average.plausible]
        spread = max(at_horizon) - min(at_horizon)
        if spread > DISAGREE_POINTS:
            warnings.append(texts["disagree"].format(points=short_number(round(spread * 100, 1)),
                                                     horizon=short_number(horizon)))
        cures = [(f, w) for f, w in zip(fits, weights) if "cure" in f.params
                 and (w >= CURE_WEIGHT or f.name == used)]
        if cures and no_plateau(observed):
            fit = max(cures, key=lambda pair: pair[1])[0]
            warnings.append(texts["plateau"].format(cure=percent(fit.params["cure"])))
    if reference is not None and share_at_horizon is not None and horizon <= reference.last_observed_week:
        floor = _reference_floor(reference, horizon, reference_size)
        if share_at_horizon < floor - ROUNDING:
            warnings.append(texts["below"].format(horizon=short_number(horizon), share=percent(share_at_horizon),
                                                  floor=percent(floor)))
    return warnings


def _reference_floor(reference: Curve, horizon: float, assumed_size: float | None = None) -> float:
    share = float(np.interp(horizon, reference.weeks, reference.share))
    if reference.lower is not None:
        return float(np.interp(horizon, reference.weeks, reference.lower))
    size = reference.cohort_size or assumed_size
    if size:
        return max(0.0, share - 1.959964 * np.sqrt(share * (1 - share) / size))
    return share
