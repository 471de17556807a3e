"""The ASGI app `invest-xl serve` runs: xlwings Server's app, checked and guarded.

Imported only in the server process, after `server.serve` has set the XLWINGS_*
environment (xlwings fixes its decorators at its first import). `build_app`

1. makes xlwings' per-cell cleaning of range arguments cheap (`fast_cleaning`),
2. refuses to start unless the functions served are exactly `server.EXCEL_FUNCTIONS`
   and both button scripts are there (xlwings Server serves an empty list, silently,
   when its project's shims cannot be imported), and
3. wraps the app in `RequestCheck`, which answers a malformed call (not JSON, an
   unknown function or script, arguments of the wrong shape) with 400 and a Danish
   text before xlwings would answer 500 (Excel retries a 500, shows #VALUE!, and
   uvicorn closes the connection after it).

A bad argument value is not a malformed call: the function answers it in its cell
(`arguments.answers_in_cell`), with 200.
"""

from __future__ import annotations

import importlib.util
import inspect
import json

from invest_xl.errors import InvestXLError
from invest_xl.excel.server import EXCEL_FUNCTIONS, SCRIPTS

MAX_BODY_BYTES = 64 * 2**20  # a 20,000-row table of five columns is about 2 MB of JSON
REQUIRED_FIELDS = ("func_name", "args", "version", "client", "runtime")
_SCALARS = (str, int, float, bool, type(None))


def _never_jsnull(value) -> bool:
    return False


def fast_cleaning() -> bool:
    """Skip xlwings 0.37.8's per-cell `JsNull` test where it can only say no.

    `xlwings.pro._xlofficejs._is_jsnull` retries `from pyodide.ffi import JsNull` for
    every cell of every argument; outside Pyodide that import always fails, so the
    answer is always False, at 0.2-0.3 ms per cell (0.9 s for 3,343 spells). With
    Pyodide present (never on this server), or an xlwings without that function (the
    pin in pyproject.toml changed), it is left alone. Returns whether it applied.
    """
    from xlwings.pro import _xlofficejs

    if importlib.util.find_spec("pyodide") is not None or not hasattr(_xlofficejs, "_is_jsnull"):
        return False
    _xlofficejs._is_jsnull = _never_jsnull
    return True


def served_names(custom_functions, custom_scripts) -> tuple[list[str], list[str]]:
    """(Excel function names, script names) as xlwings Server offers them to Excel."""
    import xlwings.server

    functions = xlwings.server.custom_functions_meta(custom_functions)["functions"]
    scripts = xlwings.server.custom_scripts_meta(custom_scripts)
    return sorted(f["name"] for f in functions), sorted(s["function_name"] for s in scripts)


def check_served(custom_functions, custom_scripts) -> None:
    """Raise (Danish) unless exactly our pinned functions and both scripts are served."""
    functions, scripts = served_names(custom_functions, custom_scripts)
    if functions != sorted(EXCEL_FUNCTIONS):
        missing = sorted(set(EXCEL_FUNCTIONS) - set(functions))
        extra = sorted(set(functions) - set(EXCEL_FUNCTIONS))
        raise InvestXLError("serveren ville tilbyde en anden funktionsliste end den fastlagte; "
                            f"mangler: {', '.join(missing) or 'ingen'}; ekstra: {', '.join(extra) or 'ingen'}")
    if missing_scripts := sorted(set(SCRIPTS) - set(scripts)):
        raise InvestXLError(f"serveren mangler knapperne {', '.join(missing_scripts)}")


def arity(function) -> tuple[int, int]:
    """(required, all) parameters of a UDF (its own signature, through answers_in_cell)."""
    parameters = inspect.signature(function).parameters.values()
    return sum(p.default is inspect.Parameter.empty for p in parameters), len(parameters)


def _cell_ok(value) -> bool:
    # Office.js sends numbers, text, booleans, null, and error cells as {"type": "Error", ...}.
    if isinstance(value, dict):
        return isinstance(value.get("type"), str) and isinstance(value.get("basicValue"), _SCALARS)
    return isinstance(value, _SCALARS)


