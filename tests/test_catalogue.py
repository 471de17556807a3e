"""The national catalogue (seed 001) as data: checked by hand against the text.

Expected values below were read from the seed text by a person, not taken from the code.
"""

import itertools
import re
import statistics
from pathlib import Path

import pytest

from invest_xl.catalogue import build_catalogue, load_catalogue
from invest_xl.catalogue.categories import CATEGORIES
from invest_xl.catalogue.peers import INDICATORS, peer_position, peer_value
from invest_xl.errors import InvestXLError

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "data" / "seed_001_investeringscases.txt"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "001_16ba12f32ffe94c3.txt"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def case(catalogue, number):
    return catalogue["cases"][number - 1]


def test_the_test_copy_of_the_seed_is_verbatim():
    if not SHARED_SEED.exists():
        pytest.skip("shared/seeds is not beside this clone")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_87_cases_in_document_order(catalogue):
    lines = [line.strip() for line in SEED.read_text("utf-8").splitlines()]
    jobcenters = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Jobcenter:")]
    assert len(jobcenters) == 87 == len(catalogue["cases"])
    assert [c["jobcenter"] for c in catalogue["cases"]] == jobcenters
    assert jobcenters[0] == "Brønderslev" and jobcenters[-1] == "Aarhus"
    assert sum(1 for j in jobcenters if j == "Varde") == 17


def test_rebuilding_from_the_seed_gives_the_shipped_file(catalogue):
    assert build_catalogue(SEED) == catalogue


def test_the_contract_keys(catalogue):
    assert set(catalogue) == {"cases", "groups"}
    for record in catalogue["cases"]:
        assert set(record) == {"jobcenter", "period", "investment_mio_kr", "effect_mio_kr", "persons",
                               "target_groups", "interventions", "categories", "flags"}
        assert set(record["period"]) == {"from", "to", "text"}
        assert set(record["investment_mio_kr"]) == {"total", "low", "high", "by_year", "source"}
        assert set(record["effect_mio_kr"]) == {"total", "low", "high", "by_year", "basis", "source"}
        assert set(record["persons"]) == {"total", "by_year", "source"}


# --- cases read by hand -------------------------------------------------------------------

def test_bronderslev_totals_and_helaarspersoner(catalogue):
    c = case(catalogue, 1)  # "7,5 mio.kr." / "ca. 10 mio.kr efter 3 år" / "op til 77 helårspersoner"
    assert c["period"] == {"from": 2016, "to": 2018, "text": "2016-2018"}
    assert c["investment_mio_kr"]["total"] == 7.5 and c["effect_mio_kr"]["total"] == 10.0
    assert c["persons"]["total"] == 77
    assert c["target_groups"] == ["Jobparate kontanthjælpsmodtagere",
                                  "Aktivitetsparate tættest på arbejdsmarkedet"]
    assert c["categories"] == ["kontanthjælp"]


def test_esbjerg_rate_per_year_times_the_period_and_effect_per_year(catalogue):
    c = case(catalogue, 2)  # "2,5 mio. kr. årligt i periodem" (2017-2018); "0,9 ... 2017 ... 1,7 ... 2018"
    assert c["investment_mio_kr"]["by_year"] == {"2017": 2.5, "2018": 2.5}
    assert c["investment_mio_kr"]["total"] == 5.0
    assert c["effect_mio_kr"]["by_year"] == {"2017": 0.9, "2018": 1.7}
    assert c["effect_mio_kr"]["total"] == pytest.approx(2.6)


def test_esbjerg_fanoe_rate_times_two_years_without_named_years(catalogue):
    c = case(catalogue, 4)  # "2,5 mio. kr. årligt i to år", period "2 årige"
    assert c["investment_mio_kr"]["total"] == 5.0 and c["investment_mio_kr"]["by_year"] is None
    assert c["period"] == {"from": None, "to": None, "text": "2 årige"}
    assert c["effect_mio_kr"]["total"] is None  # "forkortes med 9 dage": no kroner
    assert any(f["field"] == "effect_mio_kr" and f["code"] == "not_stated" for f in c["flags"])


