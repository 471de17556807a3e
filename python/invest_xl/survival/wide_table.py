"""The published wide table of curves: one row per period, one column per week.

Jobindsats and the municipalities' notes print survival curves as

    Periode;0 uger;4 uger;8 uger;13 uger;...;52 uger
    Gennemsnit 2017-2019;100,0 %;82,9 %;69,5 %;56,3 %;...;29,1 %
    1. halvår 2021;100,0 %;79,0 %;64,2 %;51,0 %;;;

with blanks where a young cohort is not yet observed, shares in % (or 0-1) with a
decimal comma. An optional column "Antal" (or "Kohorte", "N", "Personer") gives each
row's cohort size. The first column is the row's name. The same cells come from a CSV
file (";" or ","), the first sheet of an .xlsx/.xlsm with such a header, or a range, and
are read here once (`wide_curves`); each row becomes a points `Curve` of its observed
weeks (blanks left out), checked by `points.points_curve`.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from invest_xl.errors import InvestXLError
from invest_xl.formatting import fold
from invest_xl.survival.curve import Curve
from invest_xl.survival.points import points_curve
from invest_xl.workbook.cells import CellValueError, is_blank, parse_number
from invest_xl.workbook.text_files import read_text_file

_WEEK_HEADER = re.compile(r"^(?:uge\s*)?(\d+(?:[.,]\d+)?)\s*(?:uger|uge|weeks|week|u)?\.?$")
COHORT_HEADERS = ("antal", "kohorte", "kohortestoerrelse", "n", "personer", "cohort")


def week_of_header(header) -> float | None:
    """The week a column header names ("0 uger", "uge 13", "26", 52), or None."""
    if isinstance(header, (int, float)) and not isinstance(header, bool):
        return float(header)
    if not isinstance(header, str):
        return None
    match = _WEEK_HEADER.match(header.strip().lower())
    return float(match.group(1).replace(",", ".")) if match else None


def _header_row(rows: list[list]) -> int:
    for index, row in enumerate(rows):
        if sum(week_of_header(cell) is not None for cell in row[1:]) >= 2:
            return index
    raise InvestXLError("tabellen har ingen overskriftsrække med uger (fx '0 uger', '4 uger', ...)")


def _cohort_size(value, where: str) -> float | None:
    if is_blank(value):
        return None
    try:
        return parse_number(value)
    except CellValueError as error:
        raise InvestXLError(f"{where}: kolonnen 'Antal': {error.message}") from None


def wide_curves(rows: list[list], source: str = "tabellen") -> list[Curve]:
    """One points `Curve` per named row of a wide table's cells (header row first).

    Rows without a name and without any share are skipped; a row's blanks are weeks not
    yet observed. A bad cell is named by its row: "tabel.csv, række 3 (2021): ...".
    """
    rows = [list(row) for row in rows]
    head = _header_row(rows)
    header = rows[head]
    week_columns = [(i, week_of_header(cell)) for i, cell in enumerate(header) if i > 0
                    and week_of_header(cell) is not None]
    cohort_column = next((i for i, cell in enumerate(header) if i > 0 and isinstance(cell, str)
                          and fold(cell).strip() in COHORT_HEADERS), None)
    curves = []
    for number, row in enumerate(rows[head + 1:], start=head + 2):
        row = row + [None] * (len(header) - len(row))
        name = "" if is_blank(row[0]) else str(row[0]).strip()
        cells = [(week, row[i]) for i, week in week_columns if not is_blank(row[i])
                 and not (isinstance(row[i], str) and not row[i].strip())]
        if not name and not cells:
            continue
        where = f"{source}, række {number}" + (f" ({name})" if name else "")
        if not name:
            raise InvestXLError(f"{where}: rækken har ingen periode i første kolonne")
        if not cells:
            raise InvestXLError(f"{where}: rækken har ingen andele")
        size = None if cohort_column is None else _cohort_size(row[cohort_column], where)
        try:
            curve = points_curve([w for w, _ in cells], [v for _, v in cells], size, label=name)
        except InvestXLError as error:
            raise InvestXLError(f"{where}: {error.message}") from None
        curves.append(curve)
    if not curves:
        raise InvestXLError(f"{source} har ingen rækker med kurver under overskrifterne")
    names = [fold(c.label) for c in curves]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise InvestXLError(f"{source}: perioden '{curves[i].label}' står to gange")
    return curves


def looks_wide(path) -> bool:
    """True when a CSV's or workbook's first rows have a header with two or more weeks."""
    try:
        _header_row(_file_rows(Path(path)))
    except InvestXLError:
        return False
    return True


def _file_rows(path: Path) -> list[list]:
    if not path.exists():
        raise InvestXLError(f"filen {path} findes ikke")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from invest_xl.workbook.files import open_workbook

        workbook = open_workbook(path, data_only=True)
        for sheet in workbook.worksheets:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            try:
                _header_row(rows)
            except InvestXLError:
                continue
            return rows
        raise InvestXLError(f"{path.name} har intet ark med en overskriftsrække med uger")
    text = read_text_file(path)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise InvestXLError(f"{path.name} er tom")
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    return [list(r) for r in csv.reader(lines, delimiter=delimiter)]


def read_wide_table(path) -> list[Curve]:
    """The curves of a wide table in a CSV or .xlsx/.xlsm file (see the module)."""
    path = Path(path)
    return wide_curves(_file_rows(path), path.name)


def find_row(curves: list[Curve], name: str) -> Curve:
    """The row named `name` (case and spacing folded), or a message listing the rows."""
    for curve in curves:
        if fold(curve.label) == fold(name):
            return curve
    raise InvestXLError(f"perioden '{name}' findes ikke i tabellen (rækker: "
                        f"{', '.join(c.label for c in curves)})")
