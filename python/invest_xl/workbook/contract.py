"""The budget workbook contract: the Excel tables invest-xl reads, and their columns.

Documented for users in docs/workbook-contract.md; change both together.
"""

from __future__ import annotations

from invest_xl.savings.cases import METHOD_BUDGET, METHOD_CURVES, METHOD_FTE
from invest_xl.budget.model import BUDGET, EXPECTED, INVESTMENT, REALIZED, SAVING, STATED_TOTAL
from invest_xl.workbook.cells import (CellValueError, parse_number, parse_share, parse_text,
                             parse_whole_number)
from invest_xl.formatting import fold
from invest_xl.workbook.tables import Column, TableSchema
from invest_xl.workbook.wide_tables import wide_form

_KIND_WORDS = {
    INVESTMENT: ("investering", "investering i indsats", "indsats", "udgift"),
    SAVING: ("besparelse", "besparelse på forsørgelse", "forsørgelse"),
    STATED_TOTAL: ("i alt", "besparelse i alt", "total", "netto"),
}
_STATUS_WORDS = {
    BUDGET: ("budget",),
    REALIZED: ("realiseret", "regnskab", "resultat"),
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
    parse.choices = tuple(words)  # the words a validation list offers (workbook.template)
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


# The columns by which most tables name a case and a budget year.
CASE_COLUMN = Column("case", "Sag", parse_whole_number, aliases=("Nr", "Sagsnr"))
YEAR_COLUMN = Column("year", "År", parse_whole_number, aliases=("Aar", "Budgetår"))


parse_method = _choice({
    METHOD_BUDGET: ("budget", "budgettal"),
    METHOD_CURVES: ("kurver", "kurve", "overlevelseskurver", "kurvemetoden"),
    METHOD_FTE: ("fte", "fuldtidspersoner", "helårspersoner", "fte-metoden"),
})


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
        Column("method", "Metode", parse_method, required=False,
               default="budget", aliases=("Beregningsmetode",)),
        Column("prudence_share", "Forsigtighed", parse_share, required=False,
               aliases=("Forsigtighed (andel)",)),
        Column("note", "Bemærkning", parse_text, required=False, aliases=("Status", "Note")),
    ),
)

AMOUNT_COLUMN = Column("amount", "Beløb", parse_amount, aliases=("Beloeb", "Beløb (mio. kr.)"))
AMOUNTS = TableSchema(
    name="Beloeb",
    sheet="Beløb",
    description="one row per case, year, kind and status; or wide: one row per case, kind "
                "and status with one column per year",
    columns=(
        CASE_COLUMN,
        YEAR_COLUMN,
        Column("kind", "Art", parse_kind, aliases=("Type",)),
        Column("status", "Status", parse_status),
        AMOUNT_COLUMN,
    ),
    other_form=wide_form(YEAR_COLUMN, AMOUNT_COLUMN),
)
AMOUNTS_WIDE_HEADERS = ("Sag", "Art", "Status")  # then one column per year

SETTINGS = TableSchema(
    name="Indstillinger",
    sheet="Indstillinger",
    description="one row per setting",
    columns=(
        Column("setting", "Indstilling", parse_text, aliases=("Navn", "Parameter")),
        Column("value", "Værdi", lambda v: v, required=False, aliases=("Vaerdi",)),
    ),
)

BOOKED = TableSchema(
    name="Indregnet",
    sheet="Forsigtighed",
    description="the saving the council booked in the budget per year, in the unit Enhed",
    columns=(
        YEAR_COLUMN,
        Column("amount", "Beløb", parse_amount, aliases=("Beloeb", "Beløb (mio. kr.)", "Indregnet")),
    ),
)

SETTING_PRICE_LEVEL = "Prisniveau"
SETTING_UNIT = "Enhed"
SETTING_SOURCE = "Kilde"
SETTING_PRUDENCE = "Forsigtighed"
SETTING_CLOSED_YEARS = "Lukkede år"
SETTING_MUNICIPALITY = "Kommune"
# the follow-up's column words, e.g. "Resultat" and "Forventet resultat" (default
# Realiseret and Forventet); at most COLUMN_WORD_LENGTH characters, to fit the header
SETTING_REALIZED_WORD = "Ord for realiseret"
SETTING_EXPECTED_WORD = "Ord for forventet"
COLUMN_WORD_LENGTH = 24
SETTING_NAMES = (SETTING_PRICE_LEVEL, SETTING_UNIT, SETTING_SOURCE, SETTING_PRUDENCE, SETTING_CLOSED_YEARS,
                 SETTING_MUNICIPALITY, SETTING_REALIZED_WORD, SETTING_EXPECTED_WORD)

