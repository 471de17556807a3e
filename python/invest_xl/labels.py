"""Every Danish text a user sees in a follow-up, mapped once (numbers: formatting.py)."""

from __future__ import annotations

FOLLOWUP_SHEET = "Opfølgning"
CASE_TITLE = "Opfølgning på investeringscase: {name}"
INVESTMENT_ROW = "Investering i indsats"
SAVING_ROW = "Besparelse på forsørgelse"
CASE_TOTAL_ROW = "I alt"
PERIOD_TOTAL = "I alt"
PORTFOLIO_TITLE = "Samlet oversigt over virkningen af investeringstiltagene"
PORTFOLIO_INVESTMENT = "Investering i indsats (A)"
PORTFOLIO_SAVING = "Besparelse på forsørgelse (B)"
PORTFOLIO_NET = "I alt (A+B)"
PORTFOLIO_CASES = "Netto pr. investeringscase"
PORTFOLIO_CASES_TOTAL = "I alt, netto (A+B)"
EXPECTED_COMPUTED_NOTE = ("Forventede beløb i kursiv er beregnet med sagens metode "
                          "(kurver eller FTE); se invest-xl savings.")
SIGN_NOTE = "- betyder indtægt/mindreforbrug. Beløb i {unit}, {price_level}."
CHECK_TITLE = "Kontrol"
CHECK_NONE = "Ingen afvigelser: alle angivne totaler stemmer med deres dele."
CHECK_FOUND = "{count} afvigelse(r): en angivet total passer ikke med sine dele."
CHECK_ACTION = ("Det skal du gøre: ret beløbet eller den angivne total i tabellen Beloeb "
                "(arket Beløb), så de passer sammen, og kør opfølgningen igen, før den "
                "sendes til udvalget.")
CHECK_WARNING = "OBS: {count} afvigelse(r) i Kontrol – se under den samlede oversigt."

# The follow-up's title, page header and footer, and the notes of its tables
SHEET_TITLE = "Opfølgning på investeringscases"
SHEET_TITLE_WITH_PLACE = "Opfølgning på investeringscases, {municipality}"
SHEET_SUBTITLE = "Udarbejdet {date}. Beløb i {unit}, {price_level}; - betyder indtægt/mindreforbrug."
PAGE_HEADER_RIGHT = "Udarbejdet {date}"
PAGE_FOOTER = "Side &P af &N"
UNIT_HEADER = "{unit}, {price_level}"
INCOMPLETE_NOTE = ("* Ikke alle sager har et tal her: summen omfatter kun de indtastede tal. "
                   "Tomme celler er ikke indtastet (ikke nul).")
CASE_NOTE = "Bemærkning: {note}"
CASE_SUMMARY = ("Netto over perioden: {budget_word} {budget}, {second_word} {second}. "
                "Tjener sig hjem: {budget_word} {budget_payback}, {second_word} {second_payback}.")
PAYBACK_NONE = "ikke i perioden"
NOT_ENTERED = "ikke indtastet"
ACCUMULATED_ROW = "Akkumuleret netto (tjener sig hjem, når under 0)"
ACCUMULATED = "Akkumuleret {word}"
PAYBACK_LINE = "Tjener sig hjem (akkumuleret netto under 0): {budget_word} {budget}, {second_word} {second}."
CASE_LABEL = "{number}. {name}"
NET_CHART_TITLE = "Netto pr. år (A+B) og akkumuleret netto"
YEAR = "År"
MIO_KR = "mio. kr."

# The curve sheet "Kurveberegning" (layout/curve_sheet.py)
CURVE_SHEET = "Kurveberegning"
CURVE_SHEET_TITLE = "Overlevelseskurver: data, tilpasset model og fremskrivning"
CURVE_SHEET_NOTE = ("Fremskrevet = modellen efter kurvens sidste observerede uge. "
                    "Skrevet af knappen Opdater kurver; ret i tabellerne, ikke her.")
