"""Areas under survival curves: benefit-weeks per person, the unit savings are made of.

The restricted mean up to H weeks, ∫₀ᴴ S(t) dt, is the expected number of weeks on
benefit in the first H weeks after entry. The area between two curves (reference minus
other) is the benefit-weeks saved per person when `other` leaves benefit faster:
positive = a saving. Both come with a confidence interval:

- Kaplan-Meier: Greenwood's variance of the restricted mean,
  Var = Σ_{t_i ≤ H} A_i² d_i / (n_i (n_i - d_i)) with A_i = ∫_{t_i}^H S(t) dt,
  or a bootstrap of the spells (seeded);
- fitted families: the delta method on the fitted parameters, or a parametric
  bootstrap from their asymptotic normal distribution (seeded);
- published points (straight lines between them, exact trapezoids): with a cohort size
  N the shares are the empirical survival of N persons, Cov(S_i, S_j) = S_j (1 - S_i) / N
  for t_i <= t_j, so Var = wᵀ Σ w with w the trapezoid weights; without N no band.

A part that has no band (points without a cohort size, a fit whose parameters are not
determined) still gives its area; the interval is then left out and `note` says why.

Two curves are taken as independent samples (different persons), so variances add.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number
from invest_xl.survival.averaging import ModelAverage
from invest_xl.survival.curve import Curve
from invest_xl.survival.fitting import FamilyFit, complex_gradient, fit_points
from invest_xl.survival.kaplan_meier import KaplanMeier

METHODS = ("greenwood", "bootstrap")
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)
_PANELS = 32


@dataclass
class Area:
    """Benefit-weeks per person with a confidence interval (level, e.g. 0.95)."""

    weeks: float
    lower: float
    upper: float
    standard_error: float
    horizon_weeks: float
    method: str
    level: float = 0.95
    label: str = ""
    note: str = ""

    @property
    def has_band(self) -> bool:
        return bool(np.isfinite(self.lower) and np.isfinite(self.upper))

    def to_dict(self) -> dict:
        def finite(value):
            return float(value) if np.isfinite(value) else None
        return {"label": self.label, "weeks": float(self.weeks), "lower": finite(self.lower),
                "upper": finite(self.upper), "standard_error": finite(self.standard_error),
                "horizon_weeks": float(self.horizon_weeks), "method": self.method,
                "level": self.level, "note": self.note}


@dataclass
class _Estimate:
    value: float
    standard_error: float
    replicates: np.ndarray | None
    note: str = ""


def restricted_mean(estimate: KaplanMeier | FamilyFit | Curve, horizon_weeks: float, *,
                    level: float = 0.95, method: str = "greenwood",
                    samples: int = 1000, seed: int = 20201) -> Area:
    """Benefit-weeks per person in the first `horizon_weeks` weeks, with its interval.

    `method` "greenwood" (delta method for a fit) or "bootstrap" (`samples` draws from
    a generator seeded by `seed`; the interval is then the percentile interval).
    """
    result = _area(estimate, horizon_weeks, method, samples, seed)
    return _interval(result, horizon_weeks, method, level, _label(estimate))


def area_between(reference: KaplanMeier | FamilyFit | Curve, other: KaplanMeier | FamilyFit | Curve,
                 horizon_weeks: float, *, level: float = 0.95, method: str = "greenwood",
                 samples: int = 1000, seed: int = 20201) -> Area:
    """Restricted mean of `reference` minus that of `other` (weeks saved per person).

    The two curves are independent samples: their variances (or bootstrap draws) add.
    """
    first = _area(reference, horizon_weeks, method, samples, seed)
    second = _area(other, horizon_weeks, method, samples, seed + 1)
    replicates = (None if first.replicates is None or second.replicates is None
                  else first.replicates - second.replicates)
    difference = _Estimate(first.value - second.value,
                           float(np.hypot(first.standard_error, second.standard_error)),
                           replicates, "; ".join(dict.fromkeys(n for n in (first.note, second.note) if n)))
    label = f"{_label(reference)} minus {_label(other)}"
    return _interval(difference, horizon_weeks, method, level, label)


def published_area_between(reference: Curve, other: Curve, horizon_weeks: float, *,
                           family: str = "best", level: float = 0.95) -> Area:
    """Weeks saved per person between two published curves, `reference` minus `other`.

    Each curve counts by what `INVEST_FIT_CURVE` reports for it: with `family` "best" the
    AIC-weighted model average of the families (`averaging.ModelAverage`, its area band
    as `averaged_area` says), with a family named that family when its fit has a band.
    A curve published to the horizon that no family fits (it does not fall), or with one
    point after week 0 only, or whose named family has no band, counts by its points
    (straight lines; a band only with a cohort size).
    The area is given whenever it can be; `note` says what is missing.
    """
    def source(curve: Curve):
        published = horizon_weeks <= curve.last_observed_week + 1e-12
        if published and np.count_nonzero(curve.weeks > 0) < 2:
            return curve  # one point after week 0 determines no family's shape
        try:
            report = fit_points(curve.weeks, curve.share, curve.cohort_size, label=curve.label)
        except InvestXLError:
            if published:
                return curve
            raise
        if family == "best":
            return ModelAverage(report, curve)
        fit = report[family]
        return curve if fit.covariance is None and published else fit
    first, second = source(reference), source(other)
    if not isinstance(first, ModelAverage) and not isinstance(second, ModelAverage):
        return area_between(first, second, horizon_weeks, level=level)
    return _averaged_difference(first, second, horizon_weeks, level)


def averaged_area(estimate, horizon_weeks: float, level: float = 0.95) -> tuple[float, float, float, float, str]:
    """(area, lower, upper, standard error, note) of ∫₀ᴴ S(t) dt for a model average (or any
    single estimate). The model average's area is Σ wᵢ Aᵢ (the integral of S̄); its band,
    as for the curve, is the wider of the mixture Σ wᵢ N(Aᵢ, seᵢ²) quantiles (a family
    without a band a point mass) and the envelope of the plausible families' intervals."""
    z = ndtri(1 - (1 - level) / 2)
    if not isinstance(estimate, ModelAverage):
        one = _interval(_area(estimate, horizon_weeks, "greenwood", 0, 0), horizon_weeks, "greenwood", level, "")
        return one.weeks, one.lower, one.upper, one.standard_error, one.note
    parts = [_area(fit, horizon_weeks, "greenwood", 0, 0) for fit in estimate.fits]
    weights = estimate.weights
    means = np.array([p.value for p in parts])
    spreads = np.array([p.standard_error if np.isfinite(p.standard_error) else 0.0 for p in parts])
    value = float(weights @ means)
    se = float(np.sqrt(max(weights @ (spreads ** 2 + means ** 2) - value ** 2, 0.0)))
    if not np.any(spreads > 0):
        return value, np.nan, np.nan, np.nan, "; ".join(dict.fromkeys(p.note for p in parts if p.note))
    grid = np.linspace((means - 8 * spreads).min(), (means + 8 * spreads).max(), 20001)
    with np.errstate(divide="ignore", invalid="ignore"):
        standard = (grid[None, :] - means[:, None]) / spreads[:, None]
    cdf = weights @ np.where(spreads[:, None] > 0, ndtr(standard), (grid[None, :] >= means[:, None]) * 1.0)
    tail = (1 - level) / 2
    lower, upper = grid[np.searchsorted(cdf, tail)], grid[min(np.searchsorted(cdf, 1 - tail), grid.size - 1)]
    plausible = {id(f) for f in estimate.plausible}
    for fit, mean, spread in zip(estimate.fits, means, spreads):
        if id(fit) in plausible:
            lower, upper = min(lower, mean - z * spread), max(upper, mean + z * spread)
    return value, float(min(lower, value)), float(max(upper, value)), se, ""


