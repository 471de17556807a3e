"""Which sheets are ours to replace: the sheets invest-xl writes carry a defined name.

"Opfølgning" and "Kurveberegning" are written anew on every run. A sheet of the user's
that has the same name (in any letter case) is never replaced: formulas and names that
point into it would read our cells instead. Our mark is a workbook-level defined name,
`InvestXL_<folded sheet name>`, referring to the sheet's A1; both renderers write it
(openpyxl: `layout.openpyxl_render.render_sheet` and `ooxml.package.replace_sheet`;
xlwings: `layout.xlwings_render.render_into_book`). Excel keeps a name pointing at its
sheet when the sheet is moved or renamed.

Workbooks written before the mark existed: a sheet whose A1 holds one of our titles
("Opfølgning på investeringscase: ..." or the curve sheet's title) is ours too.
"""

from __future__ import annotations

from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.formatting import fold

MARKER_PREFIX = "InvestXL_"
_OUR_TITLES = (labels.SHEET_TITLE, labels.CASE_TITLE.split("{")[0], labels.PORTFOLIO_TITLE,
               labels.CURVE_SHEET_TITLE)


def marker_name(sheet_name: str) -> str:
    """The defined name that marks our sheet `sheet_name`: 'InvestXL_opfoelgning'."""
    return MARKER_PREFIX + fold(sheet_name)


def marker_reference(sheet_name: str) -> str:
    """What the mark refers to: the sheet's A1, "'Opfølgning'!$A$1"."""
    return "'" + sheet_name.replace("'", "''") + "'!$A$1"


def refers_to_sheet(reference: str | None, sheet_name: str) -> bool:
    """True if a defined name's reference ('=Ark!$A$1', "'Opfølgning'!$A$1") is on `sheet_name`."""
    if not reference or "!" not in reference:
        return False
    sheet = reference.lstrip("=").rsplit("!", 1)[0]
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet.casefold() == sheet_name.casefold()


def is_ours(sheet_name: str, first_cell, names: dict[str, str]) -> bool:
    """Whether the existing sheet `sheet_name` was written by invest-xl.

    `names`: the workbook's defined names (name -> reference); `first_cell`: its A1 value.
    """
    wanted = marker_name(sheet_name).casefold()
    if any(name.casefold() == wanted and refers_to_sheet(ref, sheet_name) for name, ref in names.items()):
        return True
    return isinstance(first_cell, str) and first_cell.startswith(_OUR_TITLES)


def check_replaceable(sheet_name: str, first_cell, names: dict[str, str]) -> None:
    """Refuse to replace a sheet the user wrote, saying how to rename it."""
    if not is_ours(sheet_name, first_cell, names):
        raise InvestXLError(labels.FOREIGN_SHEET.format(sheet=sheet_name))


def check_openpyxl_sheet(workbook, sheet_name: str) -> None:
    """`check_replaceable` for an openpyxl workbook that may hold a sheet `sheet_name`."""
    existing = [s for s in workbook.worksheets if s.title.casefold() == sheet_name.casefold()]
    if not existing:
        return
    names = {name: defined.attr_text for name, defined in workbook.defined_names.items()}
    check_replaceable(existing[0].title, existing[0]["A1"].value, names)


def mark_openpyxl_sheet(workbook, sheet_name: str) -> None:
    """Add (or point anew) the mark of our sheet `sheet_name` in an openpyxl workbook."""
    from openpyxl.workbook.defined_name import DefinedName

    name = marker_name(sheet_name)
    workbook.defined_names[name] = DefinedName(name, attr_text=marker_reference(sheet_name))
