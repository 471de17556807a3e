"""Register scale: counts equal spells, the SQL equals the Python counts, Parquet equals
CSV, the merge rule on codes equals the string-sorted rule, spell MLE equals lifelines."""

import csv
import json
import subprocess
import sys

import numpy as np
import pytest

from invest_xl.cli import main
from invest_xl.errors import InvestXLError
from invest_xl.survival.counts import (add_counts, counts_curves, counts_from_spells, counts_sql,
                                      read_counts)
from invest_xl.survival.kaplan_meier import kaplan_meier_days, spell_curves
from invest_xl.survival.spells import (add_months, durations, merge_returns, months_since_1970,
                                      read_spells)
from invest_xl.survival.synthetic import make_spells


@pytest.fixture(scope="module")
def rows():
    return make_spells(seed=11)


@pytest.fixture(scope="module")
def spells(rows):
    return read_spells(rows)


def _old_merge(spells, gap_months=1):
    """The merge rule as it was: a lexsort of the names and a running maximum per key."""
    ongoing_day = np.datetime64("9999-12-31", "D")
    person, benefit = spells.person.astype(str), spells.benefit.astype(str)
    order = np.lexsort((spells.start, benefit, person))
    person, benefit, start, end = person[order], benefit[order], spells.start[order], spells.end[order]
    end_filled = np.where(np.isnat(end), ongoing_day, end)
    key_change = np.ones(len(start), dtype=bool)
    key_change[1:] = (person[1:] != person[:-1]) | (benefit[1:] != benefit[:-1])
    reach = end_filled.astype(np.int64).copy()
    for i in range(1, len(reach)):
        if not key_change[i]:
            reach[i] = max(reach[i], reach[i - 1])
    previous = np.concatenate([[0], reach[:-1]]).astype("datetime64[D]")
    limit = np.where(previous >= ongoing_day, ongoing_day,
                     add_months(np.minimum(previous, ongoing_day - 400), gap_months))
    firsts = np.flatnonzero(key_change | (start > limit))
    merged_end = np.maximum.reduceat(end_filled, firsts)
    return (person[firsts].tolist(), benefit[firsts].tolist(), start[firsts].tolist(),
            np.where(merged_end >= ongoing_day, np.datetime64("NaT"), merged_end).tolist(),
            spells.group[order][firsts].tolist())


def _as_lists(merged):
    return (merged.person.tolist(), merged.benefit.tolist(), merged.start.tolist(),
            merged.end.tolist(), merged.group.tolist())


@pytest.mark.parametrize("gap", [0, 1, 3])
def test_merge_on_codes_equals_the_string_sorted_rule_on_the_sample(spells, gap):
    assert _as_lists(merge_returns(spells, gap)) == _old_merge(spells, gap)


def test_merge_on_codes_equals_the_old_rule_on_edge_cases():
    rows = [["person", "ydelse", "start", "slut", "gruppe"],
            ["10", "kh", "2020-01-31", "2020-01-31", "b"],   # ties on start, other group
            ["10", "kh", "2020-01-31", "2020-03-01", "a"],
            ["9", "kh", "2020-02-29", "", "a"],              # '9' sorts after '10' as text
            ["9", "kh", "2021-01-01", "2021-02-01", "a"],    # absorbed by the running spell
            ["9", "dp", "2020-03-31", "2020-04-30", "a"],
            ["9", "dp", "2020-05-31", "2020-06-01", "b"],    # after 30 May: a new spell
            ["x", "kh", "2020-12-31", "2021-01-31", "a"],
            ["x", "kh", "2021-03-01", "2021-03-02", "a"]]    # after 28 February: new
    spells = read_spells(rows)
    for gap in (0, 1, 2):
        assert _as_lists(merge_returns(spells, gap)) == _old_merge(spells, gap)
    merged = merge_returns(spells, 1)
    assert merged.person.tolist() == ["10", "9", "9", "9", "x", "x"]
    assert merged.benefit.tolist() == ["kh", "dp", "dp", "kh", "kh", "kh"]
    assert merged.group.tolist() == ["b", "a", "b", "a", "a", "a"]
    assert np.isnat(merged.end[3]) and str(merged.end[0]) == "2020-03-01"


def _assert_same_curves(ours, theirs):
    assert [e.label for e in ours] == [e.label for e in theirs]
    for a, b in zip(ours, theirs):
        np.testing.assert_array_equal(a.weeks, b.weeks)
        np.testing.assert_array_equal(a.at_risk, b.at_risk)
        np.testing.assert_allclose(a.survival, b.survival, rtol=0, atol=1e-12)
        np.testing.assert_allclose(a.greenwood, b.greenwood, rtol=0, atol=1e-12)


