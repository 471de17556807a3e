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


def test_the_young_cohort_gets_a_warning_and_a_band_that_covers_its_complete_curve():
    # The case: the baseline's first four published points (to week 13, no cohort
    # size) extrapolated without a reference. The complete curve they were cut from is
    # TARGET; the 95 % band must cover it at every later published week, widen with the
    # distance from the data, and never rise after week 13 (S does not rise).
    young = points_curve(WEEKS[:4], TARGET[:4], label="1. halvår 2021")
    averaged = extrapolate(young, 52)
    assert averaged.curve.provenance == "model-average"
    assert any("mere end det dobbelte" in w for w in averaged.warnings)
    assert any("fordelingerne er uenige" in w for w in averaged.warnings)
    curve = averaged.curve
    later = [w for w in WEEKS if w > 13]
    for week in later:
        truth = TARGET[WEEKS.index(week)] / 100
        assert curve.lower[int(week)] <= truth <= curve.upper[int(week)], week
    widths = curve.upper - curve.lower
    assert widths[13] < widths[26] < widths[52]
    assert np.all(np.diff(curve.upper[13:]) <= 1e-12)
    # a family that threads the three points exactly is not taken as exact (σ >= 0,5 point)
    exact = averaged.report["cure-weibull"]
    assert exact.covariance is not None
    low, high = exact.band_at([52.0])
    assert high[0] - low[0] > 0.1


def test_the_relative_models_are_averaged_by_their_aic_weights():
    # w ∝ exp(-ΔAIC/2) over PH and PO, S̄ = Σ w S (written out here); the band holds both
    # models' bands and the average.
    truth = [s ** 0.8 for s in REFERENCE]
    young = _young([round(s, 3) for s in truth])
    reference = points_curve(WEEKS, REFERENCE, 1000, label="basis")
    result = extrapolate(young, 52, reference=reference)
    report = result.report
    aic = np.array([report[PH].aic, report[PO].aic])
    weights = np.exp(-(aic - aic.min()) / 2) / np.exp(-(aic - aic.min()) / 2).sum()
    expected = weights[0] * report[PH].survival_at([52.0]) + weights[1] * report[PO].survival_at([52.0])
    assert result.chosen == "model-average" and result.curve.provenance == "relative:model-average"
    assert result.curve.share[52] == pytest.approx(expected[0], abs=1e-12)
    for model in (PH, PO):
        alone = report[model].curve([52.0])
        assert result.curve.lower[52] <= alone.lower[0] + 1e-12
        assert result.curve.upper[52] >= alone.upper[0] - 1e-12
    assert set(result.to_dict()["model_average"]["weights"]) == {PH, PO}
    named = extrapolate(young, 52, reference=reference, family=PH)
    assert named.chosen == PH and named.curve.provenance == f"relative:{PH}"


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
    assert young["reported"] == "model-average" and len(young["curve"]["weeks"]) == 53
    assert set(young["model_average"]["weights"]) == {PH, PO}
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


def test_below_the_reference_warns_only_past_its_lowest_plausible_level():
    # A reference of M = 1.000 with 29,1 % at week 52: its lowest plausible level is
    # p - 1,96 √(p (1 - p) / M) = 0,291 - 1,96 √(0,291 x 0,709 / 1000) = 26,3 %, by hand.
    reference = points_curve(WEEKS, TARGET, 1000, label="basis")
    floor = 0.291 - 1.959964 * np.sqrt(0.291 * 0.709 / 1000)
    assert round(floor * 100, 1) == 26.3
    faster = [100 * (s / 100) ** 1.5 for s in TARGET]  # h = 1,5: 15,7 % at week 52
    result = extrapolate(_young(faster, size=200), 52, reference=reference)
    assert result.curve.share[52] < floor
    assert [w for w in result.warnings if "laveste plausible niveau (26,3 %)" in w]
    same = extrapolate(_young(TARGET, size=200), 52, reference=reference)
    assert not [w for w in same.warnings if "laveste plausible" in w]
    # a reference without size or band: the size the fit assumed, not its bare share (the
    # baseline's own points once gave "29,1 % under ... (29,1 %)")
    bare = points_curve(WEEKS, TARGET, label="basis")
    result = extrapolate(_young(TARGET, size=None), 52, reference=bare)
    assert not [w for w in result.warnings if "laveste plausible" in w]
