"""Reading the savings tables from a budget workbook, and the follow-up's computed Forventet."""

import numpy as np
import pytest

from invest_xl.workbook import contract
from invest_xl.budget.model import EXPECTED, SAVING
from invest_xl.workbook.budget_writer import add_tables, budget_workbook
from invest_xl.jobs import savings_from_workbook
from invest_xl.savings.cases import expected_amounts_mio_kr
from invest_xl.errors import InvestXLError
from invest_xl.layout.followup import followup_layout
from invest_xl.sample.budget import sample_budget

# Points near the two-step curves of test_savings (target 1,0 to week 9, 0,7 from week
# 10; intervention 1,0 to week 4, 0,8 from week 5 to 9, 0,4 from week 10), joined by
# straight lines as published points are. The gap between the lines, worked by hand:
#   weeks 0-4: 0;  4-5: 0 -> 0,2 = 0,1;  5-9: 4 x 0,2 = 0,8;  9-10: 0,2 -> 0,3 = 0,25;
#   weeks 10-20: 10 x 0,3 = 3,0;  in all 4,15 benefit weeks per participant.
# (Until the weekly gap was integrated exactly, the left sum of whole weeks gave 4,0.)
STEP_POINTS = [[1, 0, 1.0, 1.0], [1, 4, 1.0, 1.0], [1, 5, 1.0, 0.8], [1, 9, 1.0, 0.8],
               [1, 10, 0.7, 0.4], [1, 20, "70 %", "40 %"]]
CURVE_ROW = [1, "Kontanthjælp", 104_000, 0.5, 0, "ingen", None, "sats"]


def _seed_budget():
    """The sample's seed-002 budget figures alone, every year open (no illustrative figures)."""
    import dataclasses
    from invest_xl.budget.model import BUDGET, Budget
    base = sample_budget()
    return Budget(base.cases, tuple(a for a in base.amounts if a.status == BUDGET),
                  dataclasses.replace(base.settings, closed_years=frozenset()))


def _saving_cell(layout, case=1, year_index=0):
    """The Forventet cell of a case's saving row in the follow-up layout."""
    total = layout.anchors[f"case{case}_followup_{2020 + year_index}"]
    return next(c for c in layout.cells if c.address == f"{total[0]}{int(total[1:]) - 1}")


def _workbook(methods=None, tables=()):
    workbook = budget_workbook(_seed_budget(), methods or {})
    add_tables(workbook, tables)
    return workbook


def _curve_workbook(curve_row=CURVE_ROW):
    return _workbook({1: {"Metode": "kurver"}},
                     [(contract.CURVE_INPUTS, [curve_row]), (contract.CURVE_POINTS, STEP_POINTS),
                      (contract.INTAKE, [[1, 2020, 1, 26]])])


def _message(workbook) -> str:
    with pytest.raises(InvestXLError) as error:
        savings_from_workbook(workbook)
    return error.value.message


def test_curve_case_from_the_workbook_matches_the_hand_calculation():
    budget, _, savings = savings_from_workbook(_curve_workbook())
    case = savings[0]
    # 26 participants x 4,15 weeks = 107,9 weeks x 104.000 / 52 x (1 - 0,5) = 107.900 kr.
    assert case.method == "kurver"
    assert case.prudence.potential == pytest.approx((-107_900.0, 0.0, 0.0, 0.0))
    assert case.prudence.booked == pytest.approx((-53_950.0, 0.0, 0.0, 0.0))
    assert case.booked.net_kr[0] == pytest.approx(3_079_000.0 - 53_950.0)
    assert "kurvemetoden: ingen besparelse efter sidste observerede uge" in case.notes
    assert expected_amounts_mio_kr(budget, savings)[(1, 2020, SAVING)] == pytest.approx(-0.1079)


def test_follow_up_shows_the_computed_saving_in_forventet_for_open_years_only():
    budget, _, savings = savings_from_workbook(_curve_workbook())
    closed = type(budget)(budget.cases, budget.amounts,
                          type(budget.settings)(**{**budget.settings.__dict__, "closed_years": frozenset({2020})}))
    expected = expected_amounts_mio_kr(closed, savings)
    assert (1, 2020, SAVING) not in expected and expected[(1, 2021, SAVING)] == 0.0
    layout = followup_layout(budget, expected_amounts_mio_kr(budget, savings))
    cells = {c.address: c for c in layout.cells}
    assert _saving_cell(layout).value == pytest.approx(-0.1079)
    assert _saving_cell(layout).style.italic
    source = f"A{int(layout.anchors['case1_budget_2020'][1:]) + 1}"
    assert cells[source].value.startswith("Kilde: KMD Opus og Fasit. Forventede beløb i kursiv")
    assert budget.amount(1, 2020, SAVING, EXPECTED) is None


