"""The table Kurvepunkter: published points of survival curves, per case, one reader.

Columns (contract.CURVE_POINTS): an optional `Sag`, `Uge`, then the curves: `Målgruppe`,
`Indsatsgruppe` and any further column (one curve each, e.g. "2020" beside
"Gennemsnit 2017-2019"), shares in % or 0-1. A curve ends at its last non-blank share,
so a young cohort simply has fewer rows filled in. The curve method (savings_reader)
uses a case's Målgruppe and Indsatsgruppe; the curve sheet compares all its curves.
"""

from __future__ import annotations

from invest_xl.errors import InvestXLError
from invest_xl.formatting import short_number
from invest_xl.survival.curve import Curve
from invest_xl.survival.points import points_curve
from invest_xl.workbook import contract
from invest_xl.workbook.cells import is_blank
from invest_xl.workbook.tables import TableError, TableRow

TARGET, INTERVENTION = "target", "intervention"


def curves_by_case(rows: list[TableRow], known_cases: set[int] | None = None
                   ) -> dict[int | None, dict[str, Curve]]:
    """Kurvepunkter rows -> {case (None without a Sag column): {curve name: checked Curve}}.

    Curve names are the column headers (Målgruppe, Indsatsgruppe, ...), in that order.
    Each curve passes the points check (points.points_curve); a case gives a week once.
    """
    schema = contract.CURVE_POINTS
    by_case: dict[int | None, list[TableRow]] = {}
    seen: dict[tuple, int] = {}
    for row in rows:
        case = row["case"]
        if known_cases is not None and case is not None and case not in known_cases:
            raise TableError(f"{row.place}: sag nr. {case} findes ikke i tabellen '{contract.CASES.name}'.")
        key = (case, row["week"])
        if key in seen:
            what = (f"sag {case}, " if case is not None else "") + f"uge {short_number(row['week'])}"
            raise TableError(f"{row.place}: {what} står også i række {seen[key]}.")
        seen[key] = row.row
        by_case.setdefault(case, []).append(row)
    result = {}
    for case, case_rows in by_case.items():
        case_rows.sort(key=lambda r: r["week"])
        columns = [(schema.column(TARGET).header, lambda r: r[TARGET]),
                   (schema.column(INTERVENTION).header, lambda r: r[INTERVENTION]),
                   *((header, lambda r, h=header: r.extra.get(h)) for header in case_rows[0].extra)]
        curves = {}
        for name, value in columns:
            shares = [value(r) for r in case_rows]
            while shares and is_blank(shares[-1]):
                shares.pop()
            if shares:
                curves[name] = _checked(case_rows, name, shares, case)
        result[case] = curves
    return result


def _checked(rows: list[TableRow], name: str, shares: list, case: int | None) -> Curve:
    where = f"Tabellen '{contract.CURVE_POINTS.name}': " + (f"sag {case}, " if case is not None else "")
    if any(is_blank(s) for s in shares):
        week = next(r["week"] for r, s in zip(rows, shares) if is_blank(s))
        raise InvestXLError(f"{where}kolonnen '{name}': uge {short_number(week)} er tom, men en senere "
                            "uge har en andel")
    try:
        return points_curve([r["week"] for r in rows[:len(shares)]], shares, label=name)
    except InvestXLError as error:
        raise InvestXLError(f"{where}kolonnen '{name}': {error.message}") from None
