"""The curve sheet: survival curves compared, fitted, extrapolated and charted.

Two sources, both Excel tables of the budget workbook:

- `Forloeb` (spells: person, ydelse, start, slut, gruppe): Kaplan-Meier per group on
  the published grid, cut off at the latest date in the data, and each group's family
  fitted to its spells (`fitting.fit_spells`). The group named "målgruppe" (or else the
  first) is the reference; every other group is compared with it, and its entrants of
  the last year are compared with those of the earlier years (the baseline).
- `Kurvepunkter` (published points: [Sag,] Uge, then one column of shares per curve,
  % or 0-1): per case, the first curve (målgruppe) against each other curve, each fitted
  by `fitting.fit_points` (lowest AIC).

Per comparison the sheet shows a table of data, model and extrapolated model on the
weeks, the benefit-weeks saved per participant over the horizon
(`areas.area_between` of the fits), and a native line chart where the extrapolated
part is its own dashed series. The same SheetLayout is rendered into a file by
`workbook.py` and into the open workbook by `xlwings_render.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from invest_xl.excel import arguments as excel_args
from invest_xl.survival.areas import area_between
from invest_xl.workbook.cells import is_blank
from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.errors import InvestXLError
from invest_xl.survival.fitting import FamilyFit, fit_points, fit_spells
from invest_xl.survival.kaplan_meier import kaplan_meier_days
from invest_xl.labels import danish_number
from invest_xl.layout.followup import HEADER, HEADER_LEFT, NOTE, TITLE, CellStyle, ChartSeries, ChartSpec, SheetLayout
from invest_xl.survival.points import points_curve
from invest_xl.survival.spells import as_date, durations, entry_years, merge_returns, read_spells
from invest_xl.workbook.tables import fold

POINTS_TABLE = "Kurvepunkter"
SPELLS_TABLE = "Forloeb"
RESULT_SHEET = "Kurveberegning"
HORIZON_WEEKS = 52.0
REFERENCE_GROUP = "målgruppe"
DAYS_PER_WEEK = 7.0
SHARE_FORMAT = "0.0%"
WEEKS_FORMAT = "0.0"
SHARE = CellStyle(number_format=SHARE_FORMAT)
WEEKS = CellStyle(number_format=WEEKS_FORMAT)
BLOCK_WIDTH = 7  # weeks + (data, model, fremskrevet) for two curves


@dataclass(frozen=True)
class CurveSource:
    """One observed curve and its fitted family: name, observed weeks and shares (0-1)."""

    name: str
    weeks: tuple[float, ...]
    shares: tuple[float, ...]
    fit: FamilyFit


@dataclass(frozen=True)
class CurveGroup:
    """Curves that belong together (one case, or the spells): the first is the reference."""

    title: str
    curves: tuple[CurveSource, ...]


def _points_source(name: str, weeks: list, shares: list) -> CurveSource:
    try:
        curve = points_curve(weeks, shares, label=name)
        fit = fit_points(curve.weeks, curve.share, label=name).best
    except InvestXLError as error:
        raise InvestXLError(f"{POINTS_TABLE}, kurven '{name}': {error.message}") from None
    return CurveSource(name, tuple(curve.weeks.tolist()), tuple(curve.share.tolist()), fit)


def groups_from_points(rows) -> list[CurveGroup]:
    """Curve groups from the rows (header first) of a points table, one group per case.

    The weeks column is "Uge"; an optional "Sag" column splits the rows into cases; every
    other column is one curve, ending at its last non-blank share.
    """
    rows = excel_args.table(rows, POINTS_TABLE, min_columns=2)
    header = [fold(h) if not is_blank(h) else "" for h in rows[0]]
    if "uge" not in header and "uger" not in header:
        raise InvestXLError(f"{POINTS_TABLE}: overskriftsrækken mangler kolonnen 'Uge'")
    week_column = header.index("uge") if "uge" in header else header.index("uger")
    case_column = header.index("sag") if "sag" in header else None
    curve_columns = [c for c in range(len(header)) if c not in (week_column, case_column) and header[c]]
    cases: dict[object, list[list]] = {}
    for row in rows[1:]:
        cases.setdefault(None if case_column is None else row[case_column], []).append(row)
    groups = []
    for case, case_rows in cases.items():
        curves = []
        for column in curve_columns:
            shares = [row[column] for row in case_rows]
            while shares and is_blank(shares[-1]):
                shares.pop()
            if shares:
                curves.append(_points_source(str(rows[0][column]).strip(),
                                             [row[week_column] for row in case_rows[:len(shares)]],
                                             shares))
        if len(curves) >= 2:
            title = POINTS_TABLE if case is None else f"{POINTS_TABLE}, sag {excel_args.text(case, 'Sag')}"
            groups.append(CurveGroup(title, tuple(curves)))
    return groups


def _spell_source(name: str, spells, cutoff) -> CurveSource:
    days, observed, _ = durations(spells, cutoff)
    km = kaplan_meier_days(days, observed, label=name).curve()
    fit = fit_spells(days / DAYS_PER_WEEK, observed, label=name).best
    return CurveSource(name, tuple(km.weeks.tolist()), tuple(km.share.tolist()), fit)


def groups_from_spells(rows, gap_months: int | None = 1) -> list[CurveGroup]:
    """Curve groups from spells: every group against the reference group (målgruppe, or
    the first), and the reference group's last entry year against its earlier years (the
    baseline, so that the effect is not confused with the business cycle)."""
    spells = merge_returns(read_spells(rows), gap_months)
    cutoff = spells.last_date
    names = sorted(set(spells.group), key=lambda g: (fold(g) != fold(REFERENCE_GROUP), g))
    groups = []
    if len(names) >= 2:
        curves = tuple(_spell_source(name, spells.subset(spells.group == name), cutoff)
                       for name in names)
        groups.append(CurveGroup(f"{SPELLS_TABLE}: grupperne (Kaplan-Meier, skæringsdato "
                                 f"{as_date(cutoff)})", curves))
    reference = spells.subset(spells.group == names[0])
    years = entry_years(reference.start)
    first, last = int(years.min()), int(years.max())
    if first < last:
        baseline = f"{names[0]} basis {first}-{last - 1}" if first < last - 1 else f"{names[0]} basis {first}"
        curves = (_spell_source(baseline, reference.subset(years < last), cutoff),
                  _spell_source(f"{names[0]} {last}", reference.subset(years == last), cutoff))
        groups.append(CurveGroup(f"{SPELLS_TABLE}: {names[0]}, startår {last} mod basis "
                                 f"(skæringsdato {as_date(cutoff)})", curves))
    return groups


def _table_weeks(*curves: CurveSource, horizon: float) -> np.ndarray:
    weeks = set(PUBLISHED_WEEKS[PUBLISHED_WEEKS <= horizon].tolist())
    for curve in curves:
        weeks.update(curve.weeks)
    return np.array(sorted(w for w in weeks if w <= horizon))


def _comparison_block(layout: SheetLayout, row: int, reference: CurveSource, other: CurveSource,
                      horizon: float) -> int:
    layout.put(row, 1, f"{other.name} sammenlignet med {reference.name}", style=TITLE)
    area = area_between(reference.fit, other.fit, horizon)
    layout.put(row + 1, 1, f"Sparede ydelsesuger pr. deltager i uge 0-{horizon:g} (modellerne)")
    layout.put(row + 1, 2, area.weeks, style=WEEKS)
    layout.put(row + 1, 3, f"95 %-interval {danish_number(area.lower, 1)} til "
                           f"{danish_number(area.upper, 1)} uger", style=NOTE)
    header = row + 3
    # A blank corner cell lets Excel take the weeks as the x-axis when a chart is made
    # from the whole block (the xlwings path); the x-axis title says "uger".
    layout.put(header, 1, None, style=HEADER_LEFT)
    weeks = _table_weeks(reference, other, horizon=horizon)
    last = header + len(weeks)
    series = []
    for offset, curve in enumerate((reference, other)):
        first_column = 2 + 3 * offset
        observed = dict(zip(curve.weeks, curve.shares))
        model = curve.fit.survival_at(weeks)
        titles = (f"{curve.name} (data)", f"{curve.name} (model)", f"{curve.name} (fremskrevet)")
        for i, title in enumerate(titles):
            layout.put(header, first_column + i, title, style=HEADER)
        for r, week in enumerate(weeks, start=header + 1):
            layout.put(r, 1, float(week))
            if week in observed:
                layout.put(r, first_column, observed[week], style=SHARE)
            if week <= curve.fit.last_observed_week:
                layout.put(r, first_column + 1, float(model[r - header - 1]), style=SHARE)
            if week >= curve.fit.last_observed_week:
                layout.put(r, first_column + 2, float(model[r - header - 1]), style=SHARE)
        series += [ChartSeries(titles[0], first_column, header + 1, last),
                   ChartSeries(titles[1], first_column + 1, header + 1, last),
                   ChartSeries(titles[2], first_column + 2, header + 1, last, dashed=True)]
    layout.charts.append(ChartSpec(
        kind="line", title=f"Andel på ydelse: {other.name} og {reference.name}",
        categories=(1, header + 1, last), series=tuple(series), anchor=f"I{row}",
        x_title="Uger efter start", y_title="Andel på ydelse", y_number_format="0%"))
    return max(last, row + 17) + 2


def _fit_summary(layout: SheetLayout, row: int, group: CurveGroup) -> int:
    layout.put(row, 1, group.title, style=TITLE)
    for column, title in enumerate(("Kurve", "Fordeling (laveste AIC)", "Parametre", "AIC",
                                    "Sidste observerede uge"), start=1):
        layout.put(row + 1, column, title, style=HEADER_LEFT if column == 1 else HEADER)
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
    layout.column_widths = {1: 44, **{c: 16 for c in range(2, BLOCK_WIDTH + 1)}}
    layout.put(1, 1, "Overlevelseskurver: data, tilpasset model og fremskrivning", style=TITLE)
    layout.put(2, 1, "Fremskrevet = modellen efter kurvens sidste observerede uge. "
                     "Skrevet af knappen Opdater kurver; ret i tabellerne, ikke her.", style=NOTE)
    row = 4
    for group in groups:
        row = _fit_summary(layout, row, group)
        for other in group.curves[1:]:
            row = _comparison_block(layout, row, group.curves[0], other, horizon_weeks)
    return layout


def _table_values(workbook, name: str) -> list[list] | None:
    from invest_xl.workbook.tables import find_table, table_bounds

    found = find_table(workbook, name)
    if found is None:
        return None
    sheet, table = found
    min_col, min_row, max_col, max_row = table_bounds(sheet, table)
    return [list(row) for row in sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col,
                                                 max_col=max_col, values_only=True)]


def curve_groups_from_workbook(workbook) -> list[CurveGroup]:
    """The curve groups of an openpyxl workbook's tables Forloeb and Kurvepunkter (if present)."""
    groups = []
    spells = _table_values(workbook, SPELLS_TABLE)
    if spells is not None and len(spells) > 1:
        groups += groups_from_spells(spells)
    points = _table_values(workbook, POINTS_TABLE)
    if points is not None and any(not is_blank(v) for row in points[1:] for v in row):
        groups += groups_from_points(points)
    return groups
