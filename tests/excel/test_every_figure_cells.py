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


def test_the_followup_button_leaves_a_users_own_sheet_named_opfoelgning():
    from invest_xl import labels
    from invest_xl.excel.macro_workbook import MACRO_WORKBOOK_NAME

    from .book_from_file import book_json
    from .excel_server import REPO
    from .test_buttons import _run

    data = book_json(REPO / "xlsx" / MACRO_WORKBOOK_NAME)
    data["names"] = [n for n in data["names"] if not n["name"].startswith("InvestXL_")]
    for sheet in data["sheets"]:
        if sheet["name"] == labels.FOLLOWUP_SHEET:
            sheet["values"] = [["Mine egne noter"]]
    import xlwings as xw

    actions = _run("invest_refresh_followup", xw.Book(json=data))
    assert [(a["func"], a["args"][0]) for a in actions] == [(
        "alert", "Projektmappen har allerede et ark 'Opfølgning', som invest-xl ikke har skrevet, og "
        "det erstattes ikke. Omdøb dit ark (højreklik på fanen > Omdøb, fx til 'Opfølgning (eget)'), "
        "og kør igen; så skriver invest-xl et nyt ark 'Opfølgning'.")]


def test_the_shipped_workbook_marks_its_two_sheets_as_ours():
    import openpyxl

    from .excel_server import REPO

    book = openpyxl.load_workbook(REPO / "xlsx" / "budget_2020-2023.xlsm", keep_vba=True)
    assert {n: book.defined_names[n].attr_text for n in book.defined_names if n.startswith("InvestXL_")} == {
        "InvestXL_opfoelgning": "'Opfølgning'!$A$1", "InvestXL_kurveberegning": "'Kurveberegning'!$A$1"}
