"""Writing the follow-up part by part: every part of the budget we do not own stays as it was.

The budgets here are built with XlsxWriter and hold what openpyxl would lose on a
round trip (a chart, an image, a text box, a comment, a data validation, defined names
incl. a sheet-local one) and, as .xlsm, xlwings' standalone VBA project with a button.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import posixpath
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from invest_xl.workbook.ownership import marker_name
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.cell import range_boundaries
from PIL import Image

from invest_xl.workbook.budget_writer import budget_workbook
from invest_xl.errors import InvestXLError
from invest_xl.labels import FOLLOWUP_SHEET
from invest_xl.layout.followup import followup_layout
from invest_xl.layout.model import AMOUNT_FORMAT
from invest_xl.workbook.ooxml.package import replace_sheet
from invest_xl.sample.budget import sample_budget
from invest_xl.jobs import write_followup
from invest_xl.layout.openpyxl_render import rendered_sheet
from spreadsheet import NO_LIBREOFFICE, recalculate, soffice

TOUCHED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
OLD_FORMAT = '0.0 "kr."'
_XLWINGS = importlib.util.find_spec("xlwings")  # found, not imported: xlwings fixes its mode at import
QUICKSTART = (Path(_XLWINGS.origin).parent / "quickstart_standalone.xlsm") if _XLWINGS else None


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _budget_book(path: Path, *, followup_in_the_middle: bool = False) -> Path:
    """The sample budget as XlsxWriter tables, plus sheets with things openpyxl loses."""
    book = xlsxwriter.Workbook(str(path))
    if path.suffix == ".xlsm":
        with zipfile.ZipFile(QUICKSTART) as archive:
            vba = path.with_name("vbaProject.bin")
            vba.write_bytes(archive.read("xl/vbaProject.bin"))
        book.add_vba_project(str(vba))
        book.set_vba_name("ThisWorkbook")
    date_format = book.add_format({"num_format": "dd-mm-yyyy"})
    for sheet in budget_workbook(sample_budget()).worksheets:
        target = book.add_worksheet(sheet.title)
        for table in sheet.tables.values():
            first_col, first_row, last_col, last_row = range_boundaries(table.ref)
            headers = [sheet.cell(first_row, c).value for c in range(first_col, last_col + 1)]
            target.add_table(first_row - 1, first_col - 1, last_row - 1, last_col - 1,
                             {"name": table.displayName, "columns": [{"header": h} for h in headers]})
        for row in sheet.iter_rows(min_row=1):
            for cell in row:
                value = cell.value
                if value is None:
                    continue
                if isinstance(value, (dt.date, dt.datetime)):
                    target.write_datetime(cell.row - 1, cell.column - 1, value, date_format)
                elif isinstance(value, str):
                    target.write_string(cell.row - 1, cell.column - 1, value)
                else:
                    target.write(cell.row - 1, cell.column - 1, value)
    if followup_in_the_middle:
        old = book.add_worksheet(FOLLOWUP_SHEET)
        old.write_string(0, 0, "gammel opfølgning")
        old.write_column(1, 0, [1, 2, 3])
        old_chart = book.add_chart({"type": "line"})
        old_chart.add_series({"values": f"='{FOLLOWUP_SHEET}'!$A$2:$A$4"})
        old.insert_chart("C2", old_chart)
        book.define_name(marker_name(FOLLOWUP_SHEET), f"='{FOLLOWUP_SHEET}'!$A$1")  # ours
    extra = book.add_worksheet("Grafer")
    money = book.add_format({"num_format": OLD_FORMAT})
    extra.write_column(0, 0, [1.5, 2, 3, 4, 5], money)
    extra.write_formula(0, 1, "=SUM(A1:A5)", None, 15.5)
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "=Grafer!$A$1:$A$5", "name": "Beløb"})
    extra.insert_chart("D2", chart)
    image = path.with_name("logo.png")
    Image.new("RGB", (8, 8), (200, 30, 30)).save(image)
    extra.insert_image("D20", str(image))
    extra.insert_textbox("K2", "Tekstboks, som openpyxl ikke kender")
    extra.write_comment("A1", "En kommentar")
    extra.data_validation("C1", {"validate": "list", "source": ["Ja", "Nej"]})
    book.define_name("Rente", "=Grafer!$A$1")
    book.define_name("Grafer!Lokal", "=Grafer!$A$2")
    if followup_in_the_middle:
        after = book.add_worksheet("Efter")
        after.write_formula(0, 0, f"='{FOLLOWUP_SHEET}'!A1")
        book.define_name("Efter!Lokal", "=Efter!$A$1")
    if path.suffix == ".xlsm":
        extra.set_vba_name("Sheet1")
        extra.insert_button("H20", {"macro": "SampleCall", "caption": "Kør"})
    book.close()
    return path


def _assert_kept(before: dict[str, bytes], after: dict[str, bytes], removed=()) -> None:
    """Every part but the touched ones is byte-identical and in its old order."""
    kept = [name for name in before if name not in removed]
    assert [name for name in after if name in before and name not in removed] == kept
    changed = [name for name in kept if name not in TOUCHED and after[name] != before[name]]
    assert changed == []


def _targets(members: dict[str, bytes], part: str) -> list[str]:
    """The parts `part`'s relationships point at (relative targets, as XlsxWriter writes them)."""
    folder, name = posixpath.split(part)
    rels = members.get(posixpath.join(folder, "_rels", name + ".rels"), b"").decode()
    return [posixpath.normpath(posixpath.join(folder, t)) for t in re.findall(r'Target="([^"]+)"', rels)]