UNITS_PER_MIO_KR = {"mio. kr.": 1.0, "1.000 kr.": 1000.0, "kr.": 1_000_000.0}


# Savings per budget year (issue 4): which method computes a case's expected saving, and
# the inputs of the curve and FTE methods. Amounts in these tables are in kr.

STAIRCASE_WORDS = ("trappe", "trappen", "refusionstrappe", "refusionstrappen", "staircase")
_INDEX_CHOICE = _choice({"sats": ("sats", "satsregulering", "satsreguleringsprocent"),
                         "pl": ("pl", "p/l", "pris- og lønindeks", "pris og løn")})
_EXTRAPOLATION_CHOICE = _choice({"ingen": ("ingen", "none"), "fasthold": ("fasthold", "hold"),
                                 "aftag": ("aftag", "aftagende", "fade"),
                                 "model": ("model", "tilpasset", "tilpasset model")})
EXTRAPOLATION_KINDS = {"ingen": "none", "fasthold": "hold", "aftag": "fade", "model": "model"}


def parse_index_kind(value) -> str:
    """Which price index an amount follows: 'sats' (satsregulering) or 'pl' (pris- og lønindeks)."""
    return _INDEX_CHOICE(value)


parse_index_kind.choices = _INDEX_CHOICE.choices


def parse_extrapolation(value) -> str:
    """The curve method's assumption past the last observed week, as savings.py names it."""
    return EXTRAPOLATION_KINDS[_EXTRAPOLATION_CHOICE(value)]


parse_extrapolation.choices = _EXTRAPOLATION_CHOICE.choices


def parse_refund(value):
    """A refund share 0-1 (or percent), or the word 'trappe' for the 2016 staircase."""
    if isinstance(value, str) and fold(value) in {fold(w) for w in STAIRCASE_WORDS}:
        return "trappe"
    return parse_share(value)


parse_refund.choices = ("trappe",)
parse_refund.others_allowed = True  # a share is typed in; the list offers the staircase


def parse_not_negative(value) -> float:
    """A number that may be 0 but not negative (persons, weeks, kr. per person)."""
    number = parse_number(value)
    if number < 0:
        raise CellValueError(f"{value} er negativ; tallet kan ikke være negativt")
    return number


def parse_positive(value) -> float:
    """A number above 0 (an index)."""
    number = parse_number(value)
    if number <= 0:
        raise CellValueError(f"{value} skal være større end 0")
    return number


def parse_month(value) -> int:
    """A month 1-12."""
    month = parse_whole_number(value)
    if not 1 <= month <= 12:
        raise CellValueError(f"{month} er ikke en måned (1-12)")
    return month


def _benefit_lines(name: str, description: str, index_default: str) -> TableSchema:
    return TableSchema(
        name=name,
        sheet="FTE-metode",
        description=description,
        columns=(
            CASE_COLUMN,
            YEAR_COLUMN,
            Column("benefit", "Ydelse", parse_text, aliases=("Forsørgelse", "Ydelsesgruppe")),
            Column("fte", "Fuldtidspersoner", parse_not_negative, required=False,
                   aliases=("Helårspersoner", "FTE")),
            Column("weeks", "Uger", parse_not_negative, required=False,
                   aliases=("Ydelsesuger", "Færre uger")),
            Column("gross_per_fte_kr", "Bruttoudgift pr. fuldtidsperson (kr.)", parse_not_negative,
                   aliases=("Bruttoudgift", "Bruttoudgift pr. helårsperson (kr.)", "Brutto kr.", "Brutto")),
            Column("refund_share", "Refusion", parse_share, aliases=("Refusionsandel",)),
            Column("index", "Indeks", parse_index_kind, required=False, default=index_default),
        ),
    )


