"""The catalogue as two sheets of an openpyxl workbook: the cases and their peer statistics.

"Katalog" is an Excel table (filters on every column): one row per case, each figure
beside the sentence it came from, the indicators and the flags. "Sammenligning" gives
per category and indicator the count, median and quartiles and the case numbers that
enter them; count and median are formulas (COUNT, MEDIAN) over exactly those cases'
cells in "Katalog", so the spreadsheet program recomputes them; quartiles are values
(QUARTILE.INC does not take a list of single cells).
"""

from __future__ import annotations

import io

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo

from invest_xl.catalogue.build import load_catalogue
from invest_xl.catalogue.peers import INDICATORS, indicators

CASES_SHEET, PEERS_SHEET = "Katalog", "Sammenligning"
TABLE_NAME = "Investeringskatalog"
HEADER_ROW = 3
_FONT = "Calibri"
_COLUMNS = (
    ("Nr.", 6), ("Jobcenter", 16), ("Periode", 14), ("Kategorier", 18), ("Målgrupper", 40),
    ("Investering i alt (mio. kr.)", 12), ("Investering, lav", 10), ("Investering, høj", 10),
    ("Kilde: investering", 60), ("Effekt i alt (mio. kr.)", 12), ("Effekt, lav", 10),
    ("Effekt, høj", 10), ("Brutto/netto", 9), ("Kilde: effekt", 60), ("Helårspersoner", 10),
    ("Kilde: personer", 40), ("Netto (mio. kr.)", 11), ("Effekt pr. krone", 10),
    ("Investering pr. helårsperson (mio. kr.)", 12), ("Bemærkninger", 70))
INDICATOR_COLUMN = {"investering": 6, "netto": 17, "effekt_pr_krone": 18,
                    "investering_pr_helaarsperson": 19}


def _case_row(number: int, case: dict) -> list:
    inv, eff, persons = case["investment_mio_kr"], case["effect_mio_kr"], case["persons"]
    values = indicators(case)
    period = case["period"]
    notes = "; ".join(f"{flag['field']}: {flag['text']}" for flag in case["flags"])
    return [number, case["jobcenter"], period["text"] or "", ", ".join(case["categories"]),
            "; ".join(case["target_groups"]), inv["total"], inv["low"], inv["high"],
            inv["source"] or "", eff["total"], eff["low"], eff["high"], eff["basis"] or "",
            eff["source"] or "", persons["total"], persons["source"] or "", values["netto"],
            values["effekt_pr_krone"], values["investering_pr_helaarsperson"], notes]


def _write_cases(sheet, cases: list[dict]) -> None:
    sheet["A1"] = "Investeringscases fra kommunerne (Erfaringsudvikling mellem kommuner om investeringstankegang)"
    sheet["A1"].font = Font(name=_FONT, bold=True, size=13)
    sheet["A2"] = "Beløb i mio. kr. Tom celle: ikke angivet i teksten (se Bemærkninger)."
    for col, (title, width) in enumerate(_COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, col, title)
        cell.font = Font(name=_FONT, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(col)].width = width
    for number, case in enumerate(cases, start=1):
        for col, value in enumerate(_case_row(number, case), start=1):
            cell = sheet.cell(HEADER_ROW + number, col, value)
            if isinstance(value, float):
                cell.number_format = "0.000"
            elif col in (5, 9, 14, 16, 20):
                cell.alignment = Alignment(wrap_text=False, vertical="top")
    last = f"{get_column_letter(len(_COLUMNS))}{HEADER_ROW + len(cases)}"
    table = Table(displayName=TABLE_NAME, ref=f"A{HEADER_ROW}:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"


def _cells(indicator: str, numbers: list[int]) -> str:
    column = get_column_letter(INDICATOR_COLUMN[indicator])
    return ",".join(f"'{CASES_SHEET}'!{column}{HEADER_ROW + n}" for n in numbers)


def _write_peers(sheet, groups: dict) -> None:
    sheet["A1"] = "Sammenlignelige cases pr. kategori"
    sheet["A1"].font = Font(name=_FONT, bold=True, size=13)
    sheet["A2"] = ("Antal og median er beregnet af cellerne i Katalog for de cases, der indgår; "
                   "kvartiler som Excels KVARTIL.MEDTAG.")
    headers = ("Kategori", "Mål", "Antal", "Median", "Nedre kvartil", "Øvre kvartil", "Cases (nr.)")
    for col, title in enumerate(headers, start=1):
        sheet.cell(HEADER_ROW, col, title).font = Font(name=_FONT, bold=True)
    for col, width in zip("ABCDEFG", (16, 44, 8, 10, 12, 12, 60)):
        sheet.column_dimensions[col].width = width
    row = HEADER_ROW
    for name, group in groups.items():
        for key, stat in group["indicators"].items():
            row += 1
            numbers = stat["cases"]
            sheet.cell(row, 1, name)
            sheet.cell(row, 2, INDICATORS[key])
            sheet.cell(row, 3, f"=COUNT({_cells(key, numbers)})" if numbers else 0)
            sheet.cell(row, 4, f"=MEDIAN({_cells(key, numbers)})" if numbers else None)
            sheet.cell(row, 5, stat["q1"])
            sheet.cell(row, 6, stat["q3"])
            sheet.cell(row, 7, ", ".join(str(n) for n in numbers))
            for col in (4, 5, 6):
                sheet.cell(row, col).number_format = "0.000"
    table = Table(displayName="Sammenligning", ref=f"A{HEADER_ROW}:G{row}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)


def add_catalogue_sheets(workbook: Workbook, catalogue: dict | None = None) -> None:
    """Append the sheets "Katalog" and "Sammenligning" to `workbook` (the shipped data by default)."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    _write_cases(workbook.create_sheet(CASES_SHEET), catalogue["cases"])
    _write_peers(workbook.create_sheet(PEERS_SHEET), catalogue["groups"])


def catalogue_sheet_parts(catalogue: dict | None = None) -> list[tuple[str, bytes]]:
    """Each catalogue sheet rendered alone into a one-sheet workbook (name, bytes).

    For `workbook.ooxml.package.replace_sheet`, which puts a sheet into a user's workbook
    part by part, so that openpyxl never rewrites (and loses parts of) their other sheets.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    parts = []
    for name, write, data in ((CASES_SHEET, _write_cases, catalogue["cases"]),
                              (PEERS_SHEET, _write_peers, catalogue["groups"])):
        workbook = Workbook()
        workbook.active.title = name
        write(workbook.active, data)
        stream = io.BytesIO()
        workbook.save(stream)
        parts.append((name, stream.getvalue()))
    return parts
