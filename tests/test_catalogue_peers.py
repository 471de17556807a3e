"""The command, the sheet (through LibreOffice) and the statistics give the same peer figures."""

import json

import openpyxl
import pytest

from invest_xl.catalogue import load_catalogue
from invest_xl.catalogue.sheet import CASES_SHEET, HEADER_ROW, PEERS_SHEET, TABLE_NAME, add_catalogue_sheets
from invest_xl.cli import main
from spreadsheet import recalculate, soffice


def test_peers_json_is_the_shipped_groups(capsys):
    assert main(["peers", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["groups"] == load_catalogue()["groups"]


def test_peers_for_one_group_prints_its_cases_and_statistics(capsys):
    assert main(["peers", "--group", "Sygedagpenge"]) == 0
    out = capsys.readouterr().out
    groups = load_catalogue()["groups"]
    assert out.startswith("sygedagpenge: Sygedagpengemodtagere (16 cases)")
    # median investment of the 11 sygedagpenge cases with a total: 3,5 mio. kr. (Horsens)
    assert groups["sygedagpenge"]["indicators"]["investering"]["median"] == 3.5
    assert "Investering i alt (mio. kr.)                          11     3,500" in out
    assert "Faaborg-Midtfyn" in out and "Vordingborg" in out


def test_peers_unknown_group_exits_2_in_danish(capsys):
    assert main(["peers", "--group", "skat"]) == 2
    assert "kategorien 'skat' kendes ikke" in capsys.readouterr().err


@pytest.fixture(scope="module")
def catalogue_workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("katalog") / "katalog.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Forside"
    add_catalogue_sheets(workbook)
    workbook.save(path)
    return path


def test_the_catalogue_sheet_is_a_filtered_table_with_each_source_beside_its_figure(catalogue_workbook):
    sheet = openpyxl.load_workbook(catalogue_workbook)[CASES_SHEET]
    assert TABLE_NAME in sheet.tables and sheet.tables[TABLE_NAME].ref == f"A{HEADER_ROW}:T{HEADER_ROW + 87}"
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert headers.index("Kilde: investering") == headers.index("Investering, høj") + 1
    assert headers.index("Kilde: effekt") == headers.index("Brutto/netto") + 1
    first = [c.value for c in sheet[HEADER_ROW + 1]]
    assert first[:2] == [1, "Brønderslev"] and first[5] == 7.5
    assert first[8] == "Investeringen forventes at være på 7,5 mio.kr."


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_sheet_and_recomputes_the_same_counts_and_medians(catalogue_workbook, tmp_path):
    recalculated = openpyxl.load_workbook(recalculate(catalogue_workbook, tmp_path), data_only=True)
    rows = list(recalculated[PEERS_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    groups = load_catalogue()["groups"]
    expected = [(name, stat) for name, group in groups.items() for stat in group["indicators"].values()]
    assert len(rows) == len(expected)
    for row, (name, stat) in zip(rows, expected):
        assert row[0] == name and row[2] == stat["count"]
        if stat["median"] is None:
            assert row[3] is None
        else:
            assert row[3] == pytest.approx(stat["median"], abs=1e-6)  # stored to 6 decimals
            assert row[4] == pytest.approx(stat["q1"]) and row[5] == pytest.approx(stat["q3"])


def test_followup_with_catalogue_adds_both_sheets(sample_path, tmp_path, capsys):
    out = tmp_path / "opf.xlsx"
    assert main(["followup", str(sample_path), "-o", str(out), "--catalogue"]) == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[-4:] == ["Opfølgning", "Opfølgningsdata", CASES_SHEET, PEERS_SHEET]
    assert workbook[CASES_SHEET].tables[TABLE_NAME].ref == f"A{HEADER_ROW}:T{HEADER_ROW + 87}"
    assert workbook[CASES_SHEET].cell(HEADER_ROW + 87, 2).value == "Aarhus"
