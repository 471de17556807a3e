"""Timing and memory helpers the benchmarks share: best of N wall-clock runs, peak traced memory."""

from __future__ import annotations

import time
import tracemalloc


def best_time(function, repeats: int):
    """(the fastest of `repeats` runs in seconds, the last result)."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def peak_bytes(function) -> int:
    """The most memory one call holds at once, beyond what was allocated before it."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
