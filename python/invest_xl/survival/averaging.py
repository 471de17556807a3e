"""Model averaging: when the family is chosen from data, report the families' AIC-weighted mean.

Akaike weights (Burnham & Anderson): with Δᵢ = AICᵢ - min AIC over the families that
could be fitted,

    wᵢ = exp(-Δᵢ / 2) / Σⱼ exp(-Δⱼ / 2),        S̄(t) = Σᵢ wᵢ Sᵢ(t).

The band covers the spread between plausible families, not only the chosen family's
parameter uncertainty. At each week it is the wider of

- the 2,5 % and 97,5 % quantiles of the mixture Σᵢ wᵢ Nᵢ, where Nᵢ is family i's own
  normal distribution of log(-log S(t)) from its delta-method band (a family without a
  band is a point mass at its curve), and
- the envelope of the bands (or curves) of the plausible families, Δᵢ <= 10 (the
  families the data do not rule out).

Least squares (no cohort size): a family with as many parameters as points fits them
exactly, RSS = 0, and its "likelihood" is unbounded. The weights then use the normal
log-likelihood with the error at least half a percentage point, σ_min = 0,005 (a
judgement: published curves are rounded to 0,1 point, and no smooth family follows a
published curve closer than some tenths of a point), σ² = max(RSS / n, σ_min²):
log L = -n/2 (log 2πσ² + RSS / (n σ²)); families that fit equally well then differ
only by their 2k.

A model average needs no family to be right; its band widens where the families that
fit the observed weeks equally well part ways, which is beyond them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.survival.curve import Curve, never_above_last_observed
from invest_xl.survival.fitting import ROUNDING_SD

PLAUSIBLE_DELTA_AIC = 10.0
_GRID = np.linspace(1e-6, 1 - 1e-6, 4001)  # shares at which the mixture's CDF is read


def aic_weights(aics) -> np.ndarray:
    """Akaike weights wᵢ ∝ exp(-Δᵢ / 2); 0 for a family that could not be fitted (inf/nan)."""
    aics = np.asarray(aics, dtype=float)
    finite = np.isfinite(aics)
    if not finite.any():
        raise InvestXLError("ingen af fordelingerne kunne tilpasses data")
    delta = np.where(finite, aics - aics[finite].min(), np.inf)
    weights = np.exp(-delta / 2)
    return weights / weights.sum()


def weights_text(names, weights) -> str:
    """ "Weibull 60 %, log-normal 40 %": the weights of 0,5 % or more, largest first."""
    pairs = sorted(zip(names, weights), key=lambda pair: -pair[1])
    return ", ".join(f"{name} {weight * 100:.0f} %" for name, weight in pairs if weight >= 0.005)


@dataclass
class ModelAverage:
    """The AIC-weighted mean of a report's fits (`fitting.FitReport`), with its band."""

    report: object
    observed: Curve | None = None

    @property
    def fits(self) -> list:
        return [f for f in self.report.fits if np.isfinite(f.aic)]

    @property
    def aics(self) -> np.ndarray:
        """Each fit's AIC; for least squares with the rounding floor on σ (module docstring)."""
        if self.report.method != "least-squares" or self.observed is None:
            return np.array([f.aic for f in self.fits])
        later = self.observed.weeks > 0
        weeks, shares = self.observed.weeks[later], self.observed.share[later]
        result = []
        for fit in self.fits:
            rss = float(np.sum((shares - fit.survival_at(weeks)) ** 2))
            n = shares.size
            variance = max(rss / n, ROUNDING_SD ** 2)
            log_likelihood = -0.5 * n * (np.log(2 * np.pi * variance) + rss / (n * variance))
            result.append(2.0 * fit.n_params - 2.0 * log_likelihood)
        return np.array(result)

    @property
    def weights(self) -> np.ndarray:
        return aic_weights(self.aics)

    @property
    def plausible(self) -> list:
        """Fits within PLAUSIBLE_DELTA_AIC of the lowest AIC."""
        aics = self.aics
        return [f for f, a in zip(self.fits, aics) if a - aics.min() <= PLAUSIBLE_DELTA_AIC]

    @property
    def last_observed_week(self) -> float:
        return float(self.report.last_observed_week)

    @property
    def name(self) -> str:
        return "model-average"

    def survival_at(self, weeks) -> np.ndarray:
        """S̄(t) = Σ wᵢ Sᵢ(t)."""
        return self.weights @ np.array([f.survival_at(weeks) for f in self.fits])

    def band_at(self, weeks, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """The wider of the mixture's quantiles and the plausible families' envelope; after
        the last observed week never above the upper edge there."""
        if not 0 < level < 1:
            raise InvestXLError(f"niveauet for konfidensbåndet skal ligge mellem 0 og 1 (fik {level})")
        asked = np.atleast_1d(np.asarray(weeks, dtype=float))
        weeks = np.append(asked, self.last_observed_week)  # the cap after it (see below)
        z = ndtri(1 - (1 - level) / 2)
        tail = (1 - level) / 2
        cdf = np.zeros((len(weeks), _GRID.size))  # P(S(t) <= grid) under the mixture
        grid_cll = np.log(-np.log(_GRID))
        envelope_low = np.ones(len(weeks))
        envelope_high = np.zeros(len(weeks))
        plausible = {id(f) for f in self.plausible}
        for weight, fit in zip(self.weights, self.fits):
            share = np.clip(fit.survival_at(weeks), 1e-12, 1 - 1e-12)
            band = fit.band_at(weeks, level)
            middle = np.log(-np.log(share))
            if band is None:
                spread = np.zeros(len(weeks))
            else:
                with np.errstate(divide="ignore", invalid="ignore"):
                    spread = (np.log(-np.log(np.clip(band[0], 1e-12, 1 - 1e-12)))
                              - np.log(-np.log(np.clip(band[1], 1e-12, 1 - 1e-12)))) / (2 * z)
                spread = np.where(np.isfinite(spread), np.abs(spread), 0.0)
            # S <= x  <=>  log(-log S) >= log(-log x)
            with np.errstate(divide="ignore", invalid="ignore"):
                standard = (grid_cll[None, :] - middle[:, None]) / spread[:, None]
            step = np.where(grid_cll[None, :] <= middle[:, None], 1.0, 0.0)
            cdf += weight * np.where(spread[:, None] > 0, 1.0 - ndtr(standard), step)
            if id(fit) in plausible:
                low, high = (share, share) if band is None else band
                envelope_low = np.minimum(envelope_low, np.minimum(low, share))
                envelope_high = np.maximum(envelope_high, np.maximum(high, share))
        lower = _GRID[np.clip((cdf < tail).sum(axis=1), 0, _GRID.size - 1)]
        upper = _GRID[np.clip((cdf < 1 - tail).sum(axis=1), 0, _GRID.size - 1)]
        share = self.survival_at(weeks)
        lower = np.minimum(np.minimum(lower, envelope_low), share)
        upper = np.maximum(np.maximum(upper, envelope_high), share)
        upper = never_above_last_observed(asked, upper[:-1], self.last_observed_week, upper[-1])
        at_entry = asked <= 0
        return np.where(at_entry, 1.0, lower[:-1]), np.where(at_entry, 1.0, upper)

    def curve(self, weeks, level: float = 0.95) -> Curve:
        """The model-averaged curve on `weeks` with its band."""
        weeks = np.atleast_1d(np.asarray(weeks, dtype=float))
        lower, upper = self.band_at(weeks, level)
        weights = weights_text([f.family.label for f in self.fits], self.weights)
        notes = [labels.MODEL_AVERAGE_NOTE.format(weights=weights), self.report.method_label]
        return Curve(weeks, self.survival_at(weeks), lower, upper, label=self.report.fits[0].label,
                     provenance="model-average", last_observed_week=self.last_observed_week,
                     cohort_size=self.report.cohort_size, level=level, notes=notes)

    def to_dict(self) -> dict:
        return {"weights": {f.name: float(w) for f, w in zip(self.fits, self.weights)},
                "plausible": [f.name for f in self.plausible],
                "plausible_delta_aic": PLAUSIBLE_DELTA_AIC}
