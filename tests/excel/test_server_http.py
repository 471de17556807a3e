"""`invest-xl serve` over real HTTP on 127.0.0.1: every function, both buttons, the manifest.

Each answer is compared with the in-process call through xlwings' own server path
(`call`, `custom_scripts_call`), so the HTTP layer must add nothing and lose nothing.
"""

import asyncio
import re
import ssl
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
import xlwings as xw
import xlwings.server

from .book_from_file import book_from_file, book_json
from .excel_server import REPO, call, invest_xl_udfs
from .http_server import office_payload, running_server, server_command, server_env, table_range, free_port
from .test_udfs_server import AMOUNTS, INTERVENTION, NA, PINNED_NAMES, SPELLS, TARGET, WEEKS
from invest_xl.excel.macro_workbook import MACRO_WORKBOOK_NAME
from invest_xl.excel.server import EXCEL_FUNCTIONS, MANIFEST_IDS, SCRIPTS

SHIPPED = REPO / "xlsx" / MACRO_WORKBOOK_NAME
XLWINGS_DEFAULT_IDS = {"0a856eb1-91ab-4f38-b757-23fbe1f73130", "4f342d85-3a49-41cb-90a5-37b1f2219040"}
INDEX = [["År", "Pris- og lønindeks", "Satsregulering"], [2020, 100, 100], [2021, 102, 101.5]]
REDUCTIONS = [["Ydelse", "År", "Fuldtidspersoner", "Brutto kr.", "Refusion"],
              ["kontanthjælp", 2020, 10, 120900, "30%"], ["kontanthjælp", 2021, 12, 120900, 0.3]]
GOOD = [
    ("invest_curve", WEEKS, TARGET, None, [[0], [2], [52]]),
    ("invest_fit_curve", WEEKS[:7], TARGET[:7], [[0], [26], [104]], None, None),
    ("invest_fit_summary", WEEKS, TARGET, [[2535]], None),
    ("invest_kaplan_meier", SPELLS, [["31-03-2020"]], None, None),
    ("invest_kaplan_meier", SPELLS, [[43921.0]], [["målgruppe"]], None),
    ("invest_weeks_saved", WEEKS, TARGET, WEEKS[:7], INTERVENTION, [[52]], None),
    ("invest_net_unit_cost", [[120900]], [["30 %"]]),
    ("invest_price_level", [[1000]], [["2020 p/l"]], [[2021]], INDEX, None),
    ("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [["trappe"]], [[2020]], [[4]],
     [["fasthold"]], None),
    ("invest_fte_savings", REDUCTIONS, [[2020]], [[2]], None, [[500000, 500000]]),
    ("invest_portfolio", AMOUNTS, None),
    ("invest_amount", AMOUNTS, [[1]], [[2020]], [["besparelse"]], None),
    ("invest_peers", [["sygedagpenge"]], [["median effekt pr. krone"]]),
    ("invest_peer_position", [[2.0]], [[5.0]], [["sygedagpenge"]]),
]
BAD = [
    ("invest_curve", WEEKS[:7], TARGET[:7], None, [[30]]),
    ("invest_fit_curve", WEEKS, TARGET, [[10]], [["gamma"]], None),
    ("invest_fit_summary", [["uge"]], TARGET, None, None),
    ("invest_kaplan_meier", SPELLS, [[NA]], None, None),
    ("invest_weeks_saved", WEEKS, TARGET, WEEKS, TARGET, [[10 ** 9]], None),
    ("invest_net_unit_cost", [[None]], [[0.3]]),
    ("invest_price_level", [[1000]], [[2020]], [[2022]], INDEX, None),
    ("invest_savings", WEEKS, TARGET, INTERVENTION, [[5]], [[120900]], [[0.3]], [["tyve tyve"]],
     None, None, None),
    ("invest_fte_savings", REDUCTIONS[:1] + [["kh", 2020, "ti", 1, 0.3]], [[2020]], None, None, None),
    ("invest_portfolio", [["Sag", "Beløb"], [1, 2]], None),
    ("invest_amount", AMOUNTS, [[3]], [[2020]], [["besparelse"]], None),
    ("invest_peers", [["rumfart"]], [["median effekt pr. krone"]]),
    ("invest_peer_position", [[-2.0]], [[5.0]], [["sygedagpenge"]]),
]


