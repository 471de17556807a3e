"""The macro-enabled sample workbook: budget tables, buttons, UDF formulas, curves, charts.

Built from the package's data, never edited by hand (scripts/build_workbooks.py):

1. XlsxWriter writes a skeleton .xlsm: xlwings' own standalone VBA project (the
   `vbaProject.bin` of xlwings' quickstart_standalone.xlsm, so no add-in is needed),
   a sheet "Start" with the two Form buttons bound to the macros "Import Python UDFs"
   creates from `udfs/invest_xl_udfs.py`, and the `xlwings.conf` sheet.
2. openpyxl loads it with keep_vba (as `invest-xl followup` does with any .xlsm), copies
   in the sheets of the sample budget workbook (`sample.write_sample_workbook`), renders the follow-up
   and curve sheets (the same layouts the buttons write), and adds the sheet "Funktioner"
   whose formulas call our UDFs on the sample data.

UDF results are written as classic array formulas over the exact range the result
needs (computed at build time by calling the same Python function): they fill that
range in every Excel version and survive openpyxl's rewrites, which drop the marks of
dynamic (spilling) arrays.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table, TableStyleInfo

from invest_xl.layout.curve_sheet import curves_layout
from invest_xl.workbook.files import save_atomically
from invest_xl.jobs import curve_groups_from_workbook, followup_for_workbook
from invest_xl.sample.budget import SAMPLE_WORKBOOK_NAME, write_sample_workbook
from invest_xl.layout.openpyxl_render import render_sheet

MACRO_WORKBOOK_NAME = "budget_2020-2023.xlsm"
UDF_MODULE = "invest_xl_udfs"
START_SHEET = "Start"
CONFIG_SHEET = "xlwings.conf"
FUNCTIONS_SHEET = "Funktioner"
BUTTONS = (
    # (cell, caption, macro): the macros are the @xw.script functions of udfs/invest_xl_udfs.py
    ("B6", "Opdater opfølgning", "invest_refresh_followup"),
    ("B10", "Opdater kurver", "invest_refresh_curves"),
)
CONFIG = (
    # Keys as xlwings' VBA reads them (column A from A1 down, value in B).
    ("Interpreter_Win", ""),
    ("Interpreter_Mac", ""),
    ("PYTHONPATH", r"%INVEST_XL_HOME%\udfs"),
    ("UDF Modules", UDF_MODULE),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)
START_TEXT = (
    "invest-xl: opfølgning på investeringscases",
    "Knapperne kører Python (xlwings). Første gang: aktivér makroer, og kør derefter "
    "xlwings-makroen ImportPythonUDFs (Udvikler > Makroer), så funktionerne og knapperne findes.",
    "Opdater opfølgning skriver arket 'Opfølgning' på ny ud fra tabellerne Sager, Beloeb og "
    "Indstillinger. Andre ark røres ikke.",
    "Opdater kurver skriver arket 'Kurveberegning' på ny ud fra tabellerne Forloeb og Kurvepunkter.",
    "Arket 'Funktioner' viser funktionerne INVEST_* brugt på eksemplets data.",
)
# A fixed date so that two builds of the same data give the same file content.
BUILD_DATE = dt.datetime(2020, 1, 1)


def standalone_vba_project() -> bytes:
    """The vbaProject.bin of xlwings' quickstart_standalone.xlsm (standalone xlwings VBA)."""
    import xlwings

    template = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(template) as archive:
        return archive.read("xl/vbaProject.bin")


