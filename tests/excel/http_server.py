"""`invest-xl serve` as a subprocess on 127.0.0.1, for the HTTP tests and the load benchmark.

A free port (bound to port 0, then released), the server in its own session, `/` polled
every 20 ms for a bounded time, and the process stopped by its PID: SIGTERM, then
SIGKILL if it has not gone within a few seconds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import openpyxl
from openpyxl.utils import range_boundaries

REPO = Path(__file__).resolve().parents[2]
POLL_SECONDS, START_TIMEOUT_SECONDS, STOP_TIMEOUT_SECONDS = 0.02, 60.0, 10.0
EXCEL_EPOCH_ORDINAL = 693594  # date(1899, 12, 30).toordinal(): Excel's serial day 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(port: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "invest_xl.cli", "serve", "--host", "127.0.0.1",
            "--port", str(port), *extra]


def server_env(**changes: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "python"), env.get("PYTHONPATH")]))
    env.update(changes)
    return env


def stop(process: subprocess.Popen) -> None:
    """SIGTERM by PID, then SIGKILL by PID if it is still there."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT_SECONDS)


@contextlib.contextmanager
def running_server(*extra: str, scheme: str = "http", verify=True, env: dict | None = None):
    """Yield (base URL, seconds to the first answer) of a started `invest-xl serve`."""
    port = free_port()
    started = time.perf_counter()
    # a file, not a pipe: xlwings Server logs every call, and a full pipe nobody reads
    # would block the server
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(server_command(port, *extra), env=env or server_env(),
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"{scheme}://127.0.0.1:{port}"
    try:
        with httpx.Client(verify=verify, timeout=2.0) as client:
            for _ in range(int(START_TIMEOUT_SECONDS / POLL_SECONDS)):
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"server exited {process.returncode}: "
                                       f"{log.read().decode(errors='replace')}")
                try:
                    if client.get(f"{base}/").status_code < 500:
                        break
                except httpx.TransportError:
                    time.sleep(POLL_SECONDS)
            else:
                raise RuntimeError(f"server did not answer within {START_TIMEOUT_SECONDS} s")
        yield base, time.perf_counter() - started
    finally:
        stop(process)
        log.close()


def office_payload(name: str, *arguments) -> dict:
    """A custom-functions-call body as Excel's Office.js client sends it."""
    import xlwings

    return {"func_name": name, "args": list(arguments), "version": xlwings.__version__,
            "client": "Office.js", "runtime": "1.4", "culture_info_name": "da-DK",
            "date_format": "dd-MM-yyyy", "caller_address": "Ark1!B2"}


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "toordinal"):  # dates and datetimes: Excel's serial number
        return value.toordinal() - EXCEL_EPOCH_ORDINAL
    return value


def table_range(path: Path, table: str) -> list[list]:
    """A table of a workbook (header included) as Office.js sends a range argument."""
    workbook = openpyxl.load_workbook(path, data_only=True)
    for sheet in workbook.worksheets:
        if table in sheet.tables:
            min_col, min_row, max_col, max_row = range_boundaries(sheet.tables[table].ref)
            return [[_cell(v) for v in row] for row in sheet.iter_rows(
                min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True)]
    raise KeyError(table)
