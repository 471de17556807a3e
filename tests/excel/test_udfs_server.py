"""Every UDF through xlwings' server-side call path, with Excel-shaped arguments."""

import math

import pytest
import xlwings.server

from .excel_server import call

PINNED_NAMES = [
    "INVEST_AMOUNT", "INVEST_CURVE", "INVEST_FIT_CURVE", "INVEST_FIT_SUMMARY", "INVEST_FTE_SAVINGS",
    "INVEST_KAPLAN_MEIER", "INVEST_NET_UNIT_COST", "INVEST_PEERS", "INVEST_PEER_POSITION",
    "INVEST_PORTFOLIO", "INVEST_PRICE_LEVEL",
    "INVEST_SAVINGS", "INVEST_WEEKS_SAVED",
]
NA = {"type": "Error", "errorType": "NotAvailable", "basicValue": "#N/A"}
WEEKS = [[0], [4], [8], [13], [17], [21], [26], [30], [34], [39], [43], [47], [52]]
TARGET = [[100], [82.9], [69.5], [56.3], [47.8], [42.9], [38.4], [36.3], [33.8], [32.1], [31.3],
          [30.3], [30]]
INTERVENTION = [[1.0], [0.708], [0.541], [0.392], [0.331], [0.272], [0.249]]
AMOUNTS = [["Sag", "År", "Art", "Status", "Beløb"], [1, 2020, "investering", "Budget", 1.5],
           [1, 2020, "besparelse", "Budget", "-0,5"], [2, 2021, "investering", "Budget", 2],
           [None, None, None, None, None]]
SPELLS = [["person", "ydelse", "start", "slut", "gruppe"],
          ["a", "kh", "01-01-2020", "10-01-2020", "indsats"],
          ["b", "kh", 43831.0, None, "indsats"],           # 2020-01-01 as a serial number
          ["c", "kh", "2020-01-01", "2020-03-15", "målgruppe"],
          ["d", "kh", "2020-02-01", "2020-02-20", "målgruppe"]]


def _meta():
    import invest_xl_udfs

    return xlwings.server.custom_functions_meta(invest_xl_udfs)["functions"]


def _is_message(result) -> bool:
    return (isinstance(result, list) and len(result) == 1 and len(result[0]) == 1
            and isinstance(result[0][0], str) and "Traceback" not in result[0][0]
            and not result[0][0].startswith("#"))


def test_the_excel_visible_names_are_pinned():
    assert sorted(f["name"] for f in _meta()) == PINNED_NAMES


def test_every_function_and_argument_has_danish_help_within_excels_limits():
    for function in _meta():
        first_line = function["description"].strip().splitlines()[0]
        assert 10 < len(first_line) <= 255, function["name"]
        for parameter in function["parameters"]:
            assert not parameter["description"].startswith("Positional argument"), parameter
            assert len(parameter["description"]) <= 255


def test_curve_from_points_in_percent_spills_shares_0_to_1():
    result = call("invest_curve", WEEKS, TARGET, None)
    assert len(result) == 13 and result[0] == [1.0] and result[-1] == [pytest.approx(0.30)]


def test_curve_at_whole_weeks_reads_linearly_between_points_and_refuses_extrapolation():
    shares = [row[0] for row in call("invest_curve", WEEKS, TARGET, None, [[0], [2], [4], [52]])]
    assert shares == pytest.approx([1.0, (1.0 + 0.829) / 2, 0.829, 0.30])
    message = call("invest_curve", WEEKS[:7], TARGET[:7], None, [[30]])[0][0]
    assert message.startswith("ved_uger: celle 1: uge 30") and "INVEST_FIT_CURVE" in message


def test_an_optional_range_of_empty_cells_counts_as_omitted():
    # classic Excel passes a reference to empty cells as blanks; Office.js passes nothing
    assert call("invest_curve", WEEKS, TARGET, None, [[None], [None]]) == call("invest_curve", WEEKS, TARGET)
    rows = call("invest_kaplan_meier", SPELLS, [["31-03-2020"]], [[""]], None)
    assert rows[0] == ["Uge", "indsats", "målgruppe"]


