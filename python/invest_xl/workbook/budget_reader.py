"""Reading a budget workbook into a Budget: the border where cells become domain objects.

Sager, Beloeb, Indstillinger and the optional Indregnet (the amounts booked per year).

Nothing past this module checks types again; every problem found here is reported with
the table, the row and what is wrong.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from invest_xl import labels
from invest_xl.workbook import contract
from invest_xl.budget.booking import BookedAmounts, booked_amounts
from invest_xl.budget.model import (EXPECTED, FIRST_YEAR, LAST_YEAR, REALIZED, Amount, Budget, Case,
                                     Settings)
from invest_xl.workbook.cells import CellValueError, is_blank, parse_share, parse_text
from invest_xl.errors import InvestXLError
from invest_xl.workbook.files import open_workbook
from invest_xl.formatting import fold, name_key, short_number
from invest_xl.workbook.tables import TableError, read_table



def read_budget(path: str | os.PathLike) -> Budget:
    """Open the workbook at `path` and read its budget tables."""
    return budget_from_workbook(open_workbook(path))


def budget_from_workbook(workbook) -> Budget:
    """The Budget held by an openpyxl workbook's tables Sager, Beloeb, Indstillinger and
    (optional) Indregnet."""
    settings, per_mio_kr, closed_given = _settings(read_table(workbook, contract.SETTINGS,
                                                              required=False))
    cases = _cases(read_table(workbook, contract.CASES))
    amount_rows = read_table(workbook, contract.AMOUNTS)
    amounts = _amounts(amount_rows, cases, per_mio_kr)
    settings = replace(settings, closed_years=_checked_closed_years(amount_rows, settings, closed_given))
    budget = Budget(cases=tuple(cases), amounts=tuple(amounts), settings=settings)
    booked = booked_from_rows(read_table(workbook, contract.BOOKED, required=False), budget.years, per_mio_kr)
    return budget if booked is None else replace(budget, booked=booked)


def _checked_closed_years(rows, settings: Settings, explicit: bool) -> frozenset[int]:
    """The closed years, so that every Realiseret and Forventet figure is shown.

    Given in `Lukkede år`, they are the closed years: a Realiseret row in another year is
    refused (it would show nowhere). Not given, a year is closed when it has a Realiseret
    row. Either way a Forventet row in a closed year is refused (it would show nowhere).
    """
    closed = set(settings.closed_years)
    first_realized: dict[int, int] = {}
    for row in rows:
        if row["status"] == REALIZED:
            if explicit and row["year"] not in closed:
                listed = ", ".join(str(y) for y in sorted(closed)) or "ingen"
                raise TableError(f"{row.place}: " + labels.REALIZED_IN_OPEN_YEAR.format(
                    year=row["year"], closed=listed))
            first_realized.setdefault(row["year"], row.row)
    if not explicit:
        closed = set(first_realized)
    for row in rows:
        if row["status"] == EXPECTED and row["year"] in closed:
            why = (labels.CLOSED_BY_SETTING if explicit
                   else labels.CLOSED_BY_ROW.format(row=first_realized[row["year"]]))
            raise TableError(f"{row.place}: " + labels.EXPECTED_IN_CLOSED_YEAR.format(
                year=row["year"], why=why))
    return frozenset(closed)


def _cases(rows) -> list[Case]:
    if not rows:
        raise TableError(f"Tabellen '{contract.CASES.name}' er tom: den skal have mindst én sag.")
    seen_numbers: dict[int, int] = {}
    seen_names: dict[str, int] = {}
    cases = []
    for row in rows:
        where = row.place
        number, name = row["number"], row["name"]
        if number <= 0:
            raise TableError(f"{where}: sagsnummeret skal være et positivt helt tal, ikke {number}.")
        if number in seen_numbers:
            raise TableError(f"{where}: sag nr. {number} findes også i række {seen_numbers[number]}.")
        if name_key(name) in seen_names:
            raise TableError(f"{where}: navnet '{name}' findes også i række {seen_names[name_key(name)]}.")
        target, intervention = row["target_group_fte"], row["intervention_group_fte"]
        if target is not None and intervention is not None and intervention > target:
            raise TableError(f"{where}: indsatsgruppen ({short_number(intervention)}) er større end "
                             f"målgruppen ({short_number(target)}).")
        seen_numbers[number] = row.row
        seen_names[name_key(name)] = row.row
        cases.append(Case(number, name, target, intervention, row["note"]))
    return sorted(cases, key=lambda c: c.number)


def _amounts(rows, cases: list[Case], per_mio_kr: float) -> list[Amount]:
    amounts = amounts_from_rows(rows, {c.number for c in cases}, per_mio_kr)
    if not amounts:
        raise TableError(f"Tabellen '{contract.AMOUNTS.name}' er tom: den skal have mindst ét beløb.")
    return amounts


def amounts_from_rows(rows, known_cases: set[int] | None = None, per_mio_kr: float = 1.0) -> list[Amount]:
    """Amount rows of `Beloeb` (a table or a range) -> Amounts in mio. kr., checked across rows.

    Each case must be known (when `known_cases` is given), the year within 1990-2100, and
    a case, year, kind and status given once.
    """
    seen: dict[tuple, str] = {}
    amounts = []
    for row in rows:
        case, year = row["case"], row["year"]
        if known_cases is not None and case not in known_cases:
            raise TableError(f"{row.place}: sag nr. {case} findes ikke i tabellen "
                             f"'{contract.CASES.name}'.")
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise TableError(f"{row.place}: året {year} ligger ikke mellem {FIRST_YEAR} og {LAST_YEAR}.")
        key = (case, year, row["kind"], row["status"])
        if key in seen:
            raise TableError(f"{row.place}: sag {case}, {year}, {row['kind']}, {row['status']} "
                             f"står også i række {seen[key]}.")
        seen[key] = row.row
        amounts.append(Amount(case, year, row["kind"], row["status"], row["amount"] / per_mio_kr))
    return amounts


def booked_from_rows(rows, years: list[int], per_mio_kr: float = 1.0) -> BookedAmounts | None:
    """Rows of `Indregnet` -> the amounts booked per year, mio. kr.; None for no rows.

    Each year once and one of the budget's `years`; amounts in the unit `Enhed`.
    """
    if not rows:
        return None
    seen: dict[int, int] = {}
    for row in rows:
        year = row["year"]
        if year in seen:
            raise TableError(f"{row.place}: året {year} står også i række {seen[year]}.")
        if year not in years:
            raise TableError(f"{row.place}: året {year} er ikke et af budgetårene {years[0]}-{years[-1]}.")
        seen[year] = row.row
    ordered = sorted(rows, key=lambda r: r["year"])
    return booked_amounts([r["year"] for r in ordered], [r["amount"] for r in ordered], per_mio_kr)


_KNOWN_SETTINGS = contract.SETTING_NAMES


def _settings(rows) -> tuple[Settings, float, bool]:
    """(settings, amounts' unit per mio. kr., whether 'Lukkede år' was given)."""
    values = {}
    known = {fold(k) for k in _KNOWN_SETTINGS}
    for row in rows:
        key = fold(row["setting"])
        if key not in known:
            raise _setting_message(row, labels.UNKNOWN_SETTING.format(
                setting=row["setting"], known=", ".join(_KNOWN_SETTINGS)))
        if key in values:
            raise _setting_message(row, labels.DUPLICATE_SETTING.format(
                setting=row["setting"], row=values[key].row))
        values[key] = row
    settings = Settings()
    fields = {}
    per_mio_kr = 1.0

    def text(key: str):
        row = values.get(fold(key))
        return None if row is None or is_blank(row["value"]) else (row, parse_text(row["value"]))

    if found := text(contract.SETTING_PRICE_LEVEL):
        fields["price_level"] = found[1]
    if found := text(contract.SETTING_SOURCE):
        source = found[1]
        fields["source"] = source if fold(source).startswith("kilde") else f"Kilde: {source}"
    if found := text(contract.SETTING_UNIT):
        row, unit = found
        units = {fold(u): (u, f) for u, f in contract.UNITS_PER_MIO_KR.items()}
        if fold(unit) not in units:
            raise _setting_error(row, f"enheden '{unit}' kendes ikke; brug en af "
                                      + ", ".join(contract.UNITS_PER_MIO_KR))
        fields["unit"] = "mio. kr."
        per_mio_kr = units[fold(unit)][1]
        fields["entered_per_mio_kr"] = per_mio_kr
    if found := text(contract.SETTING_PRUDENCE):
        row = found[0]
        try:
            fields["prudence_share"] = parse_share(row["value"])
        except CellValueError as error:
            raise _setting_error(row, error.message) from None
    if found := text(contract.SETTING_CLOSED_YEARS):
        fields["closed_years"] = _closed_years(*found)
    if found := text(contract.SETTING_MUNICIPALITY):
        fields["municipality"] = found[1]
    for key, field_name in ((contract.SETTING_REALIZED_WORD, "realized_word"),
                            (contract.SETTING_EXPECTED_WORD, "expected_word")):
        if found := text(key):
            row, word = found
            if len(word) > contract.COLUMN_WORD_LENGTH:
                raise _setting_error(row, f"'{word}' er for langt til kolonneoverskriften "
                                          f"(højst {contract.COLUMN_WORD_LENGTH} tegn)")
            fields[field_name] = word
    return (Settings(**{**settings.__dict__, **fields}), per_mio_kr,
            "closed_years" in fields)


def _closed_years(row, text: str) -> frozenset[int]:
    years: set[int] = set()
    for part in re.split(r"[;,\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
        if not match:
            raise _setting_error(row, f"'{part}' er ikke et år (skriv fx 2020, 2021 eller 2020-2021)")
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first or not FIRST_YEAR <= first <= LAST_YEAR or not FIRST_YEAR <= last <= LAST_YEAR:
            raise _setting_error(row, f"'{part}' er ikke et gyldigt år eller interval")
        years.update(range(first, last + 1))
    return frozenset(years)


def _setting_error(row, reason: str) -> InvestXLError:
    return TableError(f"{row.place}: indstillingen '{row['setting']}': {reason}.")


def _setting_message(row, message: str) -> InvestXLError:
    return TableError(f"{row.place}: {message}")
