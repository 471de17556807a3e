"""Censored-spell MLE on 100,000 continuous durations: invest-xl against lifelines.

Per family (Weibull, log-logistic, log-normal) the best of a few runs of
`fit_spells(..., families=[family])` and of lifelines' fitter on the same data, the
ratio (target: at least 1x, i.e. invest-xl no slower), peak memory (tracemalloc) and
the largest parameter difference (target: below 1e-5 relative).

    python benchmarks/bench_spell_fit.py [--spells 100000] [--repeats 3]
"""

import argparse
import warnings

import numpy as np

from invest_xl.survival.fitting import fit_spells

from measure import best_time, peak_bytes

PAIRS = (("weibull", "WeibullFitter", ("lambda_", "rho_"), ("lambda", "rho")),
         ("log-logistic", "LogLogisticFitter", ("alpha_", "beta_"), ("alpha", "beta")),
         ("log-normal", "LogNormalFitter", ("mu_", "sigma_"), ("mu", "sigma")))


def main():
    import lifelines

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spells", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(20201)
    weeks = 13.0 * rng.weibull(1.1, args.spells) + 1e-3
    observed = rng.random(args.spells) < 0.8
    met = True
    for family, fitter, theirs_names, ours_names in PAIRS:
        ours_s, report = best_time(lambda: fit_spells(weeks, observed, families=[family]), args.repeats)

        def theirs_fit():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return getattr(lifelines, fitter)().fit(weeks, observed)
        theirs_s, theirs = best_time(theirs_fit, args.repeats)
        ours = report.fits[0].params
        difference = max(abs(ours[o] - getattr(theirs, t)) / max(abs(getattr(theirs, t)), 1.0)
                         for t, o in zip(theirs_names, ours_names))
        ratio = theirs_s / ours_s
        met &= ratio >= 1 and difference < 1e-5
        print(f"{family:<13} invest-xl {ours_s * 1000:7.0f} ms  lifelines {theirs_s * 1000:7.0f} ms  "
              f"ratio {ratio:5.2f}x  peak {peak_bytes(lambda: fit_spells(weeks, observed, families=[family])) / 2**20:6.1f}"
              f" MiB vs {peak_bytes(theirs_fit) / 2**20:6.1f} MiB  max rel. param diff {difference:.1e}")
    print("target (>= 1x lifelines for every family, params to 1e-5):", "met" if met else "NOT met")


if __name__ == "__main__":
    main()
