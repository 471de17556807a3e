"""`invest-xl serve` under load, and large ranges over HTTP against the plain xlwings path.

Starts the server as a subprocess on a free port of 127.0.0.1 (tests/excel/http_server.py),
then:

1. 2,000 requests (default), 8 at a time over keep-alive connections, mixed: good calls
   of every function, bad argument values (answered 200 with the Danish text), and
   malformed calls (unknown function, wrong arity, not JSON: answered 400). Reports
   p50/p95 latency per kind and in all; targets: zero 5xx, zero dropped connections.
2. INVEST_KAPLAN_MEIER on the shipped workbook's 3,343-row range `Forloeb`: the median
   over HTTP (target under 100 ms) and the median of the plain xlwings server path
   in this process (xlwings.server.custom_functions_call, its per-cell cleaning
   untouched), as a ratio.
3. INVEST_FTE_SAVINGS on a 20,000-row table over HTTP (target under 1 s).

    python benchmarks/bench_server_load.py [--requests 2000] [--concurrency 8] [--repeats 7]
"""

import argparse
import asyncio
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("XLWINGS_ON_SERVER", "true")
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
sys.path[:0] = [str(REPO), str(REPO / "udfs")]

import httpx  # noqa: E402
import xlwings.server  # noqa: E402

import invest_xl_udfs  # noqa: E402
from tests.excel.http_server import office_payload, running_server, table_range  # noqa: E402

WEEKS = [[w] for w in (0, 4, 8, 13, 17, 21, 26, 30, 34, 39, 43, 47, 52)]
TARGET = [[s] for s in (100, 82.9, 69.5, 56.3, 47.8, 42.9, 38.4, 36.3, 33.8, 32.1, 31.3, 30.3, 30)]
INTERVENTION = [[s] for s in (1.0, 0.708, 0.541, 0.392, 0.331, 0.272, 0.249)]
SPELLS = [["person", "ydelse", "start", "slut", "gruppe"], ["a", "kh", 43831, 43840, "indsats"],
          ["b", "kh", 43831, None, "indsats"], ["c", "kh", 43831, 43905, "målgruppe"]]
FUNCTIONS = "/xlwings/custom-functions-call"
MIX = [  # (kind, body): json bodies, or raw bytes for the malformed ones
    ("good", office_payload("invest_net_unit_cost", [[120900]], [["30 %"]])),
    ("good", office_payload("invest_curve", WEEKS, TARGET, None, None)),
    ("good", office_payload("invest_fit_curve", WEEKS[:7], TARGET[:7], [[26], [52]], [["weibull"]], None)),
    ("good", office_payload("invest_kaplan_meier", SPELLS, [[43921]], None, None)),
    ("good", office_payload("invest_weeks_saved", WEEKS, TARGET, WEEKS[:7], INTERVENTION, None, [["weibull"]])),
    ("good", office_payload("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [[0.3]],
                            [[2020]], None, None, None)),
    ("bad", office_payload("invest_net_unit_cost", [[None]], [[0.3]])),
    ("bad", office_payload("invest_curve", WEEKS[:7], TARGET[:7], None, [[30]])),
    ("bad", office_payload("invest_kaplan_meier", SPELLS, [["ikke en dato"]], None, None)),
    ("malformed", office_payload("no_such_function", [[1]])),
    ("malformed", office_payload("invest_curve", WEEKS)),
    ("malformed", b"{not json"),
]
EXPECTED_STATUS = {"good": 200, "bad": 200, "malformed": 400}


def _send(client, body):
    if isinstance(body, bytes):
        return client.post(FUNCTIONS, content=body, headers={"content-type": "application/json"})
    return client.post(FUNCTIONS, json=body)


def load(base: str, requests: int, concurrency: int) -> dict:
    """Send `requests` calls from `concurrency` threads, each on its own keep-alive client."""
    per_worker = [list(range(w, requests, concurrency)) for w in range(concurrency)]

    def worker(indexes):
        results = []
        with httpx.Client(base_url=base, timeout=60.0) as client:
            for i in indexes:
                kind, body = MIX[i % len(MIX)]
                start = time.perf_counter()
                try:
                    status = _send(client, body).status_code
                except httpx.TransportError as error:
                    status = type(error).__name__
                results.append((kind, status, time.perf_counter() - start))
        return results

    with ThreadPoolExecutor(concurrency) as pool:
        return [r for part in pool.map(worker, per_worker) for r in part]


def _ms(values, q):
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def report_load(results) -> bool:
    server_errors = [r for r in results if isinstance(r[1], int) and r[1] >= 500]
    dropped = [r for r in results if not isinstance(r[1], int)]
    unexpected = [r for r in results if isinstance(r[1], int) and r[1] != EXPECTED_STATUS[r[0]]]
    print(f"load: {len(results)} requests; 5xx {len(server_errors)}, dropped connections {len(dropped)}, "
          f"unexpected status {len(unexpected)}")
    for kind in ("good", "bad", "malformed", None):
        times = [t for k, _, t in results if kind in (None, k)]
        print(f"  {kind or 'all':>9}: n={len(times):5d}  p50 {_ms(times, 50):7.1f} ms  p95 {_ms(times, 95):7.1f} ms")
    return not (server_errors or dropped or unexpected)


def median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def large_ranges(base: str, repeats: int) -> None:
    spells = table_range(REPO / "xlsx" / "budget_2020-2023.xlsm", "Forloeb")
    payload = office_payload("invest_kaplan_meier", spells, [[44196]], None, None)
    with httpx.Client(base_url=base, timeout=120.0) as client:
        over_http = median_seconds(lambda: client.post(FUNCTIONS, json=payload).raise_for_status(), repeats)
        plain = median_seconds(lambda: asyncio.run(xlwings.server.custom_functions_call(
            payload, invest_xl_udfs)), max(3, repeats // 2))
        print(f"INVEST_KAPLAN_MEIER, {len(spells)}-row range: over HTTP {over_http * 1000:.1f} ms "
              f"(target < 100 ms); plain xlwings path in-process {plain * 1000:.1f} ms; "
              f"ratio {plain / over_http:.1f}x")
        table = [["Ydelse", "År", "Fuldtidspersoner", "Brutto kr.", "Refusion"]] + [
            [("kontanthjælp", "a-dagpenge")[n % 2], 2020 + n % 4, 0.01 * (n % 7), 120900, "30%"]
            for n in range(20000)]
        fte = office_payload("invest_fte_savings", table, [[2020]], [[4]], None, None)
        seconds = median_seconds(lambda: client.post(FUNCTIONS, json=fte).raise_for_status(), repeats)
        print(f"INVEST_FTE_SAVINGS, 20,000-row table: over HTTP {seconds * 1000:.1f} ms (target < 1000 ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with running_server() as (base, seconds):
        print(f"server answered {seconds:.2f} s after start (target < 3 s)")
        clean = report_load(load(base, args.requests, args.concurrency))
        large_ranges(base, args.repeats)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
