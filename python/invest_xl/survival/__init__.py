"""Survival curves: the share of a cohort still on benefit k weeks after entry (share 0-1).

Spells or published points in, a `Curve` out; Kaplan-Meier, parametric fits (AIC),
areas between curves, and curves grouped for comparison.

The names below are imported on first use (PEP 562), so `invest-xl curves` does not
pay for the fitting modules (scipy.optimize) it never calls.
"""

from importlib import import_module

_WHERE = {
    "Area": "areas", "area_between": "areas", "published_area_between": "areas",
    "restricted_mean": "areas",
    "CurveGroup": "comparisons", "CurveSource": "comparisons",
    "groups_from_points": "comparisons", "groups_from_spells": "comparisons",
    "MAX_HORIZON_WEEKS": "curve", "PUBLISHED_WEEKS": "curve", "Curve": "curve",
    "check_horizon": "curve", "grid_weeks": "curve",
    "BEST": "extrapolation", "Extrapolated": "extrapolation", "extrapolate": "extrapolation",
    "extrapolate_at": "extrapolation",
    "FAMILIES_BY_NAME": ("families", "BY_NAME"),
    "RELATIVE_MODELS": ("relative", "MODELS"),
    "FamilyFit": "fitting", "FitReport": "fitting", "fit_points": "fitting",
    "fit_spells": "fitting",
    "KaplanMeier": "kaplan_meier", "kaplan_meier": "kaplan_meier",
    "kaplan_meier_days": "kaplan_meier", "spell_curves": "kaplan_meier",
    "points_curve": "points", "read_points": "points",
    "Spells": "spells", "merge_returns": "spells", "read_spells": "spells",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'invest_xl.survival' has no attribute '{name}'")
    module, attribute = where if isinstance(where, tuple) else (where, name)
    value = getattr(import_module(f"invest_xl.survival.{module}"), attribute)
    globals()[name] = value
    return value
