"""The curves' bands carried into money: the curve method's low and high saving per year."""

import numpy as np
import pytest

from invest_xl.savings.curve_method import CurveInput, curve_input_savings, curve_savings
from invest_xl.savings.extrapolation import Extrapolation
from invest_xl.savings.refund import RefundRule
from invest_xl.survival.curve import Curve
from invest_xl.survival.extrapolation import extrapolate
from invest_xl.survival.points import points_curve

# 52 kr. a year per full-time person and no refund: one saved week is 1 kr.
MONEY = {"gross_per_fte_kr": 52.0, "refund": RefundRule.flat(0.0)}


def test_observed_bands_give_the_least_and_most_favourable_gap():
    # target 0,8 (band 0,7-0,9), intervention 0,5 (band 0,45-0,6), steps, weeks 0-52:
    # one January entrant saves 52 weeks x 0,3 = 15,6 weeks in the year; the least
    # favourable gap is 0,7 - 0,6 = 0,1 (5,2 weeks), the most favourable 0,9 - 0,45 (23,4)
    flat = lambda value: np.full(53, value)  # noqa: E731
    result = curve_savings(flat(0.8), flat(0.5), [(2020, 1, 1)], [2020], extrapolation="none",
                           target_band=(flat(0.7), flat(0.9)), intervention_band=(flat(0.45), flat(0.6)),
                           **MONEY)
    assert result.weeks_saved == pytest.approx((15.6,))
    assert result.weeks_saved_low == pytest.approx((5.2,))
    assert result.weeks_saved_high == pytest.approx((23.4,))
    assert result.saving_low_kr == pytest.approx((-5.2,))
    assert result.saving_high_kr == pytest.approx((-23.4,))
    as_json = result.as_dict()
    assert as_json["saving_low_kr"] == pytest.approx([-5.2]) and as_json["weeks_saved_high"] == pytest.approx([23.4])


def test_without_a_band_low_and_high_equal_the_saving():
    flat = lambda value: np.full(53, value)  # noqa: E731
    result = curve_savings(flat(0.8), flat(0.5), [(2020, 1, 2)], [2020, 2021], extrapolation="hold", **MONEY)
    assert result.saving_low_kr == pytest.approx(result.saving_kr)
    assert result.saving_high_kr == pytest.approx(result.saving_kr)


def test_the_extrapolations_band_counts_past_the_last_observed_week():
    # observed exactly to week 26 (gap 0,3); past it the fitted curves 0,8 (0,7-0,9) and
    # 0,5 (0,4-0,6): low = 26 x 0,3 + 26 x 0,1 = 10,4 weeks, high = 7,8 + 26 x 0,5 = 20,8
    model = Extrapolation("model", target_model=(0.8,) * 60, intervention_model=(0.5,) * 60,
                          target_model_band=((0.7,) * 60, (0.9,) * 60),
                          intervention_model_band=((0.4,) * 60, (0.6,) * 60))
    result = curve_savings(np.full(27, 0.8), np.full(27, 0.5), [(2020, 1, 1)], [2020],
                           extrapolation=model, **MONEY)
    assert result.weeks_saved == pytest.approx((15.6,))
    assert result.weeks_saved_low == pytest.approx((10.4,))
    assert result.weeks_saved_high == pytest.approx((20.8,))


def test_hold_holds_the_last_low_and_high_gap():
    # band only on the intervention group, at the last observed week 10: 0,4-0,6, so the
    # held gap past week 10 is 0,2 low and 0,4 high; weeks 0-9: 0,3 each way (exact target
    # and intervention band equal to its share there)
    weeks = np.arange(11)
    intervention = np.full(11, 0.5)
    lower = np.where(weeks < 10, 0.5, 0.4)
    upper = np.where(weeks < 10, 0.5, 0.6)
    result = curve_savings(np.full(11, 0.8), intervention, [(2020, 1, 1)], [2020], extrapolation="hold",
                           intervention_band=(lower, upper), **MONEY)
    assert result.weeks_saved_low == pytest.approx((10 * 0.3 + 42 * 0.2,))
    assert result.weeks_saved_high == pytest.approx((10 * 0.3 + 42 * 0.4,))