def _parts_of_sheet(members: dict[str, bytes], sheet_name: str) -> set[str]:
    """The sheet's part, its rels and the drawing/chart parts below it."""
    book = members["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet name="{sheet_name}" sheetId="\d+" r:id="(rId\d+)"', book).group(1)
    rels = members["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'Id="{rid}" Type="[^"]+" Target="([^"]+)"', rels).group(1)
    found, queue = set(), ["xl/" + target]
    while queue:
        part = queue.pop()
        found.add(part)
        folder, name = posixpath.split(part)
        if posixpath.join(folder, "_rels", name + ".rels") in members:
            found.add(posixpath.join(folder, "_rels", name + ".rels"))
        queue += [t for t in _targets(members, part) if t in members and t not in found]
    return found


def _rezip(members: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _assert_consistent(members: dict[str, bytes]) -> None:
    """What Excel "repairs" a file for: a relationship to a missing part, a part without
    a content type, an override for a missing part."""
    types = members["[Content_Types].xml"].decode()
    overrides = {name.lstrip("/") for name in re.findall(r'<Override PartName="([^"]+)"', types)}
    defaults = set(re.findall(r'<Default Extension="([^"]+)"', types))
    assert overrides <= set(members)
    for name in members:
        assert name in overrides or name.rsplit(".", 1)[-1] in defaults, name
        if name.endswith(".rels"):
            folder = posixpath.dirname(posixpath.dirname(name))
            for rel in re.findall(r"<Relationship [^>]*>", members[name].decode()):
                if 'TargetMode="External"' in rel:
                    continue
                target = re.search(r'Target="([^"]+)"', rel).group(1)
                path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                assert path in members, (name, target)


DATA_SHEET = "Opfølgningsdata"  # our hidden sheet of the follow-up's own figures


def _values(path: Path) -> dict[str, dict[str, object]]:
    workbook = openpyxl.load_workbook(path)
    return {sheet.title: {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row}
            for sheet in workbook.worksheets if sheet.title not in (FOLLOWUP_SHEET, DATA_SHEET)}


def _assert_followup_cells(path: Path, layout) -> None:
    sheet = openpyxl.load_workbook(path)[FOLLOWUP_SHEET]
    for item in layout.cells:
        cell = sheet.cell(item.row, item.column)
        if isinstance(cell, MergedCell):  # openpyxl reads no style for covered cells
            continue
        assert cell.value == (item.formula if item.formula is not None else item.value), item.address
        if item.style.number_format:
            assert cell.number_format == item.style.number_format, item.address
        assert bool(cell.font.b) == item.style.bold, item.address


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_followup_leaves_every_other_part_byte_identical(tmp_path, suffix):
    if suffix == ".xlsm" and QUICKSTART is None:
        pytest.skip("xlwings is not installed")
    source = _budget_book(tmp_path / f"budget{suffix}")
    _, layout, written = write_followup(source, tmp_path / f"opfoelgning{suffix}")
    before, after = _members(source), _members(written)
    _assert_kept(before, after)
    _assert_consistent(after)
    assert "xl/drawings/drawing1.xml" in before and "xl/media/image1.png" in before
    assert _values(written) == _values(source)
    workbook = openpyxl.load_workbook(written, keep_vba=suffix == ".xlsm")
    assert workbook.sheetnames[-2:] == [FOLLOWUP_SHEET, DATA_SHEET]
    assert workbook[DATA_SHEET].sheet_state == "hidden"
    assert workbook.sheetnames[:-2] == openpyxl.load_workbook(source).sheetnames
    assert workbook.defined_names["Rente"].attr_text == "Grafer!$A$1"
    assert workbook["Grafer"].defined_names["Lokal"].attr_text == "Grafer!$A$2"
    assert workbook["Grafer"]["A1"].number_format == OLD_FORMAT
    _assert_followup_cells(written, layout)
    if suffix == ".xlsm":
        assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
        assert b"macroEnabled" in after["[Content_Types].xml"]


def test_the_new_sheet_brings_its_chart_under_free_names(tmp_path):
    source = _budget_book(tmp_path / "budget.xlsx")
    _, layout, written = write_followup(source, tmp_path / "out.xlsx")
    assert layout.charts, "the follow-up layout has charts"
    before, after = _members(source), _members(written)
    new = sorted(set(after) - set(before))
    assert any(name.startswith("xl/charts/chart") for name in new)
    assert any(name.startswith("xl/drawings/drawing") for name in new)
    types = after["[Content_Types].xml"].decode()
    for name in new:
        if not name.endswith(".rels"):
            assert f'PartName="/{name}"' in types
    sheet = openpyxl.load_workbook(written)[FOLLOWUP_SHEET]
    assert len(sheet._charts) == len(layout.charts)


def test_regenerating_replaces_the_sheet_and_changes_nothing_else(tmp_path):
    source = _budget_book(tmp_path / "budget.xlsx")
    _, _, first = write_followup(source, tmp_path / "first.xlsx")
    _, _, second = write_followup(first, tmp_path / "second.xlsx")
    once, twice = _members(first), _members(second)
    assert list(twice) == list(once)
    assert [name for name in once if twice[name] != once[name]] == []
    assert openpyxl.load_workbook(second).sheetnames.count(FOLLOWUP_SHEET) == 1


def test_an_earlier_sheet_keeps_its_place_and_local_names_their_sheets(tmp_path):
    source = _budget_book(tmp_path / "budget.xlsx", followup_in_the_middle=True)
    _, layout, written = write_followup(source, tmp_path / "out.xlsx")
    before, after = _members(source), _members(written)
    old_sheet = openpyxl.load_workbook(source)
    assert openpyxl.load_workbook(written).sheetnames == old_sheet.sheetnames + [DATA_SHEET]
    old_parts = _parts_of_sheet(before, FOLLOWUP_SHEET)
    assert any("chart" in name for name in old_parts)
    assert all(b"gammel" not in after.get(name, b"") for name in old_parts)
    _assert_kept(before, after, removed=old_parts)
    _assert_consistent(after)
    workbook = openpyxl.load_workbook(written)
    assert workbook["Efter"].defined_names["Lokal"].attr_text == "Efter!$A$1"
    assert workbook["Grafer"].defined_names["Lokal"].attr_text == "Grafer!$A$2"
    # the user's local names keep their sheets; ours (print titles) is added for our sheet
    ours = rb'<definedName name="_xlnm.Print_Titles" localSheetId="\d+">[^<]*</definedName>'
    assert re.findall(rb'localSheetId="\d+"', re.sub(ours, b"", after["xl/workbook.xml"])) == \
        re.findall(rb'localSheetId="\d+"', before["xl/workbook.xml"])
    position = openpyxl.load_workbook(written).sheetnames.index(FOLLOWUP_SHEET)
    assert re.findall(rb'name="_xlnm.Print_Titles" localSheetId="(\d+)"', after["xl/workbook.xml"]) == \
        [str(position).encode()]
    _assert_followup_cells(written, layout)
    assert _values(written) == _values(source)


def test_a_drawing_another_sheet_also_uses_stays(tmp_path):
    source = _budget_book(tmp_path / "budget.xlsx", followup_in_the_middle=True)
    members = _members(source)
    drawing = next(p for p in _parts_of_sheet(members, FOLLOWUP_SHEET) if p.startswith("xl/drawings/d"))
    grafer = next(p for p in _parts_of_sheet(members, "Grafer") if p.startswith("xl/worksheets/_rels/"))
    members[grafer] = members[grafer].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/drawing" Target="../drawings/' + posixpath.basename(drawing).encode() +
        b'"/></Relationships>')
    shared = _rezip(members, tmp_path / "shared.xlsx")
    layout = followup_layout(sample_budget())
    written = tmp_path / "out.xlsx"
    written.write_bytes(replace_sheet(shared, rendered_sheet(layout), layout.name))
    old_sheet = {p for p in _parts_of_sheet(members, FOLLOWUP_SHEET) if p.startswith("xl/worksheets/")}
    _assert_kept(members, _members(written), removed=old_sheet)  # the drawing and its chart stay
    _assert_consistent(_members(written))
    assert openpyxl.load_workbook(written).sheetnames.count(FOLLOWUP_SHEET) == 1


def _with_calc_chain(path: Path) -> Path:
    """`path` with a calcChain part, as Excel writes one, naming cells of every sheet."""
    members = _members(path)
    members["xl/calcChain.xml"] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                   b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                   b'<c r="B1" i="1"/></calcChain>')
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.calcChain+xml"/></Types>')
    return _rezip(members, path.with_name("with-calc-chain" + path.suffix))


