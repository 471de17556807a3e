"""Parametric survival families, each defined once by its survival function S(t; θ).

t is weeks since entry, S the share still on benefit (0-1). The likelihoods, AIC and
bands live in `fitting`; a family only says S, its parameters and a starting point.
Parameters are optimised unconstrained: positive ones on the log scale, the cure share
on the logit scale. The functions accept complex input so that `fitting` can take
derivatives by the complex step (exact to machine precision).

>>> from invest_xl.survival.families import WEIBULL
>>> round(float(WEIBULL.survival(10.0, WEIBULL.to_free({"lambda": 10.0, "rho": 1.5}))), 4)
0.3679
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np
from scipy.special import erfc, ndtri


class Family(ABC):
    """A family of survival curves S(t; θ); subclasses define `_survival` and `_start`."""

    name = ""
    label = ""
    params: tuple[str, ...] = ()
    positive: tuple[bool, ...] = ()

    @property
    def n_params(self) -> int:
        return len(self.params)

    def to_natural(self, free) -> dict:
        """Natural parameters (e.g. λ in weeks) from the unconstrained vector."""
        return {name: (np.exp(v) if pos else v)
                for name, pos, v in zip(self.params, self.positive, free)}

    def to_free(self, natural: dict) -> np.ndarray:
        """The unconstrained vector from natural parameters."""
        return np.array([np.log(natural[n]) if pos else natural[n]
                         for n, pos in zip(self.params, self.positive)], dtype=float)

    def survival(self, weeks, free):
        """S(t) at `weeks` for the unconstrained parameters `free`; S(0) = 1."""
        weeks = np.asarray(weeks)
        weeks = weeks if np.iscomplexobj(weeks) else weeks.astype(float)
        after_entry = weeks.real > 0
        values = self._survival(np.where(after_entry, weeks, 1.0), **self.to_natural(free))
        return np.where(after_entry, values, 1.0)

    def start(self, weeks, shares) -> np.ndarray:
        """A starting point from points (t > 0, 0 < S < 1) of an observed curve."""
        weeks, shares = np.asarray(weeks, float), np.asarray(shares, float)
        keep = (weeks > 0) & (shares > 1e-6) & (shares < 1 - 1e-6)
        if keep.sum() < 2:
            weeks, shares = np.array([1.0, 10.0]), np.array([0.9, 0.5])
        else:
            weeks, shares = weeks[keep], shares[keep]
        return self.to_free(self._start(np.log(weeks), shares))

    @abstractmethod
    def _survival(self, weeks, **params):
        """S(t) for t > 0 (possibly complex) and natural parameters."""

    @abstractmethod
    def _start(self, log_weeks, shares) -> dict:
        """Natural parameters that roughly fit log-weeks and shares."""


def _line(x, y) -> tuple[float, float]:
    """Least-squares slope and intercept of y on x."""
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)


class Exponential(Family):
    """S(t) = exp(-t / λ): a constant exit rate; λ is the mean stay in weeks."""

    name, label = "exponential", "eksponentiel"
    params, positive = ("lambda",), (True,)

    def _survival(self, weeks, **p):
        return np.exp(-weeks / p["lambda"])

    def _start(self, log_weeks, shares):
        return {"lambda": float(np.exp(np.mean(log_weeks - np.log(-np.log(shares)))))}


class Weibull(Family):
    """S(t) = exp(-(t / λ)^ρ): λ is the week when 37 % are still there; ρ < 1 means
    the exit rate falls with time on benefit."""

    name, label = "weibull", "Weibull"
    params, positive = ("lambda", "rho"), (True, True)

    def _survival(self, weeks, **p):
        return np.exp(-(weeks / p["lambda"]) ** p["rho"])

    def _start(self, log_weeks, shares):
        rho, intercept = _line(log_weeks, np.log(-np.log(shares)))
        rho = max(rho, 0.05)
        return {"lambda": float(np.exp(-intercept / rho)), "rho": rho}


class LogLogistic(Family):
    """S(t) = 1 / (1 + (t / α)^β): α is the median stay in weeks, β the steepness."""

    name, label = "log-logistic", "log-logistisk"
    params, positive = ("alpha", "beta"), (True, True)

    def _survival(self, weeks, **p):
        return 1.0 / (1.0 + (weeks / p["alpha"]) ** p["beta"])

    def _start(self, log_weeks, shares):
        beta, intercept = _line(log_weeks, np.log(1.0 / shares - 1.0))
        beta = max(beta, 0.05)
        return {"alpha": float(np.exp(-intercept / beta)), "beta": beta}


class LogNormal(Family):
    """S(t) = 1 - Φ((log t - μ) / σ): exp(μ) is the median stay in weeks."""

    name, label = "log-normal", "log-normal"
    params, positive = ("mu", "sigma"), (False, True)

    def _survival(self, weeks, **p):
        return 0.5 * erfc((np.log(weeks) - p["mu"]) / (p["sigma"] * np.sqrt(2.0)))

    def _start(self, log_weeks, shares):
        slope, intercept = _line(log_weeks, ndtri(1.0 - shares))
        sigma = 1.0 / max(slope, 0.05)
        return {"mu": -intercept * sigma, "sigma": sigma}


class Cure(Family):
    """S(t) = c + (1 - c) S₀(t): a share c never leaves (the curve levels off at c)."""

    def __init__(self, base: Family):
        self.base = base
        self.name = f"cure-{base.name}"
        self.label = f"{base.label} med varig andel"
        self.params = base.params + ("cure",)
        self.positive = base.positive + (False,)

    def to_natural(self, free) -> dict:
        natural = self.base.to_natural(free[:-1])
        with np.errstate(over="ignore"):  # a cure share of exactly 0 is fine
            natural["cure"] = 1.0 / (1.0 + np.exp(-free[-1]))
        return natural

    def to_free(self, natural: dict) -> np.ndarray:
        cure = natural["cure"]
        return np.append(self.base.to_free(natural), np.log(cure / (1.0 - cure)))

    def _survival(self, weeks, **p):
        cure = p.pop("cure")
        return cure + (1.0 - cure) * self.base._survival(weeks, **p)

    def starts(self, weeks, shares) -> list[np.ndarray]:
        """Several starting points, one per guess of the cure share below the last share."""
        weeks, shares = np.asarray(weeks, float), np.asarray(shares, float)
        floor = float(np.clip(shares[weeks > 0].min() if np.any(weeks > 0) else 0.5, 0.02, 0.98))
        result = []
        for fraction in (0.3, 0.7, 0.9):
            cure = fraction * floor
            rest = (shares - cure) / (1.0 - cure)
            base = self.base.to_natural(self.base.start(weeks, rest))
            result.append(self.to_free({**base, "cure": cure}))
        return result

    def start(self, weeks, shares) -> np.ndarray:
        return self.starts(weeks, shares)[1]

    def _start(self, log_weeks, shares) -> dict:
        return {**self.base._start(log_weeks, shares), "cure": 0.5}


EXPONENTIAL, WEIBULL, LOG_LOGISTIC, LOG_NORMAL = Exponential(), Weibull(), LogLogistic(), LogNormal()
BASE_FAMILIES = (EXPONENTIAL, WEIBULL, LOG_LOGISTIC, LOG_NORMAL)
FAMILIES = BASE_FAMILIES + tuple(Cure(base) for base in BASE_FAMILIES)
BY_NAME = {family.name: family for family in FAMILIES}
