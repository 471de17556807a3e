"""Domain results -> the 2-D lists a UDF spills into cells (rows of a small table).

Only arrangement and Danish headings: every number comes from the package's result
objects as they are. Blanks are None (an empty cell), never NaN (Excel's #NUM!).
"""

from __future__ import annotations

import math

from invest_xl import formatting, labels
from invest_xl.formatting import short_number


def column(values) -> list[list]:
    """A spilled column: one value per row."""
    return [[_cell(v)] for v in values]


def _cell(value):
    if value is None:
        return None
    value = float(value) if not isinstance(value, str) else value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def portfolio_rows(totals) -> list[list]:
    """Totals per year (A, B, A+B) as År / A / B / A+B rows (`budget.portfolio.ColumnTotals`)."""
    return [[labels.YEAR, *totals.years],
            [labels.PORTFOLIO_INVESTMENT, *totals.investment],
            [labels.PORTFOLIO_SAVING, *totals.saving],
            [labels.PORTFOLIO_NET, *totals.net]]


def fit_summary_rows(report, chosen: str, warnings=()) -> list[list]:
    """One row per family, lowest AIC first: family, parameters, AIC, the chosen mark; then
    one row per plausibility warning: Advarsel | its text."""
    rows = [list(labels.FAMILY_COLUMNS)]
    fits = sorted(report.fits, key=lambda f: (not math.isfinite(f.aic), f.aic))
    for fit in fits:
        params = "; ".join(f"{k} = {formatting.danish_number(v, 4)}" for k, v in fit.params.items())
        rows.append([fit.name, params, _cell(fit.aic), labels.CHOSEN_MARK if fit.name == chosen else None])
    rows += [[labels.WARNING, warning, None, None] for warning in warnings]
    return rows


def kaplan_meier_rows(curves, weeks) -> list[list]:
    """Weeks down the first column, one share column per group (blank past its follow-up)."""
    rows = [[labels.WEEK, *[c.label for c in curves]]]
    for i, week in enumerate(weeks):
        rows.append([float(week), *[_cell(c.share[i]) if week <= c.last_observed_week else None
                                    for c in curves]])
    return rows


def band_rows(curve) -> list[list]:
    """One curve with its band: Uge | Andel | Nedre | Øvre."""
    level = f"{short_number(curve.level * 100)} %"
    rows = [[labels.WEEK, labels.SHARE, labels.BAND_LOWER.format(level=level),
             labels.BAND_UPPER.format(level=level)]]
    for i, week in enumerate(curve.weeks):
        rows.append([float(week), _cell(curve.share[i]), _cell(curve.lower[i]), _cell(curve.upper[i])])
    return rows


def area_row(area) -> list[list]:
    """Weeks saved per participant and its interval, in one row; without a band, the
    reason stands where the lower bound would."""
    if not area.has_band:
        return [[_cell(area.weeks), area.note or None, None]]
    return [[_cell(area.weeks), _cell(area.lower), _cell(area.upper)]]


def yearly_rows(years, named_rows) -> list[list]:
    """A spilled row per result line over the years: År, then (label, values) lines."""
    return [[labels.YEAR, *years], *[[label, *[_cell(v) for v in values]] for label, values in named_rows]]


def curve_savings_rows(result) -> list[list]:
    """The curve method per year: weeks, full-time persons, gross and net saving (kr.), then
    the net saving's low and high from the curves' bands."""
    return yearly_rows(result.years, zip(labels.CURVE_SAVINGS_ROWS + labels.CURVE_SAVINGS_BAND_ROWS, (
        result.weeks_saved, result.fte_saved, result.gross_saving_kr, result.saving_kr,
        result.saving_low_kr, result.saving_high_kr)))


def fte_savings_rows(result) -> list[list]:
    """The FTE method per year: investment, full-time persons fewer, saving, transitions, net (kr.)."""
    return yearly_rows(result.years, zip(labels.FTE_SAVINGS_ROWS, (
        result.investment_kr, result.reduction_fte, result.reduction_saving_kr, result.transition_cost_kr,
        result.yearly.net_kr)))

