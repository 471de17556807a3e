"""followup on a copy of the sample says which illustrative data it still holds."""

import json

import openpyxl

from invest_xl.cli import main
from invest_xl.workbook.tables import find_table


def test_a_copy_of_the_sample_says_what_is_still_illustrative(sample_path, tmp_path, capsys):
    assert main(["followup", str(sample_path), "-o", str(tmp_path / "out.xlsx")]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Bemærk:")]
    assert lines == [
        "Bemærk: Prisindeks er eksemplets illustrative tal; indsæt jeres egne indeks, før tallene bruges.",
        "Bemærk: Forloeb er eksemplets syntetiske forløb (ingen rigtige personer); indsæt jeres egne "
        "forløb, eller slet tabellen.",
        "Bemærk: Indstillinger er stadig eksemplets (forsigtighed 50 %, 2020 p/l); tjek dem."]


def test_spells_without_their_note_are_still_recognised_and_own_figures_are_not(sample_path, tmp_path, capsys):
    workbook = openpyxl.load_workbook(sample_path)
    sheet, _ = find_table(workbook, "Forloeb")
    sheet["A1"] = None  # the note deleted, the synthetic rows kept
    index, _ = find_table(workbook, "Prisindeks")
    index["B3"] = 101.7  # an own satsregulering for 2021
    settings, _ = find_table(workbook, "Indstillinger")
    for row in settings.iter_rows():
        if row[0].value == "Forsigtighed":
            row[1].value = 0.4
    workbook.save(sample_path)
    assert main(["followup", str(sample_path), "-o", str(tmp_path / "out.xlsx"), "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert notes == ["Bemærk: Forloeb er eksemplets syntetiske forløb (ingen rigtige personer); indsæt "
                     "jeres egne forløb, eller slet tabellen."]