def _averaged_difference(reference, other, horizon_weeks: float, level: float) -> Area:
    """reference minus other when one of them is a model average: the two are independent,
    so each side's distance from its area to its band's edge adds in quadrature (the lower
    edge from the reference's lower and the other's upper distance, and the other way round)."""
    first, second = averaged_area(reference, horizon_weeks, level), averaged_area(other, horizon_weeks, level)
    value = first[0] - second[0]
    lower = value - float(np.hypot(first[0] - first[1], second[2] - second[0]))
    upper = value + float(np.hypot(first[2] - first[0], second[0] - second[1]))
    note = "; ".join(dict.fromkeys(n for n in (first[4], second[4]) if n))
    return Area(value, lower, upper, float(np.hypot(first[3], second[3])), float(horizon_weeks), "greenwood",
                level, f"{_label(reference)} minus {_label(other)}", note)


def _label(estimate) -> str:
    observed = getattr(estimate, "observed", None)  # a model average: its curve's label
    return getattr(estimate, "label", "") or getattr(observed, "label", "") or getattr(estimate, "name", "")


def _interval(result: _Estimate, horizon, method, level, label) -> Area:
    if not 0 < level < 1:
        raise InvestXLError(f"niveauet skal ligge mellem 0 og 1 (fik {level})")
    if result.replicates is not None and np.all(np.isfinite(result.replicates)):
        tail = (1 - level) / 2
        lower, upper = np.quantile(result.replicates, [tail, 1 - tail])
        se = float(np.std(result.replicates, ddof=1))
    else:
        z = ndtri(1 - (1 - level) / 2)
        se = result.standard_error
        lower, upper = result.value - z * se, result.value + z * se
    return Area(float(result.value), float(lower), float(upper), se, float(horizon), method,
                level, label, result.note)


