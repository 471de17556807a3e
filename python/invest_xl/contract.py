"""The budget workbook contract: the Excel tables invest-xl reads, and their columns.

Documented for users in docs/workbook-contract.md; change both together.
"""

from __future__ import annotations

from invest_xl.budget import BUDGET, EXPECTED, INVESTMENT, REALIZED, SAVING, STATED_TOTAL
from invest_xl.cells import CellValueError, parse_number, parse_text, parse_whole_number
from invest_xl.tables import Column, TableSchema, fold

_KIND_WORDS = {
    INVESTMENT: ("investering", "investering i indsats", "indsats", "udgift"),
    SAVING: ("besparelse", "besparelse på forsørgelse", "forsørgelse"),
    STATED_TOTAL: ("i alt", "besparelse i alt", "total", "netto"),
}
_STATUS_WORDS = {
    BUDGET: ("budget",),
    REALIZED: ("realiseret", "regnskab"),
    EXPECTED: ("forventet", "forventet resultat", "prognose"),
}


def _choice(words: dict[str, tuple[str, ...]]):
    lookup = {fold(w): key for key, ws in words.items() for w in ws}

    def parse(value) -> str:
        text = parse_text(value)
        if fold(text) not in lookup:
            allowed = " / ".join(words)
            raise CellValueError(f"'{text}' er ikke en af {allowed}")
        return lookup[fold(text)]
    return parse


parse_kind = _choice(_KIND_WORDS)
parse_status = _choice(_STATUS_WORDS)


def parse_amount(value) -> float:
    """An amount in the table's unit; a lone dash is zero, as budgets print it."""
    return parse_number(value, dash_is_zero=True)


def parse_group_size(value) -> float:
    """A group size in full-time persons: a number, not negative."""
    size = parse_number(value)
    if size < 0:
        raise CellValueError(f"{value} er negativ; en gruppestørrelse kan ikke være negativ")
    return size


CASES = TableSchema(
    name="Sager",
    sheet="Sager",
    description="one row per investment case",
    columns=(
        Column("number", "Nr", parse_whole_number, aliases=("Nummer", "Sag", "Sagsnr")),
        Column("name", "Navn", parse_text, aliases=("Investeringscase", "Titel")),
        Column("target_group_fte", "Målgruppe", parse_group_size, required=False,
               aliases=("Målgruppe (fuldtidspersoner)",)),
        Column("intervention_group_fte", "Indsatsgruppe", parse_group_size, required=False,
               aliases=("Indsatsgruppe (fuldtidspersoner)",)),
    ),
)

AMOUNTS = TableSchema(
    name="Beloeb",
    sheet="Beløb",
    description="one row per case, year, kind and status",
    columns=(
        Column("case", "Sag", parse_whole_number, aliases=("Nr", "Sagsnr")),
        Column("year", "År", parse_whole_number, aliases=("Aar", "Budgetår")),
        Column("kind", "Art", parse_kind, aliases=("Type",)),
        Column("status", "Status", parse_status),
        Column("amount", "Beløb", parse_amount, aliases=("Beloeb", "Beløb (mio. kr.)")),
    ),
)

SETTINGS = TableSchema(
    name="Indstillinger",
    sheet="Indstillinger",
    description="one row per setting",
    columns=(
        Column("setting", "Indstilling", parse_text, aliases=("Navn", "Parameter")),
        Column("value", "Værdi", lambda v: v, required=False, aliases=("Vaerdi",)),
    ),
)

SETTING_PRICE_LEVEL = "Prisniveau"
SETTING_UNIT = "Enhed"
SETTING_SOURCE = "Kilde"
SETTING_PRUDENCE = "Forsigtighed"
SETTING_CLOSED_YEARS = "Lukkede år"

UNITS_PER_MIO_KR = {"mio. kr.": 1.0, "1.000 kr.": 1000.0, "kr.": 1_000_000.0}
