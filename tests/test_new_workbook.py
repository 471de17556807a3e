"""invest-xl new: an empty budget workbook with the contract's tables, validation lists on
every coded column, input cells, a guide, and nothing illustrative; filled in, it is read."""

import json

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from invest_xl.cli import main
from invest_xl.workbook import contract
from invest_xl.workbook.tables import find_table

# the coded columns and the words their lists must offer, written out here (not from the code)
EXPECTED_LISTS = {
    ("Sager", "Metode"): ["budget", "kurver", "fte"],
    ("Beloeb", "Art"): ["investering", "besparelse", "i alt"],
    ("Beloeb", "Status"): ["Budget", "Realiseret", "Forventet"],
    ("Indstillinger", "Indstilling"): ["Prisniveau", "Enhed", "Kilde", "Forsigtighed", "Lukkede år",
                                       "Kommune", "Ord for realiseret", "Ord for forventet"],
    ("Kurveinput", "Refusion"): ["trappe"],
    ("Kurveinput", "Fremskrivning"): ["ingen", "fasthold", "aftag", "model"],
    ("Kurveinput", "Indeks"): ["sats", "pl"],
    ("FteReduktioner", "Indeks"): ["sats", "pl"],
    ("FteOvergange", "Indeks"): ["sats", "pl"],
    ("FteInvesteringer", "Indeks"): ["sats", "pl"],
}
PARSERS = {"Metode": contract.parse_method, "Art": contract.parse_kind, "Status": contract.parse_status,
           "Refusion": contract.parse_refund, "Fremskrivning": contract.parse_extrapolation,
           "Indeks": contract.parse_index_kind}


@pytest.fixture
def new_budget(tmp_path):
    path = tmp_path / "budget_2024-2027.xlsx"
    assert main(["new", str(path), "--years", "2024-2027", "--cases", "3"]) == 0
    return path


def _table_columns(workbook, name):
    sheet, table = find_table(workbook, name)
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    headers = [sheet.cell(min_row, c).value for c in range(min_col, max_col + 1)]
    return sheet, {h: (min_col + i, min_row + 1, max_row) for i, h in enumerate(headers)}


def _list_on(sheet, column, first_row, last_row):
    """The words of the list validation covering every data cell of a column, or None."""
    from openpyxl.utils import get_column_letter

    cells = {f"{get_column_letter(column)}{r}" for r in range(first_row, last_row + 1)}
    for validation in sheet.data_validations.dataValidation:
        covered = {c for rng in validation.sqref.ranges for c in _cells(rng.coord)}
        if validation.type == "list" and cells <= covered:
            return validation.formula1.strip('"').split(","), validation
    return None


def _cells(coord):
    from openpyxl.utils import get_column_letter

    min_col, min_row, max_col, max_row = range_boundaries(coord)
    return {f"{get_column_letter(c)}{r}" for c in range(min_col, max_col + 1) for r in range(min_row, max_row + 1)}


def test_every_coded_column_has_its_validation_list_and_the_words_are_accepted(new_budget):
    workbook = openpyxl.load_workbook(new_budget)
    for (table, header), words in EXPECTED_LISTS.items():
        sheet, columns = _table_columns(workbook, table)
        found = _list_on(sheet, *columns[header])
        assert found is not None, (table, header)
        listed, validation = found
        assert listed == words, (table, header)
        # a list that is an offer (Refusion also takes a share) lets other values in
        assert validation.showErrorMessage == (header not in ("Refusion", "Indstilling"))
        if header in PARSERS:
            for word in listed:
                PARSERS[header](word)  # every listed word is one the reader accepts


