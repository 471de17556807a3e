"""Server-mode xlwings for the tests in this folder: UDFs and buttons through xlwings' own
call path (custom_functions_call, Book JSON actions), as testing.md describes.

xlwings fixes its decorators at its first import, so the environment is set here,
before anything in this process imports xlwings; the classic VBA-wrapper tests run in
their own process (test_vba_wrappers.py starts it).
"""

import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("XLWINGS_ON_SERVER", "true")
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # PolyForm Noncommercial

import pytest  # noqa: E402
import xlwings  # noqa: E402
import xlwings.server  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "udfs"))

if xlwings.func is not xlwings.server.func:
    raise RuntimeError("xlwings was imported before tests/excel/conftest.py could switch it to "
                       "server mode; run the Excel tests in their own pytest process")

import invest_xl_udfs  # noqa: E402


def call(name: str, *arguments):
    """Call a UDF as Excel (Office.js) would: each argument 2-D, None when omitted."""
    payload = {"func_name": name, "args": list(arguments), "version": xlwings.__version__,
               "client": "Office.js", "runtime": "1.4", "culture_info_name": "da-DK",
               "date_format": "dd-MM-yyyy", "caller_address": "Ark1!B2"}
    return asyncio.run(xlwings.server.custom_functions_call(payload, invest_xl_udfs))


@pytest.fixture
def udf():
    return call


@pytest.fixture
def udfs_module():
    return invest_xl_udfs
