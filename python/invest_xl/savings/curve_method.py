"""The curve method: from two survival curves and the intake to kroner per budget year.

Inputs are plain weekly arrays: the share (0-1) of the target group (målgruppe) and of
the intervention group (indsatsgruppe) still on benefit at week 0, 1, 2, ... after
entry. Between two weeks the curves are either steps (``shape="step"``: the share at
week k holds for the whole week [k, k+1), as for Kaplan-Meier on whole weeks) or
straight lines (``shape="linear"``: published points read by linear interpolation). The
gap d(t) = target(t) - intervention(t) is integrated exactly over each week:

    step:    ∫ₖᵏ⁺¹ d = d[k]                      linear:  ∫ₖᵏ⁺¹ d = (d[k] + d[k+1]) / 2

and a week split by a new year is integrated exactly on each side, so that one
entrant's saved weeks over H weeks equal the area between the curves. Participants enter month by month;
each entrant's saved weeks fall on the calendar, and are summed into budget years (the
intake convolved with the gap). Budget years are counted as 52 weeks and a month as
52/12 weeks, entry at the start of the month (July starts at week 26 of its year), so
that 52 saved weeks are one full-time person (helårsperson). A week is valued at
gross yearly cost per full-time person / 52 x the municipality's share (1 - refund),
where the refund may follow the 2016 staircase by spell week (see refund.py).

Past the last observed week (the last index of the shorter array) the gap needs an
assumption, chosen explicitly and reported in every result:
``none`` (no saving after it), ``hold`` (the last gap stays), ``fade`` (the last gap
falls linearly to 0 over N weeks) or ``model`` (the gap between fitted curves).

The band carried into money: each result also gives a low and a high per budget year
(weeks and net kr.), the same computation on the least and the most favourable gap the
curves' bands allow,

    low gap  = target lower band - intervention upper band,
    high gap = target upper band - intervention lower band,

week by week, over the observed weeks (where a curve has a band, e.g. from its cohort
size) and the extrapolation (a ``model`` extrapolation's fitted band: the model average's
or the reference-relative fit's; ``hold``/``fade`` hold or fade the last low/high gap). A
curve without a band counts as exact. This bound, not a bootstrap, because the bands are
all the fitted curves give (the model average's band is a mixture and an envelope, not a
parameter distribution one could resample), it is reproducible by hand, and it errs on
the wide side: with two independent pointwise 95 % bands both curves lie inside theirs
with probability >= 90 %, and then the gap lies in this range; it is wider than a 95 %
interval of the difference (which would add the two half-widths in quadrature).

Sign convention in results: weeks and full-time persons saved are positive; the saving
in kr. is negative (budget convention, "- betyder mindreforbrug"). The "low" saving is the
smaller saving (fewer weeks, kr. nearer 0), the "high" the larger.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number
from invest_xl.savings.extrapolation import LINEAR, NONE, STEP, Extrapolation, extrapolation_for, gap_ends
from invest_xl.savings.refund import STAIRCASE, WEEKS_PER_YEAR, RefundRule

WEEKS_PER_MONTH = WEEKS_PER_YEAR / 12


@dataclass(frozen=True)
class CurveSavings:
    """The curve method's result per budget year, and how it was reached."""

    years: tuple[int, ...]
    weeks_saved: tuple[float, ...]
    gross_saving_kr: tuple[float, ...]
    saving_kr: tuple[float, ...]
    participants: float
    last_observed_week: int
    observed_area_weeks: float
    extrapolated_area_weeks: float
    gross_per_fte_kr: float
    refund: RefundRule
    extrapolation: Extrapolation
    weeks_saved_low: tuple[float, ...] = ()
    weeks_saved_high: tuple[float, ...] = ()
    saving_low_kr: tuple[float, ...] = ()
    saving_high_kr: tuple[float, ...] = ()

    @property
    def fte_saved(self) -> tuple[float, ...]:
        """Full-time persons saved per year: weeks / 52."""
        return tuple(w / WEEKS_PER_YEAR for w in self.weeks_saved)

    def as_dict(self) -> dict:
        return {
            "method": "curves", "years": list(self.years),
            "weeks_saved": list(self.weeks_saved), "fte_saved": list(self.fte_saved),
            "gross_saving_kr": list(self.gross_saving_kr), "saving_kr": list(self.saving_kr),
            "participants": self.participants, "last_observed_week": self.last_observed_week,
            "observed_area_weeks_per_participant": self.observed_area_weeks,
            "extrapolated_area_weeks_per_participant": self.extrapolated_area_weeks,
            "gross_per_fte_kr": self.gross_per_fte_kr, "refund": self.refund.as_dict(),
            "extrapolation": self.extrapolation.as_dict(),
            "weeks_saved_low": list(self.weeks_saved_low), "weeks_saved_high": list(self.weeks_saved_high),
            "saving_low_kr": list(self.saving_low_kr), "saving_high_kr": list(self.saving_high_kr),
            "band_rule": "low: target lower - intervention upper; high: target upper - intervention lower",
        }


