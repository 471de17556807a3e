"""invest-xl install: an existing workbook gains the VBA project, the buttons, the hidden
xlwings.conf and the missing tables, and keeps every other part byte for byte."""

import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from invest_xl.cli import main
from invest_xl.workbook.budget_writer import add_table
from invest_xl.workbook import contract
from spreadsheet import PROFILE_SETTINGS, recalculate, soffice

# the parts install may extend (and calcChain.xml, which replace_sheet drops for Excel to rebuild)
EXTENDED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
CONTRACT_TABLES = {"Sager", "Beloeb", "Indstillinger", "FteReduktioner", "FteOvergange", "FteInvesteringer",
                   "Kurveinput", "Kurvepunkter", "Tilgang", "Prisindeks", "Fordeling"}


def _by_openpyxl(folder: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Driftsbudget"
    for row in [["Konto", "2024", "2025"], ["5.68.90", 12.5, 13.0], ["5.68.91", 3.25, 3.5]]:
        sheet.append(row)
    path = folder / "openpyxl.xlsx"
    workbook.save(path)
    return path


def _by_libreoffice(folder: Path) -> Path:
    source = folder / "fra_libreoffice.csv"
    source.write_text("Område,Beløb\nJobcenter,1.5\nYdelser,-2.25\n", encoding="utf-8")
    profile = folder / "lo-make"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS)
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", str(folder), str(source)],
                   capture_output=True, timeout=180)
    path = folder / "fra_libreoffice.xlsx"
    assert path.exists()
    return path


def _with_extras(folder: Path) -> Path:
    """A chart, a comment, defined names, a validation of their own, their own Sager table,
    and a sheet named Beløb that is not our table."""
    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = "Tal"
    for row in [["År", "Udgift"], [2024, 10], [2025, 12], [2026, 9]]:
        data.append(row)
    chart = BarChart()
    chart.add_data(Reference(data, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    data.add_chart(chart, "D2")
    data["A1"].comment = Comment("Fra økonomiafdelingen", "Økonomi")
    own = DataValidation(type="list", formula1='"ja,nej"')
    own.add("C2:C4")
    data.add_data_validation(own)
    workbook.defined_names["Udgifter"] = DefinedName("Udgifter", attr_text="Tal!$B$2:$B$4")
    cases = workbook.create_sheet("Sager")
    add_table(cases, contract.CASES, [[1, "Flere virksomhedskonsulenter", 300, 60, "budget", None]])
    notes = workbook.create_sheet("Beløb")
    notes["A1"] = "Vores egne noter om beløb"
    path = folder / "med_ekstra.xlsx"
    workbook.save(path)
    return path


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> its part, from workbook.xml and its relationships."""
    book, rels = parts["xl/workbook.xml"].decode(), parts["xl/_rels/workbook.xml.rels"].decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels)) | \
        {rid: target for target, rid in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)}
    return {name: "xl/" + targets[rid].lstrip("/").removeprefix("xl/")
            for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="(rId\d+)"', book)}


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("make", [_by_openpyxl, _by_libreoffice, _with_extras])
def test_install_keeps_every_original_part_and_adds_vba_buttons_config_and_tables(tmp_path, make, capsys):
    original = make(tmp_path)
    before = _parts(original)
    output = tmp_path / "installed.xlsm"
    assert main(["install", str(original), "-o", str(output)]) == 0
    assert _parts(original) == before  # the input is never modified
    after = _parts(output)
    for name, data in before.items():
        if name in EXTENDED or name == "xl/calcChain.xml":
            continue
        assert after[name] == data, name
    # the VBA project: xlwings' own, related from the workbook, and the workbook macro-enabled
    template = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(template) as archive:
        assert after["xl/vbaProject.bin"] == archive.read("xl/vbaProject.bin")
    assert b"relationships/vbaProject" in after["xl/_rels/workbook.xml.rels"]
    assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in after["[Content_Types].xml"]
    book = after["xl/workbook.xml"].decode()
    assert 'codeName="ThisWorkbook"' in book
    assert re.search(r'<sheet name="xlwings.conf"[^>]*state="hidden"', book)
    # both buttons, on the sheet invest-xl, bound to our macros
    sheets = _sheet_parts(after)
    button_rels = after[sheets["invest-xl"].replace("worksheets/", "worksheets/_rels/") + ".rels"].decode()
    vml = after["xl/drawings/" + re.search(r'Target="\.\./drawings/([^"]+\.vml)"', button_rels)[1]].decode()
    assert re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml) == ["invest_refresh_followup",
                                                                          "invest_refresh_curves"]
    assert "Opdater opfølgning" in vml and "Opdater kurver" in vml
    # openpyxl reads the result: the config, the user's sheets, every contract table once
    workbook = openpyxl.load_workbook(output, keep_vba=True)
    config = {row[0]: row[1] for row in workbook["xlwings.conf"].iter_rows(values_only=True)}
    assert config["UDF Modules"] == "invest_xl_udfs"
    tables = [t for sheet in workbook.worksheets for t in sheet.tables]
    assert sorted(tables) == sorted(CONTRACT_TABLES)
    original_sheets = openpyxl.load_workbook(original).sheetnames
    assert workbook.sheetnames[:len(original_sheets)] == original_sheets
    # LibreOffice opens it
    converted = recalculate(output, tmp_path)
    assert openpyxl.load_workbook(converted).sheetnames == workbook.sheetnames
    if make is _with_extras:
        # their Sager table is kept (not added again); our Beloeb goes beside their sheet Beløb
        assert workbook["Sager"]["B2"].value == "Flere virksomhedskonsulenter"
        assert workbook["Beløb"]["A1"].value == "Vores egne noter om beløb"
        assert "Beloeb" in workbook["Beløb (invest-xl)"].tables
        assert "Udgifter" in workbook.defined_names
        assert workbook["Tal"]["A1"].comment.text == "Fra økonomiafdelingen"
        assert any(name.startswith("xl/charts/chart") for name in after)


def test_installed_workbook_is_read_by_followup_once_filled_in(tmp_path, capsys):
    original = _with_extras(tmp_path)
    output = tmp_path / "installed.xlsm"
    assert main(["install", str(original), "-o", str(output)]) == 0
    workbook = openpyxl.load_workbook(output, keep_vba=True)
    amounts = workbook["Beløb (invest-xl)"]
    for column, value in enumerate([1, 2024, "investering", "Budget", 1.5], start=1):
        amounts.cell(2, column, value)
    workbook.save(output)
    assert main(["followup", str(output), "-o", str(tmp_path / "out.xlsm"), "--json"]) == 0
    assert '"net_mio_kr": [\n      1.5\n    ]' in capsys.readouterr().out


def test_a_workbook_with_its_own_vba_is_refused_and_an_xlsx_output_too(tmp_path, capsys):
    shipped = Path(__file__).resolve().parents[1] / "xlsx" / "budget_2020-2023.xlsm"
    assert main(["install", str(shipped), "-o", str(tmp_path / "x.xlsm")]) == 2
    assert "har allerede sine egne makroer (vbaProject.bin)" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsm").exists()
    assert main(["install", str(_by_openpyxl(tmp_path)), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "skal gemmes som .xlsm" in capsys.readouterr().err
