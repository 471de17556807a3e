"""Text (CSV) files as Danish Excel saves them; no workbook library is needed to read one."""

from __future__ import annotations

from pathlib import Path


def read_text_file(path: Path) -> str:
    """A text (CSV) file's content: UTF-8 (with or without BOM), else Windows-1252, in
    which Danish Excel saves "CSV (semikolonsepareret)"."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
