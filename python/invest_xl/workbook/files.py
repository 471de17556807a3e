"""Workbook files on disk: opening them safely and writing them atomically.

Finance staff point the tool at the council's only copy of a budget: we never write
over the input, never write over a workbook that is open in Excel, and never leave a
half-written file (write to a temporary file beside the target, then rename).
"""

from __future__ import annotations

import errno
import functools
import io
import os
import stat
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from defusedxml import DefusedXmlException

from invest_xl.errors import InvestXLError
from invest_xl.formatting import not_a_workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# A budget workbook unpacks to a few MB. Far larger is a zip bomb or not ours to read:
# openpyxl holds every cell in memory, so we refuse before unpacking anything.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PARTS = 10_000
MAX_COMPRESSION_RATIO = 300


def open_workbook(path: str | os.PathLike, *, keep_vba: bool | None = None,
                  data_only: bool = False):
    """Load a workbook with openpyxl, or say in Danish why not.

    Formulas come as written, or with `data_only` as the values Excel last cached.
    """
    return open_workbook_and_bytes(path, keep_vba=keep_vba, data_only=data_only)[0]


def open_workbook_and_bytes(path: str | os.PathLike, *, keep_vba: bool | None = None,
                            data_only: bool = False):
    """The loaded workbook and the very bytes it was loaded from (the file is read once).

    A job that reads the figures and then rewrites the package uses the same bytes for
    both, so a save in Excel in between cannot mix two versions.
    """
    path = Path(path)
    if not path.exists():
        raise InvestXLError(f"Filen findes ikke: {path}")
    if path.is_dir():
        raise InvestXLError(f"{path} er en mappe, ikke en Excel-projektmappe")
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise InvestXLError(f"{path.name} er ikke en Excel-projektmappe (.xlsx eller .xlsm)")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InvestXLError(f"{path.name} kan ikke åbnes: adgang nægtet") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InvestXLError(not_a_workbook(path.name, "filen er beskadiget eller ikke en .xlsx/.xlsm-fil"))
    _check_archive(data, path.name)
    if keep_vba is None:
        keep_vba = path.suffix.lower() == ".xlsm"
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), keep_vba=keep_vba, data_only=data_only)
    except Exception as error:  # openpyxl raises many types for a damaged file
        if _caused_by(error, DefusedXmlException):
            raise InvestXLError(f"{path.name} afvises: den indeholder XML-konstruktioner, som "
                                "en projektmappe ikke bruger (mulig angrebsfil)") from None
        raise InvestXLError(not_a_workbook(path.name, type(error).__name__)) from None
    if not data_only:
        # A table cell holding a formula is read as the value Excel saved with it, as the
        # buttons read it from the open workbook (tables.read_table asks only then).
        workbook.saved_values = functools.cache(
            lambda: openpyxl.load_workbook(io.BytesIO(data), data_only=True))
    return workbook, data


def read_text_file(path: Path) -> str:
    """A text (CSV) file's content: UTF-8 (with or without BOM), else Windows-1252, in
    which Danish Excel saves "CSV (semikolonsepareret)"."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _caused_by(error: BaseException, kind: type) -> bool:
    """True if `error` or an exception it was raised from is a `kind` (openpyxl wraps them)."""
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def _check_archive(data: bytes, name: str) -> None:
    """Refuse archives that would unpack to far more than a workbook: sizes as declared.

    zipfile never yields more bytes than a member declares, so the declared sizes bound
    what openpyxl can unpack.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if "[Content_Types].xml" not in archive.namelist():
                raise InvestXLError(f"{name} er et zip-arkiv, men ikke en Excel-projektmappe")
    except zipfile.BadZipFile:
        raise InvestXLError(not_a_workbook(name, "filen er beskadiget eller afkortet")) from None
    check_member_sizes(members, name)


def check_member_sizes(members: list[zipfile.ZipInfo], label: str) -> None:
    """Refuse an archive whose members would unpack to far more than a workbook."""
    unpacked = sum(m.file_size for m in members)
    inflated = [m for m in members
                if m.file_size > 1024 * 1024 and m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1)]
    if len(members) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES or inflated:
        raise InvestXLError(f"{label} afvises: den fylder {unpacked / 1024 / 1024:,.0f} MB "
                            f"udpakket, langt mere end en budgetprojektmappe (højst "
                            f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB; mulig zip-bombe)")


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
    if target.exists() and not target.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        # A rename would replace a read-only file on Linux and macOS; Excel would not.
        raise InvestXLError(f"{target.name} er skrivebeskyttet; fjern skrivebeskyttelsen eller "
                            "vælg et andet filnavn med -o")
    if not target.parent.exists():
        raise InvestXLError(f"Mappen {target.parent} findes ikke")
    if not target.parent.is_dir():
        raise InvestXLError(f"{target.parent} er en fil, ikke en mappe")


def save_atomically(workbook, target: str | os.PathLike, *, source: Path | None = None) -> Path:
    """Save an openpyxl workbook to `target` through a temporary file and a rename."""
    return _write_atomically(workbook.save, target, source)


def save_bytes_atomically(data: bytes, target: str | os.PathLike, *, source: Path | None = None) -> Path:
    """Write a finished workbook package (bytes) to `target` through a temporary file and a rename."""
    return _write_atomically(lambda stream: stream.write(data), target, source)


def _write_atomically(write, target: str | os.PathLike, source: Path | None) -> Path:
    """Call `write(stream)` on a temporary file beside `target`, then rename it over `target`."""
    target = Path(target)
    check_writable(target, source=source)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~invest-xl-", suffix=target.suffix,
                                             dir=target.parent)
    except OSError as error:
        raise InvestXLError(f"Der kan ikke skrives i mappen {target.parent}: "
                            f"{_reason(error)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        if error.errno is None:  # not from the operating system: a bug, not the disk
            raise
        raise InvestXLError(f"{target.name} kan ikke skrives: {_reason(error)}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


def _reason(error: OSError) -> str:
    """Why the operating system refused a write, in Danish."""
    reasons = {errno.EACCES: "adgang nægtet", errno.EPERM: "adgang nægtet",
               errno.ENOSPC: "der er ikke plads på drevet", errno.EDQUOT: "der er ikke plads på drevet",
               errno.EROFS: "drevet er skrivebeskyttet"}
    return reasons.get(error.errno, f"systemfejl {errno.errorcode.get(error.errno, error.errno)}")
