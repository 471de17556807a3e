"""The buttons' scripts run on a Book built from the shipped .xlsm, through xlwings' own
script call path; the actions they send are checked against the layout the command line
writes with openpyxl, and no action may touch another sheet."""

import asyncio
import re

import numpy as np
import openpyxl
import pytest
import xlwings as xw
import xlwings.server

from .book_from_file import book_from_file, book_json
from .excel_server import REPO, invest_xl_udfs
from invest_xl import labels
from invest_xl.layout.curve_sheet import RESULT_SHEET
from invest_xl.layout.model import AMOUNT_FORMAT
from invest_xl.excel.macro_workbook import MACRO_WORKBOOK_NAME
from invest_xl.workbook.ownership import marker_name
from seed_tables import seed_002_cases

SHIPPED = REPO / "xlsx" / MACRO_WORKBOOK_NAME
SHEET_FREE = {"addChart"}  # chart actions carry the sheet in their args


def _run(script: str, book) -> list[dict]:
    asyncio.run(xlwings.server.custom_scripts_call(invest_xl_udfs, script,
                                                   typehint_to_value={xw.Book: book}))
    return book.json()["actions"]


@pytest.fixture(scope="module")
def followup_actions():
    book = book_from_file(SHIPPED)
    return book, _run("invest_refresh_followup", book)


def _position(book, name: str) -> int:
    return [sheet.name for sheet in book.sheets].index(name)


def _on_sheets(actions, sheet: str) -> list[dict]:
    """The actions on sheets; the one other action is our sheet's mark, a defined name."""
    marks = [a for a in actions if a["func"] in ("namesAdd", "setNameRefersTo")]
    assert [(m["args"][0], m["args"][-1]) for m in marks] == [
        (marker_name(sheet), f"='{sheet}'!$A$1")]
    return [a for a in actions if a not in marks]


def test_followup_button_touches_only_the_followup_sheet(followup_actions):
    book, actions = followup_actions
    own = _position(book, labels.FOLLOWUP_SHEET)
    assert actions and {a["sheet_position"] for a in _on_sheets(actions, labels.FOLLOWUP_SHEET)} == {own}
    assert not [a for a in actions if a["func"] in ("addSheet", "deleteSheet", "sheetDelete")]
    for action in actions:
        if action["func"] == "addChart":
            assert action["args"][2] == labels.FOLLOWUP_SHEET


def _case_blocks(values):
    """Per case block of a written grid: {kind: [Budget figure of each year]} in block order."""
    blocks = []
    for r, row in enumerate(values):
        if isinstance(row[0], str) and row[0].startswith(labels.CASE_TITLE.format(name="")):
            years = [c for c, v in enumerate(values[r + 1]) if isinstance(v, (int, float))]
            budget = [c for c in years if values[r + 2][c] == "Budget"]
            block = {}
            for line in values[r + 3:r + 6]:
                kind = {labels.INVESTMENT_ROW: "investering", labels.SAVING_ROW: "besparelse"}.get(line[0])
                if kind:
                    block[kind] = [line[c] for c in budget]
            blocks.append(block)
    return blocks


def test_followup_button_writes_the_published_budget_of_every_case(followup_actions):
    _, actions = followup_actions
    [write] = [a for a in actions if a["func"] == "setFormula"]
    assert (write["start_row"], write["start_column"]) == (0, 0)
    blocks = _case_blocks(write["values"])
    published = seed_002_cases()
    for number, rows in published.items():
        for kind in ("investering", "besparelse"):
            printed = list(rows[kind])
            if (number, kind) == (5, "besparelse"):
                printed[1] = -printed[1]  # seed 002's sign error in case 5, 2021, corrected in the sample
            assert blocks[number - 1][kind] == pytest.approx(printed, abs=5e-4), (number, kind)
    formulas = [v for row in write["values"] for v in row if isinstance(v, str) and v.startswith("=")]
    # the first case block's total row sums its two rows, empty where neither holds a figure
    first = next(r for r, row in enumerate(write["values"], 1)
                 if isinstance(row[0], str) and row[0].startswith(labels.CASE_TITLE.format(name="")))
    rows = f"B{first + 3}:B{first + 4}"
    assert f'=IF(COUNT({rows})=0,"",SUM({rows}))' in formulas
    assert any(f.startswith("=SUMIF(") for f in formulas)