def _intake(intake_per_month) -> list[tuple[int, int, float]]:
    rows = []
    for row in intake_per_month:
        if len(row) != 3:
            raise InvestXLError("tilgangen skal angives som (år, måned, personer)")
        year, month, persons = int(row[0]), int(row[1]), float(row[2])
        if not 1 <= month <= 12:
            raise InvestXLError(f"måned {month} findes ikke (brug 1-12)")
        if persons < 0 or not np.isfinite(persons):
            raise InvestXLError(f"tilgangen i {month}/{year} skal være 0 eller flere personer")
        rows.append((year, month, persons))
    if not rows:
        raise InvestXLError("der er ingen tilgang af deltagere")
    return rows


def curve_savings(target_share, intervention_share, intake_per_month, years, *,
                  gross_per_fte_kr: float, refund: RefundRule | float | str,
                  extrapolation: Extrapolation | str, weeks_before_entry: int = 0,
                  fade_weeks: int | None = None, target_model=None,
                  intervention_model=None, shape: str = STEP, target_band=None,
                  intervention_band=None) -> CurveSavings:
    """Benefit weeks and kroner saved per budget year by the curve method.

    target_share, intervention_share: weekly shares 0-1 still on benefit, week 0, 1, ...
    intake_per_month: (year, month 1-12, persons entering the intervention) rows.
    years: the budget years to report, consecutive (e.g. 2020-2023).
    gross_per_fte_kr: gross yearly benefit cost per full-time person, kr.
    refund: a flat refund share 0-1, "staircase" (the 2016 staircase, counted from
        `weeks_before_entry` benefit weeks), or a RefundRule.
    extrapolation: "none", "hold", "fade" (with `fade_weeks`), "model" (with
        `target_model`/`intervention_model`: fitted weekly shares from week 0), or an
        Extrapolation: the explicit assumption past the last observed week.
    shape: "step" (a week's share holds all week) or "linear" (straight lines between
        the weeks, as for published points); the gap is integrated exactly either way.
    target_band, intervention_band: optional weekly (lower, upper) arrays beside the
        shares, for the low and high results (module docstring); None = exact.
    """
    if not isinstance(refund, RefundRule):
        refund = (RefundRule.staircase(weeks_before_entry) if refund == STAIRCASE
                  else RefundRule.flat(float(refund)))
    if not isinstance(extrapolation, Extrapolation):
        extrapolation = Extrapolation(
            str(extrapolation), fade_weeks=fade_weeks,
            target_model=None if target_model is None else tuple(np.asarray(target_model, float).ravel()),
            intervention_model=(None if intervention_model is None
                                else tuple(np.asarray(intervention_model, float).ravel())))
    years = tuple(int(y) for y in years)
    if not years or list(years) != list(range(years[0], years[0] + len(years))):
        raise InvestXLError("budgetårene skal være på hinanden følgende år")
    if gross_per_fte_kr < 0:
        raise InvestXLError(f"bruttoudgiften pr. fuldtidsperson kan ikke være negativ ({short_number(gross_per_fte_kr)} kr.)")
    intake = _intake(intake_per_month)
    first = years[0]
    period_end = WEEKS_PER_YEAR * len(years)
    starts = {(y, m): WEEKS_PER_YEAR * (y - first) + (m - 1) * WEEKS_PER_MONTH for y, m, _ in intake}
    horizon = max(0, int(np.ceil(period_end - min(starts.values()))))
    value_per_week = gross_per_fte_kr / WEEKS_PER_YEAR * refund.municipal_shares(horizon)

    def yearly(target, intervention, assumed):
        gap_start, gap_end, last = gap_ends(target, intervention, assumed, horizon, shape)
        return (*_allocate(gap_start, gap_end, intake, starts, len(years), gross_per_fte_kr,
                           value_per_week), (gap_start + gap_end) / 2.0, last)
    weeks, gross, net, gap, last = yearly(target_share, intervention_share, extrapolation)
    target_low, target_high = _band_or_share(target_band, target_share, "målgruppens bånd")
    intervention_low, intervention_high = _band_or_share(intervention_band, intervention_share,
                                                         "indsatsgruppens bånd")
    weeks_low, _, net_low, _, _ = yearly(target_low, intervention_high, extrapolation.edge(False))
    weeks_high, _, net_high, _, _ = yearly(target_high, intervention_low, extrapolation.edge(True))
    observed = float(gap[:min(last, horizon)].sum())
    extrapolated = float(gap[min(last, horizon):].sum())
    floats = lambda values: tuple(float(v) for v in values)  # noqa: E731
    return CurveSavings(
        years=years, weeks_saved=floats(weeks),
        gross_saving_kr=floats(0.0 - gross), saving_kr=floats(0.0 - net),
        participants=float(sum(p for _, _, p in intake)), last_observed_week=last,
        observed_area_weeks=observed, extrapolated_area_weeks=extrapolated,
        gross_per_fte_kr=float(gross_per_fte_kr), refund=refund, extrapolation=extrapolation,
        weeks_saved_low=floats(weeks_low), weeks_saved_high=floats(weeks_high),
        saving_low_kr=floats(0.0 - net_low), saving_high_kr=floats(0.0 - net_high))


