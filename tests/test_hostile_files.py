"""Crafted, damaged and foreign files are refused quickly, in bounded memory, with a message."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from invest_xl.cli import main
from invest_xl.errors import InvestXLError
from invest_xl.workbook.files import open_workbook
from invest_xl.workbook.budget_reader import read_budget

ENTITIES = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                       for i in range(1, 10))
            + b"]>")


def _rewrite(source: Path, target: Path, edit) -> Path:
    """Copy a workbook part by part, letting `edit(name, data)` change a part's bytes."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            out.writestr(item, edit(item.filename, original.read(item.filename)))
    return target


def _refusal(path: Path) -> str:
    with pytest.raises(InvestXLError) as error:
        read_budget(path)
    return error.value.message


def test_nested_xml_entities_are_refused(sample_path, tmp_path):
    def entities(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return ENTITIES + data.replace(b"<sheetData>", b"<sheetData><row r=\"99\"><c r=\"A99\" "
                                                         b"t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>", 1)
        return data
    crafted = _rewrite(sample_path, tmp_path / "laughs.xlsx", entities)
    assert _refusal(crafted) == ("laughs.xlsx afvises: den indeholder XML-konstruktioner, som en "
                                 "projektmappe ikke bruger (mulig angrebsfil)")


def test_a_zip_bomb_is_refused_before_unpacking(sample_path, tmp_path):
    def bomb(name, data):
        if name == "xl/worksheets/sheet2.xml":
            return data.replace(b"</worksheet>", b"<!--" + b" " * 110_000_000 + b"--></worksheet>")
        return data
    crafted = _rewrite(sample_path, tmp_path / "bomb.xlsx", bomb)
    assert crafted.stat().st_size < 1_000_000
    unpacked_mb = sum(i.file_size for i in zipfile.ZipFile(crafted).infolist()) / 1024 / 1024
    assert _refusal(crafted) == (f"bomb.xlsx afvises: den fylder {unpacked_mb:,.0f} MB udpakket, "
                                 "langt mere end en budgetprojektmappe (højst 100 MB; mulig zip-bombe)")


def test_a_table_that_claims_a_million_rows_is_read_by_its_real_rows(long_sample_path, tmp_path):
    def huge(name, data):
        if name == "xl/tables/table2.xml":
            return data.replace(b'ref="A1:E101"', b'ref="A1:E1048576"').replace(
                b'<autoFilter ref="A1:E101"', b'<autoFilter ref="A1:E1048576"')
        return data
    crafted = _rewrite(long_sample_path, tmp_path / "claims.xlsx", huge)
    assert b"E1048576" in zipfile.ZipFile(crafted).read("xl/tables/table2.xml")
    # 60 seed-002 budget figures + 40 illustrative (Realiseret 2020, Forventet 2021-2023)
    assert len(read_budget(crafted).amounts) == 100


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    fake = tmp_path / "budget.xlsx"
    fake.write_bytes(b"%PDF-1.4 not a workbook")
    assert _refusal(fake) == ("budget.xlsx kan ikke læses som en Excel-projektmappe "
                              "(filen er beskadiget eller ikke en .xlsx/.xlsm-fil)")


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    archive = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "hello")
    assert _refusal(archive) == "budget.xlsx er et zip-arkiv, men ikke en Excel-projektmappe"


@pytest.mark.parametrize("keep", [0.3, 0.7, 0.97])
def test_a_truncated_workbook_is_refused(sample_path, tmp_path, keep):
    data = sample_path.read_bytes()
    truncated = tmp_path / "afkortet.xlsx"
    truncated.write_bytes(data[: int(len(data) * keep)])
    message = _refusal(truncated)
    assert message.startswith("afkortet.xlsx kan ikke læses som en Excel-projektmappe")


def test_a_workbook_with_a_damaged_part_is_refused(sample_path, tmp_path):
    crafted = _rewrite(sample_path, tmp_path / "skadet.xlsx",
                       lambda name, data: data[: len(data) // 2] if name == "xl/workbook.xml" else data)
    assert _refusal(crafted).startswith("skadet.xlsx kan ikke læses som en Excel-projektmappe")


def test_other_suffixes_are_refused(tmp_path):
    csv = tmp_path / "budget.csv"
    csv.write_text("a;b")
    assert _refusal(csv) == "budget.csv er ikke en Excel-projektmappe (.xlsx eller .xlsm)"


def test_crafted_files_are_refused_by_the_command_line_in_bounded_time_and_memory(sample_path, tmp_path):
    """A true subprocess with a 5 s limit and a 1 GiB address-space cap: refused, exit 2."""
    def bomb(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return data + b" " * 120_000_000
        return data
    crafted = _rewrite(sample_path, tmp_path / "bomb.xlsx", bomb)
    command = [sys.executable, "-c",
               "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
               "from invest_xl.cli import main; sys.exit(main(sys.argv[1:]))",
               "followup", str(crafted), "-o", str(tmp_path / "o.xlsx")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=5)
    assert result.returncode == 2
    assert result.stderr.startswith("Fejl: bomb.xlsx afvises")
    assert "Traceback" not in result.stderr
