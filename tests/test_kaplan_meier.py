"""Kaplan-Meier curve and band against lifelines, and the per-cohort curves from spells."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from lifelines import KaplanMeierFitter

from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.errors import InvestXLError
from invest_xl.survival.kaplan_meier import kaplan_meier, kaplan_meier_days, spell_curves
from invest_xl.survival.spells import read_spells


def _lifelines(weeks, observed):
    fitter = KaplanMeierFitter().fit(weeks, observed)
    return (fitter.timeline, fitter.survival_function_.iloc[:, 0].to_numpy(),
            fitter.confidence_interval_.to_numpy())


def _random_censored(rng, n, tied):
    exit_weeks = rng.exponential(20.0, n)
    cutoff_weeks = rng.uniform(0.0, 60.0, n)
    if tied:
        exit_weeks = np.ceil(exit_weeks * 7) / 7
        cutoff_weeks = np.ceil(cutoff_weeks * 7) / 7
    return np.minimum(exit_weeks, cutoff_weeks), exit_weeks <= cutoff_weeks


@pytest.mark.parametrize("tied", [False, True])
def test_curve_and_band_equal_lifelines(tied):
    rng = np.random.default_rng(20201)
    weeks, observed = _random_censored(rng, 3000, tied)
    km = kaplan_meier(weeks, observed)
    timeline, survival, band = _lifelines(weeks, observed)
    np.testing.assert_array_equal(km.weeks, timeline)
    np.testing.assert_allclose(km.survival, survival, rtol=0, atol=1e-9)
    lower, upper = km.band_at(km.weeks)
    np.testing.assert_allclose(lower, band[:, 0], rtol=0, atol=1e-9)
    np.testing.assert_allclose(upper, band[:, 1], rtol=0, atol=1e-9)


def test_whole_days_path_equals_lifelines_on_weeks():
    rng = np.random.default_rng(20201)
    days = rng.integers(1, 400, 5000)
    observed = rng.random(5000) < 0.7
    km = kaplan_meier_days(days, observed)
    timeline, survival, band = _lifelines(days / 7, observed)
    np.testing.assert_array_equal(km.weeks, timeline)
    np.testing.assert_allclose(km.survival, survival, atol=1e-9)
    np.testing.assert_allclose(np.column_stack(km.band_at(km.weeks)), band, atol=1e-9)


def test_band_where_everyone_has_left_is_zero_like_lifelines():
    weeks = [1.0, 2.0, 2.0, 3.0]
    km = kaplan_meier(weeks)
    _, survival, band = _lifelines(weeks, [True] * 4)
    np.testing.assert_allclose(km.survival, survival, atol=1e-12)
    np.testing.assert_allclose(np.column_stack(km.band_at(km.weeks)), band, atol=1e-12)
    assert km.survival_at([3.0])[0] == 0.0


def test_hand_worked_step_curve():
    km = kaplan_meier([1, 2, 2, 3, 4], [True, True, False, True, False])
    # at risk 5, 4, 2, 1; exits 1, 1, 1, 0
    expected = [1.0, 4 / 5, 4 / 5 * 3 / 4, 4 / 5 * 3 / 4 * 1 / 2, 4 / 5 * 3 / 4 * 1 / 2]
    np.testing.assert_allclose(km.survival_at([0, 1, 2, 3, 4]), expected)
    np.testing.assert_array_equal(km.at_risk, [5, 5, 4, 2, 1])


def test_mismatched_lengths_are_reported():
    with pytest.raises(InvestXLError, match=r"varigheder og udgange har forskellig længde \(3 og 2\)"):
        kaplan_meier([1, 2, 3], [True, False])


def test_negative_duration_is_refused():
    with pytest.raises(InvestXLError, match="0 eller derover"):
        kaplan_meier([1, -2, 3])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 100, allow_nan=False), st.booleans()),
                min_size=1, max_size=60))
def test_curve_never_rises_stays_in_unit_interval_and_band_contains_it(rows):
    weeks = [w for w, _ in rows]
    observed = [o for _, o in rows]
    km = kaplan_meier(weeks, observed)
    curve = km.curve(np.linspace(0, km.last_observed_week, 40))
    assert np.all(np.diff(curve.share) <= 0)
    assert np.all((curve.share >= 0) & (curve.share <= 1))
    assert np.all(curve.lower <= curve.share + 1e-12)
    assert np.all(curve.upper >= curve.share - 1e-12)


def _spell_rows():
    return [
        ["person", "benefit", "start", "end", "group"],
        ["1", "kh", "2019-01-01", "2019-01-28", "indsats"],
        ["2", "kh", "2019-02-01", "", "indsats"],
        ["3", "kh", "2020-07-01", "2020-08-11", "indsats"],
        ["4", "kh", "2020-11-01", "", "indsats"],
        ["5", "kh", "2019-05-01", "2019-06-11", "målgruppe"],
    ]


def test_spell_curves_per_group_and_cohort_stop_at_the_cohorts_follow_up():
    curves = spell_curves(read_spells(_spell_rows()), "2020-12-31", by="year")
    labels = [c.label for c in curves]
    assert labels == ["indsats 2019", "indsats 2020", "målgruppe 2019"]
    recent = curves[1]
    # entered 2020-11-01, censored at 2020-12-31: 61 days
    assert recent.last_observed_week == pytest.approx(61 / 7)
    grid = recent.curve(grid="published").weeks
    np.testing.assert_array_equal(grid, PUBLISHED_WEEKS[PUBLISHED_WEEKS <= 61 / 7])


def test_baseline_pools_the_given_years():
    curves = spell_curves(read_spells(_spell_rows()), "2020-12-31", by="year",
                          baseline=(2019, 2020))
    baseline = [c for c in curves if c.cohort == "basis 2019-2020"]
    assert [c.group for c in baseline] == ["indsats", "målgruppe"]
    assert baseline[0].size == 4


def test_spells_after_the_cutoff_are_left_out():
    curves = spell_curves(read_spells(_spell_rows()), "2019-12-31")
    assert [c.size for c in curves] == [2, 1]
