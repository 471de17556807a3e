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
# The block "Indregnet i budgettet" (layout/booking.py) and its check (budget/checks.py)
BOOKING_TITLE = "Indregnet i budgettet"
BOOKING_POTENTIAL = "Potentiale: netto (A+B) over perioden, budget"
BOOKING_SHARE = "Forsigtighed: andel af potentialet, der indregnes"
BOOKING_SHARE_TOTAL = "Indregnet i alt efter forsigtigheden (andel x potentiale)"
BOOKING_BOOKED = "Indregnet besparelse (tabellen 'Indregnet')"
BOOKING_EXPECTED = "Besparelse på forsørgelse (B), {second}"
BOOKING_DIFFERENCE = "Forskel (B - indregnet)"
BOOKING_NET = "I alt (A+B), {second}"
BOOKING_ACCUMULATED = "Akkumuleret forskel"
BOOKING_NOTE = ("Forskel: negativ = mere besparelse end indregnet, positiv = mindre. "
                "Realiseret for lukkede år, Forventet for åbne.")
BOOKING_NO_TABLE = "Beløbene pr. år står i tabellen 'Indregnet' (År, Beløb), som ikke er udfyldt."
BOOKING_CHECK_AGREES = ("Indregnet i budgettet (tabellen 'Indregnet') i alt {booked} mio. kr. stemmer med "
                        "forsigtigheden {share} % af potentialet {potential} = {share_total} mio. kr. "
                        "inden for afrundingen ({tolerance} mio. kr.).")
BOOKING_CHECK_DIFFERS = ("Indregnet i budgettet (tabellen 'Indregnet') i alt {booked} mio. kr. stemmer ikke "
                         "med forsigtigheden {share} % af potentialet {potential} = {share_total} mio. kr.: "
                         "forskel {difference} mio. kr., mere end afrundingen ({tolerance} mio. kr.).")
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
# The curve table as municipalities publish it (survival/period_table, layout/curve_table)
PERIOD_BASELINE = "Gennemsnit {years}"
PERIOD_HALF = "{half}. halvår {year}"
PERIOD_TABLE_TITLE = "Andel på ydelse efter startperiode og uger efter start (Kaplan-Meier)"
PERIOD_TABLE_COLUMNS = ("Gruppe", "Startperiode", "Antal forløb")
PERIOD_WEEK = "Uge {week}"
PERIOD_SOURCE_SPELLS = "Kilde: forløbene i tabellen {table}, skæringsdato {date}"
PERIOD_BLANK_NOTE = "Tom celle: kohorten er ikke fulgt så mange uger endnu."
CURVE_NO_WARNINGS = ("Ingen advarsler om fremskrivningen: den er ikke lang, fordelingerne er enige, "
                     "og ingen varig andel er skønnet uden at kurven flader ud.")
CURVE_CHART_Y = "Andel på ydelse"
FIT_SUMMARY_COLUMNS = ("Kurve", "Fordeling (laveste AIC)", "Parametre", "AIC", "Sidste observerede uge")

# Curves, fits and extrapolations, wherever they are described
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
# the band carried into money: the smaller and the larger saving the curves' bands allow
CURVE_SAVINGS_BAND_ROWS = ("Besparelse netto, lav (kr.)", "Besparelse netto, høj (kr.)")
CLI_SAVINGS_BAND = "{year}: besparelse netto {saving} kr. (lav–høj: {low} til {high})"
CLI_SAVINGS_BAND_RULE = ("lav/høj: målgruppens nedre bånd mod indsatsgruppens øvre og omvendt "
                         "(også fremskrivningens bånd); kurver uden bånd regnes som eksakte")
# beside the expected saving of a kurver case in the follow-up (mio. kr.)
FOLLOWUP_SAVING_BAND = "besparelse {saving} mio. kr. ({low}–{high}), kurvernes bånd"
FOLLOWUP_SAVING_BAND_SENTENCE = "Forventet {note}."
FTE_SAVINGS_ROWS = ("Investering (kr.)", "Færre fuldtidspersoner", "Besparelse på forsørgelse (kr.)",
                    "Merudgift ved overgange (kr.)", "Netto (kr.)")

# The command line's printouts (cli.py)
CLI_TOTALS_COLUMNS = ("År", "Investering (A)", "Besparelse (B)", "I alt (A+B)")
CLI_CURVE_COLUMNS = ("Uge", "Andel %", "Nedre %", "Øvre %")
# Bogført = the case's own booking (Forsigtighed in Sager); Netto, potentiale = investment
# + the full potential, the case's own figures (not the follow-up's Forventet column)
CLI_SAVINGS_COLUMNS = ("År", "Investering", "Potentiale", "Bogført", "Netto, bogført", "Akkum., bogført",
                       "Netto, potentiale")
