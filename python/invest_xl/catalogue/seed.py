"""Split the national catalogue's text into cases and their sections, as written.

The catalogue ("Erfaringsudvikling mellem kommuner om investeringstankegang", the
national agency's 87 municipal investment cases) is free text: every case starts with a
line "Jobcenter: NAME", then "Investeringsperiode: ...", then headed sections (target
groups, interventions, background, "Investeringsomfang", "Forventet effekt"). This module
only cuts the text; it reads no figures (see `amounts.py` and `manual.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from invest_xl.errors import InvestXLError

TARGET, INTERVENTIONS, BACKGROUND, INVESTMENT, EFFECT = (
    "target", "interventions", "background", "investment", "effect")

# Headings as the catalogue spells them, misspellings included ("Bagrund", "indsætter").
_HEADINGS = (
    (re.compile(r"^Investeringsstrategien har følgende målgrupper$"), TARGET),
    (re.compile(r"^Investeringen vil indeholde følgende ind(?:sats|satser|sætter)$"), INTERVENTIONS),
    (re.compile(r"^Bag?grund for indsatsen$"), BACKGROUND),
    (re.compile(r"^Investeringsomfang$"), INVESTMENT),
    (re.compile(r"^Forventet effekt$"), EFFECT),
)
_JOBCENTER = re.compile(r"^Jobcenter:\s*(.*)$")
_PERIOD = re.compile(r"^Investeringsperiode:\s*(.*)$")

# A period end followed by a capital or a digit ends a sentence, unless the word before
# the full stop is one of these abbreviations ("ca. 3 mio.", "bl.a. ...", "Dvs. 1,2 ...").
_ABBREVIATIONS = {"ca", "pr", "nr", "bl.a", "fx", "evt", "inkl", "ekskl", "jf", "dvs", "obs",
                  "mv", "m.m", "alm", "eks", "mhp", "ift", "hhv", "el"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9•])")


@dataclass
class SeedCase:
    """One case as written: its number (1 = first in the document) and its sections."""

    number: int
    jobcenter: str
    period_text: str
    sections: dict[str, list[str]] = field(default_factory=dict)

    def lines(self, section: str) -> list[str]:
        return self.sections.get(section, [])

    def text(self, section: str) -> str:
        return " ".join(line.strip() for line in self.lines(section) if line.strip())

    def sentences(self, section: str) -> list[str]:
        """The section's sentences, one paragraph (line) at a time, in order."""
        out: list[str] = []
        for line in self.lines(section):
            out.extend(split_sentences(line))
        return out

    def items(self, section: str) -> list[str]:
        """The section's lines as written, bullets without their "- " (sub-bullets too)."""
        items = []
        for line in self.lines(section):
            text = line.strip()
            items.append(text[2:].strip() if text.startswith("- ") else text)
        return [item for item in items if item]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, keeping each sentence's text exactly as written."""
    text = paragraph.strip()
    if text.startswith("- "):
        text = text[2:].strip()
    if not text:
        return []
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start()]
        word = re.split(r"[\s(]", before)[-1].rstrip(".!?").lower() if before else ""
        if word in _ABBREVIATIONS:
            continue
        pieces.append(before.strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def read_seed(path: Path | str) -> list[SeedCase]:
    """Every case of the catalogue text, in document order."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvestXLError(f"kataloget '{path}' kan ikke læses: {error}") from error
    cases: list[SeedCase] = []
    section: str | None = None
    for line in raw.splitlines():
        stripped = line.strip()
        if match := _JOBCENTER.match(stripped):
            cases.append(SeedCase(len(cases) + 1, match.group(1).strip(), ""))
            section = None
            continue
        if not cases:
            continue  # the title page before the first case
        case = cases[-1]
        if match := _PERIOD.match(stripped):
            case.period_text = match.group(1).strip()
            continue
        heading = next((name for pattern, name in _HEADINGS if pattern.match(stripped)), None)
        if heading:
            section = heading
            case.sections.setdefault(section, [])
            continue
        if section and stripped:
            case.sections[section].append(line.rstrip())
    if not cases:
        raise InvestXLError(f"kataloget '{path}' indeholder ingen linjer 'Jobcenter: ...'")
    return cases
