"""Every case's savings per budget year by its method: budget, curves or FTE.

The method comes from the workbook (column Metode in Sager, default budget):

- **budget**: the budget's own figures, which are the **potential** (seed 002: the annex's
  tables are "potentialet"). The council's prudence applies to the portfolio's net
  potential (budget/booking.py), so with the setting Forsigtighed such a case has no
  booked amount of its own, unless its row in Sager gives its own Forsigtighed: then
  booked = that share x potential (without either, 100 %).
- **kurver**: the curve method (savings.py) on the case's points, intake and costs.
- **fte**: the FTE method (fte_method.py) on the case's reductions and transitions.

For the computed methods the potential is the computed saving and the booked amount is
prudence share x potential (prudence.py; share: the case's own, else the setting
Forsigtighed, else 100 %), spread by the table Fordeling where given. Investment: the FTE method's own investment
rows where given, else the budget's investment. All amounts in kr. at the budget's price
level (saving negative); with a price index in the workbook, the expected result is
also given in current prices. `expected_amounts_mio_kr` is what the follow-up's
"Forventet" column shows for open years of computed cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


from invest_xl.budget.model import BUDGET, EXPECTED, INVESTMENT, SAVING, Amount, Budget
from invest_xl.errors import InvestXLError
from invest_xl.savings.curve_method import CurveInput
from invest_xl.savings.fte_method import BenefitLine, FteSavings, fte_savings
from invest_xl.formatting import short_number
from invest_xl.savings.price_levels import PL, SATS, PriceIndex, price_level_year
from invest_xl.labels import SAVINGS_BOOKED_FOR_PORTFOLIO, WARNING
from invest_xl.savings.prudence import PrudenceResult, prudence
from invest_xl.savings.curve_method import CurveSavings, curve_input_savings
from invest_xl.formatting import fold
from invest_xl.savings.yearly import YearlyResult

KR_PER_MIO_KR = 1_000_000.0
# A case's method (column Metode of Sager), as the workbook names it.
METHOD_BUDGET, METHOD_CURVES, METHOD_FTE = "budget", "kurver", "fte"
COMPUTED_METHODS = (METHOD_CURVES, METHOD_FTE)


@dataclass(frozen=True)
class FteInput:
    """One case's FTE-method lines; investment per year in kr. with its index, if stated."""

    reductions: tuple[BenefitLine, ...]
    transitions: tuple[BenefitLine, ...]
    investments: dict[int, tuple[float, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class SavingsInputs:
    """Everything the savings per budget year need beyond the Budget itself."""

    methods: dict[int, str]
    prudence_shares: dict[int, float | None]
    fte: dict[int, FteInput]
    curves: dict[int, CurveInput]
    price_index: PriceIndex | None
    spreads: dict[int, dict[int, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseSavings:
    """One case's savings per budget year (kr.): potential, prudence, booked, and the nets."""

    number: int
    name: str
    method: str
    years: tuple[int, ...]
    investment_kr: tuple[float, ...]
    potential_kr: tuple[float, ...]
    prudence: PrudenceResult | None
    detail: CurveSavings | FteSavings | None = None
    current_prices: YearlyResult | None = None
    notes: tuple[str, ...] = ()

    @property
    def booked(self) -> YearlyResult | None:
        """Investment and the booked saving; None when the case is not booked on its own
        (a budget case whose prudence is the portfolio's)."""
        if self.prudence is None:
            return None
        return YearlyResult(self.years, self.investment_kr, self.prudence.booked)

    @property
    def expected(self) -> YearlyResult:
        """Investment and the full potential: the case's own figures (or its method's)."""
        return YearlyResult(self.years, self.investment_kr, self.potential_kr)

    def as_dict(self) -> dict:
        booked = self.booked
        return {
            "case": self.number, "name": self.name, "method": self.method,
            "years": list(self.years), "unit": "kr.",
            "investment_kr": list(self.investment_kr),
            "potential_kr": list(self.potential_kr),
            "prudence_share": None if self.prudence is None else self.prudence.share,
            "booked_kr": None if self.prudence is None else list(self.prudence.booked),
            "booked": None if booked is None else booked.as_dict(),
            "expected": self.expected.as_dict(),
            "expected_current_prices": None if self.current_prices is None else self.current_prices.as_dict(),
            "detail": None if self.detail is None else self.detail.as_dict(),
            "notes": list(self.notes),
        }


def _budget_series(budget: Budget, case: int, kind: str) -> tuple[float, ...]:
    return tuple((budget.amount(case, y, kind, BUDGET) or 0.0) * KR_PER_MIO_KR for y in budget.years)


def _spread(inputs: SavingsInputs, case: int, years) -> list[float] | None:
    """The council's spread of the booked total over the years, or None (each year its own)."""
    shares = inputs.spreads.get(case)
    return None if not shares else [shares.get(y, 0.0) for y in years]


def _prudence_share(budget: Budget, inputs: SavingsInputs, case: int) -> float:
    """A computed case's share: its own, else the setting Forsigtighed, else 100 %."""
    share = inputs.prudence_shares.get(case)
    if share is None:
        share = budget.settings.prudence_share
    return 1.0 if share is None else share


def _current_prices(index: PriceIndex, base_year: int, years, investment, investment_kinds,
                    saving_parts) -> YearlyResult:
    """The expected result in current prices; saving_parts: (kind, per-year kr.) pieces."""
    invest = tuple(index.convert(a, base_year, y, k) for y, a, k in zip(years, investment, investment_kinds))
    saving = tuple(sum(index.convert(part[i], base_year, y, kind) for kind, part in saving_parts)
                   for i, y in enumerate(years))
    return YearlyResult(tuple(years), invest, saving)


def case_savings(budget: Budget, inputs: SavingsInputs, number: int) -> CaseSavings:
    """The savings per budget year of case `number` by its method."""
    case = next((c for c in budget.cases if c.number == number), None)
    if case is None:
        raise InvestXLError(f"sag nr. {number} findes ikke")
    years = tuple(budget.years)
    method = inputs.methods.get(number, METHOD_BUDGET)
    investment = _budget_series(budget, number, INVESTMENT)
    investment_kinds = [PL] * len(years)
    notes: list[str] = []
    detail = None
    if method == METHOD_BUDGET:
        potential = _budget_series(budget, number, SAVING)
        saving_parts = [(SATS, potential)]
        own, portfolio = inputs.prudence_shares.get(number), budget.settings.prudence_share
        if own is None and portfolio is not None:
            result = None
            notes.append(SAVINGS_BOOKED_FOR_PORTFOLIO.format(share=short_number(portfolio * 100)))
        else:
            result = prudence(years, potential, 1.0 if own is None else own)
    elif method == METHOD_CURVES:
        data = inputs.curves[number]
        detail = curve_input_savings(data, years)
        potential = detail.saving_kr
        saving_parts = [(data.index, potential)]
        notes += [f"kurvemetoden: {detail.extrapolation.describe()}", detail.refund.describe(),
                  *(f"{WARNING}: {warning}" for warning in detail.extrapolation.warnings)]
        result = prudence(years, potential, _prudence_share(budget, inputs, number),
                          _spread(inputs, number, years))
    else:
        data = inputs.fte[number]
        if data.investments:
            investment = tuple(data.investments.get(y, (0.0, PL))[0] for y in years)
            investment_kinds = [data.investments.get(y, (0.0, PL))[1] for y in years]
            notes.append("investeringen er tabellen 'FteInvesteringer'")
        detail = fte_savings(years, data.reductions, data.transitions, investment)
        potential = detail.saving_kr
        saving_parts = ([(line.index, [-line.amount_kr if line.year == y else 0.0 for y in years])
                         for line in data.reductions]
                        + [(line.index, [line.amount_kr if line.year == y else 0.0 for y in years])
                           for line in data.transitions])
        notes.append("FTE-metoden: fuldtidspersoner x nettoenhedspris, plus overgange til andre ydelser")
        result = prudence(years, potential, _prudence_share(budget, inputs, number),
                          _spread(inputs, number, years))
    current = None
    if inputs.price_index is not None and "loebende" in fold(budget.settings.price_level):
        # stated in current prices (løbende priser): already each year's own prices
        current = YearlyResult(years, tuple(investment), tuple(sum(part[i] for _, part in saving_parts)
                                                              for i in range(len(years))))
    elif inputs.price_index is not None:
        current = _current_prices(inputs.price_index, price_level_year(budget.settings.price_level),
                                  years, investment, investment_kinds, saving_parts)
    return CaseSavings(number, case.name, method, years, tuple(investment), tuple(potential), result, detail,
                       current, tuple(notes))


def all_case_savings(budget: Budget, inputs: SavingsInputs) -> list[CaseSavings]:
    """Every case's savings, in case order."""
    return [case_savings(budget, inputs, c.number) for c in budget.cases]


def expected_amounts_mio_kr(budget: Budget, savings: list[CaseSavings]) -> dict[tuple[int, int, str], float]:
    """(case, year, kind) -> computed expected amount, mio. kr., for open years of curve/FTE
    cases: the investment the method states and the saving (its full potential)."""
    found = {}
    for result in savings:
        if result.method not in COMPUTED_METHODS:
            continue
        for year, investment, saving in zip(result.years, result.investment_kr, result.potential_kr):
            if year not in budget.settings.closed_years:
                found[(result.number, year, INVESTMENT)] = investment / KR_PER_MIO_KR
                found[(result.number, year, SAVING)] = saving / KR_PER_MIO_KR
    return found


def with_expected_amounts(budget: Budget, expected: dict[tuple[int, int, str], float]) -> Budget:
    """The budget with computed expected amounts (mio. kr.) added as Forventet amounts.

    Only where the budget has no Forventet figure of its own: a figure the user typed wins,
    as in the follow-up sheet.
    """
    added = tuple(Amount(case, year, kind, EXPECTED, value)
                  for (case, year, kind), value in sorted(expected.items())
                  if budget.amount(case, year, kind, EXPECTED) is None)
    return replace(budget, amounts=budget.amounts + added)
