"""The bundled samples: Norddjurs Kommune's five investment cases of budget 2020-2023,
and the FTE-method example after Jobcenter Lejre as a budget of its own.

The figures live in data/norddjurs_budget_2020.json (the budget from the seeds'
published tables, plus illustrative realised and expected figures) and
data/lejre_fte_example.json; the workbooks in xlsx/ are built from them by
scripts/build_workbooks.py.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from invest_xl.budget.booking import booked_amounts
from invest_xl.budget.model import BUDGET, REALIZED, Amount, Budget, Case, Settings
from openpyxl.styles import Font

from invest_xl.workbook import contract
from invest_xl.workbook.budget_writer import add_table, add_tables, budget_workbook
from invest_xl.workbook.files import save_atomically
from invest_xl.survival.synthetic import make_spells
from invest_xl.workbook.tables import Column, TableSchema

SAMPLE_WORKBOOK_NAME = "budget_2020-2023.xlsx"


FTE_EXAMPLE_WORKBOOK_NAME = "fte_eksempel_lejre.xlsx"
NORDDJURS_DATA = "data/norddjurs_budget_2020.json"
FTE_EXAMPLE_DATA = "data/lejre_fte_example.json"


def sample_data(name: str = NORDDJURS_DATA) -> dict:
    """The raw sample figures as stored in the package."""
    return json.loads(resources.files("invest_xl.sample").joinpath(name).read_text("utf-8"))


def _budget_from_data(data: dict) -> Budget:
    s = data["settings"]
    settings = Settings(price_level=s["Prisniveau"], unit=s["Enhed"],
                        source=f"Kilde: {s['Kilde']}", prudence_share=s["Forsigtighed"],
                        closed_years=frozenset(int(y) for y in str(s["Lukkede år"]).split(",") if y.strip()),
                        municipality=s.get("Kommune"))
    cases = tuple(Case(c["number"], c["name"], c["target_group_fte"], c["intervention_group_fte"],
                       c.get("note")) for c in data["cases"])
    amounts = [Amount(int(case), year, kind, BUDGET, value)
               for case, kinds in data["budget"].items()
               for kind, values in kinds.items()
               for year, value in zip(data["years"], values)]
    # the illustrative Realiseret (closed years) and Forventet (open years) figures
    for status, by_case in data.get("followup", {}).items():
        years = [y for y in data["years"] if (y in settings.closed_years) == (status == REALIZED)]
        amounts += [Amount(int(case), year, kind, status, value)
                    for case, kinds in by_case.items() for kind, values in kinds.items()
                    for year, value in zip(years, values)]
    booked = data.get("booked", {}).get("Indregnet")
    return Budget(cases=cases, amounts=tuple(amounts), settings=settings,
                  booked=None if not booked else booked_amounts(*zip(*booked)))


def sample_budget() -> Budget:
    """The Norddjurs sample: seed 002's budget figures and stated totals, illustrative
    Realiseret (2020) and Forventet (2021-2023) figures (see the data file's followup_source),
    and the (illustrative) amounts booked per year."""
    return _budget_from_data(sample_data())


def fte_example_budget() -> Budget:
    """The FTE-method example after Jobcenter Lejre (seed 001), a one-case budget of its own."""
    return _budget_from_data(sample_data(FTE_EXAMPLE_DATA))


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


def sample_savings_tables(name: str = NORDDJURS_DATA) -> tuple[dict[int, dict[str, object]], list[tuple]]:
    """A sample's savings inputs: Sager's Metode/Forsigtighed per case, and the
    (schema, rows) of the FTE tables and the price index (see the data file's source)."""
    data = sample_data(name)["savings_inputs"]
    case_values = {int(number): values for number, values in data["Sager"].items()}
    return case_values, [(schema, data[schema.name]) for schema in contract.SAVINGS_TABLES
                         if schema.name in data]


def write_sample_workbook(path: str | Path, *, wide: bool = True) -> Path:
    """Write the Norddjurs sample budget workbook to `path` (atomically), synthetic spells included.

    `Beloeb` is in the wide form (a column per year), as budgets are printed; `wide=False`
    writes the long form (a row per figure), which the reader takes as well.
    """
    case_values, tables = sample_savings_tables()
    workbook = budget_workbook(sample_budget(), case_values, wide=wide)
    add_tables(workbook, tables)
    add_synthetic_spells(workbook)
    return save_atomically(workbook, path)


def write_fte_example_workbook(path: str | Path) -> Path:
    """Write the FTE-method example (after Lejre) as a budget workbook of its own."""
    case_values, tables = sample_savings_tables(FTE_EXAMPLE_DATA)
    workbook = budget_workbook(fte_example_budget(), case_values, wide=True)
    add_tables(workbook, tables)
    return save_atomically(workbook, path)


@contextmanager
def bundled_sample():
    """A fresh copy of the sample budget workbook, for the CLI's default input.

    It lives in a temporary folder that is removed when the block ends.
    """
    with tempfile.TemporaryDirectory(prefix="invest-xl-sample-") as folder:
        yield write_sample_workbook(Path(folder) / SAMPLE_WORKBOOK_NAME)
