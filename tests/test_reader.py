"""Reading the budget workbook: the sample, and variants a municipality would make of it."""

import openpyxl
import pytest

from invest_xl.workbook import contract
from invest_xl.budget.model import BUDGET, INVESTMENT, SAVING
from invest_xl.workbook.budget_writer import add_table, budget_workbook, settings_rows
from invest_xl.errors import InvestXLError
from invest_xl.workbook.budget_reader import budget_from_workbook, read_budget
from invest_xl.sample.budget import sample_budget
from invest_xl.workbook.tables import TableSchema


def _reading(workbook):
    return budget_from_workbook(workbook)


def test_sample_workbook_reads_back_as_the_sample(sample_path):
    budget = read_budget(sample_path)
    expected = sample_budget()
    assert budget.cases == expected.cases
    assert sorted(budget.amounts, key=repr) == sorted(expected.amounts, key=repr)
    assert budget.settings == expected.settings
    assert budget.years == [2020, 2021, 2022, 2023]


def test_shipped_sample_equals_what_the_build_script_makes(shipped_sample):
    shipped = read_budget(shipped_sample)
    assert shipped.cases == sample_budget().cases
    assert set(shipped.amounts) == set(sample_budget().amounts)


def _rows_for(schema: TableSchema, budget):
    if schema is contract.CASES:
        return [[c.number, c.name, c.target_group_fte, c.intervention_group_fte, None, None, c.note]
                for c in budget.cases]
    if schema is contract.AMOUNTS:
        return [[a.case, a.year, a.kind, a.status, a.mio_kr] for a in budget.amounts]
    return settings_rows(budget)


def test_tables_moved_to_other_sheets_and_cells_are_found():
    budget = sample_budget()
    workbook = openpyxl.Workbook()
    workbook.active.title = "Forside"
    workbook.active["A1"] = "Budget 2020-2023"
    other = workbook.create_sheet("Data")
    add_table(other, contract.AMOUNTS, _rows_for(contract.AMOUNTS, budget), top_left=(7, 5))
    add_table(other, contract.CASES, _rows_for(contract.CASES, budget), top_left=(3, 12))
    add_table(workbook.active, contract.SETTINGS, settings_rows(budget), top_left=(20, 2))
    add_table(other, contract.BOOKED, [[2023, "-9"], [2021, -4], [2022, "-7,0"], [2020, "-"]], top_left=(40, 1))
    assert _reading(workbook) == budget_from_workbook(budget_workbook(budget))


def _reordered(schema: TableSchema, order: list[str], extra: str) -> TableSchema:
    by_header = {c.header: c for c in schema.columns}
    from invest_xl.workbook.tables import Column
    columns = [by_header[h] for h in order] + [Column("extra", extra, str, required=False)]
    return TableSchema(schema.name, tuple(columns), sheet=schema.sheet)


def test_reordered_and_extra_columns_numbers_as_text_and_blank_rows_are_tolerated():
    budget = sample_budget()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    order = ["Beløb", "Status", "Sag", "Art", "År"]
    schema = _reordered(contract.AMOUNTS, order, "Bemærkning")
    rows = []
    for a in budget.amounts:
        values = {"Sag": a.case, "År": str(a.year), "Art": a.kind.upper(), "Status": a.status,
                  "Beløb": f"{a.mio_kr:.3f}".replace(".", ",")}
        rows.append([values[h] for h in order] + ["note"])
        if a.case == 2 and a.year == 2021:
            rows.append([None] * 6)
    add_table(sheet, schema, rows, top_left=(2, 2))
    add_table(workbook.create_sheet("S"), contract.CASES, _rows_for(contract.CASES, budget))
    add_table(workbook.create_sheet("I"), contract.SETTINGS, settings_rows(budget))
    read = _reading(workbook)
    assert read.amount(1, 2020, INVESTMENT, BUDGET) == 3.079
    assert read.amount(5, 2023, SAVING, BUDGET) == -0.674
    assert set(read.amounts) == set(budget.amounts)


def _sample_with(edit) -> openpyxl.Workbook:
    workbook = budget_workbook(sample_budget())
    edit(workbook)
    return workbook


def _message(workbook) -> str:
    with pytest.raises(InvestXLError) as error:
        _reading(workbook)
    return error.value.message


def test_a_missing_table_is_named_with_how_to_add_it():
    def drop(workbook):
        del workbook["Sager"].tables["Sager"]
    assert _message(_sample_with(drop)) == (
        "Projektmappen har ingen tabel med navnet 'Sager'. Opret den som en Excel-tabel "
        "(Indsæt > Tabel) med kolonnerne: Nr, Navn, Målgruppe, Indsatsgruppe, Metode, Forsigtighed, Bemærkning.")


def test_a_missing_column_is_named():
    def rename(workbook):
        workbook["Beløb"]["E1"] = "Beløb i kr"
    assert _message(_sample_with(rename)) == "Tabellen 'Beloeb' (ark 'Beløb') mangler kolonnen 'Beløb'."


def test_text_in_a_number_cell_names_table_row_and_column():
    def spoil(workbook):
        workbook["Beløb"]["E5"] = "tre komma nul"
    assert _message(_sample_with(spoil)) == (
        "Tabellen 'Beloeb' (ark 'Beløb', række 5): kolonnen 'Beløb': 'tre komma nul' er ikke et tal.")


def test_an_unknown_kind_is_refused_with_the_allowed_words():
    def spoil(workbook):
        workbook["Beløb"]["C3"] = "gevinst"
    assert _message(_sample_with(spoil)) == (
        "Tabellen 'Beloeb' (ark 'Beløb', række 3): kolonnen 'Art': 'gevinst' er ikke en af "
        "investering / besparelse / i alt.")


