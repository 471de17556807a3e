"""INVEST_PEERS and INVEST_PEER_POSITION through xlwings' server call path."""

import pytest

from invest_xl.catalogue import load_catalogue
from invest_xl.catalogue.peers import STATISTICS

from .excel_server import call

INDICATOR_WORDS = {"investering": "investering", "netto": "netto", "effekt_pr_krone": "effekt pr. krone",
                   "investering_pr_helaarsperson": "investering pr. helårsperson"}


def test_invest_peers_gives_every_statistic_of_the_shipped_groups():
    groups = load_catalogue()["groups"]
    for name, group in groups.items():
        for key, stat in group["indicators"].items():
            for statistic, word in STATISTICS.items():
                result = call("invest_peers", [[name]], [[f"{word} {INDICATOR_WORDS[key]}"]])
                value = result[0][0]
                if stat[statistic] is None:
                    assert value == "ingen cases med dette mål"
                else:
                    assert value == pytest.approx(stat[statistic]), (name, key, statistic)


def test_invest_peers_median_by_default_and_a_danish_message_for_a_bad_measure():
    groups = load_catalogue()["groups"]
    assert call("invest_peers", [["Kontanthjælp"]], [["Effekt pr. krone"]]) == [
        [pytest.approx(groups["kontanthjælp"]["indicators"]["effekt_pr_krone"]["median"])]]
    message = call("invest_peers", [["alle"]], [["gennemsnit"]])[0][0]
    assert message.startswith("målet 'gennemsnit' kendes ikke")


def test_invest_peer_position_percentile_and_sentence():
    # sygedagpenge: 7 cases with effect per krone; 2,5 is above 1,0, 2,04 and 2,3 of them
    result = call("invest_peer_position", [[2]], [[5]], [["sygedagpenge"]])
    assert result[0][0] == pytest.approx(42.9)
    assert result[0][1] == ("Effekten pr. investeret krone (2,50) er højere end 42,9 % af de 7 "
                            "sammenlignelige cases (sygedagpenge).")
    assert call("invest_peer_position", [[0]], [[5]], [["alle"]])[0][0].startswith("investering")
