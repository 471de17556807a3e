"""Per-year results of a case: investment, saving, net, accumulated net, payback year.

Aligned with budget years; kr. Budget sign convention: investment positive (an
expense), saving negative ("- betyder indtægt/mindreforbrug"), net = investment +
saving, so a negative net is a gain. The payback year is the first year in which the
accumulated net is below zero (the investment has earned itself back).

    >>> r = yearly_result([2020, 2021], [100.0, 100.0], [-50.0, -250.0])
    >>> r.net_kr, r.accumulated_net_kr, r.payback_year, r.period_net_kr
    ((50.0, -150.0), (50.0, -100.0), 2021, -100.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from invest_xl.errors import InvestXLError


@dataclass(frozen=True)
class YearlyResult:
    """Investment and saving per budget year (kr.), and what follows from them."""

    years: tuple[int, ...]
    investment_kr: tuple[float, ...]
    saving_kr: tuple[float, ...]

    @property
    def net_kr(self) -> tuple[float, ...]:
        """Investment + saving per year; negative = gain."""
        return tuple(a + b for a, b in zip(self.investment_kr, self.saving_kr))

    @property
    def accumulated_net_kr(self) -> tuple[float, ...]:
        """The net summed from the first year up to and including each year."""
        return tuple(accumulate(self.net_kr))

    @property
    def payback_year(self) -> int | None:
        """The first year whose accumulated net is negative, or None within the period."""
        for year, value in zip(self.years, self.accumulated_net_kr):
            if value < 0:
                return year
        return None

    @property
    def period_investment_kr(self) -> float:
        return sum(self.investment_kr)

    @property
    def period_saving_kr(self) -> float:
        return sum(self.saving_kr)

    @property
    def period_net_kr(self) -> float:
        """The net over the whole period."""
        return sum(self.net_kr)

    def as_dict(self) -> dict:
        return {
            "years": list(self.years),
            "investment_kr": list(self.investment_kr),
            "saving_kr": list(self.saving_kr),
            "net_kr": list(self.net_kr),
            "accumulated_net_kr": list(self.accumulated_net_kr),
            "payback_year": self.payback_year,
            "period_investment_kr": self.period_investment_kr,
            "period_saving_kr": self.period_saving_kr,
            "period_net_kr": self.period_net_kr,
        }


def yearly_result(years, investment_kr, saving_kr) -> YearlyResult:
    """A YearlyResult from plain lists of equal length (kr., saving negative)."""
    years = tuple(int(y) for y in years)
    investment = tuple(float(x) for x in investment_kr)
    saving = tuple(float(x) for x in saving_kr)
    if not len(years) == len(investment) == len(saving):
        raise InvestXLError(f"år ({len(years)}), investering ({len(investment)}) og besparelse "
                            f"({len(saving)}) skal have lige mange værdier")
    if list(years) != sorted(set(years)):
        raise InvestXLError("årene skal være forskellige og stå i rækkefølge")
    return YearlyResult(years, investment, saving)
