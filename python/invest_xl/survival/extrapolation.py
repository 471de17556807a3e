"""One curve extrapolated to a horizon, the way `invest-xl fit` and the table rows report it.

- With a reference curve: relative to it (`relative.fit_relative`): the AIC-weighted
  average of proportional hazards and proportional odds (`relative.RelativeAverage`),
  or the model named.
- Without, and the family chosen from data ("best"): the AIC-weighted model average of
  every family (`averaging.ModelAverage`), with its band.
- Without, and a family named: that family alone (`fitting.FamilyFit.curve`).

Every result carries the plausibility warnings (`plausibility`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.survival.averaging import ModelAverage
from invest_xl.survival.curve import Curve, check_horizon
from invest_xl.survival.fitting import fit_points
from invest_xl.survival.plausibility import plausibility_warnings
from invest_xl.survival.relative import MODELS as RELATIVE_MODELS, RelativeAverage, fit_relative

BEST = "best"


@dataclass
class Extrapolated:
    """The reported curve (with band), what it came from and its warnings."""

    observed: Curve
    curve: Curve
    report: object
    chosen: str
    warnings: list[str] = field(default_factory=list)
    average: ModelAverage | RelativeAverage | None = None

    @property
    def estimator(self):
        """What the reported curve is read from (`survival_at`): the model average, the
        named family, or the chosen relative model."""
        return self.average if self.average is not None else self.report[self.chosen]

    def survival_at(self, weeks) -> np.ndarray:
        """The reported curve at any weeks (also between whole weeks)."""
        return np.asarray(self.estimator.survival_at(np.asarray(weeks, dtype=float)), dtype=float)

    def to_dict(self) -> dict:
        result = {**self.report.to_dict(), "reported": self.chosen, "curve": self.curve.to_dict(),
                  "warnings": list(self.warnings)}
        if self.average is not None:
            result["model_average"] = self.average.to_dict()
        return result


def extrapolate(observed: Curve, horizon_weeks: float, *, family: str = BEST,
                reference: Curve | None = None, level: float = 0.95) -> Extrapolated:
    """`observed` (points) read at weeks 0 .. horizon, extrapolated as the module says."""
    check_horizon(horizon_weeks, "--horizon")
    weeks = np.arange(0, int(horizon_weeks) + 1, dtype=float)
    if reference is not None:
        models = RELATIVE_MODELS if family == BEST else (family,)
        if family != BEST and family not in RELATIVE_MODELS:
            raise InvestXLError(f"med en reference er modellen best eller en af {', '.join(RELATIVE_MODELS)}, "
                                f"ikke '{family}'")
        report = fit_relative(observed, reference, models=models)
        used = report.average if family == BEST else report.best
        curve = used.curve(weeks, level)
        # the report's notes (a reference of unknown uncertainty) are warnings the user must see
        assumed = [f.assumed_reference_size for f in report.fits if f.assumed_reference_size is not None]
        warnings = [*report.notes, *plausibility_warnings(observed, horizon_weeks,
                                                          share_at_horizon=float(curve.share[-1]),
                                                          reference=reference,
                                                          reference_size=min(assumed, default=None))]
        return Extrapolated(observed, curve, report, used.name, warnings,
                            used if family == BEST else None)
    report = fit_points(observed.weeks, observed.share, observed.cohort_size, label=observed.label)
    if family == BEST:
        average = ModelAverage(report, observed)
        curve = average.curve(weeks, level)
        warnings = plausibility_warnings(observed, horizon_weeks, report=report,
                                         share_at_horizon=float(curve.share[-1]))
        return Extrapolated(observed, curve, report, average.name, warnings, average)
    fit = report[family]
    curve = fit.curve(weeks, level)
    warnings = plausibility_warnings(observed, horizon_weeks, report=report, used=fit.name,
                                     share_at_horizon=float(curve.share[-1]))
    return Extrapolated(observed, curve, report, fit.name, warnings)


def extrapolate_at(observed: Curve, weeks, *, family: str = BEST, reference: Curve | None = None,
                   level: float = 0.95) -> Extrapolated:
    """`extrapolate` to the last of `weeks` (or the observed weeks, if later), whole weeks up;
    read the result anywhere with its `survival_at` (the cells of INVEST_FIT_CURVE)."""
    weeks = np.atleast_1d(np.asarray(weeks, dtype=float))
    horizon = float(np.ceil(max(float(observed.last_observed_week), float(weeks.max(initial=0.0)))))
    return extrapolate(observed, check_horizon(horizon, "ved_uger"), family=family, reference=reference,
                       level=level)
