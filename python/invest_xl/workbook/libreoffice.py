"""LibreOffice, headless: the program that recalculates our workbooks and prints them to PDF.

LibreOffice keeps an xlsx file's cached values unless told to recalculate on load (ours
carry none), and shows numbers in its own locale: a private profile sets
OOXMLRecalcMode = 0 (always recalculate) and the locale da-DK (3,079, not 3.079). One
profile per call, so parallel calls do not share it. soffice exits 0 even when it could
not load a file: the output's existence is checked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from invest_xl.errors import InvestXLError

TIMEOUT_SECONDS = 300
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value></prop></item>
</oor:items>
"""
INSTALL_HINT = ("LibreOffice er ikke installeret (kommandoen soffice findes ikke). Installér det "
                "fra https://da.libreoffice.org (Windows/Mac) eller med "
                "'sudo apt-get install libreoffice-calc-nogui' (Debian/Ubuntu), og prøv igen; "
                "i Excel kan du i stedet bruge Filer > Gem som > PDF på arket Opfølgning.")


def soffice() -> str:
    """The soffice program, or a Danish message saying how to install it."""
    found = os.environ.get("INVEST_XL_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise InvestXLError(INSTALL_HINT)
    return found


def convert(path: str | os.PathLike, target: str, outdir: str | os.PathLike) -> Path:
    """Let LibreOffice open `path` (recalculated, Danish locale) and save it as `target`.

    `target` is soffice's --convert-to argument ("pdf", "xlsx", or with a filter);
    returns the written file in `outdir`.
    """
    path, outdir = Path(path), Path(outdir)
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="invest-xl-lo-") as profile:
        (Path(profile) / "user").mkdir()
        (Path(profile) / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, "utf-8")
        try:
            result = subprocess.run(
                [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                 "--norestore", "--convert-to", target, "--outdir", str(outdir), str(path)],
                capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except FileNotFoundError:
            raise InvestXLError(INSTALL_HINT) from None
        except subprocess.TimeoutExpired:
            raise InvestXLError(f"LibreOffice svarede ikke inden for {TIMEOUT_SECONDS} sekunder "
                                f"på {path.name}.") from None
    written = outdir / f"{path.stem}.{target.split(':')[0]}"
    if not written.exists():
        detail = (result.stderr or result.stdout).strip()[:300]
        raise InvestXLError(f"LibreOffice kunne ikke konvertere {path.name} ({detail or 'ingen besked'}).")
    return written
