"""The standard follow-up sheet, described once, independent of how it is rendered.

`followup_layout(budget)` returns a `layout.model.SheetLayout`: a title with the date,
the portfolio overview (seed 002's "Samlet oversigt") with the accumulated net and the
payback year, Kontrol (highlighted deviations and what to do), the net chart, then one
block per case (seed 000). mio. kr., negative = saving. A cell where nothing was entered
stays empty (never 0,000); a total over cells of which some are empty is the sum of the
entered ones, marked with a star (model.INCOMPLETE_FORMAT) that a footnote explains.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.utils import get_column_letter

from invest_xl import labels
from invest_xl.budget.checks import booking_check, stated_total_mismatches
from invest_xl.budget.model import BUDGET, EXPECTED, INVESTMENT, SAVING, Budget
from invest_xl.formatting import danish_date, danish_number
from invest_xl.layout.booking import booking_block
from invest_xl.layout.model import (ALERT, AMOUNT, AMOUNT_FORMAT, COMPUTED_AMOUNT, HEADER, HEADER_LEFT,
                                    INCOMPLETE_AMOUNT, INCOMPLETE_TOTAL, NOTE, TITLE, TOTAL_AMOUNT,
                                    TOTAL_LABEL, WRAPPED, CellStyle, ChartSeries, ChartSpec, SheetLayout)
from invest_xl.layout.paging import break_between_blocks
from invest_xl.layout.saving_band import with_saving_band
from invest_xl.savings.yearly import yearly_result

LABEL_COLUMN_WIDTH = 62
AMOUNT_COLUMN_WIDTH = 12.5
TOTAL_COLUMN_WIDTH = 21
# a header word longer than this wraps onto a second line (a taller header row)
HEADER_FITS = 11
TWO_LINES_PT = 30.0
# a case name longer than this wraps in column A of the overview
NAME_FITS = 66
CHART_ROWS = 18  # an 8 cm high chart spans about 16 rows of 15 pt
TOP_ROWS = 3  # title, subtitle (print titles), a warning or blank line


def _letter(column: int) -> str:
    return get_column_letter(column)


def _sum_or_empty(cells: str) -> str:
    """A sum that stays empty where none of its cells holds a number (never a false 0)."""
    return f'=IF(COUNT({cells})=0,"",SUM({cells}))'


class _Columns:
    """Column positions: labels in A, then Budget | second status per year, then I alt."""

    def __init__(self, budget: Budget):
        self.years = budget.years
        self.second = [budget.second_status(y) for y in self.years]
        self.total = 2 + 2 * len(self.years)
        self.last = self.total + 1
        self.budget_word = budget.column_word(BUDGET)
        self.words = [budget.column_word(s) for s in self.second]

    def of(self, year_index: int, which: int) -> int:
        return 2 + 2 * year_index + which

    def second_label_for_total(self, separator: str = "/") -> str:
        words = list(dict.fromkeys(self.words))
        return words[0] if len(words) == 1 else separator.join(words)


class _Figures:
    """What was entered (or computed) per case, year column and kind; None = nothing."""

    def __init__(self, budget: Budget, cols: _Columns, expected):
        self.values = {}
        for case in budget.cases:
            for i, year in enumerate(cols.years):
                for which, status in enumerate((BUDGET, cols.second[i])):
                    for kind in (INVESTMENT, SAVING):
                        value = budget.amount(case.number, year, kind, status)
                        computed = (expected or {}).get((case.number, year, kind))
                        is_computed = value is None and computed is not None and status == EXPECTED
                        self.values[case.number, i, which, kind] = (computed if is_computed else value,
                                                                    is_computed)

    def value(self, case: int, i: int, which: int, kind: str):
        return self.values[case, i, which, kind][0]

    def net(self, case: int, i: int, which: int) -> float | None:
        parts = [self.value(case, i, which, k) for k in (INVESTMENT, SAVING)]
        return None if all(p is None for p in parts) else sum(p or 0.0 for p in parts)

    def state(self, keys) -> str:
        """'none', 'some' or 'all' of the cells `keys` hold a figure."""
        present = [self.values[k][0] is not None for k in keys]
        return "all" if all(present) else ("some" if any(present) else "none")


def _marked(state: str, style: CellStyle, marked: CellStyle) -> CellStyle:
    return marked if state == "some" else style


def _header_rows(layout: SheetLayout, cols: _Columns, row: int, budget: Budget) -> int:
    unit = labels.UNIT_HEADER.format(unit=budget.settings.unit, price_level=budget.settings.price_level)
    layout.put(row, 1, unit, style=HEADER_LEFT)
    layout.put(row + 1, 1, None, style=HEADER_LEFT)
    wrapped = CellStyle(bold=True, align="center", fill=HEADER.fill, wrap=True)
    for i, year in enumerate(cols.years):
        layout.put(row, cols.of(i, 0), year, style=HEADER)
        layout.put(row, cols.of(i, 1), None, style=HEADER)
        layout.merges.append((row, cols.of(i, 0), row, cols.of(i, 1)))
        layout.put(row + 1, cols.of(i, 0), cols.budget_word, style=wrapped)
        layout.put(row + 1, cols.of(i, 1), cols.words[i], style=wrapped)
    layout.put(row, cols.total, labels.PERIOD_TOTAL, style=HEADER)
    layout.put(row, cols.total + 1, None, style=HEADER)
    layout.merges.append((row, cols.total, row, cols.total + 1))
    layout.put(row + 1, cols.total, cols.budget_word, style=wrapped)
    layout.put(row + 1, cols.total + 1, cols.second_label_for_total(), style=wrapped)
    if max(len(w) for w in cols.words + [cols.budget_word]) > HEADER_FITS:
        layout.row_heights[row + 1] = TWO_LINES_PT
    return row + 2


def _period_total(layout: SheetLayout, cols: _Columns, row: int, style: CellStyle, states) -> None:
    """The I alt columns of a row; `states[which]` says how complete the row's cells are."""
    for which in (0, 1):
        parts = ",".join(f"{_letter(cols.of(i, which))}{row}" for i in range(len(cols.years)))
        marked = INCOMPLETE_TOTAL if style.bold else INCOMPLETE_AMOUNT
        layout.put(row, cols.total + which, formula=_sum_or_empty(parts),
                   style=_marked(states[which], style, marked))


