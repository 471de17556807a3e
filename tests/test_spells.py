"""Reading spells (CSV, xlsx, rows), the merge rule for returns, durations and cohorts."""

import numpy as np
import pytest
from openpyxl import Workbook
from openpyxl.worksheet.table import Table

from invest_xl.errors import InvestXLError
from invest_xl.survival.spells import (add_months, durations, entry_periods, merge_returns,
                              read_spells)


def test_danish_headers_in_any_case_and_date_forms(tmp_path):
    path = tmp_path / "forloeb.csv"
    path.write_text("PERSON;Ydelse;Start;SLUT;Gruppe\n"
                    "1;kh;2020-01-31;31-03-2020;indsats\n"
                    "2;kh;01.02.2020;;målgruppe\n", encoding="utf-8")
    spells = read_spells(path)
    assert spells.start.tolist() == list(np.array(["2020-01-31", "2020-02-01"], dtype="datetime64[D]"))
    assert str(spells.end[0]) == "2020-03-31" and np.isnat(spells.end[1])
    assert spells.group.tolist() == ["indsats", "målgruppe"]


def test_a_csv_saved_by_danish_excel_in_windows_1252_is_read(tmp_path):
    path = tmp_path / "forloeb.csv"
    path.write_text("person;ydelse;start;slut;gruppe\r\n"
                    "1;kontanthjælp;31-01-2020;;målgruppe\r\n", encoding="cp1252")
    spells = read_spells(path)
    assert spells.group.tolist() == ["målgruppe"]


@pytest.mark.parametrize("text, message", [
    ("", "forloeb.csv er tom"),
    ('person,ydelse,start,slut,gruppe\n"1,kh,2020-01-31,,indsats\n',
     "kan ikke læse forloeb.csv som CSV: en række har flere felter end overskriften, eller et "
     "anførselstegn er ikke lukket"),
])
def test_a_csv_that_cannot_be_read_gives_a_danish_message(tmp_path, text, message):
    path = tmp_path / "forloeb.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvestXLError) as error:
        read_spells(path)
    assert error.value.message == message


def test_excel_table_with_real_dates(tmp_path):
    import datetime as dt
    book = Workbook()
    sheet = book.active
    sheet.append(["note"])
    sheet.append(["person", "benefit", "start", "end", "group"])
    sheet.append([7, "kh", dt.datetime(2020, 1, 1), None, "indsats"])
    sheet.append([8, "kh", dt.date(2020, 2, 1), dt.date(2020, 2, 3), "indsats"])
    sheet.add_table(Table(displayName="Forloeb", ref="A2:E4"))
    path = tmp_path / "forloeb.xlsx"
    book.save(path)
    spells = read_spells(path)
    assert spells.person.tolist() == ["7", "8"]
    assert str(spells.end[1]) == "2020-02-03"


def test_bad_date_names_row_and_column():
    rows = [["person", "start", "slut"], ["1", "2020-01-01", ""], ["2", "31/13/2020", ""]]
    with pytest.raises(InvestXLError, match=r"^række 3: kolonnen 'start': '31/13/2020' er ikke en dato"):
        read_spells(rows)


def test_end_before_start_is_reported():
    rows = [["person", "start", "slut"], ["1", "2020-02-01", "2020-01-01"]]
    with pytest.raises(InvestXLError, match=r"^række 2: slut \(2020-01-01\) ligger før start \(2020-02-01\)$"):
        read_spells(rows)


def test_missing_column_is_reported():
    with pytest.raises(InvestXLError, match="mangler kolonnen 'slut'"):
        read_spells([{"person": "1", "start": "2020-01-01"}])


def test_return_within_one_calendar_month_continues_the_spell():
    rows = [["person", "ydelse", "start", "slut"],
            ["a", "kh", "2020-01-01", "2020-01-31"],
            ["a", "kh", "2020-02-29", "2020-04-30"],   # 29 days later: same spell
            ["a", "kh", "2020-06-01", ""],             # 32 days after 30 April: new spell
            ["a", "dp", "2020-05-01", "2020-05-10"],   # another benefit: its own spell
            ["b", "kh", "2020-01-01", "2020-01-31"]]
    merged = merge_returns(read_spells(rows))
    spells = sorted(zip(merged.person, merged.benefit, merged.start.astype(str), merged.end.astype(str)))
    assert spells == [("a", "dp", "2020-05-01", "2020-05-10"),
                      ("a", "kh", "2020-01-01", "2020-04-30"),
                      ("a", "kh", "2020-06-01", "NaT"),
                      ("b", "kh", "2020-01-01", "2020-01-31")]


def test_return_after_an_ongoing_spell_is_absorbed_and_no_gap_keeps_all():
    rows = [["person", "start", "slut"], ["a", "2020-01-01", ""], ["a", "2020-05-01", "2020-06-01"]]
    merged = merge_returns(read_spells(rows))
    assert len(merged) == 1 and np.isnat(merged.end[0])
    assert len(merge_returns(read_spells(rows), None)) == 2


def test_add_months_clips_to_the_last_day():
    dates = np.array(["2020-01-31", "2019-12-15", "2021-01-31"], dtype="datetime64[D]")
    assert add_months(dates, 1).astype(str).tolist() == ["2020-02-29", "2020-01-15", "2021-02-28"]


def test_durations_count_days_inclusive_and_censor_at_cutoff():
    rows = [["person", "start", "slut"], ["a", "2020-01-01", "2020-01-01"],
            ["b", "2020-12-01", ""], ["c", "2020-12-01", "2021-03-01"], ["d", "2021-01-05", ""]]
    days, observed, kept = durations(read_spells(rows), "2020-12-31")
    assert days.tolist() == [1, 31, 31]
    assert observed.tolist() == [True, False, False]
    assert kept.tolist() == [True, True, True, False]


@pytest.mark.parametrize("by, expected", [
    ("year", ["2020", "2020", "2021"]),
    ("half", ["2020 H1", "2020 H2", "2021 H1"]),
    ("quarter", ["2020 K2", "2020 K3", "2021 K1"]),
    ("month", ["2020-06", "2020-07", "2021-01"]),
])
def test_entry_periods(by, expected):
    starts = np.array(["2020-06-30", "2020-07-01", "2021-01-01"], dtype="datetime64[D]")
    assert entry_periods(starts, by).tolist() == expected


def test_unknown_period_is_refused():
    with pytest.raises(InvestXLError, match="ukendt kohorteperiode 'week'"):
        entry_periods(np.array(["2020-01-01"], dtype="datetime64[D]"), "week")


from hypothesis import given, settings, strategies as st  # noqa: E402

_cells = st.one_of(st.none(), st.text(max_size=12), st.integers(-10, 10 ** 7),
                   st.floats(allow_nan=True), st.booleans(), st.dates())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_cells, min_size=3, max_size=3), max_size=6))
def test_any_cells_give_spells_or_a_danish_message(body):
    try:
        spells = read_spells([["person", "start", "slut"], *body])
    except InvestXLError:
        return
    assert len(spells) <= len(body)
    assert np.all(np.isnat(spells.end) | (spells.end >= spells.start))
