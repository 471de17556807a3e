"""A new, empty budget workbook: the contract's tables, ready to fill in (`invest-xl new`).

Every table of the contract on its sheet, with its headers and a few blank rows styled as
input cells; `Beloeb` in the wide form (Sag, Art, Status, one column per budget year); a
data-validation list on every coded column, with the words the contract's parsers accept
(`parse.choices`); a short Danish guide. Nothing illustrative: no figures, no spells.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation

from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.workbook import contract
from invest_xl.workbook.budget_writer import add_table, wide_amounts_schema
from invest_xl.workbook.files import save_atomically
from invest_xl.workbook.tables import Column, TableSchema

INPUT_STYLE = "Input"  # Excel's built-in cell style for input cells
SETTING_CHOICES = {"setting": contract.SETTING_NAMES}
AMOUNT_ROWS_PER_CASE = 4  # investment and saving, Budget and the follow-up's status
SAVINGS_ROWS = 5


def column_choices(schema: TableSchema, column: Column) -> tuple[tuple[str, ...], bool] | None:
    """(the words a coded column offers, whether other values are allowed), or None."""
    if schema.name == contract.SETTINGS.name and column.key in SETTING_CHOICES:
        return SETTING_CHOICES[column.key], True
    choices = getattr(column.parse, "choices", None)
    if choices is None:
        return None
    return tuple(choices), bool(getattr(column.parse, "others_allowed", False))


def _validation(words: tuple[str, ...], others_allowed: bool) -> DataValidation:
    listed = ",".join(words)
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    if others_allowed:
        # Excel lets any value in when the error alert is off; the list is an offer
        validation.showErrorMessage = False
        validation.showInputMessage = True
        validation.prompt = labels.VALIDATION_PROMPT
    else:
        validation.showErrorMessage = True
        validation.errorTitle = labels.VALIDATION_TITLE
        validation.error = labels.VALIDATION_ERROR.format(words=", ".join(words))
    return validation


def _empty_table(sheet, schema: TableSchema, blank_rows: int, top: int, *, read_as: TableSchema):
    """The schema's table with `blank_rows` empty input rows and the validation lists of
    `read_as` (the contract schema whose columns the written headers are read by)."""
    table = add_table(sheet, schema, [[None] * len(schema.columns)] * blank_rows, top_left=(top, 1),
                      widths={h: max(14, len(h) + 4) for h in schema.headers})
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    for row in sheet.iter_rows(min_row=min_row + 1, max_row=max_row, min_col=min_col, max_col=max_col):
        for cell in row:
            cell.style = INPUT_STYLE
    for offset, header in enumerate(schema.headers):
        column = next((c for c in read_as.columns if c.matches(header)), None)
        found = column and column_choices(read_as, column)
        if found:
            validation = _validation(*found)
            letter = get_column_letter(min_col + offset)
            validation.add(f"{letter}{min_row + 1}:{letter}{max_row}")
            sheet.add_data_validation(validation)
    return max_row


def _guide(sheet, years: list[int], name: str) -> None:
    sheet["A1"] = labels.GUIDE_TITLE.format(first=years[0], last=years[-1])
    sheet["A1"].font = Font(name="Calibri", bold=True, size=14)
    for row, line in enumerate(labels.GUIDE_LINES, start=3):
        sheet.cell(row, 1, line.format(name=name)).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 110


def new_budget_workbook(years: list[int], cases: int, name: str = "BUDGET.xlsx") -> openpyxl.Workbook:
    """An empty budget workbook for `years` with room for `cases` cases (rows can be added)."""
    workbook = openpyxl.Workbook()
    _guide(workbook.active, years, name)
    workbook.active.title = labels.GUIDE_SHEET
    beloeb = wide_amounts_schema([str(y) for y in years])
    tables = [(contract.CASES, cases, contract.CASES), (beloeb, cases * AMOUNT_ROWS_PER_CASE, contract.AMOUNTS),
              *((s, SAVINGS_ROWS, s) for s in contract.SAVINGS_TABLES)]
    bottoms: dict[str, int] = {}
    for schema, rows, read_as in tables:
        if schema.sheet not in workbook.sheetnames:
            workbook.create_sheet(schema.sheet)
        top = bottoms[schema.sheet] + 3 if schema.sheet in bottoms else 1
        bottoms[schema.sheet] = _empty_table(workbook[schema.sheet], schema, rows, top, read_as=read_as)
    _settings(workbook.create_sheet(contract.SETTINGS.sheet), years)
    return workbook


def _settings(sheet, years: list[int] | None, top: int = 1) -> int:
    """Indstillinger with the setting names; the price level and unit follow from the years."""
    bottom = _empty_table(sheet, contract.SETTINGS, len(contract.SETTING_NAMES), top, read_as=contract.SETTINGS)
    given = {contract.SETTING_PRICE_LEVEL: f"{years[0]} p/l", contract.SETTING_UNIT: "mio. kr."} if years else {}
    for row, setting in zip(range(top + 1, bottom + 1), contract.SETTING_NAMES):
        sheet.cell(row, 1, setting)
        sheet.cell(row, 2, given.get(setting))
    sheet.column_dimensions["B"].width = 30
    return bottom


def missing_tables_sheet(name: str, schemas: list[TableSchema], blank_rows: int) -> openpyxl.Workbook:
    """A one-sheet workbook named `name` holding `schemas` as empty tables (for `install`,
    which does not know the budget years: Beloeb in the long form)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = name
    bottom = None
    for schema in schemas:
        top = 1 if bottom is None else bottom + 3
        if schema.name == contract.SETTINGS.name:
            bottom = _settings(sheet, None, top)
        else:
            bottom = _empty_table(sheet, schema, blank_rows, top, read_as=schema)
    return workbook


def budget_years(text: str | None, today=None) -> list[int]:
    """The years of `--years`: '2024-2027' or one year '2024'; none = the coming four years
    (next year's budget and its three overslagsår)."""
    import datetime as dt
    import re

    from invest_xl.budget.model import FIRST_YEAR, LAST_YEAR

    if text is None:
        first = (today or dt.date.today()).year + 1
        return list(range(first, first + 4))
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text)
    if not match:
        raise InvestXLError(f"--years skal være et år eller to år som 2024-2027 (fik '{text}')")
    first, last = int(match[1]), int(match[2] or match[1])
    if not FIRST_YEAR <= first <= last <= LAST_YEAR or last - first >= 30:
        raise InvestXLError(f"--years {text}: årene skal ligge mellem {FIRST_YEAR} og {LAST_YEAR}, "
                            "det første før det sidste, og højst 30 år")
    return list(range(first, last + 1))


def write_new_budget(path: str | Path, years: list[int], cases: int) -> Path:
    """Write an empty budget workbook to `path` (atomically); an existing file is never replaced."""
    path = Path(path)
    if path.exists():
        raise InvestXLError(f"{path.name} findes allerede; vælg et andet navn (en eksisterende "
                            "projektmappe overskrives ikke)")
    if path.suffix.lower() != ".xlsx":
        raise InvestXLError(f"{path.name}: en ny budgetprojektmappe skal hedde .xlsx "
                            "(brug --xlsm for knapper og funktioner)")
    if not 1 <= cases <= 500:
        raise InvestXLError(f"--cases skal være mellem 1 og 500 (fik {cases})")
    return save_atomically(new_budget_workbook(years, cases, path.name), path)
