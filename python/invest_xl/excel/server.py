"""`invest-xl serve`: our UDFs and button scripts served by xlwings Server (Office.js add-in).

xlwings Server imports the packages `custom_functions` and `custom_scripts` from its
project directory and renders its pages and manifest from templates there, falling
back to its own. `write_project` makes that directory from the package alone: two
one-line shims that import `udfs/invest_xl_udfs.py` (the same module classic Excel
imports), our task pane with the two buttons, our manifest (name, namespace INVEST,
ribbon buttons, icons, our own IDs) and the ribbon's script. `serve` then sets xlwings
Server's settings through its `XLWINGS_*` environment variables and runs uvicorn in
this process on the app of `server_app`, which refuses to start when the function
list differs from `EXCEL_FUNCTIONS`.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import sys
import tempfile
from importlib import resources
from pathlib import Path

from invest_xl.errors import InvestXLError
from invest_xl.excel.macro_workbook import BUTTONS, UDF_MODULE

ADDIN_NAME = "invest-xl"
NAMESPACE = "INVEST"
# Our own add-in IDs, one per xlwings environment: never xlwings' defaults, which
# every xlwings Server install would share (Office tells add-ins apart by this ID).
MANIFEST_IDS = {
    "dev": "7bc2fe03-715a-4985-9644-68f3e0d3b571",
    "qa": "209a5bfc-38fc-48ef-bbba-11e4b0c332b1",
    "uat": "d07c9a5c-d4f9-4e9d-815e-e42800d74451",
    "staging": "c022be4c-e346-4f40-9348-257eff418369",
    "prod": "f6889f2f-6308-49a6-90c6-5ea4ea2bb0ed",
}
# The Excel-visible names (a public API: workbooks call them); the server will not
# start with any other list.
EXCEL_FUNCTIONS = (
    "INVEST_AMOUNT", "INVEST_CURVE", "INVEST_FIT_CURVE", "INVEST_FIT_SUMMARY", "INVEST_FTE_SAVINGS",
    "INVEST_KAPLAN_MEIER", "INVEST_NET_UNIT_COST", "INVEST_PEERS", "INVEST_PEER_POSITION",
    "INVEST_PORTFOLIO", "INVEST_PRICE_LEVEL", "INVEST_SAVINGS", "INVEST_WEEKS_SAVED",
)
SCRIPTS = tuple(sorted(macro for _, _, macro in BUTTONS))
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
# PolyForm Noncommercial 1.0.0; whether the municipality may use it is for its lawyers
# (README, "Excel uden Python på hver pc").
DEFAULT_LICENSE_KEY = "noncommercial"
FILES = "server_files"  # package data: templates/ and static/ of the add-in
SHIM = '"""Made by invest-xl serve: the {kind} xlwings Server serves."""\n\n' \
       "import sys\n\nsys.path.insert(0, {udfs!r})\n\nfrom {module} import *  # noqa: F401,F403\n"


def udfs_directory() -> Path:
    """The folder holding `invest_xl_udfs.py`: %INVEST_XL_HOME%/udfs (as classic Excel's
    PYTHONPATH), else the repository's `udfs/` beside `python/` (an editable install)."""
    home = os.environ.get("INVEST_XL_HOME")
    candidates = [Path(home) / "udfs"] if home else []
    candidates.append(Path(__file__).resolve().parents[3] / "udfs")
    for folder in candidates:
        if (folder / f"{UDF_MODULE}.py").is_file():
            return folder
    raise InvestXLError(f"finder ikke {UDF_MODULE}.py i {' eller '.join(str(c) for c in candidates)}; "
                        "sæt INVEST_XL_HOME til mappen med invest-xl (den med udfs/)")


def write_project(directory: Path, udfs: Path | None = None) -> Path:
    """Write xlwings Server's project directory for invest-xl into `directory`."""
    udfs = udfs or udfs_directory()
    for package, kind in (("custom_functions", "functions"), ("custom_scripts", "button scripts")):
        (directory / package).mkdir(parents=True, exist_ok=True)
        (directory / package / "__init__.py").write_text(
            SHIM.format(kind=kind, udfs=str(udfs), module=UDF_MODULE), encoding="utf-8")
    with resources.as_file(resources.files("invest_xl.excel") / FILES) as files:
        for part in ("templates", "static"):
            shutil.copytree(files / part, directory / part, dirs_exist_ok=True)
    return directory


