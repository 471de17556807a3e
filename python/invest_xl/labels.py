"""Every Danish text a user sees in a follow-up, mapped once, and Danish number formatting."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FOLLOWUP_SHEET = "Opfølgning"
CASE_TITLE = "Opfølgning på investeringscase: {name}"
INVESTMENT_ROW = "Investering i indsats"
SAVING_ROW = "Besparelse på forsørgelse"
CASE_TOTAL_ROW = "Besparelse i alt"
PERIOD_TOTAL = "I alt"
PORTFOLIO_TITLE = "Samlet oversigt over virkningen af investeringstiltagene"
PORTFOLIO_INVESTMENT = "Investering i indsats (A)"
PORTFOLIO_SAVING = "Besparelse på forsørgelse (B)"
PORTFOLIO_NET = "I alt (A+B)"
PORTFOLIO_CASES = "Netto pr. investeringscase"
PORTFOLIO_CASES_TOTAL = "I alt mindre forsørgelse"
EXPECTED_COMPUTED_NOTE = ("Forventede beløb i kursiv er beregnet med sagens metode "
                          "(kurver eller FTE); se invest-xl savings.")
SIGN_NOTE = "- betyder indtægt/mindreforbrug. Beløb i {unit}, {price_level}."
CHECK_TITLE = "Kontrol"
CHECK_NONE = "Ingen afvigelser: alle angivne totaler stemmer med deres dele."
CASE_LABEL = "{number}. {name}"
NET_CHART_TITLE = "Netto pr. år (A+B): budget og realiseret/forventet"
YEAR = "År"
MIO_KR = "mio. kr."


def danish_number(value: float, decimals: int = 3) -> str:
    """A number as a Dane writes it: decimal comma, dot between thousands ('-1.234,567').

    Rounded half away from zero, as Excel shows it, after float noise below 1e-9 is
    dropped: -0,2475 is shown as -0,248 even when it was computed as -0,247499999...
    """
    exact = Decimal(f"{value:.9f}").quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{decimals}f}"
    if text.startswith("-") and exact == 0:
        text = text[1:]
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def short_number(value: float) -> str:
    """A number inside a message: whole numbers as is, others to 6 digits with a decimal comma."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}".replace(".", ",")