def test_curve_with_text_numbers_and_trailing_blanks_is_read():
    shares = [["100"], ["82,9"], ["69,5"], [None], [None]]
    assert call("invest_curve", WEEKS[:3] + [[None]], shares, [[60]], None) == [
        [1.0], [pytest.approx(0.829)], [pytest.approx(0.695)]]


@pytest.mark.parametrize("weeks, shares, cohort, message", [
    (WEEKS, TARGET[:12], None, "uger og andele har forskellig længde (13 og 12)"),
    (WEEKS, [[100], [NA]] + TARGET[2:], None, "andele: celle 2 er fejlværdien #N/A"),
    (WEEKS, [[100], [None]] + TARGET[2:], None, "andele: celle 2 er tom"),
    ([[0, 4], [8, 13]], TARGET, None, "uger: skal være én kolonne eller én række"),
    (WEEKS, TARGET, [["mange"]], "kohorte: 'mange' er ikke et tal"),
    (WEEKS, [[100], [90], [95]] + TARGET[3:], None, "kan ikke stige"),
])
def test_curve_refuses_bad_points_with_a_message_naming_the_problem(weeks, shares, cohort, message):
    result = call("invest_curve", weeks, shares, cohort)
    assert _is_message(result) and message in result[0][0]


def test_fit_curve_extrapolates_beyond_the_points_and_names_an_unknown_family():
    result = call("invest_fit_curve", WEEKS[:7], TARGET[:7], [[0], [26], [104]], None, None)
    shares = [row[0] for row in result]
    assert shares[0] == pytest.approx(1.0) and shares[0] > shares[1] > shares[2] > 0
    bad = call("invest_fit_curve", WEEKS, TARGET, [[10]], [["gamma"]], None)
    assert bad[0][0].startswith("familie: 'gamma' kendes ikke")


def test_fit_summary_lists_every_family_best_first_and_marks_the_chosen():
    rows = call("invest_fit_summary", WEEKS, TARGET, [[2535]], None)
    assert rows[0] == ["Fordeling", "Parametre", "AIC", "Valgt"]
    aics = [row[2] for row in rows[1:]]
    assert aics == sorted(aics) and rows[1][3] == "x" and len(rows) == 9
    chosen = call("invest_fit_summary", WEEKS, TARGET, None, [["weibull"]])
    assert [row[0] for row in chosen if row[3] == "x"] == ["weibull"]


def test_kaplan_meier_from_a_spell_range_with_cutoff_per_group_and_with_band():
    rows = call("invest_kaplan_meier", SPELLS, [["31-03-2020"]], None, None)
    assert rows[0] == ["Uge", "indsats", "målgruppe"]
    assert rows[1] == [0.0, 1.0, 1.0]
    assert rows[2][1] == pytest.approx(0.5)  # one of two left after 10 days
    band = call("invest_kaplan_meier", SPELLS, [[43921.0]], [["målgruppe"]], None)
    assert band[0] == ["Uge", "Andel", "Nedre 95 %", "Øvre 95 %"]


def test_kaplan_meier_reports_a_bad_cutoff_and_a_bad_date_cell():
    assert call("invest_kaplan_meier", SPELLS, [[NA]], None, None) == [
        ["skaeringsdato: er fejlværdien #N/A"]]
    broken = SPELLS[:2] + [["x", "kh", "32-13-2020", None, "indsats"]]
    message = call("invest_kaplan_meier", broken, [["2020-12-31"]], None, None)[0][0]
    assert _is_message([[message]]) and "start" in message


def _fit_curve_area(weeks, shares, family, horizon=52):
    # INVEST_FIT_CURVE's values on a fine grid (0,01 week), integrated by the trapezoid rule
    fine = [[k / 100] for k in range(100 * horizon + 1)]
    values = [row[0] for row in call("invest_fit_curve", weeks, shares, fine, family, None)]
    return sum((values[k] + values[k + 1]) / 2 * 0.01 for k in range(100 * horizon))