def _title(layout: SheetLayout, cols: _Columns, row: int, text: str) -> None:
    layout.put(row, 1, text, style=TITLE)
    layout.merges.append((row, 1, row, cols.last))


def _payback(nets: list[float | None], years: list[int]) -> str:
    if any(n is None for n in nets):
        return labels.NOT_ENTERED
    year = yearly_result(years, [0.0] * len(years), nets).payback_year
    return str(year) if year else labels.PAYBACK_NONE


def _case_block(layout: SheetLayout, budget: Budget, cols: _Columns, figures: _Figures, case,
                row: int, band_note: str | None = None) -> tuple[int, int]:
    """One case's block from `row`; returns (its total row, the first row after it)."""
    _title(layout, cols, row, labels.CASE_TITLE.format(name=case.name))
    row = _header_rows(layout, cols, row + 1, budget)
    n = len(cols.years)
    for offset, (label, kind) in enumerate(((labels.INVESTMENT_ROW, INVESTMENT),
                                            (labels.SAVING_ROW, SAVING))):
        layout.put(row + offset, 1, label)
        for i in range(n):
            for which in (0, 1):
                value, computed = figures.values[case.number, i, which, kind]
                layout.put(row + offset, cols.of(i, which), value,
                           style=COMPUTED_AMOUNT if computed else AMOUNT)
        _period_total(layout, cols, row + offset, AMOUNT,
                      [figures.state([(case.number, i, w, kind) for i in range(n)]) for w in (0, 1)])
    total_row = row + 2
    layout.put(total_row, 1, labels.CASE_TOTAL_ROW, style=TOTAL_LABEL)
    for i in range(n):
        for which in (0, 1):
            letter = _letter(cols.of(i, which))
            state = figures.state([(case.number, i, which, k) for k in (INVESTMENT, SAVING)])
            layout.put(total_row, cols.of(i, which), formula=_sum_or_empty(f"{letter}{row}:{letter}{row + 1}"),
                       style=_marked(state, TOTAL_AMOUNT, INCOMPLETE_TOTAL))
    _period_total(layout, cols, total_row, TOTAL_AMOUNT,
                  [figures.state([(case.number, i, w, k) for i in range(n) for k in (INVESTMENT, SAVING)])
                   for w in (0, 1)])
    for i, year in enumerate(cols.years):
        for which, key in enumerate(("budget", "followup")):
            layout.anchors[f"case{case.number}_{key}_{year}"] = f"{_letter(cols.of(i, which))}{total_row}"
    source = budget.settings.source
    if any(figures.values[case.number, i, 1, k][1] for i in range(n) for k in (INVESTMENT, SAVING)):
        source = f"{source}. {labels.EXPECTED_COMPUTED_NOTE}"
    layout.put(total_row + 1, 1, source, style=NOTE)
    nets = [[figures.net(case.number, i, w) for i in range(n)] for w in (0, 1)]
    period = [danish_number(sum(x)) if all(v is not None for v in x) else labels.NOT_ENTERED
              for x in ([v for v in nets[0]], [v for v in nets[1]])]
    note_row = total_row + 2
    layout.put(note_row, 1, labels.CASE_NOTE.format(note=case.note or "-"), style=WRAPPED)
    layout.put(note_row, 2, with_saving_band(labels.CASE_SUMMARY.format(
        budget_word=cols.budget_word.lower(), second_word=cols.second_label_for_total().lower(),
        budget=period[0], second=period[1], budget_payback=_payback(nets[0], cols.years),
        second_payback=_payback(nets[1], cols.years)), band_note), style=WRAPPED)
    layout.merges.append((note_row, 2, note_row, cols.last))
    if case.note and len(case.note) > NAME_FITS - 12:
        layout.row_heights[note_row] = TWO_LINES_PT
    layout.anchors[f"case{case.number}_note"] = f"A{note_row}"
    return total_row, note_row + 2


