"""Price levels: fixed prices ("2020 p/l") and current prices (løbende priser).

Budgets state amounts at a fixed price and wage level; follow-up notes use current
prices. The user keeps an index table in the workbook (year -> index) with two series:

- **satsregulering**: benefit rates follow the yearly rate adjustment
  (satsreguleringsprocenten), so savings on benefits use this index;
- **pris- og lønindeks (PL)**: staff costs (the investment) follow the price and wage
  index.

Every amount says which index it follows. Converting from year a's price level to
year b's multiplies by index[b] / index[a]. The arithmetic is exact (fractions of the
decimal numbers as typed), rounded once to a float at the end, so converting there and
back returns the amount to far below one øre; amounts in whole øre come back exactly
after rounding to øre (`round(x, 2)`).

    >>> index = PriceIndex({2020: {SATS: 100.0}, 2021: {SATS: 102.0}})
    >>> index.convert(1000.0, 2020, 2021, SATS)
    1020.0
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number

SATS = "sats"
PL = "pl"
INDEX_KINDS = (SATS, PL)
INDEX_LABELS = {SATS: "satsregulering", PL: "pris- og lønindeks"}


def _exact(value: float) -> Fraction:
    """The decimal number a person typed, as an exact fraction (0.1 -> 1/10)."""
    return Fraction(repr(float(value)))


@dataclass(frozen=True)
class PriceIndex:
    """Index values per year and kind (SATS, PL); any base (e.g. 2020 = 100)."""

    values: dict[int, dict[str, float]]

    @classmethod
    def from_rows(cls, rows) -> "PriceIndex":
        """From (year, satsregulering, pris- og lønindeks) rows, e.g. an Excel range; None = not given."""
        values: dict[int, dict[str, float]] = {}
        for row in rows:
            year, sats, pl = (list(row) + [None, None])[:3]
            if year is None:
                continue
            values[int(year)] = {k: float(v) for k, v in ((SATS, sats), (PL, pl)) if v is not None}
        return cls(values)

    def index(self, year: int, kind: str) -> float:
        """The index of `kind` in `year`, or a Danish message that says what is missing."""
        if kind not in INDEX_KINDS:
            raise InvestXLError(f"ukendt indeks '{kind}' (brug {SATS} eller {PL})")
        found = self.values.get(year, {}).get(kind)
        if found is None:
            raise InvestXLError(f"prisindekset mangler {INDEX_LABELS[kind]} for {year}")
        if found <= 0:
            raise InvestXLError(f"{INDEX_LABELS[kind]} for {year} skal være positivt, ikke {short_number(found)}")
        return found

    def factor(self, from_year: int, to_year: int, kind: str) -> Fraction:
        """index[to_year] / index[from_year], exact."""
        return _exact(self.index(to_year, kind)) / _exact(self.index(from_year, kind))

    def convert(self, amount: float, from_year: int, to_year: int, kind: str) -> float:
        """`amount` at `from_year`'s price level, restated at `to_year`'s (same unit)."""
        return float(_exact(amount) * self.factor(from_year, to_year, kind))

    def to_current_prices(self, amount: float, price_level_year: int, year: int, kind: str) -> float:
        """An amount for `year` stated at fixed `price_level_year` prices, in `year`'s prices."""
        return self.convert(amount, price_level_year, year, kind)

    def to_fixed_prices(self, amount: float, year: int, price_level_year: int, kind: str) -> float:
        """An amount in `year`'s current prices, restated at `price_level_year` prices."""
        return self.convert(amount, year, price_level_year, kind)

    def as_dict(self) -> dict:
        return {str(y): dict(v) for y, v in sorted(self.values.items())}


def price_level_year(text: str) -> int:
    """The year of a price level text such as '2020 p/l' or '2020-p/l'."""
    digits = "".join(ch if ch.isdigit() else " " for ch in str(text)).split()
    years = [int(d) for d in digits if len(d) == 4]
    if len(years) != 1:
        raise InvestXLError(f"prisniveauet '{text}' nævner ikke ét årstal (skriv fx 2020 p/l)")
    return years[0]
