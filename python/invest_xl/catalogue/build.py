"""Build the catalogue's records from the seed text, and load the shipped data file.

`build_catalogue(seed)` gives the JSON document of the issue's contract:
`{"cases": [...], "groups": {...}}`, cases in document order, `null` where the text does
not state a figure, with a flag saying why. `load_catalogue()` reads the shipped
`data/catalogue.json` (made by `python -m invest_xl.catalogue.build SEED OUT`).
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

from invest_xl.catalogue.amounts import Period, Reading, mentions, read_period, read_section
from invest_xl.catalogue.categories import categorise
from invest_xl.catalogue.manual import MANUAL, ManualReading
from invest_xl.catalogue.persons import MANUAL_PERSONS, read_persons
from invest_xl.catalogue.seed import EFFECT, INTERVENTIONS, INVESTMENT, TARGET, SeedCase, read_seed
from invest_xl.errors import InvestXLError

DATA_FILE = Path(__file__).resolve().parent / "data" / "catalogue.json"

_NOT_STATED = {
    "investment_mio_kr": "Teksten angiver ingen investering i kroner.",
    "effect_mio_kr": "Teksten angiver ingen effekt i kroner.",
    "persons": "Teksten angiver intet antal helårs- eller fuldtidspersoner.",
}


def _flag(field: str, code: str, text: str) -> dict:
    return {"field": field, "code": code, "text": text}


def _check_sources(case: SeedCase, sources: tuple[str, ...]) -> None:
    whole = " ".join(" ".join(line.strip() for line in lines) for lines in case.sections.values())
    for piece in sources:
        if piece not in whole:
            raise InvestXLError(f"manuel læsning for case {case.number} ({case.jobcenter}): "
                                f"teksten '{piece}' findes ikke i casen")


def _from_reading(reading: Reading, field: str, period: Period, flags: list[dict]) -> dict:
    block = {"total": reading.total, "low": reading.low, "high": reading.high,
             "by_year": reading.by_year, "source": " ".join(reading.sources) or None}
    if reading.rate_mio_kr is not None:
        rate = f"{reading.rate_mio_kr:g}".replace(".", ",")
        if reading.years:
            flags.append(_flag(field, "rate_times_years",
                               f"{rate} mio. kr. pr. år gange {reading.years} år."))
        else:
            flags.append(_flag(field, "rate_without_years",
                               f"{rate} mio. kr. pr. år; antallet af hele år er ikke angivet "
                               f"(periode: '{period.text}')."))
    if reading.by_year and reading.total is not None and reading.rate_mio_kr is None:
        flags.append(_flag(field, "total_sum_of_years", "Totalen er summen af årene."))
    return block


def _from_manual(case: SeedCase, manual: ManualReading, field: str, flags: list[dict]) -> dict:
    _check_sources(case, manual.sources)
    flags.append(_flag(field, "manual_reading", manual.reason))
    for code, text in manual.flags:
        flags.append(_flag(field, code, text))
    if manual.total is None and manual.null_reason:
        flags.append(_flag(field, "not_stated", manual.null_reason))
    return {"total": manual.total, "low": manual.low, "high": manual.high,
            "by_year": manual.by_year, "source": " ".join(manual.sources)}


def _money(case: SeedCase, section: str, field: str, period: Period, flags: list[dict]) -> dict:
    manual = MANUAL.get((case.number, case.jobcenter, section))
    if manual is not None:
        block = _from_manual(case, manual, field, flags)
        basis = manual.basis
    else:
        found = [m for sentence in case.sentences(section) for m in mentions(sentence)]
        reading = read_section(found, period, case.text(section) if section == INVESTMENT else "")
        if reading is None:
            raise InvestXLError(f"case {case.number} ({case.jobcenter}): afsnittet '{section}' "
                                "kan ikke læses og har ingen manuel læsning")
        block = _from_reading(reading, field, period, flags)
        source = case.text(section).lower() if found else ""
        basis = ("brutto" if "brutto" in source and "netto" not in source else
                 "netto" if "netto" in source and "brutto" not in source else None)
    if all(block[key] is None for key in ("total", "low", "high", "by_year")):
        block["source"] = None
    if block["total"] is None and not any(f["field"] == field and f["code"] in
                                          ("not_stated", "rate_without_years") for f in flags):
        flags.append(_flag(field, "not_stated", _NOT_STATED[field]))
    if field == "effect_mio_kr":
        block["basis"] = basis
    return block


def _persons(case: SeedCase, flags: list[dict]) -> dict:
    field = "persons"
    manual = MANUAL_PERSONS.get((case.number, case.jobcenter))
    if manual is not None:
        block = _from_manual(case, manual, field, flags)
        block = {"total": block["total"], "by_year": block["by_year"], "source": block["source"]}
    else:
        read = read_persons(case.sentences(EFFECT))
        if read is None:
            raise InvestXLError(f"case {case.number} ({case.jobcenter}): antallet af personer kan "
                                "ikke læses og har ingen manuel læsning")
        total, by_year, sources = read
        block = {"total": total, "by_year": by_year, "source": " ".join(sources) or None}
    if block["total"] is None and not any(f["field"] == field and f["code"] == "not_stated" for f in flags):
        flags.append(_flag(field, "not_stated", "Kun enkelte år er angivet." if block["by_year"]
                           else _NOT_STATED[field]))
    return block


def case_record(case: SeedCase) -> dict:
    """One case as the contract's record."""
    period = read_period(case.period_text)
    flags: list[dict] = []
    investment = _money(case, INVESTMENT, "investment_mio_kr", period, flags)
    effect = _money(case, EFFECT, "effect_mio_kr", period, flags)
    persons = _persons(case, flags)
    target_groups = case.items(TARGET)
    return {"jobcenter": case.jobcenter, "period": period.as_dict(),
            "investment_mio_kr": investment, "effect_mio_kr": effect, "persons": persons,
            "target_groups": target_groups, "interventions": case.items(INTERVENTIONS),
            "categories": categorise(case.number, target_groups), "flags": flags}


def build_catalogue(seed_path: Path | str) -> dict:
    """The whole document: every case in order, and the per-category statistics."""
    from invest_xl.catalogue.peers import group_statistics

    cases = [case_record(case) for case in read_seed(seed_path)]
    return {"cases": cases, "groups": group_statistics(cases)}


@lru_cache(maxsize=1)
def _shipped() -> str:
    return DATA_FILE.read_text(encoding="utf-8")


def load_catalogue() -> dict:
    """The shipped catalogue (a fresh copy: callers may change it)."""
    return json.loads(_shipped())


def write_catalogue(document: dict, path: Path | str) -> None:
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # python -m invest_xl.catalogue.build SEED OUT
    if len(sys.argv) != 3:
        sys.exit("brug: python -m invest_xl.catalogue.build SEED.txt UD.json")
    write_catalogue(build_catalogue(sys.argv[1]), sys.argv[2])