@pytest.fixture(scope="module")
def server():
    with running_server() as (base, seconds):
        with httpx.Client(base_url=base, timeout=60.0) as client:
            yield client, seconds


def _post_function(client, name, *arguments):
    return client.post("/xlwings/custom-functions-call", json=office_payload(name, *arguments))


def test_every_function_is_tested_over_http():
    assert {c[0].upper() for c in GOOD} == {c[0].upper() for c in BAD} == set(EXCEL_FUNCTIONS)
    assert sorted(EXCEL_FUNCTIONS) == PINNED_NAMES


@pytest.mark.parametrize("arguments", GOOD, ids=lambda a: a[0])
def test_every_function_answers_over_http_as_in_process(server, arguments):
    client, _ = server
    answer = _post_function(client, *arguments)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"result": call(*arguments)}


@pytest.mark.parametrize("arguments", BAD, ids=lambda a: a[0])
def test_a_bad_argument_answers_200_with_the_danish_text_in_the_cell(server, arguments):
    client, _ = server
    answer = _post_function(client, *arguments)
    assert answer.status_code == 200, answer.text
    [[text]] = answer.json()["result"]
    assert text == call(*arguments)[0][0]
    assert isinstance(text, str) and "Traceback" not in text and not text.startswith("#")


def test_kaplan_meier_on_the_shipped_3343_row_range_equals_the_in_process_call(server):
    client, _ = server
    spells = table_range(SHIPPED, "Forloeb")
    assert len(spells) == 3343  # the header and 3,342 spells: the 3,343-row range
    answer = _post_function(client, "invest_kaplan_meier", spells, [[44196]], None, None)
    assert answer.status_code == 200
    assert answer.json() == {"result": call("invest_kaplan_meier", spells, [[44196]], None, None)}
    assert answer.json()["result"][0] == ["Uge", "indsats", "målgruppe"]


def test_fast_cleaning_changes_no_value_of_any_kind_of_cell(monkeypatch):
    from xlwings.pro import _xlofficejs
    from invest_xl.excel.server_app import fast_cleaning

    cells = [["", None, 1.5, 2, "tekst", True, NA], [0.0, "", "", "#N/A", False, -1e300, "2020-01-01"]]
    arguments = ("invest_portfolio", cells, [["Budget"]])
    before = _xlofficejs.Engine.clean_value_data(cells, None, None, None, True), call(*arguments)
    monkeypatch.setattr(_xlofficejs, "_is_jsnull", _xlofficejs._is_jsnull)  # restored afterwards
    assert fast_cleaning() is True
    assert (_xlofficejs.Engine.clean_value_data(cells, None, None, None, True), call(*arguments)) == before


def test_an_fte_table_of_20000_rows_is_answered_as_in_process(server, monkeypatch):
    from xlwings.pro import _xlofficejs
    from invest_xl.excel.server_app import fast_cleaning

    monkeypatch.setattr(_xlofficejs, "_is_jsnull", _xlofficejs._is_jsnull)  # restored afterwards
    fast_cleaning()  # the in-process side too, or it alone takes 20 s (the check above keeps it honest)
    client, _ = server
    table = REDUCTIONS[:1] + [[("kontanthjælp", "a-dagpenge")[n % 2], 2020 + n % 4, 0.01 * (n % 7),
                               120900 + n % 13, "30%"] for n in range(20000)]
    answer = _post_function(client, "invest_fte_savings", table, [[2020]], [[4]], None, None)
    assert answer.status_code == 200
    expected = call("invest_fte_savings", table, [[2020]], [[4]], None, None)
    assert answer.json() == {"result": expected} and expected[0] == ["År", 2020, 2021, 2022, 2023]