def test_followup_cli_file_and_button_agree_cell_by_cell(followup_actions, tmp_path):
    from invest_xl.jobs import write_followup

    _, actions = followup_actions
    [write] = [a for a in actions if a["func"] == "setFormula"]
    _, _, written = write_followup(SHIPPED, tmp_path / "out.xlsm")
    sheet = openpyxl.load_workbook(written)[labels.FOLLOWUP_SHEET]
    for r, row in enumerate(write["values"], start=1):
        for c, value in enumerate(row, start=1):
            in_file = sheet.cell(r, c).value
            shown = value[1:] if isinstance(value, str) and value.startswith("'") else value
            assert (in_file if in_file is not None else "") == shown, (r, c)


def test_followup_button_sets_amount_formats_bold_headers_merges_and_widths(followup_actions):
    _, actions = followup_actions
    formats = [a for a in actions if a["func"] == "setNumberFormat"]
    assert formats and {a["args"][0] for a in formats} >= {AMOUNT_FORMAT}
    assert any(a["func"] == "setFontProperty" and a["args"] == ["bold", True] for a in actions)
    merges = [a for a in actions if a["func"] == "rangeMerge"]
    assert {(a["start_row"], a["start_column"], a["column_count"]) for a in merges} >= {(0, 0, 11)}
    widths = {a["start_column"]: a["args"] for a in actions if a["func"] == "setColumnWidth"}
    assert widths[0] == [62]
    assert [a["args"][1] for a in actions if a["func"] == "addChart"] == ["ColumnClustered"]


def test_curves_button_writes_only_its_sheet_with_a_scatter_chart_per_comparison():
    book = book_from_file(SHIPPED)
    actions = _run("invest_refresh_curves", book)
    own = _position(book, RESULT_SHEET)
    assert {a["sheet_position"] for a in _on_sheets(actions, RESULT_SHEET)} == {own}
    charts = [a for a in actions if a["func"] == "addChart"]
    assert charts and all(a["args"][1] == "XYScatterLinesNoMarkers" and a["args"][2] == RESULT_SHEET for a in charts)
    [write] = [a for a in actions if a["func"] == "setFormula"]
    assert write["values"][0][0].startswith("Overlevelseskurver")
    assert any("sammenlignet med" in str(row[0]) for row in write["values"])


def test_curves_button_adds_its_sheet_when_missing_and_leaves_the_others(tmp_path):
    data = book_json(SHIPPED)
    data["sheets"] = [s for s in data["sheets"] if s["name"] != RESULT_SHEET]
    count = len(data["sheets"])
    book = xw.Book(json=data)
    actions = _run("invest_refresh_curves", book)
    assert actions[0]["func"] == "addSheet" and actions[0]["args"] == [count, RESULT_SHEET]
    assert {a["sheet_position"] for a in _on_sheets(actions[1:], RESULT_SHEET)} == {count}


def test_a_bad_budget_gives_a_message_box_not_a_traceback():
    data = book_json(SHIPPED)
    for sheet in data["sheets"]:
        if sheet["name"] == "Sager":
            sheet["values"][1][0] = "en"  # case number as text
    book = xw.Book(json=data)
    actions = _run("invest_refresh_followup", book)
    assert [a["func"] for a in actions] == ["alert"]
    assert "Sager" in actions[0]["args"][0] and "række 2" in actions[0]["args"][0]


def test_the_shipped_workbook_is_the_one_the_build_writes(tmp_path):
    """Every part equal but the save time openpyxl stamps into docProps/core.xml."""
    import zipfile

    from invest_xl.excel.macro_workbook import write_macro_workbook

    fresh = write_macro_workbook(tmp_path / MACRO_WORKBOOK_NAME, invest_xl_udfs)
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(SHIPPED) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in set(a.namelist()) - {"docProps/core.xml"}:
            (text, numbers), (shipped_text, shipped_numbers) = (
                _canonical(name, a.read(name)), _canonical(name, b.read(name)))
            assert text == shipped_text, f"{name} differs: run scripts/build_workbooks.py"
            np.testing.assert_allclose(numbers, shipped_numbers, rtol=1e-6, err_msg=name)


