"""A workbook package read whole: its members in order, the part graph, and writing it anew."""

from __future__ import annotations

import io
import posixpath
import time
import zipfile

from invest_xl.errors import InvestXLError
from invest_xl.formatting import not_a_workbook
from invest_xl.workbook.files import MAX_COPIED_BYTES, check_member_sizes
from invest_xl.workbook.ooxml.parts import (CONTENT_TYPES, MAIN, OFFICE_DOCUMENT, R_ID, TYPES_NS, rels_name,
                                            relationship, resolve)
from invest_xl.workbook.ooxml.xml import XmlPart


class Archive:
    """A zip package read whole: its members in order and their bytes."""

    def __init__(self, source, label: str):
        self.label = label
        try:
            with zipfile.ZipFile(source) as archive:
                self.infos = archive.infolist()
                check_member_sizes(self.infos, label, limit=MAX_COPIED_BYTES)
                self.parts = {info.filename: archive.read(info) for info in self.infos}
        except (zipfile.BadZipFile, OSError):
            raise InvestXLError(not_a_workbook(label, "filen er beskadiget eller afkortet")) from None
        self.names = [info.filename for info in self.infos]
        self.by_lower = {name.lower(): name for name in self.names}
        if len(self.by_lower) != len(self.names) or CONTENT_TYPES not in self.parts:
            raise InvestXLError(not_a_workbook(label, "pakken er ugyldig"))

    def has(self, part: str) -> bool:
        return part.lower() in self.by_lower

    def xml(self, part: str) -> XmlPart:
        if not self.has(part):
            raise InvestXLError(not_a_workbook(self.label, f"{part} mangler"))
        return XmlPart(self.parts[self.by_lower[part.lower()]], part, self.label)

    def relationships(self, part: str) -> list[tuple[str, str]]:
        """(type, target part) of every internal relationship of `part`."""
        if not self.has(rels_name(part)):
            return []
        return [(rel.get("Type", ""), resolve(part, rel.get("Target", "")))
                for rel in self.xml(rels_name(part)).root if rel.get("TargetMode") != "External"]

    def office_document(self) -> str:
        for kind, target in self.relationships(""):
            if kind == OFFICE_DOCUMENT and self.has(target):
                return self.by_lower[target.lower()]
        raise InvestXLError(not_a_workbook(self.label, "ingen projektmappedel"))

    def related(self, source: str, rels_root, kind: str) -> str | None:
        """The part `source` relates to by the first relationship of type `kind`."""
        for rel in rels_root:
            if rel.get("Type") == kind and rel.get("TargetMode") != "External":
                target = resolve(source, rel.get("Target", ""))
                return self.by_lower.get(target.lower())
        return None

    def single_sheet(self, sheet_name: str) -> str:
        """The one worksheet part of a rendered workbook; it must be named `sheet_name`."""
        book_part = self.office_document()
        entries = list(self.xml(book_part).root.iter(f"{{{MAIN}}}sheet"))
        if len(entries) != 1 or entries[0].get("name") != sheet_name:
            raise ValueError(f"the rendered workbook must hold exactly one sheet, {sheet_name!r}")
        rel = relationship(self.xml(rels_name(book_part)).root, entries[0].get(R_ID))
        return self.by_lower[resolve(book_part, rel.get("Target")).lower()]

    def reachable(self, start: str) -> list[str]:
        """`start` and the parts its relationships lead to (drawings, charts, ...), in order.

        Workbook-level parts (styles, theme, shared strings) are not the sheet's own.
        """
        book_part = self.office_document()
        shared = {target.lower() for _, target in self.relationships(book_part)} | {book_part.lower()}
        found, queue = [start], [start]
        while queue:
            for _, target in self.relationships(queue.pop(0)):
                if self.has(target) and target.lower() not in shared and \
                        self.by_lower[target.lower()] not in found:
                    found.append(self.by_lower[target.lower()])
                    queue.append(found[-1])
        return found

    def unshared_closure(self, part: str) -> set[str]:
        """Lower-case names of `part`, its rels and the parts only it (transitively) uses."""
        referrers: dict[str, set[str]] = {}
        for name in self.names:
            if posixpath.basename(posixpath.dirname(name)) == "_rels" and name.endswith(".rels"):
                source = posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name)[:-5])
                for _, target in self.relationships(source):
                    referrers.setdefault(target.lower(), set()).add(source.lower())
        removed = {part.lower()}
        queue = [part]
        while queue:
            for _, target in self.relationships(queue.pop(0)):
                key = target.lower()
                if key not in removed and self.has(target) and referrers.get(key, set()) <= removed:
                    removed.add(key)
                    queue.append(target)
        return {name for name in removed if self.has(name)} | \
            {rels_name(name).lower() for name in removed if self.has(rels_name(name))}

    def content_type(self, part: str) -> str:
        types = self.xml(CONTENT_TYPES).root
        for override in types.iter(f"{{{TYPES_NS}}}Override"):
            if override.get("PartName", "").lstrip("/").lower() == part.lower():
                return override.get("ContentType")
        extension = posixpath.splitext(part)[1][1:].lower()
        for default in types.iter(f"{{{TYPES_NS}}}Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType")
        raise ValueError(f"the rendered workbook gives no content type for {part}")

    def write(self, touched: dict[str, bytes], removed: set[str], added: dict[str, bytes]) -> bytes:
        """A new zip: members in their order, touched ones replaced, removed left out, added last."""
        touched = {name.lower(): data for name, data in touched.items()}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in self.infos:
                if info.filename.lower() in removed:
                    continue
                member = zipfile.ZipInfo(info.filename, info.date_time)
                member.compress_type = (info.compress_type if info.compress_type == zipfile.ZIP_STORED
                                        else zipfile.ZIP_DEFLATED)
                member.external_attr = info.external_attr
                archive.writestr(member, touched.get(info.filename.lower(), self.parts[info.filename]))
            now = time.localtime()[:6]
            for name, data in added.items():
                member = zipfile.ZipInfo(name, now)
                member.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(member, data)
        return out.getvalue()
