"""Issue 11: every figure accounted for, no wrong table, files written as a colleague expects.

Each test pins one behaviour with its exact message; the small budget of the bad-input
catalogue (tests/test_bad_input_budget.py) is the starting point.
"""

import io
import json
import os
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from invest_xl.budget.model import Amount, Budget, Case
from invest_xl.budget.portfolio import followup_totals
from invest_xl.cli import main
from invest_xl.errors import InvestXLError
from invest_xl.layout.followup import followup_layout
from invest_xl.workbook import files
from invest_xl.workbook.budget_reader import budget_from_workbook, read_budget
from invest_xl.workbook.budget_writer import budget_workbook
from invest_xl.workbook.files import remove_stale_temporaries, save_bytes_atomically

from test_bad_input_budget import SMALL


def _saved(workbook, path):
    workbook.save(path)
    return path


def _patched(path, part, old: bytes, new: bytes):
    """Rewrite one part of a saved workbook (what openpyxl cannot write, Excel can)."""
    data = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(data) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == part:
                assert old in content, content[:500]
                content = content.replace(old, new)
            out.writestr(item, content)
    return path


def _refusal(path) -> str:
    with pytest.raises(InvestXLError) as error:
        read_budget(path)
    return error.value.message


# 1. Realiseret rows and Lukkede år

def test_realiseret_rows_close_their_year_when_lukkede_aar_is_empty():
    workbook = budget_workbook(SMALL)
    workbook["Beløb"]["D2"] = "Realiseret"  # case 1, 2020, investering, 3,079
    workbook["Beløb"]["E2"] = 2.5
    budget = budget_from_workbook(workbook)
    assert budget.settings.closed_years == {2020}
    grid = followup_layout(budget).grid()
    assert grid[2][1:5] == ["Budget", "Realiseret", "Budget", "Forventet"]
    assert grid[3][2] == 2.5
    # the realized 2,5 is in the period's net: 2,5 (realized) + nothing else realized in 2020
    assert followup_totals(budget).investment[0] == pytest.approx(2.5)


def test_lukkede_aar_given_keeps_its_years_when_every_realiseret_row_is_in_them():
    workbook = budget_workbook(SMALL)
    workbook["Beløb"]["D2"] = "Realiseret"
    workbook["Indstillinger"]["B6"] = "2020, 2021"
    assert budget_from_workbook(workbook).settings.closed_years == {2020, 2021}


# 9. A formula whose saved value is the empty text

def test_a_formula_saved_with_an_empty_text_result_is_a_blank_cell(tmp_path):
    workbook = budget_workbook(SMALL)
    workbook["Sager"]["C2"] = '=IF(1,"",300)'
    path = _saved(workbook, tmp_path / "budget.xlsx")
    _patched(path, "xl/worksheets/sheet1.xml", b'<c r="C2"><f>IF(1,"",300)</f><v /></c>',
             b'<c r="C2" t="str"><f>IF(1,"",300)</f><v></v></c>')
    budget = read_budget(path)
    assert budget.cases[0].target_group_fte is None
    assert budget.cases[1].target_group_fte == 534


# 11. Case names that Excel tells apart

@pytest.mark.parametrize("first, second", [("Indsats 🎯", "Indsats"), ("Indsats", "Indsats!"),
                                           ("\u0391\u0392", "\u0410\u0412")])  # Greek and Cyrillic
def test_case_names_that_excel_tells_apart_are_two_cases(first, second):
    budget = Budget((Case(1, first), Case(2, second)), SMALL.amounts, SMALL.settings)
    assert [c.name for c in budget_from_workbook(budget_workbook(budget)).cases] == [first, second]


# 13. The words municipalities print for the realized and expected figures

@pytest.mark.parametrize("word, status", [("Resultat", "Realiseret"), ("resultat", "Realiseret"),
                                          ("Forventet resultat", "Forventet")])
def test_resultat_and_forventet_resultat_are_statuses(word, status):
    workbook = budget_workbook(SMALL)
    workbook["Beløb"]["D2"] = word
    workbook["Indstillinger"]["B6"] = "2020" if status == "Realiseret" else ""
    if status == "Forventet":
        workbook["Beløb"]["B2"] = 2022
    amounts = budget_from_workbook(workbook).amounts
    assert amounts[0] == Amount(1, 2022 if status == "Forventet" else 2020, "investering", status, 3.079)


# 6. A table over the whole sheet with one stray cell

STRAY_COMMAND = [sys.executable, "-c",
                 "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
                 "from invest_xl.cli import main; sys.exit(main(sys.argv[1:]))"]


def _with_ref(path, ref):
    """The amounts table claiming `ref` (openpyxl cannot save such a table; Excel can)."""
    return _patched(path, "xl/tables/table2.xml", b'ref="A1:E9" headerRowCount="1"',
                    f'ref="{ref}" headerRowCount="1"'.encode())


def test_a_stray_cell_at_the_bottom_of_a_million_row_table_is_one_named_row(tmp_path):
    workbook = budget_workbook(SMALL)
    workbook["Beløb"]["E1048576"] = "x"
    path = _with_ref(_saved(workbook, tmp_path / "budget.xlsx"), "A1:E1048576")
    result = subprocess.run(STRAY_COMMAND + ["followup", str(path), "-o", str(tmp_path / "o.xlsx")],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (
        2, "Fejl: Tabellen 'Beloeb' (ark 'Beløb', række 1048576): kolonnen 'Sag' er tom.\n")


def test_a_table_over_the_whole_sheet_reads_its_headed_columns_only(tmp_path):
    workbook = budget_workbook(SMALL)
    workbook["Beløb"]["XFD1048576"] = "x"  # right of the last header: no schema reads it
    path = _with_ref(_saved(workbook, tmp_path / "budget.xlsx"), "A1:XFD1048576")
    result = subprocess.run(STRAY_COMMAND + ["followup", str(path), "-o", str(tmp_path / "o.xlsx"),
                                             "--json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["budget"]["investment_mio_kr"][0] == pytest.approx(3.079 + 0.25)
