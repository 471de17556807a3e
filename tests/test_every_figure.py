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

from invest_xl import labels
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
    layout = followup_layout(budget)
    grid = layout.grid()
    header = next(row for row in grid if row[1] == "Budget")
    assert header[1:5] == ["Budget", "Realiseret", "Budget", "Forventet"]
    total = layout.anchors["case1_followup_2020"]  # the case's I alt row; investment two above
    investment = next(c for c in layout.cells if c.address == f"{total[0]}{int(total[1:]) - 2}")
    assert investment.value == 2.5
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


# 7. Size and signature first; the zip bound on what is read

LIMITED_READ = [sys.executable, "-c",
                "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
                "from invest_xl.workbook.budget_reader import read_budget; from invest_xl.errors "
                "import InvestXLError\ntry:\n    read_budget(sys.argv[1])\nexcept InvestXLError as e:\n"
                "    print(e.message)"]


@pytest.mark.parametrize("head, message", [
    (b"%PDF", "stor.xlsx kan ikke læses som en Excel-projektmappe (filen er beskadiget eller ikke en "
              ".xlsx/.xlsm-fil)"),
    (b"PK\x03\x04", "stor.xlsx afvises: filen fylder 2048 MB, mere end en budgetprojektmappe (højst 512 MB)")])
def test_a_2_gb_file_is_refused_without_being_read(tmp_path, head, message):
    big = tmp_path / "stor.xlsx"
    with big.open("wb") as stream:  # sparse: 2 GB on paper, a few bytes on disk
        stream.write(head)
        stream.truncate(2 * 1024 ** 3)
    result = subprocess.run(LIMITED_READ + [str(big)], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, message, "")


def test_a_large_data_sheet_without_tables_does_not_count_against_the_bound(tmp_path, monkeypatch):
    workbook = budget_workbook(SMALL)
    data = workbook.create_sheet("Data")
    for row in range(1, 3001):
        data.append([row, f"person {row * 7919 % 100003}", row * 0.37])
    path = _saved(workbook, tmp_path / "budget.xlsx")
    sizes = {i.filename: i.file_size for i in zipfile.ZipFile(path).infolist()}
    data_part = "xl/worksheets/sheet4.xml"
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", sum(sizes.values()) - sizes[data_part] // 2)
    assert read_budget(path) == SMALL
    workbook.remove(data)  # the same data, now beside a table: read, and so bounded
    for row in range(1, 3001):
        for column, value in enumerate([row, f"person {row * 7919 % 100003}", row * 0.37], start=8):
            workbook["Beløb"].cell(row + 20, column, value)
    moved = _saved(workbook, tmp_path / "moved.xlsx")
    assert _refusal(moved).startswith("moved.xlsx afvises: den fylder ")


# 8. Overflow and odd names: exit 2, a message, valid JSON

def test_a_prudence_share_too_small_to_mean_anything_is_refused(tmp_path, capsys):
    workbook = budget_workbook(SMALL)
    workbook["Indstillinger"]["B5"] = 1e-310
    path = _saved(workbook, tmp_path / "budget.xlsx")
    assert main(["savings", str(path), "--json"]) == 2
    assert capsys.readouterr().err == (
        "Fejl: Tabellen 'Indstillinger' (ark 'Indstillinger', række 5): indstillingen 'Forsigtighed': "
        "1e-310 er urimeligt lille; skriv 0 eller et større tal.\n")


def test_savings_json_is_valid_json_for_every_case_of_the_sample(capsys):
    assert main(["savings", "--json"]) == 0

    def refuse(constant):
        raise ValueError(constant)
    json.loads(capsys.readouterr().out, parse_constant=refuse)


def test_an_output_name_too_long_for_the_file_system_is_exit_2(tmp_path, capsys):
    budget = _saved(budget_workbook(SMALL), tmp_path / "budget.xlsx")
    assert main(["followup", str(budget), "-o", str(tmp_path / ("o" * 300 + ".xlsx"))]) == 2
    assert capsys.readouterr().err == (f"Fejl: {'o' * 60} kan ikke skrives: filnavnet er for langt; "
                                       "vælg et kortere navn med -o\n")


def test_stdout_on_a_full_disk_is_exit_2():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "invest_xl.cli", "savings", "--json"],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (
        2, "Fejl: udskriften kan ikke skrives: der er ikke plads på drevet.\n")


# 10. Messages that name the cause and the remedy

def test_an_encrypted_workbook_is_called_encrypted(tmp_path):
    locked = tmp_path / "budget.xlsx"
    locked.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4096)  # how Excel saves one
    assert _refusal(locked) == (
        "budget.xlsx er beskyttet med adgangskode (krypteret) eller gemt i det gamle .xls-format; "
        "fjern adgangskoden i Excel (Filer > Oplysninger > Beskyt projektmappe > Krypter med "
        "adgangskode) eller gem den som .xlsx, og prøv igen")


