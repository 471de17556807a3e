"""The shipped workbooks: formulas that call our UDFs, the VBA project and buttons of the
.xlsm after the command line rewrote it, and LibreOffice opening it."""

import re
import shutil
import zipfile

import openpyxl
import pytest
from spreadsheet import NO_LIBREOFFICE
from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import Token
from openpyxl.worksheet.formula import ArrayFormula

from .excel_server import REPO, invest_xl_udfs
from invest_xl import labels
from invest_xl.excel.macro_workbook import (BUTTONS, CONFIG_SHEET, FUNCTIONS_SHEET, MACRO_WORKBOOK_NAME,
                                      START_SHEET, UDF_MODULE, standalone_vba_project)

SHIPPED = sorted((REPO / "xlsx").glob("*.xls[xm]"))
XLSM = REPO / "xlsx" / MACRO_WORKBOOK_NAME
PREFIX = "INVEST_"


def _signatures() -> dict[str, tuple[int, int]]:
    """Excel name -> (required, total) argument counts, from the UDFs' own metadata."""
    result = {}
    for name in dir(invest_xl_udfs):
        info = getattr(getattr(invest_xl_udfs, name), "__xlfunc__", None)
        if info:
            total = len(info["args"])
            result[name.upper()] = (sum("optional" not in a for a in info["args"]), total)
    return result


def udf_calls(formula: str) -> list[tuple[str, int]]:
    """(function name, argument count) of every INVEST_ call in a formula, nested or not."""
    calls, stack = [], []
    for token in Tokenizer(formula).items:
        if token.type == Token.FUNC and token.subtype == Token.OPEN:
            stack.append([token.value[:-1].upper(), 0, False])
        elif token.type == Token.FUNC and token.subtype == Token.CLOSE:
            name, commas, seen = stack.pop()
            if name.startswith(PREFIX):
                calls.append((name, commas + 1 if (seen or commas) else 0))
            if stack:
                stack[-1][2] = True
        elif stack and token.type == Token.SEP and token.subtype == Token.ARG:
            stack[-1][1] += 1
        elif stack:
            stack[-1][2] = True
    return calls


def _formulas(path):
    for sheet in openpyxl.load_workbook(path, keep_vba=path.suffix == ".xlsm").worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                text = value.text if isinstance(value, ArrayFormula) else value
                if isinstance(text, str) and text.startswith("="):
                    yield sheet.title, cell.coordinate, text


def test_the_formula_scanner_counts_arguments_of_nested_and_empty_calls():
    assert udf_calls("=INVEST_CURVE(A1:A3,B1:B3)") == [("INVEST_CURVE", 2)]
    assert udf_calls("=SUM(INVEST_NET_UNIT_COST(1,MAX(2,3)),1)") == [("INVEST_NET_UNIT_COST", 2)]
    assert udf_calls("=invest_fte_savings(A1:E3,,2020)") == [("INVEST_FTE_SAVINGS", 3)]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_udf_formula_names_an_existing_udf_with_a_valid_argument_count(path):
    signatures = _signatures()
    for sheet, cell, formula in _formulas(path):
        for name, count in udf_calls(formula):
            assert name in signatures, f"{path.name} {sheet}!{cell}: {name} is no UDF"
            required, total = signatures[name]
            assert required <= count <= total, f"{path.name} {sheet}!{cell}: {formula}"


def test_the_xlsm_calls_every_udf_and_only_on_its_functions_sheet():
    called = {}
    for sheet, cell, formula in _formulas(XLSM):
        for name, _ in udf_calls(formula):
            called.setdefault(name, set()).add(sheet)
    assert set(called) == set(_signatures())
    assert set().union(*called.values()) == {FUNCTIONS_SHEET}


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _check_macro_parts(path):
    parts = _parts(path)
    assert parts["xl/vbaProject.bin"] == standalone_vba_project()
    assert b"macroEnabled" in parts["[Content_Types].xml"]
    vml = b"".join(v for n, v in parts.items() if n.endswith(".vml")).decode("utf-8")
    assert sorted(re.findall(r"\[0\]!(\w+)<", vml)) == sorted(m for _, _, m in BUTTONS)
    for _, caption, _ in BUTTONS:
        assert caption in vml
    book = openpyxl.load_workbook(path, keep_vba=True)
    start = book[START_SHEET]
    assert start.legacy_drawing is not None
    settings = {r[0].value: r[1].value for r in book[CONFIG_SHEET].iter_rows(max_col=2)}
    assert settings["UDF Modules"] == UDF_MODULE and "udfs" in settings["PYTHONPATH"]
    assert book.sheetnames[0] == START_SHEET
    return book


def test_the_built_xlsm_has_the_standalone_vba_project_buttons_and_config():
    _check_macro_parts(XLSM)


def test_the_xlsm_keeps_vba_buttons_and_formulas_after_the_tool_rewrites_it(tmp_path):
    from invest_xl.cli import main

    out = tmp_path / "rewritten.xlsm"
    assert main(["followup", str(XLSM), "-o", str(out)]) == 0
    book = _check_macro_parts(out)
    before = sorted(_formulas(XLSM))
    after = sorted(_formulas(out))
    assert [f for f in after if f[0] == FUNCTIONS_SHEET] == [f for f in before if f[0] == FUNCTIONS_SHEET]
    assert labels.FOLLOWUP_SHEET in book.sheetnames


@pytest.mark.skipif(shutil.which("soffice") is None, reason=NO_LIBREOFFICE)
def test_libreoffice_opens_the_xlsm_and_only_udf_cells_are_unknown_to_it(tmp_path):
    from spreadsheet import recalculate

    values = openpyxl.load_workbook(recalculate(XLSM, tmp_path), data_only=True)
    for sheet in values.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "#NAME?":
                    assert sheet.title == FUNCTIONS_SHEET, f"{sheet.title}!{cell.coordinate}"
    followup = values[labels.FOLLOWUP_SHEET]
    numbers = [c.value for row in followup.iter_rows() for c in row if isinstance(c.value, float)]
    assert numbers and all(v == v for v in numbers)


def test_the_readme_pins_the_xlwings_version_the_vba_module_was_taken_from():
    import xlwings

    assert f'"xlwings=={xlwings.__version__}"' in (REPO / "README.md").read_text("utf-8")
