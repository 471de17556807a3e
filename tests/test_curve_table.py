"""The curve table as municipalities publish it, checked against lifelines on the sample spells."""

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter

from invest_xl.layout.curve_sheet import curves_layout
from invest_xl.survival.comparisons import groups_from_spells
from invest_xl.survival.curve import PUBLISHED_WEEKS
from invest_xl.survival.spells import durations, merge_returns, read_spells
from tests.conftest import REPO

SPELLS = REPO / "xlsx" / "sample_spells.csv"


def _independent_rows():
    """(group, period) -> (size, shares) by lifelines, the periods from the entry dates."""
    spells = merge_returns(read_spells(SPELLS), 1)
    days, observed, kept = durations(spells, spells.last_date)
    frame = pd.DataFrame({"group": spells.group[kept], "start": pd.to_datetime(spells.start[kept]),
                          "weeks": days / 7.0, "observed": observed})
    frame["year"] = frame.start.dt.year
    frame["half"] = np.where(frame.start.dt.month <= 6, 1, 2)
    last = int(frame.year.max())
    expected = {}
    for group, rows in frame.groupby("group"):
        periods = {f"Gennemsnit {frame.year.min()}-{last - 1}": rows[rows.year < last]}
        periods |= {str(year): part for year, part in rows.groupby("year")}
        periods |= {f"{half}. halvår {last}": part for half, part in rows[rows.year == last].groupby("half")}
        for period, part in periods.items():
            fitter = KaplanMeierFitter().fit(part.weeks, part.observed)
            followed = part.weeks.max()
            shares = [float(fitter.survival_function_at_times(w).iloc[0]) if w <= followed else None
                      for w in PUBLISHED_WEEKS]
            expected[(group, period)] = (len(part), shares)
    return expected


def test_the_period_table_matches_lifelines_and_is_blank_past_each_cohorts_follow_up():
    [groups, _] = groups_from_spells(SPELLS)
    table = groups.table
    expected = _independent_rows()
    assert {(r.group, r.period) for r in table.rows} == set(expected)
    assert [r.period for r in table.rows if r.group == "målgruppe"] == [
        "Gennemsnit 2017-2019", "2017", "2018", "2019", "2020", "1. halvår 2020", "2. halvår 2020"]
    for row in table.rows:
        size, shares = expected[(row.group, row.period)]
        assert row.size == size
        assert [s is None for s in row.shares] == [s is None for s in shares]
        assert [s for s in row.shares if s is not None] == pytest.approx([s for s in shares if s is not None],
                                                                        abs=1e-12)
    # the second half of 2020 is followed for at most 26 weeks at the cut-off 31-12-2020
    second_half = next(r for r in table.rows if (r.group, r.period) == ("målgruppe", "2. halvår 2020"))
    assert second_half.shares[-1] is None and second_half.shares[0] == 1.0


def test_the_sheet_shows_the_table_with_its_source_line_and_cohort_sizes():
    layout = curves_layout(groups_from_spells(SPELLS))
    grid = layout.grid()
    header = next(r for r, row in enumerate(grid) if row[:3] == ["Gruppe", "Startperiode", "Antal forløb"])
    assert grid[header][3:16] == ["Uge 0", "Uge 4", "Uge 8", "Uge 13", "Uge 17", "Uge 21", "Uge 26", "Uge 30",
                                  "Uge 34", "Uge 39", "Uge 43", "Uge 47", "Uge 52"]
    expected = _independent_rows()
    first = grid[header + 1]
    assert first[:3] == ["målgruppe", "Gennemsnit 2017-2019", expected[("målgruppe", "Gennemsnit 2017-2019")][0]]
    texts = [c.value for c in layout.cells if isinstance(c.value, str)]
    assert "Kilde: forløbene i tabellen Forloeb, skæringsdato 31-12-2020" in texts
