"""LibreOffice, headless, as the real spreadsheet program that recalculates our files.

LibreOffice keeps cached values of xlsx files unless told to recalculate on load, so a
private profile sets OOXMLRecalcMode = 0 (always). soffice exits 0 even when it could
not load a file, so we check that the output exists.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl

PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


# pytest's -ra (pyproject) prints this in the summary of every skipped spreadsheet test
NO_LIBREOFFICE = ("LibreOffice is not installed (no soffice on PATH): the spreadsheet tests did not run; "
                  ".ci/run installs it (libreoffice-calc-nogui)")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(path: Path, workdir: Path) -> Path:
    """Let LibreOffice open, recalculate and save `path` as xlsx; return the new file."""
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS)
    out = workdir / "recalculated"
    out.mkdir(exist_ok=True)
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "xlsx", "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=180)
    converted = out / (path.stem + ".xlsx")
    if not converted.exists():
        raise RuntimeError(f"LibreOffice did not convert {path}: {result.stdout} {result.stderr}")
    return converted


def recalculated_values(path: Path, workdir: Path, sheet: str) -> dict[str, object]:
    """Every cell value of `sheet` after LibreOffice's recalculation, by address."""
    workbook = openpyxl.load_workbook(recalculate(path, workdir), data_only=True)
    return {cell.coordinate: cell.value for row in workbook[sheet].iter_rows() for cell in row}
