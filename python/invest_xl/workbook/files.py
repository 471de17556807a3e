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
import re
import stat
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl
from defusedxml import DefusedXmlException

from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.formatting import not_a_workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# A budget workbook unpacks to a few MB. Far larger is a zip bomb or not ours to read:
# openpyxl holds every cell in memory, so we refuse before unpacking anything.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PARTS = 10_000
MAX_COMPRESSION_RATIO = 300
# The file itself, checked before it is read: a 19 MB workbook with a 400,000-row data
# sheet is a budget workbook; 2 GB is not.
MAX_FILE_BYTES = 512 * 1024 * 1024
# Parts copied unread into the output (replace_sheet) are held in memory, not parsed.
MAX_COPIED_BYTES = 1024 * 1024 * 1024
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx, or an old .xls
_EMPTY_SHEET = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
                b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')
TEMPORARY_PREFIX = ".~invest-xl-"
# A temporary file of ours whose writer is gone: left by a run killed before its rename.
STALE_SECONDS = 10 * 60


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
    data = _read_checked(path)
    loaded = _check_archive(data, path.name)
    if keep_vba is None:
        keep_vba = path.suffix.lower() == ".xlsm"
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(loaded), keep_vba=keep_vba, data_only=data_only)
    except Exception as error:  # openpyxl raises many types for a damaged file
        if _caused_by(error, DefusedXmlException):
            raise InvestXLError(f"{path.name} afvises: den indeholder XML-konstruktioner, som "
                                "en projektmappe ikke bruger (mulig angrebsfil)") from None
        if (twice := _table_named_twice(error)) is not None:
            raise InvestXLError(labels.FILE_TABLE_TWICE.format(name=path.name, table=twice)) from None
        raise InvestXLError(not_a_workbook(path.name, type(error).__name__)) from None
    if not data_only:
        # A table cell holding a formula is read as the value Excel saved with it, as the
        # buttons read it from the open workbook (tables.read_table asks only then).
        workbook.saved_values = functools.cache(
            lambda: openpyxl.load_workbook(io.BytesIO(loaded), data_only=True))
    return workbook, data


def _read_checked(path: Path) -> bytes:
    """The file's bytes, after its signature and size say it can be a workbook."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
            size = os.fstat(stream.fileno()).st_size
            if head.startswith(OLE_SIGNATURE):
                raise InvestXLError(labels.FILE_ENCRYPTED.format(name=path.name))
            if not head.startswith(ZIP_SIGNATURE):
                raise InvestXLError(not_a_workbook(path.name, "filen er beskadiget eller ikke en "
                                                              ".xlsx/.xlsm-fil"))
            if size > MAX_FILE_BYTES:
                raise InvestXLError(labels.FILE_TOO_LARGE.format(
                    name=path.name, mb=size // 1024 // 1024, limit=MAX_FILE_BYTES // 1024 // 1024))
            stream.seek(0)
            return stream.read()
    except PermissionError:
        raise InvestXLError(f"{path.name} kan ikke åbnes: adgang nægtet") from None
    except OSError as error:
        raise InvestXLError(f"{path.name} kan ikke åbnes: {_reason(error)}") from None


def _table_named_twice(error: BaseException) -> str | None:
    """The table name in openpyxl's 'Table with name X already exists', wherever it is wrapped."""
    while error is not None:
        match = re.fullmatch(r"Table with name (.*) already exists", str(error))
        if match:
            return match[1]
        error = error.__cause__ or error.__context__
    return None