CURVE_COMPARED = "{other} sammenlignet med {reference}"
CURVE_WEEKS_SAVED = "Sparede ydelsesuger pr. deltager i uge 0-{horizon} (modellerne)"
CURVE_INTERVAL = "95 %-interval {lower} til {upper} uger"
CURVE_COLUMNS = ("{name} (data)", "{name} (model)", "{name} (fremskrevet)")
CURVE_CHART_TITLE = "Andel på ydelse: {other} og {reference}"
CURVE_CHART_X = "Uger efter start"
CURVE_CHART_Y = "Andel på ydelse"
FIT_SUMMARY_COLUMNS = ("Kurve", "Fordeling (laveste AIC)", "Parametre", "AIC", "Sidste observerede uge")

# Curves, fits and extrapolations, wherever they are described
PROVENANCE = {"kaplan-meier": "Kaplan-Meier fra forløb", "points": "publicerede punkter"}
FIT_METHODS = {
    "spells": "maksimum likelihood på forløb (løbende forløb censureret)",
    "grouped": "grupperet maksimum likelihood (kohortestørrelse {size})",
    "least-squares": ("mindste kvadrater på andelene (kohortestørrelse ukendt: "
                      "log-likelihood og AIC bygger på normalfordelte afvigelser)"),
}
EXTRAPOLATIONS = {
    "none": "ingen besparelse efter sidste observerede uge",
    "hold": "sidste forskel fastholdes",
    "fade": "forskellen aftager lineært over {weeks} uger",
    "model": "forskellen mellem de tilpassede kurver",
}

# Cells a UDF spills (excel/results.py, udfs/)
WEEK = "Uge"
SHARE = "Andel"
BAND_LOWER = "Nedre {level}"
BAND_UPPER = "Øvre {level}"
FAMILY_COLUMNS = ("Fordeling", "Parametre", "AIC", "Valgt")
CHOSEN_MARK = "x"
CURVE_SAVINGS_ROWS = ("Sparede ydelsesuger", "Fuldtidspersoner", "Besparelse brutto (kr.)",
                      "Besparelse netto (kr.)")
FTE_SAVINGS_ROWS = ("Investering (kr.)", "Færre fuldtidspersoner", "Besparelse på forsørgelse (kr.)",
                    "Merudgift ved overgange (kr.)", "Netto (kr.)")

# The command line's printouts (cli.py)
CLI_TOTALS_COLUMNS = ("År", "Investering (A)", "Besparelse (B)", "I alt (A+B)")
CLI_CURVE_COLUMNS = ("Uge", "Andel %", "Nedre %", "Øvre %")
CLI_SAVINGS_COLUMNS = ("År", "Investering", "Potentiale", "Bogført", "Netto", "Akkumuleret", "Netto, forv.")


# What changed since the last follow-up (layout/changes.py, workbook/previous.py)
FOLLOWUP_DATA_SHEET = "Opfølgningsdata"
DATA_MADE_ON = "Opfølgningen er lavet"
DATA_PERIOD_NET = "Periodens netto (budget, realiseret/forventet)"
DATA_COLUMNS = ("Sag", "Navn", "År", "Art", "Status", "Beløb (mio. kr.)")
CHANGES_SHEET = "Ændringer"
CHANGES_TITLE = "Ændringer siden {date}"
CHANGES_NOTE = ("Opfølgningen fra {old} sammenlignet med denne fra {new}. Beløb i mio. kr.; "
                "- betyder indtægt/mindreforbrug.")
CHANGES_PERIOD_NET = "Periodens netto (A+B)"
CHANGES_NET_COLUMNS = ("", "", "", "Før", "Nu", "Forskel")
CHANGES_NET_BUDGET = "Budget"
CHANGES_NET_FOLLOWUP = "Realiseret/forventet"
CHANGES_CASES = "Nye og fjernede sager"
CHANGES_NEW_CASE = "Ny sag: {number}. {name}"
CHANGES_REMOVED_CASE = "Fjernet sag: {number}. {name}"
CHANGES_NO_CASES = "Ingen nye eller fjernede sager."
CHANGES_FIGURES = "Ændrede tal"
CHANGES_COLUMNS = ("Sag", "År", "Tal", "Før", "Nu", "Forskel")
CHANGES_NONE = "Ingen tal er ændret."
KIND_WORDS = {"investering": "Investering", "besparelse": "Besparelse"}
