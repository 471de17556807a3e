"""The published tables of seed 002 (Norddjurs budget 2020-2023, Bilag 4), parsed from the text.

These are the independent reference: the sample workbook's JSON was typed in by hand,
the seed text is what the council published.
"""

from __future__ import annotations

import re
from pathlib import Path

from invest_xl.workbook.cells import parse_number

# A verbatim copy of shared/seeds/002_ce62ec4e391d9dae.txt, so the tests stand alone.
SEED_002 = Path(__file__).resolve().parent / "data" / "seed_002_norddjurs_bilag4.txt"
ROWS = {"Investering i indsats": "investering", "Besparelse på forsørgelse": "besparelse",
        "Total": "i alt"}


def seed_002_cases() -> dict[int, dict[str, list[float]]]:
    """Per case number, the rows investering / besparelse / i alt for 2020-2023, mio. kr., as printed."""
    cases: dict[int, dict[str, list[float]]] = {}
    number = 0
    for line in SEED_002.read_text("utf-8").splitlines():
        if "(i 2020 pl)" in line:
            number += 1
            cases[number] = {}
            continue
        for label, kind in ROWS.items():
            if number and line.strip().startswith(label) and kind not in cases[number]:
                figures = line.strip()[len(label):].split()
                cases[number][kind] = [parse_number(f, dash_is_zero=True) for f in figures]
    return cases


def seed_002_portfolio_net() -> list[float]:
    """The 'I alt mindre forsørgelse' row: net per year 2020-2023, mio. kr."""
    for line in SEED_002.read_text("utf-8").splitlines():
        if line.strip().startswith("I alt mindre forsørgelse"):
            figures = re.findall(r"-?\d[\d.]*", line)
            # printed in 1.000 kr. with a Danish thousands dot: -1.629 = -1,629 mio. kr.
            return [float(f.replace(".", "")) / 1000 for f in figures]
    raise AssertionError("seed 002 has no 'I alt mindre forsørgelse' row")