def test_weeks_saved_between_two_curves_with_interval():
    # blank familie: the area between the curves INVEST_FIT_CURVE reports (model averages),
    # an independent integral of its cells; a named family: that family's curves
    [[weeks, lower, upper]] = call("invest_weeks_saved", WEEKS, TARGET, WEEKS[:7], INTERVENTION,
                                   None, None)
    area = _fit_curve_area(WEEKS, TARGET, None) - _fit_curve_area(WEEKS[:7], INTERVENTION, None)
    assert weeks == pytest.approx(area, rel=1e-4) and lower < weeks < upper
    assert call("invest_weeks_saved", WEEKS, TARGET, WEEKS[:7], INTERVENTION, None, [["best"]]) == [
        [weeks, lower, upper]]
    [[named, named_lower, named_upper]] = call("invest_weeks_saved", WEEKS, TARGET, WEEKS[:7], INTERVENTION,
                                               None, [["weibull"]])
    named_area = (_fit_curve_area(WEEKS, TARGET, [["weibull"]])
                  - _fit_curve_area(WEEKS[:7], INTERVENTION, [["weibull"]]))
    assert named == pytest.approx(named_area, rel=1e-4) and named_lower < named < named_upper
    assert named != pytest.approx(weeks, rel=1e-3)
    # the library's own extrapolation (survival.extrapolate, as `invest-xl fit`) gives the same area
    import numpy as np

    from invest_xl.survival import extrapolate, points_curve

    fine = np.linspace(0, 52, 5201)

    def library_area(weeks_cells, share_cells):
        curve = points_curve([w[0] for w in weeks_cells], [v[0] for v in share_cells])
        values = extrapolate(curve, 52).survival_at(fine)
        return float(np.sum(values[:-1] + values[1:]) / 2 * 0.01)
    assert weeks == pytest.approx(library_area(WEEKS, TARGET) - library_area(WEEKS[:7], INTERVENTION), rel=1e-4)
    assert call("invest_weeks_saved", WEEKS, TARGET, WEEKS, TARGET, [[-4]], None) == [
        ["horisont: skal være større end 0 (fik -4)"]]
    rising = [[1.0], [0.5], [0.7]]
    message = call("invest_weeks_saved", WEEKS, TARGET, WEEKS[:3], rising, None, None)[0][0]
    assert message.startswith("andele_ny: kurven stiger")
    short = call("invest_weeks_saved", WEEKS, TARGET, WEEKS[:3], INTERVENTION, None, None)[0][0]
    assert short == "andele_ny: uger og andele har forskellig længde (3 og 7)"


def test_weeks_saved_on_two_point_and_flat_curves_gives_the_area_and_says_why_no_band():
    # 52 x (1 + 0,4) / 2 - 52 x (1 + 0,2) / 2 = 5,2 weeks; no cohort size, so no band
    [[weeks, reason, upper]] = call("invest_weeks_saved", [[0], [52]], [[100], [40]], [[0], [52]],
                                    [[100], [20]], None, None)
    assert weeks == pytest.approx(5.2, abs=1e-9) and upper in (None, "")  # an empty cell
    assert "usikkerhed kan ikke beregnes" in reason
    [[weeks, reason, _]] = call("invest_weeks_saved", [[0], [26], [52]], [[100], [100], [100]],
                                [[0], [26], [52]], [[100], [60], [40]], None, None)
    assert weeks > 0 and "usikkerhed kan ikke beregnes" in reason


def test_net_unit_cost_accepts_percent_text_and_refuses_an_error_value():
    assert call("invest_net_unit_cost", [[120900]], [["30 %"]]) == [[pytest.approx(84630.0)]]
    assert call("invest_net_unit_cost", [["120.900,00"]], [[0.3]]) == [[pytest.approx(84630.0)]]
    assert call("invest_net_unit_cost", [[120900]], [[NA]]) == [["refusion: er fejlværdien #N/A"]]
    assert call("invest_net_unit_cost", [[None]], [[0.3]]) == [["brutto_kr: mangler (skal være et tal)"]]