def test_calc_chain_is_removed_with_its_relationship_and_content_type(tmp_path):
    source = _with_calc_chain(_budget_book(tmp_path / "budget.xlsx"))
    _, _, written = write_followup(source, tmp_path / "out.xlsx")
    after = _members(written)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in after["[Content_Types].xml"]
    assert b'fullCalcOnLoad="1"' in after["xl/workbook.xml"]
    _assert_kept(_members(source), after, removed={"xl/calcChain.xml"})
    _assert_consistent(after)


def test_custom_number_formats_get_new_ids_and_styles_are_appended_once(tmp_path):
    source = _budget_book(tmp_path / "budget.xlsx")
    _, _, first = write_followup(source, tmp_path / "first.xlsx")
    styles = _members(first)["xl/styles.xml"].decode()
    ids = re.findall(r'numFmtId="(\d+)" formatCode="([^"]*)"', styles)
    assert len({i for i, _ in ids}) == len(ids)
    assert AMOUNT_FORMAT in {code for _, code in ids}
    count = int(re.search(r'<cellXfs count="(\d+)"', styles).group(1))
    assert count == styles.count("<xf ", styles.index("<cellXfs"), styles.index("</cellXfs>"))


@pytest.mark.skipif(QUICKSTART is None, reason="xlwings is not installed")
def test_excel_made_xlsm_keeps_its_parts_and_its_namespace_declarations(tmp_path):
    layout = followup_layout(sample_budget())
    written = tmp_path / "quickstart.xlsm"
    written.write_bytes(replace_sheet(QUICKSTART, rendered_sheet(layout), layout.name))
    before, after = _members(QUICKSTART), _members(written)
    _assert_kept(before, after)
    _assert_consistent(after)
    for part in TOUCHED:
        start = re.search(rb"<[^?][^>]*>", after[part]).group(0)
        ignorable = re.search(rb'mc:Ignorable="([^"]*)"', start)
        for prefix in (ignorable.group(1).split() if ignorable else []):
            assert b"xmlns:" + prefix + b"=" in start, (part, prefix)
    workbook = openpyxl.load_workbook(written, keep_vba=True)
    assert workbook.sheetnames == ["Sheet1", "_xlwings.conf", FOLLOWUP_SHEET]
    _assert_followup_cells(written, layout)


