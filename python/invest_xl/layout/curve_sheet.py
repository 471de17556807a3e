"""The curve sheet "Kurveberegning": survival curves compared, fitted, extrapolated, charted.

Per group of curves (`survival.comparisons`: a case's published points, or the spells'
groups and baseline) a fit summary; per comparison a table of data, model and
extrapolated model on the weeks, the benefit-weeks saved per participant over the
horizon (`areas.area_between` of the fits), the plausibility warnings of the two fits
(`comparisons.comparison_warnings`) as note lines under the table, and a native xy
chart (weeks on a value axis) in one colour per curve, the extrapolated part dashed. The same SheetLayout is rendered into a file
by `layout.openpyxl_render` and into the open workbook by `layout.xlwings_render`.
"""

from __future__ import annotations

import numpy as np

from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.formatting import danish_number, short_number
from invest_xl.layout.curve_table import put_period_table
from invest_xl.layout.model import (HEADER, HEADER_LEFT, NOTE, TITLE, WRAPPED, CellStyle, ChartSeries, ChartSpec,
                                    SheetLayout)
from invest_xl.survival.areas import area_between
from invest_xl.survival.comparisons import (POINTS_TABLE, SPELLS_TABLE, CurveGroup, CurveSource,
                                            comparison_warnings)
from invest_xl.survival.curve import PUBLISHED_WEEKS

RESULT_SHEET = labels.CURVE_SHEET
HORIZON_WEEKS = 52.0
SHARE_FORMAT = "0.0%"
WEEKS_FORMAT = "0.0"
SHARE = CellStyle(number_format=SHARE_FORMAT)
WEEKS = CellStyle(number_format=WEEKS_FORMAT)
BLOCK_WIDTH = 7  # weeks + (data, model, fremskrevet) for two curves
# one colour per curve of a comparison (reference first): its data, model and extrapolation
CURVE_COLORS = ("1F4E79", "C55A11")
WRAPPED_HEADER = CellStyle(bold=True, align="center", fill=HEADER.fill, wrap=True)
HEADER_HEIGHT = 45.0  # points: three lines of a wrapped header
WEEKS_STEP = 4.0


def _table_weeks(*curves: CurveSource, horizon: float) -> np.ndarray:
    weeks = set(PUBLISHED_WEEKS[PUBLISHED_WEEKS <= horizon].tolist())
    for curve in curves:
        weeks.update(curve.weeks)
    return np.array(sorted(w for w in weeks if w <= horizon))


