"""Catalogue of bad arguments in cells: each UDF answers with one exact, short Danish text.

Called through xlwings' own server-side call path, arguments shaped as Excel sends them.
"""

import pytest

from .excel_server import call

W = [[0], [4], [8], [13]]
SPELL_HEADER = ["person", "ydelse", "start", "slut", "gruppe"]
AMOUNT_HEADER = ["Sag", "År", "Art", "Status", "Beløb"]


def _spells(*rows):
    return [SPELL_HEADER, *[list(r) for r in rows]]


CATALOGUE = [
    ("curve rises", ("invest_curve", [[0], [4], [8]], [[100], [80], [85]], None, None),
     "kurven stiger fra uge 4 (80 %) til uge 8 (85 %); andelen på ydelse kan ikke stige"),
    ("curve does not start at 100 %", ("invest_curve", [[0], [4], [8]], [[90], [80], [70]], None, None),
     "kurven skal starte i 100 % i uge 0, men starter i 90 %"),
    ("curve does not start at 1", ("invest_curve", [[0], [4], [8]], [[0.9], [0.8], [0.7]], None, None),
     "kurven skal starte i 1 i uge 0, men starter i 0,9"),
    ("percent and shares mixed", ("invest_curve", [[0], [4], [8]], [[100], [0.8], [0.6]], None, None),
     "andelene blander procent og andele: uge 0 er 100, de øvrige højst 0,8; skriv alle i procent "
     "(100, 80, ...) eller alle som andele (1, 0,8, ...)"),
    ("weeks and shares differ in length", ("invest_curve", W, [[100], [80], [70]], None, None),
     "uger og andele har forskellig længde (4 og 3)"),
    ("#N/A inside a range", ("invest_curve", W, [[100], ["#N/A"], [70], [60]], None, None),
     "andele: celle 2 er fejlværdien #N/A"),
    ("#DIV/0! inside a range", ("invest_curve", W, [[100], [80], ["#DIV/0!"], [60]], None, None),
     "andele: celle 3 er fejlværdien #DIV/0!"),
    ("negative cohort", ("invest_curve", W, [[100], [80], [70], [60]], [[-5]], None),
     "kohortestørrelsen skal være et tal over 0 (fik -5)"),
    ("cohort as words", ("invest_curve", W, [[100], [80], [70], [60]], [["mange"]], None),
     "kohorte: 'mange' er ikke et tal"),
    ("share above 100 %", ("invest_curve", W, [[100], [80], [170], [60]], None, None),
     "andelen i uge 8 er 170 %, men skal ligge mellem 0 og 100 %"),
    ("negative share", ("invest_curve", W, [[100], [80], [-7], [-8]], None, None),
     "andelen i uge 8 er -7 %, men skal ligge mellem 0 og 100 %"),
    ("huge week", ("invest_curve", [[0], [4], [8], [1e300]], [[100], [80], [70], [60]], None, None),
     "ugen i punkt 4: 1e+300 er urimeligt stort"),
    ("NaN as text", ("invest_curve", W, [[100], ["NaN"], [70], [60]], None, None),
     "andelen i punkt 2: 'NaN' er ikke et tal"),
    ("weeks out of order", ("invest_curve", [[0], [8], [4], [13]], [[100], [80], [70], [60]], None, None),
     "ugerne skal være stigende, men uge 4 (punkt 3) kommer efter uge 8"),
    ("refund above 100 %", ("invest_net_unit_cost", [[120900]], [[130]]),
     "refusion: 130 skal være en andel mellem 0 og 1 (eller 0-100 %)"),
    ("negative refund", ("invest_net_unit_cost", [[120900]], [[-0.3]]),
     "refusion: -0,3 skal være en andel mellem 0 og 1 (eller 0-100 %)"),
    ("gross cost as words", ("invest_net_unit_cost", [["mange"]], [[0.3]]),
     "brutto_kr: 'mange' er ikke et tal"),
    ("gross cost huge", ("invest_net_unit_cost", [[1e30]], [[0.3]]),
     "brutto_kr: 1e+30 er urimeligt stort"),
    ("gross cost negative", ("invest_net_unit_cost", [[-120900]], [[0.3]]),
     "bruttoudgiften pr. fuldtidsperson kan ikke være negativ (-120900 kr.)"),
    ("cut-off before the first entry",
     ("invest_kaplan_meier", _spells(["a", "kh", "2020-03-01", None, "indsats"]), [["2019-01-01"]], None, None),
     "ingen forløb starter før skæringsdatoen (det første starter 01-03-2020)"),
    ("US-style date text",
     ("invest_kaplan_meier", _spells(["a", "kh", "03/31/2020", None, "indsats"]), [["2020-12-31"]], None, None),
     "række 2: kolonnen 'start': '03/31/2020' er ikke en dato (skriv fx 31-01-2020 eller 2020-01-31)"),
    ("end before start",
     ("invest_kaplan_meier", _spells(["a", "kh", "2020-03-01", "2020-02-01", "indsats"]), [["2020-12-31"]], None, None),
     "række 2: slut (2020-02-01) ligger før start (2020-03-01)"),
    ("cut-off as words",
     ("invest_kaplan_meier", _spells(["a", "kh", "2020-03-01", None, "indsats"]), [["igår"]], None, None),
     "skaeringsdato: 'igår' er ikke en dato (skriv fx 31-01-2020 eller 2020-01-31)"),
    ("#N/A as a date",
     ("invest_kaplan_meier", _spells(["a", "kh", "#N/A", None, "indsats"]), [["2020-12-31"]], None, None),
     "forloeb: række 2, kolonne 3 er fejlværdien #N/A"),
    ("price index lacks the year",
     ("invest_price_level", [[1000]], [[2020]], [[2030]], [["År", "pl"], [2020, 100], [2021, 102]], None),
     "indeks: prisindekset mangler pris- og lønindeks for 2030"),
    ("empty amounts range", ("invest_portfolio", [AMOUNT_HEADER], None),
     "beloeb: skal have en overskriftsrække og mindst én række data"),
    ("infinity as text", ("invest_portfolio", [AMOUNT_HEADER, [1, 2020, "investering", "Budget", "inf"]], None),
     "beloeb, række 2: kolonnen 'Beløb': 'inf' er ikke et tal."),
    ("a first year far outside any budget",
     ("invest_savings", W, [[100], [80], [70], [60]], [[100], [70]], [[10]], [[100_000]], [[0.3]],
      [[1e9]], [[2]], None, None),
     "foerste_aar: skal være et år mellem 1990 og 2100 (fik 1000000000)"),
    ("a week between two whole weeks", ("invest_curve", W, [[100], [80], [70], [60]], None, [[2.5]]),
     "ved_uger: celle 1: uge 2,5 skal være en hel uge fra 0 til kurvens sidste uge 13; brug "
     "INVEST_FIT_CURVE for at fremskrive"),
    ("a negative week to fit at", ("invest_fit_curve", W, [[100], [80], [70], [60]], [[-5]], None, None),
     "ved_uger: uger skal være endelige og 0 eller derover"),
    ("a year given twice in the price index",
     ("invest_price_level", [[1000]], [[2020]], [[2021]],
      [["År", "pl"], [2020, 100], [2020, 101], [2021, 102]], None),
     "indeks, række 3: året 2020 står også i række 2."),
    ("an amount in a year far outside any budget",
     ("invest_portfolio", [AMOUNT_HEADER, [1, 1_000_000, "investering", "Budget", 5]], None),
     "beloeb, række 2: året 1000000 ligger ikke mellem 1990 og 2100."),
    ("more investments than budget years",
     ("invest_fte_savings", [["Ydelse", "År", "Fuldtidspersoner", "Brutto kr.", "Refusion"],
                             ["kontanthjælp", 2020, 2, 100_000, 0.3]], [[2020]], [[2]], None, [[1, 2, 3]]),
     "investering_kr: skal have én værdi pr. budgetår (2), ikke 3"),
    ("a horizon of a billion weeks",
     ("invest_weeks_saved", W, [[100], [80], [70], [60]], W, [[100], [70], [60], [50]], [[1e9]], None),
     "horisont skal være højst 5200 uger (100 år), ikke 1000000000"),
    ("fading over a negative number of weeks",
     ("invest_savings", W, [[100], [80], [70], [60]], [[100], [70]], [[10]], [[100_000]], [[0.3]],
      [[2020]], [[2]], [["aftag"]], [[-5]]),
     "fremskrivning: fremskrivningen 'aftag' kræver et helt antal uger på mindst 1"),
]


@pytest.mark.parametrize("arguments, message", [c[1:] for c in CATALOGUE], ids=[c[0] for c in CATALOGUE])
def test_bad_argument_gives_its_exact_text_and_no_number(arguments, message):
    assert call(*arguments) == [[message]]


def test_dates_as_text_in_danish_forms_and_as_serials_are_all_read():
    spells = _spells(["a", "kh", "01-03-2020", "15.04.2020", "indsats"],
                     ["b", "kh", 43900, None, "indsats"],
                     ["c", "kh", "2020-03-10", "30/06/2020", "indsats"])
    rows = call("invest_kaplan_meier", spells, [["31-12-2020"]], None, None)
    assert rows[0] == ["Uge", "indsats"]
    shares = {row[0]: row[1] for row in rows[1:]}
    # exits at 6.6 weeks (a: 1 Mar - 15 Apr) and 16.1 weeks (c: 10 Mar - 30 Jun); b runs on
    assert shares[4] == 1.0 and shares[8] == pytest.approx(2 / 3) and shares[17] == pytest.approx(1 / 3)
