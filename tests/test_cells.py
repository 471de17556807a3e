import datetime as dt

import pytest

from invest_xl.workbook.cells import CellValueError, parse_date, parse_number, parse_share, parse_whole_number


@pytest.mark.parametrize("text, expected", [
    ("3,079", 3.079), ("-0,674", -0.674), ("1.234,5", 1234.5), ("-0.674", -0.674),
    ("3.07", 3.07), ("1,234.5", 1234.5), (" 2 128 ", 2128.0), ("\u22120,5", -0.5),
    (3.079, 3.079), (7, 7.0), ("1e3", 1000.0), ("12.345.678,9", 12345678.9),
])
def test_numbers_as_danish_or_plain_text_are_read(text, expected):
    assert parse_number(text) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("text, message", [
    ("120.900", "'120.900' er tvetydigt: punktummet kan være tusindtalsskilletegn eller decimaltegn; "
                "skriv 120900 eller 120,900"),
    ("-1.629", "'-1.629' er tvetydigt: punktummet kan være tusindtalsskilletegn eller decimaltegn; "
               "skriv -1629 eller -1,629"),
])
def test_one_dot_before_three_digits_is_ambiguous_and_refused_not_guessed(text, message):
    with pytest.raises(CellValueError) as error:
        parse_number(text)
    assert error.value.message == message


def test_a_dash_is_zero_only_where_budgets_print_it_so():
    assert parse_number("-", dash_is_zero=True) == 0.0
    with pytest.raises(CellValueError, match="'-' er ikke et tal"):
        parse_number("-")


@pytest.mark.parametrize("value, message", [
    ("abc", "'abc' er ikke et tal"), ("#N/A", "fejlværdien #N/A"), ("#DIV/0!", "fejlværdien #DIV/0!"),
    (float("nan"), "ikke et tal (NaN)"), (float("inf"), "uendelig værdi"), (True, "SAND er ikke et tal"),
    (1e15, "1e+15 er urimeligt stort"), ("50%", "'50%' er en procent; skriv tallet uden %"),
])
def test_bad_numbers_are_refused_with_a_reason(value, message):
    with pytest.raises(CellValueError) as error:
        parse_number(value)
    assert error.value.message == message


def test_whole_numbers_refuse_fractions():
    assert parse_whole_number("2020") == 2020
    with pytest.raises(CellValueError, match="2020,5 er ikke et helt tal"):
        parse_whole_number("2020,5")


@pytest.mark.parametrize("value, expected", [("50%", 0.5), (0.5, 0.5), (50, 0.5), ("0,25", 0.25)])
def test_shares_accept_percent_and_fractions(value, expected):
    assert parse_share(value) == expected


@pytest.mark.parametrize("value", ["31-01-2020", "31.01.2020", "2020-01-31", "31/01/2020",
                                   dt.datetime(2020, 1, 31, 0, 0), 43861])
def test_dates_in_danish_iso_and_excel_serial_forms(value):
    assert parse_date(value) == dt.date(2020, 1, 31)


def test_us_style_dates_are_refused_not_guessed():
    with pytest.raises(CellValueError, match="er ikke en dato"):
        parse_date("01/31/2020")
