"""Reading the savings inputs of a budget workbook: methods, FTE and curve tables, price index.

The border for issue 4's tables (see contract.py and docs/workbook-contract.md): cells
become typed inputs or one message naming the table, sheet, row and what is wrong.
Every table is optional; a case whose Metode asks for a method must have its inputs.
"""

from __future__ import annotations

from collections import defaultdict

from invest_xl.workbook import contract
from invest_xl.budget.model import Budget
from invest_xl.errors import InvestXLError
from invest_xl.savings.curve_method import CurveInput
from invest_xl.savings.cases import FteInput, SavingsInputs
from invest_xl.savings.fte_method import BenefitLine
from invest_xl.formatting import short_number
from invest_xl.savings.price_levels import PL, SATS, PriceIndex
from invest_xl.savings.refund import RefundRule, refund_rule
from invest_xl.formatting import fold
from invest_xl.workbook.curve_tables import INTERVENTION, TARGET, curves_by_case
from invest_xl.workbook.tables import TableError, read_table


def _known_case(schema, row, known: set[int]) -> int:
    case = row["case"]
    if case not in known:
        raise TableError(f"{row.place}: sag nr. {case} findes ikke i tabellen "
                         f"'{contract.CASES.name}'.")
    return case


def _unique(schema, row, key, seen: dict, what: str) -> None:
    if key in seen:
        raise TableError(f"{row.place}: {what} står også i række {seen[key]}.")
    seen[key] = row.row


def _in_budget_years(schema, row, budget: Budget) -> None:
    if row["year"] not in budget.years:
        raise TableError(f"{row.place}: året {row['year']} er ikke et af budgetårene "
                         f"{budget.years[0]}-{budget.years[-1]}.")


def benefit_line(row) -> BenefitLine:
    """One row of FteReduktioner/FteOvergange (a table or a range) -> a BenefitLine.

    Either full-time persons or benefit weeks is given (weeks / 52 = full-time persons).
    """
    fte, weeks = row["fte"], row["weeks"]
    if (fte is None) == (weeks is None):
        raise TableError(f"{row.place}: udfyld enten 'Fuldtidspersoner' eller 'Uger' "
                         "(uger / 52 = fuldtidspersoner), ikke begge og ikke ingen.")
    return BenefitLine(row["benefit"], row["year"], fte if fte is not None else weeks / 52,
                       row["gross_per_fte_kr"], row["refund_share"], row["index"])


def _benefit_lines(workbook, schema, known, budget: Budget) -> dict[int, list[BenefitLine]]:
    lines: dict[int, list[BenefitLine]] = defaultdict(list)
    seen: dict = {}
    for row in read_table(workbook, schema, required=False):
        case = _known_case(schema, row, known)
        _in_budget_years(schema, row, budget)
        _unique(schema, row, (case, row["year"], fold(row["benefit"])), seen,
                f"sag {case}, {row['year']}, {row['benefit']}")
        lines[case].append(benefit_line(row))
    return lines


def _investments(workbook, known, budget: Budget) -> dict[int, dict[int, tuple[float, str]]]:
    schema = contract.FTE_INVESTMENTS
    found: dict[int, dict[int, tuple[float, str]]] = defaultdict(dict)
    seen: dict = {}
    for row in read_table(workbook, schema, required=False):
        case = _known_case(schema, row, known)
        _in_budget_years(schema, row, budget)
        _unique(schema, row, (case, row["year"]), seen, f"sag {case}, {row['year']}")
        found[case][row["year"]] = (row["amount_kr"], row["index"])
    return found


def _price_index(workbook) -> PriceIndex | None:
    rows = read_table(workbook, contract.PRICE_INDEX, required=False)
    return price_index_from_rows(rows) if rows else None


def price_index_from_rows(rows) -> PriceIndex:
    """Rows of Prisindeks (a table or a range) -> PriceIndex; each year once."""
    values: dict[int, dict[str, float]] = {}
    seen: dict = {}
    for row in rows:
        _unique(contract.PRICE_INDEX, row, row["year"], seen, f"året {row['year']}")
        if row["sats"] is None and row["pl"] is None:
            raise TableError(f"{row.place}: udfyld 'Satsregulering' eller "
                             "'Pris- og lønindeks' (eller begge).")
        values[row["year"]] = {k: v for k, v in ((SATS, row["sats"]), (PL, row["pl"])) if v is not None}
    return PriceIndex(values)


def intake_from_rows(rows, case: int | None = None) -> list[tuple[int, int, float]]:
    """Rows of Tilgang (a table or a range) -> (year, month, persons); each month once per case."""
    seen: dict = {}
    intake = []
    for row in rows:
        key = (row.values.get("case", case), row["year"], row["month"])
        what = (f"sag {key[0]}, " if key[0] is not None else "") + f"{row['month']}/{row['year']}"
        _unique(contract.INTAKE, row, key, seen, what)
        intake.append((row["year"], row["month"], row["persons"]))
    return intake