def _portfolio(layout: SheetLayout, budget: Budget, cols: _Columns, figures: _Figures, row: int,
               case_rows: tuple[int, int], case_totals: dict[int, int]) -> int:
    _title(layout, cols, row, labels.PORTFOLIO_TITLE)
    row = _header_rows(layout, cols, row + 1, budget)
    first, last = case_rows
    a_row, b_row, net_row, acc_row = row, row + 1, row + 2, row + 3
    numbers = [c.number for c in budget.cases]
    n = len(cols.years)

    def state(i, which, kinds):
        return figures.state([(c, i, which, k) for c in numbers for k in kinds])

    for label_row, label, source_label, kind in ((a_row, labels.PORTFOLIO_INVESTMENT, labels.INVESTMENT_ROW, INVESTMENT),
                                                 (b_row, labels.PORTFOLIO_SAVING, labels.SAVING_ROW, SAVING)):
        layout.put(label_row, 1, label)
        for i in range(n):
            for which in (0, 1):
                column, letter = cols.of(i, which), _letter(cols.of(i, which))
                found = state(i, which, (kind,))
                formula = (None if found == "none" else
                           f'=SUMIF($A${first}:$A${last},"{source_label}",{letter}${first}:{letter}${last})')
                layout.put(label_row, column, formula=formula,
                           style=_marked(found, AMOUNT, INCOMPLETE_AMOUNT))
        _period_total(layout, cols, label_row, AMOUNT,
                      [figures.state([(c, i, w, kind) for c in numbers for i in range(n)]) for w in (0, 1)])
    layout.put(net_row, 1, labels.PORTFOLIO_NET, style=TOTAL_LABEL)
    layout.put(acc_row, 1, labels.ACCUMULATED_ROW, style=NOTE)
    for which in (0, 1):
        for i in range(n):
            letter = _letter(cols.of(i, which))
            layout.put(net_row, cols.of(i, which), formula=_sum_or_empty(f"{letter}{a_row}:{letter}{b_row}"),
                       style=_marked(state(i, which, (INVESTMENT, SAVING)), TOTAL_AMOUNT, INCOMPLETE_TOTAL))
            upto = ",".join(f"{_letter(cols.of(j, which))}{net_row}" for j in range(i + 1))
            layout.put(acc_row, cols.of(i, which), formula=_sum_or_empty(upto), style=COMPUTED_AMOUNT)
        letter = _letter(cols.total + which)
        whole = figures.state([(c, i, which, k) for c in numbers for i in range(n) for k in (INVESTMENT, SAVING)])
        layout.put(net_row, cols.total + which, formula=_sum_or_empty(f"{letter}{a_row}:{letter}{b_row}"),
                   style=_marked(whole, TOTAL_AMOUNT, INCOMPLETE_TOTAL))
    for i, year in enumerate(cols.years):
        for which, key in enumerate(("budget", "followup")):
            letter = _letter(cols.of(i, which))
            layout.anchors[f"investment_{key}_{year}"] = f"{letter}{a_row}"
            layout.anchors[f"saving_{key}_{year}"] = f"{letter}{b_row}"
            layout.anchors[f"net_{key}_{year}"] = f"{letter}{net_row}"
            layout.anchors[f"accumulated_{key}_{year}"] = f"{letter}{acc_row}"
    layout.anchors["period_net_budget"] = f"{_letter(cols.total)}{net_row}"
    layout.anchors["period_net_followup"] = f"{_letter(cols.total + 1)}{net_row}"
    portfolio_nets = [[None if state(i, w, (INVESTMENT, SAVING)) == "none" else
                       sum(figures.net(c, i, w) or 0.0 for c in numbers) for i in range(n)] for w in (0, 1)]
    layout.put(acc_row + 1, 1, labels.PAYBACK_LINE.format(
        budget_word=cols.budget_word.lower(), second_word=cols.second_label_for_total().lower(),
        budget=_payback(portfolio_nets[0], cols.years), second=_payback(portfolio_nets[1], cols.years)))
    layout.anchors["payback"] = f"A{acc_row + 1}"

    row = acc_row + 3
    layout.put(row, 1, labels.PORTFOLIO_CASES, style=HEADER_LEFT)
    row += 1
    first_case_row = row
    for case in budget.cases:
        name = labels.CASE_LABEL.format(number=case.number, name=case.name)
        layout.put(row, 1, name, style=WRAPPED)
        if len(name) > NAME_FITS:
            layout.row_heights[row] = TWO_LINES_PT
        for column in range(2, cols.total + 2):
            layout.put(row, column, formula=f"={_letter(column)}{case_totals[case.number]}", style=AMOUNT)
        row += 1
    layout.put(row, 1, labels.PORTFOLIO_CASES_TOTAL, style=TOTAL_LABEL)
    for column in range(2, cols.total + 2):
        letter = _letter(column)
        if column < cols.total:
            i, which = divmod(column - 2, 2)
            found = state(i, which, (INVESTMENT, SAVING))
        else:
            found = figures.state([(c, i, column - cols.total, k) for c in numbers for i in range(n)
                                   for k in (INVESTMENT, SAVING)])
        layout.put(row, column, formula=_sum_or_empty(f"{letter}{first_case_row}:{letter}{row - 1}"),
                   style=_marked(found, TOTAL_AMOUNT, INCOMPLETE_TOTAL))
    for i, year in enumerate(cols.years):
        layout.anchors[f"cases_total_budget_{year}"] = f"{_letter(cols.of(i, 0))}{row}"
    layout.put(row + 1, 1, labels.SIGN_NOTE.format(unit=budget.settings.unit,
                                                   price_level=budget.settings.price_level),
               style=NOTE)
    layout.put(row + 2, 1, labels.INCOMPLETE_NOTE, style=NOTE)
    return row + 4


