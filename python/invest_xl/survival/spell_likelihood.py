"""The censored-spell log-likelihood of the base families with analytic gradients.

On the distinct (weeks, exit) pairs with their counts: sum of count x log f(t) over
exits plus count x log S(t) over running spells, for θ on the unconstrained scale of
`families` (log λ, log ρ, ...). One vectorised pass gives the value and the gradient,
so BFGS needs no finite differences. Cure families use the generic complex-step path
in `fitting`.
"""

from __future__ import annotations

import numpy as np
from scipy.special import log_ndtr

_HALF_LOG_2PI = 0.5 * np.log(2 * np.pi)


def _exponential(lt, t, free):
    z = t * np.exp(-free[0])
    return (-free[0] - z, -z), ((-1 + z,), (z,))


def _weibull(lt, t, free):
    rho = np.exp(free[1])
    log_z = rho * (lt - free[0])
    z = np.exp(log_z)
    exit_value = free[1] - lt + log_z - z
    return (exit_value, -z), ((-rho + rho * z, 1 + log_z - z * log_z), (rho * z, -z * log_z))


def _log_logistic(lt, t, free):
    beta = np.exp(free[1])
    log_u = beta * (lt - free[0])
    log1p_u = np.logaddexp(0.0, log_u)
    p = np.exp(log_u - log1p_u)  # u / (1 + u)
    exit_value = free[1] - lt + log_u - 2 * log1p_u
    return ((exit_value, -log1p_u),
            ((-beta * (1 - 2 * p), 1 + log_u * (1 - 2 * p)), (p * beta, -p * log_u)))


def _log_normal(lt, t, free):
    sigma = np.exp(free[1])
    w = (lt - free[0]) / sigma
    log_survival = log_ndtr(-w)
    exit_value = -lt - free[1] - _HALF_LOG_2PI - 0.5 * w * w
    mills = np.exp(-_HALF_LOG_2PI - 0.5 * w * w - log_survival)
    return (exit_value, log_survival), ((w / sigma, -1 + w * w), (mills / sigma, mills * w))


PARTS = {"exponential": _exponential, "weibull": _weibull, "log-logistic": _log_logistic,
         "log-normal": _log_normal}


def spell_objective(name: str, exit_weeks, exit_counts, run_weeks, run_counts):
    """(negative log-likelihood, gradient) as one function of θ, or None for other families."""
    parts = PARTS.get(name)
    if parts is None:
        return None
    weeks = np.concatenate([exit_weeks, run_weeks])
    log_weeks = np.log(weeks)
    split = len(exit_weeks)

    def objective(free):
        with np.errstate(all="ignore"):
            (exit_value, _), (exit_grad, _) = parts(log_weeks[:split], weeks[:split], free)
            (_, run_value), (_, run_grad) = parts(log_weeks[split:], weeks[split:], free)
            value = -(exit_counts @ exit_value + run_counts @ run_value)
            gradient = -np.array([exit_counts @ g + run_counts @ r
                                  for g, r in zip(exit_grad, run_grad)])
        if not np.isfinite(value):
            return 1e300, np.zeros_like(free)
        return float(value), np.where(np.isfinite(gradient), gradient, 0.0)
    return objective
