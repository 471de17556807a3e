"""Timing and memory helpers the benchmarks share: best of N wall-clock runs, peak traced memory."""

from __future__ import annotations

import statistics
import subprocess
import sys
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


def process_run(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, peak memory in MiB) of `argv` as its own process, measured by a
    small runner around it (its own start is not counted)."""
    runner = ("import resource, subprocess, sys, time; s = time.perf_counter(); "
              "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
              "print(time.perf_counter() - s, "
              "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", runner, *argv], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def interleaved_runs(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float]]:
    """name -> (median wall seconds, largest peak MiB) of each command run `repeat` times
    as its own process, the commands taking turns so that a busy moment hits each alike."""
    runs = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            runs[name].append(process_run(argv))
    return {name: (statistics.median(r[0] for r in rs), max(r[1] for r in rs))
            for name, rs in runs.items()}
