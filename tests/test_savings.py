"""The curve method: area between curves, intake spread over budget years, extrapolation."""

import numpy as np
import pytest

from invest_xl.errors import InvestXLError
from invest_xl.survival.points import points_curve
from invest_xl.savings.refund import RefundRule
from invest_xl.savings.curve_method import curve_savings, weekly_shares
from invest_xl.savings.extrapolation import Extrapolation, weekly_gap


def two_step_curves():
    """Weeks 0..20 (last observed week 20).

    target:       1.0 in weeks 0-9, 0.7 from week 10 (one step)
    intervention: 1.0 in weeks 0-4, 0.8 in weeks 5-9, 0.4 from week 10 (two steps)
    gap:          0 in weeks 0-4, 0.2 in weeks 5-9, 0.3 in weeks 10-19
    area (weeks 0-19) = 5 x 0.2 + 10 x 0.3 = 4 benefit weeks per participant.
    """
    weeks = np.arange(21)
    target = np.where(weeks < 10, 1.0, 0.7)
    intervention = np.select([weeks < 5, weeks < 10], [1.0, 0.8], 0.4)
    return target, intervention


def test_two_step_curve_area_worked_out_by_hand():
    target, intervention = two_step_curves()
    # 26 participants x 4 weeks = 104 weeks = 2 full-time persons; net 104.000 x (1 - 0,5)
    # = 52.000 kr. per full-time person, so 104.000 kr.
    result = curve_savings(target, intervention, [(2020, 1, 26)], [2020],
                           gross_per_fte_kr=104_000.0, refund=RefundRule.flat(0.5),
                           extrapolation=Extrapolation("none"))
    assert result.observed_area_weeks == pytest.approx(4.0)
    assert result.extrapolated_area_weeks == 0.0
    assert result.weeks_saved == pytest.approx((104.0,))
    assert result.fte_saved == pytest.approx((2.0,))
    assert result.saving_kr == pytest.approx((-104_000.0,))
    assert result.gross_saving_kr == pytest.approx((-208_000.0,))
    assert result.last_observed_week == 20


def test_intake_spread_over_two_years():
    target, intervention = two_step_curves()
    # October starts at week 39 (9 x 52/12). 10 persons entering then save weeks 5-19
    # after entry, calendar weeks 44-58:
    #   2020 (weeks 44-51 = k 5..12): 5 x 0,2 + 3 x 0,3 = 1,9 weeks each -> 19 weeks
    #   2021 (weeks 52-58 = k 13..19): 7 x 0,3       = 2,1 weeks each -> 21 weeks
    # 5 persons entering January 2021 save 4 weeks each in 2021 -> 20 weeks.
    # At 52.000 kr. a year (1.000 kr. a week) and no refund: 19.000 and 41.000 kr.
    result = curve_savings(target, intervention, [(2020, 10, 10), (2021, 1, 5)], [2020, 2021],
                           gross_per_fte_kr=52_000.0, refund=RefundRule.flat(0.0),
                           extrapolation=Extrapolation("none"))
    assert result.weeks_saved == pytest.approx((19.0, 41.0))
    assert result.saving_kr == pytest.approx((-19_000.0, -41_000.0))
    assert result.participants == 15.0


def test_a_week_crossing_new_year_is_split_between_the_years():
    # December starts at week 47 2/3; ten saved weeks end at week 57 2/3.
    result = curve_savings(np.ones(11), np.zeros(11), [(2020, 12, 1)], [2020, 2021],
                           gross_per_fte_kr=52_000.0, refund=RefundRule.flat(0.0),
                           extrapolation=Extrapolation("none"))
    assert result.weeks_saved == pytest.approx((52 - 47 - 2 / 3, 5 + 2 / 3))
    assert sum(result.weeks_saved) == pytest.approx(10.0)


def test_extrapolation_choices_after_the_last_observed_week():
    target, intervention = two_step_curves()
    # Horizon 52 weeks; the last gap (week 20) is 0,3.
    hold, _ = weekly_gap(target, intervention, Extrapolation("hold"), 52)
    assert hold.sum() == pytest.approx(4.0 + 32 * 0.3)
    fade, _ = weekly_gap(target, intervention, Extrapolation("fade", fade_weeks=4), 52)
    assert fade[20:25] == pytest.approx([0.3, 0.225, 0.15, 0.075, 0.0])
    assert fade.sum() == pytest.approx(4.0 + 0.75)
    none, last = weekly_gap(target, intervention, Extrapolation("none"), 52)
    assert none.sum() == pytest.approx(4.0) and last == 20
    model = Extrapolation("model", target_model=tuple([0.5] * 52), intervention_model=tuple([0.4] * 52))
    fitted, _ = weekly_gap(target, intervention, model, 52)
    assert fitted.sum() == pytest.approx(4.0 + 32 * 0.1)