def test_tables_are_the_contract_s_with_blank_input_rows_and_nothing_illustrative(new_budget):
    workbook = openpyxl.load_workbook(new_budget)
    assert workbook.sheetnames[0] == "Vejledning"
    assert "Forløb (syntetisk)" not in workbook.sheetnames
    for schema in (contract.CASES, *contract.SAVINGS_TABLES):
        sheet, columns = _table_columns(workbook, schema.name)
        assert list(columns) == schema.headers
        for column, first, last in columns.values():
            assert last >= first  # a few blank rows
            for row in range(first, last + 1):
                cell = sheet.cell(row, column)
                assert cell.value is None and cell.style == "Input"
    sheet, columns = _table_columns(workbook, "Beloeb")
    assert list(columns) == ["Sag", "Art", "Status", "2024", "2025", "2026", "2027"]
    assert columns["Sag"][2] - columns["Sag"][1] + 1 == 3 * 4
    settings_sheet, settings = _table_columns(workbook, "Indstillinger")
    names = {settings_sheet.cell(r, settings["Indstilling"][0]).value:
             settings_sheet.cell(r, settings["Værdi"][0]).value
             for r in range(settings["Indstilling"][1], settings["Indstilling"][2] + 1)}
    assert names == {"Prisniveau": "2024 p/l", "Enhed": "mio. kr.", "Kilde": None, "Forsigtighed": None,
                     "Lukkede år": None, "Kommune": None, "Ord for realiseret": None, "Ord for forventet": None}


def test_filled_in_it_gives_the_followup_of_its_figures(new_budget, tmp_path, capsys):
    workbook = openpyxl.load_workbook(new_budget)
    cases = workbook["Sager"]
    cases["A2"], cases["B2"], cases["C2"], cases["D2"] = 1, "Flere virksomhedskonsulenter", 300, 60
    cases["A3"], cases["B3"] = 2, "Småjob"
    beloeb = workbook["Beløb"]
    rows = [[1, "investering", "Budget", 1.2, 1.2, 1.2, 1.2],
            [1, "besparelse", "Budget", -0.5, -2.0, "-", -3.5],
            [1, "besparelse", "Realiseret", -0.4, None, None, None],
            [2, "investering", "Budget", 0.3, 0.3, None, None]]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            beloeb.cell(r, c, value)
    settings = workbook["Indstillinger"]
    settings["B6"] = "2024"
    workbook.save(new_budget)
    assert main(["followup", str(new_budget), "-o", str(tmp_path / "out.xlsx"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["budget"]["years"] == [2024, 2025, 2026, 2027]
    assert result["budget"]["net_mio_kr"] == pytest.approx([1.2 - 0.5 + 0.3, 1.2 - 2.0 + 0.3, 1.2, 1.2 - 3.5])
    assert result["followup"]["saving_mio_kr"][0] == pytest.approx(-0.4)  # 2024 closed: Realiseret
    assert result["price_level"] == "2024 p/l"
    assert result["notes"] == []  # nothing of the sample in a new workbook
    assert "Opfølgning" in openpyxl.load_workbook(tmp_path / "out.xlsx").sheetnames


def test_new_refuses_an_existing_file_and_bad_years(new_budget, capsys):
    before = new_budget.read_bytes()
    assert main(["new", str(new_budget)]) == 2
    assert "findes allerede" in capsys.readouterr().err
    assert new_budget.read_bytes() == before
    assert main(["new", str(new_budget.with_name("x.xlsx")), "--years", "2027-2024"]) == 2
    assert "--years 2027-2024" in capsys.readouterr().err
    assert main(["new", str(new_budget.with_name("y.xlsx")), "--years", "næste år"]) == 2
    assert "--years skal være" in capsys.readouterr().err
    assert not new_budget.with_name("x.xlsx").exists()


def test_new_xlsm_has_the_buttons_the_vba_and_the_same_tables(tmp_path, capsys):
    import zipfile

    path = tmp_path / "budget.xlsm"
    assert main(["new", str(path), "--years", "2025-2026", "--xlsm"]) == 0
    with zipfile.ZipFile(path) as archive:
        assert "xl/vbaProject.bin" in archive.namelist()
    workbook = openpyxl.load_workbook(path, keep_vba=True)
    assert workbook["xlwings.conf"].sheet_state == "hidden" and "invest-xl" in workbook.sheetnames
    assert [c.value for c in workbook["Beløb"][1]] == ["Sag", "Art", "Status", "2025", "2026"]
    sheet, columns = _table_columns(workbook, "Beloeb")
    assert _list_on(sheet, *columns["Art"])[0] == ["investering", "besparelse", "i alt"]
