"""Published points: % or 0-1, and exact messages for curves that cannot be right."""

import numpy as np
import pytest

from invest_xl.errors import InvestXLError
from invest_xl.survival.points import points_curve, read_points

WEEKS = [0, 4, 8, 13]


def test_percent_and_shares_give_the_same_curve():
    in_percent = points_curve(WEEKS, [100, 70, 55.5, 40])
    as_share = points_curve(WEEKS, [1, 0.7, 0.555, 0.4])
    np.testing.assert_allclose(in_percent.share, as_share.share)
    assert in_percent.last_observed_week == 13 and in_percent.provenance == "points"


@pytest.mark.parametrize("weeks, shares, cohort, message", [
    (WEEKS, [100, 70, 55], None, "uger og andele har forskellig længde (4 og 3)"),
    ([0], [100], None, "en kurve skal have mindst to punkter (uge 0 og mindst én uge mere)"),
    ([4, 8, 13], [100, 70, 55], None, "kurven skal starte i uge 0, men første punkt er uge 4"),
    (WEEKS, [95, 70, 55, 40], None, "kurven skal starte i 100 % i uge 0, men starter i 95 %"),
    (WEEKS, [0.95, 0.7, 0.55, 0.4], None, "kurven skal starte i 1 i uge 0, men starter i 0,95"),
    (WEEKS, [100, 40, 42.5, 30], None,
     "kurven stiger fra uge 4 (40 %) til uge 8 (42,5 %); andelen på ydelse kan ikke stige"),
    (WEEKS, [1, 0.4, 0.42, 0.3], None,
     "kurven stiger fra uge 4 (0,4) til uge 8 (0,42); andelen på ydelse kan ikke stige"),
    ([0, 8, 4, 13], [100, 70, 55, 40], None,
     "ugerne skal være stigende, men uge 4 (punkt 3) kommer efter uge 8"),
    (WEEKS, [100, 70, -5, 40], None, "andelen i uge 8 er -5 %, men skal ligge mellem 0 og 100 %"),
    (WEEKS, [100, 70, "x", 40], None, "andelen i punkt 3: 'x' er ikke et tal"),
    (WEEKS, [100, 70, 55, 40], 0, "kohortestørrelsen skal være et tal over 0 (fik 0)"),
])
def test_bad_curves_are_reported_exactly(weeks, shares, cohort, message):
    with pytest.raises(InvestXLError) as error:
        points_curve(weeks, shares, cohort)
    assert str(error.value) == message


def test_read_points_with_danish_headers_and_decimal_comma(tmp_path):
    path = tmp_path / "kurve.csv"
    path.write_text("uge;andel\n0;100\n4;72,5\n8;60 %\n", encoding="utf-8")
    curve = read_points(path, cohort_size=300)
    np.testing.assert_allclose(curve.share, [1.0, 0.725, 0.6])
    assert curve.cohort_size == 300.0


def test_read_points_saved_by_danish_excel_in_windows_1252(tmp_path):
    path = tmp_path / "kurve.csv"
    path.write_text("uge;andel;bemærkning\r\n0;100;før\r\n4;72,5;\r\n", encoding="cp1252")
    np.testing.assert_allclose(read_points(path).share, [1.0, 0.725])


def test_read_points_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "kurve.csv"
    path.write_text("x,y\n0,1\n", encoding="utf-8")
    with pytest.raises(InvestXLError, match="skal have kolonnerne week og share"):
        read_points(path)


def test_cohort_size_as_text_is_read_and_nonsense_refused():
    assert points_curve(WEEKS, [100, 70, 55, 40], "300").cohort_size == 300.0
    with pytest.raises(InvestXLError, match=r"^kohortestørrelsen skal være et tal over 0 \(fik abc\)$"):
        points_curve(WEEKS, [100, 70, 55, 40], "abc")


def test_a_flat_curve_cannot_be_fitted():
    from invest_xl.survival.fitting import fit_points
    with pytest.raises(InvestXLError, match="^kurven falder ikke: ingen forlader ydelsen"):
        fit_points(WEEKS, [100, 100, 100, 100], 50)
