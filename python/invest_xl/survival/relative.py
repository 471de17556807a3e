"""A young curve extrapolated relative to a complete reference curve (baseline or target group).

The reference S_ref(t) (published points, straight lines between them) carries its shape
beyond the young curve's last week; one parameter θ says how the young curve differs:

- proportional hazards:  S(t) = S_ref(t)^h,                         h = exp(θ)
  (h = 0,8: everyone's exit rate is 80 % of the reference's, in every week);
- proportional odds:     S(t) / (1 - S(t)) = S_ref(t) / (1 - S_ref(t)) / r,  r = exp(θ)
  (r = 1,2: the odds of having left by week t are 1,2 times the reference's).

θ is fitted over the weeks both curves are observed (0 < t <= both last weeks): by the
grouped likelihood when the young cohort's size N is known (N (s[i-1] - s[i]) exits per
interval, N s[m] still on benefit), by least squares on the shares otherwise (normal
errors, variance RSS / n: one more parameter). Unless one model is named, the reported
curve is the two models' AIC-weighted average (`RelativeAverage`, wᵢ ∝ exp(-ΔAICᵢ / 2),
S̄ = Σ wᵢ Sᵢ), so a choice the data barely make does not narrow the band.

The band is a seeded parametric bootstrap that carries both uncertainties: each draw
resamples the reference (a multinomial of its cohort size M over its intervals; without M,
one normal shift of log(-log S_ref) within its own band; without either, see below),
refits θ to it, adds the fit's own error
θ* ~ N(θ, Var θ) (Var from the curvature of the log-likelihood), and reads S at the weeks;
the band is the 2,5 % and 97,5 % percentiles of the draws. The average's band is the
wider of the weighted percentiles of both models' draws (each draw of model i weighs
wᵢ / draws) and the envelope of the bands of the models with ΔAIC <= 10.

A reference with neither a cohort size nor a band is not taken as exact (that gave a
band far too narrow): it is resampled as if it came from as many persons as the young
curve, M = N (a reference, a whole target group or several years, is nearly always the
larger, so this errs wide), and without N from the least-squares residual of the young
fit, N_eff = mean s(1 - s) / σ², σ² = max(RSS / n, 0,005²) (the number of persons whose
sampling error matches the scatter seen). The result says so in a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import ndtri

from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number
from invest_xl.survival.averaging import PLAUSIBLE_DELTA_AIC, ROUNDING_SD, aic_weights, weights_text
from invest_xl.survival.curve import Curve

PH, PO = "proportional-hazards", "proportional-odds"
MODELS = (PH, PO)
SAMPLES = 400
SEED = 20201
_BOUND = 6.0  # |θ| <= 6: h or r between 0,25 % and 400 times the reference


def transform(model: str, reference_share, theta):
    """S(t) from the reference's share at t and θ (see the module's formulas)."""
    reference_share = np.clip(np.asarray(reference_share, dtype=float), 0.0, 1.0)
    factor = np.exp(theta)
    if model == PH:
        with np.errstate(divide="ignore"):
            return np.where(reference_share > 0, reference_share ** factor, 0.0)
    return reference_share / (reference_share + factor * (1.0 - reference_share))


def _interpolate(reference: Curve, weeks, shares=None) -> np.ndarray:
    shares = reference.share if shares is None else shares
    return np.interp(weeks, reference.weeks, shares)


@dataclass
class RelativeFit:
    """One relative model fitted: θ, its variance and the likelihood it was fitted by."""

    model: str
    theta: float
    variance: float | None
    log_likelihood: float
    method: str
    new: Curve
    reference: Curve
    notes: list[str] = field(default_factory=list)
    assumed_reference_size: float | None = None  # M when the reference has neither M nor a band

    @property
    def name(self) -> str:
        return self.model

    @property
    def n_params(self) -> int:
        return 1 + (1 if self.method == "least-squares" else 0)

    @property
    def aic(self) -> float:
        return 2.0 * self.n_params - 2.0 * self.log_likelihood

    @property
    def last_observed_week(self) -> float:
        return float(self.new.last_observed_week)

    @property
    def label(self) -> str:
        return labels.RELATIVE_MODELS[self.model]

    @property
    def method_label(self) -> str:
        return labels.FIT_METHODS[self.method].format(size=short_number(self.new.cohort_size or 0))

    def survival_at(self, weeks) -> np.ndarray:
        """The young curve at `weeks` (within the reference's weeks)."""
        weeks = _checked_weeks(weeks, self.reference)
        return transform(self.model, _interpolate(self.reference, weeks), self.theta)

    def curve(self, weeks, level: float = 0.95, *, samples: int = SAMPLES, seed: int = SEED) -> Curve:
        """The curve on `weeks` with the bootstrap band (module docstring)."""
        if not 0 < level < 1:
            raise InvestXLError(f"niveauet for konfidensbåndet skal ligge mellem 0 og 1 (fik {level})")
        weeks = _checked_weeks(weeks, self.reference)
        draws = self.draws(weeks, samples=samples, seed=seed)
        tail = (1 - level) / 2
        lower, upper = np.quantile(draws, [tail, 1 - tail], axis=0)
        share = self.survival_at(weeks)
        notes = [f"{self.label} i forhold til {self.reference.label or 'referencen'}: {self.method_label}",
                 *self.notes]
        return Curve(weeks, share, np.minimum(lower, share), np.maximum(upper, share),
                     label=self.new.label, provenance=f"relative:{self.model}",
                     last_observed_week=self.last_observed_week, cohort_size=self.new.cohort_size,
                     level=level, notes=notes)

    def draws(self, weeks, *, samples: int = SAMPLES, seed: int = SEED) -> np.ndarray:
        """`samples` bootstrap curves at `weeks` (draws x weeks), seeded."""
        rng = np.random.default_rng(seed)
        references = _reference_draws(self.reference, samples, rng, self.assumed_reference_size)
        result = np.empty((samples, len(weeks)))
        spread = np.sqrt(self.variance) if self.variance is not None else 0.0
        for i, shares in enumerate(references):
            theta = _fit_theta(self.model, self.new, self.reference, shares, self.method)[0]
            theta += spread * rng.standard_normal()
            result[i] = transform(self.model, _interpolate(self.reference, weeks, shares), theta)
        return result

    def to_dict(self) -> dict:
        return {"family": self.model, "label": self.label, "params": {"theta": self.theta,
                "factor": float(np.exp(self.theta))}, "log_likelihood": float(self.log_likelihood),
                "aic": float(self.aic), "n_params": self.n_params, "method": self.method,
                "has_band": True, "assumed_reference_cohort": self.assumed_reference_size}


@dataclass
class RelativeReport:
    """Both relative models fitted to the same curves; `best` has the lower AIC."""

    fits: list[RelativeFit]
    method: str
    new: Curve
    reference: Curve
    notes: list[str] = field(default_factory=list)

    @property
    def best(self) -> RelativeFit:
        return min(self.fits, key=lambda f: f.aic)

    @property
    def average(self) -> "RelativeAverage":
        return RelativeAverage(self)

    def __getitem__(self, name: str) -> RelativeFit:
        for fit in self.fits:
            if fit.model == name:
                return fit
        raise InvestXLError(f"ukendt relativ model '{name}' (kendte: {', '.join(MODELS)})")

    @property
    def cohort_size(self):
        return self.new.cohort_size

    @property
    def last_observed_week(self) -> float:
        return float(self.new.last_observed_week)

    @property
    def method_label(self) -> str:
        return labels.FIT_METHODS[self.method].format(size=short_number(self.new.cohort_size or 0))

    def to_dict(self) -> dict:
        return {"method": self.method, "method_label": self.method_label,
                "cohort_size": self.new.cohort_size, "last_observed_week": self.last_observed_week,
                "reference": {"label": self.reference.label, "cohort_size": self.reference.cohort_size,
                              "last_observed_week": float(self.reference.last_observed_week)},
                "chosen": self.best.model, "fits": [f.to_dict() for f in self.fits],
                "notes": list(self.notes)}


@dataclass
class RelativeAverage:
    """The AIC-weighted mean of a report's relative models, with the band of both (module
    docstring); what `extrapolate` reports when no model is named."""

    report: RelativeReport

    @property
    def fits(self) -> list[RelativeFit]:
        return self.report.fits

    @property
    def weights(self) -> np.ndarray:
        return aic_weights([f.aic for f in self.fits])

    @property
    def name(self) -> str:
        return "model-average"

    @property
    def last_observed_week(self) -> float:
        return self.report.last_observed_week

    def survival_at(self, weeks) -> np.ndarray:
        """S̄(t) = Σ wᵢ Sᵢ(t)."""
        return self.weights @ np.array([f.survival_at(weeks) for f in self.fits])

    def curve(self, weeks, level: float = 0.95, *, samples: int = SAMPLES, seed: int = SEED) -> Curve:
        """The averaged curve on `weeks` with the band of both models' draws."""
        if not 0 < level < 1:
            raise InvestXLError(f"niveauet for konfidensbåndet skal ligge mellem 0 og 1 (fik {level})")
        weeks = _checked_weeks(weeks, self.report.reference)
        tail = (1 - level) / 2
        weights, aics = self.weights, np.array([f.aic for f in self.fits])
        draws = [f.draws(weeks, samples=samples, seed=seed) for f in self.fits]
        lower, upper = _weighted_quantiles(np.vstack(draws), np.repeat(weights / samples, samples),
                                           (tail, 1 - tail))
        for fit_draws, aic in zip(draws, aics):
            if aic - aics.min() <= PLAUSIBLE_DELTA_AIC:
                low, high = np.quantile(fit_draws, [tail, 1 - tail], axis=0)
                lower, upper = np.minimum(lower, low), np.maximum(upper, high)
        share = self.survival_at(weeks)
        shares = weights_text([f.label for f in self.fits], weights)
        reference = self.report.reference.label or "referencen"
        notes = [labels.RELATIVE_AVERAGE_NOTE.format(weights=shares, reference=reference),
                 self.report.method_label, *self.report.notes]
        return Curve(weeks, share, np.minimum(lower, share), np.maximum(upper, share),
                     label=self.report.new.label, provenance="relative:model-average",
                     last_observed_week=self.last_observed_week, cohort_size=self.report.new.cohort_size,
                     level=level, notes=notes)

    def to_dict(self) -> dict:
        aics = np.array([f.aic for f in self.fits])
        return {"weights": {f.model: float(w) for f, w in zip(self.fits, self.weights)},
                "plausible": [f.model for f, a in zip(self.fits, aics) if a - aics.min() <= PLAUSIBLE_DELTA_AIC],
                "plausible_delta_aic": PLAUSIBLE_DELTA_AIC}


def _weighted_quantiles(values: np.ndarray, weights: np.ndarray, levels) -> list[np.ndarray]:
    """Per column of `values` (draws x weeks), the weighted quantiles at `levels`: the
    smallest value whose cumulative weight reaches the level."""
    order = np.argsort(values, axis=0, kind="stable")
    ordered = np.take_along_axis(values, order, axis=0)
    cumulative = np.cumsum(weights[order], axis=0) / weights.sum()
    result = []
    for level in levels:
        at = np.minimum((cumulative < level - 1e-12).sum(axis=0), values.shape[0] - 1)
        result.append(ordered[at, np.arange(values.shape[1])])
    return result


def _checked_weeks(weeks, reference: Curve) -> np.ndarray:
    weeks = np.atleast_1d(np.asarray(weeks, dtype=float))
    if np.any(weeks > reference.last_observed_week + 1e-12):
        raise InvestXLError(f"referencekurven {reference.label or ''} er kun kendt til uge "
                            f"{short_number(reference.last_observed_week)}; vælg en horisont inden for den"
                            .replace("referencekurven  ", "referencekurven "))
    return weeks


def _overlap(new: Curve, reference: Curve) -> np.ndarray:
    """Indices of the young curve's weeks t > 0 within the reference's weeks."""
    inside = (new.weeks > 0) & (new.weeks <= reference.last_observed_week + 1e-12)
    if not inside.any():
        raise InvestXLError("kurven og referencekurven har ingen fælles uger efter uge 0")
    return np.flatnonzero(inside)


def _objective(model: str, new: Curve, reference: Curve, reference_shares, method: str):
    index = _overlap(new, reference)
    weeks, shares = new.weeks[index], new.share[index]
    base = _interpolate(reference, weeks, reference_shares)
    if method == "grouped":
        size = float(new.cohort_size)
        previous = np.concatenate([[1.0], shares[:-1]])
        exits = size * (previous - shares)
        remaining = size * shares[-1]

        def negative_log_likelihood(theta):
            survival = transform(model, base, theta)
            leaving = np.concatenate([[1.0], survival[:-1]]) - survival
            with np.errstate(divide="ignore", invalid="ignore"):
                total = np.sum(np.where(exits > 0, exits * np.log(np.maximum(leaving, 1e-300)), 0.0))
                if remaining > 0:
                    total += remaining * np.log(max(survival[-1], 1e-300))
            return -float(total)
    else:
        def negative_log_likelihood(theta):
            residual = shares - transform(model, base, theta)
            n = residual.size
            rss = residual @ residual + 1e-300
            return 0.5 * n * (np.log(2 * np.pi * rss / n) + 1.0)
    return negative_log_likelihood


def _fit_theta(model: str, new: Curve, reference: Curve, reference_shares, method: str):
    objective = _objective(model, new, reference, reference_shares, method)
    result = minimize_scalar(objective, bounds=(-_BOUND, _BOUND), method="bounded",
                             options={"xatol": 1e-10})
    return float(result.x), float(result.fun), objective


def _variance(objective, theta: float) -> float | None:
    step = 1e-4
    curvature = (objective(theta + step) - 2 * objective(theta) + objective(theta - step)) / step ** 2
    return 1.0 / curvature if np.isfinite(curvature) and curvature > 0 else None


def _reference_draws(reference: Curve, samples: int, rng, assumed_size: float | None = None) -> np.ndarray:
    """Bootstrap copies of the reference's shares at its own weeks (draws x weeks)."""
    shares = reference.share
    size = reference.cohort_size if reference.cohort_size is not None else assumed_size
    if size is not None:
        size = max(int(round(size)), 1)
        probabilities = np.clip(np.append(-np.diff(shares), shares[-1]), 0.0, None)
        counts = rng.multinomial(size, probabilities / probabilities.sum(), size=samples)
        left = 1.0 - np.cumsum(counts, axis=1)[:, :-1] / size
        return np.hstack([np.ones((samples, 1)), left])
    if reference.lower is not None and reference.upper is not None:
        z = ndtri(1 - (1 - reference.level) / 2)
        with np.errstate(divide="ignore", invalid="ignore"):
            middle = np.log(-np.log(shares))
            spread = (np.log(-np.log(reference.lower)) - np.log(-np.log(reference.upper))) / (2 * z)
        spread = np.where(np.isfinite(spread), spread, 0.0)
        shift = rng.standard_normal(samples)[:, None] * spread[None, :]
        with np.errstate(over="ignore", invalid="ignore"):
            drawn = np.exp(-np.exp(middle[None, :] + shift))
        return np.where(np.isfinite(drawn), drawn, shares[None, :])
    return np.repeat(shares[None, :], samples, axis=0)


def fit_relative(new: Curve, reference: Curve, *, models=MODELS) -> RelativeReport:
    """Fit the young curve `new` relative to `reference` (both checked points `Curve`s).

    The grouped likelihood when `new.cohort_size` is known, least squares otherwise;
    the reference's cohort size (or band) widens the band (module docstring).
    """
    if reference.share[-1] >= 1.0:
        raise InvestXLError("referencekurven falder ikke: den kan ikke bære en fremskrivning")
    method = "grouped" if new.cohort_size is not None else "least-squares"
    fits = []
    for model in models:
        if model not in MODELS:
            raise InvestXLError(f"ukendt relativ model '{model}' (kendte: {', '.join(MODELS)})")
        theta, nll, objective = _fit_theta(model, new, reference, reference.share, method)
        fits.append(RelativeFit(model, theta, _variance(objective, theta), -nll, method, new, reference))
    notes = []
    if reference.cohort_size is None and reference.lower is None:
        for fit in fits:
            fit.assumed_reference_size = _assumed_reference_size(fit)
        notes.append(labels.RELATIVE_REFERENCE_UNKNOWN.format(
            size=short_number(round(min(f.assumed_reference_size for f in fits)))))
    for fit in fits:
        fit.notes.extend(notes)
    return RelativeReport(fits, method, new, reference, notes)


def _assumed_reference_size(fit: RelativeFit) -> float:
    """M for a reference with neither M nor a band: N, or N_eff from the residual (module docstring)."""
    if fit.new.cohort_size is not None:
        return float(fit.new.cohort_size)
    index = _overlap(fit.new, fit.reference)
    shares = fit.new.share[index]
    residual = shares - fit.survival_at(fit.new.weeks[index])
    variance = max(float(residual @ residual) / residual.size, ROUNDING_SD ** 2)
    return max(float(np.mean(shares * (1.0 - shares))) / variance, 1.0)
