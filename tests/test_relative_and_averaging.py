"""Extrapolation relative to a reference, model averaging, warnings, the wide table, the CLI."""

import json

import numpy as np
import pytest

from invest_xl.cli import main
from invest_xl.survival.averaging import aic_weights
from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.survival.extrapolation import extrapolate
from invest_xl.survival.points import points_curve
from invest_xl.survival.relative import PH, PO, fit_relative
from invest_xl.survival.wide_table import read_wide_table

WEEKS = PUBLISHED_WEEKS.tolist()
# A reference with a plateau: S(t) = 0,25 + 0,75 exp(-(t / 15)^0,9), written out here.
REFERENCE = [0.25 + 0.75 * np.exp(-(w / 15) ** 0.9) for w in WEEKS]
TARGET = [100, 82.9, 69.5, 56.3, 47.8, 42.9, 38.4, 36.3, 33.8, 32.1, 31.3, 30.2, 29.1]


def _young(shares, cut=13, size=200):
    keep = [i for i, w in enumerate(WEEKS) if w <= cut]
    return points_curve([WEEKS[i] for i in keep], [shares[i] for i in keep], size, label="ny")


def test_proportional_hazards_recovers_h_and_the_later_weeks():
    truth = [s ** 0.8 for s in REFERENCE]
    report = fit_relative(_young(truth), points_curve(WEEKS, REFERENCE, 1000, label="basis"))
    assert report.best.model == PH and report.method == "grouped"
    assert np.exp(report.best.theta) == pytest.approx(0.8, abs=1e-6)
    later = [w for w in WEEKS if w > 13]
    assert report.best.survival_at(later) == pytest.approx([truth[WEEKS.index(w)] for w in later], abs=1e-6)


def test_proportional_odds_is_chosen_when_the_odds_are_proportional():
    # odds S / (1 - S) = odds_ref / 1,3
    truth = [s / (s + 1.3 * (1 - s)) for s in REFERENCE]
    report = fit_relative(_young(truth), points_curve(WEEKS, REFERENCE, 1000, label="basis"))
    assert report.best.model == PO
    assert np.exp(report.best.theta) == pytest.approx(1.3, abs=1e-6)
    assert report[PH].log_likelihood < report[PO].log_likelihood


def test_the_band_carries_the_references_own_uncertainty():
    truth = [s ** 0.8 for s in REFERENCE]
    small = fit_relative(_young(truth), points_curve(WEEKS, REFERENCE, 100)).best.curve([52])
    large = fit_relative(_young(truth), points_curve(WEEKS, REFERENCE, 100_000)).best.curve([52])
    assert (small.upper - small.lower)[0] > 1.5 * (large.upper - large.lower)[0]
    assert small.lower[0] <= truth[-1] <= small.upper[0]


def test_without_any_reference_uncertainty_the_result_says_so():
    report = fit_relative(_young([s ** 0.8 for s in REFERENCE], size=None), points_curve(WEEKS, REFERENCE))
    assert report.method == "least-squares"
    assert any(note.startswith("referencens usikkerhed er ukendt") for note in report.notes)
    assert report.best.assumed_reference_size is not None


def _simulated_km(rng, size, truth_at, weeks):
    # the share still on benefit at `weeks` among `size` persons whose exit weeks follow S
    # (inverse transform on a fine grid; S falls to a plateau, so some never leave)
    fine = np.linspace(0, 400, 40001)
    survival = truth_at(fine)
    u = rng.uniform(size=size)
    index = np.searchsorted(-survival, -u)  # first fine week with S <= u
    exit_weeks = np.where(index < fine.size, fine[np.minimum(index, fine.size - 1)], np.inf)
    return np.array([(exit_weeks > w).mean() for w in weeks])


def test_a_reference_without_cohort_size_gets_a_band_that_covers_the_truth():
    # truth: a reference with a plateau, S_ref = 0,25 + 0,75 exp(-(t/18)^1,1), published from
    # 400 persons without their number; a young cohort of 150 persons, S = S_ref^1,3 (the
    # reference's shape), known to week 13. 40 seeded replications x the 9 held-back
    # published weeks 17-52. With the band at 95 % the share of weeks covered is checked
    # against 90 %, tolerance two binomial standard errors of 95 % over 360 weeks (1,1 points)
    # taken off the 95 %, so 90 % holds with margin.
    from invest_xl.survival import extrapolate

    published = np.array([0, 4, 8, 13, 17, 21, 26, 30, 34, 39, 43, 47, 52], dtype=float)
    reference_truth = lambda t: 0.25 + 0.75 * np.exp(-(np.asarray(t) / 18.0) ** 1.1)  # noqa: E731
    young_truth = lambda t: reference_truth(t) ** 1.3  # noqa: E731
    rng = np.random.default_rng(20201)
    covered, checked = 0, 0
    later = published > 13
    for _ in range(40):
        reference = points_curve(published, _simulated_km(rng, 400, reference_truth, published), label="basis")
        young_shares = _simulated_km(rng, 150, young_truth, published[:4])
        young = points_curve(published[:4], young_shares, 150, label="ny")
        result = extrapolate(young, 52, reference=reference)
        curve = result.curve
        truth = young_truth(published[later])
        band = np.interp(published[later], curve.weeks, curve.lower), np.interp(published[later], curve.weeks,
                                                                                curve.upper)
        covered += int(np.sum((band[0] <= truth) & (truth <= band[1])))
        checked += truth.size
        assert any(w.startswith("referencens usikkerhed er ukendt") for w in result.warnings)
    assert checked == 360
    assert covered / checked >= 0.90



