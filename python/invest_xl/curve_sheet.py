"""The curve sheet: published points in, fitted curves, weeks saved and line charts out.

Input is one Excel table, `Kurvepunkter`: a column of weeks ("Uge") and one column of
shares still on benefit per curve (% or 0-1), blank below a curve's last observed week
(an incomplete cohort). The first curve is the reference (målgruppe, or a baseline
such as 2017-2019); every other curve is compared with it. For each curve the family
with the lowest AIC is fitted (`fitting.fit_points`); per comparison the sheet shows a
table of data, model and extrapolated model on the weeks, the benefit-weeks saved per
participant over the horizon (`areas.area_between`), and a native line chart where the
extrapolated part is its own dashed series. The same SheetLayout is rendered into a
file by `workbook.py` and into the open workbook by `xlwings_render.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from invest_xl import excel_args
from invest_xl.areas import area_between
from invest_xl.cells import is_blank
from invest_xl.curve import PUBLISHED_WEEKS
from invest_xl.errors import InvestXLError
from invest_xl.fitting import FamilyFit, fit_points
from invest_xl.labels import danish_number
from invest_xl.layout import HEADER, HEADER_LEFT, NOTE, TITLE, CellStyle, ChartSeries, ChartSpec, SheetLayout

POINTS_TABLE = "Kurvepunkter"
POINTS_SHEET = "Kurver"
RESULT_SHEET = "Kurveberegning"
HORIZON_WEEKS = 52.0
SHARE_FORMAT = "0.0%"
WEEKS_FORMAT = "0.0"
SHARE = CellStyle(number_format=SHARE_FORMAT)
WEEKS = CellStyle(number_format=WEEKS_FORMAT)
BLOCK_WIDTH = 7  # Uge + (data, model, fremskrevet) for two curves


@dataclass(frozen=True)
class NamedPoints:
    """One curve's published points: its name (the column header), weeks and shares."""

    name: str
    weeks: list
    shares: list


def points_from_rows(rows, argument: str = POINTS_TABLE) -> list[NamedPoints]:
    """The curves of a points table given as rows (header first), blanks trailing.

    The first column holds the weeks; each further column one curve. A curve's points
    end at its last non-blank share; a blank above that is refused.
    """
    rows = excel_args.table(rows, argument, min_columns=2)
    header, body = rows[0], rows[1:]
    curves = []
    for column in range(1, len(header)):
        name = header[column]
        if is_blank(name):
            if all(is_blank(row[column]) for row in body):
                continue
            raise InvestXLError(f"{argument}: kolonne {column + 1} har ingen overskrift")
        shares = [row[column] for row in body]
        while shares and is_blank(shares[-1]):
            shares.pop()
        label = f"{argument}, kolonnen '{name}'"
        weeks = excel_args.vector([row[0] for row in body[:len(shares)]], f"{argument}, ugerne")
        curves.append(NamedPoints(str(name).strip(), weeks, excel_args.vector(shares, label)))
    if len(curves) < 2:
        raise InvestXLError(f"{argument}: der skal være mindst to kurver at sammenligne "
                            f"(en referencekurve og en mere)")
    return curves


def best_fit(points: NamedPoints) -> FamilyFit:
    """The family with the lowest AIC fitted to the points (least squares on the shares)."""
    try:
        return fit_points(points.weeks, points.shares, label=points.name).best
    except InvestXLError as error:
        raise InvestXLError(f"kurven '{points.name}': {error.message}") from None


def _table_weeks(*curves: NamedPoints, horizon: float) -> np.ndarray:
    weeks = set(PUBLISHED_WEEKS[PUBLISHED_WEEKS <= horizon].tolist())
    for curve in curves:
        weeks.update(float(w) for w in excel_args.numbers(curve.weeks, curve.name))
    return np.array(sorted(w for w in weeks if w <= horizon))


