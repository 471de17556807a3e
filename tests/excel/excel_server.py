"""What the Excel tests share: the repository, the UDF module in server mode, `call`.

tests/excel/conftest.py has switched xlwings to server mode before this is imported.
"""

import asyncio
import sys
from pathlib import Path

import xlwings
import xlwings.server

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
