"""Kaplan-Meier on 1,000,000 spells: ours against lifelines in the same run.

Two inputs: spell durations in whole days (what spell files give; our bincount path)
and continuous weeks without ties (our sort path). Prints the best of several runs
for each, the ratio (target: ours at least 8x faster), the peak memory one fit
allocates (tracemalloc, which sees numpy's buffers; target: ours no more than
lifelines') and the largest difference in the curve and band (target: the same
numbers, < 1e-9).

    python benchmarks/bench_kaplan_meier.py [--spells 1000000] [--repeats 5]
"""

import argparse
import warnings

import numpy as np
from lifelines import KaplanMeierFitter

from invest_xl.survival.kaplan_meier import kaplan_meier, kaplan_meier_days

from measure import best_time, peak_bytes


def compare(name, ours_function, weeks, observed, repeats):
    def theirs_function():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return KaplanMeierFitter().fit(weeks, observed)

    ours_seconds, ours = best_time(ours_function, repeats)
    theirs_seconds, theirs = best_time(theirs_function, repeats)
    ours_peak, theirs_peak = peak_bytes(ours_function), peak_bytes(theirs_function)
    same_timeline = np.array_equal(ours.weeks, theirs.timeline)
    curve_difference = np.abs(ours.survival - theirs.survival_function_.iloc[:, 0].to_numpy()).max()
    band_difference = np.abs(np.column_stack(ours.band_at(ours.weeks))
                             - theirs.confidence_interval_.to_numpy()).max()
    print(f"{name}: ours {ours_seconds * 1000:.1f} ms, lifelines {theirs_seconds * 1000:.1f} ms, "
          f"ratio {theirs_seconds / ours_seconds:.1f}x; same timeline {same_timeline}, "
          f"max |curve diff| {curve_difference:.2e}, max |band diff| {band_difference:.2e}")
    print(f"  peak memory: ours {ours_peak / 2**20:.1f} MiB, lifelines {theirs_peak / 2**20:.1f} MiB, "
          f"ratio {theirs_peak / ours_peak:.1f}x")
    return (theirs_seconds / ours_seconds, max(curve_difference, band_difference),
            theirs_peak / ours_peak)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spells", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(20201)
    n = args.spells

    days = np.minimum(rng.exponential(20 * 7, n).astype(np.int64) + 1, rng.integers(1, 5 * 365, n))
    seen = rng.random(n) < 0.8
    ratio_days, diff_days, memory_days = compare(f"{n:,} spells in whole days",
                                    lambda: kaplan_meier_days(days, seen), days / 7, seen,
                                    args.repeats)

    weeks = rng.exponential(20.0, n)
    ratio_weeks, diff_weeks, memory_weeks = compare(f"{n:,} spells in continuous weeks",
                                      lambda: kaplan_meier(weeks, seen), weeks, seen, args.repeats)
    ok = min(ratio_days, ratio_weeks) >= 8 and max(diff_days, diff_weeks) < 1e-9
    print("target (>= 8x faster, same numbers):", "met" if ok else "NOT met")
    print("target (peak memory no more than lifelines'):",
          "met" if min(memory_days, memory_weeks) >= 1 else "NOT met")


if __name__ == "__main__":
    main()
