"""Fitting the survival families to spells or to published points, and choosing by AIC.

The likelihoods live here, once, for every family in `families`:

- spells: sum over exits of log f(t) plus sum over running spells of log S(t), with
  f = -dS/dt taken by the complex step (exact; a family only defines S);
- points with a known cohort size N (grouped data): the multinomial likelihood of
  N (s[i-1] - s[i]) exits in each interval (t[i-1], t[i]] and N s[m] still on benefit
  at the last week;
- points without a cohort size: least squares on the shares. Its "log-likelihood" is
  that of normal errors with variance RSS / n (one extra parameter), so AIC still ranks
  families, but it is not a likelihood of the data: the result says so. Its band takes
  the error at least ROUNDING_SD = 0,005 (half a percentage point: published curves are
  rounded to 0,1 point and no smooth family follows one closer than some tenths), so a
  family that threads a few points exactly is not taken as exact: the covariance is the
  inverse Hessian of RSS(θ) / (2σ²), σ² = max(RSS / n, ROUNDING_SD²), which is the
  profile likelihood's own where RSS / n is the larger.

Every fit reports natural parameters, log-likelihood and AIC = 2k - 2 log L, and gives
its curve on any weeks with a 95 % band by the delta method on log(-log S).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize
from scipy.special import ndtri

from invest_xl.survival.curve import Curve, never_above_last_observed
from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number
from invest_xl.survival.families import BY_NAME, FAMILIES, Cure, Family

ROUNDING_SD = 0.005  # the least error a least-squares fit is credited with (module docstring)
from invest_xl.survival.kaplan_meier import kaplan_meier
from invest_xl.survival.points import points_curve
from invest_xl.survival.spell_likelihood import spell_objective

_STEP = 1e-20  # complex step: exact first derivatives without cancellation


def _finite(value: float) -> float | None:
    """A number for JSON: a family that could not be fitted has no finite value (null)."""
    value = float(value)
    return value if np.isfinite(value) else None


@dataclass
class FamilyFit:
    """One family fitted to one data set.

    `params` are natural (λ, α in weeks; cure as share 0-1); `free` and `covariance`
    are on the unconstrained scale (log, logit) used for the band.
    """

    family: Family
    free: np.ndarray
    covariance: np.ndarray | None
    log_likelihood: float
    method: str
    last_observed_week: float
    cohort_size: float | None = None
    label: str = ""

    @property
    def name(self) -> str:
        return self.family.name

    @property
    def params(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.family.to_natural(self.free).items()}

    @property
    def n_params(self) -> int:
        """Estimated parameters; least squares adds the error variance."""
        return self.family.n_params + (1 if self.method == "least-squares" else 0)

    @property
    def aic(self) -> float:
        return 2.0 * self.n_params - 2.0 * self.log_likelihood

    @property
    def method_label(self) -> str:
        return labels.FIT_METHODS[self.method].format(size=short_number(self.cohort_size or 0))

    def survival_at(self, weeks) -> np.ndarray:
        """Fitted share still on benefit at each week."""
        return np.asarray(self.family.survival(_weeks(weeks), self.free), dtype=float)

    def band_at(self, weeks, level: float = 0.95) -> tuple[np.ndarray, np.ndarray] | None:
        """Delta-method band on log(-log S), its upper edge after the last observed week at
        most the one there (`never_above_last_observed`); None without a covariance."""
        if not 0 < level < 1:
            raise InvestXLError(f"niveauet for konfidensbåndet skal ligge mellem 0 og 1 (fik {level})")
        if self.covariance is None:
            return None
        weeks = _weeks(weeks)
        lower, upper = self._delta_band(np.append(weeks, self.last_observed_week), level)
        return lower[:-1], never_above_last_observed(weeks, upper[:-1], self.last_observed_week, upper[-1])

    def _delta_band(self, weeks, level: float) -> tuple[np.ndarray, np.ndarray]:
        share = self.survival_at(weeks)
        gradient = complex_gradient(lambda free: _log_minus_log(self.family.survival(weeks, free)),
                                     self.free)
        variance = np.einsum("ti,ij,tj->t", gradient, self.covariance, gradient)
        z = ndtri(1 - (1 - level) / 2)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            middle = np.log(-np.log(share))
            spread = z * np.sqrt(np.maximum(variance, 0.0))
            lower = np.exp(-np.exp(middle + spread))
            upper = np.exp(-np.exp(middle - spread))
        lower = np.where(share >= 1.0, 1.0, np.nan_to_num(lower, nan=share))
        upper = np.where(share >= 1.0, 1.0, np.nan_to_num(upper, nan=share))
        return lower, upper

    def curve(self, weeks, level: float = 0.95) -> Curve:
        """The fitted curve on `weeks`, extrapolated beyond the last observed week."""
        weeks = _weeks(weeks)
        band = self.band_at(weeks, level)
        notes = [f"{self.family.label}: {self.method_label}"]
        if band is None:
            notes.append("konfidensbånd kunne ikke beregnes (parametrene er ikke bestemt)")
        return Curve(weeks, self.survival_at(weeks), None if band is None else band[0],
                     None if band is None else band[1], label=self.label or self.family.label,
                     provenance=f"fit:{self.name}", last_observed_week=self.last_observed_week,
                     cohort_size=self.cohort_size, level=level, notes=notes)

    def to_dict(self) -> dict:
        return {"family": self.name, "label": self.family.label, "params": self.params,
                "log_likelihood": _finite(self.log_likelihood), "aic": _finite(self.aic),
                "n_params": self.n_params, "method": self.method,
                "has_band": self.covariance is not None}


@dataclass
class FitReport:
    """Every family fitted to the same data; `best` is the one with the lowest AIC."""

    fits: list[FamilyFit]
    method: str
    cohort_size: float | None = None
    last_observed_week: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def best(self) -> FamilyFit:
        usable = [f for f in self.fits if np.isfinite(f.log_likelihood)]
        if not usable:
            raise InvestXLError("ingen af fordelingerne kunne tilpasses data")
        return min(usable, key=lambda f: f.aic)

    def __getitem__(self, name: str) -> FamilyFit:
        for fit in self.fits:
            if fit.name == name:
                return fit
        raise InvestXLError(f"ukendt fordeling '{name}'")

    @property
    def method_label(self) -> str:
        return labels.FIT_METHODS[self.method].format(size=short_number(self.cohort_size or 0))

    def to_dict(self) -> dict:
        return {"method": self.method, "method_label": self.method_label,
                "cohort_size": self.cohort_size,
                "last_observed_week": float(self.last_observed_week),
                "chosen": self.best.name, "fits": [f.to_dict() for f in self.fits],
                "notes": list(self.notes)}


def _weeks(weeks) -> np.ndarray:
    try:
        weeks = np.atleast_1d(np.asarray(weeks, dtype=float))
    except (TypeError, ValueError):
        raise InvestXLError("uger skal være tal") from None
    if np.any(~np.isfinite(weeks)) or np.any(weeks < 0):
        raise InvestXLError("uger skal være endelige og 0 eller derover")
    return weeks


def _log_minus_log(share):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(-np.log(share))


def complex_gradient(function, free) -> np.ndarray:
    """d function / d free, one column per parameter, by the complex step."""
    columns = []
    for j in range(len(free)):
        shifted = free.astype(complex)
        shifted[j] += 1j * _STEP
        columns.append(np.imag(function(shifted)) / _STEP)
    return np.stack(columns, axis=-1)


def _central_gradient(function, free) -> np.ndarray:
    steps = 1e-6 * np.maximum(1.0, np.abs(free))
    result = np.empty(len(free))
    for j, step in enumerate(steps):
        up, down = free.copy(), free.copy()
        up[j] += step
        down[j] -= step
        result[j] = (function(up) - function(down)) / (2 * step)
    return result


def _select(families) -> list[Family]:
    if families is None:
        return list(FAMILIES)
    chosen = []
    for family in families:
        if isinstance(family, str):
            if family not in BY_NAME:
                raise InvestXLError(f"ukendt fordeling '{family}' (kendte: {', '.join(BY_NAME)})")
            family = BY_NAME[family]
        chosen.append(family)
    return chosen


def fit_spells(weeks, observed=None, *, families=None, label: str = "") -> FitReport:
    """Fit every family to spell durations (weeks > 0) by censored maximum likelihood.

    `observed` is True where the exit was seen, False for spells still running.
    """
    km = kaplan_meier(weeks, observed, label=label)
    times, exits, censored = km.weeks, km.exits.astype(float), km.censored.astype(float)
    if exits[0] + censored[0] > 0:
        raise InvestXLError("varigheder skal være over 0 uger for at tilpasse en fordeling")
    if exits.sum() == 0:
        raise InvestXLError("ingen afsluttede forløb: der er intet at tilpasse")
    seen, running = exits > 0, censored > 0
    exit_weeks, exit_counts = times[seen], exits[seen]
    run_weeks, run_counts = times[running], censored[running]
    inside = (km.survival > 0.02) & (km.survival < 0.98)
    pick = np.flatnonzero(inside)[np.linspace(0, max(inside.sum() - 1, 0), 30).astype(int)] \
        if inside.any() else np.arange(len(times))
    start_weeks, start_shares = times[pick], km.survival[pick]

    fits = []
    for family in _select(families):
        analytic = spell_objective(family.name, exit_weeks, exit_counts, run_weeks, run_counts)
        if analytic is not None:
            free, nll, covariance = _maximise_analytic(analytic, _starts(family, start_weeks,
                                                                         start_shares))
            fits.append(FamilyFit(family, free, covariance, -nll, "spells",
                                  km.last_observed_week, km.size, label))
            continue

        def negative_log_likelihood(free, family=family):
            density = -np.imag(family.survival(exit_weeks + 1j * _STEP, free)) / _STEP
            return -(exit_counts @ np.log(density)
                     + run_counts @ np.log(family.survival(run_weeks, free)))
        free, nll, covariance = _maximise(negative_log_likelihood,
                                          _starts(family, start_weeks, start_shares),
                                          complex_safe=False)
        fits.append(FamilyFit(family, free, covariance, -nll, "spells",
                              km.last_observed_week, km.size, label))
    return FitReport(fits, "spells", km.size, km.last_observed_week)


def fit_points(weeks, shares, cohort_size: float | None = None, *, families=None,
               label: str = "") -> FitReport:
    """Fit every family to a curve given as points (week 0 share 1, never rising).

    With `cohort_size` the grouped-data likelihood is maximised; without it, least
    squares on the shares (the report's method says which).
    """
    curve = points_curve(weeks, shares, cohort_size=cohort_size, label=label)
    weeks, shares = curve.weeks, curve.share
    if shares[-1] == 1.0:
        raise InvestXLError("kurven falder ikke: ingen forlader ydelsen, så der er intet at tilpasse")
    if cohort_size is not None:
        size = float(curve.cohort_size)
        exits = size * (shares[:-1] - shares[1:])
        moved = exits > 0
        remaining = size * shares[-1]
        method = "grouped"
    else:
        method = "least-squares"
        later = weeks > 0
    fits = []
    for family in _select(families):
        if method == "grouped":
            def negative_log_likelihood(free, family=family):
                survival = family.survival(weeks, free)
                leaving = (survival[:-1] - survival[1:])[moved]
                total = exits[moved] @ np.log(leaving)
                if remaining > 0:
                    total = total + remaining * np.log(survival[-1])
                return -total
        else:
            def negative_log_likelihood(free, family=family):
                residual = shares[later] - family.survival(weeks[later], free)
                n = residual.size
                rss = residual @ residual + 1e-300  # a perfect fit stays finite
                return 0.5 * n * (np.log(2 * np.pi * rss / n) + 1.0)
        free, nll, covariance = _maximise(negative_log_likelihood, _starts(family, weeks, shares))
        if method == "least-squares" and np.isfinite(nll):
            covariance = _floored_covariance(family, weeks[later], shares[later], free, covariance)
        fits.append(FamilyFit(family, free, covariance, -nll, method, float(weeks[-1]),
                              curve.cohort_size, label))
    report = FitReport(fits, method, curve.cohort_size, float(weeks[-1]))
    if method == "least-squares":
        report.notes.append("kohortestørrelsen er ukendt: tilpasset med mindste kvadrater "
                            "på andelene; båndet bygger på afvigelserne fra kurven")
    return report


def _floored_covariance(family: Family, weeks, shares, free, covariance):
    """The least-squares covariance with σ >= ROUNDING_SD (module docstring)."""
    residual = shares - family.survival(weeks, free)
    variance = float(residual @ residual) / residual.size
    if variance >= ROUNDING_SD ** 2:
        return covariance

    def fixed_sigma(x):
        error = shares - family.survival(weeks, x)
        return 0.5 * (error @ error) / ROUNDING_SD ** 2

    def gradient(x):
        with np.errstate(all="ignore"):
            result = complex_gradient(fixed_sigma, x)
        return np.where(np.isfinite(result), result, 0.0)

    return _covariance(gradient, free)


def _starts(family: Family, weeks, shares) -> list[np.ndarray]:
    if isinstance(family, Cure):
        return family.starts(weeks, shares)
    return [family.start(weeks, shares)]


def _safe(function):
    def wrapped(free):
        with np.errstate(all="ignore"):
            value = function(free)
        value = float(np.real(value))
        return value if np.isfinite(value) else 1e300
    return wrapped


def _maximise(negative_log_likelihood, starts, *, complex_safe: bool = True
              ) -> tuple[np.ndarray, float, np.ndarray | None]:
    """Minimise the negative log-likelihood from the best start; covariance from its Hessian.

    The gradient is exact (complex step) where the likelihood allows it; the spell
    likelihood already takes its density by the complex step, so it uses central
    differences.
    """
    objective = _safe(negative_log_likelihood)
    values = [objective(s) for s in starts]
    start = starts[int(np.argmin(values))]

    def gradient(free):
        with np.errstate(all="ignore"):
            if complex_safe:
                result = complex_gradient(negative_log_likelihood, free)
            else:
                result = _central_gradient(objective, free)
        return np.where(np.isfinite(result), result, 0.0)

    result = minimize(objective, start, jac=gradient, method="BFGS",
                      options={"gtol": 1e-7, "maxiter": 400})
    free = result.x
    if not np.isfinite(result.fun) or result.fun >= 1e300:
        return free, np.inf, None
    return free, float(result.fun), _covariance(gradient, free)


def _maximise_analytic(objective, starts) -> tuple[np.ndarray, float, np.ndarray | None]:
    """As `_maximise`, for a likelihood that gives its own exact gradient."""
    start = starts[int(np.argmin([objective(s)[0] for s in starts]))]
    result = minimize(objective, start, jac=True, method="BFGS",
                      options={"gtol": 1e-7, "maxiter": 400})
    free = result.x
    if not np.isfinite(result.fun) or result.fun >= 1e300:
        return free, np.inf, None
    return free, float(result.fun), _covariance(lambda x: objective(x)[1], free)


def _covariance(gradient, free) -> np.ndarray | None:
    """Inverse of the Hessian (central differences of the exact gradient), if positive."""
    steps = 1e-5 * np.maximum(1.0, np.abs(free))
    columns = []
    for j, step in enumerate(steps):
        up, down = free.copy(), free.copy()
        up[j] += step
        down[j] -= step
        columns.append((gradient(up) - gradient(down)) / (2 * step))
    hessian = np.array(columns)
    hessian = 0.5 * (hessian + hessian.T)
    if not np.all(np.isfinite(hessian)):
        return None
    eigenvalues = np.linalg.eigvalsh(hessian)
    if eigenvalues.min() <= 1e-10 * max(eigenvalues.max(), 1e-300):
        return None
    return np.linalg.inv(hessian)