def _band_or_share(band, share, what: str):
    """A curve's weekly (lower, upper), or its share twice when it has no band (exact)."""
    if band is None:
        return share, share
    lower, upper = (np.asarray(edge, dtype=float).ravel() for edge in band)
    if lower.size != np.asarray(share).size or upper.size != lower.size:
        raise InvestXLError(f"{what} skal have lige så mange uger som kurven")
    return lower, upper


def _allocate(gap_start, gap_end, intake, starts, year_count: int, gross_per_fte_kr: float,
              value_per_week) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each entrant's gap integrated on the calendar and summed into budget years:
    (weeks saved, gross kr., net kr.) per year, positive."""
    horizon = gap_start.size
    weeks = np.zeros(year_count)
    gross = np.zeros(year_count)
    net = np.zeros(year_count)
    for year, month, persons in intake:
        begin = starts[(year, month)] + np.arange(horizon)
        for piece_start, piece_end in _year_pieces(begin):
            index = np.floor(piece_start / WEEKS_PER_YEAR).astype(int)
            inside = (index >= 0) & (index < year_count) & (piece_end > piece_start)
            early, late = (piece_start - begin)[inside], (piece_end - begin)[inside]
            # ∫ of start + (end - start) u over the piece [early, late] of the week (u in 0-1)
            area = (gap_start[inside] * (late - early)
                    + (gap_end - gap_start)[inside] * (late ** 2 - early ** 2) / 2.0)
            saved = persons * area
            np.add.at(weeks, index[inside], saved)
            np.add.at(gross, index[inside], saved * gross_per_fte_kr / WEEKS_PER_YEAR)
            np.add.at(net, index[inside], saved * value_per_week[inside])
    return weeks, gross, net


@dataclass(frozen=True)
class CurveInput:
    """One case's curve-method inputs: both groups' curves, the intake, costs and assumptions.

    `target`/`intervention`: the groups' curves (published points or estimates; the
    intervention group's may be shorter, a young cohort); `intake`: (year, month,
    persons) rows; `gross_per_fte_kr`: gross yearly benefit cost per full-time person,
    kr.; `extrapolation`: none/hold/fade/model past the last observed week; `index`: the
    price index the saving follows (sats).
    """

    target: object
    intervention: object
    intake: tuple[tuple[int, int, float], ...]
    gross_per_fte_kr: float
    refund: RefundRule
    extrapolation: str = NONE
    fade_weeks: int | None = None
    benefit: str = ""
    index: str = "sats"
    reference: object = None


def curve_input_savings(data: CurveInput, years) -> CurveSavings:
    """The curve method on one case's inputs over the budget `years` (kr. per year).

    `data.reference` (a complete Curve, optional): the ``model`` extrapolation carries
    the intervention group relative to it (proportional hazards or odds) instead of on
    its own. Curves with a band carry it into the low and high results.
    """
    years = tuple(years)
    extrapolation = extrapolation_for(
        data.extrapolation, fade_weeks=data.fade_weeks, target_points=data.target,
        intervention_points=data.intervention, years=years,
        first_entry_year=min((y for y, _, _ in data.intake), default=None),
        intervention_reference=data.reference)
    return curve_savings(weekly_shares(data.target)[0], weekly_shares(data.intervention)[0], data.intake,
                         years, gross_per_fte_kr=data.gross_per_fte_kr, refund=data.refund,
                         extrapolation=extrapolation, shape=LINEAR,
                         target_band=weekly_band(data.target), intervention_band=weekly_band(data.intervention))


def weekly_band(curve) -> tuple[np.ndarray, np.ndarray] | None:
    """A points Curve's band read week by week (linear between its points), or None."""
    if getattr(curve, "lower", None) is None:
        return None
    grid = np.arange(int(np.floor(float(np.max(curve.weeks)))) + 1, dtype=float)
    return np.interp(grid, curve.weeks, curve.lower), np.interp(grid, curve.weeks, curve.upper)


