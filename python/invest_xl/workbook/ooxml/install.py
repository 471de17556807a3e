"""Bringing invest-xl into a workbook the municipality already has (`invest-xl install`).

The result is an .xlsm package holding every part of the original byte for byte, plus:

- xlwings' standalone VBA project (`xl/vbaProject.bin` of xlwings' quickstart_standalone.xlsm,
  as in the shipped .xlsm), related from the workbook, whose content type becomes
  macro-enabled; `workbookPr codeName="ThisWorkbook"` to match the project's document module;
- the sheet "invest-xl" with the two Form buttons bound to our macros, and the hidden sheet
  `xlwings.conf` pointing at the UDF module (both written by XlsxWriter, code names Sheet1
  and Sheet2 as in the VBA project);
- the contract's tables that are missing (by name), empty, with validation lists
  (`workbook.template`), on their sheet, or on a free name when a sheet of that name is
  the user's.

Each sheet goes in by `package.replace_sheet`, which extends only the workbook part, its
relationships, the content types and styles (and drops calcChain.xml, which Excel
rebuilds). A workbook that already has a VBA project is refused: writing modules into
a user's vbaProject.bin needs the MS-OVBA compression and its dir stream, for which
there is no reliable tool on Linux, and a damaged project loses the user's macros.
"""

from __future__ import annotations

import io
from xml.etree import ElementTree as ET

from invest_xl.errors import InvestXLError
from invest_xl.formatting import fold
from invest_xl.workbook import contract
from invest_xl.workbook.ooxml.archive import Archive
from invest_xl.workbook.ooxml.package import replace_sheet
from invest_xl.workbook.ooxml.parts import CONTENT_TYPES, MAIN, PACKAGE_RELS, TYPES_NS, rels_name

VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
MACRO_BOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_BOOK_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml")
BUTTON_SHEET = "invest-xl"
BUTTON_CODE_NAME, CONFIG_CODE_NAME, BOOK_CODE_NAME = "Sheet1", "Sheet2", "ThisWorkbook"


def install(workbook, original: bytes, label: str) -> bytes:
    """The package of `original` (loaded by openpyxl as `workbook`, to find its tables) with
    invest-xl's VBA, buttons, config and missing tables."""
    from invest_xl.excel.macro_workbook import CONFIG_SHEET

    base = Archive(io.BytesIO(original), label)
    _refuse_own_vba(base, label)
    names = _sheet_names(base)
    package = original
    for sheet_name, rendered in _table_sheets(workbook, base, names):
        package = replace_sheet(package, rendered, sheet_name)
    package = replace_sheet(package, _xlsxwriter_sheet(BUTTON_SHEET, BUTTON_CODE_NAME, buttons=True), BUTTON_SHEET)
    package = replace_sheet(package, _xlsxwriter_sheet(CONFIG_SHEET, CONFIG_CODE_NAME, buttons=False),
                            CONFIG_SHEET)
    return _with_vba_project(package, label, hidden=CONFIG_SHEET)


def _refuse_own_vba(base: Archive, label: str) -> None:
    book_part = base.office_document()
    if any(kind == VBA_PROJECT for kind, _ in base.relationships(book_part)) or \
            any(name.lower().endswith("vbaproject.bin") for name in base.names):
        raise InvestXLError(f"{label} har allerede sine egne makroer (vbaProject.bin). invest-xl kan ikke "
                            "sikkert lægge sine moduler ind ved siden af dem; brug 'invest-xl new --xlsm' "
                            "og kopiér jeres ark over, eller importér xlwings-modulet i VBA-editoren.")
    code_names = {element.get("codeName") for part in base.names if part.startswith("xl/worksheets/")
                  and part.endswith(".xml") for element in base.xml(part).root.iter(f"{{{MAIN}}}sheetPr")}
    clash = code_names & {BUTTON_CODE_NAME, CONFIG_CODE_NAME}
    if clash:
        raise InvestXLError(f"{label} har allerede et ark med kodenavnet {', '.join(sorted(clash))}, som "
                            "invest-xl's VBA-projekt bruger; omdøb arkets kodenavn og prøv igen.")


def _sheet_names(base: Archive) -> list[str]:
    book = base.xml(base.office_document()).root
    return [s.get("name", "") for s in book.iter(f"{{{MAIN}}}sheet")]


def _table_sheets(workbook, base: Archive, sheet_names: list[str]) -> list[tuple[str, bytes]]:
    """(sheet name, one-sheet workbook) for each contract sheet with tables the workbook lacks."""
    from invest_xl.workbook.template import SAVINGS_ROWS, missing_tables_sheet

    have = {fold(t.displayName) for sheet in workbook.worksheets for t in sheet.tables.values()}
    defined = {fold(name) for name in workbook.defined_names}
    for sheet in workbook.worksheets:
        defined |= {fold(name) for name in sheet.defined_names}
    wanted: dict[str, list] = {}
    for schema in (contract.CASES, contract.AMOUNTS, contract.SETTINGS, *contract.SAVINGS_TABLES):
        if fold(schema.name) in have:
            continue
        if fold(schema.name) in defined:
            raise InvestXLError(f"Projektmappen har et navn '{schema.name}', men ingen tabel med det navn; "
                                "omdøb navnet (Formler > Navnestyring), så invest-xl kan oprette tabellen.")
        wanted.setdefault(schema.sheet, []).append(schema)
    next_id = _max_table_id(base) + 1
    result = []
    taken = {fold(n) for n in sheet_names}
    for sheet_name, schemas in wanted.items():
        name = _free_sheet_name(sheet_name, taken)
        taken.add(fold(name))
        book = missing_tables_sheet(name, schemas, SAVINGS_ROWS)
        rendered = io.BytesIO()
        book.save(rendered)
        result.append((name, _renumber_tables(rendered.getvalue(), next_id)))
        next_id += len(schemas)
    return result


