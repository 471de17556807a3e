"""Recognising what a copy of the sample still holds of the sample's illustrative data.

A municipality that starts from a copy of the shipped sample must not report its
illustrative price index or its synthetic spells by mistake. They are recognised by
their content, compared with the sample's own data (so the check follows the sample
when its figures change): the price index rows, the synthetic spells (the note the
sample writes above them, or their first rows), and the sample's settings.
"""

from __future__ import annotations

import datetime as dt

from invest_xl import labels
from invest_xl.formatting import percent
from invest_xl.workbook import contract
from invest_xl.workbook.tables import find_table, read_table, table_values

SPELL_ROWS_COMPARED = 50


def sample_leftovers(workbook, budget) -> list[str]:
    """The notes ("Bemærk: ...") for every part of the sample's illustrative data still in
    `workbook` (an openpyxl workbook), whose budget is `budget`."""
    notes = []
    if _has_sample_price_index(workbook):
        notes.append(labels.SAMPLE_NOTE_PRICE_INDEX)
    if _has_sample_spells(workbook):
        notes.append(labels.SAMPLE_NOTE_SPELLS)
    if _has_sample_settings(budget):
        settings = budget.settings
        notes.append(labels.SAMPLE_NOTE_SETTINGS.format(prudence=f"{percent(settings.prudence_share, 0)} %",
                                                        price_level=settings.price_level))
    return notes


def _has_sample_price_index(workbook) -> bool:
    from invest_xl.sample.budget import sample_data

    rows = read_table(workbook, contract.PRICE_INDEX, required=False)
    ours = [[r["year"], r["sats"], r["pl"]] for r in rows]
    return bool(ours) and ours == sample_data()["savings_inputs"][contract.PRICE_INDEX.name]


def _has_sample_spells(workbook) -> bool:
    from invest_xl.sample.budget import SPELLS_NOTE
    from invest_xl.survival.synthetic import make_spells

    found = find_table(workbook, contract.SPELLS_TABLE)
    if found is None:
        return False
    sheet, _ = found
    if sheet["A1"].value == SPELLS_NOTE:
        return True
    values = table_values(workbook, contract.SPELLS_TABLE)[1:SPELL_ROWS_COMPARED + 1]
    synthetic = make_spells()[1:SPELL_ROWS_COMPARED + 1]
    return len(values) == len(synthetic) and all(
        [_text(v) for v in row[:len(spell)]] == [_text(v) for v in spell]
        for row, spell in zip(values, synthetic))


def _text(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return "" if value is None else str(value)


def _has_sample_settings(budget) -> bool:
    from invest_xl.sample.budget import sample_budget

    sample = sample_budget().settings
    mine = budget.settings
    return (mine.prudence_share, mine.price_level, mine.source) == \
        (sample.prudence_share, sample.price_level, sample.source) and sample.prudence_share is not None