def test_a_workbook_case_with_model_extrapolation_carries_the_fitted_bands():
    # a case's points (no band), the young intervention group extrapolated by model
    # averaging: the low and high follow from the two model averages' bands read by hand
    target = points_curve([0, 4, 8, 13, 17, 21, 26], [1.0, 0.85, 0.75, 0.66, 0.61, 0.57, 0.53])
    intervention = points_curve([0, 4, 8, 13], [1.0, 0.8, 0.66, 0.55])
    data = CurveInput(target=target, intervention=intervention, intake=((2020, 1, 1.0),),
                      extrapolation="model", **MONEY)
    result = curve_input_savings(data, [2020])
    weeks = np.arange(53, dtype=float)
    target_curve = extrapolate(target, 52).curve
    intervention_curve = extrapolate(intervention, 52).curve
    observed_target = np.interp(np.arange(14), target.weeks, target.share)
    observed_intervention = np.interp(np.arange(14), intervention.weeks, intervention.share)

    def weeks_saved(target_past, intervention_past):
        # weeks 0-12 between the observed points, weeks 13-51 between the fitted values
        # (straight lines between the weeks: each week the mean of its two ends)
        seen = observed_target - observed_intervention
        fitted = target_past - intervention_past
        return float(np.sum(seen[:-1] + seen[1:]) / 2 + np.sum(fitted[13:52] + fitted[14:53]) / 2)
    assert result.weeks_saved[0] == pytest.approx(weeks_saved(target_curve.share, intervention_curve.share))
    assert result.weeks_saved_low[0] == pytest.approx(weeks_saved(target_curve.lower, intervention_curve.upper))
    assert result.weeks_saved_high[0] == pytest.approx(weeks_saved(target_curve.upper, intervention_curve.lower))
    assert result.weeks_saved_low[0] < result.weeks_saved[0] < result.weeks_saved_high[0]
    assert isinstance(target_curve, Curve) and len(weeks) == 53


REFERENCE_POINTS = [[1, 0, 1.0, 1.0], [1, 4, 0.85, 0.8], [1, 8, 0.75, 0.66], [1, 13, 0.66, 0.55],
                    [1, 17, 0.61, None], [1, 21, 0.57, None], [1, 26, 0.53, None], [1, 39, 0.47, None],
                    [1, 52, 0.43, None]]


def _reference_workbook(reference):
    from invest_xl.sample.budget import sample_budget
    from invest_xl.workbook import contract
    from invest_xl.workbook.budget_writer import add_tables, budget_workbook

    workbook = budget_workbook(sample_budget(), {1: {"Metode": "kurver"}})
    add_tables(workbook, [(contract.CURVE_INPUTS, [[1, "", 52, 0, 0, "model", None, "sats", reference]]),
                          (contract.CURVE_POINTS, REFERENCE_POINTS), (contract.INTAKE, [[1, 2020, 1, 1]])])
    return workbook


def test_kurveinput_reference_carries_the_young_group_relative_to_that_curve():
    from invest_xl.jobs import savings_from_workbook

    with_reference = savings_from_workbook(_reference_workbook("målgruppe"))[2][0].detail
    on_its_own = savings_from_workbook(_reference_workbook(""))[2][0].detail
    target = points_curve(*zip(*[(r[1], r[2]) for r in REFERENCE_POINTS]))
    intervention = points_curve([0, 4, 8, 13], [1.0, 0.8, 0.66, 0.55])
    # the same as the library's path: intervention relative to Målgruppe, read to week
    # 4 x 52; Målgruppe is known to week 52 and carried on by its own model average after
    grid = np.arange(4 * 52 + 1, dtype=float)
    own = extrapolate(target, 4 * 52).curve
    known = grid <= 52
    share = np.where(known, np.interp(grid, target.weeks, target.share), own.share)
    extended = Curve(grid, share, np.where(known, share, own.lower), np.where(known, share, own.upper),
                     label="Målgruppe", last_observed_week=4 * 52.0)
    relative = extrapolate(intervention, 4 * 52, reference=extended).curve
    assert with_reference.extrapolation.warnings[0] == ("referencen Målgruppe er kun kendt til uge 52; "
                                                        "derefter følger den sit eget modelgennemsnit")
    assert with_reference.extrapolation.intervention_model == pytest.approx(tuple(relative.share), abs=1e-12)
    assert with_reference.extrapolation.intervention_model_band[0] == pytest.approx(tuple(relative.lower),
                                                                                    abs=1e-12)
    assert with_reference.weeks_saved != pytest.approx(on_its_own.weeks_saved)


