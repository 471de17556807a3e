"""The budget's domain objects: cases, their amounts per year, and the workbook's settings.

Amounts are in mio. kr. at the budget's price level. Sign convention, as in the
municipal budget: positive = expense, negative = saving or income
("- betyder indtægt/mindreforbrug").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from invest_xl.budget.booking import BookedAmounts

INVESTMENT = "investering"
SAVING = "besparelse"
STATED_TOTAL = "i alt"
KINDS = (INVESTMENT, SAVING)

BUDGET = "Budget"
REALIZED = "Realiseret"
EXPECTED = "Forventet"
STATUSES = (BUDGET, REALIZED, EXPECTED)

# Budget years we accept: a year outside is a typing error (1000000000, 20020), not a budget.
FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass(frozen=True)
class Case:
    """An investment case (investeringscase); group sizes in full-time persons, if stated."""

    number: int
    name: str
    target_group_fte: float | None = None
    intervention_group_fte: float | None = None
    note: str | None = None  # the case's Bemærkning (status), printed under its block


@dataclass(frozen=True)
class Amount:
    """One figure: a case's investment, saving or stated total in a year, mio. kr."""

    case: int
    year: int
    kind: str
    status: str
    mio_kr: float


@dataclass(frozen=True)
class Settings:
    """The workbook's settings: price level text, unit, source line, prudence, closed years."""

    price_level: str = "2020 p/l"
    unit: str = "mio. kr."
    source: str = "Kilde: KMD Opus og Fasit"
    prudence_share: float | None = None
    closed_years: frozenset[int] = frozenset()
    # the unit the figures were entered in, per mio. kr. (1 = mio. kr., 1000 = 1.000 kr.,
    # 1.000.000 = kr.): how finely they are rounded, for the consistency checks
    entered_per_mio_kr: float = 1.0
    # the words the follow-up prints over the second column of closed and open years
    realized_word: str = REALIZED
    expected_word: str = EXPECTED
    municipality: str | None = None


@dataclass(frozen=True)
class Budget:
    """A budget workbook's content: cases, their amounts, the settings, and what the budget
    books per year (table Indregnet, budget/booking.py), if given."""

    cases: tuple[Case, ...]
    amounts: tuple[Amount, ...]
    settings: Settings = field(default_factory=Settings)
    booked: BookedAmounts | None = None

    @property
    def years(self) -> list[int]:
        """Every year from the first to the last year with an amount (computed once)."""
        cached = self.__dict__.get("_years_cache")
        if cached is None:
            found = [a.year for a in self.amounts]
            cached = tuple(range(min(found), max(found) + 1)) if found else ()
            object.__setattr__(self, "_years_cache", cached)
        return list(cached)

    def amount(self, case: int, year: int, kind: str, status: str) -> float | None:
        """The figure for one cell of the follow-up, or None where the budget has none."""
        return self._index.get((case, year, kind, status))

    def column_word(self, status: str) -> str:
        """The heading the follow-up prints for a status (the municipality's own word)."""
        return {REALIZED: self.settings.realized_word,
                EXPECTED: self.settings.expected_word}.get(status, status)

    def second_status(self, year: int) -> str:
        """What the second column of a year shows: Realiseret once closed, else Forventet."""
        return REALIZED if year in self.settings.closed_years else EXPECTED

    @property
    def _index(self) -> dict:
        cached = self.__dict__.get("_index_cache")
        if cached is None:
            cached = {(a.case, a.year, a.kind, a.status): a.mio_kr for a in self.amounts}
            object.__setattr__(self, "_index_cache", cached)
        return cached
