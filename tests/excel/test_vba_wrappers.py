"""Runs the classic-xlwings VBA wrapper checks (tests/vba/) in their own pytest process:
xlwings fixes its decorators at import, and this process is in server mode."""

import os
import subprocess
import sys

from .excel_server import REPO


def test_vba_wrappers_that_import_python_udfs_would_write():
    env = {k: v for k, v in os.environ.items() if k not in ("XLWINGS_ON_SERVER", "PYTEST_ADDOPTS")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(REPO / "tests" / "vba" / "check_vba_wrappers.py")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
