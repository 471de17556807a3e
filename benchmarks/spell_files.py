"""Synthetic spell files of any size for the benchmarks (SYNTHETIC: no real persons).

Rows person, ydelse, start, slut, gruppe as invest-xl reads them: ISO dates, a blank
`slut` for spells still running, about 10 % of persons returning to the same benefit
within a few weeks (so the merge rule has work). Written with pyarrow into /tmp by
default; nothing here is committed.

    python benchmarks/spell_files.py --rows 1000000 --out /tmp/forloeb-1m.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

BENEFITS = np.array(["kontanthjælp", "a-dagpenge", "sygedagpenge"], dtype=object)
GROUPS = np.array(["indsats", "målgruppe"], dtype=object)
FIRST_DAY = np.datetime64("2015-01-01")
CUTOFF = np.datetime64("2020-12-31")


def spell_table(rows: int, seed: int = 20201):
    """A pyarrow table of `rows` synthetic spells, sorted by nothing in particular."""
    import pyarrow as pa

    rng = np.random.default_rng(seed)
    persons = max(rows * 9 // 10, 1)
    person = rng.integers(0, persons, rows)
    span = int((CUTOFF - FIRST_DAY).astype(int)) + 1
    start = FIRST_DAY + rng.integers(0, span, rows).astype("timedelta64[D]")
    weeks = 13.0 * rng.weibull(1.1, rows)
    end = start + np.maximum((weeks * 7).astype(np.int64), 1).astype("timedelta64[D]") - 1
    ongoing = (rng.random(rows) < 0.25) | (end > CUTOFF)
    person_text = np.char.add("P", np.char.zfill(person.astype(str), 8))
    return pa.table({
        "person": pa.array(person_text.astype(object), pa.string()),
        "ydelse": pa.array(BENEFITS[rng.integers(0, len(BENEFITS), rows)], pa.string()),
        "start": pa.array(start, pa.date32()),
        "slut": pa.array(np.where(ongoing, np.datetime64("NaT"), end), pa.date32()),
        "gruppe": pa.array(GROUPS[(rng.random(rows) < 0.8).astype(int)], pa.string()),
    })


def write(rows: int, out: Path, seed: int = 20201) -> Path:
    """Write `rows` spells to `out` as CSV (blank = running) or Parquet, by its suffix."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    table = spell_table(rows, seed)
    if out.suffix == ".parquet":
        pq.write_table(table, out)
    else:
        options = pacsv.WriteOptions(quoting_style="none")
        pacsv.write_csv(table, out, options)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20201)
    parser.add_argument("--out", type=Path, default=Path("/tmp/forloeb.csv"))
    args = parser.parse_args()
    print(write(args.rows, args.out, args.seed))


if __name__ == "__main__":
    main()