def test_every_result_says_which_extrapolation_was_used():
    target, intervention = two_step_curves()
    result = curve_savings(target, intervention, [(2020, 1, 1)], [2020],
                           gross_per_fte_kr=52_000.0, refund=RefundRule.flat(0.0),
                           extrapolation=Extrapolation("fade", fade_weeks=4))
    assert result.as_dict()["extrapolation"] == {
        "kind": "fade", "fade_weeks": 4, "description": "forskellen aftager lineært over 4 uger"}
    assert result.weeks_saved == pytest.approx((4.75,))


def test_published_points_become_weekly_shares_by_linear_interpolation():
    shares, last = weekly_shares(points_curve([0, 4, 8], [100, 60, 40]))
    assert shares == pytest.approx([1.0, 0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4])
    assert last == 8


def test_bad_curve_inputs_are_refused_in_danish():
    with pytest.raises(InvestXLError) as error:
        Extrapolation("forever")
    assert error.value.message == "ukendt fremskrivning 'forever' (brug none, hold, fade, model)"
    with pytest.raises(InvestXLError) as error:
        Extrapolation("fade")
    assert error.value.message == "fremskrivningen 'aftag' kræver et helt antal uger på mindst 1"
    with pytest.raises(InvestXLError) as error:
        curve_savings([1.0, 1.2], [1.0, 0.5], [(2020, 1, 1)], [2020], gross_per_fte_kr=1.0,
                      refund=RefundRule.flat(0.0), extrapolation=Extrapolation())
    assert error.value.message == "målgruppens kurve skal være andele mellem 0 og 1"
    with pytest.raises(InvestXLError) as error:
        curve_savings([1.0, 0.5], [1.0, 0.5], [(2020, 13, 1)], [2020], gross_per_fte_kr=1.0,
                      refund=RefundRule.flat(0.0), extrapolation=Extrapolation())
    assert error.value.message == "måned 13 findes ikke (brug 1-12)"
    with pytest.raises(InvestXLError) as error:
        curve_savings([1.0, 0.5], [1.0, 0.5], [(2020, 1, 1)], [2020, 2022], gross_per_fte_kr=1.0,
                      refund=RefundRule.flat(0.0), extrapolation=Extrapolation())
    assert error.value.message == "budgetårene skal være på hinanden følgende år"


def test_plain_arguments_for_excel_functions_give_the_same_result():
    target, intervention = two_step_curves()
    plain = curve_savings(target.tolist(), intervention.tolist(), [[2020, 1, 26]], [2020],
                          gross_per_fte_kr=104_000.0, refund=0.5, extrapolation="none")
    assert plain.saving_kr == pytest.approx((-104_000.0,))
    staircase = curve_savings(np.ones(61).tolist(), np.zeros(61).tolist(), [[2020, 1, 1]], [2020, 2021],
                              gross_per_fte_kr=52_000.0, refund="staircase", weeks_before_entry=2,
                              extrapolation="none")
    assert staircase.saving_kr == pytest.approx((-33_400.0, -6_400.0))
    faded = curve_savings(target, intervention, [(2020, 1, 1)], [2020], gross_per_fte_kr=52_000.0,
                          refund=0.0, extrapolation="fade", fade_weeks=4)
    assert faded.weeks_saved == pytest.approx((4.75,))


def test_kaplan_meier_and_fitted_curves_become_weekly_shares():
    from invest_xl.survival.fitting import fit_points
    from invest_xl.survival.kaplan_meier import kaplan_meier

    # Four spells leaving after 1, 2, 3 and 4 weeks: 3/4, 2/4, 1/4, 0 still on benefit.
    shares, last = weekly_shares(kaplan_meier([1, 2, 3, 4]))
    assert shares == pytest.approx([1.0, 0.75, 0.5, 0.25, 0.0]) and last == 4
    fit = fit_points([0, 4, 8, 13], [100, 70, 55, 45]).best
    shares, last = weekly_shares(fit, weeks=60)
    assert len(shares) == 60 and last == 13
    assert shares[0] == pytest.approx(1.0) and shares[59] < shares[13]
