import pytest

from invest_xl.formatting import danish_number


@pytest.mark.parametrize("value, text", [
    (-1.629, "-1,629"), (1234.5678, "1.234,568"), (-0.0004, "0,000"), (0.0005, "0,001"),
    (-0.2475, "-0,248"), (0.45 - 0.6975, "-0,248"), (-39.96, "-39,960"), (1e9, "1.000.000.000,000"),
])
def test_danish_numbers_round_half_away_from_zero_with_a_decimal_comma(value, text):
    assert danish_number(value) == text
