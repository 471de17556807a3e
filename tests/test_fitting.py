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


def _closed_forms():
    """Each family's S(t) written out here from its textbook formula (t in weeks)."""
    from scipy.stats import norm

    def exponential(t, p): return np.exp(-t / p["lambda"])
    def weibull(t, p): return np.exp(-(t / p["lambda"]) ** p["rho"])
    def log_logistic(t, p): return 1.0 / (1.0 + (t / p["alpha"]) ** p["beta"])
    def log_normal(t, p): return norm.sf((np.log(t) - p["mu"]) / p["sigma"])
    bases = {"exponential": exponential, "weibull": weibull, "log-logistic": log_logistic,
             "log-normal": log_normal}
    cures = {f"cure-{name}": (lambda t, p, f=f: p["cure"] + (1 - p["cure"]) * f(t, p))
             for name, f in bases.items()}
    return {**bases, **cures}


PARAMS = {"lambda": 12.0, "rho": 1.4, "alpha": 9.0, "beta": 2.2, "mu": 2.3, "sigma": 0.8, "cure": 0.27}


def test_every_family_is_its_textbook_survival_function():
    weeks = np.array([0.5, 4.0, 13.0, 26.0, 52.0, 104.0])
    closed = _closed_forms()
    assert sorted(closed) == sorted(f.name for f in FAMILIES)
    for family in FAMILIES:
        natural = {name: PARAMS[name] for name in family.params}
        ours = family.survival(weeks, family.to_free(natural))
        assert ours == pytest.approx(closed[family.name](weeks, natural), rel=1e-12), family.name
        assert family.survival(np.array([0.0]), family.to_free(natural))[0] == 1.0
    assert WEIBULL.n_params == 2


def _grouped_nll(survival, weeks, counts, size):
    """The grouped-data likelihood written out: exits between grid weeks, the rest censored."""
    shares = survival(weeks)
    exits = -np.diff(counts)
    leaving = shares[:-1] - shares[1:]
    if np.any(leaving[exits > 0] <= 0) or shares[-1] <= 0:
        return np.inf
    return -(exits[exits > 0] @ np.log(leaving[exits > 0]) + counts[-1] * np.log(shares[-1]))


@pytest.mark.parametrize("name", ["cure-exponential", "cure-weibull", "cure-log-logistic", "cure-log-normal"])
def test_cure_families_reach_the_maximum_an_explicit_nelder_mead_finds(name):
    # lifelines' MixtureCureFitter is no reference here: on grouped data its open last
    # interval is S(52) - c, not S(52). The same likelihood is maximised independently.
    from scipy.optimize import minimize

    weeks, shares = _plateau()
    size = 300
    counts = np.round(shares * size)
    ours = fit_points(weeks, shares, cohort_size=size)[name]
    closed = _closed_forms()[name]
    names = ours.family.params

    def nll(vector):
        natural = dict(zip(names, vector))
        if natural["cure"] <= 0 or natural["cure"] >= 1 or any(
                natural[n] <= 0 for n in names if n in ("lambda", "rho", "alpha", "beta", "sigma")):
            return np.inf
        with np.errstate(all="ignore"):
            return _grouped_nll(lambda t: np.where(t > 0, closed(np.maximum(t, 1e-12), natural), 1.0),
                                weeks, counts, size)

    best = min((minimize(nll, start, method="Nelder-Mead",
                         options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000})
                for start in ([ours.params[n] * 1.3 for n in names], [ours.params[n] * 0.8 for n in names])),
               key=lambda r: r.fun)
    assert -ours.log_likelihood == pytest.approx(best.fun, abs=1e-6)
    for n, value in zip(names, best.x):
        assert ours.params[n] == pytest.approx(value, rel=1e-3, abs=1e-4), n
