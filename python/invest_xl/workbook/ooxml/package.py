"""Editing an OOXML workbook package at the zip-part level: putting our sheet into it.

openpyxl reads a workbook into its object model and writes every part anew, so it drops
what it does not model (charts, images, shapes, form controls, extensions) on every
sheet. `replace_sheet` instead copies every part of the original byte for byte and
touches only what adding one sheet requires:

- `xl/workbook.xml`: the sheet entry (an earlier sheet of the same name keeps its place,
  sheetId and rId, so defined names with a localSheetId still point at the right sheets);
  the defined name that marks the sheet as ours (`workbook.ownership`);
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

import io
import os
from pathlib import Path
from xml.etree import ElementTree as ET

from invest_xl.errors import InvestXLError
from invest_xl.formatting import not_a_workbook
from invest_xl.workbook.ooxml.archive import Archive
from invest_xl.workbook.ooxml.parts import (CALC_CHAIN, CONTENT_TYPES, MAIN, PACKAGE_RELS, R_ID, STYLES,
                                            SHARED_STRINGS, TYPES_NS, WORKSHEET, free_name, local_name,
                                            namespace, relationship, relative, rels_name, resolve)
from invest_xl.workbook.ooxml.styles import merge_styles, restyle
from invest_xl.workbook.ooxml.xml import XmlPart
from invest_xl.workbook.ownership import marker_name, marker_reference


def replace_sheet(original: str | os.PathLike | bytes, rendered: bytes, sheet_name: str,
                  hidden: bool = False) -> bytes:
    """The original workbook package with `sheet_name` replaced by the rendered sheet.

    `original` is the workbook file (or its bytes); `rendered` a one-sheet workbook saved
    by openpyxl whose sheet is named `sheet_name`. An earlier sheet of that name (ours,
    from an earlier run) is removed with its parts that no other part uses, and the new
    sheet takes its place; otherwise the new sheet is added at the end. Returns the bytes
    of the new package. `hidden`: the sheet is hidden (our data sheet).
    """
    label = "projektmappen" if isinstance(original, bytes) else Path(original).name
    base = Archive(io.BytesIO(original) if isinstance(original, bytes) else original, label)
    ours = Archive(io.BytesIO(rendered), "det nye ark")

    book_part = base.office_document()
    book, book_rels = base.xml(book_part), base.xml(rels_name(book_part))
    types = base.xml(CONTENT_TYPES)
    if namespace(book.root.tag) != MAIN:
        raise InvestXLError(f"{label} bruger et projektmappeformat (Strict Open XML), "
                            "som ikke understøttes; gem den som almindelig .xlsx/.xlsm")

    our_sheet = ours.single_sheet(sheet_name)
    our_parts = ours.reachable(our_sheet)

    sheets = book.root.find(f"{{{MAIN}}}sheets")
    if sheets is None:
        raise InvestXLError(not_a_workbook(label, "ingen ark"))
    existing = next((s for s in sheets if s.get("name", "").casefold() == sheet_name.casefold()), None)
    removed: set[str] = set()
    sheet_rel = None
    if existing is not None:
        sheet_rel = relationship(book_rels.root, existing.get(R_ID))
        if sheet_rel is None:
            raise InvestXLError(not_a_workbook(label, f"arket {sheet_name} mangler sin del"))
        if sheet_rel.get("TargetMode") != "External":
            removed |= base.unshared_closure(resolve(book_part, sheet_rel.get("Target", "")))
    for rel in list(book_rels.root):
        if rel.get("Type") == CALC_CHAIN:
            removed |= base.unshared_closure(resolve(book_part, rel.get("Target", "")))
            book_rels.root.remove(rel)

    taken = {name.lower() for name in base.names} - removed
    renamed: dict[str, str] = {}
    for part in our_parts:
        renamed[part] = free_name(part, taken)
        taken |= {renamed[part].lower(), rels_name(renamed[part]).lower()}

    styles_part = base.related(book_part, book_rels.root, STYLES)
    if styles_part is None:
        raise InvestXLError(not_a_workbook(label, "ingen typografier"))
    styles = base.xml(styles_part)
    our_book_rels = ours.xml(rels_name(ours.office_document())).root
    xf_map, dxf_map = merge_styles(styles.root, ours.xml(ours.related(
        ours.office_document(), our_book_rels, STYLES)).root)
    strings_part = ours.related(ours.office_document(), our_book_rels, SHARED_STRINGS)
    strings = list(ours.xml(strings_part).root) if strings_part else []

    sheet_xml = ours.xml(our_sheet)
    restyle(sheet_xml.root, xf_map, dxf_map, strings)
    added: dict[str, bytes] = {}
    for part in our_parts:
        added[renamed[part]] = sheet_xml.to_bytes() if part == our_sheet else ours.parts[part]
        if ours.has(rels_name(part)):
            added[rels_name(renamed[part])] = _retarget(ours.xml(rels_name(part)), part, renamed)

    sheet_target = relative(book_part, renamed[our_sheet])
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
        existing = ET.SubElement(sheets, f"{{{MAIN}}}sheet",
                                 {"name": sheet_name, "sheetId": str(sheet_id), R_ID: rid})
    if hidden:
        existing.set("state", "hidden")
    _mark(book.root, sheet_name)
    _calculate_on_load(book.root)
    position = [s.get("name", "").casefold() for s in sheets].index(sheet_name.casefold())
    _copy_sheet_names(ours.xml(ours.office_document()).root, book.root, position)

    _update_content_types(types.root, removed, {renamed[p]: ours.content_type(p) for p in our_parts})
    touched = {book_part: book.to_bytes(), rels_name(book_part): book_rels.to_bytes(),
               CONTENT_TYPES: types.to_bytes(), styles_part: styles.to_bytes()}
    return base.write(touched, removed, added)


def _retarget(rels: XmlPart, source: str, renamed: dict[str, str]) -> bytes:
    """A rendered part's relationships, pointing at the new names of its targets."""
    for rel in rels.root:
        if rel.get("TargetMode") == "External":
            continue
        target = resolve(source, rel.get("Target", ""))
        if target not in renamed:
            raise ValueError(f"the rendered sheet refers to a workbook part, {target}")
        rel.set("Target", relative(renamed[source], renamed[target]))
    return rels.to_bytes()


