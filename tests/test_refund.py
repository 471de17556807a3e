"""Refund: flat rate, the 2016 duration staircase, and what a saved week is worth."""

import numpy as np
import pytest

from invest_xl.errors import InvestXLError
from invest_xl.savings.refund import (RefundRule, a_dagpenge_cofinancing_share, net_unit_cost_kr,
                              saved_week_value_kr, staircase_refund_share)
from invest_xl.savings.curve_method import curve_savings
from invest_xl.savings.extrapolation import Extrapolation


@pytest.mark.parametrize("week, share", [(1, 0.8), (4, 0.8), (5, 0.4), (26, 0.4), (27, 0.3),
                                         (52, 0.3), (53, 0.2), (400, 0.2)])
def test_staircase_steps_at_weeks_4_26_and_52(week, share):
    assert staircase_refund_share(week) == share


def test_a_dagpenge_cofinancing_is_the_mirror_image():
    assert [a_dagpenge_cofinancing_share(w) for w in (4, 5, 27, 53)] == pytest.approx([0.2, 0.6, 0.7, 0.8])


def test_net_unit_cost_is_gross_times_one_minus_refund():
    assert net_unit_cost_kr(120_900.0, 0.3) == pytest.approx(84_630.0)
    assert net_unit_cost_kr(120_900.0, 0.0) == 120_900.0


def test_a_saved_week_late_in_the_spell_saves_more():
    # 52.000 kr. a year is 1.000 kr. a week; the municipality pays 20/60/70/80 %.
    assert [saved_week_value_kr(52_000.0, w) for w in (4, 5, 27, 53)] == pytest.approx([200, 600, 700, 800])


def test_weeks_before_entry_move_the_participant_up_the_staircase():
    shares = RefundRule.staircase(weeks_before_entry=2).municipal_shares(60)
    # k = 0..1 are spell weeks 3-4, k = 2..23 weeks 5-26, k = 24..49 weeks 27-52, k >= 50 week 53+.
    expected = [0.2] * 2 + [0.6] * 22 + [0.7] * 26 + [0.8] * 10
    assert shares == pytest.approx(expected)
    assert RefundRule.staircase(60).municipal_shares(3) == pytest.approx([0.8, 0.8, 0.8])


def test_staircase_on_a_spell_crossing_weeks_4_26_and_52_in_kroner():
    # One person saved for 60 whole weeks from spell week 3 (2 weeks before entry), at
    # 52.000 kr. a year = 1.000 kr. a week:
    # 2020 (k = 0..51):  2 x 200 + 22 x 600 + 26 x 700 + 2 x 800 = 33.400 kr.
    # 2021 (k = 52..59): 8 x 800                                 =  6.400 kr.
    target = np.ones(61)
    intervention = np.zeros(61)
    result = curve_savings(target, intervention, [(2020, 1, 1)], [2020, 2021],
                           gross_per_fte_kr=52_000.0, refund=RefundRule.staircase(2),
                           extrapolation=Extrapolation("none"))
    assert result.weeks_saved == pytest.approx((52.0, 8.0))
    assert result.saving_kr == pytest.approx((-33_400.0, -6_400.0), abs=1e-6)
    assert result.gross_saving_kr == pytest.approx((-52_000.0, -8_000.0), abs=1e-6)


def test_flat_rule_is_the_same_every_week():
    assert RefundRule.flat(0.5).municipal_shares(3) == pytest.approx([0.5, 0.5, 0.5])
    assert RefundRule.flat(50 / 100).describe() == "refusion 50 %"


def test_bad_refund_inputs_are_refused_in_danish():
    with pytest.raises(InvestXLError) as error:
        RefundRule.flat(1.2)
    assert error.value.message == "refusionsandelen skal ligge mellem 0 og 1, ikke 1,2"
    with pytest.raises(InvestXLError) as error:
        RefundRule.staircase(-1)
    assert error.value.message == "uger før start skal være et helt tal på 0 eller derover, ikke -1"
    with pytest.raises(InvestXLError) as error:
        staircase_refund_share(0)
    assert error.value.message == "forløbsuge skal være et helt tal fra 1, ikke 0"
    with pytest.raises(InvestXLError) as error:
        net_unit_cost_kr(-5.0, 0.3)
    assert error.value.message == "bruttoudgiften pr. fuldtidsperson kan ikke være negativ (-5 kr.)"