def test_price_level_conversion_with_an_index_table():
    index = [["År", "Pris- og lønindeks", "Satsregulering"], [2020, 100, 100], [2021, 102, 101.5]]
    assert call("invest_price_level", [[1000]], [["2020 p/l"]], [[2021]], index, None) == [
        [pytest.approx(1020.0)]]
    assert call("invest_price_level", [[1000]], [[2020]], [[2021]], index, [["sats"]]) == [
        [pytest.approx(1015.0)]]
    missing = call("invest_price_level", [[1000]], [[2020]], [[2022]], index, None)[0][0]
    assert "2022" in missing and _is_message([[missing]])


def test_savings_per_year_by_curves_spill_a_row_per_line():
    rows = call("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [["30%"]],
                [[2020]], [[4]], [["fasthold"]], None)
    assert rows[0] == ["År", 2020, 2021, 2022, 2023]
    assert [row[0] for row in rows[1:]] == ["Sparede ydelsesuger", "Fuldtidspersoner",
                                            "Besparelse brutto (kr.)", "Besparelse netto (kr.)",
                                            "Besparelse netto, lav (kr.)", "Besparelse netto, høj (kr.)"]
    # published points without a cohort size have no band: low and high are the saving itself
    assert rows[5][1:] == pytest.approx(rows[4][1:]) and rows[6][1:] == pytest.approx(rows[4][1:])
    # 52 saved benefit-weeks are one full-time person; gross = weeks x 120.900 kr. / 52; the
    # municipality keeps 70 % of it (refund 30 %); weeks are saved every year (hold)
    for weeks, fte, gross, net in zip(rows[1][1:], rows[2][1:], rows[3][1:], rows[4][1:]):
        assert weeks > 0
        assert fte == pytest.approx(weeks / 52)
        assert gross == pytest.approx(-weeks * 120_900 / 52)
        assert net == pytest.approx(0.7 * gross)
    staircase = call("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [["trappe"]],
                     [[2020]], None, None, None)
    assert len(staircase[0]) == 5
    assert call("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [[0.3]],
                [["tyve tyve"]], None, None, None) == [["foerste_aar: 'tyve tyve' er ikke et tal"]]
    fade = call("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [[0.3]],
                [[2020]], None, [["aftag"]], [[26]])
    assert fade[1][1:] != staircase[1][1:]
    none = call("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [[0.3]],
                [[2020]], None, None, None)
    model = call("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [[0.3]],
                 [[2020]], None, [["model"]], None)
    # the intervention curve is known to week 26 only: the fitted models carry the gap
    # past it, so more weeks are saved than with no extrapolation, every year
    assert all(m > n > 0 for m, n in zip(model[1][1:], none[1][1:]))


def test_savings_with_model_extrapolation_equal_the_library_on_the_same_points():
    from invest_xl.savings.curve_method import curve_savings, weekly_shares
    from invest_xl.savings.extrapolation import MODEL, extrapolation_for
    from invest_xl.survival.points import points_curve
    from invest_xl.savings.refund import RefundRule

    weeks = [w[0] for w in WEEKS]
    target = points_curve(weeks, [t[0] for t in TARGET])
    intervention = points_curve(weeks[:7], [i[0] for i in INTERVENTION])
    intake = [(2020, month, 5.0) for month in range(1, 13)] + [(2021, month, 5.0) for month in range(1, 13)]
    expected = curve_savings(
        weekly_shares(target)[0], weekly_shares(intervention)[0], intake, [2020, 2021],
        gross_per_fte_kr=120900.0, refund=RefundRule.flat(0.3), shape="linear",
        extrapolation=extrapolation_for(MODEL, target_points=(target.weeks, target.share),
                                        intervention_points=(intervention.weeks, intervention.share),
                                        years=[2020, 2021]))
    rows = call("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [[0.3]],
                [[2020]], [[2]], [["model"]], None)
    assert rows[1][1:] == pytest.approx(list(expected.weeks_saved), rel=1e-12)
    assert rows[4][1:] == pytest.approx(list(expected.saving_kr), rel=1e-12)
    # the fitted curves' bands: the low saving is nearer 0 than the saving, the high further
    assert rows[5][1:] == pytest.approx(list(expected.saving_low_kr), rel=1e-12)
    assert rows[6][1:] == pytest.approx(list(expected.saving_high_kr), rel=1e-12)
    assert all(low > mid > high for low, mid, high in zip(rows[5][1:], rows[4][1:], rows[6][1:]))


