"""The standard follow-up sheet, described once, independent of how it is rendered.

`followup_layout(budget)` returns a `layout.model.SheetLayout`: cells (text, numbers or
live Excel formulas) with their styles, merged ranges, column widths and print settings.
Layout follows seed 000 (one block per case) and seed 002 ("Samlet oversigt").
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from invest_xl import labels
from invest_xl.budget.model import BUDGET, EXPECTED, INVESTMENT, REALIZED, SAVING, Budget
from invest_xl.budget.checks import booking_check, stated_total_mismatches
from invest_xl.layout.booking import booking_block
from invest_xl.layout.model import (AMOUNT, AMOUNT_FORMAT, COMPUTED_AMOUNT, HEADER, HEADER_LEFT, NOTE, TITLE, TOTAL_AMOUNT,
                                    TOTAL_LABEL, CellStyle, ChartSeries, ChartSpec, SheetLayout)

LABEL_COLUMN_WIDTH = 62
AMOUNT_COLUMN_WIDTH = 12.5
CASE_LABEL_LENGTH = 60
# A case block is 8 rows; at the scale that fits the sheet to one page width, four
# blocks always fit on an A4 landscape page, so no block is split between pages.
CASES_PER_PAGE = 4


def _letter(column: int) -> str:
    return get_column_letter(column)


class _Columns:
    """Column positions: labels in A, then Budget | second status per year, then I alt."""

    def __init__(self, budget: Budget):
        self.years = budget.years
        self.second = [budget.second_status(y) for y in self.years]
        self.total = 2 + 2 * len(self.years)
        self.last = self.total + 1

    def of(self, year_index: int, which: int) -> int:
        return 2 + 2 * year_index + which

    def second_label_for_total(self) -> str:
        kinds = set(self.second)
        return kinds.pop() if len(kinds) == 1 else f"{REALIZED}/{EXPECTED}"


def _header_rows(layout: SheetLayout, cols: _Columns, row: int, price_level: str) -> int:
    layout.put(row, 1, price_level, style=HEADER_LEFT)
    layout.put(row + 1, 1, None, style=HEADER_LEFT)
    for i, year in enumerate(cols.years):
        layout.put(row, cols.of(i, 0), year, style=HEADER)
        layout.put(row, cols.of(i, 1), None, style=HEADER)
        layout.merges.append((row, cols.of(i, 0), row, cols.of(i, 1)))
        layout.put(row + 1, cols.of(i, 0), BUDGET, style=HEADER)
        layout.put(row + 1, cols.of(i, 1), cols.second[i], style=HEADER)
    layout.put(row, cols.total, labels.PERIOD_TOTAL, style=HEADER)
    layout.put(row, cols.total + 1, None, style=HEADER)
    layout.merges.append((row, cols.total, row, cols.total + 1))
    layout.put(row + 1, cols.total, BUDGET, style=HEADER)
    layout.put(row + 1, cols.total + 1, cols.second_label_for_total(), style=HEADER)
    return row + 2


def _period_total(layout: SheetLayout, cols: _Columns, row: int, style: CellStyle) -> None:
    for which in (0, 1):
        parts = ",".join(f"{_letter(cols.of(i, which))}{row}" for i in range(len(cols.years)))
        layout.put(row, cols.total + which, formula=f"=SUM({parts})", style=style)


def _title(layout: SheetLayout, cols: _Columns, row: int, text: str) -> None:
    layout.put(row, 1, text, style=TITLE)
    layout.merges.append((row, 1, row, cols.last))


def _case_block(layout: SheetLayout, budget: Budget, cols: _Columns, case, row: int,
                expected=None) -> int:
    _title(layout, cols, row, labels.CASE_TITLE.format(name=case.name))
    row = _header_rows(layout, cols, row + 1, budget.settings.price_level)
    for offset, (label, kind) in enumerate(((labels.INVESTMENT_ROW, INVESTMENT),
                                            (labels.SAVING_ROW, SAVING))):
        layout.put(row + offset, 1, label)
        for i, year in enumerate(cols.years):
            for which, status in enumerate((BUDGET, cols.second[i])):
                value = budget.amount(case.number, year, kind, status)
                computed = (expected or {}).get((case.number, year, kind))
                if value is None and computed is not None and status == EXPECTED:
                    layout.put(row + offset, cols.of(i, which), computed, style=COMPUTED_AMOUNT)
                    continue
                layout.put(row + offset, cols.of(i, which), value, style=AMOUNT)
        _period_total(layout, cols, row + offset, AMOUNT)
    total_row = row + 2
    layout.put(total_row, 1, labels.CASE_TOTAL_ROW, style=TOTAL_LABEL)
    for column in range(2, cols.total):
        letter = _letter(column)
        layout.put(total_row, column, formula=f"=SUM({letter}{row}:{letter}{row + 1})",
                   style=TOTAL_AMOUNT)
    _period_total(layout, cols, total_row, TOTAL_AMOUNT)
    for i, year in enumerate(cols.years):
        for which, key in enumerate(("budget", "followup")):
            layout.anchors[f"case{case.number}_{key}_{year}"] = f"{_letter(cols.of(i, which))}{total_row}"
    source = budget.settings.source
    if any(key[0] == case.number for key in (expected or {})):
        source = f"{source}. {labels.EXPECTED_COMPUTED_NOTE}"
    layout.put(total_row + 1, 1, source, style=NOTE)
    return total_row + 3


def _portfolio(layout: SheetLayout, budget: Budget, cols: _Columns, row: int,
               case_rows: tuple[int, int], case_totals: dict[int, int]) -> int:
    _title(layout, cols, row, labels.PORTFOLIO_TITLE)
    layout.page_breaks.append(row - 1)
    row = _header_rows(layout, cols, row + 1, budget.settings.price_level)
    first, last = case_rows
    a_row, b_row, net_row = row, row + 1, row + 2
    for label_row, label, source_label in ((a_row, labels.PORTFOLIO_INVESTMENT, labels.INVESTMENT_ROW),
                                           (b_row, labels.PORTFOLIO_SAVING, labels.SAVING_ROW)):
        layout.put(label_row, 1, label)
        for column in range(2, cols.total):
            letter = _letter(column)
            layout.put(label_row, column, style=AMOUNT, formula=(
                f'=SUMIF($A${first}:$A${last},"{source_label}",{letter}${first}:{letter}${last})'))
        _period_total(layout, cols, label_row, AMOUNT)
    layout.put(net_row, 1, labels.PORTFOLIO_NET, style=TOTAL_LABEL)
    for column in range(2, cols.total + 2):
        letter = _letter(column)
        layout.put(net_row, column, formula=f"={letter}{a_row}+{letter}{b_row}", style=TOTAL_AMOUNT)
    for i, year in enumerate(cols.years):
        for which, key in enumerate(("budget", "followup")):
            letter = _letter(cols.of(i, which))
            layout.anchors[f"investment_{key}_{year}"] = f"{letter}{a_row}"
            layout.anchors[f"saving_{key}_{year}"] = f"{letter}{b_row}"
            layout.anchors[f"net_{key}_{year}"] = f"{letter}{net_row}"
    layout.anchors["period_net_budget"] = f"{_letter(cols.total)}{net_row}"
    layout.anchors["period_net_followup"] = f"{_letter(cols.total + 1)}{net_row}"

    row = net_row + 2
    layout.put(row, 1, labels.PORTFOLIO_CASES, style=HEADER_LEFT)
    row += 1
    first_case_row = row
    for case in budget.cases:
        name = labels.CASE_LABEL.format(number=case.number, name=case.name)
        if len(name) > CASE_LABEL_LENGTH:
            name = name[:CASE_LABEL_LENGTH - 1].rstrip() + "…"
        layout.put(row, 1, name)
        for column in range(2, cols.total + 2):
            letter = _letter(column)
            layout.put(row, column, formula=f"={letter}{case_totals[case.number]}", style=AMOUNT)
        row += 1
    layout.put(row, 1, labels.PORTFOLIO_CASES_TOTAL, style=TOTAL_LABEL)
    for column in range(2, cols.total + 2):
        letter = _letter(column)
        layout.put(row, column, formula=f"=SUM({letter}{first_case_row}:{letter}{row - 1})",
                   style=TOTAL_AMOUNT)
    for i, year in enumerate(cols.years):
        layout.anchors[f"cases_total_budget_{year}"] = f"{_letter(cols.of(i, 0))}{row}"
    layout.put(row + 1, 1, labels.SIGN_NOTE.format(unit=budget.settings.unit,
                                                   price_level=budget.settings.price_level),
               style=NOTE)
    return row + 3


def _checks(layout: SheetLayout, budget: Budget, row: int) -> int:
    layout.put(row, 1, labels.CHECK_TITLE, style=TITLE)
    layout.anchors["checks"] = f"A{row}"
    mismatches = stated_total_mismatches(budget)
    messages = [m.message for m in mismatches] or [labels.CHECK_NONE]
    if (booked := booking_check(budget)) is not None:
        messages.append(booked.message)
    for offset, message in enumerate(messages, 1):
        layout.put(row + offset, 1, message)
    return row + len(messages) + 1


def _net_chart(layout: SheetLayout, cols: _Columns, row: int) -> None:
    """A small table of the net (A+B) per year, Budget beside Realiseret/Forventet, and its bar chart.

    The table's cells are formulas on the portfolio overview, so the chart follows edits.
    """
    layout.put(row, 1, labels.NET_CHART_TITLE, style=TITLE)
    header = row + 1
    second = cols.second_label_for_total()
    layout.put(header, 1, labels.YEAR, style=HEADER_LEFT)
    layout.put(header, 2, BUDGET, style=HEADER)
    layout.put(header, 3, second, style=HEADER)
    for offset, year in enumerate(cols.years, start=1):
        layout.put(header + offset, 1, str(year))
        layout.put(header + offset, 2, formula=f"={layout.anchors[f'net_budget_{year}']}", style=AMOUNT)
        layout.put(header + offset, 3, formula=f"={layout.anchors[f'net_followup_{year}']}", style=AMOUNT)
    last = header + len(cols.years)
    layout.anchors["net_chart_table"] = f"A{header}:C{last}"
    layout.charts.append(ChartSpec(
        kind="bar", title=labels.NET_CHART_TITLE, categories=(1, header + 1, last),
        series=(ChartSeries(BUDGET, 2, header + 1, last), ChartSeries(second, 3, header + 1, last)),
        anchor=f"{_letter(5)}{row}", x_title=labels.YEAR, y_title=labels.MIO_KR,
        y_number_format=AMOUNT_FORMAT))


def followup_layout(budget: Budget, expected=None) -> SheetLayout:
    """The standard follow-up sheet for a budget: case blocks, portfolio overview (with the
    block "Indregnet i budgettet", layout/booking.py), Kontrol.

    `expected`: optional {(case, year, kind): mio. kr.} of computed expected investments
    and savings (case_savings.expected_amounts_mio_kr); placed, in italics, in the
    Forventet column where the budget has no Forventet figure of its own.
    """
    cols = _Columns(budget)
    layout = SheetLayout(name=labels.FOLLOWUP_SHEET)
    layout.column_widths = {1: LABEL_COLUMN_WIDTH,
                            **{c: AMOUNT_COLUMN_WIDTH for c in range(2, cols.last + 1)}}
    row = 1
    case_totals = {}
    for count, case in enumerate(budget.cases, start=1):
        row = _case_block(layout, budget, cols, case, row, expected)
        case_totals[case.number] = row - 3
        if count % CASES_PER_PAGE == 0 and count < len(budget.cases):
            layout.page_breaks.append(row - 1)
    row = _portfolio(layout, budget, cols, row, (1, row - 1), case_totals)
    row = booking_block(layout, budget, row)
    row = _checks(layout, budget, row)
    _net_chart(layout, cols, row + 1)
    return layout
