"""Consistency checks: where the source states a total beside its parts, do they add up?
And do the amounts booked per year (Indregnet) add up to the prudence share of the potential?

A mismatch is reported, never corrected: the follow-up shows the parts as entered and
lists the mismatch in its Kontrol section and on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass

from invest_xl import labels
from invest_xl.budget.booking import portfolio_prudence
from invest_xl.budget.model import INVESTMENT, SAVING, STATED_TOTAL, Budget
from invest_xl.formatting import danish_number, short_number

# Figures are published rounded to 0.001 mio. kr.; two parts and a total may each be
# off by half of that, so a difference up to 0.0015 is rounding, not an error. Figures
# entered in kr. are rounded to the krone: there the tolerance is 1,5 kr.
ROUNDING_TOLERANCE_MIO_KR = 0.0015


@dataclass(frozen=True)
class Mismatch:
    """A stated total that differs from the sum of its parts, mio. kr."""

    case: int
    case_name: str
    year: int
    status: str
    investment: float
    saving: float
    stated_total: float

    @property
    def difference(self) -> float:
        return self.investment + self.saving - self.stated_total

    @property
    def message(self) -> str:
        return (f"Sag {self.case} ({self.case_name}), {self.year}, {self.status}: "
                f"investering {danish_number(self.investment)} + besparelse "
                f"{danish_number(self.saving)} = {danish_number(self.investment + self.saving)}, "
                f"men angivet i alt er {danish_number(self.stated_total)} "
                f"(forskel {danish_number(self.difference)} mio. kr.)")

    def as_dict(self) -> dict:
        return {"case": self.case, "year": self.year, "status": self.status,
                "investment_mio_kr": self.investment, "saving_mio_kr": self.saving,
                "stated_total_mio_kr": self.stated_total, "difference_mio_kr": self.difference,
                "message": self.message}


def stated_total_mismatches(budget: Budget) -> list[Mismatch]:
    """Every stated total ('i alt') that differs from investment + saving beyond rounding."""
    names = {c.number: c.name for c in budget.cases}
    tolerance = ROUNDING_TOLERANCE_MIO_KR * min(1.0, 1000.0 / budget.settings.entered_per_mio_kr)
    found = []
    for total in sorted((a for a in budget.amounts if a.kind == STATED_TOTAL),
                        key=lambda a: (a.case, a.year, a.status)):
        investment = budget.amount(total.case, total.year, INVESTMENT, total.status) or 0.0
        saving = budget.amount(total.case, total.year, SAVING, total.status) or 0.0
        if abs(investment + saving - total.mio_kr) > tolerance:
            found.append(Mismatch(total.case, names[total.case], total.year, total.status,
                                  investment, saving, total.mio_kr))
    return found


@dataclass(frozen=True)
class BookingCheck:
    """The table Indregnet against the prudence share: do the booked amounts add up to
    share x potential within the rounding of the stated amounts? mio. kr."""

    booked_total: float
    share: float
    potential: float
    tolerance: float

    @property
    def share_total(self) -> float:
        return self.share * self.potential

    @property
    def difference(self) -> float:
        """Booked amounts minus share x potential."""
        return self.booked_total - self.share_total

    @property
    def agrees(self) -> bool:
        return abs(self.difference) <= self.tolerance + 1e-9

    @property
    def message(self) -> str:
        template = labels.BOOKING_CHECK_AGREES if self.agrees else labels.BOOKING_CHECK_DIFFERS
        return template.format(booked=danish_number(self.booked_total), share=short_number(self.share * 100),
                               potential=danish_number(self.potential),
                               share_total=danish_number(self.share_total),
                               difference=danish_number(self.difference),
                               tolerance=danish_number(self.tolerance, _decimals(self.tolerance)))

    def as_dict(self) -> dict:
        return {"booked_total_mio_kr": self.booked_total, "share": self.share,
                "potential_mio_kr": self.potential, "share_total_mio_kr": self.share_total,
                "difference_mio_kr": self.difference, "tolerance_mio_kr": self.tolerance,
                "agrees": self.agrees, "message": self.message}


def _decimals(value: float) -> int:
    """Enough decimals to show a rounding tolerance such as 0,5 or 0,0005 exactly."""
    return next((d for d in range(10) if abs(round(value, d) - value) < 1e-12), 9)


def booking_check(budget: Budget) -> BookingCheck | None:
    """Indregnet against Forsigtighed x potential, when the workbook gives both; else None."""
    if budget.booked is None or budget.settings.prudence_share is None:
        return None
    prudence = portfolio_prudence(budget)
    return BookingCheck(budget.booked.total_mio_kr, prudence.share, prudence.potential_mio_kr,
                        budget.booked.rounding_mio_kr)