@pytest.mark.parametrize("body, words", [
    (b"not json", "ikke gyldig JSON"),
    (b"[1, 2]", "JSON-objekt"),
    (b'{"func_name": "invest_curve"}', "mangler args"),
    (None, "ukendt funktion 'os_system'"),
    (None, "mellem 2 og 4 argumenter"),
    (None, "argument 1 skal være en celle"),
    (None, "argument 2 skal være en celle"),
])
def test_unknown_functions_and_malformed_bodies_get_400_with_a_message(server, body, words):
    client, _ = server
    if body is None:
        payload = {"ukendt funktion 'os_system'": office_payload("os_system", [[1]]),
                   "mellem 2 og 4 argumenter": office_payload("invest_curve", WEEKS),
                   "argument 1 skal være en celle": office_payload("invest_curve", [[{"x": 1}]], TARGET),
                   "argument 2 skal være en celle": office_payload("invest_curve", WEEKS, [[1], [2, 3]]),
                   }[words]
        answer = client.post("/xlwings/custom-functions-call", json=payload)
    else:
        answer = client.post("/xlwings/custom-functions-call", content=body,
                             headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.text.startswith("Ugyldig forespørgsel:") and words in answer.text
    # the connection and the server are still there for the next good call
    assert _post_function(client, "invest_net_unit_cost", [[100]], [[0.5]]).json() == {"result": [[50.0]]}


def _in_process_actions(script: str) -> list[dict]:
    book = book_from_file(SHIPPED)
    asyncio.run(xlwings.server.custom_scripts_call(invest_xl_udfs, script, typehint_to_value={xw.Book: book}))
    return book.json()["actions"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_both_buttons_send_the_same_actions_over_http_as_in_process(server, script):
    client, _ = server
    answer = client.post(f"/xlwings/custom-scripts-call/{script}", json=book_json(SHIPPED))
    assert answer.status_code == 200, answer.text
    actions = answer.json()["actions"]
    assert actions == _in_process_actions(script)
    assert any(a["func"] == "setFormula" for a in actions)


def _client_actions() -> set[str]:
    """The action names the installed xlwings Server's Office.js client can carry out."""
    import xlwings_server

    index = Path(xlwings_server.__file__).parent / "static/js/custom-scripts/index.js"
    block = re.search(r"let funcs = \{(.*?)\n\};", index.read_text(), re.S).group(1)
    return set(re.findall(r"^\s*(\w+):", block, re.M))


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_action_of_both_buttons_is_one_the_office_js_client_carries_out(script):
    used = {a["func"] for a in _in_process_actions(script)}
    supported = _client_actions()
    assert {"setFormula", "addChart", "setNumberFormat"} <= supported
    assert used <= supported, used - supported


def test_a_button_with_a_broken_workbook_answers_an_alert_not_a_500(server):
    client, _ = server
    book = book_json(SHIPPED)
    for sheet in book["sheets"]:
        sheet["tables"] = []
    answer = client.post("/xlwings/custom-scripts-call/invest_refresh_followup", json=book)
    assert answer.status_code == 200
    actions = answer.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]


@pytest.mark.parametrize("path, body, words", [
    ("/xlwings/custom-scripts-call/hello_world", {"book": {}, "sheets": []}, "ukendt knap"),
    ("/xlwings/custom-scripts-call/invest_refresh_curves", {"sheets": []}, "'book' og 'sheets'"),
    ("/xlwings/custom-scripts-call/invest_refresh_curves", {"book": {}, "sheets": [1]}, "'sheets' skal"),
])
def test_unknown_or_malformed_script_calls_get_400(server, path, body, words):
    client, _ = server
    answer = client.post(path, json=body)
    assert answer.status_code == 400 and words in answer.text


def test_the_manifest_is_ours_and_names_this_host(server):
    client, _ = server
    text = client.get("/manifest.xml").text
    root = ET.fromstring(text)
    ns = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1",
          "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0"}
    assert root.find("o:Id", ns).text == MANIFEST_IDS["prod"]
    assert not XLWINGS_DEFAULT_IDS & set(MANIFEST_IDS.values())
    assert root.find("o:DisplayName", ns).get("DefaultValue") == "invest-xl"
    strings = {s.get("id"): s.get("DefaultValue") for s in root.iter(f"{{{ns['bt']}}}String")}
    assert strings["Functions.Namespace"] == "INVEST"
    assert strings["RefreshFollowup.Label"] == "Opdater opfølgning"
    assert strings["RefreshCurves.Label"] == "Opdater kurver"
    base = str(client.base_url).rstrip("/")
    urls = {u.get("id"): u.get("DefaultValue") for u in root.iter(f"{{{ns['bt']}}}Url")}
    assert urls["Taskpane.Url"] == f"{base}/taskpane.html"
    assert urls["Functions.Metadata.Url"] == f"{base}/xlwings/custom-functions-meta.json"
    icons = [i.get("DefaultValue") for i in root.iter(f"{{{ns['bt']}}}Image") if i.get("id")]
    assert icons and all("/invest-xl-" in i for i in icons)
    assert all(client.get(i).status_code == 200 for i in icons)
    assert "xlwings.org" not in text and "hello-ribbon" not in text