@pytest.mark.parametrize("by, baseline", [(None, None), ("year", (2017, 2019)), ("quarter", None),
                                          ("month", (2018, 2018)), ("half", None)])
def test_curves_from_the_counts_equal_curves_from_each_cohorts_days(spells, by, baseline):
    merged = merge_returns(spells, 1)
    ours = spell_curves(merged, "2020-12-31", by=by, baseline=baseline)
    days, observed, kept = durations(merged, "2020-12-31")
    group, start = merged.group[kept], merged.start[kept]
    from invest_xl.survival.spells import entry_periods, entry_years
    cohort = entry_periods(start, by) if by else np.full(days.size, None, dtype=object)
    expected = []
    for name in sorted(set(group)):
        for period in (sorted(set(cohort[group == name])) if by else [None]):
            mask = (group == name) & ((cohort == period) if by else True)
            expected.append(kaplan_meier_days(days[mask], observed[mask],
                                              label=name if period is None else f"{name} {period}"))
        if baseline:
            years = entry_years(start)
            mask = (group == name) & (years >= baseline[0]) & (years <= baseline[1])
            expected.append(kaplan_meier_days(days[mask], observed[mask],
                                              label=f"{name} basis {baseline[0]}-{baseline[1]}"))
    _assert_same_curves(ours, expected)


@pytest.mark.parametrize("gap", [None, 0, 1])
def test_the_shipped_sql_on_duckdb_equals_the_python_counts(rows, spells, gap):
    duckdb = pytest.importorskip("duckdb")
    import pyarrow as pa

    header, body = rows[0], rows[1:]
    table = pa.table({
        "person": [r[0] for r in body], "ydelse": [r[1] for r in body],
        "startdato": pa.array(np.array([r[2] for r in body], dtype="datetime64[D]")),
        "slutdato": pa.array(np.array([r[3] or "NaT" for r in body], dtype="datetime64[D]")),
        "gruppe": [r[4] for r in body]})
    connection = duckdb.connect()
    connection.register("forloeb", table)
    result = connection.execute(counts_sql("2020-06-30", gap)).fetchall()
    python = counts_from_spells(merge_returns(spells, gap), "2020-06-30").to_dict()
    expected = sorted(zip(python["group"], [int(c.replace("-", "")) for c in python["cohort"]],
                          python["day"], python["exits"], python["censored"]))
    assert sorted((g, int(c), int(d), int(e), int(n)) for g, c, d, e, n in result) == expected


