"""Back-test of the extrapolation methods (issue 18): cut complete curves at weeks 13 and 26,
extrapolate by the lowest-AIC family, the model average and relative to a reference, and
report per method the error at the held-back published weeks and the band's coverage.

Two sets of curves:
1. simulated (seed 20201): for each of four families with a plateau, a reference cohort of
   M = 1.500 persons and three young cohorts of N = 300 that share its shape
   (S_new = S_ref^h, h = 0,8 / 1,0 / 1,25), exits drawn as multinomials on the published grid;
   the errors and coverage are given against the noisy observed row and against the TRUE
   curve it was drawn from (S_ref^h of the family's exact S_ref);
2. the Kaplan-Meier curves of xlsx/sample_spells.csv (each group, all entry years pooled,
   against the target group "målgruppe" as reference), at the published weeks;
3. how the relative method's error against the true curve (cut at week 13, weeks 26-52)
   shrinks with the cohort sizes (N = 300, 1.000, 3.000, reference M = 5 N; 3 seeded
   replications of the 12 simulated rows each), beside an oracle that knows the true
   reference curve and that the hazards are proportional, and fits only h by the grouped
   likelihood: the error no method can avoid, the young cohort's own sampling error.

Run: PYTHONPATH=python python benchmarks/backtest_extrapolation.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from invest_xl.survival.backtest import backtest, summary
from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.survival.families import BY_NAME
from invest_xl.survival.points import points_curve

ROOT = Path(__file__).resolve().parents[1]
TRUE_CURVES = {
    "cure-weibull": {"lambda": 12.0, "rho": 0.9, "cure": 0.25},
    "cure-log-logistic": {"alpha": 10.0, "beta": 1.6, "cure": 0.2},
    "cure-log-normal": {"mu": 2.6, "sigma": 1.0, "cure": 0.3},
    "cure-exponential": {"lambda": 9.0, "cure": 0.22},
}


SIZES = (300, 1000, 3000)
REPLICATIONS = 3
LATE = (26, 52)


def _drawn(shares, size, rng):
    exits = np.append(-np.diff(shares), shares[-1])
    counts = rng.multinomial(size, exits / exits.sum())
    return np.append(1.0, 1.0 - np.cumsum(counts)[:-1] / size)


def simulated(rng, size=300, reference_size=1500):
    """[(reference, rows, {row label: its true S(weeks)})] per family."""
    weeks = PUBLISHED_WEEKS
    table = []
    for name, params in TRUE_CURVES.items():
        family = BY_NAME[name]
        free = family.to_free(params)
        truth = family.survival(weeks, free)
        reference = points_curve(weeks.tolist(), _drawn(truth, reference_size, rng).tolist(), reference_size,
                                 label=f"{name} ref")
        rows = [points_curve(weeks.tolist(), _drawn(truth ** h, size, rng).tolist(), size,
                             label=f"{name} h={h:g}") for h in (0.8, 1.0, 1.25)]
        truths = {row.label: (lambda t, h=h, family=family, free=free:
                              family.survival(np.asarray(t, float), free) ** h)
                  for row, h in zip(rows, (0.8, 1.0, 1.25))}
        table.append((reference, rows, truths))
    return table


def by_cohort_size(rng):
    """Per N: (relative errors, oracle errors) in points against the true curve, cut at
    week 13, at the published weeks 26-52 of every simulated row and replication."""
    from invest_xl.survival.backtest import cut_curve
    from invest_xl.survival.extrapolation import extrapolate
    from invest_xl.survival.relative import PH, fit_relative

    weeks = PUBLISHED_WEEKS
    late = weeks[(weeks >= LATE[0]) & (weeks <= LATE[1])]
    result = {}
    for size in SIZES:
        ours, oracle = [], []
        for _ in range(REPLICATIONS):
            for reference, rows, truths in simulated(rng, size, 5 * size):
                name = reference.label.removesuffix(" ref")
                family = BY_NAME[name]
                exact = points_curve(weeks.tolist(), family.survival(weeks, family.to_free(TRUE_CURVES[name])).tolist(),
                                     10 ** 9, label="sand reference")
                for row in rows:
                    young = cut_curve(row, 13)
                    true = np.asarray(truths[row.label](late))
                    ours += list(100 * (extrapolate(young, 52, reference=reference).survival_at(late) - true))
                    oracle += list(100 * (fit_relative(young, exact, models=(PH,)).best.survival_at(late) - true))
        result[size] = (np.array(ours), np.array(oracle))
    return result


def sample_spells():
    from invest_xl.survival.kaplan_meier import spell_curves
    from invest_xl.survival.spells import merge_returns, read_spells

    spells = merge_returns(read_spells(ROOT / "xlsx" / "sample_spells.csv"), 1)
    curves = []
    for km in spell_curves(spells):
        if km.last_observed_week < 52:
            continue
        curve = km.curve(PUBLISHED_WEEKS)
        curves.append(points_curve(PUBLISHED_WEEKS.tolist(), curve.share.tolist(), km.size,
                                   label=km.group or km.label))
    reference = next(c for c in curves if c.label.lower().startswith("m"))
    return reference, [c for c in curves if c is not reference]


def _print(title, points):
    print(f"\n{title}")
    lines = summary(points)
    true = all("true_coverage" in line for line in lines)
    print(f"{'method':<10}{'cut':>5}{'weeks':>7}{'mean |err|':>12}{'max |err|':>11}{'coverage':>10}"
          + (f"{'true mean':>11}{'true max':>10}{'true cov':>10}" if true else ""))
    for line in lines:
        print(f"{line['method']:<10}{line['cut']:>5.0f}{line['weeks']:>7}{line['mean_abs_error_points']:>12.2f}"
              f"{line['max_abs_error_points']:>11.2f}{line['coverage'] * 100:>9.0f}%"
              + (f"{line['mean_abs_true_error_points']:>11.2f}{line['max_abs_true_error_points']:>10.2f}"
                 f"{line['true_coverage'] * 100:>9.0f}%" if true else ""))


def main():
    rng = np.random.default_rng(20201)
    points = []
    for reference, rows, truths in simulated(rng):
        points += backtest([reference, *rows], (13, 26), reference=reference, truths=truths)
    _print("Simulated (4 families with a plateau x 3 young cohorts sharing the reference's shape)", points)
    late = [p for p in points if p.method == "relative" and p.cut == 13 and 26 <= p.week <= 52]
    print(f"relative from week 13, weeks 26-52: largest |error| {max(abs(p.error_points) for p in late):.2f} "
          f"points against the observed row, {max(abs(p.true_error_points) for p in late):.2f} against the "
          f"true curve (mean {np.mean([abs(p.true_error_points) for p in late]):.2f})")
    print(f"\nRelative from week 13 against the true curve, weeks {LATE[0]}-{LATE[1]}, by cohort size "
          f"(reference M = 5 N, {REPLICATIONS} replications x 12 rows), in points:")
    print(f"{'N':>7}{'mean |err|':>12}{'95 % |err|':>12}{'max |err|':>11}{'mean err':>10}"
          f"{'oracle mean':>13}{'oracle max':>12}")
    for size, (ours, oracle) in by_cohort_size(np.random.default_rng(20202)).items():
        print(f"{size:>7}{np.mean(np.abs(ours)):>12.2f}{np.quantile(np.abs(ours), 0.95):>12.2f}"
              f"{np.max(np.abs(ours)):>11.2f}{np.mean(ours):>10.2f}{np.mean(np.abs(oracle)):>13.2f}"
              f"{np.max(np.abs(oracle)):>12.2f}")
    reference, rows = sample_spells()
    _print(f"Kaplan-Meier of xlsx/sample_spells.csv (reference: {reference.label})",
           backtest([reference, *rows], (13, 26), reference=reference))


if __name__ == "__main__":
    main()