def test_fte_method_per_year():
    reductions = [["Ydelse", "År", "Fuldtidspersoner", "Brutto kr.", "Refusion"],
                  ["kontanthjælp", 2020, 10, 120900, "30%"], ["kontanthjælp", 2021, 12, 120900, 0.3]]
    rows = call("invest_fte_savings", reductions, [[2020]], [[2]], None, [[500000, 500000]])
    assert rows[0] == ["År", 2020, 2021]
    assert rows[3][1] == pytest.approx(-10 * 84630.0)
    bad = call("invest_fte_savings", reductions[:1] + [["kh", 2020, "ti", 1, 0.3]], [[2020]], None,
               None, None)
    assert bad == [["reduktioner, række 2: kolonnen 'Fuldtidspersoner': 'ti' er ikke et tal."]]


def test_portfolio_totals_per_year_from_an_amounts_range():
    rows = call("invest_portfolio", AMOUNTS, None)
    assert rows == [["År", 2020, 2021], ["Investering i indsats (A)", 1.5, 2.0],
                    ["Besparelse på forsørgelse (B)", -0.5, 0.0], ["I alt (A+B)", 1.0, 2.0]]
    wrong = [row[:4] for row in AMOUNTS]
    assert call("invest_portfolio", wrong, None) == [
        ["beloeb: første række skal være overskrifterne (Sag, År, Art, Status, Beløb); "
         "kolonnen 'Beløb' mangler."]]


def test_no_udf_answers_garbage_with_an_exception_or_a_number():
    garbage = [[NA]]
    for function in _meta():
        name = function["id"].lower()
        count = len(function["parameters"])
        result = call(name, *([garbage] * count))
        assert _is_message(result), (name, result)
        assert not any(isinstance(v, float) and math.isnan(v) for row in result for v in row)


def test_the_function_reference_in_docs_matches_the_functions():
    import re

    from .excel_server import REPO

    text = (REPO / "docs" / "excel-functions.md").read_text("utf-8")
    documented = re.findall(r"^## (INVEST_\w+)\((.*)\)$", text, re.M)
    actual = [(f["name"], ", ".join(f"[{p['name']}]" if p.get("optional") else p["name"]
                                    for p in f["parameters"]))
              for f in sorted(_meta(), key=lambda f: f["name"])]
    assert documented == actual


def test_savings_with_model_extrapolation_and_intake_before_the_first_budget_year():
    # entrants from July 2019 are still saving weeks in 2020-2021: the fitted curves must
    # reach from the first entry, as the workbook's curve cases do (first_entry_year)
    from invest_xl.survival.points import points_curve
    from invest_xl.savings.refund import RefundRule
    from invest_xl.savings.curve_method import curve_savings, weekly_shares
    from invest_xl.savings.extrapolation import MODEL, extrapolation_for

    weeks = [w[0] for w in WEEKS]
    target = points_curve(weeks, [t[0] for t in TARGET])
    intervention = points_curve(weeks[:7], [i[0] for i in INTERVENTION])
    intake = [(2019, 7, 5.0), (2020, 1, 5.0)]
    expected = curve_savings(
        weekly_shares(target)[0], weekly_shares(intervention)[0], intake, [2020, 2021],
        gross_per_fte_kr=120900.0, refund=RefundRule.flat(0.3), shape="linear",
        extrapolation=extrapolation_for(MODEL, target_points=(target.weeks, target.share),
                                        intervention_points=(intervention.weeks, intervention.share),
                                        years=[2020, 2021], first_entry_year=2019))
    rows = call("invest_savings", WEEKS, TARGET, INTERVENTION,
                [["År", "Måned", "Personer"], [2019, 7, 5], [2020, 1, 5]], [[120900]], [[0.3]],
                [[2020]], [[2]], [["model"]], None)
    assert rows[1][1:] == pytest.approx(list(expected.weeks_saved), rel=1e-12)
    assert rows[4][1:] == pytest.approx(list(expected.saving_kr), rel=1e-12)
    # the July 2019 entrants add to 2020 what the January 2020 entrants alone do not
    alone = call("invest_savings", WEEKS, TARGET, INTERVENTION,
                 [["År", "Måned", "Personer"], [2020, 1, 5]], [[120900]], [[0.3]],
                 [[2020]], [[2]], [["model"]], None)
    assert rows[1][1] > alone[1][1]


