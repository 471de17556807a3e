"""The follow-up sheet for 100 and 1,000 cases x 10 years: layout + openpyxl rendering.

Builds a synthetic budget (seeded), lays out the follow-up and renders it with
`render_sheet` into a fresh workbook saved to memory. Prints the time per size, the
growth 1,000/100 (target: at most 12x) and, as the reference, openpyxl writing the same
cells and merges with its own `merge_cells` (target: invest-xl at most 3x that time),
and the peak memory (tracemalloc).

    python benchmarks/bench_followup.py
"""

import io
import time
import tracemalloc

import numpy as np
import openpyxl

from invest_xl.budget.model import BUDGET, INVESTMENT, SAVING, Amount, Budget, Case
from invest_xl.layout.followup import followup_layout
from invest_xl.layout.openpyxl_render import render_sheet


def budget(cases: int, years: int = 10) -> Budget:
    rng = np.random.default_rng(20201)
    amounts = []
    for number in range(1, cases + 1):
        for year in range(2020, 2020 + years):
            amounts.append(Amount(number, year, INVESTMENT, BUDGET, round(float(rng.random()), 3)))
            amounts.append(Amount(number, year, SAVING, BUDGET, -round(float(rng.random()), 3)))
    return Budget(tuple(Case(n, f"Sag {n}") for n in range(1, cases + 1)), tuple(amounts))


def ours(layout):
    book = openpyxl.Workbook()
    render_sheet(book, layout)
    book.save(io.BytesIO())


def reference(layout):
    """openpyxl on its own: the same values and merges, no styles."""
    book = openpyxl.Workbook()
    sheet = book.active
    for item in layout.cells:
        sheet.cell(item.row, item.column).value = item.formula if item.formula else item.value
    for first_row, first_col, last_row, last_col in layout.merges:
        sheet.merge_cells(start_row=first_row, start_column=first_col,
                          end_row=last_row, end_column=last_col)
    book.save(io.BytesIO())


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main():
    results = {}
    for cases in (100, 1000):
        data = budget(cases)
        start = time.perf_counter()
        layout = followup_layout(data)
        layout_s = time.perf_counter() - start
        render_s = timed(lambda: ours(layout))
        reference_s = timed(lambda: reference(layout))
        tracemalloc.start()
        ours(layout)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        results[cases] = layout_s + render_s
        print(f"{cases:>5} cases: invest-xl {layout_s + render_s:.2f} s (layout {layout_s:.2f}, "
              f"render {render_s:.2f}), openpyxl alone {reference_s:.2f} s, "
              f"ratio {(layout_s + render_s) / reference_s:.2f}x, peak {peak:.0f} MiB")
    growth = results[1000] / results[100]
    print(f"growth 1,000/100 cases: {growth:.1f}x;", "target (<= 12x):",
          "met" if growth <= 12 else "NOT met")


if __name__ == "__main__":
    main()
