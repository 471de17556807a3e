"""Portfolio totals: per year the total investment (A), the total saving (B) and A+B.

The same figures the follow-up sheet computes with live Excel formulas; here in Python
for the command line, --json and the tests that compare the two. mio. kr., negative =
saving. A missing figure counts as zero, as Excel's SUM counts a blank cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from invest_xl.errors import InvestXLError
from invest_xl.budget.model import BUDGET, INVESTMENT, SAVING, Amount, Budget, Case


@dataclass(frozen=True)
class ColumnTotals:
    """Totals for one column kind (Budget, or Realiseret/Forventet) per year, mio. kr."""

    years: tuple[int, ...]
    investment: tuple[float, ...]
    saving: tuple[float, ...]
    case_net: dict[int, tuple[float, ...]]

    @property
    def net(self) -> tuple[float, ...]:
        """A+B per year."""
        return tuple(a + b for a, b in zip(self.investment, self.saving))

    @property
    def period_net(self) -> float:
        """The net over the whole period."""
        return sum(self.net)

    def as_dict(self) -> dict:
        return {
            "years": list(self.years),
            "investment_mio_kr": list(self.investment),
            "saving_mio_kr": list(self.saving),
            "net_mio_kr": list(self.net),
            "period_net_mio_kr": self.period_net,
            "case_net_mio_kr": {str(k): list(v) for k, v in self.case_net.items()},
        }


def _value(budget: Budget, case: int, year: int, kind: str, status_of_year) -> float:
    return budget.amount(case, year, kind, status_of_year(year)) or 0.0


def column_totals(budget: Budget, status_of_year) -> ColumnTotals:
    """Totals where `status_of_year(year)` says which status a year's column shows."""
    years = tuple(budget.years)
    cases = [c.number for c in budget.cases]
    inv = {c: tuple(_value(budget, c, y, INVESTMENT, status_of_year) for y in years) for c in cases}
    sav = {c: tuple(_value(budget, c, y, SAVING, status_of_year) for y in years) for c in cases}
    return ColumnTotals(
        years=years,
        investment=tuple(sum(inv[c][i] for c in cases) for i in range(len(years))),
        saving=tuple(sum(sav[c][i] for c in cases) for i in range(len(years))),
        case_net={c: tuple(a + b for a, b in zip(inv[c], sav[c])) for c in cases},
    )


def budget_totals(budget: Budget) -> ColumnTotals:
    """The budget column's totals."""
    return column_totals(budget, lambda year: BUDGET)


def followup_totals(budget: Budget) -> ColumnTotals:
    """The second column's totals: Realiseret for closed years, Forventet for open ones."""
    return column_totals(budget, budget.second_status)


def amounts_totals(amounts: list[Amount], status) -> ColumnTotals:
    """Totals of loose amounts (a range of Beloeb rows, no Sager table) for one status, or
    for `status(year)`, a status per year (Realiseret for closed years, Forventet after)."""
    cases = tuple(Case(n, f"Sag {n}") for n in sorted({a.case for a in amounts}))
    return column_totals(Budget(cases, tuple(amounts)), status if callable(status) else lambda year: status)


def amounts_years(amounts: list[Amount]) -> list[int]:
    """Every year from the first to the last year of loose amounts (the portfolio's columns)."""
    return Budget((), tuple(amounts)).years


def amounts_figure(amounts: list[Amount], case: int, year: int, kind: str, status: str) -> float:
    """One figure of loose amounts, in their unit. A case or year the amounts do not have is
    an error (a typing mistake); a figure missing for a known case and year is 0, as in the totals."""
    if case not in {a.case for a in amounts}:
        known = ", ".join(str(c) for c in sorted({a.case for a in amounts}))
        raise InvestXLError(f"sag {case} står ikke i tabellen (sagerne er {known})")
    years = amounts_years(amounts)
    if year not in years:
        raise InvestXLError(f"året {year} står ikke i tabellen (årene er {years[0]}-{years[-1]})")
    return Budget((), tuple(amounts)).amount(case, year, kind, status) or 0.0