def test_a_forventet_figure_the_user_typed_wins_over_the_computed_one():
    budget, _, savings = savings_from_workbook(_curve_workbook())
    from invest_xl.budget.model import Amount, Budget
    typed = Budget(budget.cases, budget.amounts + (Amount(1, 2020, SAVING, EXPECTED, -1.0),), budget.settings)
    cell = _saving_cell(followup_layout(typed, expected_amounts_mio_kr(typed, savings)))
    assert cell.value == -1.0 and not cell.style.italic


def test_staircase_and_fade_are_read_from_their_words():
    _, inputs, savings = savings_from_workbook(
        _curve_workbook([1, "Kontanthjælp", 52_000, "trappe", 60, "aftag", 4, "sats"]))
    curve = inputs.curves[1]
    assert curve.refund.describe() == "refusionstrappe (2016) fra forløbsuge 61"
    assert savings[0].detail.extrapolation.describe() == "forskellen aftager lineært over 4 uger"
    # 4,15 observed weeks (see STEP_POINTS) + the gap 0,3 falling linearly to 0 over
    # 4 weeks, 0,3 x 4 / 2 = 0,6: 4,75 weeks x 26 persons x 800 kr.
    assert savings[0].prudence.potential[0] == pytest.approx(-4.75 * 26 * 800)


@pytest.mark.parametrize("methods, tables, message", [
    ({1: {"Metode": "magi"}}, [],
     "Tabellen 'Sager' (ark 'Sager', række 2): kolonnen 'Metode': 'magi' er ikke en af budget / kurver / fte."),
    ({5: {"Metode": "fte"}}, [],
     "Tabellen 'Sager' (ark 'Sager', række 6): sag 5 har metoden fte, men ingen rækker i tabellen "
     "'FteReduktioner'."),
    ({}, [(contract.FTE_REDUCTIONS, [[5, 2020, "Kontanthjælp", 2, 104, 120_900, 0, "sats"]])],
     "Tabellen 'FteReduktioner' (ark 'FTE-metode', række 2): udfyld enten 'Fuldtidspersoner' eller "
     "'Uger' (uger / 52 = fuldtidspersoner), ikke begge og ikke ingen."),
    ({}, [(contract.FTE_REDUCTIONS, [[9, 2020, "Kontanthjælp", 2, None, 120_900, 0, "sats"]])],
     "Tabellen 'FteReduktioner' (ark 'FTE-metode', række 2): sag nr. 9 findes ikke i tabellen 'Sager'."),
    ({}, [(contract.FTE_TRANSITIONS, [[5, 2020, "Fleksjob", 2, None, 120_900, "120 %", "sats"]])],
     "Tabellen 'FteOvergange' (ark 'FTE-metode', række 2): kolonnen 'Refusion': 120 % skal være en "
     "andel mellem 0 og 1 (eller 0-100 %)."),
    ({1: {"Metode": "kurver"}}, [(contract.CURVE_INPUTS, [[1, "", 1, 0.3, 0, "aftag", None, "sats"]])],
     "Tabellen 'Kurveinput' (ark 'Kurvemetode', række 2): fremskrivningen 'aftag' kræver "
     "'Aftagning (uger)' på mindst 1."),
    ({1: {"Metode": "kurver"}}, [(contract.CURVE_INPUTS, [[1, "", 1, 0.3, 0, "ingen", None, "sats"]])],
     "Tabellen 'Kurveinput' (ark 'Kurvemetode', række 2): sag 1 skal have mindst to punkter i tabellen "
     "'Kurvepunkter', det første i uge 0."),
    ({}, [(contract.FTE_INVESTMENTS, [[5, 2024, 450_000, "pl"]])],
     "Tabellen 'FteInvesteringer' (ark 'FTE-metode', række 2): året 2024 er ikke et af budgetårene "
     "2020-2023."),
    ({}, [(contract.PRICE_INDEX, [[2020, 100, 100], [2020, 101, 101]])],
     "Tabellen 'Prisindeks' (ark 'Prisindeks', række 3): året 2020 står også i række 2."),
    ({}, [(contract.INTAKE, [[1, 2020, 13, 5]])],
     "Tabellen 'Tilgang' (ark 'Kurvemetode', række 2): kolonnen 'Måned': 13 er ikke en måned (1-12)."),
])
def test_bad_savings_rows_give_their_exact_message(methods, tables, message):
    assert _message(_workbook(methods, tables)) == message


