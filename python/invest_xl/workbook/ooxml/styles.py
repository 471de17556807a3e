"""Merging the rendered sheet's styles into the workbook's styles.xml, deduplicated.

Fonts, fills, borders, number formats, cell formats and dxfs are appended once (a
regenerate does not grow the file); custom number formats get free ids from 164.
"""

from __future__ import annotations

import copy
from xml.etree import ElementTree as ET

from invest_xl.workbook.ooxml.parts import MAIN, local_name

# CT_Stylesheet's child order; a section we add goes before the first later one present.
STYLE_SECTIONS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs",
                  "cellStyles", "dxfs", "tableStyles", "colors", "extLst")
FIRST_CUSTOM_NUMBER_FORMAT = 164



def _key(element) -> tuple:
    """A comparable form of an element, to find a style the workbook already has."""
    return (element.tag, tuple(sorted(element.attrib.items())), (element.text or "").strip(),
            tuple(_key(child) for child in element))


def _section(styles, name: str):
    """The styles section `name`, created in its schema position when missing."""
    found = styles.find(f"{{{MAIN}}}{name}")
    if found is None:
        later = STYLE_SECTIONS[STYLE_SECTIONS.index(name) + 1:]
        position = next((i for i, child in enumerate(styles) if local_name(child.tag) in later), len(styles))
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


def merge_styles(styles, ours) -> tuple[dict[int, int], dict[int, int]]:
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


def restyle(sheet, xf_map: dict[int, int], dxf_map: dict[int, int], strings: list) -> None:
    """Point our sheet's style indices at the merged styles; shared strings become inline."""
    def remap(element, attribute: str, mapping: dict[int, int]) -> None:
        if attribute in element.attrib:
            element.set(attribute, str(mapping.get(int(element.get(attribute)), 0)))

    for element in list(sheet.iter()):
        local = local_name(element.tag)
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
