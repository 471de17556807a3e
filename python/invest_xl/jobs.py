"""The jobs the command line and the buttons share: read the tables once, compute, lay out, write.

An openpyxl workbook holding the budget tables (the file itself, or the open workbook's
tables copied by `excel.buttons`) gives the budget, each case's expected saving by its
method (Forventet for open years), and the layouts of the sheets "Opfølgning" and
"Kurveberegning". `write_followup` is the file job: it reads the budget file once and
writes a copy with our sheet replaced part by part (`workbook.ooxml`), atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from invest_xl.budget.model import Budget
from invest_xl.errors import InvestXLError
from invest_xl.layout.changes import changes_layout, data_layout, figures_of
from invest_xl.layout.followup import followup_layout
from invest_xl.layout.model import SheetLayout
from invest_xl.layout.openpyxl_render import rendered_sheet
from invest_xl.layout.saving_band import saving_band_notes
from invest_xl.savings.cases import (CaseSavings, all_case_savings, expected_amounts_mio_kr,
                                     with_expected_amounts)
from invest_xl.survival.comparisons import CurveGroup, groups_from_points, groups_from_spells
from invest_xl.workbook import contract
from invest_xl.workbook.budget_reader import budget_from_workbook
from invest_xl.workbook.curve_tables import curves_by_case
from invest_xl.workbook.files import open_workbook, open_workbook_and_bytes, save_bytes_atomically
from invest_xl.workbook.ooxml.package import replace_sheet
from invest_xl.workbook.previous import read_previous
from invest_xl.workbook.ownership import check_openpyxl_sheet
from invest_xl.workbook.savings_reader import SavingsInputs, read_savings_inputs
from invest_xl.workbook.tables import read_table, table_values


def savings_from_workbook(workbook) -> tuple[Budget, SavingsInputs, list[CaseSavings]]:
    """Read budget and savings inputs from an openpyxl workbook and compute every case."""
    budget = budget_from_workbook(workbook)
    inputs = read_savings_inputs(workbook, budget)
    return budget, inputs, all_case_savings(budget, inputs)


def read_savings(path: str | os.PathLike) -> tuple[Budget, SavingsInputs, list[CaseSavings]]:
    """Open the budget workbook at `path` and compute every case's savings."""
    return savings_from_workbook(open_workbook(path))


def followup_for_workbook(workbook, made_on: dt.date | None = None) -> tuple[Budget, SheetLayout]:
    """(the budget with the computed Forventet amounts added, the follow-up layout)."""
    budget, _, savings = savings_from_workbook(workbook)
    expected = expected_amounts_mio_kr(budget, savings)
    return (with_expected_amounts(budget, expected),
            followup_layout(budget, expected, made_on, saving_band_notes(savings)))


def curve_groups_from_workbook(workbook) -> list[CurveGroup]:
    """The curve groups of an openpyxl workbook's tables Forloeb and Kurvepunkter (if present)."""
    groups = []
    spells = table_values(workbook, contract.SPELLS_TABLE)
    if spells is not None and len(spells) > 1:
        groups += groups_from_spells(spells)
    points = read_table(workbook, contract.CURVE_POINTS, required=False)
    if points:
        groups += groups_from_points(curves_by_case(points))
    return groups


def default_output_path(budget_path: Path) -> Path:
    """Where the follow-up goes when no -o is given: the current folder, '-opfoelgning' added."""
    return Path.cwd() / f"{budget_path.stem}-opfoelgning{budget_path.suffix}"


def write_followup(budget_path: str | os.PathLike, output_path: str | os.PathLike,
                   previous_path: str | os.PathLike | None = None, made_on: dt.date | None = None):
    """Read the budget workbook, add the follow-up sheet, save a copy atomically.

    Cases whose Metode is kurver or fte get their computed expected saving in the
    Forventet column of open years. Returns (budget with those computed figures added
    as Forventet amounts, layout, written path). The input file is never modified.
    The copy also gets the hidden sheet of its own figures (layout.changes); with
    `previous_path` (a follow-up written earlier) the sheet "Ændringer" too.
    """
    budget_path, output_path = Path(budget_path), Path(output_path)
    if output_path.suffix.lower() != budget_path.suffix.lower() and not output_path.is_dir():
        # The package keeps the input's kind (with or without macros): Excel refuses to
        # open an .xlsm package saved as .xlsx, and the other way round.
        raise InvestXLError(f"Uddata skal have samme filtype som inddata ({budget_path.suffix}), "
                            f"ellers kan Excel ikke åbne den; skriv fx "
                            f"{output_path.with_suffix(budget_path.suffix).name}")
    made_on = made_on or dt.date.today()
    previous = read_previous(previous_path) if previous_path is not None else None
    workbook, original = open_workbook_and_bytes(budget_path)
    budget, layout = followup_for_workbook(workbook, made_on)
    check_openpyxl_sheet(workbook, layout.name)
    package = replace_sheet(original, rendered_sheet(layout), layout.name)
    figures = figures_of(budget, made_on)
    if previous is not None:
        changes = changes_layout(previous, figures)
        package = replace_sheet(package, rendered_sheet(changes), changes.name)
    data = data_layout(figures)
    package = replace_sheet(package, rendered_sheet(data), data.name, hidden=True)
    written = save_bytes_atomically(package, output_path, source=budget_path)
    return budget, layout, written