def test_furesoe_ranges_are_kept_as_ranges(catalogue):
    c = case(catalogue, 14)  # "3,8-4,2 mio. kr."; "7-9 mio. kr. i 2018, samt 70 helårspersoner"
    inv, eff = c["investment_mio_kr"], c["effect_mio_kr"]
    assert (inv["total"], inv["low"], inv["high"]) == (None, 3.8, 4.2)
    assert (eff["total"], eff["low"], eff["high"]) == (None, 7.0, 9.0)
    assert c["persons"]["total"] == 70


def test_greve_effect_per_year_gross(catalogue):
    c = case(catalogue, 20)
    assert c["effect_mio_kr"]["by_year"] == {"2018": 2.2, "2019": 3.3, "2020": 3.9, "2021": 4.6}
    assert c["effect_mio_kr"]["total"] == pytest.approx(14.0)
    assert c["effect_mio_kr"]["basis"] == "brutto"
    assert c["persons"]["by_year"] == {"2018": 17, "2021": 35} and c["persons"]["total"] is None


def test_hvidovre_total_and_parts_disagree_both_kept_and_flagged(catalogue):
    c = case(catalogue, 26)  # "2,2 mio. kr. over 3 år. Fordelt med ca. 0,8 ... 2017 og 2018 og 0,5 ... 2019"
    inv = c["investment_mio_kr"]
    assert inv["total"] == 2.2 and inv["by_year"] == {"2017": 0.8, "2018": 0.8, "2019": 0.5}
    assert any(f["code"] == "total_parts_disagree" for f in c["flags"])


def test_lejre_kroner_become_mio_kr_and_a_yearly_net_without_years_has_no_total(catalogue):
    c = case(catalogue, 30)  # "ca. 450.000 kr."; "ca. 250.000 kr. netto årligt", "uden tidsbegrænsning"
    assert c["investment_mio_kr"]["total"] == 0.45
    assert c["effect_mio_kr"]["total"] is None and c["effect_mio_kr"]["basis"] == "netto"
    assert any(f["field"] == "effect_mio_kr" and f["code"] == "not_stated" for f in c["flags"])


def test_odense_total_equals_its_years_and_the_net_gain(catalogue):
    c = case(catalogue, 36)
    inv = c["investment_mio_kr"]
    assert inv["total"] == 72.4
    assert inv["by_year"] == {"2017": 16.2, "2018": 33.0, "2019": 18.7, "2020": 4.5}
    assert sum(inv["by_year"].values()) == pytest.approx(72.4)
    assert c["effect_mio_kr"]["total"] == 42.1 and c["effect_mio_kr"]["basis"] == "netto"
    assert c["persons"]["total"] == 309 + 27 + 12 + 120 + 247 + 201


def test_silkeborg_five_years_summed(catalogue):
    c = case(catalogue, 43)
    assert c["investment_mio_kr"]["by_year"] == {"2016": 1.77, "2017": 4.25, "2018": 4.25,
                                                 "2019": 3.32, "2020": 2.70}
    assert c["investment_mio_kr"]["total"] == pytest.approx(16.29)
    assert c["effect_mio_kr"]["total"] == 42.0 and c["persons"]["total"] == 146


def test_syddjurs_stated_total_kept_beside_its_parts(catalogue):
    c = case(catalogue, 48)  # 2,9 + 8,0 + 12,6 + 1,9 + 30 = 55,4 against "I alt ... 55 mio. kr."
    assert c["effect_mio_kr"]["total"] == 55.0
    assert any(f["code"] == "total_parts_disagree" for f in c["flags"])


def test_vejen_kroner_per_year(catalogue):
    effect = case(catalogue, 70)["effect_mio_kr"]  # 612.000 kr., 1.071.000 kr., 382.500
    assert effect["by_year"] == {"2018": 0.612, "2019": 1.071, "2020": 0.3825}
    investment = case(catalogue, 72)["investment_mio_kr"]  # 420.000 om året 2018 og 2020, 840.000 i 2019
    assert investment["by_year"] == {"2018": 0.42, "2019": 0.84, "2020": 0.42}
    assert investment["total"] == pytest.approx(1.68)
    sundhed = case(catalogue, 77)["investment_mio_kr"]  # 1.350.000 + 75.000 + 75.000 in 2018
    assert sundhed["by_year"] == {"2018": 1.5, "2019": 1.425}