def test_counts_file_gives_the_curves_of_the_spells_file(tmp_path, rows, capsys):
    spells_path = tmp_path / "forloeb.csv"
    with open(spells_path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    counts = counts_from_spells(merge_returns(read_spells(spells_path), 1), "2020-12-31").to_dict()
    counts_path = tmp_path / "taellinger.csv"
    with open(counts_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["gruppe", "kohorte", "dag", "udgange", "censurerede"])
        writer.writerows(zip(*(counts[k] for k in ("group", "cohort", "day", "exits", "censored"))))
    assert main(["curves", str(spells_path), "--cutoff", "2020-12-31", "--by", "year", "--json"]) == 0
    from_spells = json.loads(capsys.readouterr().out)["curves"]
    assert main(["curves", "--counts", str(counts_path), "--by", "year", "--json"]) == 0
    from_counts = json.loads(capsys.readouterr().out)["curves"]
    assert [c["label"] for c in from_counts] == [c["label"] for c in from_spells]
    for a, b in zip(from_counts, from_spells):
        np.testing.assert_allclose(a["share"], b["share"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(a["lower"], b["lower"], rtol=0, atol=1e-12)


def test_parquet_spells_give_the_curves_of_the_csv(tmp_path, rows):
    import pyarrow as pa
    import pyarrow.parquet as pq

    body = rows[1:]
    path = tmp_path / "forloeb.parquet"
    pq.write_table(pa.table({
        "person": [r[0] for r in body], "ydelse": [r[1] for r in body],
        "start": pa.array(np.array([r[2] for r in body], dtype="datetime64[D]")),
        "slut": pa.array(np.array([r[3] or "NaT" for r in body], dtype="datetime64[D]")),
        "gruppe": [r[4] for r in body]}), path)
    ours = spell_curves(merge_returns(read_spells(path), 1), "2020-12-31", by="half")
    _assert_same_curves(ours, spell_curves(merge_returns(read_spells(rows), 1), "2020-12-31",
                                           by="half"))


def test_counts_files_are_checked_and_group_and_cohort_may_be_left_out(tmp_path, capsys):
    path = tmp_path / "taellinger.csv"
    path.write_text("group,cohort,day,exits,censored\nindsats,2020,7,3,1\n", encoding="utf-8")
    assert main(["curves", "--counts", str(path), "--by", "month"]) == 2
    assert "kohorter '2020', som ikke kan deles op efter month" in capsys.readouterr().err
    path.write_text("group,cohort,day,exits,censored\nindsats,2020,7,-3,1\n", encoding="utf-8")
    with pytest.raises(InvestXLError, match=r"^række 2: kolonnen 'udgange': -3 er under 0$"):
        read_counts(path)
    path.write_text("dag,udgange,censurerede\n7,3,1\n14,1,0\n", encoding="utf-8")
    km = counts_curves(read_counts(path))[0]
    assert km.label == "alle" and km.survival_at([0, 1, 2]).tolist() == [1.0, 0.4, 0.0]


@pytest.mark.parametrize("family, fitter, names", [
    ("weibull", "WeibullFitter", (("lambda", "lambda_"), ("rho", "rho_"))),
    ("log-logistic", "LogLogisticFitter", (("alpha", "alpha_"), ("beta", "beta_"))),
    ("log-normal", "LogNormalFitter", (("mu", "mu_"), ("sigma", "sigma_"))),
])
def test_spell_mle_on_continuous_durations_equals_lifelines(family, fitter, names):
    import lifelines
    from invest_xl.survival.fitting import fit_spells

    rng = np.random.default_rng(20201)
    weeks = 13.0 * rng.weibull(1.1, 5000) + 1e-3
    observed = rng.random(5000) < 0.8
    ours = fit_spells(weeks, observed, families=[family]).fits[0]
    theirs = getattr(lifelines, fitter)().fit(weeks, observed)
    for mine, their in names:
        assert ours.params[mine] == pytest.approx(getattr(theirs, their), rel=1e-5)
    assert ours.log_likelihood == pytest.approx(theirs.log_likelihood_, rel=1e-8)


def test_fit_and_the_spell_modules_import_no_pandas():
    code = ("import sys, invest_xl.cli, invest_xl.survival.fitting, invest_xl.survival.counts; "
            "invest_xl.cli.build_parser(); print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_fit_on_a_csv_of_points_imports_no_workbook_library(tmp_path):
    points = tmp_path / "punkter.csv"
    points.write_text("uge;andel\n0;100\n4;80,5\n8;65\n13;52\n26;38\n", encoding="utf-8")
    code = ("import sys, io, contextlib; from invest_xl.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    code = main(['fit', {str(points)!r}, '--cohort', '300'])\n"
            "print(code, 'openpyxl' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False", "False"]


@pytest.mark.parametrize("size", [50, 50_000])  # computed directly, and through a table of days
@pytest.mark.parametrize("months", [0, 1, 3, -1, 13])
def test_calendar_months_agree_with_pythons_calendar(size, months):
    import calendar
    import datetime as dt

    rng = np.random.default_rng(size + months)
    dates = np.datetime64("2012-01-01") + rng.integers(0, 10 * 365, size)
    expected, months_since = [], []
    for date in dates.tolist():
        index = date.year * 12 + date.month - 1 + months
        year, month = divmod(index, 12)
        day = min(date.day, calendar.monthrange(year, month + 1)[1])
        expected.append(dt.date(year, month + 1, day))
        months_since.append((date.year - 1970) * 12 + date.month - 1)
    assert add_months(dates, months).tolist() == expected
    assert months_since_1970(dates).tolist() == months_since


def test_counts_of_parts_add_up_to_the_counts_of_the_whole(spells):
    merged = merge_returns(spells)
    cutoff = merged.last_date
    half = np.arange(len(merged)) % 2 == 0
    parts = [counts_from_spells(merged.take(half), cutoff),
             counts_from_spells(merged.take(~half), cutoff)]
    whole = counts_from_spells(merged, cutoff)

    def cells(counts):
        table = counts.to_dict()
        return sorted(zip(table["group"], table["cohort"], table["day"], table["exits"],
                          table["censored"]))
    assert len(parts[0]) and len(parts[1])
    assert cells(add_counts(parts)) == cells(whole)