def _copy_sheet_names(rendered_book, book, position: int) -> None:
    """The rendered sheet's own defined names (print titles, print area) onto its new position.

    Names of the same kind an earlier run left on that sheet are replaced.
    """
    ours = rendered_book.find(f"{{{MAIN}}}definedNames")
    if ours is None:
        return
    names = book.find(f"{{{MAIN}}}definedNames")
    if names is None:
        sheets = book.find(f"{{{MAIN}}}sheets")
        names = ET.Element(f"{{{MAIN}}}definedNames")
        book.insert(list(book).index(sheets) + 1, names)
    for name in ours:
        if name.get("localSheetId") != "0":
            continue
        # an earlier run's name keeps its place, so a regenerate changes nothing else
        copy = next((old for old in names if old.get("name") == name.get("name")
                     and old.get("localSheetId") == str(position)), None)
        if copy is None:
            copy = ET.SubElement(names, f"{{{MAIN}}}definedName")
        copy.attrib.clear()
        copy.attrib.update(name.attrib)
        copy.set("localSheetId", str(position))
        copy.text = name.text


def _mark(book, sheet_name: str) -> None:
    """The workbook-level defined name that marks the sheet as ours (workbook.ownership)."""
    names = book.find(f"{{{MAIN}}}definedNames")
    if names is None:
        after = ("sheets", "functionGroups", "externalReferences")
        position = max(i for i, child in enumerate(book) if local_name(child.tag) in after) + 1
        names = ET.Element(f"{{{MAIN}}}definedNames")
        book.insert(position, names)
    marker = marker_name(sheet_name)
    found = next((n for n in names if n.get("name", "").casefold() == marker.casefold()
                  and n.get("localSheetId") is None), None)
    if found is None:
        found = ET.SubElement(names, f"{{{MAIN}}}definedName", {"name": marker})
    found.text = marker_reference(sheet_name)


def _calculate_on_load(book) -> None:
    """Ask for a full calculation on load: the new sheet's formulas carry no values."""
    calc = book.find(f"{{{MAIN}}}calcPr")
    if calc is None:
        before = ("sheets", "functionGroups", "externalReferences", "definedNames")
        position = max(i for i, child in enumerate(book) if local_name(child.tag) in before) + 1
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
