"""Every Danish text a user sees in a follow-up, mapped once (numbers: formatting.py)."""

from __future__ import annotations

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


# Messages of the workbook border (workbook/): tables, settings, closed years, our sheets
AMBIGUOUS_TABLE = ("Tabelnavnet '{name}' er tvetydigt: tabellerne {tables} læses alle som "
                   "'{name}' (store/små bogstaver, æ/ae, ø/oe, å/aa og accenter regnes ens); "
                   "omdøb eller slet de andre (Tabeldesign > Tabelnavn).")
BAD_TABLE_REF = ("Tabellen '{name}' (ark '{sheet}') har et ugyldigt område '{ref}'; åbn filen i "
                 "Excel, ret tabellens område (Tabeldesign > Tilpas tabelstørrelse), gem og prøv igen.")
UNKNOWN_SETTING = "indstillingen '{setting}' kendes ikke; de kendte indstillinger er {known}."
DUPLICATE_SETTING = "indstillingen '{setting}' står også i række {row}; angiv den kun én gang."
REALIZED_IN_OPEN_YEAR = ("året {year} har status Realiseret, men står ikke i indstillingen "
                         "'Lukkede år' ({closed}); tilføj {year} dér, eller ret status til Forventet.")
EXPECTED_IN_CLOSED_YEAR = ("året {year} er lukket ({why}), men rækken har status Forventet; ret "
                           "status til Realiseret, eller ret 'Lukkede år'.")
CLOSED_BY_SETTING = "indstillingen 'Lukkede år'"
CLOSED_BY_ROW = "række {row} har status Realiseret"
FILE_ENCRYPTED = ("{name} er beskyttet med adgangskode (krypteret) eller gemt i det gamle "
                  ".xls-format; fjern adgangskoden i Excel (Filer > Oplysninger > Beskyt "
                  "projektmappe > Krypter med adgangskode) eller gem den som .xlsx, og prøv igen")
FILE_BINARY = ("{name} er en binær projektmappe (.xlsb), selv om navnet siger andet; gem den i "
               "Excel som .xlsx eller .xlsm (Filer > Gem som), og prøv igen")
FILE_TOO_LARGE = ("{name} afvises: filen fylder {mb} MB, mere end en budgetprojektmappe "
                  "(højst {limit} MB)")
FILE_TABLE_TWICE = ("{name} har to tabeller med navnet '{table}', hvad Excel ikke tillader; "
                    "omdøb den ene (Tabeldesign > Tabelnavn), gem og prøv igen")
FOREIGN_SHEET = ("Projektmappen har allerede et ark '{sheet}', som invest-xl ikke har skrevet, og "
                 "det erstattes ikke. Omdøb dit ark (højreklik på fanen > Omdøb, fx til "
                 "'{sheet} (eget)'), og kør igen; så skriver invest-xl et nyt ark '{sheet}'.")
