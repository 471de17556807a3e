"""Editing an OOXML workbook package at the zip-part level: putting our sheet into it.

openpyxl reads a workbook into its object model and writes every part anew, so it drops
what it does not model (charts, images, shapes, form controls, extensions) on every
sheet. `replace_sheet` instead copies every part of the original byte for byte and
touches only what adding one sheet requires:

- `xl/workbook.xml`: the sheet entry (an earlier sheet of the same name keeps its place,
  sheetId and rId, so defined names with a localSheetId still point at the right sheets);
  `calcPr fullCalcOnLoad="1"`, because our formulas carry no cached values;
- `xl/_rels/workbook.xml.rels` and `[Content_Types].xml`: the sheet's relationship and
  its parts' content types;
- `xl/styles.xml`: the rendered workbook's fonts, fills, borders, number formats, dxfs
  and cell formats appended (deduplicated, so regenerating does not grow it);
- `xl/calcChain.xml` is removed with its relationship: Excel rebuilds it, and stale
  entries for a replaced sheet make Excel "repair" the file.

`docProps/app.xml` is left as it is: its sheet list is informative, Excel does not
check it on load and rewrites it on save. The rendered sheet's strings become inline
strings, so the original's shared strings stay untouched. XML is parsed with defusedxml
and written with xml.etree, keeping every namespace prefix the part declared (on its
root), so `mc:Ignorable` and `mc:AlternateContent` keep their meaning.
"""

from __future__ import annotations

import copy
import io
import os
import posixpath
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from invest_xl.errors import InvestXLError
from invest_xl.workbook.files import check_member_sizes

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

# CT_Stylesheet's child order; a section we add goes before the first later one present.
STYLE_SECTIONS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs",
                  "cellStyles", "dxfs", "tableStyles", "colors", "extLst")
FIRST_CUSTOM_NUMBER_FORMAT = 164