def install_into_workbook(workbook_path: str | os.PathLike, output_path: str | os.PathLike | None = None) -> Path:
    """Write a copy of the workbook as .xlsm with invest-xl's VBA, buttons, hidden
    xlwings.conf and the contract tables it lacks; every other part byte for byte."""
    from invest_xl.workbook.ooxml.install import install

    workbook_path = Path(workbook_path)
    output_path = Path(output_path) if output_path else workbook_path.with_suffix(".xlsm")
    if output_path.suffix.lower() != ".xlsm":
        raise InvestXLError(f"{output_path.name}: en projektmappe med knapper og makroer skal gemmes "
                            f"som .xlsm; skriv fx {output_path.with_suffix('.xlsm').name}")
    workbook, original = open_workbook_and_bytes(workbook_path)
    package = install(workbook, original, workbook_path.name)
    return save_bytes_atomically(package, output_path, source=workbook_path)


def new_macro_budget(path: str | os.PathLike, years: list[int], cases: int) -> Path:
    """`invest-xl new --xlsm`: the empty budget workbook with invest-xl installed, as .xlsm."""
    import tempfile

    from invest_xl.workbook.template import write_new_budget

    path = Path(path)
    if path.suffix.lower() != ".xlsm":
        raise InvestXLError(f"{path.name}: med --xlsm skal filen hedde .xlsm")
    if path.exists():
        raise InvestXLError(f"{path.name} findes allerede; vælg et andet navn (en eksisterende "
                            "projektmappe overskrives ikke)")
    with tempfile.TemporaryDirectory(prefix="invest-xl-new-") as folder:
        plain = write_new_budget(Path(folder) / path.with_suffix(".xlsx").name, years, cases)
        return install_into_workbook(plain, path)


def sample_leftovers_in(budget_path: str | os.PathLike, budget: Budget) -> list[str]:
    """The notes for the sample's illustrative data still in the workbook at `budget_path`."""
    from invest_xl.sample.leftovers import sample_leftovers

    return sample_leftovers(open_workbook(budget_path), budget)


def add_catalogue_sheets(path: Path) -> Path:
    """Add the national catalogue's sheets (Katalog, Sammenligning) to a written follow-up,
    part by part as the follow-up sheet is added, and save it atomically again."""
    from invest_xl.catalogue.sheet import catalogue_sheet_parts

    package = Path(path).read_bytes()
    for name, rendered in catalogue_sheet_parts():
        package = replace_sheet(package, rendered, name)
    return save_bytes_atomically(package, path)

def default_report_path(budget_path: Path) -> Path:
    """Where the report goes when no -o is given: the current folder, '-rapport.pdf'."""
    return Path.cwd() / f"{budget_path.stem}-rapport.pdf"


def write_report(budget_path: str | os.PathLike, output_path: str | os.PathLike,
                 made_on: dt.date | None = None):
    """The follow-up as a PDF for the committee, printed by LibreOffice (workbook.libreoffice).

    The follow-up sheet is rendered alone into a workbook (its formulas refer only to
    itself), recalculated and printed in the Danish locale, and the PDF saved atomically.
    Returns (budget, layout, written path).
    """
    import tempfile

    from invest_xl.workbook.libreoffice import convert

    budget_path, output_path = Path(budget_path), Path(output_path)
    if output_path.suffix.lower() != ".pdf":
        raise InvestXLError(f"Rapporten skal have filtypen .pdf, ikke '{output_path.suffix or output_path.name}'.")
    budget, layout = followup_for_workbook(open_workbook(budget_path), made_on)
    with tempfile.TemporaryDirectory(prefix="invest-xl-report-") as folder:
        sheet = Path(folder) / f"{output_path.stem}.xlsx"
        sheet.write_bytes(rendered_sheet(layout))
        pdf = convert(sheet, "pdf", folder)
        written = save_bytes_atomically(pdf.read_bytes(), output_path)
    return budget, layout, written