def _year_pieces(begin: np.ndarray):
    """Split each week [b, b+1) at the year boundary it may cross: two (start, end) arrays."""
    end = begin + 1.0
    boundary = (np.floor(begin / WEEKS_PER_YEAR) + 1.0) * WEEKS_PER_YEAR
    cut = np.minimum(end, boundary)
    yield begin, cut
    yield cut, end


def weekly_shares(estimate, weeks: int | None = None) -> tuple[np.ndarray, int]:
    """Weekly shares (week 0, 1, ...) from a Curve, KaplanMeier or fitted curve, and its last observed week.

    A Kaplan-Meier estimate or a fit is read with its own `survival_at`; a Curve given at
    sparser weeks (e.g. the published grid 0, 4, 8, 13, ...) is interpolated linearly
    between its points. Without `weeks`, the shares run to the last observed week;
    with `weeks`, that many weeks are returned (a fit extrapolates beyond its data).
    """
    last = getattr(estimate, "last_observed_week", None)
    if last is None:
        last = float(np.max(estimate.weeks))
    last = int(np.floor(last))
    count = last + 1 if weeks is None else int(weeks)
    grid = np.arange(count, dtype=float)
    if hasattr(estimate, "survival_at"):
        return np.asarray(estimate.survival_at(grid), dtype=float), last
    if weeks is not None and count > last + 1:
        raise InvestXLError(f"kurven '{estimate.label}' er kun kendt til uge {last}; "
                            "brug en tilpasset kurve for senere uger")
    return np.interp(grid, estimate.weeks, estimate.share), last
