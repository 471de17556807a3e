"""Parametric fits: agreement with lifelines on spells, grouped and least-squares fits of points."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.errors import InvestXLError
from invest_xl.survival.families import FAMILIES, WEIBULL
from invest_xl.survival.fitting import fit_points, fit_spells


@pytest.fixture(scope="module")
def spells():
    rng = np.random.default_rng(20201)
    n = 2000
    exit_weeks = 10 * rng.weibull(0.8, n)
    cutoff_weeks = rng.uniform(1, 60, n)
    return np.minimum(exit_weeks, cutoff_weeks), exit_weeks <= cutoff_weeks


@pytest.mark.parametrize("ours, fitter, names", [
    ("weibull", "WeibullFitter", {"lambda": "lambda_", "rho": "rho_"}),
    ("log-logistic", "LogLogisticFitter", {"alpha": "alpha_", "beta": "beta_"}),
    ("log-normal", "LogNormalFitter", {"mu": "mu_", "sigma": "sigma_"}),
    ("exponential", "ExponentialFitter", {"lambda": "lambda_"}),
])
def test_spell_fit_agrees_with_lifelines(spells, ours, fitter, names):
    import lifelines
    weeks, observed = spells
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = getattr(lifelines, fitter)().fit(weeks, observed)
    fit = fit_spells(weeks, observed, families=[ours])[ours]
    for name, attribute in names.items():
        assert fit.params[name] == pytest.approx(getattr(theirs, attribute), rel=1e-4)
    assert fit.log_likelihood == pytest.approx(theirs.log_likelihood_, rel=1e-8)


def _plateau(size=300):
    shares = 0.25 + 0.75 * np.exp(-(PUBLISHED_WEEKS / 10) ** 1.2)
    exits = np.round(size * -np.diff(shares))
    counts = size - np.concatenate([[0], np.cumsum(exits)])
    return PUBLISHED_WEEKS, counts / size


def test_cure_model_has_the_highest_likelihood_on_a_plateaued_grouped_curve():
    weeks, shares = _plateau()
    report = fit_points(weeks, shares, cohort_size=300)
    best_likelihood = max(report.fits, key=lambda f: f.log_likelihood)
    assert best_likelihood.name.startswith("cure-")
    assert report.best.name.startswith("cure-")
    assert report.best.aic < report["weibull"].aic
    assert report.best.params["cure"] == pytest.approx(0.25, abs=0.03)
    assert report.method == "grouped"


def test_grouped_likelihood_by_hand_for_the_exponential():
    weeks, shares = [0, 4, 8], [1.0, 0.6, 0.4]
    fit = fit_points(weeks, shares, cohort_size=100, families=["exponential"])["exponential"]
    # exits 40 in (0,4], 20 in (4,8], 40 still there: the MLE of p = exp(-4/λ) solves
    # max 40 log(1-p) + 20 log(p - p²) + 40 log(p²) -> p = 100 / 160
    p = 100 / 160
    assert fit.params["lambda"] == pytest.approx(-4 / np.log(p), rel=1e-6)
    expected = 40 * np.log(1 - p) + 20 * np.log(p - p * p) + 40 * np.log(p * p)
    assert fit.log_likelihood == pytest.approx(expected, rel=1e-9)


def test_without_cohort_size_least_squares_is_used_and_said():
    weeks, shares = _plateau()
    report = fit_points(weeks, shares)
    assert report.method == "least-squares"
    assert "mindste kvadrater" in report.method_label
    assert report.notes and "kohortestørrelsen er ukendt" in report.notes[0]
    assert report["weibull"].n_params == 3


def test_incomplete_curve_is_extrapolated_with_a_band_that_widens():
    weeks, shares = _plateau()
    report = fit_points(weeks[:8], shares[:8], cohort_size=300)
    curve = report.best.curve(np.arange(0, 105))
    assert curve.last_observed_week == 30
    assert curve.extrapolated[31] and not curve.extrapolated[30]
    widths = curve.upper - curve.lower
    assert widths[104] > widths[13] > 0
    assert np.all(curve.lower <= curve.share) and np.all(curve.share <= curve.upper)


def test_unknown_family_is_refused():
    with pytest.raises(InvestXLError, match="ukendt fordeling 'gamma'"):
        fit_points([0, 4], [1, 0.5], families=["gamma"])


def test_spells_of_zero_weeks_are_refused():
    with pytest.raises(InvestXLError, match="over 0 uger"):
        fit_spells([0.0, 1.0, 2.0], [True, True, False])


@settings(max_examples=25, deadline=None)
@given(scale=st.floats(2, 40), shape=st.floats(0.5, 2.5), cure=st.floats(0.0, 0.5),
       size=st.sampled_from([None, 60, 300]))
def test_fitted_curves_never_rise_stay_in_unit_interval_and_bands_contain_them(scale, shape, cure, size):
    weeks = PUBLISHED_WEEKS
    shares = np.round(cure + (1 - cure) * np.exp(-(weeks / scale) ** shape), 3)
    shares[0] = 1.0
    shares = np.minimum.accumulate(shares)
    report = fit_points(weeks, shares, size)
    for fit in report.fits:
        curve = fit.curve(np.arange(0, 105, 3))
        assert np.all(np.diff(curve.share) <= 1e-12)
        assert np.all((curve.share >= 0) & (curve.share <= 1))
        if curve.lower is not None:
            assert np.all(curve.lower <= curve.share + 1e-12)
            assert np.all(curve.upper >= curve.share - 1e-12)
            assert np.all((curve.lower >= 0) & (curve.upper <= 1))


def test_every_family_gives_survival_one_at_week_zero():
    for family in FAMILIES:
        assert family.survival(np.array([0.0]), family.start([1, 10], [0.8, 0.4]))[0] == 1.0
    assert WEIBULL.n_params == 2
