"""`invest-xl fit` on 13 published points, whole process, against importing what it needs.

Writes a 13-point curve (weeks 0-52, levelling off near 25 %) to /tmp and runs, each as
its own process and interleaved, `invest-xl fit POINTS --cohort 300 --json` and the
reference `python -c "import numpy, scipy.optimize"`: the least any fit in Python can
start with. Prints the median wall time and the peak memory of each and their ratio.
Target: invest-xl at most 1.5x the reference.

    python benchmarks/bench_fit_start.py [--repeat 7]
"""

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from measure import interleaved_runs  # noqa: E402

WEEKS = [0, 4, 8, 13, 17, 21, 26, 30, 34, 39, 43, 47, 52]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    weeks = np.array(WEEKS, dtype=float)
    shares = np.round(0.25 + 0.75 * np.exp(-(weeks / 10) ** 1.2), 3)
    points = Path("/tmp/bench-punkter.csv")
    points.write_text("uge,andel\n" + "".join(f"{w:g},{100 * s:.1f}\n"  # per cent
                                             for w, s in zip(weeks, shares)), encoding="utf-8")
    commands = {"invest-xl fit": [sys.executable, "-m", "invest_xl.cli", "fit", str(points),
                                  "--cohort", "300", "--json"],
                "import numpy, scipy.optimize": [sys.executable, "-c",
                                                 "import numpy, scipy.optimize"]}
    medians = interleaved_runs(commands, args.repeat)
    for name, (seconds, mib) in medians.items():
        print(f"{name:<30} {seconds:6.3f} s  {mib:6.0f} MiB peak")
    ours, reference = medians["invest-xl fit"][0], medians["import numpy, scipy.optimize"][0]
    print(f"invest-xl / reference {ours / reference:.2f}x; target <= 1.5x: "
          f"{'met' if ours / reference <= 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
