"""Survival curves that belong together, each with its fitted family, ready to compare.

Two sources: published points per case (table Kurvepunkter, read by
`workbook.curve_tables`), and spells (table Forloeb), where the group named "målgruppe"
(or else the first) is the reference and its entrants of the last year are compared
with those of the earlier years (the baseline, so that the effect is not confused with
the business cycle). Points are fitted by `fitting.fit_points` (lowest AIC), spells by
Kaplan-Meier and `fitting.fit_spells`. `layout.curve_sheet` lays the groups out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from invest_xl.formatting import danish_date, fold
from invest_xl.survival.curve import Curve
from invest_xl.survival.fitting import FamilyFit, FitReport, fit_points, fit_spells
from invest_xl.survival.period_table import PeriodTable, period_table
from invest_xl.survival.plausibility import plausibility_warnings
from invest_xl.survival.kaplan_meier import kaplan_meier_days
from invest_xl.survival.spells import as_date, durations, entry_years, merge_returns, read_spells

POINTS_TABLE = "Kurvepunkter"
SPELLS_TABLE = "Forloeb"
REFERENCE_GROUP = "målgruppe"
DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class CurveSource:
    """One observed curve and its fitted family: name, observed weeks and shares (0-1).

    `observed` is the curve as read (points, or Kaplan-Meier with its band) and `report`
    every family fitted to it, for the plausibility warnings (`comparison_warnings`).
    """

    name: str
    weeks: tuple[float, ...]
    shares: tuple[float, ...]
    fit: FamilyFit
    observed: Curve | None = None
    report: FitReport | None = None


@dataclass(frozen=True)
class CurveGroup:
    """Curves that belong together (one case, or the spells): the first is the reference.

    `table`: the spells' curves by entry period as municipalities publish them
    (`period_table`), on the first group from spells.
    """

    title: str
    curves: tuple[CurveSource, ...]
    table: PeriodTable | None = None


def _points_source(name: str, curve: Curve) -> CurveSource:
    report = fit_points(curve.weeks, curve.share, label=name)
    return CurveSource(name, tuple(curve.weeks.tolist()), tuple(curve.share.tolist()), report.best, curve, report)


def groups_from_points(curves_by_case: dict) -> list[CurveGroup]:
    """One group per case of Kurvepunkter (`curve_tables.curves_by_case`): the first curve
    (Målgruppe) is the reference; a case needs at least two curves."""
    groups = []
    for case, curves in curves_by_case.items():
        if len(curves) >= 2:
            title = POINTS_TABLE if case is None else f"{POINTS_TABLE}, sag {case}"
            groups.append(CurveGroup(title, tuple(_points_source(name, curve)
                                                  for name, curve in curves.items())))
    return groups


def _spell_source(name: str, spells, cutoff) -> CurveSource:
    days, observed, _ = durations(spells, cutoff)
    km = kaplan_meier_days(days, observed, label=name).curve()
    report = fit_spells(days / DAYS_PER_WEEK, observed, label=name)
    return CurveSource(name, tuple(km.weeks.tolist()), tuple(km.share.tolist()), report.best, km, report)


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
                                 f"{danish_date(as_date(cutoff))})", curves))
    reference = spells.subset(spells.group == names[0])
    years = entry_years(reference.start)
    first, last = int(years.min()), int(years.max())
    if first < last:
        baseline = f"{names[0]} basis {first}-{last - 1}" if first < last - 1 else f"{names[0]} basis {first}"
        curves = (_spell_source(baseline, reference.subset(years < last), cutoff),
                  _spell_source(f"{names[0]} {last}", reference.subset(years == last), cutoff))
        groups.append(CurveGroup(f"{SPELLS_TABLE}: {names[0]}, startår {last} mod basis "
                                 f"(skæringsdato {danish_date(as_date(cutoff))})", curves))
    if groups:
        groups[0] = replace(groups[0], table=period_table(spells, cutoff, names))
    return groups


def comparison_warnings(reference: CurveSource, other: CurveSource, horizon: float) -> list[str]:
    """The plausibility warnings (`plausibility`) of both curves' fits read to `horizon`
    weeks, each after its curve's name. `other` is checked against `reference` only where
    it is extrapolated (observed for fewer weeks than the horizon): below the reference in
    observed weeks is the effect itself, not a doubt about a forecast."""
    warnings = []
    for curve in (reference, other):
        if curve.observed is None:
            continue
        share = float(curve.fit.survival_at([horizon])[0])
        extrapolated = horizon > curve.fit.last_observed_week
        against = reference.observed if curve is other and extrapolated else None
        found = plausibility_warnings(curve.observed, horizon, report=curve.report, used=curve.fit.name,
                                      share_at_horizon=share, reference=against)
        warnings += [f"{curve.name}: {text}" for text in found]
    return warnings
