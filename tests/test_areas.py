"""Restricted mean and area between curves, checked by hand and by independent methods."""

import numpy as np
import pytest

from invest_xl.survival.areas import area_between, restricted_mean
from invest_xl.errors import InvestXLError
from invest_xl.survival.fitting import fit_spells
from invest_xl.survival.kaplan_meier import kaplan_meier


def test_hand_worked_step_curve_and_greenwood_variance():
    km = kaplan_meier([1, 2, 2, 3, 4], [True, True, False, True, False])
    area = restricted_mean(km, 4)
    # S = 1, 0.8, 0.6, 0.3 on [0,1), [1,2), [2,3), [3,4)
    assert area.weeks == pytest.approx(2.7)
    # A_i = area from t_i to 4: 1.7, 0.9, 0.3 at exits with (n, d) = (5,1), (4,1), (2,1)
    variance = 1.7 ** 2 / 20 + 0.9 ** 2 / 12 + 0.3 ** 2 / 2
    assert area.standard_error == pytest.approx(np.sqrt(variance))
    assert area.lower == pytest.approx(2.7 - 1.959963984540054 * np.sqrt(variance))


def _censored(seed, n, scale):
    rng = np.random.default_rng(seed)
    exit_weeks = scale * rng.weibull(0.8, n)
    cutoff_weeks = rng.uniform(20, 80, n)
    return np.minimum(exit_weeks, cutoff_weeks), exit_weeks <= cutoff_weeks


def test_bootstrap_agrees_with_greenwood():
    km = kaplan_meier(*_censored(20201, 2000, 10))
    greenwood = restricted_mean(km, 40)
    bootstrap = restricted_mean(km, 40, method="bootstrap", samples=800)
    assert bootstrap.weeks == greenwood.weeks
    # the bootstrap SD of an SD from 800 draws is about 2.5 %
    assert bootstrap.standard_error == pytest.approx(greenwood.standard_error, rel=0.12)


def test_area_from_the_integral_of_a_fitted_weibull():
    fit = fit_spells(*_censored(20201, 2000, 10), families=["weibull"])["weibull"]
    lam, rho = fit.params["lambda"], fit.params["rho"]
    grid = np.linspace(0, 40, 400001)
    expected = np.trapezoid(np.exp(-(grid / lam) ** rho), grid)
    delta = restricted_mean(fit, 40)
    assert delta.weeks == pytest.approx(expected, rel=1e-6)
    bootstrap = restricted_mean(fit, 40, method="bootstrap", samples=800)
    assert bootstrap.standard_error == pytest.approx(delta.standard_error, rel=0.12)


def test_area_between_is_the_difference_with_added_variances():
    target = kaplan_meier(*_censored(1, 1500, 14), label="målgruppe")
    effort = kaplan_meier(*_censored(2, 500, 9), label="indsats")
    between = area_between(target, effort, 26)
    first, second = restricted_mean(target, 26), restricted_mean(effort, 26)
    assert between.weeks == pytest.approx(first.weeks - second.weeks)
    assert between.weeks > 0
    assert between.standard_error == pytest.approx(np.hypot(first.standard_error,
                                                            second.standard_error))
    assert between.label == "målgruppe minus indsats"
    bootstrap = area_between(target, effort, 26, method="bootstrap", samples=500)
    assert bootstrap.lower < between.weeks < bootstrap.upper


def test_area_beyond_the_observed_weeks_needs_a_fit():
    km = kaplan_meier([1, 2, 3, 5], [True, False, True, False], label="2020")
    with pytest.raises(InvestXLError, match="kun observeret til uge 5; arealet til uge 52 kræver en tilpasset kurve"):
        restricted_mean(km, 52)


def test_unknown_method_is_refused():
    with pytest.raises(InvestXLError, match="ukendt metode 'rmst'"):
        restricted_mean(kaplan_meier([1, 2]), 2, method="rmst")