def test_price_index_missing_a_year_is_named():
    workbook = _workbook({}, [(contract.PRICE_INDEX, [[2020, 100, 100], [2021, 101, 102]])])
    assert _message(workbook) == "prisindekset mangler pris- og lønindeks for 2022"


def test_booked_total_is_spread_as_the_council_decided():
    workbook = _curve_workbook()
    add_tables(workbook, [(contract.PRUDENCE_SPREAD, [[1, 2020, "50 %"], [1, 2021, 0.5]])])
    case = savings_from_workbook(workbook)[2][0]
    # Booked total: 50 % of the potential -107.900 kr. = -53.950 kr., half in 2020, half in 2021.
    assert case.prudence.potential == pytest.approx((-107_900.0, 0.0, 0.0, 0.0))
    assert case.prudence.booked == pytest.approx((-26_975.0, -26_975.0, 0.0, 0.0))


def test_a_spread_that_does_not_sum_to_100_percent_is_refused():
    workbook = _curve_workbook()
    add_tables(workbook, [(contract.PRUDENCE_SPREAD, [[1, 2020, 0.5], [1, 2021, 0.4]])])
    assert _message(workbook) == "Tabellen 'Fordeling': sag 1s andele summer til 90 %, ikke 100 %."
    workbook = _workbook({}, [(contract.PRUDENCE_SPREAD, [[2, 2020, 1]])])
    assert _message(workbook) == ("Tabellen 'Fordeling' (ark 'Forsigtighed', række 2): sag 2 har metoden "
                                  "budget, hvor budgettet selv fordeler; fordelingen gælder kun metoderne "
                                  "kurver og fte.")


def test_model_extrapolation_fits_both_groups_and_says_so():
    points = [[1, 0, 1.0, 1.0], [1, 4, 0.8, 0.7], [1, 8, 0.7, 0.55], [1, 13, 0.6, 0.45]]
    workbook = _workbook({1: {"Metode": "kurver"}},
                         [(contract.CURVE_INPUTS, [[1, "", 52_000, 0, 0, "model", None, "sats"]]),
                          (contract.CURVE_POINTS, points), (contract.INTAKE, [[1, 2020, 1, 1]])])
    modelled = savings_from_workbook(workbook)[2][0]
    assert modelled.detail.extrapolation.kind == "model"
    assert "kurvemetoden: forskellen mellem de tilpassede kurver" in modelled.notes
    workbook = _workbook({1: {"Metode": "kurver"}},
                         [(contract.CURVE_INPUTS, [[1, "", 52_000, 0, 0, "ingen", None, "sats"]]),
                          (contract.CURVE_POINTS, points), (contract.INTAKE, [[1, 2020, 1, 1]])])
    observed_only = savings_from_workbook(workbook)[2][0]
    # Weeks 13-51 of 2020 add the gap between the two groups' model averages (as
    # `invest-xl fit` reports them: Akaike weights from the normal log-likelihood of the
    # least-squares residuals, sigma at least 0,005), each week the mean of its two ends.
    from invest_xl.survival.fitting import fit_points
    weeks = np.arange(13, 53, dtype=float)

    def averaged(shares):
        fits = [f for f in fit_points([0, 4, 8, 13], shares).fits if np.isfinite(f.aic)]
        aics = []
        for fit in fits:
            rss = float(np.sum((np.array(shares[1:]) - fit.survival_at([4, 8, 13])) ** 2))
            variance = max(rss / 3, 0.005 ** 2)
            aics.append(2 * fit.n_params + 3 * (np.log(2 * np.pi * variance) + rss / (3 * variance)))
        weights = np.exp(-(np.array(aics) - min(aics)) / 2)
        weights /= weights.sum()
        return sum(w * f.survival_at(weeks) for w, f in zip(weights, fits))
    target = averaged([1.0, 0.8, 0.7, 0.6])
    intervention = averaged([1.0, 0.7, 0.55, 0.45])
    gap = target - intervention
    assert modelled.detail.weeks_saved[0] == pytest.approx(
        observed_only.detail.weeks_saved[0] + float(np.sum(gap[:-1] + gap[1:]) / 2))
    assert modelled.detail.weeks_saved[0] > observed_only.detail.weeks_saved[0]


