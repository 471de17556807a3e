"""Issue 11 in cells: no row of a range dropped, every Excel error value named, no overflow.

Called through xlwings' own server-side call path, arguments shaped as Excel sends them.
"""

import pytest

from invest_xl.workbook.cells import EXCEL_ERRORS

from .excel_server import call

FTE_HEADER = ["Ydelse", "År", "Fuldtidspersoner", "Brutto kr.", "Refusion"]
# Two lines in 2020, no refund: savings 1 x 445.537 and 1 x 328.479 kr.; investment 1 mio. kr.
FTE_LINES = [["kontanthjælp", 2020, 1, 445537, 0], ["sygedagpenge", 2020, 1, 328479, 0]]


def test_fte_savings_with_its_header_row_counts_every_line():
    rows = call("invest_fte_savings", [FTE_HEADER, *FTE_LINES], [[2020]], [[1]], None, [[1000000]])
    assert rows[-1] == ["Netto (kr.)", pytest.approx(1000000 - 445537 - 328479)]
    assert rows[-1][1] == pytest.approx(225984)


def test_fte_savings_without_its_header_row_is_refused_not_read_one_line_short():
    # read with the first line taken as the header, the net would be 671.521 kr.
    rows = call("invest_fte_savings", FTE_LINES, [[2020]], [[1]], None, [[1000000]])
    assert rows == [["reduktioner: første række skal være overskrifterne (År, Ydelse, "
                     "Bruttoudgift pr. fuldtidsperson (kr.), Refusion); kolonnen 'År' mangler."]]


NEWER_ERRORS = ("#BUSY!", "#CONNECT!", "#PYTHON!", "#EXTERNAL!", "#SPILL!", "#CALC!", "#FIELD!",
                "#BLOCKED!", "#UNKNOWN!")


def test_every_newer_excel_error_is_an_excel_error():
    assert set(NEWER_ERRORS) <= set(EXCEL_ERRORS)


@pytest.mark.parametrize("error", NEWER_ERRORS)
def test_a_newer_error_value_in_a_range_names_the_cell(error):
    rows = call("invest_curve", [[0], [4], [8]], [[100], [error], [70]], None, None)
    assert rows == [[f"andele: celle 2 er fejlværdien {error}"]]


@pytest.mark.parametrize("error", NEWER_ERRORS)
def test_a_newer_error_value_as_a_number_argument_is_named(error):
    rows = call("invest_net_unit_cost", [[error]], [[0.3]])
    assert rows == [[f"brutto_kr: er fejlværdien {error}"]]


def test_a_price_index_too_small_to_mean_anything_is_refused_not_overflowed():
    rows = call("invest_price_level", [[1000]], [[2020]], [[2021]],
                [["År", "Pris- og lønindeks"], [2020, 1e-300], [2021, 100]], None)
    assert rows == [["indeks, række 2: kolonnen 'Pris- og lønindeks': 1e-300 er urimeligt lille; "
                     "skriv 0 eller et større tal."]]