def _free_sheet_name(name: str, taken: set[str]) -> str:
    if fold(name) not in taken:
        return name
    number = 1
    while fold(candidate := f"{name} (invest-xl{'' if number == 1 else f' {number}'})") in taken:
        number += 1
    return candidate[:31]


def _max_table_id(base: Archive) -> int:
    ids = [0]
    for name in base.names:
        if name.startswith("xl/tables/") and name.endswith(".xml"):
            value = base.xml(name).root.get("id", "0")
            ids.append(int(value) if value.isdigit() else 0)
    return max(ids)


def _renumber_tables(rendered: bytes, first_id: int) -> bytes:
    """The rendered workbook with its tables numbered from `first_id` (table ids are workbook-wide)."""
    archive = Archive(io.BytesIO(rendered), "det nye ark")
    touched = {}
    tables = sorted(n for n in archive.names if n.startswith("xl/tables/") and n.endswith(".xml"))
    for offset, name in enumerate(tables):
        part = archive.xml(name)
        part.root.set("id", str(first_id + offset))
        touched[name] = part.to_bytes()
    return archive.write(touched, set(), {})


def _xlsxwriter_sheet(name: str, code_name: str, *, buttons: bool) -> bytes:
    """A one-sheet workbook by XlsxWriter: the button sheet, or the xlwings.conf sheet."""
    import xlsxwriter

    from invest_xl.excel.macro_workbook import (START_TEXT, standalone_vba_project, write_button_sheet,
                                                write_config_sheet)

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_vba_name(BOOK_CODE_NAME)
    book.add_vba_project(io.BytesIO(standalone_vba_project()), is_stream=True)
    sheet = book.add_worksheet(name)
    sheet.set_vba_name(code_name)
    if buttons:
        write_button_sheet(book, sheet, START_TEXT[:4])
    else:
        write_config_sheet(sheet)
    book.close()
    return _without_vba(out.getvalue())


def _without_vba(package: bytes) -> bytes:
    """XlsxWriter's package without its VBA part (the sheet keeps its code name)."""
    archive = Archive(io.BytesIO(package), "det nye ark")
    return archive.write({}, {n.lower() for n in archive.names if n.lower().endswith("vbaproject.bin")}, {})


def _with_vba_project(package: bytes, label: str, *, hidden: str) -> bytes:
    """Add xlwings' VBA project and make the workbook macro-enabled; hide the sheet `hidden`."""
    from invest_xl.excel.macro_workbook import standalone_vba_project

    base = Archive(io.BytesIO(package), label)
    book_part = base.office_document()
    book, rels, types = base.xml(book_part), base.xml(rels_name(book_part)), base.xml(CONTENT_TYPES)
    for sheet in book.root.iter(f"{{{MAIN}}}sheet"):
        if sheet.get("name") == hidden:
            sheet.set("state", "hidden")
    properties = book.root.find(f"{{{MAIN}}}workbookPr")
    if properties is None:
        properties = ET.Element(f"{{{MAIN}}}workbookPr")
        after = [i for i, child in enumerate(book.root)
                 if child.tag in (f"{{{MAIN}}}fileVersion", f"{{{MAIN}}}fileSharing")]
        book.root.insert(max(after) + 1 if after else 0, properties)
    properties.set("codeName", BOOK_CODE_NAME)
    vba_part = "xl/vbaProject.bin"
    ids = {rel.get("Id") for rel in rels.root}
    rid = next(f"rId{n}" for n in range(1, len(ids) + 2) if f"rId{n}" not in ids)
    ET.SubElement(rels.root, f"{{{PACKAGE_RELS}}}Relationship",
                  {"Id": rid, "Type": VBA_PROJECT, "Target": "vbaProject.bin"})
    for override in types.root.iter(f"{{{TYPES_NS}}}Override"):
        if override.get("PartName", "").lstrip("/").lower() == book_part.lower():
            if override.get("ContentType") not in (*PLAIN_BOOK_TYPES, MACRO_BOOK_TYPE):
                raise InvestXLError(f"{label} er ikke en almindelig projektmappe (.xlsx)")
            override.set("ContentType", MACRO_BOOK_TYPE)
    ET.SubElement(types.root, f"{{{TYPES_NS}}}Override",
                  {"PartName": "/" + vba_part, "ContentType": VBA_CONTENT_TYPE})
    touched = {book_part: book.to_bytes(), rels_name(book_part): rels.to_bytes(), CONTENT_TYPES: types.to_bytes()}
    return base.write(touched, set(), {vba_part: standalone_vba_project()})
