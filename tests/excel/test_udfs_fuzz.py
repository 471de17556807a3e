"""Every UDF, fed seeded random Excel-shaped garbage, answers with cells or a Danish
sentence: never an exception, never NaN, never the notice of an unexpected error."""

import math

import xlwings.server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .excel_server import call, invest_xl_udfs

ERRORS = [{"type": "Error", "errorType": kind, "basicValue": text}
          for kind, text in (("NotAvailable", "#N/A"), ("Value", "#VALUE!"), ("Div0", "#DIV/0!"))]
CELL = st.one_of(
    st.none(), st.just(""), st.booleans(),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.integers(min_value=-5, max_value=120),
    st.sampled_from(["3,5", "100 %", "abc", "-", "31-12-2020", "2020 p/l", "trappe", "best",
                     "weibull", "indsats", "Budget", "Uge", "#N/A"]),
    st.sampled_from(ERRORS),
)
GRID = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 3).flatmap(
        lambda columns: st.lists(st.lists(CELL, min_size=columns, max_size=columns),
                                 min_size=rows, max_size=rows)))
FUNCTIONS = {f["id"].lower(): len(f["parameters"])
             for f in xlwings.server.custom_functions_meta(invest_xl_udfs)["functions"]}


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(FUNCTIONS)), data=st.data())
def test_any_udf_answers_garbage_with_cells_or_a_message(name, data):
    arguments = [data.draw(st.one_of(st.none(), GRID)) for _ in range(FUNCTIONS[name])]
    result = call(name, *arguments)
    assert isinstance(result, list) and all(isinstance(row, list) for row in result)
    for row in result:
        for value in row:
            assert not (isinstance(value, float) and not math.isfinite(value)), (name, arguments)
            assert not (isinstance(value, str) and ("Uventet fejl" in value or "Traceback" in value)), \
                (name, arguments, value)


WEEKS = [[0], [4], [8], [13], [17], [21], [26], [30], [34], [39], [43], [47], [52]]
TARGET = [[100], [82.9], [69.5], [56.3], [47.8], [42.9], [38.4], [36.3], [33.8], [32.1], [31.3],
          [30.3], [30]]
INTERVENTION = [[1.0], [0.708], [0.541], [0.392], [0.331], [0.272], [0.249]]
SPELLS = [["person", "ydelse", "start", "slut", "gruppe"],
          ["a", "kh", "01-01-2020", "10-01-2020", "indsats"],
          ["b", "kh", 43831.0, None, "indsats"],
          ["c", "kh", "2020-01-01", "2020-03-15", "målgruppe"],
          ["d", "kh", "2020-02-01", "2020-02-20", "målgruppe"]]
VALID = {
    "invest_curve": [WEEKS, TARGET, [[2535]], [[0], [2], [52]]],
    "invest_fit_curve": [WEEKS[:7], INTERVENTION, [[0], [26], [104]], [["best"]], [[60]]],
    "invest_fit_summary": [WEEKS, TARGET, [[2535]], [["weibull"]]],
    "invest_kaplan_meier": [SPELLS, [["31-03-2020"]], None, [[1]]],
    "invest_weeks_saved": [WEEKS, TARGET, WEEKS[:7], INTERVENTION, [[52]], [["best"]]],
    "invest_net_unit_cost": [[[120900]], [["30 %"]]],
    "invest_price_level": [[[1000]], [["2020 p/l"]], [[2021]],
                           [["År", "pl", "sats"], [2020, 100, 100], [2021, 102, 101]], [["pl"]]],
    "invest_savings": [WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [["trappe"]], [[2020]],
                       [[2]], [["aftag"]], [[13]]],
    "invest_fte_savings": [[["Ydelse", "År", "FTE", "Brutto", "Refusion"], ["kh", 2020, 10, 120900, 0.3]],
                           [[2020]], [[2]], None, [[500000, 500000]]],
    "invest_portfolio": [[["Sag", "År", "Art", "Status", "Beløb"], [1, 2020, "investering", "Budget", 1.5]],
                         [["Budget"]]],
    "invest_amount": [[["Sag", "Art", "Status", "2020", "2021"], [1, "investering", "Budget", 1.5, "-"],
                       [1, "besparelse", "Realiseret", -0.5, None]],
                      [[1]], [[2020]], [["besparelse"]], [["Realiseret"]]],
    "invest_peers": [[["sygedagpenge"]], [["median effekt pr. krone"]]],
    "invest_peer_position": [[[2.0]], [[5.0]], [["sygedagpenge"]]],
}


def _valid_with_one_cell(name, data, cells):
    """The valid example of UDF `name` with one of its cells replaced by a drawn one."""
    arguments = [None if a is None else [list(row) for row in a] for a in VALID[name]]
    present = [i for i, a in enumerate(arguments) if a is not None]
    index = data.draw(st.sampled_from(present))
    row = data.draw(st.integers(0, len(arguments[index]) - 1))
    column = data.draw(st.integers(0, len(arguments[index][row]) - 1))
    arguments[index][row][column] = data.draw(cells)
    return arguments


def test_the_valid_examples_cover_every_udf_and_answer_with_numbers():
    assert set(VALID) == set(FUNCTIONS)
    for name, arguments in VALID.items():
        result = call(name, *arguments)
        assert any(isinstance(v, float) for row in result for v in row), (name, result)


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(VALID)), data=st.data())
def test_one_bad_cell_in_valid_arguments_gives_cells_or_a_message(name, data):
    arguments = _valid_with_one_cell(name, data, CELL)
    result = call(name, *arguments)
    for row_values in result:
        for value in row_values:
            assert not (isinstance(value, float) and not math.isfinite(value)), (name, arguments)
            assert not (isinstance(value, str) and "Uventet fejl" in value), (name, arguments, value)


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(VALID)), data=st.data())
def test_an_error_value_anywhere_in_valid_arguments_gives_a_message_not_a_number(name, data):
    """Invalid input never yields a number: an Excel error value in any cell is named."""
    arguments = _valid_with_one_cell(name, data, st.sampled_from(ERRORS))
    result = call(name, *arguments)
    assert len(result) == 1 and len(result[0]) == 1 and isinstance(result[0][0], str), (name, arguments, result)
    assert "fejlværdien #" in result[0][0], (name, arguments, result)
