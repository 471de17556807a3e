"""What changed since the last follow-up: the figures a follow-up keeps, and the sheet of changes.

Every follow-up we write carries a hidden sheet "Opfølgningsdata" holding its own
figures as plain values (case, name, year, kind, status, mio. kr.), the date it was made
and its period nets: values in cells survive Excel opening and saving the file, where
custom parts or cached formulas may not. `changes_layout` compares the figures of the
follow-up being written with those read back from an earlier one (workbook.previous) and
lays out "Ændringer siden DATO": per case and year the figures that differ (old, new,
difference), new and removed cases, and the change of the period net. mio. kr.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from invest_xl import labels
from invest_xl.budget.model import INVESTMENT, SAVING, Budget
from invest_xl.budget.portfolio import budget_totals, followup_totals
from invest_xl.formatting import danish_date
from invest_xl.layout.model import AMOUNT, HEADER, HEADER_LEFT, NOTE, TITLE, SheetLayout

# figures are entered to 0,001 mio. kr. (1.000 kr.); smaller differences are float noise
SAME_MIO_KR = 5e-7
DATA_HEADER_ROW = 4


@dataclass(frozen=True)
class FollowupFigures:
    """A follow-up's own figures: {(case, year, kind, status): mio. kr.}, names, date, nets."""

    made_on: dt.date
    names: dict[int, str]
    figures: dict[tuple[int, int, str, str], float]
    period_net_budget: float
    period_net_followup: float


def figures_of(budget: Budget, made_on: dt.date) -> FollowupFigures:
    """The figures the follow-up of `budget` shows (investment and saving, every status)."""
    return FollowupFigures(
        made_on=made_on, names={c.number: c.name for c in budget.cases},
        figures={(a.case, a.year, a.kind, a.status): a.mio_kr for a in budget.amounts
                 if a.kind in (INVESTMENT, SAVING)},
        period_net_budget=budget_totals(budget).period_net,
        period_net_followup=followup_totals(budget).period_net)


def data_layout(figures: FollowupFigures) -> SheetLayout:
    """The hidden sheet: the date, the period nets, then one row per figure."""
    layout = SheetLayout(name=labels.FOLLOWUP_DATA_SHEET, landscape=False, fit_to_width=False)
    layout.put(1, 1, labels.DATA_MADE_ON)
    layout.put(1, 2, figures.made_on.isoformat())
    layout.put(2, 1, labels.DATA_PERIOD_NET)
    layout.put(2, 2, figures.period_net_budget)
    layout.put(2, 3, figures.period_net_followup)
    for column, title in enumerate(labels.DATA_COLUMNS, 1):
        layout.put(DATA_HEADER_ROW, column, title)
    row = DATA_HEADER_ROW + 1
    for (case, year, kind, status), value in sorted(figures.figures.items()):
        for column, item in enumerate((case, figures.names[case], year, kind, status, value), 1):
            layout.put(row, column, item)
        row += 1
    return layout


def changed_figures(old: FollowupFigures, new: FollowupFigures) -> list[tuple]:
    """(case, year, kind, status, old or None, new or None) for every figure that differs."""
    keys = sorted(set(old.figures) | set(new.figures))
    changed = []
    for key in keys:
        before, after = old.figures.get(key), new.figures.get(key)
        if before is None or after is None or abs(before - after) > SAME_MIO_KR:
            if key[0] in old.names and key[0] in new.names:
                changed.append((*key, before, after))
    return changed


def changes_layout(old: FollowupFigures, new: FollowupFigures) -> SheetLayout:
    """The sheet "Ændringer": changed figures, new and removed cases, the period net."""
    layout = SheetLayout(name=labels.CHANGES_SHEET)
    layout.column_widths = {1: 50, 2: 8, 3: 26, 4: 12, 5: 12, 6: 12, 7: 12}
    layout.put(1, 1, labels.CHANGES_TITLE.format(date=danish_date(old.made_on)), style=TITLE)
    layout.put(2, 1, labels.CHANGES_NOTE.format(old=danish_date(old.made_on), new=danish_date(new.made_on)),
               style=NOTE)
    layout.put(4, 1, labels.CHANGES_PERIOD_NET, style=TITLE)
    for column, title in enumerate(labels.CHANGES_NET_COLUMNS, 1):
        layout.put(5, column, title, style=HEADER_LEFT if column == 1 else HEADER)
    nets = ((labels.CHANGES_NET_BUDGET, old.period_net_budget, new.period_net_budget),
            (labels.CHANGES_NET_FOLLOWUP, old.period_net_followup, new.period_net_followup))
    for row, (label, before, after) in enumerate(nets, 6):
        layout.put(row, 1, label)
        for column, value in zip((4, 5, 6), (before, after, after - before)):
            layout.put(row, column, value, style=AMOUNT)
    row = 9
    added = [n for n in new.names if n not in old.names]
    removed = [n for n in old.names if n not in new.names]
    layout.put(row, 1, labels.CHANGES_CASES, style=TITLE)
    row += 1
    for number in added:
        layout.put(row, 1, labels.CHANGES_NEW_CASE.format(number=number, name=new.names[number]))
        row += 1
    for number in removed:
        layout.put(row, 1, labels.CHANGES_REMOVED_CASE.format(number=number, name=old.names[number]))
        row += 1
    if not added and not removed:
        layout.put(row, 1, labels.CHANGES_NO_CASES)
        row += 1
    row += 1
    layout.put(row, 1, labels.CHANGES_FIGURES, style=TITLE)
    row += 1
    for column, title in enumerate(labels.CHANGES_COLUMNS, 1):
        layout.put(row, column, title, style=HEADER_LEFT if column == 1 else HEADER)
    layout.anchors["changes_header"] = f"A{row}"
    row += 1
    changed = changed_figures(old, new)
    for case, year, kind, status, before, after in changed:
        layout.put(row, 1, labels.CASE_LABEL.format(number=case, name=new.names[case]))
        layout.put(row, 2, year)
        layout.put(row, 3, f"{labels.KIND_WORDS[kind]}, {status}")
        for column, value in ((4, before), (5, after)):
            layout.put(row, column, value, style=AMOUNT)
        if before is not None and after is not None:
            layout.put(row, 6, after - before, style=AMOUNT)
        row += 1
    if not changed:
        layout.put(row, 1, labels.CHANGES_NONE)
    layout.anchors["changes_count"] = str(len(changed))
    layout.page_footer = ("", labels.PAGE_FOOTER, "")
    return layout