def replace_sheet(original: str | os.PathLike | bytes, rendered: bytes, sheet_name: str) -> bytes:
    """The original workbook package with `sheet_name` replaced by the rendered sheet.

    `original` is the workbook file (or its bytes); `rendered` a one-sheet workbook saved
    by openpyxl whose sheet is named `sheet_name`. An earlier sheet of that name (ours,
    from an earlier run) is removed with its parts that no other part uses, and the new
    sheet takes its place; otherwise the new sheet is added at the end. Returns the bytes
    of the new package.
    """
    label = "projektmappen" if isinstance(original, bytes) else Path(original).name
    base = _Archive(io.BytesIO(original) if isinstance(original, bytes) else original, label)
    ours = _Archive(io.BytesIO(rendered), "det nye ark")

    book_part = base.office_document()
    book, book_rels = base.xml(book_part), base.xml(_rels_name(book_part))
    types = base.xml(CONTENT_TYPES)
    if _namespace(book.root.tag) != MAIN:
        raise InvestXLError(f"{label} bruger et projektmappeformat (Strict Open XML), "
                            "som ikke understøttes; gem den som almindelig .xlsx/.xlsm")

    our_sheet = ours.single_sheet(sheet_name)
    our_parts = ours.reachable(our_sheet)

    sheets = book.root.find(f"{{{MAIN}}}sheets")
    if sheets is None:
        raise InvestXLError(f"{label} kan ikke læses som en Excel-projektmappe (ingen ark)")
    existing = next((s for s in sheets if s.get("name", "").casefold() == sheet_name.casefold()), None)
    removed: set[str] = set()
    sheet_rel = None
    if existing is not None:
        sheet_rel = _relationship(book_rels.root, existing.get(R_ID))
        if sheet_rel is None:
            raise InvestXLError(f"{label} kan ikke læses som en Excel-projektmappe "
                                f"(arket {sheet_name} mangler sin del)")
        if sheet_rel.get("TargetMode") != "External":
            removed |= base.unshared_closure(_resolve(book_part, sheet_rel.get("Target", "")))
    for rel in list(book_rels.root):
        if rel.get("Type") == CALC_CHAIN:
            removed |= base.unshared_closure(_resolve(book_part, rel.get("Target", "")))
            book_rels.root.remove(rel)

    taken = {name.lower() for name in base.names} - removed
    renamed: dict[str, str] = {}
    for part in our_parts:
        renamed[part] = _free_name(part, taken)
        taken |= {renamed[part].lower(), _rels_name(renamed[part]).lower()}

    styles_part = base.related(book_part, book_rels.root, STYLES)
    if styles_part is None:
        raise InvestXLError(f"{label} kan ikke læses som en Excel-projektmappe (ingen typografier)")
    styles = base.xml(styles_part)
    our_book_rels = ours.xml(_rels_name(ours.office_document())).root
    xf_map, dxf_map = _merge_styles(styles.root, ours.xml(ours.related(
        ours.office_document(), our_book_rels, STYLES)).root)
    strings_part = ours.related(ours.office_document(), our_book_rels, SHARED_STRINGS)
    strings = list(ours.xml(strings_part).root) if strings_part else []

    sheet_xml = ours.xml(our_sheet)
    _restyle(sheet_xml.root, xf_map, dxf_map, strings)
    added: dict[str, bytes] = {}
    for part in our_parts:
        added[renamed[part]] = sheet_xml.to_bytes() if part == our_sheet else ours.parts[part]
        if ours.has(_rels_name(part)):
            added[_rels_name(renamed[part])] = _retarget(ours.xml(_rels_name(part)), part, renamed)

    sheet_target = _relative(book_part, renamed[our_sheet])
    if existing is not None:
        sheet_rel.set("Target", sheet_target)
        sheet_rel.set("Type", WORKSHEET)
        sheet_rel.attrib.pop("TargetMode", None)
        existing.set("name", sheet_name)
    else:
        ids = {rel.get("Id") for rel in book_rels.root}
        rid = next(f"rId{n}" for n in range(1, len(ids) + 2) if f"rId{n}" not in ids)
        ET.SubElement(book_rels.root, f"{{{PACKAGE_RELS}}}Relationship",
                      {"Id": rid, "Type": WORKSHEET, "Target": sheet_target})
        sheet_id = max([int(s.get("sheetId", "0")) for s in sheets] + [0]) + 1
        ET.SubElement(sheets, f"{{{MAIN}}}sheet", {"name": sheet_name, "sheetId": str(sheet_id), R_ID: rid})
    _calculate_on_load(book.root)

    _update_content_types(types.root, removed, {renamed[p]: ours.content_type(p) for p in our_parts})
    touched = {book_part: book.to_bytes(), _rels_name(book_part): book_rels.to_bytes(),
               CONTENT_TYPES: types.to_bytes(), styles_part: styles.to_bytes()}
    return base.write(touched, removed, added)


