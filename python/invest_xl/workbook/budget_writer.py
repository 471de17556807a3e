"""Writing a Budget into a new workbook as the contract's Excel tables.

Used to build the sample workbook shipped in xlsx/ and, in tests, budgets with
deliberate faults. The tables are real Excel tables (ListObjects), so a user can add
rows and the reader still finds them.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from invest_xl.workbook import contract
from invest_xl.budget.model import EXPECTED, REALIZED, Budget
from invest_xl.workbook.tables import Column, TableSchema
from invest_xl.workbook.wide_tables import wide_rows

AMOUNT_FORMAT = "#,##0.000"


def add_table(sheet, schema: TableSchema, rows: list[list], *, top_left: tuple[int, int] = (1, 1),
              widths: dict[str, float] | None = None, number_formats: dict[str, str] | None = None):
    """Write `rows` under the schema's headers at `top_left` and make them an Excel table."""
    first_row, first_col = top_left
    headers = schema.headers
    for offset, header in enumerate(headers):
        cell = sheet.cell(first_row, first_col + offset, header)
        cell.font = Font(name="Calibri", bold=True)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            cell = sheet.cell(first_row + r, first_col + c, value)
            if isinstance(value, str):
                cell.data_type = "s"
            fmt = (number_formats or {}).get(headers[c])
            if fmt and isinstance(value, (int, float, dt.date)):
                cell.number_format = fmt
    last_col = get_column_letter(first_col + len(headers) - 1)
    ref = f"{get_column_letter(first_col)}{first_row}:{last_col}{first_row + max(len(rows), 1)}"
    table = Table(displayName=schema.name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    for offset, header in enumerate(headers):
        letter = get_column_letter(first_col + offset)
        sheet.column_dimensions[letter].width = (widths or {}).get(header, max(12, len(header) + 4))
    return table


def wide_amounts_schema(years: list[str]) -> TableSchema:
    """Beloeb in the wide form, as a schema to write: Sag, Art, Status, then the years."""
    own = [contract.AMOUNTS.column(k) for k in ("case", "kind", "status")]
    return TableSchema(contract.AMOUNTS.name, (*own, *(Column(y, y, str) for y in years)),
                       sheet=contract.AMOUNTS.sheet)


def settings_rows(budget: Budget) -> list[list]:
    """The settings table's rows for a Budget."""
    s = budget.settings
    source = s.source[len("Kilde:"):].strip() if s.source.startswith("Kilde:") else s.source
    return [
        [contract.SETTING_PRICE_LEVEL, s.price_level],
        [contract.SETTING_UNIT, s.unit],
        [contract.SETTING_SOURCE, source],
        [contract.SETTING_PRUDENCE, s.prudence_share],
        [contract.SETTING_CLOSED_YEARS, ", ".join(str(y) for y in sorted(s.closed_years))],
    ] + [[key, value] for key, value, default in (
        (contract.SETTING_MUNICIPALITY, s.municipality, None),
        (contract.SETTING_REALIZED_WORD, s.realized_word, REALIZED),
        (contract.SETTING_EXPECTED_WORD, s.expected_word, EXPECTED)) if value != default]


def budget_workbook(budget: Budget, case_values: dict[int, dict[str, object]] | None = None,
                    *, wide: bool = False) -> openpyxl.Workbook:
    """A new workbook holding the budget as the tables Sager, Beloeb and Indstillinger
    (and Indregnet, mio. kr., when the budget has booked amounts).

    `case_values`: optional further Sager cells per case number, by header (e.g.
    {6: {"Metode": "fte", "Forsigtighed": 1}}). `wide`: Beloeb with one column per year.
    """
    workbook = openpyxl.Workbook()
    cases_sheet = workbook.active
    cases_sheet.title = contract.CASES.sheet
    further = contract.CASES.headers[4:]
    note = contract.CASES.headers[-1]
    add_table(cases_sheet, contract.CASES,
              [[c.number, c.name, c.target_group_fte, c.intervention_group_fte]
               + [{note: c.note, **(case_values or {}).get(c.number, {})}.get(h) for h in further]
               for c in budget.cases],
              widths={"Navn": 90, note: 60})
    amounts_sheet = workbook.create_sheet(contract.AMOUNTS.sheet)
    if wide:
        years = [str(y) for y in budget.years]
        add_table(amounts_sheet, wide_amounts_schema(years), wide_rows(budget.amounts, budget.years),
                  number_formats=dict.fromkeys(years, AMOUNT_FORMAT))
    else:
        add_table(amounts_sheet, contract.AMOUNTS,
                  [[a.case, a.year, a.kind, a.status, a.mio_kr] for a in budget.amounts],
                  number_formats={"Beløb": AMOUNT_FORMAT})
    settings_sheet = workbook.create_sheet(contract.SETTINGS.sheet)
    add_table(settings_sheet, contract.SETTINGS, settings_rows(budget), widths={"Værdi": 30})
    if budget.booked is not None:
        add_tables(workbook, [(contract.BOOKED, [[y, a] for y, a in zip(budget.booked.years,
                                                                          budget.booked.mio_kr)])])
    return workbook


def add_tables(workbook, tables) -> None:
    """Add (schema, rows) tables, each on its schema's sheet, below any table already there."""
    for schema, rows in tables:
        if schema.sheet in workbook.sheetnames:
            sheet = workbook[schema.sheet]
            top = sheet.max_row + 3
        else:
            sheet = workbook.create_sheet(schema.sheet)
            top = 1
        add_table(sheet, schema, rows, top_left=(top, 1),
                  widths={h: max(14, len(h) + 4) for h in schema.headers})
