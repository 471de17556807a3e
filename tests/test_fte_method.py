"""The FTE method: reductions x net unit cost, minus investment, plus transitions."""

import pytest

from invest_xl.errors import InvestXLError
from invest_xl.savings.fte_method import BenefitLine, fte_savings


def test_fte_budget_with_transitions_every_figure_by_hand():
    # Kontanthjælp: gross 150.000 kr., refund 30 % -> net 105.000 kr. per full-time person.
    #   2020: 10 FTE -> 1.050.000 kr.;  2021: 20 FTE -> 2.100.000 kr.
    # Sygedagpenge: gross 200.000 kr., refund 50 % -> net 100.000 kr.; 2021: 5 FTE -> 500.000 kr.
    # Transition to fleksjob: gross 160.000 kr., refund 35 % -> net 104.000 kr.;
    #   2021: 3 FTE -> 312.000 kr. extra cost.
    # Investment 1.200.000 kr. a year.
    # 2020: saving -1.050.000; net 1.200.000 - 1.050.000 = 150.000; accumulated 150.000
    # 2021: saving -2.600.000 + 312.000 = -2.288.000; net -1.088.000; accumulated -938.000
    result = fte_savings(
        [2020, 2021],
        reductions=[("kontanthjælp", 2020, 10, 150_000, 0.30),
                    ("kontanthjælp", 2021, 20, 150_000, 0.30),
                    ("sygedagpenge", 2021, 5, 200_000, 0.50)],
        transitions=[("fleksjob", 2021, 3, 160_000, 0.35)],
        investment_kr=[1_200_000, 1_200_000])
    assert result.reduction_fte == (10.0, 25.0)
    assert result.reduction_saving_kr == pytest.approx((-1_050_000.0, -2_600_000.0))
    assert result.transition_fte == (0.0, 3.0)
    assert result.transition_cost_kr == pytest.approx((0.0, 312_000.0))
    assert result.saving_kr == pytest.approx((-1_050_000.0, -2_288_000.0))
    yearly = result.yearly
    assert yearly.investment_kr == (1_200_000.0, 1_200_000.0)
    assert yearly.net_kr == pytest.approx((150_000.0, -1_088_000.0))
    assert yearly.accumulated_net_kr == pytest.approx((150_000.0, -938_000.0))
    assert yearly.payback_year == 2021
    assert yearly.period_net_kr == pytest.approx(-938_000.0)


def test_lejre_example_from_seed_001():
    # Seed 001, Lejre: a jobafklaringsforløb costs the municipality 2.325 kr. a week; 75
    # persons 4 weeks shorter = 300 weeks = 300/52 full-time persons; 2.325 x 52 = 120.900
    # kr. a year; "en årlig besparelse på 697.500 kr."; investment ca. 450.000 kr.
    result = fte_savings([2020], [BenefitLine("jobafklaringsforløb", 2020, 300 / 52, 120_900.0, 0.0)],
                         investment_kr=[450_000.0])
    assert round(result.saving_kr[0]) == -697_500
    assert round(result.yearly.net_kr[0]) == -247_500


def test_no_payback_within_the_period_is_none():
    result = fte_savings([2020], [("kontanthjælp", 2020, 1, 100_000, 0.0)], investment_kr=[200_000])
    assert result.yearly.payback_year is None


def test_bad_fte_inputs_are_refused_in_danish():
    with pytest.raises(InvestXLError) as error:
        fte_savings([2020], [("kontanthjælp", 2021, 1, 100_000, 0.3)])
    assert error.value.message == "kontanthjælp: året 2021 ligger uden for 2020-2020"
    with pytest.raises(InvestXLError) as error:
        fte_savings([2020], [("kontanthjælp", 2020, -1, 100_000, 0.3)])
    assert error.value.message == "kontanthjælp 2020: antallet af fuldtidspersoner kan ikke være negativt (-1)"
    with pytest.raises(InvestXLError) as error:
        fte_savings([2020], [("kontanthjælp", 2020, 1, 100_000, 30)])
    assert error.value.message == "refusionsandelen skal ligge mellem 0 og 1, ikke 30"
    with pytest.raises(InvestXLError) as error:
        fte_savings([2020, 2021], [], investment_kr=[1.0])
    assert error.value.message == "år (2), investering (1) og besparelse (1) skal have lige mange værdier"


def test_a_year_without_lines_gives_float_zeros():
    # 1 FTE of kontanthjælp in 2020 at 52.000 kr. net; nothing in 2021 is 0.0, as a float
    result = fte_savings([2020, 2021], [("Kontanthjælp", 2020, 1.0, 52_000.0, 0.0)]).as_dict()
    assert result["reduction_fte"] == [1.0, 0.0] and result["transition_fte"] == [0.0, 0.0]
    assert result["reduction_saving_kr"] == [-52_000.0, 0.0]
    assert all(isinstance(x, float) for key in ("reduction_fte", "transition_fte", "transition_cost_kr",
                                                "saving_kr", "net_kr") for x in result[key])