def test_portfolio_refuses_the_same_figure_twice_instead_of_keeping_the_last():
    # 1,5 + 2 in one cell of the overview would silently become 2; the workbook reader
    # refuses such a row too ("står også i række")
    rows = call("invest_portfolio", [["Sag", "År", "Art", "Status", "Beløb"],
                                     [1, 2020, "investering", "Budget", 1.5],
                                     [2, 2020, "investering", "Budget", 0.25],
                                     [1, 2020, "investering", "Budget", 2]], None)
    assert rows == [["beloeb, række 4: sag 1, 2020, investering, Budget står også i række 2."]]
    distinct = call("invest_portfolio", [["Sag", "År", "Art", "Status", "Beløb"],
                                         [1, 2020, "investering", "Budget", 1.5],
                                         [1, 2020, "investering", "Realiseret", 2],
                                         [2, 2020, "investering", "Budget", 0.25]], None)
    assert distinct[1] == ["Investering i indsats (A)", 1.75]


WIDE = [["Sag", "Art", "Status", "2020", "2021", "2022"],
        [1, "investering", "Budget", 1.5, 1.0, "-"],
        [1, "besparelse", "Budget", -0.5, -2.0, -3.0],
        [1, "investering", "Realiseret", 1.25, None, None],
        [1, "besparelse", "Realiseret", -0.75, None, None],
        [1, "investering", "Forventet", None, 1.125, 0.5],
        [1, "besparelse", "Forventet", None, -1.5, -2.5],
        [2, "investering i indsats", "Budget", 0.25, 0.25, 0.25],
        [None, None, None, None, None, None]]


def test_portfolio_reads_the_wide_form_like_the_long_form():
    long = [["Sag", "År", "Art", "Status", "Beløb"]] + [
        [row[0], year, row[1], row[2], cell] for row in WIDE[1:-1]
        for year, cell in zip((2020, 2021, 2022), row[3:]) if cell is not None]
    for status in (None, [["Realiseret"]], [["Forventet"]]):
        assert call("invest_portfolio", WIDE, status) == call("invest_portfolio", long, status)
    assert call("invest_portfolio", WIDE, None) == [
        ["År", 2020, 2021, 2022], ["Investering i indsats (A)", 1.75, 1.25, 0.25],
        ["Besparelse på forsørgelse (B)", -0.5, -2.0, -3.0], ["I alt (A+B)", 1.25, -0.75, -2.75]]


def test_portfolio_takes_a_status_per_year_as_a_quarterly_note_prints_it():
    rows = call("invest_portfolio", WIDE, [["Realiseret", "Forventet resultat", "prognose"]])
    # 2020 realised (1.25 + 0.25 budget-only case 2 has no realised figure), 2021-2022 expected
    assert rows == [["År", 2020, 2021, 2022], ["Investering i indsats (A)", 1.25, 1.125, 0.5],
                    ["Besparelse på forsørgelse (B)", -0.75, -1.5, -2.5],
                    ["I alt (A+B)", 0.5, -0.375, -2.0]]
    assert call("invest_portfolio", WIDE, [["Realiseret"], ["Forventet"], ["Forventet"]]) == rows
    assert call("invest_portfolio", WIDE, [["Realiseret", "Forventet"]]) == [
        ["status: skal have én status pr. år i tabellen (3: 2020-2022), ikke 2"]]
    assert call("invest_portfolio", WIDE, [["Realiseret", "Forvent", "Budget"]]) == [
        ["status, celle 2: 'Forvent' er ikke en af Budget / Realiseret / Forventet"]]