def test_kurveinput_reference_must_name_a_curve_of_the_case():
    from invest_xl.errors import InvestXLError
    from invest_xl.jobs import savings_from_workbook

    with pytest.raises(InvestXLError) as error:
        savings_from_workbook(_reference_workbook("Gennemsnit 2017-2019"))
    assert error.value.message.endswith("referencen 'Gennemsnit 2017-2019' er ikke en kurve i tabellen "
                                        "'Kurvepunkter' (kendte: Målgruppe, Indsatsgruppe).")


def test_the_follow_up_note_gives_the_period_saving_and_its_band_in_mio_kr():
    from types import SimpleNamespace

    from invest_xl.layout.saving_band import saving_band_note

    detail = SimpleNamespace(saving_kr=(-500_000.0, -700_000.0), saving_low_kr=(-300_000.0, -500_000.0),
                             saving_high_kr=(-700_000.0, -900_000.0))
    assert saving_band_note(SimpleNamespace(detail=detail)) == \
        "besparelse 1,2 mio. kr. (0,8–1,6), kurvernes bånd"
    assert saving_band_note(SimpleNamespace(detail=None)) is None


def test_the_follow_up_shows_a_kurver_cases_saving_band_under_its_block():
    # one entrant in January 2020, the sample budget's years 2020-2023, 52 mio. kr. a year
    # per full-time person and no refund: one saved week is 1 mio. kr.
    from invest_xl.jobs import followup_for_workbook
    from invest_xl.sample.budget import sample_budget
    from invest_xl.workbook import contract
    from invest_xl.workbook.budget_writer import add_tables, budget_workbook

    workbook = budget_workbook(sample_budget(), {1: {"Metode": "kurver"}})
    add_tables(workbook, [(contract.CURVE_INPUTS, [[1, "", 52_000_000, 0, 0, "model", None, "sats", ""]]),
                          (contract.CURVE_POINTS, REFERENCE_POINTS[:7]),
                          (contract.INTAKE, [[1, 2020, 1, 1]])])
    _, layout = followup_for_workbook(workbook)
    horizon = 4 * 52
    target = points_curve([0, 4, 8, 13, 17, 21, 26], [1.0, 0.85, 0.75, 0.66, 0.61, 0.57, 0.53])
    intervention = points_curve([0, 4, 8, 13], [1.0, 0.8, 0.66, 0.55])
    target_fit, intervention_fit = extrapolate(target, horizon).curve, extrapolate(intervention, horizon).curve
    seen = np.interp(np.arange(14), target.weeks, target.share) - np.interp(np.arange(14), intervention.weeks,
                                                                              intervention.share)

    def mio_kr(target_past, intervention_past):
        # weeks 0-13 between the observed points, 13-208 between the fitted weekly values
        fitted = np.clip(target_past, 0, 1) - np.clip(intervention_past, 0, 1)
        weeks = np.sum(seen[:-1] + seen[1:]) / 2 + np.sum(fitted[13:horizon] + fitted[14:horizon + 1]) / 2
        return f"{weeks:.1f}".replace(".", ",")
    expected = (f"Forventet besparelse {mio_kr(target_fit.share, intervention_fit.share)} mio. kr. "
                f"({mio_kr(target_fit.lower, intervention_fit.upper)}–"
                f"{mio_kr(target_fit.upper, intervention_fit.lower)}), kurvernes bånd.")

    def summary(case: int) -> str:
        row = int(layout.anchors[f"case{case}_note"][1:])
        return next(cell.value for cell in layout.cells if (cell.row, cell.column) == (row, 2))
    assert summary(1).endswith(expected)
    assert "besparelse" not in summary(2)