class _Xml:
    """A parsed part: its root element and the namespace declarations it made, in order."""

    def __init__(self, data: bytes, part: str, label: str):
        self.declarations: list[tuple[str, str]] = []
        root = None
        try:
            for event, item in SafeET.iterparse(io.BytesIO(data), events=("start-ns", "start"),
                                                forbid_dtd=True):
                if event == "start-ns":
                    self.declarations.append(item)
                elif root is None:
                    root = item
        except DefusedXmlException:
            raise InvestXLError(f"{label} afvises: den indeholder XML-konstruktioner, som en "
                                "projektmappe ikke bruger (mulig angrebsfil)") from None
        except ET.ParseError:
            raise InvestXLError(f"{label} kan ikke læses som en Excel-projektmappe "
                                f"({part} er beskadiget)") from None
        self.root = root

    def to_bytes(self) -> bytes:
        """The part as UTF-8 XML, every prefix the original declared declared on the root.

        Tags are written as literal 'prefix:name' so xml.etree neither invents prefixes
        (ns0) nor drops declarations only mc:Ignorable or mc:Choice Requires refers to.
        """
        prefix_of: dict[str, str] = {}
        declared: dict[str, str] = {}
        for prefix, uri in self.declarations:
            if prefix not in declared:  # a prefix declared again deeper down keeps its first URI
                declared[prefix] = uri
                if uri not in prefix_of or prefix == "":
                    prefix_of[uri] = prefix

        def prefix_for(uri: str, attribute: bool) -> str:
            prefix = prefix_of.get(uri)
            if prefix is None or (attribute and prefix == ""):
                prefix = next((p for p, u in declared.items() if u == uri and p), None)
                if prefix is None:
                    prefix = next(f"ns{n}" for n in range(len(declared) + 1) if f"ns{n}" not in declared)
                    declared[prefix] = uri
                if not attribute:
                    prefix_of[uri] = prefix
            return prefix

        def name(qualified: str, attribute: bool = False) -> str:
            if not qualified.startswith("{"):
                return qualified
            uri, local = qualified[1:].split("}", 1)
            if uri == XML_NS:
                return f"xml:{local}"
            prefix = prefix_for(uri, attribute)
            return f"{prefix}:{local}" if prefix else local

        def literal(element):
            clone = ET.Element(name(element.tag), {name(k, True): v for k, v in element.attrib.items()})
            clone.text, clone.tail = element.text, element.tail
            clone.extend(literal(child) for child in element)
            return clone

        root = literal(self.root)
        attributes = {(f"xmlns:{p}" if p else "xmlns"): u for p, u in declared.items()}
        attributes.update(root.attrib)
        root.attrib = attributes
        return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")


class _Archive:
    """A zip package read whole: its members in order and their bytes."""

    def __init__(self, source, label: str):
        self.label = label
        try:
            with zipfile.ZipFile(source) as archive:
                self.infos = archive.infolist()
                check_member_sizes(self.infos, label)
                self.parts = {info.filename: archive.read(info) for info in self.infos}
        except (zipfile.BadZipFile, OSError):
            raise InvestXLError(f"{label} kan ikke læses som en Excel-projektmappe "
                                "(filen er beskadiget eller afkortet)") from None
        self.names = [info.filename for info in self.infos]
        self.by_lower = {name.lower(): name for name in self.names}
        if len(self.by_lower) != len(self.names) or CONTENT_TYPES not in self.parts:
            raise InvestXLError(f"{label} kan ikke læses som en Excel-projektmappe "
                                "(pakken er ugyldig)")

    def has(self, part: str) -> bool:
        return part.lower() in self.by_lower

    def xml(self, part: str) -> _Xml:
        if not self.has(part):
            raise InvestXLError(f"{self.label} kan ikke læses som en Excel-projektmappe ({part} mangler)")
        return _Xml(self.parts[self.by_lower[part.lower()]], part, self.label)

    def relationships(self, part: str) -> list[tuple[str, str]]:
        """(type, target part) of every internal relationship of `part`."""
        if not self.has(_rels_name(part)):
            return []
        return [(rel.get("Type", ""), _resolve(part, rel.get("Target", "")))
                for rel in self.xml(_rels_name(part)).root if rel.get("TargetMode") != "External"]

    def office_document(self) -> str:
        for kind, target in self.relationships(""):
            if kind == OFFICE_DOCUMENT and self.has(target):
                return self.by_lower[target.lower()]
        raise InvestXLError(f"{self.label} kan ikke læses som en Excel-projektmappe (ingen projektmappedel)")

    def related(self, source: str, rels_root, kind: str) -> str | None:
        """The part `source` relates to by the first relationship of type `kind`."""
        for rel in rels_root:
            if rel.get("Type") == kind and rel.get("TargetMode") != "External":
                target = _resolve(source, rel.get("Target", ""))
                return self.by_lower.get(target.lower())
        return None

    def single_sheet(self, sheet_name: str) -> str:
        """The one worksheet part of a rendered workbook; it must be named `sheet_name`."""
        book_part = self.office_document()
        entries = list(self.xml(book_part).root.iter(f"{{{MAIN}}}sheet"))
        if len(entries) != 1 or entries[0].get("name") != sheet_name:
            raise ValueError(f"the rendered workbook must hold exactly one sheet, {sheet_name!r}")
        rel = _relationship(self.xml(_rels_name(book_part)).root, entries[0].get(R_ID))
        return self.by_lower[_resolve(book_part, rel.get("Target")).lower()]

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
            {_rels_name(name).lower() for name in removed if self.has(_rels_name(name))}

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


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _rels_name(part: str) -> str:
    """The relationships part of `part` ('' is the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _resolve(source: str, target: str) -> str:
    """The part name a relationship target of `source` points at."""
    target = unquote(target)
    path = target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
    return posixpath.normpath(path)


def _relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _relationship(rels_root, rid: str | None):
    return next((rel for rel in rels_root if rel.get("Id") == rid), None) if rid else None


def _free_name(part: str, taken: set[str]) -> str:
    """`part`'s name with the lowest number free in the package: xl/charts/chart3.xml."""
    folder, name = posixpath.split(part)
    stem, extension = posixpath.splitext(name)
    stem = stem.rstrip("0123456789") or stem
    number = 1
    while True:
        candidate = posixpath.join(folder, f"{stem}{number}{extension}")
        if candidate.lower() not in taken and _rels_name(candidate).lower() not in taken:
            return candidate
        number += 1


