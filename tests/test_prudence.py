"""Prudence: potential, share and booked amount side by side."""

import pytest

from invest_xl.errors import InvestXLError
from invest_xl.savings.prudence import prudence

YEARS = [2020, 2021, 2022, 2023]
POTENTIAL = [-1_000_000.0, -2_000_000.0, -3_000_000.0, -4_000_000.0]


def test_half_of_a_four_year_potential_is_booked_year_by_year():
    result = prudence(YEARS, POTENTIAL, 0.5)
    assert result.potential == tuple(POTENTIAL)
    assert result.share == 0.5
    assert result.booked == (-500_000.0, -1_000_000.0, -1_500_000.0, -2_000_000.0)
    assert result.period_potential == -10_000_000.0
    assert result.period_booked == -5_000_000.0


def test_booked_total_spread_over_the_years_as_the_council_decided():
    result = prudence(YEARS, POTENTIAL, 0.5, spread=[0.25, 0.25, 0.25, 0.25])
    assert result.booked == (-1_250_000.0, -1_250_000.0, -1_250_000.0, -1_250_000.0)
    assert result.period_booked == -5_000_000.0
    assert result.as_dict()["spread"] == [0.25, 0.25, 0.25, 0.25]


def test_bad_prudence_inputs_are_refused_in_danish():
    with pytest.raises(InvestXLError) as error:
        prudence(YEARS, POTENTIAL, 1.5)
    assert error.value.message == "forsigtighedsandelen skal ligge mellem 0 og 1 (0-100 %), ikke 1,5"
    with pytest.raises(InvestXLError) as error:
        prudence(YEARS, POTENTIAL, 0.5, spread=[0.3, 0.3, 0.3, 0.0])
    assert error.value.message == ("fordelingen over årene skal være andele på 0 eller derover, "
                                   "der summer til 1 (100 %); summen er 0,9")
    with pytest.raises(InvestXLError) as error:
        prudence(YEARS, POTENTIAL[:3], 0.5)
    assert error.value.message == "der er 4 år, men 3 potentialer"


def test_years_that_book_nothing_book_plus_zero_not_minus_zero():
    # 0 % of a saving, or a year with spread 0, is 0,0 kr. booked; -0.0 would reach
    # --json as "-0.0"
    import math

    spread = prudence(YEARS, POTENTIAL, 0.5, spread=[1.0, 0.0, 0.0, 0.0])
    assert spread.booked == (-5_000_000.0, 0.0, 0.0, 0.0)
    assert [math.copysign(1.0, b) for b in spread.booked[1:]] == [1.0, 1.0, 1.0]
    nothing = prudence(YEARS, POTENTIAL, 0.0)
    assert [math.copysign(1.0, b) for b in nothing.booked] == [1.0, 1.0, 1.0, 1.0]