def _area(estimate, horizon, method, samples, seed) -> _Estimate:
    if method not in METHODS:
        raise InvestXLError(f"ukendt metode '{method}' (brug greenwood eller bootstrap)")
    try:
        horizon = float(horizon)
    except (TypeError, ValueError):
        raise InvestXLError(f"horisonten skal være et antal uger (fik {horizon!r})") from None
    if not np.isfinite(horizon) or horizon <= 0:
        raise InvestXLError(f"horisonten skal være et antal uger over 0 (fik {horizon})")
    if method == "bootstrap" and (int(samples) != samples or samples < 20):
        raise InvestXLError(f"antal bootstrap-træk skal være et helt tal på mindst 20 (fik {samples})")
    rng = np.random.default_rng(seed)
    if isinstance(estimate, KaplanMeier):
        return _kaplan_meier_area(estimate, horizon, method, int(samples), rng)
    if isinstance(estimate, FamilyFit):
        return _fit_area(estimate, horizon, method, int(samples), rng)
    if isinstance(estimate, Curve):
        return _points_area(estimate, horizon, method, int(samples), rng)
    raise InvestXLError("arealet kræver en Kaplan-Meier-kurve, publicerede punkter eller en tilpasset kurve")


def linear_weights(weeks, horizon) -> np.ndarray:
    """w with ∫₀ᴴ S(t) dt = w @ shares for straight lines between the points (held after the last)."""
    weeks = np.asarray(weeks, dtype=float)
    nodes = np.union1d(weeks[weeks < horizon], [horizon])
    widths = np.diff(nodes)
    weights = np.empty(len(weeks))
    for i in range(len(weeks)):
        unit = np.interp(nodes, weeks, np.eye(len(weeks))[i])
        weights[i] = float(widths @ (unit[:-1] + unit[1:]) / 2.0)
    return weights


def _points_area(curve: Curve, horizon, method, samples, rng) -> _Estimate:
    if horizon > curve.last_observed_week + 1e-12 and curve.share[-1] > 0:
        raise InvestXLError(f"kurven {curve.label or ''} er kun kendt til uge "
                            f"{short_number(curve.last_observed_week)}; arealet til uge {short_number(horizon)} "
                            f"kræver en tilpasset kurve".replace("kurven  ", "kurven "))
    weights = linear_weights(curve.weeks, horizon)
    value = float(weights @ curve.share)
    if curve.cohort_size is None:
        return _Estimate(value, np.nan, None, f"{curve.label or 'kurven'}: kohortestørrelsen er ukendt, "
                                              "så arealets usikkerhed kan ikke beregnes")
    size = float(curve.cohort_size)
    if method == "bootstrap":
        exits = np.append(-np.diff(curve.share), curve.share[-1])
        draws = rng.multinomial(int(round(size)), np.clip(exits, 0, None) / np.clip(exits, 0, None).sum(),
                                size=samples)
        remaining = 1.0 - np.cumsum(draws, axis=1)[:, :-1] / round(size)
        shares = np.hstack([np.ones((samples, 1)), remaining])
        return _Estimate(value, np.nan, shares @ weights)
    share = curve.share
    covariance = np.minimum.outer(share, share) * (1.0 - np.maximum.outer(share, share)) / size
    return _Estimate(value, float(np.sqrt(max(weights @ covariance @ weights, 0.0))), None)