_DECIMAL = re.compile(rb"-?\d+\.\d+(?:[eE][+-]?\d+)?")


def _canonical(name: str, data: bytes) -> tuple:
    """(text, decimal numbers) of a part: the content types' entries as a set (openpyxl
    writes them in set order, which changes from one Python process to the next); in
    XML, the decimal numbers apart, to be compared to a relative 1e-6: an optimiser's
    estimates differ in the 8th digit from one CPU, numpy or scipy build to another
    (a model-averaged 6.360656562 here, 6.360656687 there)."""
    if name == "[Content_Types].xml":
        return sorted(re.findall(rb"<[^>]+>", data)), []
    if name.endswith((".xml", ".rels", ".vml")):
        return _DECIMAL.sub(b"#", data), [float(m) for m in _DECIMAL.findall(data)]
    return data, []


def test_a_bug_in_a_button_gives_a_short_message_box(monkeypatch):
    from invest_xl.excel import buttons as excel_buttons

    def broken(book):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(excel_buttons, "curves_layout", broken)
    actions = _run("invest_refresh_curves", book_from_file(SHIPPED))
    assert [a["func"] for a in actions] == ["alert"]
    assert actions[0]["args"][0].startswith("Uventet fejl i refresh_curves (ZeroDivisionError)")


def test_text_that_looks_like_a_formula_stays_text_when_the_tables_are_copied():
    from invest_xl.excel.buttons import tables_as_openpyxl

    data = book_json(SHIPPED)
    for sheet in data["sheets"]:
        if sheet["name"] == "Sager":
            sheet["values"][1][1] = "=HYPERLINK(1)"
    copied = tables_as_openpyxl(xw.Book(json=data))["Sager"]["B2"]
    assert copied.data_type == "s" and copied.value == "=HYPERLINK(1)"



def test_the_followup_chart_is_replaced_not_added_again():
    data = book_json(SHIPPED)
    for sheet in data["sheets"]:
        if sheet["name"] == labels.FOLLOWUP_SHEET:
            sheet["charts"] = [{"name": "Diagram 1", "chart_type": "column_clustered", "left": 0,
                                "top": 0, "width": 100, "height": 100}]
    actions = _run("invest_refresh_followup", xw.Book(json=data))
    charts = [(a["func"], a["args"][0]) for a in actions if "Chart" in a["func"]]
    assert charts == [("deleteChart", 0), ("addChart", "Chart")]


def test_a_followup_sheet_named_in_other_letter_case_is_rewritten_not_added_again():
    data = book_json(SHIPPED)
    for sheet in data["sheets"]:
        if sheet["name"] == labels.FOLLOWUP_SHEET:
            sheet["name"] = labels.FOLLOWUP_SHEET.upper()
    book = xw.Book(json=data)
    actions = _run("invest_refresh_followup", book)
    assert not [a for a in actions if a["func"] == "addSheet"]
    assert {a["sheet_position"] for a in _on_sheets(actions, labels.FOLLOWUP_SHEET.upper())} == {
        _position(book, labels.FOLLOWUP_SHEET.upper())}


def test_a_budget_table_with_a_total_row_is_read_without_it():
    from invest_xl.excel.buttons import tables_as_openpyxl
    from invest_xl.workbook.budget_reader import budget_from_workbook

    data = book_json(SHIPPED)
    for sheet in data["sheets"]:
        for table in sheet["tables"]:
            if table["name"] == "Beloeb":
                last = int(table["range_address"].split("$")[-1]) + 1
                table["range_address"] = table["range_address"].rsplit("$", 1)[0] + f"${last}"
                table["show_totals"] = True
                sheet["values"].append(["I alt", "", "", "", 60.8])
    with_total = budget_from_workbook(tables_as_openpyxl(xw.Book(json=data)))
    assert with_total.amounts == budget_from_workbook(tables_as_openpyxl(book_from_file(SHIPPED))).amounts
