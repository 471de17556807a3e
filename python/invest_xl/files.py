"""Workbook files on disk: opening them safely and writing them atomically.

Finance staff point the tool at the council's only copy of a budget: we never write
over the input, never write over a workbook that is open in Excel, and never leave a
half-written file (write to a temporary file beside the target, then rename).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

import openpyxl

from invest_xl.errors import InvestXLError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def open_workbook(path: str | os.PathLike, *, keep_vba: bool | None = None):
    """Load a workbook with openpyxl (formulas as written), or say in Danish why not."""
    path = Path(path)
    if not path.exists():
        raise InvestXLError(f"Filen findes ikke: {path}")
    if path.is_dir():
        raise InvestXLError(f"{path} er en mappe, ikke en Excel-projektmappe")
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise InvestXLError(f"{path.name} er ikke en Excel-projektmappe (.xlsx eller .xlsm)")
    if not zipfile.is_zipfile(path):
        raise InvestXLError(f"{path.name} kan ikke læses som en Excel-projektmappe "
                            "(filen er beskadiget eller ikke en .xlsx/.xlsm-fil)")
    if keep_vba is None:
        keep_vba = path.suffix.lower() == ".xlsm"
    try:
        return openpyxl.load_workbook(path, keep_vba=keep_vba)
    except PermissionError:
        raise InvestXLError(f"{path.name} kan ikke åbnes: adgang nægtet") from None
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise InvestXLError(f"{path.name} kan ikke læses som en Excel-projektmappe "
                            f"({type(error).__name__})") from None


def lock_file(path: Path) -> Path:
    """The owner file Excel keeps beside an open workbook: '~$' + name."""
    return path.with_name("~$" + path.name)


def check_writable(target: Path, *, source: Path | None = None) -> None:
    """Refuse to write over the input, or over a workbook that is open in Excel."""
    if source is not None and target.exists() and source.exists() and target.samefile(source):
        raise InvestXLError(f"Uddata må ikke overskrive inddata ({target.name}); "
                            "vælg et andet filnavn med -o")
    if lock_file(target).exists():
        raise InvestXLError(f"{target.name} er åben i Excel; luk den og prøv igen")
    if target.exists() and target.is_dir():
        raise InvestXLError(f"{target} er en mappe; angiv et filnavn")
    if not target.parent.exists():
        raise InvestXLError(f"Mappen {target.parent} findes ikke")


def save_atomically(workbook, target: str | os.PathLike, *, source: Path | None = None) -> Path:
    """Save an openpyxl workbook to `target` through a temporary file and a rename."""
    target = Path(target)
    check_writable(target, source=source)
    handle, temporary = tempfile.mkstemp(prefix=".~invest-xl-", suffix=target.suffix,
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            workbook.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except PermissionError:
        raise InvestXLError(f"{target.name} kan ikke skrives: adgang nægtet") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target
