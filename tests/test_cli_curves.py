"""`invest-xl curves` and `invest-xl fit`, run in-process through main(argv)."""

import csv
import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter

from invest_xl.cli import main
from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.survival.synthetic import make_spells


@pytest.fixture(scope="module")
def spell_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("spells") / "forloeb.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(make_spells(seed=7))
    return path


def _run(capsys, argv):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _lifelines_by_group(path, cutoff):
    """Durations computed here from the raw rows, without the package's spell code."""
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    result = {}
    for group in sorted({r["gruppe"] for r in rows}):
        weeks, observed = [], []
        for r in rows:
            start = dt.date.fromisoformat(r["start"])
            if r["gruppe"] != group or start > cutoff:
                continue
            end = dt.date.fromisoformat(r["slut"]) if r["slut"] else None
            seen = end is not None and end <= cutoff
            weeks.append(((end if seen else cutoff) - start).days / 7 + 1 / 7)
            observed.append(seen)
        result[group] = KaplanMeierFitter().fit(np.array(weeks), np.array(observed))
    return result


def test_curves_json_matches_lifelines_on_the_published_grid(capsys, spell_file):
    code, out, _ = _run(capsys, ["curves", str(spell_file), "--cutoff", "31-12-2020",
                                 "--gap", "-1", "--json"])
    assert code == 0
    result = json.loads(out)
    theirs = _lifelines_by_group(spell_file, dt.date(2020, 12, 31))
    assert [c["group"] for c in result["curves"]] == sorted(theirs)
    for curve in result["curves"]:
        fitter = theirs[curve["group"]]
        np.testing.assert_array_equal(curve["weeks"], PUBLISHED_WEEKS)
        expected = fitter.survival_function_at_times(PUBLISHED_WEEKS).to_numpy()
        band = fitter.confidence_interval_.reindex(PUBLISHED_WEEKS, method="ffill").to_numpy()
        np.testing.assert_allclose(curve["share"], expected, rtol=0, atol=1e-9)
        np.testing.assert_allclose(curve["lower"], band[:, 0], rtol=0, atol=1e-9)
        np.testing.assert_allclose(curve["upper"], band[:, 1], rtol=0, atol=1e-9)


def test_curves_by_year_stop_where_the_cohort_ends(capsys, spell_file):
    code, out, _ = _run(capsys, ["curves", str(spell_file), "--cutoff", "2020-06-30",
                                 "--by", "year", "--grid", "weekly", "--json"])
    assert code == 0
    curves = {c["label"]: c for c in json.loads(out)["curves"]}
    recent = curves["indsats 2020"]
    assert recent["weeks"][-1] == np.floor(recent["last_observed_week"])
    assert recent["last_observed_week"] <= (dt.date(2020, 6, 30) - dt.date(2020, 1, 1)).days / 7 + 1 / 7
    assert curves["indsats 2017"]["weeks"][-1] > 52


def test_curves_text_output_names_groups_in_danish(capsys, spell_file):
    code, out, _ = _run(capsys, ["curves", str(spell_file), "--baseline", "2017-2019"])
    assert code == 0
    assert "målgruppe basis 2017-2019" in out and "Andel %" in out


def _plateau_file(tmp_path, last_week=52):
    weeks = PUBLISHED_WEEKS[PUBLISHED_WEEKS <= last_week]
    shares = 100 * (0.25 + 0.75 * np.exp(-(weeks / 10) ** 1.2))
    path = tmp_path / "kurve.csv"
    pd.DataFrame({"week": weeks, "share": np.round(shares, 1)}).to_csv(path, index=False)
    return path


def test_fit_picks_a_better_family_than_weibull_on_a_plateau(capsys, tmp_path):
    code, out, _ = _run(capsys, ["fit", str(_plateau_file(tmp_path)), "--cohort", "300", "--json"])
    assert code == 0
    result = json.loads(out)
    aic = {f["family"]: f["aic"] for f in result["fits"]}
    assert result["chosen"].startswith("cure-")
    assert aic[result["chosen"]] < aic["weibull"]
    assert result["method"] == "grouped"


def test_fit_extrapolates_an_incomplete_curve_with_a_band(capsys, tmp_path):
    code, out, _ = _run(capsys, ["fit", str(_plateau_file(tmp_path, 26)), "--cohort", "300",
                                 "--horizon", "104", "--json"])
    assert code == 0
    curve = json.loads(out)["curve"]
    assert curve["weeks"] == list(range(105))
    assert curve["last_observed_week"] == 26
    assert curve["lower"][104] < curve["share"][104] < curve["upper"][104]
    text_code, text, _ = _run(capsys, ["fit", str(_plateau_file(tmp_path, 26)), "--horizon", "30"])
    assert text_code == 0
    assert "mindste kvadrater" in text and "    30" in text and "*" in text


def test_fit_with_a_horizon_beyond_100_years_exits_2_instead_of_printing_for_ever(capsys, tmp_path):
    code, out, err = _run(capsys, ["fit", str(_plateau_file(tmp_path, 26)), "--horizon", "1000000000"])
    assert (code, out) == (2, "")
    assert err.strip() == "Fejl: --horizon skal være højst 5200 uger (100 år), ikke 1000000000"


def test_fit_on_a_rising_curve_exits_2_with_the_reason(capsys, tmp_path):
    path = tmp_path / "stiger.csv"
    path.write_text("uge,andel\n0,100\n4,60\n8,65\n", encoding="utf-8")
    code, out, err = _run(capsys, ["fit", str(path)])
    assert code == 2 and out == ""
    assert "kurven stiger fra uge 4 (60 %) til uge 8 (65 %)" in err


def test_curves_with_a_bad_cutoff_exits_2(capsys, spell_file):
    code, _, err = _run(capsys, ["curves", str(spell_file), "--cutoff", "2020-13-45"])
    assert code == 2 and "--cutoff" in err


def test_a_group_name_with_a_dot_prints_as_written_and_the_cutoff_the_danish_way(tmp_path, capsys):
    # cli.py used to turn every "." of the line into ",": "St. Heddinge" printed as "St, Heddinge"
    rows = [["person", "ydelse", "start", "slut", "gruppe"],
            ["a", "kh", "2020-01-06", "2020-02-03", "St. Heddinge"],
            ["b", "kh", "2020-01-06", "", "St. Heddinge"],
            ["c", "kh", "2020-01-06", "2020-03-02", "St. Heddinge"]]
    path = tmp_path / "forloeb.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    code, out, _ = _run(capsys, ["curves", str(path), "--cutoff", "2020-06-29"])
    assert code == 0
    assert "skæringsdato 29-06-2020" in out
    # 3 spells; the ongoing one runs from 6 January to the cut-off 29 June, both counted: 176 days = 25,1 weeks
    assert "St. Heddinge: 3 forløb, observeret til uge 25,1" in out
