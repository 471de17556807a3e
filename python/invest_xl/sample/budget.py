"""The bundled sample: Norddjurs Kommune's five investment cases of budget 2020-2023.

The figures live in data/norddjurs_budget_2020.json (from the seeds' published
tables); the workbook in xlsx/ is built from them by scripts/build_workbooks.py.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from invest_xl.budget.booking import booked_amounts
from invest_xl.budget.model import BUDGET, Amount, Budget, Case, Settings
from openpyxl.styles import Font

from invest_xl.workbook import contract
from invest_xl.workbook.budget_writer import add_table, add_tables, budget_workbook
from invest_xl.workbook.files import save_atomically
from invest_xl.survival.synthetic import make_spells
from invest_xl.workbook.tables import Column, TableSchema

SAMPLE_WORKBOOK_NAME = "budget_2020-2023.xlsx"


def sample_data() -> dict:
    """The raw sample figures as stored in the package."""
    text = resources.files("invest_xl.sample").joinpath("data/norddjurs_budget_2020.json").read_text("utf-8")
    return json.loads(text)


def sample_budget() -> Budget:
    """The sample as a Budget: budget figures, the stated totals beside them, and the
    (illustrative) amounts booked per year."""
    data = sample_data()
    s = data["settings"]
    settings = Settings(price_level=s["Prisniveau"], unit=s["Enhed"],
                        source=f"Kilde: {s['Kilde']}", prudence_share=s["Forsigtighed"],
                        closed_years=frozenset(int(y) for y in str(s["Lukkede år"]).split(",") if y.strip()))
    cases = tuple(Case(c["number"], c["name"], c["target_group_fte"], c["intervention_group_fte"])
                  for c in data["cases"])
    amounts = tuple(Amount(int(case), year, kind, BUDGET, value)
                    for case, kinds in data["budget"].items()
                    for kind, values in kinds.items()
                    for year, value in zip(data["years"], values))
    booked = data.get("booked", {}).get("Indregnet")
    return Budget(cases=cases, amounts=amounts, settings=settings,
                  booked=None if not booked else booked_amounts(*zip(*booked)))


DATE_FORMAT = "dd-mm-yyyy"
SPELLS_SHEET = "Forløb (syntetisk)"
SPELLS_TABLE = "Forloeb"
SPELLS_NOTE = ("SYNTETISKE DATA – ingen rigtige personer. Eksempel på forløb (ét pr. række) "
               "til overlevelseskurver; lavet af scripts/make_synthetic_spells.py (seed 20201).")


def add_synthetic_spells(workbook) -> None:
    """Add the synthetic spells as the table Forloeb on their own sheet, marked as synthetic."""
    sheet = workbook.create_sheet(SPELLS_SHEET)
    sheet["A1"] = SPELLS_NOTE
    sheet["A1"].font = Font(name="Calibri", bold=True, color="C00000")
    header, *rows = make_spells()
    dated = [[_date_or_text(v) for v in row] for row in rows]
    add_table(sheet, TableSchema(SPELLS_TABLE, tuple(Column(h, h, str) for h in header)),
              dated, top_left=(3, 1), widths={"start": 12, "slut": 12},
              number_formats={"start": DATE_FORMAT, "slut": DATE_FORMAT})


def _date_or_text(value):
    """ISO date text as a real date (Excel shows it as a date); blank as an empty cell."""
    if value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def sample_savings_tables() -> tuple[dict[int, dict[str, object]], list[tuple]]:
    """The sample's savings inputs: Sager's Metode/Forsigtighed per case, and the
    (schema, rows) of the FTE tables and the price index (see the data file's source)."""
    data = sample_data()["savings_inputs"]
    case_values = {int(number): values for number, values in data["Sager"].items()}
    return case_values, [(schema, data[schema.name]) for schema in contract.SAVINGS_TABLES
                         if schema.name in data]


def write_sample_workbook(path: str | Path) -> Path:
    """Write the sample budget workbook to `path` (atomically), synthetic spells included."""
    case_values, tables = sample_savings_tables()
    workbook = budget_workbook(sample_budget(), case_values)
    add_tables(workbook, tables)
    add_synthetic_spells(workbook)
    return save_atomically(workbook, path)


@contextmanager
def bundled_sample():
    """A fresh copy of the sample budget workbook, for the CLI's default input.

    It lives in a temporary folder that is removed when the block ends.
    """
    with tempfile.TemporaryDirectory(prefix="invest-xl-sample-") as folder:
        yield write_sample_workbook(Path(folder) / SAMPLE_WORKBOOK_NAME)
