"""What the budget books: the potential, the prudence share, the amounts booked per year,
and whether the expected saving meets them.

Seed 002: "Af hensyn til en forsigtig budgetlægning indregnes alene kun halvdelen af
potentialet set over en 4 årig periode". The annex's case figures are the potential;
the council books a share of it as a reduction of the benefit budget, spread over the
years as it decides. mio. kr., negative = saving.

- potential P = the portfolio's net (A+B) of the Budget column over the period
  (seed 002: -39,960 mio. kr.);
- booked total from the share s (setting `Forsigtighed`) = s x P (50 %: -19,980);
- booked amounts b_y per year (table `Indregnet`), which may be rounded or back-loaded;
- per year the expected saving B_y (Realiseret for closed years, Forventet for open
  ones), the difference d_y = B_y - b_y (negative = more saving than booked), its
  accumulation D_y = d_1 + ... + d_y, and the expected net N_y = A_y + B_y.

    >>> booked = booked_amounts([2020, 2021], [0, -4])
    >>> booked.total_mio_kr, booked.rounding_mio_kr
    (-4.0, 0.5)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from invest_xl.budget.model import Budget
from invest_xl.budget.portfolio import budget_totals, followup_totals

# Amounts are looked at to at most this many decimals (of their own unit) to find how
# finely they are stated; below that a difference is float noise.
MOST_DECIMALS = 6


@dataclass(frozen=True)
class BookedAmounts:
    """The amounts the council booked per year (table Indregnet), mio. kr., saving negative.

    `rounding_mio_kr`: half a unit of the last digit the amounts are stated with (whole
    mio. kr.: 0,5 mio. kr.), the tolerance of the comparison with the prudence share.
    """

    years: tuple[int, ...]
    mio_kr: tuple[float, ...]
    rounding_mio_kr: float

    def amount(self, year: int) -> float:
        """The amount booked in `year`; a year without a row books 0."""
        return dict(zip(self.years, self.mio_kr)).get(year, 0.0)

    @property
    def total_mio_kr(self) -> float:
        return float(sum(self.mio_kr))


def stated_decimals(values, coarsest: int = 0) -> int:
    """The fewest decimals that write every value exactly, but not fewer than `coarsest`
    (negative: tens, hundreds, ...): 0 for 0 / -4 / -7 / -9; -3 for 0 / -4000 / -7000."""
    for decimals in range(coarsest, MOST_DECIMALS + 1):
        if all(math.isclose(v, round(v, decimals), rel_tol=0, abs_tol=1e-9 * max(1.0, abs(v)))
               for v in values):
            return decimals
    return MOST_DECIMALS


def booked_amounts(years, amounts, per_mio_kr: float = 1.0) -> BookedAmounts:
    """Amounts as entered (in the unit with `per_mio_kr` units per mio. kr.) -> BookedAmounts.

    The rounding is half a unit of the last stated digit, converted to mio. kr.; amounts
    are taken as rounded at most to whole mio. kr. (-4000 in 1.000 kr.: 0,5 mio. kr.).
    """
    entered = [float(a) for a in amounts]
    decimals = stated_decimals(entered, coarsest=-round(math.log10(per_mio_kr)))
    rounding = 0.5 * 10.0 ** -decimals / per_mio_kr
    return BookedAmounts(tuple(int(y) for y in years), tuple(a / per_mio_kr + 0.0 for a in entered), rounding)


@dataclass(frozen=True)
class PortfolioPrudence:
    """The potential (net A+B of the Budget column over the period), the share, the booked total."""

    share: float | None
    potential_mio_kr: float

    @property
    def booked_total_mio_kr(self) -> float | None:
        """share x potential; None without a share."""
        return None if self.share is None else self.share * self.potential_mio_kr + 0.0

    def as_dict(self) -> dict:
        return {"share": self.share, "potential_mio_kr": self.potential_mio_kr,
                "booked_total_mio_kr": self.booked_total_mio_kr}


def portfolio_prudence(budget: Budget) -> PortfolioPrudence:
    """The portfolio's potential and the booking the setting Forsigtighed gives."""
    return PortfolioPrudence(budget.settings.prudence_share, budget_totals(budget).period_net)


@dataclass(frozen=True)
class BookingComparison:
    """Per year: booked saving, expected saving (B), their difference, the expected net (A+B)."""

    years: tuple[int, ...]
    booked_mio_kr: tuple[float, ...]
    expected_saving_mio_kr: tuple[float, ...]
    expected_net_mio_kr: tuple[float, ...]

    @property
    def difference_mio_kr(self) -> tuple[float, ...]:
        """B_y - b_y: negative = more saving than booked."""
        return tuple(e - b + 0.0 for e, b in zip(self.expected_saving_mio_kr, self.booked_mio_kr))

    @property
    def accumulated_difference_mio_kr(self) -> tuple[float, ...]:
        return tuple(float(x) for x in _accumulate(self.difference_mio_kr))

    def as_dict(self) -> dict:
        return {"years": list(self.years), "booked_mio_kr": list(self.booked_mio_kr),
                "expected_saving_mio_kr": list(self.expected_saving_mio_kr),
                "difference_mio_kr": list(self.difference_mio_kr),
                "expected_net_mio_kr": list(self.expected_net_mio_kr)}


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def booking_comparison(budget: Budget) -> BookingComparison | None:
    """The booked amounts beside the follow-up column's saving and net; None without Indregnet.

    `budget` as the follow-up shows it (computed Forventet amounts included).
    """
    if budget.booked is None:
        return None
    followup = followup_totals(budget)
    return BookingComparison(followup.years, tuple(budget.booked.amount(y) for y in followup.years),
                             followup.saving, followup.net)
