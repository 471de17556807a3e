"""The FTE method: a stated reduction in full-time persons per benefit and year, to kroner.

Many budgets skip the curves and state "23 helårspersoner færre på kontanthjælp". Per
year:

    reduction saving  = - sum over benefits of  FTE reduced x gross per FTE x (1 - refund)
    transition cost   = + sum over benefits of  FTE moved   x gross per FTE x (1 - refund)
    saving on benefits (besparelse på forsørgelse) = reduction saving + transition cost
    net               = investment + saving on benefits   (negative = gain)

Transitions are people who leave the benefit for another benefit (fleksjob,
ledighedsydelse, førtidspension) instead of a job; their new benefit costs money.
Full-time persons (fuldtidspersoner, helårspersoner) = benefit weeks / 52. kr.;
gross cost per full-time person is the yearly gross benefit cost; refund share 0-1.

    >>> line = BenefitLine("jobafklaringsforløb", 2020, 300 / 52, 120_900.0, 0.0)
    >>> round(line.amount_kr, 2)   # Lejre: 75 persons x 4 weeks x 2.325 kr.
    697500.0
"""

from __future__ import annotations

from dataclasses import dataclass

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number
from invest_xl.savings.price_levels import INDEX_KINDS, SATS
from invest_xl.savings.refund import net_unit_cost_kr
from invest_xl.savings.yearly import YearlyResult, yearly_result


@dataclass(frozen=True)
class BenefitLine:
    """Full-time persons on one benefit in one year, with its gross cost per FTE (kr.) and refund.

    `index` is the price index the amount follows (satsregulering for benefits).
    """

    benefit: str
    year: int
    fte: float
    gross_per_fte_kr: float
    refund_share: float
    index: str = SATS

    def __post_init__(self):
        if self.fte < 0:
            raise InvestXLError(f"{self.benefit} {self.year}: antallet af fuldtidspersoner kan ikke "
                                f"være negativt ({short_number(self.fte)})")
        if self.index not in INDEX_KINDS:
            raise InvestXLError(f"{self.benefit} {self.year}: ukendt indeks '{self.index}'")

    @property
    def net_per_fte_kr(self) -> float:
        """Net yearly cost per full-time person: gross x (1 - refund), kr."""
        return net_unit_cost_kr(self.gross_per_fte_kr, self.refund_share)

    @property
    def amount_kr(self) -> float:
        """Full-time persons x net cost per full-time person, kr. (positive)."""
        return self.fte * self.net_per_fte_kr

    def as_dict(self) -> dict:
        return {"benefit": self.benefit, "year": self.year, "fte": self.fte,
                "gross_per_fte_kr": self.gross_per_fte_kr, "refund_share": self.refund_share,
                "net_per_fte_kr": self.net_per_fte_kr, "amount_kr": self.amount_kr,
                "index": self.index}


@dataclass(frozen=True)
class FteSavings:
    """The FTE method's parts per budget year (kr.; saving negative, costs positive)."""

    years: tuple[int, ...]
    investment_kr: tuple[float, ...]
    reduction_fte: tuple[float, ...]
    reduction_saving_kr: tuple[float, ...]
    transition_fte: tuple[float, ...]
    transition_cost_kr: tuple[float, ...]
    reductions: tuple[BenefitLine, ...]
    transitions: tuple[BenefitLine, ...]

    @property
    def saving_kr(self) -> tuple[float, ...]:
        """The saving on benefits per year: reductions (negative) + transitions (positive)."""
        return tuple(r + t for r, t in zip(self.reduction_saving_kr, self.transition_cost_kr))

    @property
    def yearly(self) -> YearlyResult:
        """Investment, saving, net, accumulated net and payback per year."""
        return YearlyResult(self.years, self.investment_kr, self.saving_kr)

    def as_dict(self) -> dict:
        return {
            "method": "fte", "years": list(self.years),
            "investment_kr": list(self.investment_kr),
            "reduction_fte": list(self.reduction_fte),
            "reduction_saving_kr": list(self.reduction_saving_kr),
            "transition_fte": list(self.transition_fte),
            "transition_cost_kr": list(self.transition_cost_kr),
            "saving_kr": list(self.saving_kr),
            "net_kr": list(self.yearly.net_kr),
            "reductions": [line.as_dict() for line in self.reductions],
            "transitions": [line.as_dict() for line in self.transitions],
        }


def _lines(rows, what: str) -> tuple[BenefitLine, ...]:
    lines = []
    for row in rows:
        if isinstance(row, BenefitLine):
            lines.append(row)
        elif len(row) in (5, 6):
            lines.append(BenefitLine(str(row[0]), int(row[1]), *(float(x) for x in row[2:5]),
                                     *(row[5:] or ())))
        else:
            raise InvestXLError(f"{what}: hver række skal være (ydelse, år, fuldtidspersoner, "
                                "bruttoudgift pr. fuldtidsperson, refusion)")
    return tuple(lines)


def fte_savings(years, reductions, transitions=(), investment_kr=None) -> FteSavings:
    """The FTE method per budget year.

    years: the budget years, e.g. [2020, 2021, 2022, 2023].
    reductions: BenefitLine or (benefit, year, fte, gross_per_fte_kr, refund_share) rows:
        full-time persons fewer on each benefit in each year.
    transitions: rows of the same form: full-time persons moved to another benefit.
    investment_kr: the investment per year (kr., positive), one per year; None = 0.
    Lines for years outside `years` are refused, not dropped.
    """
    years = tuple(int(y) for y in years)
    reduction_lines = _lines(reductions, "reduktionerne")
    transition_lines = _lines(transitions, "overgangene")
    investment = tuple(0.0 for _ in years) if investment_kr is None else tuple(float(x) for x in investment_kr)
    yearly_result(years, investment, [0.0] * len(investment))
    for line in reduction_lines + transition_lines:
        if line.year not in years:
            raise InvestXLError(f"{line.benefit}: året {line.year} ligger uden for "
                                f"{years[0]}-{years[-1]}")

    def per_year(lines, value) -> tuple[float, ...]:
        return tuple(sum((value(line) for line in lines if line.year == year), 0.0) for year in years)

    return FteSavings(
        years=years, investment_kr=investment,
        reduction_fte=per_year(reduction_lines, lambda line: line.fte),
        reduction_saving_kr=tuple(0.0 - x for x in per_year(reduction_lines, lambda line: line.amount_kr)),
        transition_fte=per_year(transition_lines, lambda line: line.fte),
        transition_cost_kr=per_year(transition_lines, lambda line: line.amount_kr),
        reductions=reduction_lines, transitions=transition_lines)