def _comparison_block(layout: SheetLayout, row: int, reference: CurveSource, other: CurveSource,
                      horizon: float) -> int:
    layout.put(row, 1, labels.CURVE_COMPARED.format(other=other.name, reference=reference.name), style=TITLE)
    area = area_between(reference.fit, other.fit, horizon)
    layout.put(row + 1, 1, labels.CURVE_WEEKS_SAVED.format(horizon=short_number(horizon)), style=WRAPPED)
    layout.row_heights[row + 1] = 30.0
    layout.put(row + 1, 2, area.weeks, style=WEEKS)
    layout.put(row + 1, 3, labels.CURVE_INTERVAL.format(lower=danish_number(area.lower, 1),
                                                        upper=danish_number(area.upper, 1)), style=NOTE)
    header = row + 3
    # A blank corner cell lets Excel take the weeks as the x-axis when a chart is made
    # from the whole block (the xlwings path); the x-axis title says "uger".
    layout.put(header, 1, None, style=HEADER_LEFT)
    weeks = _table_weeks(reference, other, horizon=horizon)
    last = header + len(weeks)
    series = []
    layout.row_heights[header] = HEADER_HEIGHT
    for offset, curve in enumerate((reference, other)):
        first_column = 2 + 3 * offset
        observed = dict(zip(curve.weeks, curve.shares))
        model = curve.fit.survival_at(weeks)
        titles = tuple(title.format(name=curve.name) for title in labels.CURVE_COLUMNS)
        for i, title in enumerate(titles):
            layout.put(header, first_column + i, title, style=WRAPPED_HEADER)
        filled = [0, 0, 0]
        for r, week in enumerate(weeks, start=header + 1):
            layout.put(r, 1, float(week))
            if week in observed:
                layout.put(r, first_column, observed[week], style=SHARE)
                filled[0] += 1
            if week <= curve.fit.last_observed_week:
                layout.put(r, first_column + 1, float(model[r - header - 1]), style=SHARE)
                filled[1] += 1
            if week >= curve.fit.last_observed_week:
                layout.put(r, first_column + 2, float(model[r - header - 1]), style=SHARE)
                filled[2] += 1
        color = CURVE_COLORS[offset]
        candidates = [(ChartSeries(titles[0], first_column, header + 1, last, markers=True, color=color), 1),
                      (ChartSeries(titles[1], first_column + 1, header + 1, last, color=color), 2),
                      (ChartSeries(titles[2], first_column + 2, header + 1, last, dashed=True, color=color), 2)]
        # a line needs two points to be seen: a series without them would be an empty legend entry
        series += [item for (item, needed), count in zip(candidates, filled) if count >= needed]
    layout.charts.append(ChartSpec(
        kind="line", title=labels.CURVE_CHART_TITLE.format(other=other.name, reference=reference.name),
        categories=(1, header + 1, last), series=tuple(series), anchor=f"I{row}",
        x_title=labels.CURVE_CHART_X, y_title=labels.CURVE_CHART_Y, y_number_format="0%",
        y_range=(0.0, 1.0), x_is_value=True, x_range=(0.0, float(horizon)), x_major_unit=WEEKS_STEP))
    notes = comparison_warnings(reference, other, horizon)
    for r, text in enumerate(notes or [labels.CURVE_NO_WARNINGS], start=last + 2):
        layout.put(r, 1, f"{labels.WARNING}: {text}" if notes else text, style=NOTE)
    return max(last + 2 + max(len(notes), 1), row + 17) + 2


def _fit_summary(layout: SheetLayout, row: int, group: CurveGroup) -> int:
    layout.put(row, 1, group.title, style=TITLE)
    for column, title in enumerate(labels.FIT_SUMMARY_COLUMNS, start=1):
        layout.put(row + 1, column, title, style=HEADER_LEFT if column == 1 else WRAPPED_HEADER)
    layout.row_heights[row + 1] = HEADER_HEIGHT
    for r, curve in enumerate(group.curves, start=row + 2):
        layout.put(r, 1, curve.name)
        layout.put(r, 2, curve.fit.family.label)
        layout.put(r, 3, "; ".join(f"{k} = {danish_number(v, 3)}" for k, v in curve.fit.params.items()))
        layout.put(r, 4, float(curve.fit.aic), style=CellStyle(number_format="0.0"))
        layout.put(r, 5, float(curve.fit.last_observed_week), style=CellStyle(number_format="0.0"))
    return row + len(group.curves) + 3


def curves_layout(groups: list[CurveGroup], horizon_weeks: float = HORIZON_WEEKS) -> SheetLayout:
    """The curve sheet: per group a fit summary, then one block and chart per comparison."""
    if not groups:
        raise InvestXLError(f"Der er ingen kurver at sammenligne: tabellen '{SPELLS_TABLE}' skal have "
                            f"mindst to grupper, eller '{POINTS_TABLE}' mindst to kurver.")
    layout = SheetLayout(name=RESULT_SHEET)
    # column B holds "Fordeling (laveste AIC)" and the family names: wide enough not to cut them
    layout.column_widths = {1: 44, 2: 30, 3: 34, **{c: 16 for c in range(4, BLOCK_WIDTH + 1)}}
    layout.put(1, 1, labels.CURVE_SHEET_TITLE, style=TITLE)
    layout.put(2, 1, labels.CURVE_SHEET_NOTE, style=NOTE)
    row = 4
    for group in groups:
        row = _fit_summary(layout, row, group)
        for other in group.curves[1:]:
            row = _comparison_block(layout, row, group.curves[0], other, horizon_weeks)
        if group.table is not None:
            row = put_period_table(layout, row, group.table, SPELLS_TABLE)
    return layout