def _caused_by(error: BaseException, kind: type) -> bool:
    """True if `error` or an exception it was raised from is a `kind` (openpyxl wraps them)."""
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def _check_archive(data: bytes, name: str) -> bytes:
    """The package openpyxl is to load, or a refusal: sizes as declared, of what we read.

    zipfile never yields more bytes than a member declares, so the declared sizes bound
    what openpyxl can unpack. A workbook too large as a whole is loaded without the
    worksheets that hold no Excel table (a sheet of raw data beside the budget tables):
    the bound then applies to what is read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = archive.namelist()
            if "[Content_Types].xml" not in names:
                raise InvestXLError(f"{name} er et zip-arkiv, men ikke en Excel-projektmappe")
            if any(n.lower().endswith("workbook.bin") for n in names):
                raise InvestXLError(labels.FILE_BINARY.format(name=name))
            if sum(m.file_size for m in members) <= MAX_UNPACKED_BYTES or len(members) > MAX_PARTS:
                check_member_sizes(members, name)
                return data
            unread = _sheets_without_tables(archive, names)
            check_member_sizes([m for m in members if m.filename not in unread], name)
            check_member_sizes(members, name, limit=MAX_COPIED_BYTES)
            return _without(archive, members, unread)
    except zipfile.BadZipFile:
        raise InvestXLError(not_a_workbook(name, "filen er beskadiget eller afkortet")) from None


def _sheets_without_tables(archive: zipfile.ZipFile, names: list[str]) -> set[str]:
    """The worksheet parts that hold no Excel table (by their relationships)."""
    sheets = {n for n in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)}
    with_tables = set()
    for sheet in sheets:
        rels = sheet.replace("xl/worksheets/", "xl/worksheets/_rels/") + ".rels"
        if rels in names and archive.getinfo(rels).file_size < 1024 * 1024:
            if b"relationships/table\"" in archive.read(rels):
                with_tables.add(sheet)
    return sheets - with_tables


def _without(archive: zipfile.ZipFile, members, unread: set[str]) -> bytes:
    """The package with the `unread` worksheets emptied (read by no table reader)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for member in members:
            copy.writestr(member.filename, _EMPTY_SHEET if member.filename in unread
                          else archive.read(member))
    return out.getvalue()


def check_member_sizes(members: list[zipfile.ZipInfo], label: str, *,
                       limit: int | None = None) -> None:
    """Refuse an archive whose members would unpack to far more than a workbook
    (`limit` bytes; MAX_UNPACKED_BYTES for what openpyxl parses)."""
    limit = MAX_UNPACKED_BYTES if limit is None else limit
    unpacked = sum(m.file_size for m in members)
    inflated = [m for m in members
                if m.file_size > 1024 * 1024 and m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1)]
    if len(members) > MAX_PARTS or unpacked > limit or inflated:
        raise InvestXLError(f"{label} afvises: den fylder {unpacked / 1024 / 1024:,.0f} MB "
                            f"udpakket, langt mere end en budgetprojektmappe (højst "
                            f"{limit // 1024 // 1024} MB; mulig zip-bombe)")


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
    """Call `write(stream)` on a temporary file beside `target`, then rename it over `target`.

    A symbolic link given as the target is written through: the file it points at is
    replaced, the link stays. A new file gets the mode the umask gives; a replaced file
    keeps its mode (a colleague's shared 0664 file stays shared).
    """
    given = Path(target)
    try:
        target = Path(os.path.realpath(given)) if given.is_symlink() else given
        check_writable(target, source=source)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _umask_mode()
    except OSError as error:
        raise InvestXLError(f"{given.name[:60]} kan ikke skrives: {_reason(error)}") from None
    remove_stale_temporaries(target.parent)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-",
                                             suffix=target.suffix, dir=target.parent)
    except OSError as error:
        raise InvestXLError(f"Der kan ikke skrives i mappen {target.parent}: "
                            f"{_reason(error)}") from None
    try:
        os.chmod(temporary, mode)
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
    return given


def _umask_mode() -> int:
    """The mode a new file gets from the process's umask (0666 minus the mask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporary files of ours that a killed run left in `folder`; returns them.

    Ours: named '.~invest-xl-PID-...'. Stale: untouched for STALE_SECONDS and its
    process no longer running here (a concurrent run's file is left alone).
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = re.fullmatch(re.escape(TEMPORARY_PREFIX) + r"(?:(\d+)-)?[^/]*\.xls[xm]", entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_SECONDS:
                continue
            if match[1] and _running(int(match[1])):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _reason(error: OSError) -> str:
    """Why the operating system refused a write, in Danish."""
    reasons = {errno.EACCES: "adgang nægtet", errno.EPERM: "adgang nægtet",
               errno.ENOSPC: "der er ikke plads på drevet", errno.EDQUOT: "der er ikke plads på drevet",
               errno.EROFS: "drevet er skrivebeskyttet",
               errno.ENAMETOOLONG: "filnavnet er for langt; vælg et kortere navn med -o"}
    return reasons.get(error.errno, f"systemfejl {errno.errorcode.get(error.errno, error.errno)}")
