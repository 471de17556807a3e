"""`invest-xl curves SPELLS --json`, whole process, against pandas.read_csv + lifelines.

Generates the spell file into /tmp (CSV, and Parquet with --parquet), then runs each
command as its own process: invest-xl (default merge of returns within one month) and
the reference, which reads the CSV with pandas (dates parsed), computes durations at
the cut-off and fits lifelines' KaplanMeierFitter per group, without merging. Prints
wall time and peak memory (max RSS of the child) of each, and the ratios. Targets:
invest-xl at least 2x faster than the reference with no more peak memory; Parquet at
least 3x faster than CSV.

    python benchmarks/bench_curves_cli.py --rows 1000000 [--parquet]
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
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
    args = parser.parse_args()
    csv_path = write(args.rows, Path(f"/tmp/bench-forloeb-{args.rows}.csv"))
    ours = [sys.executable, "-m", "invest_xl.cli", "curves"]
    # each measured in a fresh runner so max RSS is that child's alone
    ours_s, ours_mib = measure(ours + [str(csv_path), "--json"])
    ref_s, ref_mib = measure([sys.executable, "-c", REFERENCE, str(csv_path)])
    print(f"{args.rows:,} rows CSV: invest-xl {ours_s:.2f} s, {ours_mib:.0f} MiB; "
          f"pandas+lifelines {ref_s:.2f} s, {ref_mib:.0f} MiB; ratio {ref_s / ours_s:.2f}x, "
          f"memory ratio {ref_mib / ours_mib:.2f}x")
    print("target (>= 2x faster, no more memory):",
          "met" if ref_s / ours_s >= 2 and ours_mib <= ref_mib else "NOT met")
    if args.parquet:
        parquet_path = write(args.rows, Path(f"/tmp/bench-forloeb-{args.rows}.parquet"))
        pq_s, pq_mib = measure(ours + [str(parquet_path), "--json"])
        print(f"{args.rows:,} rows Parquet: invest-xl {pq_s:.2f} s, {pq_mib:.0f} MiB; "
              f"CSV/Parquet {ours_s / pq_s:.2f}x")
        print("target (Parquet >= 3x faster than CSV):", "met" if ours_s / pq_s >= 3 else "NOT met")


def measure(argv):
    """Run `argv` under a small runner that reports the child's own time and max RSS."""
    runner = ("import resource, subprocess, sys, time; s = time.perf_counter(); "
              "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
              "print(time.perf_counter() - s, "
              "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", runner, *argv], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


if __name__ == "__main__":
    main()
