"""Prudence (forsigtighed): booking only a share of the potential saving in the budget.

One council books half of the 4-year potential "af hensyn til en forsigtig
budgetlægning" (seed 002). The potential, the share and the booked amount are always
shown side by side, never only the reduced figure. By default each year books the
share of its own potential; a council may instead spread the booked total over the
years as it decided (weights per year, e.g. 10/20/30/40 %).

Amounts in any one unit (kr. or mio. kr.), saving negative; shares 0-1.

    >>> p = prudence([2020, 2021], [-100.0, -300.0], 0.5)
    >>> p.booked, p.period_booked
    ((-50.0, -150.0), -200.0)
    >>> prudence([2020, 2021], [-100.0, -300.0], 0.5, spread=[0.5, 0.5]).booked
    (-100.0, -100.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number


@dataclass(frozen=True)
class PrudenceResult:
    """Potential, prudence share and booked amount per year (same unit as the potential)."""

    years: tuple[int, ...]
    potential: tuple[float, ...]
    share: float
    booked: tuple[float, ...]
    spread: tuple[float, ...] | None = None

    @property
    def period_potential(self) -> float:
        return sum(self.potential)

    @property
    def period_booked(self) -> float:
        return sum(self.booked)

    def as_dict(self) -> dict:
        return {"years": list(self.years), "potential": list(self.potential),
                "share": self.share, "booked": list(self.booked),
                "spread": None if self.spread is None else list(self.spread),
                "period_potential": self.period_potential, "period_booked": self.period_booked}


def prudence(years, potential, share: float, spread=None) -> PrudenceResult:
    """Book `share` (0-1) of the potential per year, or of its total spread by `spread`.

    `spread`: one weight per year (0-1, summing to 1) for how the booked total
    share x sum(potential) falls on the years; None books each year's own share.
    """
    years = tuple(int(y) for y in years)
    potential = tuple(float(p) for p in potential)
    if len(years) != len(potential):
        raise InvestXLError(f"der er {len(years)} år, men {len(potential)} potentialer")
    if not 0.0 <= share <= 1.0:
        raise InvestXLError(f"forsigtighedsandelen skal ligge mellem 0 og 1 (0-100 %), ikke {short_number(share)}")
    if spread is None:
        return PrudenceResult(years, potential, float(share), tuple(share * p + 0.0 for p in potential))
    weights = tuple(float(w) for w in spread)
    if len(weights) != len(years):
        raise InvestXLError(f"fordelingen har {len(weights)} andele, men der er {len(years)} år")
    if any(w < 0 for w in weights) or not math.isclose(sum(weights), 1.0, abs_tol=1e-9):
        raise InvestXLError("fordelingen over årene skal være andele på 0 eller derover, "
                            f"der summer til 1 (100 %); summen er {short_number(sum(weights))}")
    total = share * sum(potential)
    # + 0.0: a year booking nothing books 0.0, not -0.0
    return PrudenceResult(years, potential, float(share), tuple(total * w + 0.0 for w in weights), weights)
