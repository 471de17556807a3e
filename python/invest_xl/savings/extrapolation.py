"""The curve method's assumption past the last observed week, and the weekly gap it gives.

The gap between the groups' curves (target - intervention, benefit weeks saved per
participant) is known up to the last observed week of the shorter curve; after it the
assumption is explicit and reported: ``none`` (no saving), ``hold`` (the last gap stays),
``fade`` (it falls linearly to 0 over N weeks) or ``model`` (the gap between each group's
model average, or the intervention group relative to a reference curve). `gap_ends`
gives each week's gap at its start and end, so the curve method can integrate it
exactly (straight lines between published points, or steps).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number
from invest_xl.savings.refund import WEEKS_PER_YEAR

NONE, HOLD, FADE, MODEL = "none", "hold", "fade", "model"
EXTRAPOLATIONS = (NONE, HOLD, FADE, MODEL)
STEP, LINEAR = "step", "linear"
SHAPES = (STEP, LINEAR)


@dataclass(frozen=True)
class Extrapolation:
    """The assumption past the last observed week: kind in none/hold/fade/model.

    `fade_weeks` (fade only): the gap falls linearly from its last observed value to 0
    over this many weeks. `target_model`/`intervention_model` (model only): fitted
    weekly shares from week 0, long enough to cover the budget period.
    """

    kind: str = NONE
    fade_weeks: int | None = None
    target_model: tuple[float, ...] | None = None
    intervention_model: tuple[float, ...] | None = None
    target_model_band: tuple[tuple[float, ...], tuple[float, ...]] | None = None
    intervention_model_band: tuple[tuple[float, ...], tuple[float, ...]] | None = None
    warnings: tuple[str, ...] = ()

    def __post_init__(self):
        if self.kind not in EXTRAPOLATIONS:
            raise InvestXLError(f"ukendt fremskrivning '{self.kind}' (brug {', '.join(EXTRAPOLATIONS)})")
        if self.kind == FADE and (self.fade_weeks is None or self.fade_weeks < 1
                                  or self.fade_weeks != int(self.fade_weeks)):
            raise InvestXLError("fremskrivningen 'aftag' kræver et helt antal uger på mindst 1")
        if self.kind == MODEL and (self.target_model is None or self.intervention_model is None):
            raise InvestXLError("fremskrivningen 'model' kræver tilpassede kurver for begge grupper")

    def edge(self, favourable: bool) -> "Extrapolation":
        """The extrapolation on the band's edges: the most favourable gap (target upper,
        intervention lower) or the least (target lower, intervention upper)."""
        if self.kind != MODEL:
            return self
        side = 1 if favourable else 0

        def pick(model, band, other_side):
            return model if band is None else band[other_side]
        return Extrapolation(MODEL, target_model=pick(self.target_model, self.target_model_band, side),
                             intervention_model=pick(self.intervention_model, self.intervention_model_band,
                                                     1 - side))

    def describe(self) -> str:
        """Danish text for reports."""
        return labels.EXTRAPOLATIONS[self.kind].format(weeks=self.fade_weeks)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "fade_weeks": self.fade_weeks, "description": self.describe()}


def _shares(values, what: str) -> np.ndarray:
    array = np.asarray(values, dtype=float).ravel()
    if array.size == 0:
        raise InvestXLError(f"{what} har ingen uger")
    if not np.all(np.isfinite(array)) or np.any(array < 0) or np.any(array > 1):
        raise InvestXLError(f"{what} skal være andele mellem 0 og 1")
    return array


def extrapolation_for(kind: str, *, fade_weeks: int | None = None, target_points=None,
                      intervention_points=None, years=(), first_entry_year: int | None = None,
                      intervention_reference=None) -> Extrapolation:
    """The extrapolation `kind`; for ``model`` each group's curve is extrapolated the way
    `invest-xl fit` does it (`survival.extrapolation.extrapolate`: the AIC-weighted model
    average of the families, or, with `intervention_reference`, the intervention group
    relative to that complete curve) and read, with its band, at every week from the first
    entry (default: the first budget year) to the end of the last of `years`.

    target_points, intervention_points: a Curve or (weeks, shares 0-1).
    """
    if kind != MODEL:
        return Extrapolation(kind, fade_weeks=fade_weeks)
    from invest_xl.survival.curve import Curve
    from invest_xl.survival.extrapolation import extrapolate
    from invest_xl.survival.points import points_curve

    first = years[0] if first_entry_year is None else min(first_entry_year, years[0])
    weeks = WEEKS_PER_YEAR * (years[-1] - first + 1)

    def model(points, group: str, reference=None):
        observed = points if isinstance(points, Curve) else points_curve(list(points[0]), list(points[1]),
                                                                          label=group)
        result = extrapolate(observed, weeks, reference=reference)
        curve = result.curve
        as_tuple = lambda values: tuple(float(v) for v in np.clip(values, 0.0, 1.0))  # noqa: E731
        band = None if curve.lower is None else (as_tuple(curve.lower), as_tuple(curve.upper))
        return as_tuple(curve.share), band, [f"{group}: {w}" for w in result.warnings]
    warnings = []
    if intervention_reference is not None and intervention_reference.last_observed_week < weeks:
        intervention_reference = _extended(intervention_reference, weeks, extrapolate)
        warnings.append(labels.REFERENCE_EXTENDED.format(
            reference=intervention_reference.label, week=short_number(intervention_reference.notes[-1])))
    target, target_band, target_warnings = model(target_points, "målgruppe")
    intervention, intervention_band, intervention_warnings = model(
        intervention_points, "indsatsgruppe", intervention_reference)
    return Extrapolation(MODEL, target_model=target, intervention_model=intervention,
                         target_model_band=target_band, intervention_model_band=intervention_band,
                         warnings=tuple(warnings + target_warnings + intervention_warnings))


def _extended(reference, weeks: int, extrapolate):
    """A complete reference known to fewer than `weeks` weeks, carried on by its own model
    average (with band) past its last week, so that a young curve can be read relative to
    it over the whole budget period. Its last known week is kept in its last note."""
    from invest_xl.survival.curve import Curve

    last = float(reference.last_observed_week)
    grid = np.arange(weeks + 1, dtype=float)
    fitted = extrapolate(reference, weeks).curve
    known = grid <= last
    share = np.where(known, np.interp(grid, reference.weeks, reference.share), fitted.share)
    if reference.lower is not None:
        lower = np.where(known, np.interp(grid, reference.weeks, reference.lower), fitted.lower)
        upper = np.where(known, np.interp(grid, reference.weeks, reference.upper), fitted.upper)
    else:
        lower, upper = np.where(known, share, fitted.lower), np.where(known, share, fitted.upper)
    return Curve(grid, share, lower, upper, label=reference.label, provenance=reference.provenance,
                 last_observed_week=float(weeks), cohort_size=reference.cohort_size, notes=[*reference.notes, last])


def gap_ends(target_share, intervention_share, extrapolation: Extrapolation,
             horizon_weeks: int, shape: str = STEP) -> tuple[np.ndarray, np.ndarray, int]:
    """The gap at the start and at the end of each week 0 .. horizon_weeks - 1, and the last observed week.

    Observed weeks are 0 .. L - 1, where L is the last index of the shorter array; from
    week L on the extrapolation applies. For steps the end equals the start; for lines
    the end of week k is the gap at week k + 1 (the gap is linear inside the week).
    """
    if shape not in SHAPES:
        raise InvestXLError(f"ukendt kurveform '{shape}' (brug {', '.join(SHAPES)})")
    target = _shares(target_share, "målgruppens kurve")
    intervention = _shares(intervention_share, "indsatsgruppens kurve")
    last = min(target.size, intervention.size) - 1
    at = np.arange(horizon_weeks + 1)  # the gap at week 0 .. horizon: the weeks' ends
    observed = np.zeros(horizon_weeks + 1)
    seen = min(last + 1, horizon_weeks + 1)
    observed[:seen] = target[:seen] - intervention[:seen]
    extrapolated = _extrapolated_gap(target, intervention, extrapolation, at, last, horizon_weeks)
    starts = np.where(at[:-1] < last, observed[:-1], extrapolated[:-1])
    if shape == STEP:
        return starts, starts.copy(), last
    ends = np.where(at[:-1] < last, observed[1:], extrapolated[1:])
    return starts, ends, last


def _extrapolated_gap(target, intervention, extrapolation: Extrapolation, at, last, horizon_weeks):
    """The assumed gap at the weeks `at` (used from the last observed week on)."""
    last_gap = target[last] - intervention[last]
    if extrapolation.kind == NONE:
        return np.zeros(at.size)
    if extrapolation.kind == HOLD:
        return np.full(at.size, last_gap)
    if extrapolation.kind == FADE:
        return last_gap * np.clip(1.0 - (at - last) / extrapolation.fade_weeks, 0.0, 1.0)
    model_target = _shares(extrapolation.target_model, "målgruppens tilpassede kurve")
    model_intervention = _shares(extrapolation.intervention_model, "indsatsgruppens tilpassede kurve")
    covered = min(model_target.size, model_intervention.size)
    if covered < horizon_weeks:
        raise InvestXLError(f"de tilpassede kurver skal dække {horizon_weeks} uger, men dækker {covered}")
    gap = model_target[:covered] - model_intervention[:covered]
    return gap[np.minimum(at, covered - 1)]  # no value at the horizon itself: the last week is a step


def weekly_gap(target_share, intervention_share, extrapolation: Extrapolation,
               horizon_weeks: int, shape: str = STEP) -> tuple[np.ndarray, int]:
    """The gap integrated over each week 0 .. horizon_weeks - 1 (weeks saved per participant), and the last observed week.

    Steps: the gap at the start of the week; lines: the mean of its two ends (exact).
    """
    starts, ends, last = gap_ends(target_share, intervention_share, extrapolation, horizon_weeks, shape)
    return (starts + ends) / 2.0, last