CLI_NOT_BOOKED = "-"
SAVINGS_BOOKED_FOR_PORTFOLIO = ("budgettal: sagens tal er potentialet; forsigtigheden {share} % indregnes for "
                              "porteføljen samlet (se invest-xl followup), ikke pr. sag")
CLI_PRUDENCE_LINE = ("Potentiale (netto A+B over perioden, budget) {potential} mio. kr.; forsigtighed {share}; "
                     "indregnet i alt {booked_total}")
CLI_BOOKING_COLUMNS = ("År", "Indregnet", "Besparelse (B)", "Forskel", "I alt (A+B)", "Akkumuleret")


# Extrapolation relative to a reference, model averaging and plausibility (survival/)
RELATIVE_MODELS = {"proportional-hazards": "proportionale hazarder (S = S_ref^h)",
                   "proportional-odds": "proportionale odds"}
RELATIVE_REFERENCE_UNKNOWN = ("referencens usikkerhed er ukendt (ingen kohortestørrelse eller bånd): "
                              "båndet regner den for lige så usikker som {size} personers kurve; "
                              "angiv referencens kohortestørrelse for et skarpere bånd")
RELATIVE_AVERAGE_NOTE = ("gennemsnit af de relative modeller i forhold til {reference} med AIC-vægte "
                         "({weights}); båndet dækker begge modellers usikkerhed")
MODEL_AVERAGE_NOTE = "modelgennemsnit med AIC-vægte ({weights}); båndet dækker spredningen mellem de plausible fordelinger"
PLAUSIBILITY_WARNINGS = {
    "long": "fremskrevet til uge {horizon} fra {observed} observerede uger: mere end det dobbelte",
    "disagree": "fordelingerne er uenige med {points} procentpoint i uge {horizon}",
    "plateau": "varig andel ({cure} %) skønnet, men kurven flader ikke synligt ud",
    "below": "kurven ender i uge {horizon} på {share} % under referencens laveste plausible niveau ({floor} %)",
}
WARNING = "Advarsel"
REFERENCE_EXTENDED = "referencen {reference} er kun kendt til uge {week}; derefter følger den sit eget modelgennemsnit"
CLI_BACKTEST_COLUMNS = ("Række", "Skåret", "Metode", "Uge", "Sand %", "Skøn %", "Fejl", "Dækket")
# A new, empty budget workbook (invest-xl new, workbook/template.py)
GUIDE_SHEET = "Vejledning"
GUIDE_TITLE = "Budget for investeringscases {first}-{last}: sådan udfyldes projektmappen"
GUIDE_LINES = (
    "1. Sager: én række pr. investeringscase (Nr, Navn; gruppestørrelser i fuldtidspersoner). "
    "Metode: budget (jeres egne tal), kurver eller fte (beregnet).",
    "2. Beløb: én række pr. sag, art og status med ét beløb pr. år, i den enhed Indstillinger angiver. "
    "Art: investering, besparelse eller i alt. Status: Budget, Realiseret eller Forventet. "
    "- betyder indtægt/mindreforbrug; en tom celle er intet beløb, en streg (-) er 0.",
    "3. Indstillinger: prisniveau, enhed, kilde, forsigtighed og lukkede år (fx 2024, 2025).",
    "4. Kurvemetode, FTE-metode, Prisindeks og Forsigtighed udfyldes kun for sager med metoden "
    "kurver eller fte.",
    "Orange celler er indtastningsceller; kolonner med en liste tager kun listens ord.",
    "Skriv opfølgningen med: invest-xl followup {name}  (eller knappen Opdater opfølgning i en .xlsm).",
)
VALIDATION_TITLE = "Ugyldig værdi"
VALIDATION_ERROR = "Vælg en af: {words}"
VALIDATION_PROMPT = "Vælg fra listen, eller skriv en andel (fx 30 %)"

# A copy of the sample that still holds its illustrative data (sample/leftovers.py)
SAMPLE_NOTE_PRICE_INDEX = ("Bemærk: Prisindeks er eksemplets illustrative tal; indsæt jeres egne "
                           "indeks, før tallene bruges.")
SAMPLE_NOTE_SPELLS = ("Bemærk: Forloeb er eksemplets syntetiske forløb (ingen rigtige personer); "
                      "indsæt jeres egne forløb, eller slet tabellen.")
SAMPLE_NOTE_SETTINGS = ("Bemærk: Indstillinger er stadig eksemplets (forsigtighed {prudence}, {price_level}); "
                        "tjek dem.")

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