def test_a_renamed_xlsb_is_called_a_binary_workbook(tmp_path):
    renamed = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(renamed, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert _refusal(renamed) == (
        "budget.xlsx er en binær projektmappe (.xlsb), selv om navnet siger andet; gem den i Excel "
        "som .xlsx eller .xlsm (Filer > Gem som), og prøv igen")


def test_two_tables_of_one_name_are_named(tmp_path):
    path = _saved(budget_workbook(SMALL), tmp_path / "budget.xlsx")
    _patched(path, "xl/tables/table3.xml", b'name="Indstillinger" displayName="Indstillinger"',
             b'name="Beloeb" displayName="Beloeb"')
    assert _refusal(path) == ("budget.xlsx har to tabeller med navnet 'Beloeb', hvad Excel ikke "
                              "tillader; omdøb den ene (Tabeldesign > Tabelnavn), gem og prøv igen")


def test_a_malformed_table_ref_is_exit_2(tmp_path, capsys):
    path = _with_ref(_saved(budget_workbook(SMALL), tmp_path / "budget.xlsx"), "A1:E")
    assert main(["followup", str(path), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert capsys.readouterr().err == (
        "Fejl: Tabellen 'Beloeb' (ark 'Beløb') har et ugyldigt område 'A1:E'; åbn filen i Excel, ret "
        "tabellens område (Tabeldesign > Tilpas tabelstørrelse), gem og prøv igen.\n")


# 14, 15. Modes, stale temporaries, symbolic links

def test_a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(tmp_path):
    old = os.umask(0o002)
    try:
        new = save_bytes_atomically(b"first", tmp_path / "new.xlsx")
        assert oct(os.stat(new).st_mode & 0o777) == oct(0o664)
        shared = tmp_path / "shared.xlsx"
        shared.write_bytes(b"a colleague's")
        os.chmod(shared, 0o660)
        save_bytes_atomically(b"regenerated", shared)
        assert (oct(os.stat(shared).st_mode & 0o777), shared.read_bytes()) == (oct(0o660), b"regenerated")
    finally:
        os.umask(old)


def test_a_stale_temporary_of_a_killed_run_is_removed_and_a_live_one_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f".~invest-xl-{dead}-abc123.xlsx"
    live = tmp_path / f".~invest-xl-{os.getpid()}-def456.xlsx"
    fresh = tmp_path / f".~invest-xl-{dead}-ghi789.xlsx"
    legacy = tmp_path / ".~invest-xl-jkl012.xlsx"  # written before the name carried the process
    theirs = tmp_path / ".~other-tool.xlsx"
    for path in (stale, live, fresh, legacy, theirs):
        path.write_bytes(b"half")
    an_hour_ago = time.time() - 3600
    for path in (stale, live, legacy, theirs):
        os.utime(path, (an_hour_ago, an_hour_ago))
    save_bytes_atomically(b"new", tmp_path / "o.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, fresh.name, theirs.name, "o.xlsx"])
    assert remove_stale_temporaries(tmp_path) == []


def test_a_symbolic_link_as_output_is_written_through(tmp_path):
    real = tmp_path / "delt" / "opfoelgning.xlsx"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "genvej.xlsx"
    link.symlink_to(real)
    assert save_bytes_atomically(b"new", link) == link
    assert link.is_symlink() and real.read_bytes() == b"new"


# 5. A sheet of the user's named like ours is never replaced

FOREIGN = ("Fejl: Projektmappen har allerede et ark '{sheet}', som invest-xl ikke har skrevet, og det "
           "erstattes ikke. Omdøb dit ark (højreklik på fanen > Omdøb, fx til '{sheet} (eget)'), og "
           "kør igen; så skriver invest-xl et nyt ark '{sheet}'.\n")


@pytest.mark.parametrize("title", ["Opfølgning", "OPFØLGNING", "opfølgning"])
def test_a_users_own_sheet_named_opfoelgning_is_not_replaced(tmp_path, capsys, title):
    workbook = budget_workbook(SMALL)
    workbook.create_sheet(title)["A1"] = "Mine egne noter"
    source = _saved(workbook, tmp_path / "budget.xlsx")
    assert main(["followup", str(source), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert capsys.readouterr().err == FOREIGN.format(sheet=title)
    assert not (tmp_path / "o.xlsx").exists()


def test_our_sheet_carries_its_mark_and_is_replaced_again(tmp_path):
    source = _saved(budget_workbook(SMALL), tmp_path / "budget.xlsx")
    assert main(["followup", str(source), "-o", str(tmp_path / "o.xlsx")]) == 0
    first = openpyxl.load_workbook(tmp_path / "o.xlsx")
    assert first.defined_names["InvestXL_opfoelgning"].attr_text == "'Opfølgning'!$A$1"
    assert main(["followup", str(tmp_path / "o.xlsx"), "-o", str(tmp_path / "o2.xlsx")]) == 0
    again = openpyxl.load_workbook(tmp_path / "o2.xlsx")
    assert again.sheetnames.count("Opfølgning") == 1
    # the follow-up and its hidden data sheet (read back by --previous) are both ours
    assert [n for n in again.defined_names if n.startswith("InvestXL_")] == [
        "InvestXL_opfoelgning", "InvestXL_opfoelgningsdata"]


def test_a_followup_written_before_the_mark_is_recognised_by_its_title(tmp_path):
    workbook = budget_workbook(SMALL)
    workbook.create_sheet("Opfølgning")["A1"] = "Opfølgning på investeringscase: Koordineret indsats"
    source = _saved(workbook, tmp_path / "budget.xlsx")
    assert main(["followup", str(source), "-o", str(tmp_path / "o.xlsx")]) == 0
    written = openpyxl.load_workbook(tmp_path / "o.xlsx")
    assert written["Opfølgning"]["A1"].value.startswith(labels.SHEET_TITLE)
    assert "InvestXL_opfoelgning" in written.defined_names


def test_a_mark_pointing_at_another_sheet_does_not_make_a_users_sheet_ours(tmp_path, capsys):
    from openpyxl.workbook.defined_name import DefinedName

    workbook = budget_workbook(SMALL)
    workbook.create_sheet("Opfølgning")["A1"] = "Mine egne noter"
    workbook.defined_names["InvestXL_opfoelgning"] = DefinedName(
        "InvestXL_opfoelgning", attr_text="'Opfølgning (gammel)'!$A$1")  # ours, renamed by the user
    source = _saved(workbook, tmp_path / "budget.xlsx")
    assert main(["followup", str(source), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert capsys.readouterr().err == FOREIGN.format(sheet="Opfølgning")