def test_akaike_weights():
    # w ∝ exp(-Δ/2): Δ = 0 and 2 give 1 and e⁻¹; an unfitted family weighs 0
    weights = aic_weights([10.0, 12.0, np.inf])
    assert weights == pytest.approx([1 / (1 + np.exp(-1)), np.exp(-1) / (1 + np.exp(-1)), 0.0])


def test_the_young_cohort_gets_a_warning_and_a_band_wider_than_one_family():
    young = points_curve(WEEKS[:4], TARGET[:4], label="1. halvår 2021")
    averaged = extrapolate(young, 52)
    alone = extrapolate(young, 52, family=averaged.report.best.name)
    assert any("mere end det dobbelte" in w for w in averaged.warnings)
    width = averaged.curve.upper[-1] - averaged.curve.lower[-1]
    # the lowest-AIC family alone has no band here (its parameters are not determined by
    # three points) or a narrow one; the average's band spans the plausible families
    alone_width = 0.0 if alone.curve.lower is None else alone.curve.upper[-1] - alone.curve.lower[-1]
    assert width > alone_width + 0.02
    assert averaged.curve.provenance == "model-average"


WIDE = """Periode;Antal;0 uger;4 uger;8 uger;13 uger;17 uger;21 uger;26 uger;30 uger;34 uger;39 uger;43 uger;47 uger;52 uger
Gennemsnit 2017-2019;900;100,0 %;82,9 %;69,5 %;56,3 %;47,8 %;42,9 %;38,4 %;36,3 %;33,8 %;32,1 %;31,3 %;30,2 %;29,1 %
1. halvår 2021;150;100,0 %;80,1 %;66,0 %;52,4 %;;;;;;;;;
"""


def test_the_wide_table_reads_blanks_percent_and_decimal_commas(tmp_path):
    path = tmp_path / "kurver.csv"
    path.write_text(WIDE, encoding="utf-8")
    baseline, young = read_wide_table(path)
    assert baseline.label == "Gennemsnit 2017-2019" and baseline.cohort_size == 900
    assert baseline.share[-1] == pytest.approx(0.291)
    assert young.weeks.tolist() == [0, 4, 8, 13] and young.share[-1] == pytest.approx(0.524)


def test_fit_table_json_gives_one_result_per_row(tmp_path, capsys):
    path = tmp_path / "kurver.csv"
    path.write_text(WIDE, encoding="utf-8")
    assert main(["fit", str(path), "--reference", "Gennemsnit 2017-2019", "--json"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert [r["row"] for r in output["results"]] == ["Gennemsnit 2017-2019", "1. halvår 2021"]
    young = output["results"][1]
    assert young["reported"] in (PH, PO) and len(young["curve"]["weeks"]) == 53
    assert set(young["curve"]) >= {"weeks", "share", "lower", "upper"}
    assert any("mere end det dobbelte" in w for w in young["warnings"])
    assert main(["fit", str(path), "--reference", "2022"]) == 2


def test_the_back_test_measures_each_method_against_the_true_curve_too():
    from invest_xl.survival.backtest import backtest, summary

    weeks = np.array([0, 4, 8, 13, 17, 21, 26, 39, 52], dtype=float)
    truth = lambda t: 0.3 + 0.7 * np.exp(-np.asarray(t, float) / 10.0)  # noqa: E731
    rng = np.random.default_rng(20201)
    observed = points_curve(weeks, _simulated_km(rng, 300, truth, weeks), 300, label="rad")
    points = backtest([observed], (13,), truths={"rad": truth})
    for point in points:
        assert point.true_share == pytest.approx(float(truth(point.week)), abs=1e-12)
        assert point.true_error_points == pytest.approx(100 * (point.share - float(truth(point.week))))
        assert point.covers_true == (point.lower <= float(truth(point.week)) <= point.upper)
    average = [p for p in points if p.method == "average"]
    line = next(x for x in summary(points) if x["method"] == "average")
    assert line["max_abs_true_error_points"] == pytest.approx(
        max(abs(100 * (p.share - float(truth(p.week)))) for p in average))
    assert "true_coverage" not in summary(backtest([observed], (13,)))[0]
