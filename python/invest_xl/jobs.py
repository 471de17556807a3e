"""The follow-up, computed once for the command line and the button alike.

An openpyxl workbook holding the budget tables (the file itself, or the open workbook's
tables copied by excel_buttons) gives the budget, each case's expected saving by its
method (Forventet for open years), and the layout of the sheet "Opfølgning".
"""

from __future__ import annotations

from invest_xl.budget.model import Budget
from invest_xl.savings.cases import expected_amounts_mio_kr, savings_from_workbook, with_expected_amounts
from invest_xl.layout.followup import SheetLayout, followup_layout


def followup_for_workbook(workbook) -> tuple[Budget, SheetLayout]:
    """(the budget with the computed Forventet amounts added, the follow-up layout)."""
    budget, _, savings = savings_from_workbook(workbook)
    expected = expected_amounts_mio_kr(budget, savings)
    return with_expected_amounts(budget, expected), followup_layout(budget, expected)
