"""One entrant's saved weeks are the area between the curves, week by week (exact integral),
and an area between published curves is given even where no band can be computed."""

import numpy as np
import pytest

from invest_xl.savings.curve_method import curve_savings
from invest_xl.savings.extrapolation import Extrapolation, weekly_gap
from invest_xl.savings.refund import RefundRule
from invest_xl.survival.areas import area_between, published_area_between
from invest_xl.survival.points import points_curve

# A published grid (weeks 0, 4, 8, 13, ..., 52) of a target group and a shorter-lived
# intervention group, in %.
GRID = [0, 4, 8, 13, 17, 21, 26, 30, 34, 39, 43, 47, 52]
TARGET = [100, 82.9, 69.5, 56.3, 47.8, 42.9, 38.4, 36.3, 33.8, 32.1, 31.3, 30.2, 29.1]
INTERVENTION = [100, 70.8, 54.1, 39.2, 33.1, 27.2, 24.9, 23.0, 21.5, 20.4, 19.6, 19.0, 18.5]


def _weekly(curve):
    return np.interp(np.arange(curve.weeks[-1] + 1), curve.weeks, curve.share)


def _one_year(target, intervention, intake, years=(2020,)):
    return curve_savings(_weekly(target), _weekly(intervention), intake, list(years),
                         gross_per_fte_kr=52_000.0, refund=RefundRule.flat(0.0),
                         extrapolation=Extrapolation("none"), shape="linear")


def test_the_issues_case_flat_target_and_a_straight_intervention_line():
    # Target 100 % all year, intervention falling in a straight line to 0 at week 52: the
    # gap is t / 52. An entrant of month m (entering at week (m - 1) 52 / 12) has
    # 52 (13 - m) / 12 weeks left of the year and saves ∫₀ᴿ t / 52 dt = R² / 104 of them.
    # Twelve entrants: Σ_{j=1..12} (52 j / 12)² / 104 = 26 x 650 / 144 = 117,36 weeks.
    target = points_curve([0, 52], [1.0, 1.0])
    intervention = points_curve([0, 52], [1.0, 0.0])
    result = _one_year(target, intervention, [(2020, month, 1) for month in range(1, 13)])
    assert result.weeks_saved[0] == pytest.approx(26 * 650 / 144, abs=1e-9)
    # The old left sum (the gap at the start of each week) gave about 114,1 here.
    assert round(result.weeks_saved[0], 1) == 117.4


def test_one_entrants_weeks_equal_the_area_between_the_published_curves():
    target, intervention = points_curve(GRID, TARGET), points_curve(GRID, INTERVENTION)
    january = _one_year(target, intervention, [(2020, 1, 1)])
    assert january.weeks_saved[0] == pytest.approx(area_between(target, intervention, 52).weeks, abs=1e-9)
    # An entrant of May 2020 (week 17 1/3) has 34 2/3 weeks of 2020 left and the rest of
    # the 52 weeks in 2021: a week split by the new year is integrated exactly on each side.
    may = _one_year(target, intervention, [(2020, 5, 1)], years=(2020, 2021))
    left = 52 - 4 * 52 / 12
    assert may.weeks_saved[0] == pytest.approx(area_between(target, intervention, left).weeks, abs=1e-9)
    assert sum(may.weeks_saved) == pytest.approx(area_between(target, intervention, 52).weeks, abs=1e-9)


def test_the_area_of_published_points_is_the_trapezoid_rule():
    # An independent integral: trapezoids between the published points.
    target, intervention = points_curve(GRID, TARGET), points_curve(GRID, INTERVENTION)
    gap = (np.array(TARGET) - np.array(INTERVENTION)) / 100
    trapezoids = float(np.sum(np.diff(GRID) * (gap[1:] + gap[:-1]) / 2))
    assert area_between(target, intervention, 52).weeks == pytest.approx(trapezoids, abs=1e-12)


def test_step_curves_keep_each_weeks_share_all_week():
    # Steps: target 1,0 then 0,7 from week 10, intervention 0,4 from week 10:
    # 10 weeks x 0 + 10 weeks x 0,3 = 3 weeks.
    weeks = np.arange(21)
    gap, _ = weekly_gap(np.where(weeks < 10, 1.0, 0.7), np.where(weeks < 10, 1.0, 0.4),
                        Extrapolation("none"), 20)
    assert gap.sum() == pytest.approx(3.0)


def test_two_point_curves_give_their_area_without_a_band_and_say_why():
    # 52 x (1 + 0,4) / 2 - 52 x (1 + 0,2) / 2 = 36,4 - 31,2 = 5,2 weeks.
    area = published_area_between(points_curve([0, 52], [100, 40], label="basis"),
                                  points_curve([0, 52], [100, 20], label="ny"), 52)
    assert area.weeks == pytest.approx(5.2, abs=1e-12)
    assert not area.has_band and "kohortestørrelsen er ukendt" in area.note
    assert area.to_dict()["lower"] is None


def test_a_flat_reference_counts_by_its_points_and_a_cohort_size_gives_the_band():
    # The flat reference has area 52; the other curve is 100, 60, 40 % at weeks 0, 26, 52,
    # by lines 26 x 0,8 + 26 x 0,5 = 33,8 weeks, so 18,2 weeks saved. With cohort sizes the
    # points' variance is Σ w_i w_j S_j (1 - S_i) / N (t_i <= t_j), computed here by hand:
    # w = (13, 26, 13); only S = 0,6 and 0,4 vary (N = 100):
    # 26² x 0,6 x 0,4 + 13² x 0,4 x 0,6 + 2 x 26 x 13 x 0,4 x 0,4 = 162,24 + 40,56 + 108,16
    flat = points_curve([0, 26, 52], [100, 100, 100], cohort_size=200, label="basis")
    other = points_curve([0, 26, 52], [100, 60, 40], cohort_size=100, label="ny")
    area = area_between(flat, other, 52)
    assert area.weeks == pytest.approx(18.2, abs=1e-12)
    assert area.standard_error == pytest.approx(np.sqrt((162.24 + 40.56 + 108.16) / 100), rel=1e-12)
    # the Excel function's path: a flat curve cannot be fitted, so it counts by its points
    flat_only = published_area_between(points_curve([0, 26, 52], [100, 100, 100]),
                                       points_curve([0, 26, 52], [100, 60, 40]), 52)
    assert flat_only.weeks > 0 and not flat_only.has_band
