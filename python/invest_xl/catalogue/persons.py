"""Expected persons: full-time persons (helårspersoner, fuldtidspersoner, årspersoner,
and Varde's "Årsværk i 2018: N årsværk ...") leaving benefits, per year or in total.

"Borgere" and "personer" without the word for a person-year are not person-years and
are not read. Read without help: one count in a sentence with no other number or year
("samt 13 fuldtidspersoner"), and Varde's "Årsværk i YYYY: N ..." (one year, one count).
Everything else is a manual reading below, with its reason.
"""

from __future__ import annotations

import re

from invest_xl.catalogue.manual import ManualReading

_COUNT = re.compile(r"(\d+(?:,\d+)?)\s+(?:helårspersoner|fuldtidspersoner|årspersoner)\b")
_VARDE = re.compile(r"^Årsværk (?:i )?((?:19|20)\d\d): (?:Reduktion på )?(\d+) årsværk\b")
_MONEY = re.compile(r"\d[\d.,]*(?:\s*-\s*\d[\d.,]*)?\.?\s*(?:mio|kr)")


def read_persons(sentences: list[str]) -> tuple[float | None, dict[str, float] | None, tuple[str, ...]] | None:
    """(total, by_year, sources) of the effect sentences, or None when a count needs a hand."""
    counted = [s for s in sentences if _COUNT.search(s) or _VARDE.match(s)
               or re.search(r"\d\s+årsværk", s)]
    if not counted:
        return None, None, ()
    if len(counted) > 1:
        return None
    sentence = counted[0]
    if match := _VARDE.match(sentence):
        rest = sentence[match.end():]
        if re.search(r"\d", rest):
            return None
        return None, {match.group(1): float(match.group(2))}, (sentence,)
    found = _COUNT.findall(sentence)
    rest = _MONEY.sub(" ", _COUNT.sub(" ", sentence))
    if len(found) != 1 or re.search(r"\d", rest) or re.search(r"årlig|pr\.\s*år", sentence):
        return None
    return float(found[0].replace(",", ".")), None, (sentence,)


_R = ManualReading
MANUAL_PERSONS: dict[tuple[int, str], ManualReading] = {
    (14, "Furesø"): _R(("samt 70 helårspersoner",), "Et beløbsinterval i samme sætning.", total=70.0),
    (16, "Gladsaxe"): _R(
        ("4 helårspersoner årligt forventes at overgå til selvforsørgede i 2018 og 2019",),
        "Et årligt antal for to navngivne år.", total=8.0, by_year={"2018": 4.0, "2019": 4.0}),
    (17, "Gladsaxe"): _R(
        ("4 helårspersoner i 2018 og 14 helårspersoner i 2019 og frem overgår til selvforsørgelse",),
        "'i 2019 og frem' er læst som hvert år 2019-2021 i perioden 2018-2021.", total=46.0,
        by_year={"2018": 4.0, "2019": 14.0, "2020": 14.0, "2021": 14.0}),
    (18, "Gladsaxe"): _R(
        ("Den forventede effekt er at 4 helårspersoner årligt bliver selvforsørgende.",),
        "Et årligt antal i perioden 2018-2019.", total=8.0, by_year={"2018": 4.0, "2019": 4.0}),
    (20, "Greve"): _R(
        ("17 fuldtidspersoner i 2018 stigende til 35 fuldtidspersoner i 2021.",),
        "De mellemliggende år er ikke angivet.", by_year={"2018": 17.0, "2021": 35.0},
        null_reason="Antallet i 2019 og 2020 er ikke angivet."),
    (24, "Hillerød"): _R(
        ("Antal på dagpenge og kontanthjælp (jobparate/fuldtidspersoner) der kommer i selvforsørgelse: 333.",
         "Antal aktivitetsparate (fuldtidspersoner) der afgår fra ydelsen: 73."),
        "To antal; tallet står efter ordet.", total=406.0,
        flags=(("sum_of_parts", "333 + 73 fuldtidspersoner."),)),
    (25, "Horsens"): _R(
        ("minimum 20 helårspersoner forlader offentlig forsørgelse",), "Antallet står under investering.",
        total=20.0, flags=(("part_only", "Antallet gælder kun sygedagpengeområdet."),)),
    (28, "Køge"): _R(
        ("29 helårspersoner i 2018 og 33 helårspersoner i 2019 til 2021.",),
        "'i 2019 til 2021' er hvert af årene.", total=128.0,
        by_year={"2018": 29.0, "2019": 33.0, "2020": 33.0, "2021": 33.0}),
    (34, "Nordfyn"): _R(
        ("395 fuldtidspersoner forventes flyttet fra offentlig forsørgelse til selvforsørgelse over en "
         "treårig periode (2015 - 2018).",), "Årene står i parentes.", total=395.0),
    (36, "Odense"): _R(
        ("| • Forsikrede ledige | 309 helårspersoner |", "| • Jobparate kontanthjælpsmodtagere | 27 helårspersoner |",
         "| • Integrationsydelsesmodtagere | 12 helårspersoner |", "| • Ledighedsydelsesmodtagere | 120 helårspersoner |",
         "| • Aktivitetsparate kontanthjælpsmodtagere | 247 helårspersoner |",
         "| • Sygedagpengemodtagere | 201 helårspersoner |"),
        "En tabel pr. målgruppe.", total=916.0,
        flags=(("sum_of_parts", "309 + 27 + 12 + 120 + 247 + 201 helårspersoner."),)),
    (43, "Silkeborg"): _R(
        ("146 årspersoner samlet for perioden 2016 - 2020.",), "Perioden står efter antallet.", total=146.0),
    (47, "Svendborg"): _R(
        ("svarende til 23 helårspersoner",), "Uger og borgere i samme sætning.", total=23.0),
    (51, "Tønder"): _R(
        ("Skal bidrage til en effekt målt på minimum 75-80 fuldtidspersoner ekskl. Førtidspension.",),
        "Et interval.", null_reason="Antallet er et interval (75-80 fuldtidspersoner)."),
    (64, "Varde"): _R(
        ("Årsværk i 2018: 7 årsværk færre på sygedagpenge, 4-5 på jobafklaringsforløb, 2-3 på revalidering "
         "og 2-3 på ledighedsydelse.",), "Flere ydelser, de fleste som intervaller.",
        null_reason="Antallet er intervaller pr. ydelse (7, 4-5, 2-3 og 2-3 årsværk i 2018)."),
    (66, "Varde"): _R(
        ("Årsværk i 2018: 4 årsværk færre aktivitetsparate på uddannelseshjælp og 3 årsværk færre på kontanthjælp.",),
        "To ydelser i samme år.", by_year={"2018": 7.0},
        null_reason="Kun 2018 er angivet.", flags=(("sum_of_parts", "4 + 3 årsværk i 2018."),)),
    (69, "Vejen"): _R(
        ("Investeringen vil have en effekt på 8,9 mio. kr. pr. år. i gennemsnit, samt 58 helårspersoner.",),
        "Antallet står efter et årligt gennemsnit.",
        null_reason="Det fremgår ikke, om 58 helårspersoner er pr. år (som beløbet) eller i alt.",
        flags=(("ambiguous_rate", "58 helårspersoner: pr. år eller i alt."),)),
    (86, "Aabenraa"): _R(
        ("KIK-I, en afgang på 275 helårspersoner.", "KIK-II, en afgang på >330 helårspersoner"),
        "To strategier; den ene som en nedre grænse.",
        null_reason="KIK-II er angivet som mere end 330 helårspersoner, en nedre grænse.",
        flags=(("part_only", "KIK-I: 275 helårspersoner."),)),
}
