"""Property tests: no cell content makes the readers raise anything but our own error."""

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from invest_xl.workbook import cells
from invest_xl.workbook.budget_writer import budget_workbook
from invest_xl.errors import InvestXLError
from invest_xl.workbook.budget_reader import budget_from_workbook
from test_bad_input_budget import SMALL

CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(list(cells.EXCEL_ERRORS) + ["-", "1.234,5", "3,079", "50%", "31-01-2020",
                                                 "2020-13-45", "=1+1", "@SUM(A1)", " "]),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
PARSERS = [cells.parse_number, cells.parse_whole_number, cells.parse_text, cells.parse_share,
           cells.parse_date]


@given(value=CELL_VALUES, parser=st.sampled_from(PARSERS))
def test_cell_parsers_raise_only_their_own_error(value, parser):
    try:
        result = parser(value)
    except cells.CellValueError as error:
        assert error.message
        return
    if parser in (cells.parse_number, cells.parse_share):
        assert isinstance(result, float) and abs(result) <= cells.LARGEST_AMOUNT


def _writable(value):
    """openpyxl refuses control characters; a workbook cannot hold them anyway."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.sampled_from(["Sager", "Beløb", "Indstillinger"]),
                                st.integers(1, 10), st.integers(1, 6), CELL_VALUES), max_size=6))
def test_budget_reader_raises_only_our_error_or_reads_a_budget(edits):
    workbook = budget_workbook(SMALL)
    for sheet, row, column, value in edits:
        workbook[sheet].cell(row, column).value = _writable(value)
    try:
        budget = budget_from_workbook(workbook)
    except InvestXLError as error:
        assert error.message and "Traceback" not in error.message
        return
    assert budget.cases and budget.amounts
    assert all(isinstance(a.mio_kr, float) for a in budget.amounts)
