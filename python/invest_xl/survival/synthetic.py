"""Synthetic benefit spells for demos and tests (SYNTHETIC: no real persons).

Durations follow a mixture-cure Weibull: a share of about 25 % stays on benefit past
52 weeks, the rest leave fast. The intervention group ("indsats") leaves faster than
the target group ("målgruppe"). Some persons return to the same benefit within a
month, so the merge rule has work to do; spells running at the cut-off have no end.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

CUTOFF = dt.date(2020, 12, 31)
HEADER = ["person", "ydelse", "start", "slut", "gruppe"]
# group -> (persons, Weibull scale in weeks, shape, share that stays)
GROUPS = {"indsats": (600, 9.0, 1.1, 0.20), "målgruppe": (2400, 13.0, 1.1, 0.27)}


def make_spells(seed: int = 20201, *, first_year: int = 2017, last_year: int = 2020,
                cutoff: dt.date = CUTOFF) -> list[list]:
    """Rows [person, ydelse, start, slut, gruppe] (header first); dates as ISO text.

    Entries are spread evenly over `first_year`..`last_year`; `slut` is "" for spells
    still running at `cutoff`. The same seed gives the same rows.
    """
    rng = np.random.default_rng(seed)
    first_day = np.datetime64(f"{first_year}-01-01")
    days_span = (np.datetime64(f"{last_year}-12-31") - first_day).astype(int) + 1
    cutoff_day = np.datetime64(cutoff)
    rows = [list(HEADER)]
    person_number = 0
    for group, (persons, scale, shape, stays) in GROUPS.items():
        for _ in range(persons):
            person_number += 1
            start = first_day + int(rng.integers(0, days_span))
            while start <= cutoff_day:
                if rng.random() < stays:
                    end = None
                else:
                    weeks = scale * rng.weibull(shape)
                    end = start + max(int(weeks * 7), 1) - 1
                if end is not None and end > cutoff_day:
                    end = None
                rows.append([f"P{person_number:05d}", "kontanthjælp", str(start),
                             "" if end is None else str(end), group])
                if end is None or rng.random() > 0.15:
                    break
                start = end + 1 + int(rng.integers(1, 60))  # a return, often within a month
    return rows
