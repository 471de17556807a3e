"""The jobs the command line and the buttons share: read the tables once, compute, lay out, write.

An openpyxl workbook holding the budget tables (the file itself, or the open workbook's
tables copied by `excel.buttons`) gives the budget, each case's expected saving by its
method (Forventet for open years), and the layouts of the sheets "Opfølgning" and
"Kurveberegning". `write_followup` is the file job: it reads the budget file once and
writes a copy with our sheet replaced part by part (`workbook.ooxml`), atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from invest_xl.budget.model import Budget
from invest_xl.errors import InvestXLError
from invest_xl.layout.followup import followup_layout
from invest_xl.layout.model import SheetLayout
from invest_xl.layout.openpyxl_render import rendered_sheet
from invest_xl.savings.cases import (CaseSavings, all_case_savings, expected_amounts_mio_kr,
                                     with_expected_amounts)
from invest_xl.survival.comparisons import CurveGroup, groups_from_points, groups_from_spells
from invest_xl.workbook import contract
from invest_xl.workbook.budget_reader import budget_from_workbook
from invest_xl.workbook.curve_tables import curves_by_case
from invest_xl.workbook.files import open_workbook, open_workbook_and_bytes, save_bytes_atomically
from invest_xl.workbook.ooxml.package import replace_sheet
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


def followup_for_workbook(workbook) -> tuple[Budget, SheetLayout]:
    """(the budget with the computed Forventet amounts added, the follow-up layout)."""
    budget, _, savings = savings_from_workbook(workbook)
    expected = expected_amounts_mio_kr(budget, savings)
    return with_expected_amounts(budget, expected), followup_layout(budget, expected)


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


def write_followup(budget_path: str | os.PathLike, output_path: str | os.PathLike):
    """Read the budget workbook, add the follow-up sheet, save a copy atomically.

    Cases whose Metode is kurver or fte get their computed expected saving in the
    Forventet column of open years. Returns (budget with those computed figures added
    as Forventet amounts, layout, written path). The input file is never modified.
    """
    budget_path, output_path = Path(budget_path), Path(output_path)
    if output_path.suffix.lower() != budget_path.suffix.lower() and not output_path.is_dir():
        # The package keeps the input's kind (with or without macros): Excel refuses to
        # open an .xlsm package saved as .xlsx, and the other way round.
        raise InvestXLError(f"Uddata skal have samme filtype som inddata ({budget_path.suffix}), "
                            f"ellers kan Excel ikke åbne den; skriv fx "
                            f"{output_path.with_suffix(budget_path.suffix).name}")
    workbook, original = open_workbook_and_bytes(budget_path)
    budget, layout = followup_for_workbook(workbook)
    check_openpyxl_sheet(workbook, layout.name)
    package = replace_sheet(original, rendered_sheet(layout), layout.name)
    written = save_bytes_atomically(package, output_path, source=budget_path)
    return budget, layout, written
