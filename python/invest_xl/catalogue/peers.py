"""Indicators per case, statistics per category, and where a proposed case stands.

Indicators (mio. kr.; a case enters one only where its inputs are stated):
  * investering: the investment's total;
  * netto: effect total minus investment total; an effect stated as net ("netto") is
    taken as the net itself;
  * effekt_pr_krone: effect total / investment total, for effects not stated as net;
  * investering_pr_helaarsperson: investment total / expected person-years (total).
Per category (and "alle"): count, median and quartiles as Excel's MEDIAN and
QUARTILE.INC compute them (linear interpolation between order statistics), and the case
numbers (1 = first case of the catalogue) that enter each statistic.
"""

from __future__ import annotations

import numpy as np

from invest_xl.catalogue.categories import CATEGORIES, category_key, fold
from invest_xl.errors import InvestXLError

INDICATORS: dict[str, str] = {
    "investering": "Investering i alt (mio. kr.)",
    "netto": "Netto: effekt minus investering (mio. kr.)",
    "effekt_pr_krone": "Effekt pr. investeret krone",
    "investering_pr_helaarsperson": "Investering pr. forventet helårsperson (mio. kr.)",
}
STATISTICS: dict[str, str] = {"count": "antal", "median": "median", "q1": "nedre kvartil",
                              "q3": "øvre kvartil"}
ALL = "alle"


def indicators(case: dict) -> dict[str, float | None]:
    """The four indicators of one case record; None where an input is not stated."""
    investment = case["investment_mio_kr"]["total"]
    effect = case["effect_mio_kr"]["total"]
    is_net = case["effect_mio_kr"]["basis"] == "netto"
    persons = case["persons"]["total"]
    net = None
    if effect is not None and is_net:
        net = effect
    elif effect is not None and investment is not None:
        net = round(effect - investment, 6)
    per_krone = (round(effect / investment, 6) if effect is not None and not is_net
                 and investment else None)
    per_person = round(investment / persons, 6) if investment is not None and persons else None
    return {"investering": investment, "netto": net, "effekt_pr_krone": per_krone,
            "investering_pr_helaarsperson": per_person}


def statistic(values: list[float]) -> dict[str, float | None]:
    """Count, median and quartiles (QUARTILE.INC) of some values; None when there are none."""
    if not values:
        return {"count": 0, "median": None, "q1": None, "q3": None}
    q1, median, q3 = np.percentile(np.asarray(values, dtype=float), [25, 50, 75])
    return {"count": len(values), "median": round(float(median), 6),
            "q1": round(float(q1), 6), "q3": round(float(q3), 6)}


def group_statistics(cases: list[dict]) -> dict[str, dict]:
    """Per category (vocabulary order, then "alle"): its cases and each indicator's statistic."""
    by_case = [indicators(case) for case in cases]
    groups = {}
    for name in [*CATEGORIES, ALL]:
        members = [i for i, case in enumerate(cases) if name == ALL or name in case["categories"]]
        entry = {"label": CATEGORIES.get(name, "Alle cases"), "cases": [i + 1 for i in members],
                 "indicators": {}}
        for key in INDICATORS:
            entering = [i for i in members if by_case[i][key] is not None]
            entry["indicators"][key] = {**statistic([by_case[i][key] for i in entering]),
                                        "cases": [i + 1 for i in entering]}
        groups[name] = entry
    return groups


def group_key(text: str) -> str:
    """A category as typed, or "alle"."""
    if fold(str(text)) == ALL:
        return ALL
    try:
        return category_key(text)
    except InvestXLError as error:
        raise InvestXLError(f"{error.message}, {ALL}") from None


_STATISTIC_WORDS = {fold(word): key for key, word in STATISTICS.items()}
_INDICATOR_WORDS = {fold(word): key for key, word in {
    "investering": "investering", "netto": "netto", "effekt_pr_krone": "effekt pr. krone",
    "investering_pr_helaarsperson": "investering pr. helårsperson"}.items()}
_INDICATOR_WORDS.update({fold(key): key for key in INDICATORS})


def read_measure(text: str) -> tuple[str, str]:
    """'median effekt pr. krone' -> ('median', 'effekt_pr_krone'); the statistic defaults to median."""
    wanted = " ".join(fold(str(text)).split())
    statistic_key = "median"
    for word, key in sorted(_STATISTIC_WORDS.items(), key=lambda item: -len(item[0])):
        if wanted.startswith(word + " "):
            statistic_key, wanted = key, wanted[len(word) + 1:].strip()
            break
    if wanted not in _INDICATOR_WORDS:
        raise InvestXLError(f"målet '{text}' kendes ikke; skriv fx 'median effekt pr. krone' "
                            "(statistik: antal, median, nedre kvartil, øvre kvartil; mål: "
                            "investering, netto, effekt pr. krone, investering pr. helårsperson)")
    return statistic_key, _INDICATOR_WORDS[wanted]


def peer_value(groups: dict, category: str, measure: str, missing: str | None = None):
    """One statistic of one category, e.g. ('sygedagpenge', 'median effekt pr. krone').

    A statistic without cases is None, or the text `missing` when one is given (a cell).
    """
    statistic_key, indicator = read_measure(measure)
    value = groups[group_key(category)]["indicators"][indicator][statistic_key]
    return missing if value is None and missing is not None else value


def peer_position(groups: dict, cases: list[dict], investment_mio_kr: float,
                  effect_mio_kr: float, category: str) -> dict:
    """Where a proposed case's effect per invested krone stands among its category's cases.

    `percentile` is the share (0-100) of the comparable cases with a lower effect per krone.
    """
    if not investment_mio_kr or investment_mio_kr <= 0:
        raise InvestXLError("investeringen skal være større end 0 mio. kr.")
    name = group_key(category)
    numbers = groups[name]["indicators"]["effekt_pr_krone"]["cases"]
    if not numbers:
        raise InvestXLError(f"kategorien '{name}' har ingen cases med effekt pr. krone")
    values = [indicators(cases[n - 1])["effekt_pr_krone"] for n in numbers]
    proposed = effect_mio_kr / investment_mio_kr
    lower = sum(1 for value in values if value < proposed)
    percentile = round(100.0 * lower / len(values), 1)
    shown = f"{percentile:g}".replace(".", ",")
    sentence = (f"Effekten pr. investeret krone ({f'{proposed:.2f}'.replace('.', ',')}) er højere end "
                f"{shown} % af de {len(values)} sammenlignelige cases ({name}).")
    return {"category": name, "effect_per_krone": round(proposed, 6), "percentile": percentile,
            "peers": len(values), "lower": lower, "cases": numbers, "sentence": sentence}
