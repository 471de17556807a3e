"""invest-xl savings: every case's savings per budget year by its method."""

import json
import subprocess
import sys

import pytest

from invest_xl.cli import main


def _report(capsys, *argv) -> dict:
    assert main(["savings", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_without_arguments_every_sample_case_is_computed_for_2020_2023(capsys):
    report = _report(capsys)
    assert [c["case"] for c in report["cases"]] == [1, 2, 3, 4, 5, 6]
    assert all(c["years"] == [2020, 2021, 2022, 2023] for c in report["cases"])
    assert [c["method"] for c in report["cases"]] == ["budget"] * 5 + ["fte"]


def test_a_budget_case_books_its_budget_and_shows_the_potential_behind_it(sample_path, capsys):
    case = _report(capsys, str(sample_path), "--case", "1")["cases"][0]
    # Seed 002, case 1: investment 3,079 mio. kr. in 2020-2022, saving -2,703/-4,655/-6,711/-6,244;
    # the council books half of the potential, so the potential is twice the saving.
    assert case["investment_kr"] == pytest.approx([3_079_000, 3_079_000, 3_079_000, 0])
    assert case["booked_kr"] == pytest.approx([-2_703_000, -4_655_000, -6_711_000, -6_244_000])
    assert case["prudence_share"] == 0.5
    assert case["potential_kr"] == pytest.approx([-5_406_000, -9_310_000, -13_422_000, -12_488_000])
    assert case["booked"]["net_kr"] == pytest.approx([376_000, -1_576_000, -3_632_000, -6_244_000])
    assert case["booked"]["accumulated_net_kr"] == pytest.approx([376_000, -1_200_000, -4_832_000, -11_076_000])
    assert case["booked"]["payback_year"] == 2021
    assert case["expected"]["payback_year"] == 2020


def test_the_fte_example_matches_lejre_to_the_krone(sample_path, capsys):
    case = _report(capsys, str(sample_path), "--case", "Lejre")["cases"][0]
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


def test_text_output_shows_every_part(sample_path, capsys):
    assert main(["savings", str(sample_path), "--case", "6"]) == 0
    text = capsys.readouterr().out
    assert "Sag 6: Kortere jobafklaringsforløb (FTE-eksempel efter Lejre Kommune) (metode: fte; forsigtighed 100 %)" in text
    assert "2021           450.000      -697.500      -697.500      -247.500      -495.000      -247.500" in text
    assert "Tilbagebetalt (akkumuleret netto under 0): bogført 2020, forventet 2020" in text


def test_unknown_case_is_a_danish_message_and_exit_2(sample_path, capsys):
    assert main(["savings", str(sample_path), "--case", "99"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Fejl: sagen '99' findes ikke; skriv sagens nummer eller navn: 1. Koordineret")


def test_the_command_line_runs_savings_in_its_own_process():
    # the installed entry point itself: test_cli.py::test_installed_entry_point_runs_and_exits_2_on_bad_input
    run = subprocess.run([sys.executable, "-m", "invest_xl.cli", "savings", "--json", "--case", "6"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["cases"][0]["case"] == 6
