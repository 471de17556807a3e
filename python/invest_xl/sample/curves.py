"""Sample curve points for the workbook's examples, from the synthetic spells (no real persons).

Kaplan-Meier shares on the published grid, rounded to 0.001 as Jobindsats publishes
them: the whole target group ("målgruppe"), and the intervention group's entrants of
the second half of 2020, observed only to about week 26 at the cut-off: an incomplete
cohort, so the examples show an extrapolation.
"""

from __future__ import annotations

from invest_xl.survival.kaplan_meier import spell_curves
from invest_xl.survival.spells import merge_returns, read_spells
from invest_xl.survival.synthetic import CUTOFF, make_spells

TARGET_LABEL = "målgruppe"
INTERVENTION_LABEL = "indsats 2020 H2"
DECIMALS = 3


def sample_points() -> tuple[list[float], list[float], list[float], int]:
    """(weeks, target shares, intervention shares (shorter), target cohort size); shares 0-1."""
    spells = merge_returns(read_spells(make_spells()))
    whole = {e.label: e for e in spell_curves(spells, CUTOFF)}
    halves = {e.label: e for e in spell_curves(spells, CUTOFF, by="half")}
    target = whole[TARGET_LABEL].curve()
    intervention = halves[INTERVENTION_LABEL].curve()
    return ([float(w) for w in target.weeks], [round(float(s), DECIMALS) for s in target.share],
            [round(float(s), DECIMALS) for s in intervention.share], whole[TARGET_LABEL].size)
