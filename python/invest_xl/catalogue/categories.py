"""The fixed vocabulary of target-group categories, and how a case gets its categories.

A case's categories come from its target groups as written, by the words below (see
docs/catalogue.md). A case naming four or more categories is "bred" (a broad strategy)
only, so that one municipality's whole strategy does not enter every group's statistic.
A case whose words match nothing is "andet". The few cases whose target text misleads
the words (a benefit named only as the group's history) are fixed in `_OVERRIDES`.
"""

from __future__ import annotations

import re
import unicodedata

from invest_xl.errors import InvestXLError

CATEGORIES: dict[str, str] = {
    "dagpenge": "Forsikrede ledige (a-dagpenge)",
    "kontanthjælp": "Jobparate og aktivitetsparate kontanthjælpsmodtagere",
    "uddannelseshjælp": "Uddannelseshjælpsmodtagere og unge",
    "sygedagpenge": "Sygedagpengemodtagere",
    "jobafklaring": "Jobafklaringsforløb og ressourceforløb",
    "fleksjob": "Fleksjob og ledighedsydelse",
    "integration": "Borgere omfattet af integrationsloven",
    "bred": "Bred indsats: alle ledige eller fire eller flere målgrupper",
    "andet": "Andre målgrupper (familier, revalidering, seniorjob, virksomheder m.m.)",
}
BROAD_FROM = 4

_WORDS: tuple[tuple[str, re.Pattern], ...] = (
    ("dagpenge", re.compile(r"forsikrede|(?<!syge)dagpenge", re.IGNORECASE)),
    ("sygedagpenge", re.compile(r"sygedagpenge|sygemeldte|\bSDP\b", re.IGNORECASE)),
    ("jobafklaring", re.compile(r"jobafklaring|afklaringsforkøb|ressourceforløb", re.IGNORECASE)),
    ("fleksjob", re.compile(r"fleksjob|ledighedsydelse|fleksløn", re.IGNORECASE)),
    ("integration", re.compile(r"integration|flygtning|IGU", re.IGNORECASE)),
    ("uddannelseshjælp", re.compile(r"uddannelseshjælp|uddannelsesparat|\bunge\b|under 30 år",
                                    re.IGNORECASE)),
    ("kontanthjælp", re.compile(r"kontanthjælp|kontant-|jobparate|nyttejob|"
                                r"aktivitetsparate(?! uddannelseshjælp| unge)", re.IGNORECASE)),
    ("bred", re.compile(r"alle målgrupper|alle de borgere|langtidsledige$|"
                        r"^alle aktivitetsparate$", re.IGNORECASE)),
)
# Case number -> categories, where the words would mislead; the reason is beside each.
_OVERRIDES: dict[int, tuple[tuple[str, ...], str]] = {
    3: (("kontanthjælp",), "Målgruppen er aktivitetsparate kontanthjælpsmodtagere; de nævnte dagpenge "
                           "og uddannelseshus er gruppens baggrund."),
    13: (("uddannelseshjælp",), "Målgruppen er unge under 30 år ('uanset ydelse')."),
}


def fold(text: str) -> str:
    """Lower case, 'æ/ø/å' as 'ae/oe/aa', no accents or spaces around: how a name is matched."""
    text = text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def categorise(number: int, target_groups: list[str]) -> list[str]:
    """The case's categories in vocabulary order."""
    if number in _OVERRIDES:
        return list(_OVERRIDES[number][0])
    found = {name for item in target_groups for name, words in _WORDS if words.search(item)}
    named = [name for name in CATEGORIES if name in found and name != "bred"]
    if "bred" in found or len(named) >= BROAD_FROM:
        return ["bred"]
    return named or ["andet"]


def category_key(text: str) -> str:
    """The category a user typed ('Kontanthjaelp', ' sygedagpenge ') or a Danish message."""
    wanted = fold(str(text))
    for name in CATEGORIES:
        if fold(name) == wanted:
            return name
    raise InvestXLError(f"kategorien '{text}' kendes ikke; vælg en af: {', '.join(CATEGORIES)}")
