"""Write xlsx/sample_spells.csv: SYNTHETIC benefit spells for the demo (no real persons).

Seeded, so the file is the same every time: two groups ("indsats" and "målgruppe"),
entries 2017-2020, cut-off 2020-12-31. See invest_xl.survival.synthetic for how they are made.

    python scripts/make_synthetic_spells.py [--seed 20201] [--out xlsx/sample_spells.csv]
"""

import argparse
import csv
from pathlib import Path

from invest_xl.survival.synthetic import CUTOFF, make_spells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20201)
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent.parent / "xlsx" / "sample_spells.csv")
    args = parser.parse_args()
    rows = make_spells(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        handle.write(f"# SYNTETISKE DATA (ingen rigtige personer): seed {args.seed}, "
                     f"skæringsdato {CUTOFF.isoformat()}\n")
        csv.writer(handle).writerows(rows)
    print(f"{len(rows) - 1} forløb skrevet til {args.out}")


if __name__ == "__main__":
    main()