def certificate_pair(folder: str | Path) -> tuple[Path, Path]:
    """(certificate, key) from a folder holding one NAME.pem and NAME-key.pem (as mkcert
    writes them), checked by loading them as a TLS server would."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InvestXLError(f"--certs: mappen {folder} findes ikke")
    keys = sorted(folder.glob("*-key.pem"))
    pairs = [(key.with_name(key.name[:-len("-key.pem")] + ".pem"), key) for key in keys]
    pairs = [(cert, key) for cert, key in pairs if cert.is_file()]
    if len(pairs) != 1:
        raise InvestXLError(f"--certs: {folder} skal rumme netop ét par NAVN.pem og NAVN-key.pem "
                            f"(som mkcert laver dem), fandt {len(pairs)}")
    cert, key = pairs[0]
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except (ssl.SSLError, OSError) as error:
        raise InvestXLError(f"--certs: {cert.name} og {key.name} kan ikke bruges som certifikat "
                            f"og nøgle ({error.__class__.__name__})") from error
    return cert, key


def _check_free(host: str, port: int) -> None:
    """Refuse a busy port or an unknown host in Danish before uvicorn would exit with a log line."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        raise InvestXLError(f"kan ikke lytte på {host}:{port} (porten er optaget, eller adressen "
                            f"findes ikke på denne maskine: {error.strerror or error})") from error


def server_environment(project: Path) -> dict[str, str]:
    """xlwings Server's settings for invest-xl (it reads them from XLWINGS_* variables).

    Ours are fixed; the licence key, environment, host name, auth providers and the
    rest stay whatever IT has set (auth is off unless XLWINGS_AUTH_PROVIDERS names one).
    """
    settings = {
        "XLWINGS_ON_SERVER": "true",
        "XLWINGS_PROJECT_DIR": str(project),
        "XLWINGS_PROJECT_NAME": ADDIN_NAME,
        "XLWINGS_FUNCTIONS_NAMESPACE": NAMESPACE,
        "XLWINGS_ENABLE_EXAMPLES": "false",
        "XLWINGS_ENABLE_TESTS": "false",
    }
    settings.update({f"XLWINGS_MANIFEST_ID_{env.upper()}": uid for env, uid in MANIFEST_IDS.items()})
    settings["XLWINGS_LICENSE_KEY"] = os.environ.get("XLWINGS_LICENSE_KEY") or DEFAULT_LICENSE_KEY
    return settings


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, certs: str | None = None) -> None:
    """Run xlwings Server with invest-xl's functions and buttons until stopped (Ctrl+C, SIGTERM)."""
    if not 0 < port < 65536:
        raise InvestXLError(f"--port skal være mellem 1 og 65535, ikke {port}")
    cert, key = certificate_pair(certs) if certs else (None, None)
    _check_free(host, port)
    try:
        import uvicorn
    except ImportError as error:
        raise InvestXLError('xlwings Server er ikke installeret: pip install "invest-xl[server]"') from error
    if "xlwings" in sys.modules and os.environ.get("XLWINGS_ON_SERVER") != "true":
        raise InvestXLError("xlwings er allerede indlæst i klassisk tilstand; start invest-xl serve "
                            "i sin egen proces")
    project = Path(tempfile.mkdtemp(prefix="invest-xl-server-"))
    try:
        write_project(project)
        os.environ.update(server_environment(project))
        from invest_xl.excel.server_app import build_app

        app = build_app()
        scheme = "https" if cert else "http"
        print(f"invest-xl serverer {len(EXCEL_FUNCTIONS)} funktioner og {len(SCRIPTS)} knapper på "
              f"{scheme}://{host}:{port} (manifest: {scheme}://{host}:{port}/manifest.xml)", flush=True)
        if os.environ["XLWINGS_LICENSE_KEY"] == DEFAULT_LICENSE_KEY:
            print("xlwings-licens: PolyForm Noncommercial 1.0.0 (XLWINGS_LICENSE_KEY=noncommercial); "
                  "se README om licensen", flush=True)
        uvicorn.run(app, host=host, port=port, ssl_certfile=cert and str(cert),
                    ssl_keyfile=key and str(key), log_level="warning", timeout_graceful_shutdown=5)
    finally:
        shutil.rmtree(project, ignore_errors=True)
