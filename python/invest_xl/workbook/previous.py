"""Reading back an earlier follow-up's own figures from its hidden sheet "Opfølgningsdata".

The one reader of that sheet (written by layout.changes.data_layout). The file is a
follow-up this tool wrote; Excel may have opened and saved it since, which keeps cell
values. A file without the sheet, or with cells that are not ours, is a Danish message.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from invest_xl import labels
from invest_xl.errors import InvestXLError
from invest_xl.layout.changes import DATA_HEADER_ROW, FollowupFigures
from invest_xl.workbook.contract import parse_kind, parse_status
from invest_xl.workbook.cells import CellValueError
from invest_xl.workbook.files import open_workbook


def read_previous(path: str | os.PathLike) -> FollowupFigures:
    """The figures, names, date and period nets of the follow-up workbook at `path`."""
    path = Path(path)
    workbook = open_workbook(path)
    if labels.FOLLOWUP_DATA_SHEET not in workbook.sheetnames:
        raise InvestXLError(f"{path.name} er ikke en opfølgning skrevet af invest-xl (arket "
                            f"'{labels.FOLLOWUP_DATA_SHEET}' mangler); giv --previous en tidligere "
                            "opfølgning, ikke budgettet.")
    sheet = workbook[labels.FOLLOWUP_DATA_SHEET]
    try:
        made_on = dt.date.fromisoformat(str(sheet["B1"].value))
        nets = float(sheet["B2"].value), float(sheet["C2"].value)
        names, figures = {}, {}
        for row in sheet.iter_rows(min_row=DATA_HEADER_ROW + 1, max_col=6, values_only=True):
            if all(v is None for v in row):
                continue
            case, name, year, kind, status, value = row
            names[int(case)] = str(name)
            figures[int(case), int(year), parse_kind(kind), parse_status(status)] = float(value)
    except (TypeError, ValueError, CellValueError) as error:
        raise InvestXLError(f"Arket '{labels.FOLLOWUP_DATA_SHEET}' i {path.name} er ændret og kan "
                            f"ikke læses ({error}); lav opfølgningen igen med invest-xl.") from None
    return FollowupFigures(made_on, names, figures, *nets)