def test_vordingborg_rate_per_year_times_four_budget_years(catalogue):
    c = case(catalogue, 80)  # "3,0 mio. kr. pr. år", "6,8 mio. kr. pr. år", "4 budgetår"
    assert c["investment_mio_kr"]["total"] == 12.0 and c["effect_mio_kr"]["total"] == pytest.approx(27.2)
    assert c["persons"]["total"] is None  # "65 borgere" are not person-years


def test_faaborg_midtfyn_ambiguous_rate_is_null_with_a_reason(catalogue):
    c = case(catalogue, 15)  # "3,5 mio. første år og 4,5 mio. efterfølgende 3 år"
    assert c["investment_mio_kr"]["total"] is None
    reasons = [f["text"] for f in c["flags"] if f["field"] == "investment_mio_kr" and f["code"] == "not_stated"]
    assert reasons and "4,5 mio." in reasons[0]


def test_varde_open_period_and_person_years_of_2018(catalogue):
    assert case(catalogue, 52)["period"] == {"from": 2017, "to": None, "text": "2017-"}
    assert case(catalogue, 63)["persons"]["by_year"] == {"2018": 30}  # "30 årsværk færre jobparate"


# --- every number and its sentence --------------------------------------------------------

def _written_forms(value_mio: float) -> set[str]:
    forms = set()
    for decimals in (0, 1, 2, 3):
        if round(value_mio, decimals) == round(value_mio, 6):
            forms.add(f"{value_mio:.{decimals}f}".replace(".", ","))
    kroner = round(value_mio * 1e6)
    forms.add(f"{kroner:,}".replace(",", "."))
    return forms