def _comparison_block(layout: SheetLayout, row: int, reference: tuple[NamedPoints, FamilyFit],
                      other: tuple[NamedPoints, FamilyFit], horizon: float) -> int:
    (ref_points, ref_fit), (other_points, other_fit) = reference, other
    layout.put(row, 1, f"{other_points.name} sammenlignet med {ref_points.name}", style=TITLE)
    area = area_between(ref_fit, other_fit, horizon)
    layout.put(row + 1, 1, f"Sparede ydelsesuger pr. deltager i uge 0-{horizon:g}")
    layout.put(row + 1, 4, area.weeks, style=WEEKS)
    layout.put(row + 1, 5, f"95 %-interval {danish_number(area.lower, 1)} til "
                           f"{danish_number(area.upper, 1)} uger", style=NOTE)
    header = row + 3
    # A blank corner cell lets Excel take the weeks as the x-axis when a chart is made
    # from the whole block (the xlwings path); the x-axis title says "uger".
    layout.put(header, 1, None, style=HEADER_LEFT)
    weeks = _table_weeks(ref_points, other_points, horizon=horizon)
    series = []
    for offset, (points, fit) in enumerate(((ref_points, ref_fit), (other_points, other_fit))):
        first_column = 2 + 3 * offset
        observed = dict(zip(excel_args.numbers(points.weeks, points.name),
                            excel_args.numbers(points.shares, points.name)))
        percent = max(observed.values()) > 1
        model = fit.survival_at(weeks)
        titles = (f"{points.name} (data)", f"{points.name} (model)",
                  f"{points.name} (fremskrevet)")
        for i, title in enumerate(titles):
            layout.put(header, first_column + i, title, style=HEADER)
        for r, week in enumerate(weeks, start=header + 1):
            layout.put(r, 1, float(week))
            if week in observed:
                layout.put(r, first_column, observed[week] / (100 if percent else 1), style=SHARE)
            if week <= fit.last_observed_week:
                layout.put(r, first_column + 1, float(model[r - header - 1]), style=SHARE)
            if week >= fit.last_observed_week:
                layout.put(r, first_column + 2, float(model[r - header - 1]), style=SHARE)
        last = header + len(weeks)
        series += [ChartSeries(titles[0], first_column, header + 1, last),
                   ChartSeries(titles[1], first_column + 1, header + 1, last),
                   ChartSeries(titles[2], first_column + 2, header + 1, last, dashed=True)]
    last = header + len(weeks)
    layout.charts.append(ChartSpec(
        kind="line", title=f"Andel på ydelse: {other_points.name} og {ref_points.name}",
        categories=(1, header + 1, last), series=tuple(series), anchor=f"I{row}",
        x_title="Uger efter start", y_title="Andel på ydelse", y_number_format="0%"))
    return max(last, row + 16) + 2


def _fit_summary(layout: SheetLayout, row: int, fits: list[tuple[NamedPoints, FamilyFit]]) -> int:
    layout.put(row, 1, "Tilpassede kurver (laveste AIC)", style=TITLE)
    for column, title in enumerate(("Kurve", "Fordeling", "Parametre", "AIC",
                                    "Sidste observerede uge"), start=1):
        layout.put(row + 1, column, title, style=HEADER_LEFT if column == 1 else HEADER)
    for r, (points, fit) in enumerate(fits, start=row + 2):
        layout.put(r, 1, points.name)
        layout.put(r, 2, fit.family.label)
        layout.put(r, 3, "; ".join(f"{k} = {danish_number(v, 3)}" for k, v in fit.params.items()))
        layout.put(r, 4, float(fit.aic), style=CellStyle(number_format="0.0"))
        layout.put(r, 5, float(fit.last_observed_week), style=CellStyle(number_format="0"))
    return row + len(fits) + 3


def curves_layout(curves: list[NamedPoints], horizon_weeks: float = HORIZON_WEEKS) -> SheetLayout:
    """The curve sheet for the points: fit summary, then one block and chart per comparison."""
    layout = SheetLayout(name=RESULT_SHEET, landscape=True)
    layout.column_widths = {1: 44, **{c: 16 for c in range(2, BLOCK_WIDTH + 1)}}
    fits = [(points, best_fit(points)) for points in curves]
    layout.put(1, 1, "Overlevelseskurver: data, tilpasset model og fremskrivning", style=TITLE)
    layout.put(2, 1, f"Reference: {curves[0].name}. Fremskrevet = modellen efter kurvens sidste "
                     "observerede uge.", style=NOTE)
    row = _fit_summary(layout, 4, fits)
    for other in fits[1:]:
        row = _comparison_block(layout, row, fits[0], other, horizon_weeks)
    return layout
