"""Survival curves: the share of a cohort still on benefit k weeks after entry (share 0-1).

Spells or published points in, a `Curve` out; Kaplan-Meier, parametric fits (AIC),
areas between curves, and curves grouped for comparison.
"""

from invest_xl.survival.areas import Area, area_between, published_area_between, restricted_mean
from invest_xl.survival.comparisons import CurveGroup, CurveSource, groups_from_points, groups_from_spells
from invest_xl.survival.curve import MAX_HORIZON_WEEKS, PUBLISHED_WEEKS, Curve, check_horizon, grid_weeks
from invest_xl.survival.extrapolation import BEST, Extrapolated, extrapolate, extrapolate_at
from invest_xl.survival.families import BY_NAME as FAMILIES_BY_NAME
from invest_xl.survival.relative import MODELS as RELATIVE_MODELS
from invest_xl.survival.fitting import FamilyFit, FitReport, fit_points, fit_spells
from invest_xl.survival.kaplan_meier import KaplanMeier, kaplan_meier, kaplan_meier_days, spell_curves
from invest_xl.survival.points import points_curve, read_points
from invest_xl.survival.spells import Spells, merge_returns, read_spells