def _numbers_in(text: str) -> list[float]:
    """Amounts written in a sentence, in mio. kr. (an independent, simple reading)."""
    out = []
    for number, unit in re.findall(r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\.?\s*(mio|kr|i 20|om året)?", text):
        value = float(number.replace(".", "").replace(",", "."))
        out.append(value / 1e6 if "." in number or value >= 1000 else value)
    return out


def _sum_of_written(value: float, source: str) -> bool:
    numbers = _numbers_in(source)
    return any(abs(sum(combo) - value) < 1e-6 for size in range(1, 5)
               for combo in itertools.combinations(numbers, size))


def test_every_number_has_a_source_sentence_that_contains_it_as_written(catalogue):
    seed_text = " ".join(SEED.read_text("utf-8").split())
    for number, record in enumerate(catalogue["cases"], start=1):
        for field in ("investment_mio_kr", "effect_mio_kr"):
            block = record[field]
            values = [block["low"], block["high"], *(block["by_year"] or {}).values()]
            stated = [v for v in [*values, block["total"]] if v is not None]
            if not stated:
                assert block["source"] is None, (number, field)
                continue
            source = block["source"]
            for piece in re.split(r"(?<=[.|])\s+", source):
                assert " ".join(piece.split()) in seed_text or piece in source, (number, piece)
            codes = {f["code"] for f in record["flags"] if f["field"] == field}
            for value in values:
                if value is not None:
                    assert (_written_forms(value) & set(re.findall(r"[\d.,]+", source)) or
                            _sum_of_written(value, source) or "rate_times_years" in codes), (
                        number, field, value, source)
            total = block["total"]
            if total is None:
                continue
            derived = (block["by_year"] and abs(sum(block["by_year"].values()) - total) < 1e-6
                       and "total_parts_disagree" not in codes)
            rest = total - sum((block["by_year"] or {}).values())  # a one-off amount beside the years
            assert (derived or "rate_times_years" in codes or _sum_of_written(total, source)
                    or (block["by_year"] and _sum_of_written(rest, source))
                    or any(form in source for form in _written_forms(total))), (number, field, total)


def test_a_figure_not_stated_is_null_with_a_reason(catalogue):
    for number, record in enumerate(catalogue["cases"], start=1):
        for field in ("investment_mio_kr", "effect_mio_kr", "persons"):
            if record[field]["total"] is None:
                reasons = [f for f in record["flags"] if f["field"] == field
                           and f["code"] in ("not_stated", "rate_without_years")]
                assert reasons and all(r["text"] for r in reasons), (number, field)


def test_a_manual_reading_that_quotes_text_not_in_the_case_is_refused(monkeypatch):
    from invest_xl.catalogue import manual

    key = (1, "Brønderslev", "effect")
    wrong = manual.ManualReading(("Der forventes en besparelse på 99 mio. kr.",), "forkert", total=99.0)
    monkeypatch.setitem(manual.MANUAL, key, wrong)
    with pytest.raises(InvestXLError, match="findes ikke i casen"):
        build_catalogue(SEED)


# --- categories and statistics ------------------------------------------------------------

def test_categories_come_from_the_documented_vocabulary(catalogue):
    docs = (REPO / "docs" / "catalogue.md").read_text("utf-8")
    for name in CATEGORIES:
        assert f"`{name}`" in docs
    for record in catalogue["cases"]:
        assert record["categories"] and set(record["categories"]) <= set(CATEGORIES)
    assert case(catalogue, 82)["categories"] == ["sygedagpenge"]
    assert case(catalogue, 23)["categories"] == ["bred"]  # Herning: six target groups


def test_group_statistics_match_an_independent_computation(catalogue):
    cases = catalogue["cases"]
    for name, group in catalogue["groups"].items():
        members = [i + 1 for i, c in enumerate(cases) if name == "alle" or name in c["categories"]]
        assert group["cases"] == members
        inv = {n: cases[n - 1]["investment_mio_kr"]["total"] for n in members}
        expected = [n for n in members if inv[n] is not None]
        stat = group["indicators"]["investering"]
        assert stat["cases"] == expected and stat["count"] == len(expected)
        values = [inv[n] for n in expected]
        if len(values) >= 2:
            q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
            assert stat["median"] == pytest.approx(median) and stat["q1"] == pytest.approx(q1)
            assert stat["q3"] == pytest.approx(q3)


def test_sygedagpenge_effect_per_krone_by_hand(catalogue):
    # cases with both totals and a non-net effect: Greve 14,0/1,5; Haderslev 18,5/3,6;
    # Køge 16,7/2,5; Silkeborg 42/16,29; Varde 9,2/4,0; Vejen 2,6/2,6; Vordingborg 21,2/10,4
    values = sorted([14.0 / 1.5, 18.5 / 3.6, 16.7 / 2.5, 42 / 16.29, 9.2 / 4.0, 1.0, 21.2 / 10.4])
    stat = catalogue["groups"]["sygedagpenge"]["indicators"]["effekt_pr_krone"]
    assert stat["cases"] == [20, 22, 28, 43, 64, 76, 82]
    assert stat["median"] == pytest.approx(values[3], abs=1e-6)
    groups = catalogue["groups"]
    assert peer_value(groups, "Sygedagpenge", "median effekt pr. krone") == stat["median"]
    assert peer_value(groups, "sygedagpenge", "antal effekt pr. krone") == 7
    position = peer_position(groups, catalogue["cases"], 2.0, 5.0, "sygedagpenge")
    assert position["percentile"] == pytest.approx(100 * 3 / 7, abs=0.05)  # 2,5 beats 1,0; 2,04; 2,3
    assert "højere end 42,9 % af de 7 sammenlignelige cases" in position["sentence"]


def test_unknown_category_and_measure_are_told_in_danish(catalogue):
    with pytest.raises(InvestXLError, match="kategorien 'skat' kendes ikke"):
        peer_value(catalogue["groups"], "skat", "median netto")
    with pytest.raises(InvestXLError, match="målet 'gennemsnit netto' kendes ikke"):
        peer_value(catalogue["groups"], "alle", "gennemsnit netto")
    assert set(catalogue["groups"]["alle"]["indicators"]) == set(INDICATORS)
