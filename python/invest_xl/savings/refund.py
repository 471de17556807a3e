"""State refund (refusion) of benefit costs: a flat rate, or the 2016 duration staircase.

Net unit cost = gross yearly cost per full-time person x (1 - refund share). Budgets
usually state one flat refund rate. Since the refund reform of 2016 the state instead
refunds by how long the person has been on public benefits (weeks on *any* benefit,
counted over the last years; week 1 is the first week of the spell):

    spell weeks 1-4: 80 %   weeks 5-26: 40 %   weeks 27-52: 30 %   from week 53: 20 %

so a saved week late in a spell saves the municipality more than an early one. For
A-dagpenge the state pays the benefit and the municipality co-finances the mirror
image, 20/60/70/80 %: the municipality's share is again 1 - the staircase share, so
the same rule gives its net cost.

Shares are 0-1; amounts in kr.; weeks are whole benefit weeks.

    >>> staircase_refund_share(26), staircase_refund_share(27)
    (0.4, 0.3)
    >>> round(saved_week_value_kr(120_900.0, spell_week=60), 2)  # 2.325 kr. x (1 - 0.20)
    1860.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number

WEEKS_PER_YEAR = 52

# (last spell week of the step, refund share); the last step has no end.
STAIRCASE_2016 = ((4, 0.80), (26, 0.40), (52, 0.30), (None, 0.20))

FLAT = "flat"
STAIRCASE = "staircase"


def staircase_refund_share(spell_week: int) -> float:
    """The state's refund share (0-1) of benefit paid in `spell_week` (1 = first week)."""
    if spell_week < 1 or spell_week != int(spell_week):
        raise InvestXLError(f"forløbsuge skal være et helt tal fra 1, ikke {spell_week}")
    for last_week, share in STAIRCASE_2016:
        if last_week is None or spell_week <= last_week:
            return share
    raise AssertionError("the staircase's last step has no end")


def a_dagpenge_cofinancing_share(spell_week: int) -> float:
    """The municipality's co-financing share (0-1) of A-dagpenge in `spell_week`: 20/60/70/80 %."""
    return 1.0 - staircase_refund_share(spell_week)


def net_unit_cost_kr(gross_per_fte_kr: float, refund_share: float) -> float:
    """Net yearly cost per full-time person, kr.: gross x (1 - refund share)."""
    _check_share(refund_share)
    if gross_per_fte_kr < 0:
        raise InvestXLError(f"bruttoudgiften pr. fuldtidsperson kan ikke være negativ ({short_number(gross_per_fte_kr)} kr.)")
    return gross_per_fte_kr * (1.0 - refund_share)


def saved_week_value_kr(gross_per_fte_kr: float, spell_week: int) -> float:
    """What one saved benefit week in `spell_week` saves the municipality under the staircase, kr."""
    return net_unit_cost_kr(gross_per_fte_kr, staircase_refund_share(spell_week)) / WEEKS_PER_YEAR


def _check_share(share: float) -> None:
    if not 0.0 <= share <= 1.0:
        raise InvestXLError(f"refusionsandelen skal ligge mellem 0 og 1, ikke {short_number(share)}")


@dataclass(frozen=True)
class RefundRule:
    """How benefit costs are refunded: `RefundRule.flat(0.3)` or `RefundRule.staircase(weeks)`.

    `weeks_before_entry` (staircase only) are the benefit weeks a participant already has
    when the effort starts: long-term recipients are past week 52 and earn only 20 %.
    """

    kind: str
    flat_share: float = 0.0
    weeks_before_entry: int = 0

    @classmethod
    def flat(cls, share: float) -> "RefundRule":
        """One refund share (0-1) for every week."""
        _check_share(share)
        return cls(FLAT, flat_share=float(share))

    @classmethod
    def staircase(cls, weeks_before_entry: int = 0) -> "RefundRule":
        """The 2016 duration staircase, counted from `weeks_before_entry` weeks on benefit."""
        if weeks_before_entry < 0 or weeks_before_entry != int(weeks_before_entry):
            raise InvestXLError(f"uger før start skal være et helt tal på 0 eller derover, "
                                f"ikke {weeks_before_entry}")
        return cls(STAIRCASE, weeks_before_entry=int(weeks_before_entry))

    def refund_shares(self, weeks_after_entry: int) -> np.ndarray:
        """Refund share of each week k = 0, 1, ... after entry (k = 0 is spell week prior + 1)."""
        if self.kind == FLAT:
            return np.full(weeks_after_entry, self.flat_share)
        first = self.weeks_before_entry + 1
        return np.array([staircase_refund_share(first + k) for k in range(weeks_after_entry)])

    def municipal_shares(self, weeks_after_entry: int) -> np.ndarray:
        """The municipality's share (1 - refund) of each week k = 0, 1, ... after entry."""
        return 1.0 - self.refund_shares(weeks_after_entry)

    def describe(self) -> str:
        """Danish text for reports: 'refusion 30 %' or 'refusionstrappe fra uge 53'."""
        if self.kind == FLAT:
            return f"refusion {short_number(self.flat_share * 100)} %"
        return f"refusionstrappe (2016) fra forløbsuge {self.weeks_before_entry + 1}"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "flat_share": self.flat_share if self.kind == FLAT else None,
                "weeks_before_entry": self.weeks_before_entry if self.kind == STAIRCASE else None,
                "description": self.describe()}


def refund_rule(refund, weeks_before_entry: int | None = 0) -> RefundRule:
    """The rule a table or a cell names: a share 0-1 (flat), or "trappe" (the staircase).

    `refund` is what `contract.parse_refund` read: the word "trappe" or a share.
    """
    if refund == "trappe":
        return RefundRule.staircase(weeks_before_entry or 0)
    return RefundRule.flat(refund)
