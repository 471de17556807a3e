"""`invest-xl curves SPELLS --json`, whole process, against pandas.read_csv + lifelines.

Generates the spell file into /tmp (CSV, and Parquet with --parquet), then runs each
command as its own process: invest-xl (default merge of returns within one month) and
the reference, which reads the CSV with pandas (dates parsed), computes durations at
the cut-off and fits lifelines' KaplanMeierFitter per group, without merging. Prints
wall time (median of --repeat interleaved runs) and peak memory (max RSS of the child)
of each, and the ratios; the 1M-to-10M growth is the quotient of two such runs. Targets:
invest-xl at least 2x faster than the reference with no more peak memory; Parquet at
least 3x faster than CSV.

    python benchmarks/bench_curves_cli.py --rows 1000000 [--parquet] [--repeat 3]
"""

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import interleaved_runs  # noqa: E402
from spell_files import write  # noqa: E402

REFERENCE = """
import sys, warnings, numpy as np, pandas as pd
from lifelines import KaplanMeierFitter
frame = pd.read_csv(sys.argv[1], parse_dates=["start", "slut"])
cutoff = max(frame["start"].max(), frame["slut"].max())
seen = frame["slut"].notna() & (frame["slut"] <= cutoff)
last = frame["slut"].where(seen, cutoff)
frame["weeks"] = ((last - frame["start"]).dt.days + 1) / 7
frame["seen"] = seen
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for group, part in frame.groupby("gruppe"):
        KaplanMeierFitter().fit(part["weeks"], part["seen"]).survival_function_at_times([52])
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--parquet", action="store_true")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each command, interleaved; medians are printed")
    args = parser.parse_args()
    csv_path = Path(f"/tmp/bench-forloeb-{args.rows}.csv")
    if not csv_path.exists():
        write(args.rows, csv_path)
    commands = {"invest-xl CSV": [sys.executable, "-m", "invest_xl.cli", "curves",
                                  str(csv_path), "--json"],
                "pandas+lifelines CSV": [sys.executable, "-c", REFERENCE, str(csv_path)]}
    if args.parquet:
        parquet_path = Path(f"/tmp/bench-forloeb-{args.rows}.parquet")
        if not parquet_path.exists():
            write(args.rows, parquet_path)
        commands["invest-xl Parquet"] = commands["invest-xl CSV"][:4] + [str(parquet_path), "--json"]
    medians = interleaved_runs(commands, args.repeat)
    for name, (seconds, mib) in medians.items():
        print(f"{args.rows:>11,} rows  {name:<22} {seconds:7.2f} s  {mib:7.0f} MiB peak")
    ours_s, ours_mib = medians["invest-xl CSV"]
    ref_s, ref_mib = medians["pandas+lifelines CSV"]
    met = ref_s / ours_s >= 2 and ours_mib <= ref_mib
    print(f"ratio reference/invest-xl {ref_s / ours_s:.2f}x, memory {ours_mib:.0f} vs "
          f"{ref_mib:.0f} MiB; target >= 2x with no more memory: {'met' if met else 'NOT met'}")
    if args.parquet:
        pq_s = medians["invest-xl Parquet"][0]
        print(f"CSV/Parquet {ours_s / pq_s:.2f}x; target >= 3x: "
              f"{'met' if ours_s / pq_s >= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