def _retarget(rels: _Xml, source: str, renamed: dict[str, str]) -> bytes:
    """A rendered part's relationships, pointing at the new names of its targets."""
    for rel in rels.root:
        if rel.get("TargetMode") == "External":
            continue
        target = _resolve(source, rel.get("Target", ""))
        if target not in renamed:
            raise ValueError(f"the rendered sheet refers to a workbook part, {target}")
        rel.set("Target", _relative(renamed[source], renamed[target]))
    return rels.to_bytes()


def _calculate_on_load(book) -> None:
    """Ask for a full calculation on load: the new sheet's formulas carry no values."""
    calc = book.find(f"{{{MAIN}}}calcPr")
    if calc is None:
        before = ("sheets", "functionGroups", "externalReferences", "definedNames")
        position = max(i for i, child in enumerate(book) if _local(child.tag) in before) + 1
        calc = ET.Element(f"{{{MAIN}}}calcPr")
        book.insert(position, calc)
    calc.set("fullCalcOnLoad", "1")


def _update_content_types(types, removed: set[str], added: dict[str, str]) -> None:
    """Drop the overrides of removed parts, add one for each new part (rels by Default)."""
    for override in list(types.iter(f"{{{TYPES_NS}}}Override")):
        if override.get("PartName", "").lstrip("/").lower() in removed:
            types.remove(override)
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{{{TYPES_NS}}}Default")}
    if "rels" not in defaults:
        ET.SubElement(types, f"{{{TYPES_NS}}}Default", {
            "Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"})
    for part, content_type in added.items():
        ET.SubElement(types, f"{{{TYPES_NS}}}Override", {"PartName": "/" + part, "ContentType": content_type})


def _key(element) -> tuple:
    """A comparable form of an element, to find a style the workbook already has."""
    return (element.tag, tuple(sorted(element.attrib.items())), (element.text or "").strip(),
            tuple(_key(child) for child in element))


def _section(styles, name: str):
    """The styles section `name`, created in its schema position when missing."""
    found = styles.find(f"{{{MAIN}}}{name}")
    if found is None:
        later = STYLE_SECTIONS[STYLE_SECTIONS.index(name) + 1:]
        position = next((i for i, child in enumerate(styles) if _local(child.tag) in later), len(styles))
        found = ET.Element(f"{{{MAIN}}}{name}")
        styles.insert(position, found)
    return found