def test_behind_a_tls_proxy_the_manifest_names_https(server):
    client, _ = server
    text = client.get("/manifest.xml", headers={"X-Forwarded-Proto": "https"}).text
    assert "https://127.0.0.1:" in text and "http://127.0.0.1:" not in text


def test_the_function_list_served_names_our_functions(server):
    client, _ = server
    functions = client.get("/xlwings/custom-functions-meta.json").json()["functions"]
    assert sorted(f["name"] for f in functions) == PINNED_NAMES
    code = client.get("/xlwings/custom-functions-code.js").text
    assert all(f'CustomFunctions.associate("{name}"' in code for name in PINNED_NAMES)


def test_the_task_pane_and_the_ribbon_call_both_button_scripts(server):
    client, _ = server
    pane = client.get("/taskpane.html").text
    assert all(f'xw-click="{script}"' in pane for script in SCRIPTS)
    assert "Opdater opfølgning" in pane and "Opdater kurver" in pane
    ribbon = client.get("/static/js/ribbon.js").text
    assert all(f'"{script}"' in ribbon for script in SCRIPTS) and "hello_world" not in ribbon


def _refused(*extra, **env) -> subprocess.CompletedProcess:
    return subprocess.run(server_command(free_port(), *extra), env=server_env(**env),
                          capture_output=True, text=True, timeout=120)


def test_an_empty_function_list_refuses_to_start_in_danish(tmp_path):
    (tmp_path / "udfs").mkdir()
    (tmp_path / "udfs" / "invest_xl_udfs.py").write_text('"""No functions at all."""\n')
    result = _refused(INVEST_XL_HOME=str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert "Fejl: serveren ville tilbyde en anden funktionsliste" in result.stderr
    assert "INVEST_PORTFOLIO" in result.stderr and "Traceback" not in result.stderr


def test_a_function_list_with_an_extra_name_refuses_to_start(tmp_path):
    (tmp_path / "udfs").mkdir()
    (tmp_path / "udfs" / "invest_xl_udfs.py").write_text(
        (REPO / "udfs" / "invest_xl_udfs.py").read_text(encoding="utf-8")
        + "\n\n@xw.func\ndef invest_extra(x):\n    return x\n", encoding="utf-8")
    result = _refused(INVEST_XL_HOME=str(tmp_path))
    assert result.returncode == 2 and "ekstra: INVEST_EXTRA" in result.stderr, result.stderr


def test_a_busy_port_is_refused_in_danish():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(server_command(port), env=server_env(), capture_output=True,
                                text=True, timeout=120)
    assert result.returncode == 2 and f"kan ikke lytte på 127.0.0.1:{port}" in result.stderr


def test_https_with_a_certificate_folder(tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(tmp_path / "localhost-key.pem"), "-out", str(tmp_path / "localhost.pem")],
                   check=True, capture_output=True)
    trusted = ssl.create_default_context(cafile=str(tmp_path / "localhost.pem"))
    with running_server("--certs", str(tmp_path), scheme="https", verify=trusted) as (base, _):
        with httpx.Client(base_url=base, verify=trusted) as client:
            assert "https://127.0.0.1:" in client.get("/manifest.xml").text
            answer = _post_function(client, "invest_net_unit_cost", [[120900]], [["30 %"]])
            assert answer.json() == {"result": [[pytest.approx(84630.0)]]}


@pytest.mark.parametrize("argv, words", [
    (["serve", "--port", "70000"], "--port skal være mellem 1 og 65535"),
    (["serve", "--certs", "/no/such/folder"], "--certs: mappen /no/such/folder findes ikke"),
    (["serve", "--port", "otte"], "'otte' er ikke et tal"),
])
def test_serve_refuses_bad_options_with_exit_2_and_danish(argv, words, capsys):
    from invest_xl.cli import main

    assert main(argv) == 2
    assert words in capsys.readouterr().err


def test_a_certificate_folder_without_a_pair_is_refused(tmp_path):
    from invest_xl.cli import main

    (tmp_path / "localhost.pem").write_text("not a certificate")
    (tmp_path / "localhost-key.pem").write_text("not a key")
    assert main(["serve", "--certs", str(tmp_path)]) == 2
    (tmp_path / "localhost.pem").unlink()
    assert main(["serve", "--certs", str(tmp_path)]) == 2