FTE_REDUCTIONS = _benefit_lines("FteReduktioner", "full-time persons fewer per case, year and benefit", "sats")
FTE_TRANSITIONS = _benefit_lines("FteOvergange", "full-time persons moved to another benefit per case, "
                                 "year and benefit", "sats")

FTE_INVESTMENTS = TableSchema(
    name="FteInvesteringer",
    sheet="FTE-metode",
    description="the FTE method's investment per case and year, kr.",
    columns=(
        CASE_COLUMN,
        YEAR_COLUMN,
        Column("amount_kr", "Beløb (kr.)", parse_not_negative, aliases=("Beløb", "Investering (kr.)")),
        Column("index", "Indeks", parse_index_kind, required=False, default="pl"),
    ),
)

CURVE_INPUTS = TableSchema(
    name="Kurveinput",
    sheet="Kurvemetode",
    description="the curve method's assumptions, one row per case",
    columns=(
        CASE_COLUMN,
        Column("benefit", "Ydelse", parse_text, required=False, default=""),
        Column("gross_per_fte_kr", "Bruttoudgift pr. fuldtidsperson (kr.)", parse_not_negative,
               aliases=("Bruttoudgift", "Bruttoudgift pr. helårsperson (kr.)")),
        Column("refund", "Refusion", parse_refund, aliases=("Refusionsandel",)),
        Column("weeks_before_entry", "Uger før start", parse_whole_number, required=False, default=0,
               aliases=("Forudgående uger",)),
        Column("extrapolation", "Fremskrivning", parse_extrapolation),
        Column("fade_weeks", "Aftagning (uger)", parse_whole_number, required=False,
               aliases=("Aftagning",)),
        Column("index", "Indeks", parse_index_kind, required=False, default="sats"),
        # the model extrapolation carries Indsatsgruppe relative to this curve of the
        # case's Kurvepunkter (a column's header, e.g. "Gennemsnit 2017-2019" or Målgruppe)
        Column("reference", "Reference", parse_text, required=False, default="",
               aliases=("Referencekurve",)),
    ),
)

SPELLS_TABLE = "Forloeb"  # read by survival.spells (person, ydelse, start, slut, gruppe)

CURVE_POINTS = TableSchema(
    name="Kurvepunkter",
    sheet="Kurvemetode",
    description="shares still on benefit per week: Målgruppe, Indsatsgruppe and any further "
                "curve, per case",
    columns=(
        Column("case", "Sag", parse_whole_number, required=False, aliases=("Nr", "Sagsnr")),
        Column("week", "Uge", parse_not_negative, aliases=("Uger",)),
        Column("target", "Målgruppe", parse_share, required=False, aliases=("Målgruppe (andel)",)),
        Column("intervention", "Indsatsgruppe", parse_share, required=False,
               aliases=("Indsatsgruppe (andel)",)),
    ),
    extra=parse_share,
)

INTAKE = TableSchema(
    name="Tilgang",
    sheet="Kurvemetode",
    description="participants entering the intervention per case and month",
    columns=(
        CASE_COLUMN,
        YEAR_COLUMN,
        Column("month", "Måned", parse_month, aliases=("Maaned", "Md.")),
        Column("persons", "Personer", parse_not_negative, aliases=("Deltagere", "Tilgang")),
    ),
)

PRICE_INDEX = TableSchema(
    name="Prisindeks",
    sheet="Prisindeks",
    description="price indices per year: satsregulering (benefits) and pris- og lønindeks (staff)",
    columns=(
        YEAR_COLUMN,
        Column("sats", "Satsregulering", parse_positive, required=False,
               aliases=("Satsreguleringsindeks", "Sats")),
        Column("pl", "Pris- og lønindeks", parse_positive, required=False, aliases=("PL", "P/L")),
    ),
)

PRUDENCE_SPREAD = TableSchema(
    name="Fordeling",
    sheet="Forsigtighed",
    description="how a kurver/fte case's booked total is spread over the years",
    columns=(
        CASE_COLUMN,
        YEAR_COLUMN,
        Column("share", "Andel", parse_share, aliases=("Andel af bogført",)),
    ),
)

SAVINGS_TABLES = (FTE_REDUCTIONS, FTE_TRANSITIONS, FTE_INVESTMENTS, CURVE_INPUTS, CURVE_POINTS,
                  INTAKE, PRICE_INDEX, PRUDENCE_SPREAD)
