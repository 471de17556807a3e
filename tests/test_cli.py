"""The command line, in-process through main(argv), and a few true subprocess runs."""

import json
import os
import shutil
import subprocess
import sys

import openpyxl
import pytest

from invest_xl.cli import main


def test_followup_json_gives_seed_002_totals(sample_path, tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    assert main(["followup", str(sample_path), "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [round(x, 3) for x in report["budget"]["net_mio_kr"]] == [-1.629, -6.765, -13.358, -18.208]
    assert report["budget"]["years"] == [2020, 2021, 2022, 2023]
    assert report["budget"]["period_net_mio_kr"] == pytest.approx(-39.96)
    assert report["checks"] == []
    assert report["output"] == str(out) and out.exists()


def test_followup_prints_a_table_and_where_it_wrote(sample_path, tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    assert main(["followup", str(sample_path), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2021                 6,712           -13,477          -6,765" in text
    assert "I alt               20,856           -60,816         -39,960" in text
    assert f"Opfølgningen er skrevet til {out}" in text


def test_without_arguments_the_bundled_sample_is_used(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["followup", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [round(x, 3) for x in report["budget"]["net_mio_kr"]] == [-1.629, -6.765, -13.358, -18.208]
    assert (tmp_path / "budget_2020-2023-opfoelgning.xlsx").exists()


def test_a_missing_input_gives_a_message_and_exit_2(tmp_path, capsys):
    assert main(["followup", str(tmp_path / "ingen.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"Fejl: Filen findes ikke: {tmp_path / 'ingen.xlsx'}"


def test_a_file_that_is_not_a_workbook_gives_exit_2(tmp_path, capsys):
    fake = tmp_path / "budget.xlsx"
    fake.write_text("dette er ikke en projektmappe")
    assert main(["followup", str(fake)]) == 2
    assert capsys.readouterr().err.strip() == (
        "Fejl: budget.xlsx kan ikke læses som en Excel-projektmappe "
        "(filen er beskadiget eller ikke en .xlsx/.xlsm-fil)")


def test_the_input_is_never_overwritten(sample_path, capsys):
    before = sample_path.read_bytes()
    assert main(["followup", str(sample_path), "-o", str(sample_path)]) == 2
    assert "Uddata må ikke overskrive inddata" in capsys.readouterr().err
    assert sample_path.read_bytes() == before


def test_a_target_open_in_excel_is_refused(sample_path, tmp_path, capsys):
    out = tmp_path / "rapport.xlsx"
    out.write_bytes(b"old")
    (tmp_path / "~$rapport.xlsx").write_bytes(b"owner")
    assert main(["followup", str(sample_path), "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == "Fejl: rapport.xlsx er åben i Excel; luk den og prøv igen"
    assert out.read_bytes() == b"old"


def test_a_bad_table_is_reported_with_exit_2(long_sample_path, tmp_path, capsys):
    workbook = openpyxl.load_workbook(long_sample_path)
    workbook["Beløb"]["E2"] = "#DIV/0!"
    bad = tmp_path / "bad.xlsx"
    workbook.save(bad)
    assert main(["followup", str(bad), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert capsys.readouterr().err.strip() == (
        "Fejl: Tabellen 'Beloeb' (ark 'Beløb', række 2): kolonnen 'Beløb': fejlværdien #DIV/0!.")


def test_installed_entry_point_runs_and_exits_2_on_bad_input(tmp_path):
    command = shutil.which("invest-xl") or pytest.fail("the invest-xl command is not installed")
    ok = subprocess.run([command, "followup", "-o", str(tmp_path / "o.xlsx"), "--json"],
                        capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["budget"]["years"] == [2020, 2021, 2022, 2023]
    bad = subprocess.run([command, "followup", "nej.xlsx"], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and bad.stderr.startswith("Fejl: Filen findes ikke")


def test_followup_prints_the_second_column_totals_too(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["followup"]) == 0
    text = capsys.readouterr().out
    # the sample's illustrative figures (data file): Realiseret 2020, Forventet 2021-2023;
    # 2020: 2,925 + 1,562 + 0,405 + 0,250 + 1,158 = 6,300 and -2,162 - 0,380 - 1,322 - 0,919 - 1,915 = -6,698
    assert "Forventet/Realiseret:\n" in text
    assert "2020                 6,300            -6,698          -0,398" in text
    # 2021: 3,079 + 1,796 + 0,225 + 0,250 + 0,454 = 5,804 and -4,190 - 1,293 - 3,265 - 2,495 - 0,454 = -11,697
    assert "2021                 5,804           -11,697          -5,893" in text


@pytest.mark.parametrize("budget_suffix, output_name, message", [
    (".xlsm", "opfølgning.xlsx", "Fejl: Uddata skal have samme filtype som inddata (.xlsm), ellers kan "
                                 "Excel ikke åbne den; skriv fx opfølgning.xlsm"),
    (".xlsx", "opfølgning.xlsm", "Fejl: Uddata skal have samme filtype som inddata (.xlsx), ellers kan "
                                 "Excel ikke åbne den; skriv fx opfølgning.xlsx"),
    (".xlsx", "opfølgning.csv", "Fejl: Uddata skal have samme filtype som inddata (.xlsx), ellers kan "
                                "Excel ikke åbne den; skriv fx opfølgning.xlsx"),
    (".xlsx", "opfølgning", "Fejl: Uddata skal have samme filtype som inddata (.xlsx), ellers kan "
                            "Excel ikke åbne den; skriv fx opfølgning.xlsx"),
])
def test_an_output_of_another_file_type_than_the_input_is_refused(
        sample_path, tmp_path, capsys, budget_suffix, output_name, message):
    budget = sample_path.with_suffix(budget_suffix)
    sample_path.rename(budget)
    assert main(["followup", str(budget), "-o", str(tmp_path / output_name)]) == 2
    assert capsys.readouterr().err.strip() == message
    assert not (tmp_path / output_name).exists()


@pytest.mark.parametrize("argv, message", [
    ([], "disse mangler: KOMMANDO"),
    (["followup", "--bogus"], "ukendte argumenter: --bogus"),
    (["fit", "kurve.csv", "--horizon", "abc"], "argument --horizon: 'abc' er ikke et tal"),
    (["curves", "forloeb.csv", "--by", "week"],
     "argument --by: 'week' kendes ikke (vælg en af 'year', 'half', 'quarter', 'month')"),
    (["fit", "kurve.csv", "--horizon"], "argument --horizon: mangler en værdi"),
])
def test_a_mistyped_command_line_is_answered_in_danish(argv, message, capsys):
    assert main(argv) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("brug: invest-xl")
    assert lines[-1] == f"Fejl: ugyldige argumenter: {message}"


def test_help_is_in_danish(capsys):
    with pytest.raises(SystemExit):
        main(["followup", "--help"])
    text = capsys.readouterr().out
    assert text.startswith("brug: invest-xl followup")
    assert "argumenter:" in text and "tilvalg:" in text and "vis denne hjælp" in text
    assert [w for w in ("usage", "options", "positional arguments", "show this help") if w in text] == []


def test_a_read_only_target_is_refused_and_left_as_it_was(sample_path, tmp_path, capsys):
    out = tmp_path / "rapport.xlsx"
    out.write_bytes(b"the approved follow-up")
    out.chmod(0o444)
    assert main(["followup", str(sample_path), "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        "Fejl: rapport.xlsx er skrivebeskyttet; fjern skrivebeskyttelsen eller vælg et andet "
        "filnavn med -o")
    assert out.read_bytes() == b"the approved follow-up"


def test_a_name_the_console_code_page_cannot_show_does_not_stop_the_run(tmp_path):
    from invest_xl.budget.model import BUDGET, INVESTMENT, Amount, Budget, Case
    from invest_xl.workbook.budget_writer import budget_workbook

    budget = tmp_path / "budget.xlsx"
    budget_workbook(Budget(cases=(Case(1, "Raket 🚀 indsats"),),
                           amounts=(Amount(1, 2020, INVESTMENT, BUDGET, 1.0),))).save(budget)
    command = sys.executable, "-m", "invest_xl.cli"  # the entry point: test_installed_entry_point_...
    cp1252 = {**os.environ, "PYTHONIOENCODING": "cp1252"}  # a Windows console redirected to a file
    as_json = subprocess.run([*command, "followup", str(budget), "-o", str(tmp_path / "o.xlsx"), "--json"],
                             capture_output=True, env=cp1252, cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout.decode("utf-8"))["cases"][0]["name"] == "Raket 🚀 indsats"
    as_text = subprocess.run([*command, "savings", str(budget)], capture_output=True, env=cp1252, cwd=tmp_path)
    assert as_text.returncode == 0, as_text.stderr
    assert "Sag 1: Raket ? indsats" in as_text.stdout.decode("cp1252")


def test_a_folder_as_the_output_is_named_as_a_folder(sample_path, tmp_path, capsys):
    (tmp_path / "rapporter").mkdir()
    assert main(["followup", str(sample_path), "-o", str(tmp_path / "rapporter")]) == 2
    assert capsys.readouterr().err.strip() == f"Fejl: {tmp_path / 'rapporter'} er en mappe; angiv et filnavn"