def _checks(layout: SheetLayout, budget: Budget, cols: _Columns, row: int) -> int:
    layout.put(row, 1, labels.CHECK_TITLE, style=TITLE)
    layout.anchors["checks"] = f"A{row}"
    mismatches = stated_total_mismatches(budget)
    booked = booking_check(budget)
    lines, alert = [], []
    if mismatches:
        lines += ([labels.CHECK_FOUND.format(count=len(mismatches))] + [m.message for m in mismatches]
                  + [labels.CHECK_ACTION])
        alert += [True] * len(lines)
    else:
        lines.append(labels.CHECK_NONE)
        alert.append(False)
    if booked is not None:
        lines.append(booked.message)
        alert.append(not booked.agrees)
    for offset, (message, alerting) in enumerate(zip(lines, alert), 1):
        if not alerting:
            layout.put(row + offset, 1, message)
            continue
        layout.put(row + offset, 1, message, style=ALERT)
        for column in range(2, cols.last + 1):
            layout.put(row + offset, column, None, style=ALERT)
        layout.merges.append((row + offset, 1, row + offset, cols.last))
        if len(message) > 150:
            layout.row_heights[row + offset] = TWO_LINES_PT
    return row + len(lines) + 2


def _net_chart(layout: SheetLayout, cols: _Columns, row: int) -> int:
    """A small table of the net (A+B) and the accumulated net per year, and its chart.

    Bars: the net per year, Budget beside the second column; lines: the accumulated net
    (payback where it goes below 0). The table's cells are formulas on the overview.
    """
    layout.put(row, 1, labels.NET_CHART_TITLE, style=TITLE)
    header = row + 1
    second = cols.second_label_for_total(" / ")  # spaces: the narrow header wraps there
    titles = (cols.budget_word, second, labels.ACCUMULATED.format(word=cols.budget_word.lower()),
              labels.ACCUMULATED.format(word=second.lower()))
    layout.put(header, 1, labels.YEAR, style=HEADER_LEFT)
    for column, title in enumerate(titles, start=2):
        layout.put(header, column, title, style=CellStyle(bold=True, align="center", fill=HEADER.fill, wrap=True))
    layout.row_heights[header] = 1.5 * TWO_LINES_PT
    for offset, year in enumerate(cols.years, start=1):
        layout.put(header + offset, 1, str(year))
        for column, key in enumerate(("net_budget", "net_followup", "accumulated_budget",
                                      "accumulated_followup"), start=2):
            layout.put(header + offset, column, formula=f"={layout.anchors[f'{key}_{year}']}", style=AMOUNT)
    last = header + len(cols.years)
    layout.anchors["net_chart_table"] = f"A{header}:E{last}"
    layout.charts.append(ChartSpec(
        kind="bar", title=labels.NET_CHART_TITLE, categories=(1, header + 1, last),
        series=(ChartSeries(titles[0], 2, header + 1, last), ChartSeries(titles[1], 3, header + 1, last),
                ChartSeries(titles[2], 4, header + 1, last, kind="line"),
                ChartSeries(titles[3], 5, header + 1, last, kind="line", dashed=True)),
        anchor=f"{_letter(7)}{row}", x_title=labels.YEAR, y_title=labels.MIO_KR,
        y_number_format="#,##0", width_cm=17.0, height_cm=8.0))
    return max(last + 2, row + CHART_ROWS)


