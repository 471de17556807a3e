"""The block "Indregnet i budgettet" of the follow-up's portfolio overview.

Beside the potential (the net A+B of the Budget column over the period), the prudence
share and the booked total (share x potential), per year: the saving booked in the
budget (table Indregnet), the saving on benefits (B) of the follow-up column
(Realiseret for closed years, Forventet for open ones), the difference B - booked
(negative = more saving than booked), the net A+B and the accumulated difference.
Every figure but the booked amounts and the share is a live formula on the portfolio
overview's cells (its anchors), so the block follows edits. mio. kr., negative = saving;
the same figures in Python: budget/booking.py.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from invest_xl import labels
from invest_xl.budget.model import EXPECTED, REALIZED, Budget
from invest_xl.layout.model import (AMOUNT, HEADER, HEADER_LEFT, NOTE, TITLE, TOTAL_AMOUNT, TOTAL_LABEL,
                                    CellStyle, SheetLayout)

SHARE = CellStyle(number_format="0%")


def _column(address: str) -> int:
    return column_index_from_string(coordinate_from_string(address)[0])


def _pair(layout: SheetLayout, row: int, column: int, style: CellStyle, value=None, formula=None) -> str:
    """One figure over a year's two columns (Budget | Realiseret/Forventet), merged; its address."""
    layout.put(row, column, value, formula=formula, style=style)
    layout.put(row, column + 1, None, style=style)
    layout.merges.append((row, column, row, column + 1))
    return f"{get_column_letter(column)}{row}"


def _second_label(budget: Budget) -> str:
    kinds = {budget.second_status(y) for y in budget.years}
    return kinds.pop() if len(kinds) == 1 else f"{REALIZED}/{EXPECTED}"


def _figures(layout: SheetLayout, budget: Budget, row: int) -> int:
    """Potential, share and booked total, each a label in A and its figure in B."""
    layout.put(row, 1, labels.BOOKING_POTENTIAL)
    layout.put(row, 2, formula=f"={layout.anchors['period_net_budget']}", style=AMOUNT)
    layout.anchors["booking_potential"] = f"B{row}"
    if budget.settings.prudence_share is None:
        return row + 1
    layout.put(row + 1, 1, labels.BOOKING_SHARE)
    layout.put(row + 1, 2, budget.settings.prudence_share, style=SHARE)
    layout.put(row + 2, 1, labels.BOOKING_SHARE_TOTAL, style=TOTAL_LABEL)
    layout.put(row + 2, 2, formula=f"=B{row + 1}*B{row}", style=TOTAL_AMOUNT)
    layout.anchors["booking_share"] = f"B{row + 1}"
    layout.anchors["booking_share_total"] = f"B{row + 2}"
    return row + 3


def _per_year(layout: SheetLayout, budget: Budget, row: int) -> int:
    """The years across (as above them on the sheet), five rows of figures, I alt at the end."""
    years = budget.years
    first = {y: _column(layout.anchors[f"net_budget_{y}"]) for y in years}
    total = _column(layout.anchors["period_net_budget"])
    second = _second_label(budget)
    layout.put(row, 1, budget.settings.price_level, style=HEADER_LEFT)
    for year in years:
        _pair(layout, row, first[year], HEADER, value=year)
    _pair(layout, row, total, HEADER, value=labels.PERIOD_TOTAL)
    booked, expected, difference, net, accumulated = range(row + 1, row + 6)
    for label_row, label, style in (
            (booked, labels.BOOKING_BOOKED, None), (expected, labels.BOOKING_EXPECTED.format(second=second), None),
            (difference, labels.BOOKING_DIFFERENCE, TOTAL_LABEL),
            (net, labels.BOOKING_NET.format(second=second), None), (accumulated, labels.BOOKING_ACCUMULATED, None)):
        layout.put(label_row, 1, label, **({"style": style} if style else {}))
    previous = None
    for year in years:
        letter = get_column_letter(first[year])
        layout.anchors[f"booking_booked_{year}"] = _pair(layout, booked, first[year], AMOUNT,
                                                         value=budget.booked.amount(year))
        layout.anchors[f"booking_expected_{year}"] = _pair(
            layout, expected, first[year], AMOUNT, formula=f"={layout.anchors[f'saving_followup_{year}']}")
        layout.anchors[f"booking_difference_{year}"] = _pair(
            layout, difference, first[year], TOTAL_AMOUNT, formula=f"={letter}{expected}-{letter}{booked}")
        layout.anchors[f"booking_net_{year}"] = _pair(
            layout, net, first[year], AMOUNT, formula=f"={layout.anchors[f'net_followup_{year}']}")
        this = f"{letter}{difference}"
        layout.anchors[f"booking_accumulated_{year}"] = _pair(
            layout, accumulated, first[year], AMOUNT,
            formula=f"={this}" if previous is None else f"={previous}+{this}")
        previous = f"{letter}{accumulated}"
    for name, label_row, style in (("booked", booked, AMOUNT), ("expected", expected, AMOUNT),
                                   ("difference", difference, TOTAL_AMOUNT), ("net", net, AMOUNT)):
        parts = ",".join(f"{get_column_letter(first[y])}{label_row}" for y in years)
        layout.anchors[f"booking_{name}_total"] = _pair(layout, label_row, total, style,
                                                        formula=f"=SUM({parts})")
    layout.put(accumulated + 1, 1, labels.BOOKING_NOTE, style=NOTE)
    return accumulated + 2


def booking_block(layout: SheetLayout, budget: Budget, row: int) -> int:
    """Add the block at `row` when the budget has a prudence share or booked amounts; the next free row.

    Needs the portfolio overview's anchors (period_net_budget, net_budget_Y,
    saving_followup_Y, net_followup_Y) already in `layout`.
    """
    if budget.settings.prudence_share is None and budget.booked is None:
        return row
    layout.put(row, 1, labels.BOOKING_TITLE, style=TITLE)
    layout.anchors["booking"] = f"A{row}"
    row = _figures(layout, budget, row + 1) + 1
    if budget.booked is None:
        layout.put(row, 1, labels.BOOKING_NO_TABLE, style=NOTE)
        return row + 2
    return _per_year(layout, budget, row) + 1