def _append_unique(target, items) -> dict[int, int]:
    """Append each of `items` to `target` unless an equal one is there; old -> new index."""
    known: dict[tuple, int] = {}
    for index, child in enumerate(target):
        known.setdefault(_key(child), index)
    mapping = {}
    for index, item in enumerate(items):
        key = _key(item)
        if key not in known:
            target.append(copy.deepcopy(item))
            known[key] = len(target) - 1
            target.set("count", str(len(target)))
        mapping[index] = known[key]
    return mapping


def _merge_styles(styles, ours) -> tuple[dict[int, int], dict[int, int]]:
    """Append our styles to the workbook's styles.xml; returns the cellXfs and dxfs maps."""
    def children(name: str) -> list:
        found = ours.find(f"{{{MAIN}}}{name}")
        return list(found) if found is not None else []

    formats = {}
    our_formats = children("numFmts")
    if our_formats:
        section = _section(styles, "numFmts")
        by_code = {f.get("formatCode"): int(f.get("numFmtId")) for f in section}
        next_id = max([FIRST_CUSTOM_NUMBER_FORMAT - 1] + list(by_code.values())) + 1
        for item in our_formats:
            code = item.get("formatCode")
            if code not in by_code:
                by_code[code] = next_id
                ET.SubElement(section, f"{{{MAIN}}}numFmt", {"numFmtId": str(next_id), "formatCode": code})
                section.set("count", str(len(section)))
                next_id += 1
            formats[item.get("numFmtId")] = str(by_code[code])

    maps = {name: _append_unique(_section(styles, name), children(name))
            for name in ("fonts", "fills", "borders")}
    normal = next((s.get("xfId", "0") for s in styles.iter(f"{{{MAIN}}}cellStyle")
                   if s.get("builtinId") == "0"), "0")
    cell_formats = []
    for item in children("cellXfs"):
        item = copy.deepcopy(item)
        item.set("numFmtId", formats.get(item.get("numFmtId", "0"), item.get("numFmtId", "0")))
        for attribute, name in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
            item.set(attribute, str(maps[name].get(int(item.get(attribute, "0")), 0)))
        item.set("xfId", normal)
        cell_formats.append(item)
    xf_map = _append_unique(_section(styles, "cellXfs"), cell_formats)

    differential = []
    for item in children("dxfs"):
        item = copy.deepcopy(item)
        for number_format in item.iter(f"{{{MAIN}}}numFmt"):
            number_format.set("numFmtId", formats.get(number_format.get("numFmtId"),
                                                      number_format.get("numFmtId")))
        differential.append(item)
    dxf_map = _append_unique(_section(styles, "dxfs"), differential) if differential else {}
    return xf_map, dxf_map


def _restyle(sheet, xf_map: dict[int, int], dxf_map: dict[int, int], strings: list) -> None:
    """Point our sheet's style indices at the merged styles; shared strings become inline."""
    def remap(element, attribute: str, mapping: dict[int, int]) -> None:
        if attribute in element.attrib:
            element.set(attribute, str(mapping.get(int(element.get(attribute)), 0)))

    for element in list(sheet.iter()):
        local = _local(element.tag)
        if local in ("c", "row"):
            remap(element, "s", xf_map)
        elif local == "col":
            remap(element, "style", xf_map)
        if dxf_map:
            remap(element, "dxfId", dxf_map)
        if local == "sheetView":  # a second selected tab would group the sheets in Excel
            element.attrib.pop("tabSelected", None)
        if local == "c" and element.get("t") == "s":
            value = element.find(f"{{{MAIN}}}v")
            text = ET.Element(f"{{{MAIN}}}is")
            if value is not None:
                text.extend(copy.deepcopy(child) for child in strings[int(value.text)])
                element.insert(list(element).index(value), text)
                element.remove(value)
            else:
                element.append(text)
            element.set("t", "inlineStr")