def test_a_rendered_sheet_of_another_name_is_refused(tmp_path):
    layout = followup_layout(sample_budget())
    with pytest.raises(ValueError):
        replace_sheet(_budget_book(tmp_path / "budget.xlsx"), rendered_sheet(layout), "Andet ark")


def test_xml_entities_in_the_workbook_are_refused(tmp_path):
    source = _budget_book(tmp_path / "budget.xlsx")
    members = _members(source)
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b"?>", b'?><!DOCTYPE workbook [<!ENTITY a "aaaa">]>', 1)
    hostile = _rezip(members, tmp_path / "hostile.xlsx")
    layout = followup_layout(sample_budget())
    with pytest.raises(InvestXLError, match="afvises"):
        replace_sheet(hostile, rendered_sheet(layout), layout.name)


def test_target_open_in_excel_or_the_input_itself_is_refused(tmp_path):
    source = _budget_book(tmp_path / "budget.xlsx")
    (tmp_path / "~$out.xlsx").write_bytes(b"owner")
    with pytest.raises(InvestXLError, match="åben i Excel"):
        write_followup(source, tmp_path / "out.xlsx")
    with pytest.raises(InvestXLError, match="overskrive inddata"):
        write_followup(source, source)
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.skipif(soffice() is None, reason=NO_LIBREOFFICE)
@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_libreoffice_loads_the_result_and_recalculates_the_totals(tmp_path, suffix):
    if suffix == ".xlsm" and QUICKSTART is None:
        pytest.skip("xlwings is not installed")
    source = _budget_book(tmp_path / f"budget{suffix}", followup_in_the_middle=True)
    _, layout, first = write_followup(source, tmp_path / f"first{suffix}")
    _, _, written = write_followup(first, tmp_path / f"opfoelgning{suffix}")
    workbook = openpyxl.load_workbook(recalculate(written, tmp_path), data_only=True)
    values = {cell.coordinate: cell.value for row in workbook[FOLLOWUP_SHEET].iter_rows() for cell in row}
    assert [c for c, v in values.items() if isinstance(v, str) and v.startswith("#")] == []
    nets = [round(values[layout.anchors[f"net_budget_{y}"]], 3) for y in (2020, 2021, 2022, 2023)]
    assert nets == [-1.629, -6.765, -13.358, -18.208]
    assert workbook["Grafer"]["B1"].value == pytest.approx(15.5)
    assert workbook["Efter"]["A1"].value == values["A1"]


@pytest.mark.skipif(soffice() is None, reason=NO_LIBREOFFICE)
def test_a_budget_saved_by_libreoffice_keeps_its_parts(tmp_path):
    saved = recalculate(_budget_book(tmp_path / "budget.xlsx"), tmp_path)
    _, layout, written = write_followup(saved, tmp_path / "out.xlsx")
    _assert_kept(_members(saved), _members(written))
    _assert_followup_cells(written, layout)
    assert _values(written) == _values(saved)


def test_the_new_sheet_is_not_selected_beside_the_active_one(tmp_path):
    rendered = openpyxl.Workbook()
    rendered.active.title = FOLLOWUP_SHEET
    rendered.active["A1"] = "x"
    rendered.active.sheet_view.tabSelected = True
    stream = io.BytesIO()
    rendered.save(stream)
    written = tmp_path / "out.xlsx"
    written.write_bytes(replace_sheet(_budget_book(tmp_path / "budget.xlsx"), stream.getvalue(), FOLLOWUP_SHEET))
    after = _members(written)
    ours = _parts_of_sheet(after, FOLLOWUP_SHEET)
    assert [p for p in ours if p.startswith("xl/worksheets/sheet") and b"tabSelected" in after[p]] == []
