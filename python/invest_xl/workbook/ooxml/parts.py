"""Names in an OOXML package: namespaces, relationship parts and their targets.

A part such as `xl/worksheets/sheet3.xml` has its relationships in
`xl/worksheets/_rels/sheet3.xml.rels`; a relationship's target is relative to its source.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

CONTENT_TYPES = "[Content_Types].xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
OFFICE_DOCUMENT = REL_NS + "/officeDocument"
WORKSHEET = REL_NS + "/worksheet"
STYLES = REL_NS + "/styles"
SHARED_STRINGS = REL_NS + "/sharedStrings"
CALC_CHAIN = REL_NS + "/calcChain"
R_ID = f"{{{REL_NS}}}id"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def rels_name(part: str) -> str:
    """The relationships part of `part` ('' is the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    """The part name a relationship target of `source` points at."""
    target = unquote(target)
    path = target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
    return posixpath.normpath(path)


def relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def relationship(rels_root, rid: str | None):
    return next((rel for rel in rels_root if rel.get("Id") == rid), None) if rid else None


def free_name(part: str, taken: set[str]) -> str:
    """`part`'s name with the lowest number free in the package: xl/charts/chart3.xml."""
    folder, name = posixpath.split(part)
    stem, extension = posixpath.splitext(name)
    stem = stem.rstrip("0123456789") or stem
    number = 1
    while True:
        candidate = posixpath.join(folder, f"{stem}{number}{extension}")
        if candidate.lower() not in taken and rels_name(candidate).lower() not in taken:
            return candidate
        number += 1