@pytest.mark.parametrize("points, message", [
    ([[1, 0, 0.9, 1.0], [1, 10, 0.7, 0.4], [1, 20, 0.7, 0.4]],
     "Tabellen 'Kurvepunkter': sag 1, kolonnen 'Målgruppe': kurven skal starte i 1 i uge 0, "
     "men starter i 0,9"),
    ([[1, 0, 1.0, 1.0], [1, 10, 0.7, 0.4], [1, 20, 0.7, 0.5]],
     "Tabellen 'Kurvepunkter': sag 1, kolonnen 'Indsatsgruppe': kurven stiger fra uge 10 (0,4) "
     "til uge 20 (0,5); andelen på ydelse kan ikke stige"),
])
def test_curve_points_that_do_not_start_at_1_or_rise_are_refused(points, message):
    # the same check as a curve given as points (points.py); before, a target curve
    # starting at 90 % gave a saving of 98.800 kr. without a word
    workbook = _workbook({1: {"Metode": "kurver"}},
                         [(contract.CURVE_INPUTS, [CURVE_ROW]), (contract.CURVE_POINTS, points),
                          (contract.INTAKE, [[1, 2020, 1, 26]])])
    assert _message(workbook) == message


def test_a_budget_in_current_prices_with_a_price_index_needs_no_conversion():
    # Prisniveau 'løbende priser': the amounts are already in each year's prices, so the
    # expected result in current prices is the expected result; before, savings and the
    # follow-up stopped with "prisniveauet 'løbende priser' nævner ikke ét årstal"
    workbook = _workbook({}, [(contract.PRICE_INDEX, [[2020, 100, 100], [2021, 102, 102],
                                                      [2022, 104, 104], [2023, 106, 106]])])
    workbook["Indstillinger"]["B2"] = "løbende priser"
    _, _, savings = savings_from_workbook(workbook)
    case = savings[0]
    assert case.current_prices.investment_kr == (3_079_000.0, 3_079_000.0, 3_079_000.0, 0.0)
    # seed 002, case 1's saving: the budget's figures are the potential, not doubled
    assert case.current_prices.saving_kr == (-2_703_000.0, -4_655_000.0, -6_711_000.0, -6_244_000.0)
    # a fixed price level is still converted: 2021 at 2020 p/l x 102 / 100
    workbook["Indstillinger"]["B2"] = "2020 p/l"
    _, _, fixed = savings_from_workbook(workbook)
    assert fixed[0].current_prices.investment_kr[1] == pytest.approx(3_079_000.0 * 1.02)


def test_kurvepunkter_without_sag_serves_the_curve_sheet_and_does_not_stop_the_followup():
    # one reader for Kurvepunkter: before, the button accepted a table without Sag and
    # `invest-xl followup` then stopped with "mangler kolonnen 'Sag'"
    from invest_xl.jobs import curve_groups_from_workbook, followup_for_workbook
    from invest_xl.workbook.tables import TableSchema

    no_case = TableSchema(contract.CURVE_POINTS.name, contract.CURVE_POINTS.columns[1:],
                          sheet=contract.CURVE_POINTS.sheet)
    points = [[0, 1.0, 1.0], [4, 0.8, 0.7], [8, 0.7, 0.55], [13, 0.6, 0.45]]
    workbook = _workbook({}, [(no_case, points)])
    budget, _ = followup_for_workbook(workbook)
    assert [c.number for c in budget.cases] == [c.number for c in _seed_budget().cases]
    [group] = curve_groups_from_workbook(workbook)
    assert group.title == "Kurvepunkter" and [c.name for c in group.curves] == ["Målgruppe", "Indsatsgruppe"]
    workbook = _workbook({1: {"Metode": "kurver"}}, [(contract.CURVE_INPUTS, [CURVE_ROW]), (no_case, points),
                                                    (contract.INTAKE, [[1, 2020, 1, 26]])])
    assert _message(workbook) == (
        "Tabellen 'Kurveinput' (ark 'Kurvemetode', række 2): sag 1 har metoden kurver, men tabellen "
        "'Kurvepunkter' har ingen kolonne 'Sag'; tilføj den, så punkterne kan knyttes til sagen.")
