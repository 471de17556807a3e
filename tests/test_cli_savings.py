"""invest-xl savings: every case's savings per budget year by its method."""

import json
import subprocess
import sys

import pytest

from invest_xl.cli import main
from seed_tables import seed_002_cases


def _report(capsys, *argv) -> dict:
    assert main(["savings", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_without_arguments_every_sample_case_is_computed_for_2020_2023(capsys):
    report = _report(capsys)
    assert [c["case"] for c in report["cases"]] == [1, 2, 3, 4, 5]
    assert all(c["years"] == [2020, 2021, 2022, 2023] for c in report["cases"])
    assert [c["method"] for c in report["cases"]] == ["budget"] * 5


def test_a_budget_case_shows_its_figures_as_the_potential_not_doubled(sample_path, capsys):
    case = _report(capsys, str(sample_path), "--case", "1")["cases"][0]
    # Seed 002, case 1: the annex's figures are the potential; the council's 50 % applies to
    # the portfolio (invest-xl followup), so the case has no booked amount of its own.
    seed = seed_002_cases()[1]
    assert case["investment_kr"] == pytest.approx([x * 1e6 for x in seed["investering"]])
    assert case["potential_kr"] == pytest.approx([x * 1e6 for x in seed["besparelse"]])
    assert case["expected"]["net_kr"] == pytest.approx([x * 1e6 for x in seed["i alt"]])
    assert case["expected"]["accumulated_net_kr"][-1] == pytest.approx(sum(seed["i alt"]) * 1e6)
    assert case["booked_kr"] is None and case["booked"] is None and case["prudence_share"] is None
    # 0,376 in 2020, then 0,376 - 1,576 < 0: paid back in 2021.
    assert case["expected"]["payback_year"] == 2021
    assert any("forsigtigheden 50 % indregnes for porteføljen samlet" in n for n in case["notes"])


def test_a_budget_case_with_its_own_share_books_that_share_of_its_figures(sample_path, capsys, tmp_path):
    import openpyxl

    workbook = openpyxl.load_workbook(sample_path)
    sheet = workbook["Sager"]
    column = [c.value for c in sheet[1]].index("Forsigtighed") + 1
    sheet.cell(2, column, "25 %")
    workbook.save(tmp_path / "own.xlsx")
    case = _report(capsys, str(tmp_path / "own.xlsx"), "--case", "1")["cases"][0]
    seed = seed_002_cases()[1]
    assert case["prudence_share"] == 0.25
    assert case["potential_kr"] == pytest.approx([x * 1e6 for x in seed["besparelse"]])
    assert case["booked_kr"] == pytest.approx([x * 0.25e6 for x in seed["besparelse"]])
    assert case["booked"]["net_kr"] == pytest.approx(
        [(i + 0.25 * b) * 1e6 for i, b in zip(seed["investering"], seed["besparelse"])])


def test_the_fte_example_matches_lejre_to_the_krone(fte_example_path, capsys):
    case = _report(capsys, str(fte_example_path), "--case", "Lejre")["cases"][0]
    # 300 weeks / 52 x 120.900 kr. = 697.500 kr.; minus 450.000 kr. investment = 247.500 kr. gain.
    assert [round(x) for x in case["potential_kr"]] == [-697_500] * 4
    assert case["prudence_share"] == 1.0
    assert [round(x) for x in case["booked"]["net_kr"]] == [-247_500] * 4
    assert round(case["booked"]["period_net_kr"]) == -990_000
    assert case["booked"]["payback_year"] == 2020
    assert case["detail"]["reductions"][0]["fte"] == pytest.approx(300 / 52)
    # Current prices with the sample's illustrative index: 2021 benefits x 1,015, staff x 1,02.
    current = case["expected_current_prices"]
    assert current["saving_kr"][1] == pytest.approx(-707_962.5)
    assert current["investment_kr"][1] == pytest.approx(459_000.0)


def test_text_output_shows_every_part(fte_example_path, capsys):
    assert main(["savings", str(fte_example_path), "--case", "1"]) == 0
    text = capsys.readouterr().out
    assert "Sag 1: Kortere jobafklaringsforløb (FTE-eksempel efter Lejre Kommune) (metode: fte; forsigtighed 100 %)" in text
    assert ("2021               450.000          -697.500          -697.500          -247.500          -495.000"
            "          -247.500") in text
    assert "Tilbagebetalt (akkumuleret netto under 0): bogført 2020, potentiale 2020" in text


def test_text_output_names_its_columns_and_leaves_an_unbooked_case_blank(sample_path, capsys):
    assert main(["savings", str(sample_path), "--case", "1"]) == 0
    text = capsys.readouterr().out
    assert ("År             Investering        Potentiale           Bogført    Netto, bogført   Akkum., bogført"
            " Netto, potentiale") in text
    # Seed 002, case 1, 2020: investment 3,079, saving -2,703, total 0,376 mio. kr.; no booking of its own.
    assert ("2020             3.079.000        -2.703.000                 -                 -                 -"
            "           376.000") in text


def test_unknown_case_is_a_danish_message_and_exit_2(sample_path, capsys):
    assert main(["savings", str(sample_path), "--case", "99"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Fejl: sagen '99' findes ikke; skriv sagens nummer eller navn: 1. Koordineret")


def test_the_command_line_runs_savings_in_its_own_process():
    # the installed entry point itself: test_cli.py::test_installed_entry_point_runs_and_exits_2_on_bad_input
    run = subprocess.run([sys.executable, "-m", "invest_xl.cli", "savings", "--json", "--case", "5"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["cases"][0]["case"] == 5