def _top(layout: SheetLayout, budget: Budget, cols: _Columns, made_on: dt.date) -> None:
    settings = budget.settings
    title = (labels.SHEET_TITLE_WITH_PLACE.format(municipality=settings.municipality)
             if settings.municipality else labels.SHEET_TITLE)
    layout.put(1, 1, title, style=CellStyle(bold=True, size=14))
    layout.merges.append((1, 1, 1, cols.last))
    layout.put(2, 1, labels.SHEET_SUBTITLE.format(date=danish_date(made_on), unit=settings.unit,
                                                  price_level=settings.price_level), style=NOTE)
    layout.merges.append((2, 1, 2, cols.last))
    layout.row_heights[1] = 21.0
    layout.print_title_rows = (1, 2)
    layout.page_header = (settings.municipality or "", "",
                          labels.PAGE_HEADER_RIGHT.format(date=danish_date(made_on)))
    layout.page_footer = ("", labels.PAGE_FOOTER, "")
    mismatches = stated_total_mismatches(budget)
    if mismatches:
        layout.put(3, 1, labels.CHECK_WARNING.format(count=len(mismatches)), style=ALERT)
        layout.merges.append((3, 1, 3, cols.last))
        layout.anchors["check_warning"] = "A3"


def followup_layout(budget: Budget, expected=None, made_on: dt.date | None = None,
                    band_notes: dict[int, str] | None = None) -> SheetLayout:
    """The standard follow-up sheet for a budget: overview (with the block "Indregnet i
    budgettet", layout/booking.py), Kontrol, chart, case blocks.

    `expected`: optional {(case, year, kind): mio. kr.} of computed expected investments
    and savings (case_savings.expected_amounts_mio_kr); placed, in italics, in the
    Forventet column where the budget has no Forventet figure of its own. `made_on`:
    the date printed in the title and page header (default today). `band_notes`: optional
    {case: "besparelse ... (lav–høj)"} (layout/saving_band.py), appended to the case's summary.
    """
    made_on = made_on or dt.date.today()
    cols = _Columns(budget)
    figures = _Figures(budget, cols, expected)
    layout = SheetLayout(name=labels.FOLLOWUP_SHEET)
    layout.column_widths = {1: LABEL_COLUMN_WIDTH, **{c: AMOUNT_COLUMN_WIDTH for c in range(2, cols.total)},
                            cols.total: TOTAL_COLUMN_WIDTH, cols.total + 1: TOTAL_COLUMN_WIDTH}
    layout.anchors["made_on"] = made_on.isoformat()
    _top(layout, budget, cols, made_on)
    # The overview comes first but sums the case blocks below it: measure its height on
    # a scratch layout, then place the blocks after it.
    scratch = SheetLayout(name="")
    any_rows = {c.number: 1 for c in budget.cases}
    overview_end = _portfolio(scratch, budget, cols, figures, 1, (1, 1), any_rows)
    # the block "Indregnet i budgettet" (layout/booking.py) follows the overview
    overview_rows = booking_block(scratch, budget, overview_end) - 1
    sections: list[tuple[int, int]] = [(1, TOP_ROWS)]
    start = TOP_ROWS + 1
    checks_start = start + overview_rows
    chart_start = _checks(SheetLayout(name=""), budget, cols, checks_start)
    first_block = block_row = chart_start + max(len(cols.years) + 3, CHART_ROWS)
    case_rows, blocks = {}, []
    for case in budget.cases:
        total_row, next_row = _case_block(layout, budget, cols, figures, case, block_row,
                                          (band_notes or {}).get(case.number))
        case_rows[case.number] = total_row
        blocks.append((block_row, next_row - 1))
        block_row = next_row
    booking_block(layout, budget, _portfolio(layout, budget, cols, figures, start, (first_block, block_row - 1),
                                             case_rows))
    sections.append((start, checks_start - 1))
    _checks(layout, budget, cols, checks_start)
    sections.append((checks_start, chart_start - 1))
    _net_chart(layout, cols, chart_start)
    sections.append((chart_start, first_block - 1))
    layout.page_breaks = break_between_blocks(layout, sections + blocks, forced={first_block})
    return layout