def _step_area(weeks, survival, horizon) -> np.ndarray:
    """∫₀ᴴ of right-continuous steps; `survival` may be a (draws x weeks) matrix."""
    ends = np.minimum(np.append(weeks[1:], np.inf), horizon)
    widths = np.clip(ends - weeks, 0.0, None)
    return survival @ widths


def _kaplan_meier_area(km: KaplanMeier, horizon, method, samples, rng) -> _Estimate:
    if horizon > km.last_observed_week and km.survival[-1] > 0:
        raise InvestXLError(f"kurven {km.label or ''} er kun observeret til uge "
                            f"{short_number(round(km.last_observed_week, 4))}; arealet til uge {short_number(horizon)} "
                            f"kræver en tilpasset kurve".replace("kurven  ", "kurven "))
    value = float(_step_area(km.weeks, km.survival, horizon))
    if method == "bootstrap":
        return _Estimate(value, np.nan, _bootstrap_kaplan_meier(km, horizon, samples, rng))
    ends = np.minimum(np.append(km.weeks[1:], np.inf), horizon)
    pieces = km.survival * np.clip(ends - km.weeks, 0.0, None)
    tail_area = np.cumsum(pieces[::-1])[::-1]  # ∫ from t_i to H of S
    inside = (km.weeks <= horizon) & (km.exits > 0)
    n, d = km.at_risk[inside].astype(float), km.exits[inside].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = tail_area[inside] ** 2 * d / (n * (n - d))
    terms[~np.isfinite(terms)] = 0.0  # n = d: S is 0 afterwards, so A_i = 0
    return _Estimate(value, float(np.sqrt(terms.sum())), None)


def _bootstrap_kaplan_meier(km: KaplanMeier, horizon, samples, rng) -> np.ndarray:
    """Resampling spells is a multinomial draw over the (week, exit/running) cells."""
    counts = np.concatenate([km.exits, km.censored]).astype(float)
    draws = rng.multinomial(km.size, counts / counts.sum(), size=samples)
    cells = len(km.weeks)
    exits, removed = draws[:, :cells], draws[:, :cells] + draws[:, cells:]
    at_risk = km.size - np.cumsum(removed, axis=1) + removed
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(at_risk > 0, 1.0 - exits / at_risk, 1.0)
    return _step_area(km.weeks, np.cumprod(factor, axis=1), horizon)


def _quadrature(horizon) -> tuple[np.ndarray, np.ndarray]:
    """Composite Gauss-Legendre nodes and weights on [0, H]; exact enough for smooth S."""
    edges = np.linspace(0.0, horizon, _PANELS + 1)
    half = np.diff(edges) / 2
    nodes = (edges[:-1, None] + half[:, None] * (_NODES[None, :] + 1)).ravel()
    weights = (half[:, None] * _WEIGHTS[None, :]).ravel()
    return nodes, weights


def _fit_area(fit: FamilyFit, horizon, method, samples, rng) -> _Estimate:
    nodes, weights = _quadrature(horizon)

    def area(free):
        return fit.family.survival(nodes, free) @ weights

    value = float(np.real(area(fit.free)))
    if fit.covariance is None:
        return _Estimate(value, np.nan, None if method != "bootstrap" else np.full(samples, np.nan),
                         f"{fit.family.label}: parametrene er ikke bestemt, så arealets "
                         f"usikkerhed kan ikke beregnes")
    if method == "bootstrap":
        draws = rng.multivariate_normal(fit.free, fit.covariance, size=samples)
        return _Estimate(value, np.nan, np.array([float(area(d)) for d in draws]))
    gradient = complex_gradient(area, fit.free)
    return _Estimate(value, float(np.sqrt(gradient @ fit.covariance @ gradient)), None)