def test_amount_returns_one_figure_of_either_form():
    assert call("invest_amount", WIDE, [[1]], [[2021]], [["besparelse"]], [["Forventet"]]) == [[-1.5]]
    assert call("invest_amount", WIDE, [[2]], [[2022]], [["Investering i indsats"]], None) == [[0.25]]
    assert call("invest_amount", WIDE, [[1]], [[2022]], [["investering"]], [["budget"]]) == [[0.0]]  # "-"
    assert call("invest_amount", AMOUNTS, [[1]], [[2020]], [["besparelse"]], None) == [[-0.5]]
    # a figure not entered for a known case and year counts as 0, as in the portfolio's sums
    assert call("invest_amount", WIDE, [[2]], [[2020]], [["investering"]], [["Realiseret"]]) == [[0.0]]


@pytest.mark.parametrize("arguments, message", [
    (([[3]], [[2020]], [["investering"]], None), "beloeb: sag 3 står ikke i tabellen (sagerne er 1, 2)"),
    (([[1]], [[2030]], [["investering"]], None), "beloeb: året 2030 står ikke i tabellen (årene er 2020-2022)"),
    (([[1]], [[2020]], [["udgifter"]], None), "art: 'udgifter' er ikke en af investering / besparelse / i alt"),
    (([[1]], [[2020]], [["investering"]], [["x"]]), "status: 'x' er ikke en af Budget / Realiseret / Forventet"),
    (([["en"]], [[2020]], [["investering"]], None), "sag: "),
])
def test_amount_names_the_argument_that_is_wrong(arguments, message):
    [[text]] = call("invest_amount", WIDE, *arguments)
    assert text.startswith(message)


def test_a_wide_range_with_a_year_that_is_not_a_year_is_refused_by_name():
    bad = [["Sag", "Art", "Status", "2020", "2O21"], [1, "investering", "Budget", 1, 2]]
    [[text]] = call("invest_portfolio", bad, None)
    assert text.startswith("beloeb: kolonnen '2O21' er ikke et år")


def test_fit_curve_best_is_the_model_average_and_a_reference_fits_relative_to_it():
    # the same values as `invest-xl fit` (survival.extrapolate) on the same points
    from invest_xl.survival.extrapolation import extrapolate
    from invest_xl.survival.points import points_curve

    at = [[0], [13], [26], [52]]
    young = points_curve([0, 4, 8, 13], [1.0, 0.708, 0.541, 0.392])
    reference = points_curve([w[0] for w in WEEKS], [t[0] for t in TARGET])
    averaged = extrapolate(young, 52).curve
    cells = call("invest_fit_curve", WEEKS[:4], INTERVENTION[:4], at, None, None)
    assert [c[0] for c in cells] == pytest.approx([averaged.share[w[0]] for w in at], abs=1e-12)
    relative = extrapolate(young, 52, reference=reference).curve
    cells = call("invest_fit_curve", WEEKS[:4], INTERVENTION[:4], at, [["best"]], None, WEEKS, TARGET, None)
    assert [c[0] for c in cells] == pytest.approx([relative.share[w[0]] for w in at], abs=1e-12)
    assert cells != call("invest_fit_curve", WEEKS[:4], INTERVENTION[:4], at, None, None)
    half = call("invest_fit_curve", WEEKS[:4], INTERVENTION[:4], at, None, None, WEEKS, None, None)
    assert half == [["ref_andele: giv både ref_uger og ref_andele, eller ingen af dem"]]


def test_fit_summary_adds_the_young_cohorts_warnings_as_rows():
    from invest_xl.survival.extrapolation import extrapolate
    from invest_xl.survival.points import points_curve

    rows = call("invest_fit_summary", WEEKS[:4], INTERVENTION[:4], None, None, [[52]])
    expected = extrapolate(points_curve([0, 4, 8, 13], [1.0, 0.708, 0.541, 0.392]), 52).warnings
    warnings = [row for row in rows if row[0] == "Advarsel"]
    assert [row[1] for row in warnings] == expected
    # 52 weeks from 13 observed is more than twice: the first warning says so
    assert warnings[0][1] == "fremskrevet til uge 52 fra 13 observerede uger: mere end det dobbelte"