def _curves(workbook, known) -> dict[int, CurveInput]:
    points = curves_by_case(read_table(workbook, contract.CURVE_POINTS, required=False), known)
    intake: dict[int, list] = defaultdict(list)
    intake_rows = read_table(workbook, contract.INTAKE, required=False)
    for row in intake_rows:
        _known_case(contract.INTAKE, row, known)
    for row, entry in zip(intake_rows, intake_from_rows(intake_rows)):
        intake[row["case"]].append(entry)
    curves = {}
    seen: dict = {}
    for row in read_table(workbook, contract.CURVE_INPUTS, required=False):
        case = _known_case(contract.CURVE_INPUTS, row, known)
        _unique(contract.CURVE_INPUTS, row, case, seen, f"sag {case}")
        where = row.place
        if row["extrapolation"] == "fade" and not (row["fade_weeks"] or 0) >= 1:
            raise TableError(f"{where}: fremskrivningen 'aftag' kræver 'Aftagning (uger)' på mindst 1.")
        if row["weeks_before_entry"] < 0:
            raise TableError(f"{where}: 'Uger før start' kan ikke være negativ.")
        target, intervention = _case_points(points, case, where)
        reference = _reference(points.get(case, {}), row["reference"], row["extrapolation"], where)
        if not intake.get(case):
            raise TableError(f"{where}: sag {case} har ingen tilgang i tabellen '{contract.INTAKE.name}'.")
        curves[case] = CurveInput(
            target=target, intervention=intervention, intake=tuple(sorted(intake[case])),
            gross_per_fte_kr=row["gross_per_fte_kr"],
            refund=refund_rule(row["refund"], row["weeks_before_entry"]),
            extrapolation=row["extrapolation"], fade_weeks=row["fade_weeks"], benefit=row["benefit"],
            index=row["index"], reference=reference)
    return curves


def _reference(curves: dict, name: str, extrapolation: str, where: str):
    """The curve of the case's Kurvepunkter that column Reference names (matched loosely), or None."""
    if not name:
        return None
    if extrapolation != "model":
        raise TableError(f"{where}: 'Reference' bruges kun af fremskrivningen 'model'.")
    found = [curve for header, curve in curves.items() if fold(header) == fold(name)]
    if not found:
        raise TableError(f"{where}: referencen '{name}' er ikke en kurve i tabellen "
                         f"'{contract.CURVE_POINTS.name}' (kendte: {', '.join(curves)}).")
    return found[0]


def _case_points(points, case: int, where: str):
    """A curve case's Målgruppe and Indsatsgruppe from Kurvepunkter (Indsatsgruppe may be shorter)."""
    table = f"'{contract.CURVE_POINTS.name}'"
    if case not in points and None in points:
        raise TableError(f"{where}: sag {case} har metoden kurver, men tabellen {table} har ingen "
                         "kolonne 'Sag'; tilføj den, så punkterne kan knyttes til sagen.")
    curves = points.get(case, {})
    names = [contract.CURVE_POINTS.column(key).header for key in (TARGET, INTERVENTION)]
    if not all(name in curves for name in names):
        raise TableError(f"{where}: sag {case} skal have mindst to punkter i tabellen {table}, "
                         "det første i uge 0.")
    return curves[names[0]], curves[names[1]]


def _spreads(workbook, known, methods, budget: Budget) -> dict[int, dict[int, float]]:
    schema = contract.PRUDENCE_SPREAD
    spreads: dict[int, dict[int, float]] = defaultdict(dict)
    seen: dict = {}
    for row in read_table(workbook, schema, required=False):
        case = _known_case(schema, row, known)
        _unique(schema, row, (case, row["year"]), seen, f"sag {case}, {row['year']}")
        if methods[case] == contract.METHOD_BUDGET:
            raise TableError(f"{row.place}: sag {case} har metoden budget, hvor budgettet "
                             "selv fordeler; fordelingen gælder kun metoderne kurver og fte.")
        _in_budget_years(schema, row, budget)
        spreads[case][row["year"]] = row["share"]
    for case, shares in spreads.items():
        if abs(sum(shares.values()) - 1.0) > 1e-9:
            raise TableError(f"Tabellen '{schema.name}': sag {case}s andele summer til "
                             f"{short_number(sum(shares.values()) * 100)} %, ikke 100 %.")
    return dict(spreads)


def read_savings_inputs(workbook, budget: Budget) -> SavingsInputs:
    """The savings inputs held by an openpyxl workbook whose budget is `budget`."""
    known = {c.number for c in budget.cases}
    methods: dict[int, str] = {}
    prudence: dict[int, float | None] = {}
    rows = {r["number"]: r for r in read_table(workbook, contract.CASES)}
    for number in known:
        methods[number] = rows[number]["method"]
        prudence[number] = rows[number]["prudence_share"]
    reductions = _benefit_lines(workbook, contract.FTE_REDUCTIONS, known, budget)
    transitions = _benefit_lines(workbook, contract.FTE_TRANSITIONS, known, budget)
    investments = _investments(workbook, known, budget)
    curves = _curves(workbook, known)
    fte = {}
    for number, method in sorted(methods.items()):
        row = rows[number]
        where = row.place
        if method == contract.METHOD_FTE:
            if not reductions.get(number):
                raise TableError(f"{where}: sag {number} har metoden fte, men ingen rækker i "
                                 f"tabellen '{contract.FTE_REDUCTIONS.name}'.")
            fte[number] = FteInput(tuple(reductions[number]), tuple(transitions.get(number, ())),
                                   dict(investments.get(number, {})))
        if method == contract.METHOD_CURVES and number not in curves:
            raise TableError(f"{where}: sag {number} har metoden kurver, men ingen række i "
                             f"tabellen '{contract.CURVE_INPUTS.name}'.")
    return SavingsInputs(methods, prudence, fte, curves, _price_index(workbook),
                         _spreads(workbook, known, methods, budget))
