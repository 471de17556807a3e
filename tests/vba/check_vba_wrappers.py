"""The VBA that Excel's "Import Python UDFs" would write for udfs/invest_xl_udfs.py.

Runs in its own pytest process in classic (Windows) xlwings mode: the server-mode tests
fix xlwings' decorators at import (tests/excel/test_vba_wrappers.py starts this file).
pywin32 is stubbed so that xlwings.udfs imports on Linux; its real VBA generator,
`generate_vba_wrapper`, writes the module text we check.
"""

import io
import os
import re
import sys
import types
import zipfile
from pathlib import Path

assert os.environ.get("XLWINGS_ON_SERVER") != "true", "run without XLWINGS_ON_SERVER"

for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
    sys.modules.setdefault(name, types.ModuleType(name))
sys.modules["pythoncom"].CoInitialize = lambda: None
sys.modules["pywintypes"].com_error = Exception
sys.modules["win32com.client"].Dispatch = lambda *args, **kwargs: None

import openpyxl  # noqa: E402
import pytest  # noqa: E402
import xlwings as xw  # noqa: E402
from xlwings import udfs  # noqa: E402

xw.func, xw.arg, xw.ret, xw.sub, xw.script = (udfs.xlfunc, udfs.xlarg, udfs.xlret, udfs.xlsub,
                                              udfs.xlsub)
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "udfs"))
import invest_xl_udfs  # noqa: E402

from invest_xl.excel.macro_workbook import BUTTONS, CONFIG_SHEET, MACRO_WORKBOOK_NAME, UDF_MODULE  # noqa: E402

PINNED_FUNCTIONS = [
    "invest_amount", "invest_curve", "invest_fit_curve", "invest_fit_summary", "invest_fte_savings",
    "invest_kaplan_meier", "invest_net_unit_cost", "invest_peer_position", "invest_peers",
    "invest_portfolio", "invest_price_level",
    "invest_savings", "invest_weeks_saved",
]
PINNED_MACROS = ["invest_refresh_curves", "invest_refresh_followup"]
VBA_KEYWORDS = {
    "and", "as", "boolean", "byref", "byte", "byval", "call", "case", "const", "currency", "date",
    "decimal", "declare", "dim", "do", "double", "each", "else", "elseif", "empty", "end", "enum",
    "eqv", "erase", "error", "event", "exit", "false", "for", "friend", "function", "get",
    "global", "gosub", "goto", "if", "imp", "implements", "in", "integer", "is", "let", "lib",
    "like", "long", "loop", "lset", "me", "mod", "name", "new", "next", "not", "nothing", "null",
    "object", "on", "open", "option", "optional", "or", "paramarray", "preserve", "private",
    "property", "public", "raiseevent", "redim", "rem", "resume", "return", "rset", "select",
    "set", "single", "static", "step", "stop", "string", "sub", "then", "to", "true", "type",
    "typeof", "until", "variant", "wend", "while", "with", "withevents", "xor", "array", "len",
}
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,254}$")
A1_REFERENCE = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
R1C1_REFERENCE = re.compile(r"^[Rr][0-9]*[Cc][0-9]*$")
DECLARATION = re.compile(r"^(Function|Sub) (\w+)\((.*)\)$", re.M)


class _Workbook:
    Name = MACRO_WORKBOOK_NAME


@pytest.fixture(scope="module")
def vba() -> str:
    stream = io.StringIO()
    udfs.generate_vba_wrapper(UDF_MODULE, invest_xl_udfs, stream, _Workbook())
    return stream.getvalue()


def _declarations(vba: str) -> dict[str, tuple[str, list[str]]]:
    found = {}
    for kind, name, params in DECLARATION.findall(vba):
        found[name] = (kind, [p.strip() for p in params.split(",") if p.strip()])
    return found


def test_every_udf_and_macro_gets_its_vba_procedure_and_the_names_are_pinned(vba):
    declared = _declarations(vba)
    assert sorted(n for n, (k, _) in declared.items() if k == "Function") == PINNED_FUNCTIONS
    assert sorted(n for n, (k, _) in declared.items() if k == "Sub") == PINNED_MACROS


def test_names_are_valid_vba_identifiers_and_no_cell_reference(vba):
    declared = _declarations(vba)
    lower = [n.lower() for n in declared]
    assert len(set(lower)) == len(lower)
    for name, (_, params) in declared.items():
        for identifier in [name] + [p.split()[-1].removesuffix("()") for p in params]:
            assert IDENTIFIER.match(identifier), identifier
            assert identifier.lower() not in VBA_KEYWORDS, identifier
            assert not A1_REFERENCE.match(identifier) and not R1C1_REFERENCE.match(identifier)
        argument_names = [p.split()[-1].lower() for p in params]
        assert name.lower() not in argument_names and len(set(argument_names)) == len(argument_names)
        assert not set(argument_names) & set(lower), name


def test_procedures_call_the_right_module_and_function(vba):
    for name in _declarations(vba):
        assert f'XLPy.CallUDF("{UDF_MODULE}", "{name}", ' in vba or \
            f'XLPy.CallUDF "{UDF_MODULE}", "{name}", ' in vba, name
    assert "ThisWorkbook" in vba and "ActiveWorkbook" not in vba


def test_optional_arguments_come_last_and_macros_need_none(vba):
    for name, (kind, params) in _declarations(vba).items():
        optional = [p.startswith("Optional ") for p in params]
        assert optional == sorted(optional), name
        if kind == "Sub":
            assert all(optional), f"a button cannot pass arguments to {name}"


def test_every_argument_has_help_and_the_help_fits_excels_dialog():
    for name in PINNED_FUNCTIONS:
        info = getattr(invest_xl_udfs, name).__xlfunc__
        assert len(info["ret"]["doc"].strip().splitlines()[0]) <= 255
        for argument in info["args"]:
            assert not argument["doc"].startswith("Positional argument"), (name, argument["name"])
            assert len(argument["doc"]) <= 255


def test_the_shipped_workbook_names_this_module_and_binds_its_buttons_to_these_macros():
    path = REPO / "xlsx" / MACRO_WORKBOOK_NAME
    config = openpyxl.load_workbook(path)[CONFIG_SHEET]
    settings = {row[0].value: row[1].value for row in config.iter_rows(max_col=2)}
    assert settings["UDF Modules"] == UDF_MODULE
    with zipfile.ZipFile(path) as archive:
        vml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".vml"))
    bound = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert sorted(bound) == PINNED_MACROS == sorted(macro for _, _, macro in BUTTONS)