def _argument_ok(value) -> bool:
    if not isinstance(value, list):
        return _cell_ok(value)
    if value and all(isinstance(row, list) for row in value):
        width = len(value[0])
        return width > 0 and all(len(row) == width and all(map(_cell_ok, row)) for row in value)
    return bool(value) and all(map(_cell_ok, value))


def function_call_problem(data, arities: dict[str, tuple[int, int]]) -> str | None:
    """Why a custom-functions-call body cannot be a call of ours (Danish), or None."""
    if not isinstance(data, dict):
        return "kroppen skal være et JSON-objekt"
    if missing := [f for f in REQUIRED_FIELDS if f not in data]:
        return f"kroppen mangler {', '.join(missing)}"
    name = data["func_name"]
    if not isinstance(name, str) or name not in arities:
        return (f"ukendt funktion {str(name)[:80]!r}; kendte: {', '.join(sorted(arities))}")
    if not all(isinstance(data[f], str) for f in ("version", "client", "runtime")):
        return "version, client og runtime skal være tekst"
    args = data["args"]
    required, total = arities[name]
    if not isinstance(args, list) or not required <= len(args) <= total:
        return f"{name.upper()} skal have mellem {required} og {total} argumenter i en liste"
    for number, value in enumerate(args, start=1):
        if not _argument_ok(value):
            return (f"{name.upper()}: argument {number} skal være en celle eller et rektangulært "
                    "område (en liste af lige lange rækker af tal, tekst, sand/falsk eller tomme)")
    return None


def script_call_problem(data, name: str) -> str | None:
    """Why a custom-scripts-call body cannot run one of our buttons (Danish), or None."""
    if name not in SCRIPTS:
        return f"ukendt knap {name[:80]!r}; kendte: {', '.join(SCRIPTS)}"
    if not isinstance(data, dict) or not isinstance(data.get("book"), dict):
        return "kroppen skal være projektmappen som JSON med 'book' og 'sheets'"
    sheets = data.get("sheets")
    if not isinstance(sheets, list) or not all(
            isinstance(s, dict) and isinstance(s.get("name"), str) and isinstance(s.get("values"), list)
            for s in sheets):
        return "'sheets' skal være en liste af ark med 'name' og 'values'"
    return None


class RequestCheck:
    """ASGI middleware: a malformed call of ours gets 400 and a Danish text, not a 500."""

    def __init__(self, app, arities: dict[str, tuple[int, int]], prefix: str = ""):
        self.app = app
        self.arities = arities
        self.functions_path = f"{prefix}/xlwings/custom-functions-call"
        self.scripts_path = f"{prefix}/xlwings/custom-scripts-call/"

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "POST" or not (
                path == self.functions_path or path.startswith(self.scripts_path)):
            return await self.app(scope, receive, send)
        body, complete = await _read_body(receive)
        if not complete:
            return await _answer(send, 413, f"kroppen er større end {MAX_BODY_BYTES // 2**20} MB")
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, ValueError):
            return await _answer(send, 400, "Ugyldig forespørgsel: kroppen er ikke gyldig JSON")
        if path == self.functions_path:
            problem = function_call_problem(data, self.arities)
        else:
            problem = script_call_problem(data, path[len(self.scripts_path):])
        if problem:
            return await _answer(send, 400, f"Ugyldig forespørgsel: {problem}")
        await self.app(scope, _replay(body, receive), send)


async def _read_body(receive) -> tuple[bytes, bool]:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        size += len(message.get("body", b""))
        if size > MAX_BODY_BYTES:
            return b"", False
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _replay(body: bytes, receive):
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _answer(send, status: int, text: str) -> None:
    content = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(content)).encode())]})
    await send({"type": "http.response.body", "body": content})


def build_app():
    """xlwings Server's app with our checks; raises InvestXLError instead of serving wrongly."""
    fast_cleaning()
    from xlwings_server import main
    from xlwings_server.config import settings
    from xlwings_server.routers.xlwings import custom_functions, custom_scripts

    check_served(custom_functions, custom_scripts)
    arities = {name: arity(getattr(custom_functions, name))
               for name in dir(custom_functions) if hasattr(getattr(custom_functions, name), "__xlfunc__")}
    return RequestCheck(main.main_app, arities, prefix=settings.app_path)
