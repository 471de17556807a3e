"""Price levels: fixed p/l and current prices, with an index per kind of amount."""

import numpy as np
import pytest

from invest_xl.errors import InvestXLError
from invest_xl.savings.price_levels import PL, SATS, PriceIndex, price_level_year

INDEX = PriceIndex({2020: {SATS: 100.0, PL: 100.0}, 2021: {SATS: 101.5, PL: 102.1},
                    2022: {SATS: 103.2, PL: 104.3}})


def test_benefits_follow_satsregulering_and_staff_the_price_and_wage_index():
    assert INDEX.to_current_prices(1_000_000.0, 2020, 2022, SATS) == 1_032_000.0
    assert INDEX.to_current_prices(1_000_000.0, 2020, 2022, PL) == 1_043_000.0
    assert INDEX.to_fixed_prices(1_015_000.0, 2021, 2020, SATS) == 1_000_000.0


def test_round_trip_returns_the_budget_figures_exactly():
    for amount in (3_079_000.0, -2_703_000.0, 697_500.0, 450_000.0, 0.674, -6.244):
        for kind in (SATS, PL):
            there = INDEX.to_current_prices(amount, 2020, 2022, kind)
            assert INDEX.to_fixed_prices(there, 2022, 2020, kind) == amount


def test_round_trip_of_whole_ore_amounts_is_exact_to_the_ore():
    rng = np.random.default_rng(20201)
    amounts = rng.integers(-10**11, 10**11, size=1000) / 100
    for amount in amounts:
        there = INDEX.convert(float(amount), 2021, 2022, PL)
        back = INDEX.convert(there, 2022, 2021, PL)
        assert round(back, 2) == float(amount)
        assert abs(back - amount) < 1e-6


def test_price_level_year_from_text():
    assert price_level_year("2020 p/l") == 2020
    assert price_level_year("2021-P/L") == 2021


def test_missing_or_bad_index_is_refused_in_danish():
    with pytest.raises(InvestXLError) as error:
        INDEX.convert(1.0, 2020, 2023, SATS)
    assert error.value.message == "prisindekset mangler satsregulering for 2023"
    with pytest.raises(InvestXLError) as error:
        PriceIndex({2020: {PL: 0.0}}).index(2020, PL)
    assert error.value.message == "pris- og lønindeks for 2020 skal være positivt, ikke 0"
    with pytest.raises(InvestXLError) as error:
        price_level_year("løbende priser")
    assert error.value.message == "prisniveauet 'løbende priser' nævner ikke ét årstal (skriv fx 2020 p/l)"


def test_index_from_excel_rows_skips_blank_cells():
    index = PriceIndex.from_rows([[2020, 100, 100], [2021, 101.5, None], [None, None, None]])
    assert index.convert(200.0, 2020, 2021, SATS) == 203.0
    with pytest.raises(InvestXLError) as error:
        index.convert(200.0, 2020, 2021, PL)
    assert error.value.message == "prisindekset mangler pris- og lønindeks for 2021"
