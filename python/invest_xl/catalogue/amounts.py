"""Amounts in the catalogue's sentences, and the few sentence forms read without help.

An amount is a number with its unit as written: "7,5 mio.kr.", "3,8-4,2 mio. kr.",
"200.000 kr.", "3,5 mio.". Kroner become mio. kr. (divided by 1,000,000). What follows
an amount tells its years: "i 2018", "pr. år i 2018-2021", "om året i 2018 og 2019",
or a rate without years ("pr. år", "årligt", "om året").

A section (investment or effect) is read here only in three unambiguous forms:
  * one amount, no years, no rate: the total;
  * one rate without years: one amount per year of a stated from-to period, or the rate
    times a stated number of years ("4 budgetår"); else no total (the years are not said);
  * every amount tied to its own years, no year twice: the amounts per year, the total
    their sum.
Every other section that holds an amount must have a manual reading (`manual.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_AMOUNT = re.compile(
    rf"(?P<low>{NUMBER})(?:\s*-\s*(?P<high>{NUMBER}))?\.?\s*"
    r"(?P<unit>mio\.?\s*kr\b\.?|mio\b\.?|kr\b\.?)")
_YEAR = r"(?:19|20)\d\d"
_TAIL = re.compile(
    r"\s*(?:brutto\s+|netto\s+)?(?P<rate>pr\.\s*år\b\.?|årligt|om året)?\s*"
    rf"(?:i\s+(?:årene\s+)?(?P<years>{_YEAR}(?:\s*(?:-|til|,|og)\s*{_YEAR})*))?")
_YEARS_IN_PERIOD = re.compile(r"^(\d+)\s*(?:år|årige|årig|budgetår)$")
_PERIOD_RANGE = re.compile(rf"^({_YEAR})\s*-\s*({_YEAR})$")
_PERIOD_ONE = re.compile(rf"^({_YEAR})$")
_PERIOD_FROM = re.compile(rf"^({_YEAR})\s*-$")


def to_float(written: str) -> float:
    """'1.071.000' -> 1071000.0, '2,5' -> 2.5 (Danish: dot between thousands, comma decimals)."""
    return float(written.replace(".", "").replace(",", "."))


def mio(value: float) -> float:
    """A value in mio. kr. without float noise from the kroner division (0.45, not 0.45000000001)."""
    return round(value, 6)


@dataclass(frozen=True)
class Mention:
    """One amount as written in a sentence, in mio. kr., and the years it is tied to."""

    written: str
    low_mio_kr: float
    high_mio_kr: float | None
    per_year: bool
    years: tuple[int, ...]
    sentence: str
    open_ended: bool = False  # "i 2019 og frem": the years after are not named
    span: tuple[int, int] = (0, 0)  # the amount and the years after it, in the sentence


def _years(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    if match := re.fullmatch(rf"({_YEAR})\s*(?:-|til)\s*({_YEAR})", text.strip()):
        first, last = int(match.group(1)), int(match.group(2))
        return tuple(range(first, last + 1)) if first <= last else ()
    return tuple(int(year) for year in re.findall(_YEAR, text))


def mentions(sentence: str) -> list[Mention]:
    """Every amount of one sentence, in order."""
    found = list(_AMOUNT.finditer(sentence))
    out = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(sentence)
        tail = _TAIL.match(sentence, match.end(), end)
        scale = 1.0 if match.group("unit").startswith("mio") else 1e-6
        high = match.group("high")
        out.append(Mention(
            written=match.group(0).strip(),
            low_mio_kr=mio(to_float(match.group("low")) * scale),
            high_mio_kr=mio(to_float(high) * scale) if high else None,
            per_year=bool(tail and tail.group("rate")),
            years=_years(tail.group("years") if tail else None),
            sentence=sentence,
            open_ended=bool(re.match(r"\s*og frem", sentence[tail.end():end] if tail else "")),
            span=(match.start(), tail.end() if tail else match.end())))
    return out


@dataclass(frozen=True)
class Period:
    """The investment period: from/to year where the text states them, and its text."""

    text: str
    first: int | None
    last: int | None
    years_stated: int | None  # "4 budgetår", "3 årige": a length without named years

    def as_dict(self) -> dict:
        return {"from": self.first, "to": self.last, "text": self.text}


def read_period(text: str) -> Period:
    """'2016-2018', '2018', '2017-' (from only), '4 budgetår' (a length), or only the text."""
    raw = text.strip()
    if match := _PERIOD_RANGE.match(raw):
        return Period(raw, int(match.group(1)), int(match.group(2)), None)
    if match := _PERIOD_ONE.match(raw):
        return Period(raw, int(raw), int(raw), None)
    if match := _PERIOD_FROM.match(raw):
        return Period(raw, int(match.group(1)), None, None)
    if match := _YEARS_IN_PERIOD.match(raw):
        return Period(raw, None, None, int(match.group(1)))
    return Period(raw, None, None, None)


@dataclass
class Reading:
    """One block (investment or effect) as read: the figures in mio. kr. and their sentences.

    `rate_mio_kr` and `years` keep a per-year rate and the years it was multiplied by, so
    a total that the text does not write is traceable to the two figures it does write.
    """

    total: float | None = None
    low: float | None = None
    high: float | None = None
    by_year: dict[str, float] | None = None
    sources: tuple[str, ...] = ()
    rate_mio_kr: float | None = None
    years: int | None = None


# Numbers of persons are read apart (`persons.py`); any other number, a staff count
# ("1 årsværk") or a time word beside an amount leaves the sentence to a manual reading.
_PERSON_COUNT = re.compile(
    r"\d+(?:,\d+)?\s+(?:borgere|helårspersoner|fuldtidspersoner|årspersoner|personer)\b")
_RATE_WORD = re.compile(r"årlig|pr\.\s*år|om året")
_NOT_PLAIN = re.compile(r"årsværk|første år|efterfølgende|herefter|hvert|det samme beløb",
                        re.IGNORECASE)


def _more_than_amounts(found: list[Mention], sources: tuple[str, ...]) -> bool:
    for sentence in sources:
        rest = list(sentence)
        for m in found:
            if m.sentence == sentence:
                rest[m.span[0]:m.span[1]] = " " * (m.span[1] - m.span[0])
        rest_text = _PERSON_COUNT.sub(" ", "".join(rest))
        if re.search(r"\d", rest_text) or _NOT_PLAIN.search(sentence):
            return True
    return False


def read_section(found: list[Mention], period: Period, section_text: str = "") -> Reading | None:
    """The section's figures in one of the three plain forms, or None (a manual reading).

    A section that also counts staff ("1 årsværk") states part of its cost outside kroner:
    it is read by hand, so that the kroner part is not taken for the whole.
    """
    if not found:
        return Reading()
    if "årsværk" in section_text.lower():  # callers pass the investment section only
        return None
    sources = tuple(dict.fromkeys(m.sentence for m in found))
    if any(m.open_ended for m in found) or _more_than_amounts(found, sources):
        return None
    if len(found) == 1 and not found[0].years:
        only = found[0]
        if not only.per_year and _RATE_WORD.search(only.sentence):
            return None  # "200.000 kr. på fleksjobområdet årligt": a rate, written apart
        if not only.per_year:
            if only.high_mio_kr is not None:
                return Reading(None, only.low_mio_kr, only.high_mio_kr, None, sources)
            return Reading(only.low_mio_kr, None, None, None, sources)
        if only.high_mio_kr is not None:
            return None
        rate = only.low_mio_kr
        if period.first is not None and period.last is not None:
            years = range(period.first, period.last + 1)
            return Reading(mio(rate * len(years)), None, None, {str(y): rate for y in years},
                           sources, rate, len(years))
        if period.years_stated:
            return Reading(mio(rate * period.years_stated), None, None, None, sources,
                           rate, period.years_stated)
        return Reading(None, None, None, None, sources, rate, None)
    if all(m.years and m.high_mio_kr is None for m in found):
        by_year: dict[str, float] = {}
        for m in found:
            if len(m.years) > 1 and not m.per_year:
                return None  # "1,0 mio. kr. i 2018 og 2019": each year or both? read by hand
            for year in m.years:
                if str(year) in by_year:
                    return None
                by_year[str(year)] = m.low_mio_kr
        by_year = dict(sorted(by_year.items()))
        return Reading(mio(sum(by_year.values())), None, None, by_year, sources)
    return None