def test_an_amount_for_an_unknown_case_is_refused():
    def spoil(workbook):
        workbook["Beløb"]["A4"] = 9
    assert _message(_sample_with(spoil)) == (
        "Tabellen 'Beloeb' (ark 'Beløb', række 4): sag nr. 9 findes ikke i tabellen 'Sager'.")


def test_duplicate_case_numbers_are_refused():
    def spoil(workbook):
        workbook["Sager"]["A3"] = 1
    assert _message(_sample_with(spoil)) == (
        "Tabellen 'Sager' (ark 'Sager', række 3): sag nr. 1 findes også i række 2.")


def test_unit_in_thousand_kroner_is_converted_to_mio_kr():
    def thousands(workbook):
        sheet = workbook["Beløb"]
        for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
            cell.value = cell.value * 1000
        workbook["Indstillinger"]["B3"] = "1.000 kr."
    budget = _reading(_sample_with(thousands))
    assert budget.amount(1, 2020, INVESTMENT, BUDGET) == pytest.approx(3.079, abs=1e-12)


def test_sample_workbook_holds_the_synthetic_spells_marked_as_synthetic(sample_path):
    from invest_xl.survival.kaplan_meier import spell_curves
    from invest_xl.survival.spells import read_spells
    from conftest import REPO

    from_workbook = spell_curves(read_spells(sample_path), "2020-12-31")
    from_csv = spell_curves(read_spells(REPO / "xlsx" / "sample_spells.csv"), "2020-12-31")
    assert [c.label for c in from_workbook] == [c.label for c in from_csv]
    for ours, theirs in zip(from_workbook, from_csv):
        weeks = list(range(0, 53))
        assert list(ours.survival_at(weeks)) == list(theirs.survival_at(weeks))
    sheet = openpyxl.load_workbook(sample_path)["Forløb (syntetisk)"]
    assert sheet["A1"].value.startswith("SYNTETISKE DATA")


def _with_a_formula_in_the_first_amount(sample_path, tmp_path, saved_value: bool):
    """The sample with Beløb!E2 (3,079) as the formula =1,5+1,579, saved as Excel saves it
    (the formula and its value) or as a program that does not calculate saves it."""
    import re
    import zipfile

    changed = tmp_path / "med_formel.xlsx"
    with zipfile.ZipFile(sample_path) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                value = "<v>3.079</v>" if saved_value else ""
                data, count = re.subn(rb'<c r="E2"( s="\d+")? t="n"><v>3.079</v></c>',
                                      rb'<c r="E2"\1><f>1.5+1.579</f>' + value.encode() + b"</c>", data)
                assert count == 1
            target.writestr(info, data)
    return changed


def test_a_formula_in_a_table_is_read_as_the_value_excel_saved_with_it(sample_path, tmp_path):
    budget = read_budget(_with_a_formula_in_the_first_amount(sample_path, tmp_path, saved_value=True))
    assert budget.amount(1, 2020, INVESTMENT, BUDGET) == pytest.approx(3.079)


def test_a_formula_saved_without_its_value_is_reported(long_sample_path, tmp_path):
    with pytest.raises(InvestXLError) as error:
        read_budget(_with_a_formula_in_the_first_amount(long_sample_path, tmp_path, saved_value=False))
    assert error.value.message == (
        "Tabellen 'Beloeb' (ark 'Beløb', række 2): kolonnen 'Beløb' har en formel, men filen er "
        "gemt uden formlens værdi; åbn den i Excel, gem den, og prøv igen.")


def test_a_stated_total_off_by_1000_kr_is_reported_when_the_figures_are_in_kroner():
    # in mio. kr. with three decimals 0,0015 is rounding; figures in whole kroner are
    # exact, so a total 1.000 kr. beside its parts (3.079.000 - 2.703.000 = 376.000) is a mismatch
    from invest_xl.budget.model import Amount, Budget, STATED_TOTAL
    from invest_xl.budget.checks import stated_total_mismatches

    sample = sample_budget()
    key = (1, 2020, STATED_TOTAL, BUDGET)
    budget = Budget(sample.cases, tuple(a for a in sample.amounts
                                        if (a.case, a.year, a.kind, a.status) != key)
                    + (Amount(*key, 0.377),), sample.settings)

    def kroner(workbook):
        for (cell,) in workbook["Beløb"].iter_rows(min_row=2, min_col=5, max_col=5):
            cell.value = round(cell.value * 1_000_000)
        workbook["Indstillinger"]["B3"] = "kr."
    in_kroner = budget_from_workbook(_sample_with_budget(budget, kroner))
    assert [(m.case, m.year, round(m.difference * 1_000_000)) for m in stated_total_mismatches(in_kroner)] \
        == [(1, 2020, -1000)]
    # the same figures in mio. kr. (0,376 against 0,377) are rounding, as before
    assert stated_total_mismatches(budget) == []


def _sample_with_budget(budget, edit) -> openpyxl.Workbook:
    workbook = budget_workbook(budget)
    edit(workbook)
    return workbook


def test_a_table_with_excels_total_row_is_read_without_it(long_sample_path, tmp_path):
    workbook = openpyxl.load_workbook(long_sample_path)
    sheet = workbook["Beløb"]
    table = sheet.tables["Beloeb"]
    last = sheet.max_row + 1
    sheet[f"A{last}"], sheet[f"E{last}"] = "I alt", "=SUBTOTAL(109,Beloeb[Beløb])"
    table.ref, table.totalsRowCount = f"A1:E{last}", 1
    with_total = tmp_path / "med_totalraekke.xlsx"
    workbook.save(with_total)
    assert read_budget(with_total).amounts == read_budget(long_sample_path).amounts