def skeleton(path: Path) -> Path:
    """The .xlsm skeleton: VBA project, the Start sheet with buttons, the xlwings.conf sheet."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": BUILD_DATE, "author": "invest-xl"})
    book.set_vba_name("ThisWorkbook")
    book.add_vba_project(io.BytesIO(standalone_vba_project()), is_stream=True)
    start = book.add_worksheet(START_SHEET)
    start.set_vba_name("Sheet1")
    write_button_sheet(book, start, START_TEXT)
    config = book.add_worksheet(CONFIG_SHEET)
    config.set_vba_name("Sheet2")
    write_config_sheet(config)
    book.close()
    return path


def write_button_sheet(book, sheet, lines) -> None:
    """An XlsxWriter sheet with `lines` of text (the first as a title) and the two Form
    buttons bound to the button macros (BUTTONS)."""
    title = book.add_format({"bold": True, "font_size": 14, "font_name": "Calibri"})
    sheet.set_column(0, 0, 3)
    sheet.set_column(1, 1, 110)
    for row, line in enumerate(lines):
        sheet.write(row, 1, line, title if row == 0 else None)
    for cell, caption, macro in BUTTONS:
        row, column = int(cell[1:]) - 1, ord(cell[0]) - ord("A")
        sheet.insert_button(row, column, {"macro": macro, "caption": caption, "width": 200, "height": 40})


def write_config_sheet(sheet) -> None:
    """The xlwings.conf sheet (XlsxWriter): where the buttons and functions find Python."""
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 40)
    for row, (key, value) in enumerate(CONFIG):
        sheet.write(row, 0, key)
        sheet.write(row, 1, value)


def copy_sheet(source, target_book, *, index: int | None = None):
    """Copy one openpyxl worksheet into another workbook: values, styles, widths, tables."""
    target = target_book.create_sheet(source.title, index)
    for row in source.iter_rows():
        for cell in row:
            if cell.value is None and not cell.has_style:
                continue
            new = target.cell(cell.row, cell.column, cell.value)
            if isinstance(cell.value, str):
                new.data_type = cell.data_type
            if cell.has_style:
                new.font = copy.copy(cell.font)
                new.number_format = cell.number_format
                new.fill = copy.copy(cell.fill)
                new.alignment = copy.copy(cell.alignment)
                new.border = copy.copy(cell.border)
    for letter, dimension in source.column_dimensions.items():
        target.column_dimensions[letter].width = dimension.width
    for merged in source.merged_cells.ranges:
        target.merge_cells(str(merged))
    for name, ref in source.tables.items():
        original = source.tables[name]
        table = Table(displayName=original.displayName, ref=ref)
        if original.tableStyleInfo is not None:
            table.tableStyleInfo = TableStyleInfo(name=original.tableStyleInfo.name,
                                                  showRowStripes=original.tableStyleInfo.showRowStripes)
        target.add_table(table)
    target.freeze_panes = source.freeze_panes
    return target


def _udf_result_shape(function, *arguments) -> tuple[int, int]:
    result = function(*arguments)
    if isinstance(result, str):
        raise ValueError(f"{function.__name__} answers the sample with a message: {result}")
    if isinstance(result, list):
        return len(result), max(len(row) for row in result)
    return 1, 1


def _put_formula(sheet, cell: str, formula: str, shape: tuple[int, int]):
    rows, columns = shape
    if (rows, columns) == (1, 1):
        sheet[cell] = formula
        return cell
    top_left = sheet[cell]
    last = f"{get_column_letter(top_left.column + columns - 1)}{top_left.row + rows - 1}"
    sheet[cell] = ArrayFormula(f"{cell}:{last}", formula)
    return f"{cell}:{last}"


def function_examples(book, udfs) -> dict[str, str]:
    """The sheet Funktioner: example inputs and a formula for every UDF; returns {cell: formula}."""
    from invest_xl.sample.curves import sample_points

    sheet = book.create_sheet(FUNCTIONS_SHEET)
    bold = Font(name="Calibri", bold=True)
    sheet["A1"] = "Funktionerne INVEST_* på eksemplets data (skrevet af scripts/build_workbooks.py)"
    sheet["A1"].font = Font(name="Calibri", bold=True, size=12)
    sheet["A2"] = ("Kurvepunkterne er Kaplan-Meier-andele fra de syntetiske forløb: målgruppen og "
                   "indsatsgruppen med start i 2. halvår 2020 (kun observeret til uge 26).")
    weeks, target, intervention, target_size = sample_points()
    for column, header in enumerate(("Uge", "Målgruppe", "Indsatsgruppe"), start=1):
        sheet.cell(4, column, header).font = bold
    for offset, week in enumerate(weeks):
        sheet.cell(5 + offset, 1, week)
        sheet.cell(5 + offset, 2, target[offset]).number_format = "0.0%"
        if offset < len(intervention):
            sheet.cell(5 + offset, 3, intervention[offset]).number_format = "0.0%"
    last_week = 4 + len(weeks)
    last_intervention = 4 + len(intervention)
    w, t = f"A5:A{last_week}", f"B5:B{last_week}"
    wi, i = f"A5:A{last_intervention}", f"C5:C{last_intervention}"
    fte_rows = [["Ydelse", "År", "Fuldtidspersoner", "Brutto kr.", "Refusion"],
                ["kontanthjælp", 2020, 6, 120900, 0.3], ["kontanthjælp", 2021, 10, 120900, 0.3]]
    for r, row in enumerate(fte_rows, start=20):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value).font = bold if r == 20 else Font(name="Calibri")
    column_of = {w: [[v] for v in weeks], t: [[v] for v in target],
                 wi: [[v] for v in weeks[:len(intervention)]], i: [[v] for v in intervention]}
    spells = _table_rows(book, "Forloeb")
    amounts = _table_rows(book, "Beloeb")
    index = _table_rows(book, "Prisindeks")
    examples = [
        ("E4", "Kurve fra punkter (målgruppe)", f"=INVEST_CURVE({w},{t},{target_size})",
         (udfs.invest_curve, column_of[w], column_of[t], target_size)),
        ("F4", "Tilpasset kurve (indsats, fremskrevet)", f"=INVEST_FIT_CURVE({wi},{i},{w},\"best\")",
         (udfs.invest_fit_curve, column_of[wi], column_of[i], column_of[w], "best")),
        ("H4", "Tilpassede fordelinger (indsats)", f"=INVEST_FIT_SUMMARY({wi},{i})",
         (udfs.invest_fit_summary, column_of[wi], column_of[i])),
        ("H15", "Sparede uger pr. deltager (værdi, nedre, øvre)",
         f"=INVEST_WEEKS_SAVED({w},{t},{wi},{i},52,\"best\")",
         (udfs.invest_weeks_saved, column_of[w], column_of[t], column_of[wi], column_of[i], 52, "best")),
        ("H19", "Besparelse pr. år, kurvemetoden (5 deltagere pr. måned)",
         f"=INVEST_SAVINGS({w},{t},{i},5,120900,\"trappe\",2020,4,\"fasthold\")",
         (udfs.invest_savings, column_of[w], column_of[t], column_of[i], 5, 120900, "trappe", 2020,
          4, "fasthold")),
        ("H26", "Besparelse pr. år, fuldtidspersonmetoden", "=INVEST_FTE_SAVINGS(A20:E22,2020,2)",
         (udfs.invest_fte_savings, fte_rows, 2020, 2)),
        ("H34", "Nettoenhedspris (kr. pr. fuldtidsperson)", "=INVEST_NET_UNIT_COST(120900,0.3)",
         (udfs.invest_net_unit_cost, 120900, 0.3)),
        ("H37", "1.000 kr. i 2020 p/l omregnet til 2023 p/l",
         "=INVEST_PRICE_LEVEL(1000,\"2020 p/l\",2023,Prisindeks[#All],\"pl\")",
         (udfs.invest_price_level, 1000, "2020 p/l", 2023, index, "pl")),
        ("H40", "Samlet oversigt fra tabellen Beloeb (mio. kr.)", "=INVEST_PORTFOLIO(Beloeb[#All])",
         (udfs.invest_portfolio, amounts)),
        ("A25", "Ét beløb: sag 1, 2021, besparelse, Budget", "=INVEST_AMOUNT(Beloeb[#All],1,2021,\"besparelse\",\"Budget\")",
         (udfs.invest_amount, amounts, 1, 2021, "besparelse", "Budget")),
        ("H47", "Kaplan-Meier fra tabellen Forloeb", "=INVEST_KAPLAN_MEIER(Forloeb[#All],DATE(2020,12,31))",
         (udfs.invest_kaplan_meier, spells, dt.date(2020, 12, 31))),
        ("A28", "Andre kommuner: median effekt pr. krone (sygedagpenge)",
         "=INVEST_PEERS(\"sygedagpenge\",\"median effekt pr. krone\")",
         (udfs.invest_peers, "sygedagpenge", "median effekt pr. krone")),
        ("A31", "Placering: 2 mio. kr. investeret, 5 mio. kr. effekt (sygedagpenge)",
         "=INVEST_PEER_POSITION(2,5,\"sygedagpenge\")",
         (udfs.invest_peer_position, 2, 5, "sygedagpenge")),
    ]
    written = {}
    for cell, caption, formula, (function, *arguments) in examples:
        sheet[cell] = caption
        sheet[cell].font = bold
        below = f"{cell[0]}{int(cell[1:]) + 1}"
        _put_formula(sheet, below, formula, _udf_result_shape(function, *arguments))
        written[below] = formula
    sheet.column_dimensions["A"].width = 10
    for letter in "BCDEFG":
        sheet.column_dimensions[letter].width = 14
    sheet.column_dimensions["H"].width = 34
    for letter in "IJKLM":
        sheet.column_dimensions[letter].width = 16
    return written


def _table_rows(book, name: str) -> list[list]:
    from invest_xl.workbook.tables import table_values

    rows = table_values(book, name)
    if rows is None:
        raise ValueError(f"the sample workbook has no table {name}")
    return rows


def macro_workbook(workdir: Path, udfs) -> openpyxl.Workbook:
    """The macro-enabled sample as an openpyxl workbook (VBA kept), from the package's data."""
    book = openpyxl.load_workbook(skeleton(workdir / "skeleton.xlsm"), keep_vba=True)
    sample = openpyxl.load_workbook(write_sample_workbook(workdir / SAMPLE_WORKBOOK_NAME))
    for position, sheet in enumerate(sample.worksheets, start=1):
        copy_sheet(sheet, book, index=position)
    render_sheet(book, followup_for_workbook(book)[1])
    render_sheet(book, curves_layout(curve_groups_from_workbook(book)))
    function_examples(book, udfs)
    book.active = 0
    book.properties.created = book.properties.modified = BUILD_DATE
    return book


def write_macro_workbook(path: str | Path, udfs) -> Path:
    """Build the macro-enabled sample workbook and save it (atomically) at `path`."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="invest-xl-xlsm-") as folder:
        return save_atomically(macro_workbook(Path(folder), udfs), path)
