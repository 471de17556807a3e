"""The curve sheet from published points (table Kurvepunkter) and from spells (Forloeb)."""

import pytest

from invest_xl.layout.curve_sheet import RESULT_SHEET, curves_layout
from invest_xl.survival.comparisons import groups_from_points as _groups_from_curves, groups_from_spells
from invest_xl.workbook import contract
from invest_xl.workbook.curve_tables import curves_by_case
from invest_xl.workbook.tables import read_range


def groups_from_points(rows):
    """A Kurvepunkter range (header first) through the one reader, then grouped."""
    return _groups_from_curves(curves_by_case(read_range(rows, 'Kurvepunkter', contract.CURVE_POINTS)))
from invest_xl.errors import InvestXLError
from invest_xl.survival.synthetic import make_spells

WEEKS = [0, 4, 8, 13, 17, 21, 26, 30, 34, 39, 43, 47, 52]
TARGET = [1.0, 0.829, 0.695, 0.563, 0.478, 0.429, 0.384, 0.363, 0.338, 0.321, 0.313, 0.303, 0.3]
INTERVENTION = [1.0, 0.708, 0.541, 0.392, 0.331, 0.272, 0.249]


def _points_rows(case=7):
    rows = [["Sag", "Uge", "Målgruppe", "Indsatsgruppe"]]
    for i, week in enumerate(WEEKS):
        rows.append([case, week, TARGET[i], INTERVENTION[i] if i < len(INTERVENTION) else None])
    return rows


def test_points_per_case_give_one_comparison_with_the_incomplete_cohort_extrapolated():
    [group] = groups_from_points(_points_rows())
    assert group.title == "Kurvepunkter, sag 7"
    target, intervention = group.curves
    assert (target.name, intervention.name) == ("Målgruppe", "Indsatsgruppe")
    assert intervention.fit.last_observed_week == 26
    layout = curves_layout([group])
    grid = layout.grid()
    header = next(r for r, row in enumerate(grid) if row[1] == "Målgruppe (data)")
    week_52 = next(row for row in grid[header:] if row[0] == 52.0)
    assert week_52[4] is None and week_52[5] is None and 0 < week_52[6] < week_52[3]
    [chart] = layout.charts
    # only Indsatsgruppe is extrapolated (weeks 26-52); Målgruppe's is the single week 52
    assert chart.kind == "line" and [s.title for s in chart.series if s.dashed] == ["Indsatsgruppe (fremskrevet)"]
    assert layout.name == RESULT_SHEET


def test_weeks_saved_is_positive_when_the_intervention_leaves_faster():
    layout = curves_layout(groups_from_points(_points_rows()))
    saved = next(row for row in layout.grid() if str(row[0]).startswith("Sparede ydelsesuger"))
    # the area between the two fits over weeks 0-52, integrated here with scipy's quad
    from scipy.integrate import quad

    [group] = groups_from_points(_points_rows())
    target, intervention = (curve.fit for curve in group.curves)
    area, _ = quad(lambda t: float(target.survival_at([t])[0] - intervention.survival_at([t])[0]), 0, 52,
                   limit=200)
    assert saved[1] == pytest.approx(area, rel=1e-6) and area > 0 and "95 %-interval" in saved[2]


def test_a_rising_curve_is_refused_naming_the_table_and_the_curve():
    rows = _points_rows()
    rows[3][3] = 0.9
    with pytest.raises(InvestXLError) as error:
        groups_from_points(rows)
    assert error.value.message == ("Tabellen 'Kurvepunkter': sag 7, kolonnen 'Indsatsgruppe': kurven stiger "
                                   "fra uge 4 (0,708) til uge 8 (0,9); andelen på ydelse kan ikke stige")


def test_points_without_a_case_column_and_a_missing_weeks_column():
    rows = [row[1:] for row in _points_rows()]
    [group] = groups_from_points(rows)
    assert group.title == "Kurvepunkter"
    with pytest.raises(InvestXLError, match="første række skal være overskrifterne \\(Uge\\); kolonnen 'Uge' mangler"):
        groups_from_points([["Dag", "A", "B"], [0, 1, 1], [4, 0.5, 0.4]])


def test_spells_give_the_groups_and_the_last_year_against_the_baseline():
    groups, baseline = groups_from_spells(make_spells())
    assert [c.name for c in groups.curves] == ["målgruppe", "indsats"]
    assert groups.curves[0].weeks[0] == 0 and groups.curves[0].shares[0] == 1.0
    assert "skæringsdato 31-12-2020" in groups.title
    assert [c.name for c in baseline.curves] == ["målgruppe basis 2017-2019", "målgruppe 2020"]
    assert baseline.curves[1].fit.last_observed_week <= 53 < baseline.curves[0].fit.last_observed_week
    layout = curves_layout([groups, baseline])
    assert len(layout.charts) == 2


def test_one_group_of_one_year_gives_no_comparison():
    rows = [make_spells()[0]]
    rows += [["p1", "kh", "2020-01-01", "2020-02-01", "målgruppe"],
             ["p2", "kh", "2020-03-01", "", "målgruppe"]]
    assert groups_from_spells(rows) == []


def test_no_curves_at_all_is_a_message():
    with pytest.raises(InvestXLError, match="ingen kurver at sammenligne"):
        curves_layout([])


def _note_lines(layout):
    return [c.value for c in layout.cells if isinstance(c.value, str) and c.column == 1
            and (c.value.startswith("Advarsel: ") or c.value.startswith("Ingen advarsler"))]


def test_a_curve_observed_for_20_weeks_and_read_at_52_carries_the_long_warning():
    rows = [["Uge", "Målgruppe", "Indsatsgruppe"]]
    for i, week in enumerate(WEEKS):
        rows.append([week, TARGET[i], INTERVENTION[i] if week <= 17 else None])
    layout = curves_layout(groups_from_points(rows))
    notes = _note_lines(layout)
    # 52 > 2 x 17: the horizon is more than twice the observed weeks
    assert "Advarsel: Indsatsgruppe: fremskrevet til uge 52 fra 17 observerede uger: mere end det dobbelte" in notes
    # the notes stand under the comparison's table, below its last week row (52)
    week_52 = max(c.row for c in layout.cells if c.column == 1 and c.value == 52.0)
    assert all(c.row > week_52 for c in layout.cells if c.value in notes)


def test_spells_observed_past_the_horizon_have_no_warning_and_say_so():
    layout = curves_layout(groups_from_spells(make_spells()))
    notes = _note_lines(layout)
    assert len(notes) == 2 and all(n.startswith("Ingen advarsler om fremskrivningen") for n in notes)
