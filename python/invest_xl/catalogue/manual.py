"""The sentences the reader does not read alone: each reading by hand, with its reason.

A key is (case number, jobcenter, block); the jobcenter guards against a shifted number.
`sources` are pieces of the case's text, copied exactly (the build refuses a piece that
is not in the text). `flags` are (code, Danish text) pairs kept on the case. A reading
with `total=None` says in `null_reason` why the text gives no total.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ManualReading:
    sources: tuple[str, ...]
    reason: str
    total: float | None = None
    low: float | None = None
    high: float | None = None
    by_year: dict[str, float] | None = None
    basis: str | None = None
    null_reason: str | None = None
    flags: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _years(first: int, last: int, value: float) -> dict[str, float]:
    return {str(year): value for year in range(first, last + 1)}


EACH_YEAR = ("each_year_reading", "'i 2018 og 2019' er læst som beløbet i hvert af årene.")
TWO_PARTS = ("several_programmes", "Casen rummer flere indsatser; totalen er summen af de angivne dele.")
STAFF = ("staff_not_in_kroner", "En del af investeringen er angivet i årsværk, ikke i kroner.")

_R = ManualReading
MANUAL: dict[tuple[int, str, str], ManualReading] = {
    (1, "Brønderslev", "effect"): _R(
        ("Der forventes en besparelse på ca. 10 mio.kr efter 3 år.",
         "Investeringsprovenuet for periode kan opgøres til op mod 3 mio.kr."),
        "To beløb: besparelsen og provenuet; effekten er besparelsen.", total=10.0,
        flags=(("net_also_stated", "Provenuet er angivet til op mod 3 mio. kr."),)),
    (2, "Esbjerg", "effect"): _R(
        ("0,9 mio. kr. i 2017 Og herefter 1,7 mio. kr. årligt i 2018.",),
        "'herefter ... årligt i 2018' nævner kun 2018.", total=2.6,
        by_year={"2017": 0.9, "2018": 1.7}),
    (3, "Esbjerg", "investment"): _R(
        ("De afsatte midler på 2,2 mio. kr. årligt anvendes til 2 beskæftigelsesrådgivere og 3 "
         "jobmentorer og 200.000 kr. årligt til aktiviteter.",),
        "To årlige beløb i samme sætning.", total=4.4, by_year=_years(2018, 2019, 2.2),
        flags=(("ambiguous_parts", "Det fremgår ikke, om 200.000 kr. årligt til aktiviteter er "
                "en del af de 2,2 mio. kr.; her er kun de 2,2 mio. kr. pr. år brugt."),)),
    (7, "Favrskov", "effect"): _R(
        ("Der forventes en nettobesparelse i budget 2018 på ca. 1,2 mio. kr.",),
        "Året står før beløbet.", total=1.2, by_year={"2018": 1.2}, basis="netto"),
    (11, "Fredensborg", "investment"): _R(
        ("Investeringen vil udgøre 0,7 mio. kr. i 2018 og 0,2 mio. kr. pr. år de efterfølgende 3 år.",),
        "'de efterfølgende 3 år' er 2019-2021 i perioden 2018-2021.", total=1.3,
        by_year={"2018": 0.7, **_years(2019, 2021, 0.2)}),
    (11, "Fredensborg", "effect"): _R(
        ("Den forventede effekt i perioden 2018-2021 er en besparelse på 2,6 mio. kr.",),
        "Perioden står før beløbet.", total=2.6),
    (14, "Furesø", "effect"): _R(
        ("Investeringen forventes at have en effekt på 7-9 mio. kr. i 2018, samt 70 helårspersoner.",),
        "Et interval for ét år.", low=7.0, high=9.0,
        null_reason="Teksten giver et interval (7-9 mio. kr. i 2018), ikke ét beløb."),
    (15, "Faaborg-Midtfyn", "investment"): _R(
        ("Investeringen vil udgøre 3,5 mio. første år og 4,5 mio. efterfølgende 3 år.",),
        "Årene er ikke navngivet.",
        null_reason="Det fremgår ikke, om 4,5 mio. er pr. år eller i alt for de efterfølgende 3 år "
                    "(i alt 17,0 eller 8,0 mio. kr.).",
        flags=(("ambiguous_rate", "4,5 mio. 'efterfølgende 3 år' kan være pr. år eller i alt."),)),
    (17, "Gladsaxe", "investment"): _R(
        ("Investeringen vil udgøre 0,6 mio. kr. i 2018, og 1,7 mio. kr. pr. år i 2019 og frem",),
        "'i 2019 og frem' er læst som hvert år 2019-2021 i perioden 2018-2021.", total=5.7,
        by_year={"2018": 0.6, **_years(2019, 2021, 1.7)}),
    (17, "Gladsaxe", "effect"): _R(
        ("Besparelse på forsørgelsesudgifterne på 0,6 mio. kr. i 2018, og 1,7 mio. kr. i 2019 og frem.",),
        "'i 2019 og frem' er læst som hvert år 2019-2021 i perioden 2018-2021.", total=5.7,
        by_year={"2018": 0.6, **_years(2019, 2021, 1.7)}),
    (18, "Gladsaxe", "investment"): _R(
        ("Investeringen vil udgøre 1,0 mio. kr. i 2018 og 2019.",),
        "Ét beløb for to år.", total=2.0, by_year=_years(2018, 2019, 1.0), flags=(EACH_YEAR,)),
    (18, "Gladsaxe", "effect"): _R(
        ("Besparelse på forsørgelsesudgifterne på 0,6 mio. kr. i 2018 og 2019.",),
        "Ét beløb for to år.", total=1.2, by_year=_years(2018, 2019, 0.6), flags=(EACH_YEAR,)),
    (21, "Haderslev", "investment"): _R(
        ("I alt 800.000 kr. svarende til 17.777 kr. pr. elev pr. år.",
         "I alt 850.000 kr., svarende til 21.250 kr. pr. elev pr. år"),
        "To forløb (A og B), hver med dele og en total.", total=1.65, flags=(TWO_PARTS,)),
    (22, "Haderslev", "effect"): _R(
        ("Effekten forventes at være brutto 3,3 mio. kr. i 2018, 6,2 mio. kr. i 2019, 9,0 mio. kr. i 2020",),
        "Personer pr. år i samme sætning.", total=18.5,
        by_year={"2018": 3.3, "2019": 6.2, "2020": 9.0}, basis="brutto"),
    (23, "Herning", "investment"): _R(
        ("Kommunen vil investere ca. 10,7 mio. kr., og forventer at spare minimum ca. 8,2 mio. kr..",),
        "Investering og besparelse i samme sætning.", total=10.7,
        flags=(("parts_disagree", "Baggrunden nævner ca. 3 + 1,8 + 0,6 + 5,4 = 10,8 mio. mod i alt "
                "ca. 10,7 mio. kr.; det står ikke, om det er dele af investeringen."),)),
    (23, "Herning", "effect"): _R(
        ("Kommunen vil investere ca. 10,7 mio. kr., og forventer at spare minimum ca. 8,2 mio. kr..",),
        "Besparelsen står under investeringsomfang.", total=8.2,
        flags=(("guarantee", "Politisk hæftes for 2,5 mio. kr., hvis investeringerne kun indløser et minimum."),)),
    (25, "Horsens", "investment"): _R(
        ("På sygedagpengeområdet investeres ca. 2 mio. kr.",
         "I forhold til den aktivitetsparate målgruppe investeres 1,5 mio. kr."),
        "To målgrupper, hver sit beløb.", total=3.5, flags=(TWO_PARTS,)),
    (26, "Hvidovre", "investment"): _R(
        ("Investeringen vil udgøre 2,2 mio. kr. over 3 år.",
         "Fordelt med ca. 0,8 mio. kr. i 2017 og 2018 og 0,5 mio. kr. i 2019."),
        "En total og en fordeling på år.", total=2.2,
        by_year={"2017": 0.8, "2018": 0.8, "2019": 0.5},
        flags=(("total_parts_disagree", "Den angivne total (2,2 mio. kr.) afviger fra summen af "
                "årene (2,1 mio. kr.)."), EACH_YEAR)),
    (28, "Køge", "investment"): _R(
        ("Investeringen vil udgøre 1 mio. kr. i 2018 (500.000 kr. til kompetenceløft og 500.000 kr. "
         "til ekstra medarbejder).", "500.000 kr. til medarbejder i efterfølgende år (frem til og med 2021)."),
        "'efterfølgende år (frem til og med 2021)' er 2019-2021.", total=2.5,
        by_year={"2018": 1.0, **_years(2019, 2021, 0.5)}),
    (28, "Køge", "effect"): _R(
        ("Investeringen forventer at have en effekt på 3,8 mio. kr. i 2018 og 4,3 mio. kr. i 2019 til 2021.",),
        "'4,3 mio. kr. i 2019 til 2021' er læst som hvert af årene, som personerne i næste sætning.",
        total=16.7, by_year={"2018": 3.8, **_years(2019, 2021, 4.3)},
        flags=(("each_year_reading", "'i 2019 til 2021' er læst som beløbet i hvert af årene."),)),
    (30, "Lejre", "effect"): _R(
        ("Investeringen forventer at have en effekt på ca. 250.000 kr. netto årligt.",),
        "Et årligt beløb; perioden er uden tidsbegrænsning.", basis="netto",
        null_reason="Effekten er årlig (ca. 250.000 kr.), og perioden er uden tidsbegrænsning.",
        flags=(("gross_also_stated", "Årlig besparelse 697.500 kr. (2.325 kr. pr. uge, 75 borgere, 4 uger)."),)),
    (31, "Lejre", "effect"): _R(
        ("Der forventes en gevinst på 200.000 kr. på fleksjobområdet årligt.",),
        "Et årligt beløb; perioden er '4 år og 1 år'.",
        null_reason="Effekten er årlig (200.000 kr.), og det står ikke, hvilken af periodens dele den gælder."),
    (33, "Norddjurs", "effect"): _R(
        ("Ca. 3 mio. kr. givet 15 ydelsesmodtagere",), "Et antal modtagere i samme sætning.", total=3.0),
    (35, "Odder", "effect"): _R(
        ("Den forventede effekt af investeringen i 2016 var en besparelse på minimum 5,3 mio. kr.",),
        "Beløbet gælder den tidligere investering.",
        null_reason="5,3 mio. kr. er effekten af investeringen i 2016; for 2017-2018 er effekten kun "
                    "angivet som en undgået budgetstigning af mindst samme beløb."),
    (36, "Odense", "investment"): _R(
        ("I alt vil der blive investeret 72,4 mio. kr. i perioden 2017 til 2020.",
         "Investeringen vil udgøre 16,2 mio. kr. i 2017, 33,0 mio. kr. i 2018, 18,7 mio. kr. i 2019 og "
         "4,5 mio. kr. i 2020"),
        "En total og beløb pr. år.", total=72.4,
        by_year={"2017": 16.2, "2018": 33.0, "2019": 18.7, "2020": 4.5}),
    (40, "Odsherred", "investment"): _R(
        ("Investeringen vil udgøre 1,2 mio. kr. i 2018 og 2019, og 0,5 mio. kr. i 2020.",),
        "Ét beløb for to år.", total=2.9, by_year={"2018": 1.2, "2019": 1.2, "2020": 0.5},
        flags=(EACH_YEAR,)),
    (40, "Odsherred", "effect"): _R(
        ("Dvs. 1,2 mio. kr. i 2018 og 2019 og 0,5 kr. i 2020.",),
        "Effekten er sat lig investeringen ('de investerede beløb tjenes hjem').", total=2.9,
        by_year={"2018": 1.2, "2019": 1.2, "2020": 0.5},
        flags=(EACH_YEAR, ("unit_read", "'0,5 kr. i 2020' er læst som 0,5 mio. kr., det investerede beløb."))),
    (41, "Rebild", "effect"): _R(
        ("Psykologbehandlingen ca. 3 mio. kr. i perioden",
         "Særlig jobformidler ca. 1,1 mio. kr. når udgifter til indsats er fratrukket."),
        "To indsatser, begge efter fradrag af udgifterne.", total=4.1, basis="netto", flags=(TWO_PARTS,)),
    (44, "Silkeborg", "effect"): _R(
        ("Der forventes en nettobesparelse i budget 2018 på 1,2 mio. kr.",),
        "Året står før beløbet.", total=1.2, by_year={"2018": 1.2}, basis="netto"),
    (45, "Skive", "investment"): _R(
        ("Indsats for langtidsledige kontanthjælpsmodtagere forventes at udgøre 2,4 mio. kr. pr. år. (i 3 år).",
         "To jobkonsulenter som vil udgøre ca. 1 mio. kr. pr. år.",
         "Min. 950.000 kr. pr. år (v. i alt deltagere). Max yderligere 550.000 kr. pr. år (v. i alt 50 deltagere)"),
        "Tre årlige dele, den sidste som min./maks.; 3 år.", low=13.05, high=14.7,
        null_reason="Brobygningen koster mellem 950.000 og 1.500.000 kr. pr. år: et interval.",
        flags=(("rate_times_years", "(2,4 + 1 + 0,95) til (2,4 + 1 + 1,5) mio. kr. pr. år i 3 år."),)),
    (45, "Skive", "effect"): _R(
        ("Langtidsledige: 30 flere i job pr. år = udgiftsneutralt (2,4 mio. kr. pr. år).",),
        "Kun indsatsen for langtidsledige har et beløb.", total=7.2,
        flags=(("rate_times_years", "2,4 mio. kr. pr. år i 3 år."),
               ("part_only", "Effekten for de unge er 'antal ikke defineret'."))),
    (46, "Stevns", "effect"): _R(
        ("Investeringen forventer at have en effekt på 0,5 mio. kr. det første år.",),
        "Kun det første år.", total=0.5,
        flags=(("first_year_only", "Effekten er angivet for det første år."),)),
    (47, "Svendborg", "investment"): _R(
        ("Investeringen vil udgøre 1,8 mio. kr. og er siden 2016 blevet indarbejdet som permanente "
         "udgifter og indtægter.",), "Året står som 'siden 2016'.", total=1.8),
    (47, "Svendborg", "effect"): _R(
        ("Brutto effekt på 2,5 mio. kr. pr. år - 0,7 mio. kr. netto.",),
        "Brutto og netto i samme sætning; perioden er 2016.", total=2.5,
        by_year={"2016": 2.5}, basis="brutto",
        flags=(("net_also_stated", "Netto 0,7 mio. kr. pr. år."),)),
    (48, "Syddjurs", "effect"): _R(
        ("I alt et potentiale på 55 mio. kr.",
         "Besparselsen forventes at udgøre 2,9 mio. kr. på virksomhedsindsats, 8,0 mio. kr. ved færre på "
         "uddannelses- og kontanthjælp, 12,6 mio. kr. ved færre SDP-modtagere, 1,9 mio. kr. ved integration, "
         "30 mio. kr. ved teknisk korrektion."),
        "En total og dens dele.", total=55.0,
        flags=(("total_parts_disagree", "Den angivne total (55 mio. kr.) afviger fra summen af delene "
                "(55,4 mio. kr.)."),)),
    (49, "Sønderborg", "investment"): _R(
        ("I alt 5,3 mio. kr. til en projektperiode på 2,5 år (juli 2017 til 2019).",),
        "Perioden står i parentes.", total=5.3),
    (50, "Thisted", "effect"): _R(
        ("Der forventes en besparelse på overførsler i 2016 på 6 mio. kr., i 2017 på 12 mio. kr., i 2018 "
         "på 17 mio. kr., i 2019 på 18 mio. kr.",),
        "Årene står før beløbene.", total=53.0,
        by_year={"2016": 6.0, "2017": 12.0, "2018": 17.0, "2019": 18.0}),
    (52, "Varde", "effect"): _R(
        ("Forventede effekt af investeringen på 4 mio. kr., 1 % på refusionsprocenten.",),
        "En procent i samme sætning.", total=4.0),
    (53, "Varde", "effect"): _R(
        ("Man forventer en effekt på 0,3 mio. kr. i årene 2018-2021.",), "Ét beløb for fire år.",
        null_reason="Det fremgår ikke, om 0,3 mio. kr. er pr. år eller i alt for 2018-2021."),
    (54, "Varde", "effect"): _R(
        ("Effekten forventes at være 0,9 mio. kr. pr. år i 2018-2021, hvilket netto svarer til 0,1 mio. kr. pr. år.",),
        "Brutto og netto i samme sætning.", total=3.6, by_year=_years(2018, 2021, 0.9), basis="brutto",
        flags=(("net_also_stated", "Netto 0,1 mio. kr. pr. år."),)),
    (63, "Varde", "effect"): _R(
        ("Investeringen forventes at have en effekt på 2,6 mio. kr. pr. år i 2018-2021, hvilket netto "
         "svare til 2,1 mio. kr. pr. år.",),
        "Brutto og netto i samme sætning.", total=10.4, by_year=_years(2018, 2021, 2.6), basis="brutto",
        flags=(("net_also_stated", "Netto 2,1 mio. kr. pr. år."),)),
    (64, "Varde", "effect"): _R(
        ("Investeringen forventes at have en effekt på 2,3 mio. kr. pr. år i 2018-2021, hvilket netto "
         "svare til 1,3 mio. kr. pr. år.",),
        "Brutto og netto i samme sætning.", total=9.2, by_year=_years(2018, 2021, 2.3), basis="brutto",
        flags=(("net_also_stated", "Netto 1,3 mio. kr. pr. år."),)),
    (70, "Vejen", "investment"): _R(
        ("450.000 kr. pr. år i lønudgifter i 2018 og 2019 og 25.000 i anlægs udgifter.",),
        "Et årligt beløb og et engangsbeløb uden enhed og år.", total=0.925,
        by_year=_years(2018, 2019, 0.45),
        flags=(("unit_read", "'25.000 i anlægs udgifter' er læst som 25.000 kr. uden år; den indgår kun i "
                "totalen."),)),
    (70, "Vejen", "effect"): _R(
        ("Investeringen vil have en effekt på 612.000 kr. i 2018, 1.071.000 kr. i 2019 og 382.500 i 2020.",),
        "Det sidste beløb står uden enhed.", total=2.0655,
        by_year={"2018": 0.612, "2019": 1.071, "2020": 0.3825},
        flags=(("unit_read", "'382.500 i 2020' er læst som kr. som de andre beløb."),)),
    (71, "Vejen", "effect"): _R(
        ("Investeringen vil have en effekt på 540.000 kr. i 2018 og det samme beløb i 2019-2021.",),
        "'det samme beløb i 2019-2021' er hvert af årene.", total=2.16, by_year=_years(2018, 2021, 0.54)),
    (73, "Vejen", "investment"): _R(
        ("Investeringen vil udgøre 450.000 kr. om året i 2018 og 2019 i lønudgifter.",
         "Samt 125.000 kr. i 2018 og 100.000 kr. i 2019 til øvrige driftsudgifter."),
        "Løn og drift lægges sammen pr. år.", total=1.125, by_year={"2018": 0.575, "2019": 0.55}),
    (75, "Vejen", "investment"): _R(
        ("Investeringerne vil udgøre 475.000 kr. om året i 2018, 2019 og 2020 i lønudgifter.",
         "Samt 25.000 kr. i 2018 til øvrige driftsudgifter."),
        "Løn og drift lægges sammen pr. år.", total=1.45,
        by_year={"2018": 0.5, "2019": 0.475, "2020": 0.475}),
    (76, "Vejen", "investment"): _R(
        ("Investeringerne vil udgøre 650.000 kr. om året fra 2018, til og med 2021 til øvrige driftsudgifter.",),
        "'fra 2018, til og med 2021'.", total=2.6, by_year=_years(2018, 2021, 0.65)),
    (76, "Vejen", "effect"): _R(
        ("Investeringen vil have en effekt på 650.000 kr. om året fra 2018, til og med 2021.",),
        "'fra 2018, til og med 2021'.", total=2.6, by_year=_years(2018, 2021, 0.65)),
    (77, "Vejen", "investment"): _R(
        ("Investeringerne vil udgøre 1.350.000 kr. om året i 2018 og 2019 til lønudgifter, 75.000 kr. om året "
         "i 2018 og 2019 til kørsel, samt 75.000 kr. i 2018 til anlægsudgifter.",),
        "Løn, kørsel og anlæg lægges sammen pr. år.", total=2.925, by_year={"2018": 1.5, "2019": 1.425}),
    (78, "Vejen", "investment"): _R(
        ("Investeringerne vil udgøre 450.000 om året fra 2018 til og med 2021 til lønudgifter, 95.000 kr. i "
         "2018 til øvrige udgifter.",),
        "'450.000 om året' står uden enhed; læst som kr.", total=1.895,
        by_year={"2018": 0.545, **_years(2019, 2021, 0.45)},
        flags=(("unit_read", "'450.000 om året' er læst som kr."),)),
    (78, "Vejen", "effect"): _R(
        ("Investeringen vil have en effekt på 606.000. kr. pr. år i 2018 til og med 2021.",),
        "'i 2018 til og med 2021'.", total=2.424, by_year=_years(2018, 2021, 0.606)),
    (79, "Vordingborg", "investment"): _R(
        ("vil samlet udgøre: 7,5 mio. kr. pr. år i 4 år.", "For Helhedsorienteret familieindsats 0,5 mio.kr. pr. år i 5 år."),
        "To indsatser med hver sin årlige sats og sit antal år.", total=32.5,
        flags=(TWO_PARTS, ("rate_times_years", "7,5 mio. kr. pr. år i 4 år og 0,5 mio. kr. pr. år i 5 år."))),
    (79, "Vordingborg", "effect"): _R(
        ("jobparate kontanthjælpsmodtagere: 16,2 mio. kr. pr. år i 4 år.",
         "for Helhedsorienteret familieindsats 0,9 mio.kr. i 2018 stigende til 4,7 mio. kr. i 2022."),
        "Familieindsatsens mellemliggende år er ikke angivet.",
        null_reason="Familieindsatsens effekt i 2019-2021 er ikke angivet (kun 0,9 mio. kr. i 2018 og "
                    "4,7 mio. kr. i 2022).",
        flags=(("part_only", "Hovedindsatsen: 16,2 mio. kr. pr. år i 4 år."),)),
    (83, "Ærø", "investment"): _R(
        ("Ca. 500.000 kr. til puljemidler for at fremme beskæftigelsesindsatsen på tværs af ydelser.",
         "Omkring 1 årsværk."),
        "Kroner og årsværk.", null_reason="En del af investeringen er angivet i årsværk (omkring 1).",
        flags=(STAFF, ("kroner_part", "Kronedelen er ca. 500.000 kr."))),
    (84, "Ærø", "investment"): _R(
        ("1/2 årsværk virksomhedskonsulent.", "1 årsværk til kontanthjælp.",
         "250.000 kr. til puljemidler til opkvalificering af jobparate kontanthjælpsmodtagere."),
        "Kroner og årsværk.", null_reason="En del af investeringen er angivet i årsværk (1/2 og 1).",
        flags=(STAFF, ("kroner_part", "Kronedelen er 250.000 kr."))),
    (85, "Ærø", "investment"): _R(
        ("1 årsværk – virksomhedskonsulent, 250.000 kr. til opkvalificeringsmidler.",),
        "Kroner og årsværk.", null_reason="En del af investeringen er angivet i årsværk (1).",
        flags=(STAFF, ("kroner_part", "Kronedelen er 250.000 kr."))),
    (85, "Ærø", "effect"): _R(
        ("Der er indlagt en årlig besparelse på 720.000 kr. ved at nedsætte varigheden på sygedagpenge.",
         "Derudover forventes der at kunne indhentes omkring 400.000 kr. ved at fokusere på indhentelsen "
         "af regresindtægter."),
        "Et årligt beløb; perioden er ikke opgjort.",
        null_reason="Besparelsen er årlig (720.000 kr.), og investeringsperioden er ikke opgjort.",
        flags=(("doubtful_part", "Regresindtægterne (omkring 400.000 kr.) kommer efter teksten nok ikke."),)),
    (86, "Aabenraa", "investment"): _R(
        ("KIK-I, 68 mio. kr. over en 4-årig periode", "KIK-II, 60 mio. kr. over en 4-årig periode"),
        "To strategier (KIK-I og KIK-II).", total=128.0, flags=(TWO_PARTS,)),
    (86, "Aabenraa", "effect"): _R(
        ("KIK-I, årlig netto besparelse efter investeringsperiodens udløb = 21 mio. kr.",
         "KIK-II, årlig netto besparelse efter investeringsperiodens udløb = 15 mio. kr."),
        "Årlige beløb efter perioden.", basis="netto",
        null_reason="Besparelsen er årlig efter periodens udløb (21 og 15 mio. kr.), uden antal år."),
    (87, "Aarhus", "investment"): _R(
        ("Ansættelse af 4 virksomhedskonsulenter til integrationsområdet svarende til ca. 2 mio.kr. pr. år.",
         "Ekstra fastholdende og virksomhedsnære indsats for sygedagpengemodtagere og borgere i "
         "jobafklaringsforløb, svarende til ca. 3 mio.kr.",
         "Fokus på småjobs til målgrupper i udkanten af arbejdsmarkedet, svarende til ca. 3 mio.kr."),
        "Tre indsatser; beløbene er de samme, som effekten fratrækkes.", total=8.0,
        flags=(TWO_PARTS, ("mixed_periods", "Kun integrationsbeløbet (2 mio. kr.) er angivet pr. år."))),
    (87, "Aarhus", "effect"): _R(
        ("Effekten af investeringen på integrationsområdet skønnes til ca. 4 mio. kr.",
         "Effekten af investeringen på sygedagpengeområdet og jobafklaring skønnes til ca. 8 mio. kr.",
         "Effekten af investeringen i målgruppen på kanten af arbejdsmarkedet skønnes til ca. 8 mio. kr."),
        "Tre indsatser, hver brutto med et fradrag.", total=20.0, basis="brutto",
        flags=(TWO_PARTS, ("net_also_stated", "Fratrukket knap 2 + 3 + 3 mio. kr. giver provenuet."))),
}
