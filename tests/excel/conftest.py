"""Server-mode xlwings for the tests in this folder: UDFs and buttons through xlwings' own
call path (custom_functions_call, Book JSON actions), as testing.md describes.

xlwings fixes its decorators at its first import, so the environment is set here,
before anything in this process imports xlwings; the classic VBA-wrapper tests run in
their own process (test_vba_wrappers.py starts it). The licence key selects xlwings'
PolyForm Noncommercial licence, which permits government institutions.
"""

import os

os.environ.setdefault("XLWINGS_ON_SERVER", "true")
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from . import excel_server  # noqa: E402,F401  (imports xlwings now, in server mode)
