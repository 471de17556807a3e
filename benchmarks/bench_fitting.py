"""Grouped fit of a 13-point published curve: milliseconds per family and in total.

The curve levels off near 25 % at 52 weeks (cohort of 300). Prints the best of several
runs per family (target: under 20 ms each) and for all families together (target:
under 100 ms), and the family chosen by AIC.

    python benchmarks/bench_fitting.py [--repeats 20]
"""

import argparse
import time

import numpy as np

from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.survival.families import FAMILIES
from invest_xl.survival.fitting import fit_points


def best_ms(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    weeks = PUBLISHED_WEEKS
    shares = np.round(0.25 + 0.75 * np.exp(-(weeks / 10) ** 1.2), 3)
    shares[0] = 1.0
    slowest = 0.0
    for family in FAMILIES:
        ms, report = best_ms(lambda: fit_points(weeks, shares, 300, families=[family]), args.repeats)
        slowest = max(slowest, ms)
        fit = report.fits[0]
        print(f"{family.name:<20}{ms:8.2f} ms   log-likelihood {fit.log_likelihood:10.3f}")
    total, report = best_ms(lambda: fit_points(weeks, shares, 300), args.repeats)
    print(f"{'all families':<20}{total:8.2f} ms   chosen by AIC: {report.best.name}")
    ok = slowest < 20 and total < 100
    print("target (< 20 ms per family, < 100 ms in all):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
