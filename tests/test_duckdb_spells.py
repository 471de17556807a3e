"""The DuckDB path of `invest-xl curves` gives the curves of the precise reader, to the
last bit, and hands every file it is unsure of to that reader, whose message stays."""

import csv
import json

import numpy as np
import pytest

from invest_xl.cli import main
from invest_xl.errors import InvestXLError
from invest_xl.survival.counts import counts_curves
from invest_xl.survival.kaplan_meier import spell_curves
from invest_xl.survival.spells import merge_returns, read_spells
from invest_xl.survival.synthetic import make_spells

pytest.importorskip("duckdb")
from invest_xl.survival.duckdb_spells import file_counts  # noqa: E402


def _write_csv(path, rows, delimiter=",", encoding="utf-8", prefix=""):
    with open(path, "w", newline="", encoding=encoding) as handle:
        handle.write(prefix)
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _assert_same_as_the_precise_reader(path, gap=1, cutoff=None, by=None, baseline=None):
    fast = file_counts(path, cutoff, gap)
    assert fast is not None, "the DuckDB path gave the file to the precise reader"
    counts, fast_cutoff = fast
    spells = read_spells(path)
    expected_cutoff = spells.last_date if cutoff is None else np.datetime64(cutoff, "D")
    assert fast_cutoff == expected_cutoff
    ours = counts_curves(counts, by=by, baseline=baseline)
    theirs = spell_curves(merge_returns(spells, gap), expected_cutoff, by=by, baseline=baseline)
    assert [(c.label, c.group, c.cohort) for c in ours] == [(c.label, c.group, c.cohort)
                                                           for c in theirs]
    for a, b in zip(ours, theirs):
        np.testing.assert_array_equal(a.weeks, b.weeks)
        np.testing.assert_array_equal(a.at_risk, b.at_risk)
        np.testing.assert_array_equal(a.exits, b.exits)
        np.testing.assert_allclose(a.survival, b.survival, rtol=0, atol=1e-12)
        np.testing.assert_allclose(a.greenwood, b.greenwood, rtol=0, atol=1e-12)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return _write_csv(tmp_path_factory.mktemp("duckdb") / "forloeb.csv", make_spells(seed=11))


@pytest.mark.parametrize("gap", [None, 0, 1, 3])
@pytest.mark.parametrize("cutoff", [None, "2019-06-30"])
def test_sample_spells_give_the_curves_of_the_precise_reader(sample, gap, cutoff):
    _assert_same_as_the_precise_reader(sample, gap, cutoff, by="quarter", baseline=(2017, 2018))


def test_parquet_with_dates_integers_and_timestamps_gives_the_same_curves(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    body = make_spells(seed=3)[1:]
    start = np.array([r[2] for r in body], dtype="datetime64[D]")
    end = np.array([r[3] or "NaT" for r in body], dtype="datetime64[D]")
    dated = tmp_path / "dates.parquet"
    pq.write_table(pa.table({"personid": [int(r[0][1:]) for r in body],
                             "ydelse": [r[1] for r in body], "startdato": pa.array(start),
                             "slutdato": pa.array(end.astype("datetime64[ms]")),
                             "gruppe": [r[4] for r in body]}), dated)
    _assert_same_as_the_precise_reader(dated, 1, by="year")
    text = tmp_path / "text.parquet"
    pq.write_table(pa.table({"person": [r[0] for r in body], "start": [r[2] for r in body],
                             "slut": [r[3] for r in body]}), text)
    _assert_same_as_the_precise_reader(text, 1)


EDGE_ROWS = [
    ["Person", "Ydelse", "Start", "Slut", "Gruppe", "note"],
    # a return the day after one month (31 Jan + 1 month = 29 Feb) continues, one later does not
    ["a", "kh", "2020-01-01", "2020-01-31", "indsats", ""],
    ["a", "kh", "29-02-2020", "10.03.2020", "indsats", ""],
    ["a", "kh", "11/04/2020", "2020/05/01", "målgruppe", ""],
    # the same start twice with two groups: the first in file order is kept, either way round
    ["b", "kh", "2020-02-03", "2020-03-01", "målgruppe", ""],
    ["b", "kh", "2020-02-03", "", "indsats", ""],
    ["c", "kh", "2020-02-03", "", "indsats", ""],
    ["c", "kh", "2020-02-03", "2020-02-20", "målgruppe", ""],
    # an ongoing spell swallows every later start of the same benefit
    ["d", "kh", "2019-05-01", "", "indsats", ""],
    ["d", "kh", "2019-09-01", "2019-10-01", "målgruppe", ""],
    ["d", "dp", "2019-09-01", "2019-10-01", "målgruppe", ""],
    # whitespace of every kind around names, times after the date, blanks
    ["  e\u00a0", " kh\t", " 2020-03-01 ", "2020-03-31 00:00:00", "\u2003indsats ", ""],
    ["e", "kh", "2020-04-15T08:00", "", " ", "x"],
    ["f", "", "2018-12-31", "2019-01-01", "", ""],
    ["", "", "", "", "", ""],
    ["g", "kh", "2020-06-30", "2020-06-30", "indsats", ""],
    ["h", "kh", "2021-01-05", "", "indsats", ""],
]


@pytest.mark.parametrize("gap", [None, 0, 1])
def test_edge_cases_give_the_curves_of_the_precise_reader(tmp_path, gap):
    path = _write_csv(tmp_path / "kanter.csv", EDGE_ROWS, delimiter=";", prefix="\ufeff# udtræk\r\n")
    _assert_same_as_the_precise_reader(path, gap, "2020-12-31")
    _assert_same_as_the_precise_reader(path, gap)
    without_group = [r[:4] for r in EDGE_ROWS]
    _assert_same_as_the_precise_reader(_write_csv(tmp_path / "uden.csv", without_group), gap)


def test_a_100k_synthetic_file_gives_the_curves_of_the_precise_reader(tmp_path):
    rng = np.random.default_rng(20201)
    rows = 100_000
    person = rng.integers(0, 60_000, rows)  # many persons with several spells
    start = np.datetime64("2016-01-01") + rng.integers(0, 5 * 365, rows)
    end = start + rng.integers(0, 200, rows)
    ongoing = rng.random(rows) < 0.2
    body = [[f"P{p:06d}", ("kh", "dp")[b], str(s), "" if o else str(e), ("x", "y", "z")[g]]
            for p, b, s, e, o, g in zip(person, rng.integers(0, 2, rows), start, end, ongoing,
                                        rng.integers(0, 3, rows))]
    path = _write_csv(tmp_path / "forloeb.csv", [["person", "ydelse", "start", "slut", "gruppe"]]
                      + body)
    _assert_same_as_the_precise_reader(path, 1, "2020-06-30", by="half", baseline=(2016, 2017))


def _write_parquet(path, rows, row_group_size=None):
    import pyarrow as pa
    import pyarrow.parquet as pq

    header, body = rows[0], rows[1:]
    pq.write_table(pa.table({name: [row[i] or None for row in body]
                             for i, name in enumerate(header)}), path,
                   row_group_size=row_group_size)
    return path


@pytest.mark.parametrize("gap", [None, 0, 1])
def test_a_parquet_file_read_where_used_keeps_the_file_order(tmp_path, gap):
    # the same starts with two groups, returns, running spells, blanks and whitespace, in
    # row groups of 3 rows, so the file order comes from the row number, not the reading
    path = _write_parquet(tmp_path / "kanter.parquet", EDGE_ROWS, row_group_size=3)
    _assert_same_as_the_precise_reader(path, gap, "2020-12-31")
    _assert_same_as_the_precise_reader(path, gap)


def test_a_100k_parquet_file_in_many_row_groups_gives_the_curves_of_the_precise_reader(tmp_path):
    rng = np.random.default_rng(20202)
    rows = 100_000
    person = rng.integers(0, 30_000, rows)  # most persons return, often on the same day
    start = np.datetime64("2018-01-01") + rng.integers(0, 700, rows)
    end = start + rng.integers(0, 90, rows)
    ongoing = rng.random(rows) < 0.2
    body = [[f"P{p:06d}", ("kh", "dp")[b], str(s), "" if o else str(e), ("x", "y", "z")[g]]
            for p, b, s, e, o, g in zip(person, rng.integers(0, 2, rows), start, end, ongoing,
                                        rng.integers(0, 3, rows))]
    path = _write_parquet(tmp_path / "forloeb.parquet",
                          [["person", "ydelse", "start", "slut", "gruppe"]] + body, 7_000)
    _assert_same_as_the_precise_reader(path, 1, "2019-12-31", by="quarter")


def test_a_parquet_column_named_like_duckdbs_row_number_is_just_another_column(tmp_path):
    path = _write_parquet(tmp_path / "forloeb.parquet", [
        ["person", "start", "slut", "file_row_number"], ["a", "2020-01-01", "", 1],
        ["b", "2020-02-01", "2020-03-01", 2]])
    assert file_counts(path) is not None
    _assert_same_as_the_precise_reader(path, 1)


BAD_FILES = {
    "a date it cannot read": ["p1,kh,2020-01-01,2020-02-30,x"],
    "an end before its start": ["p1,kh,2020-03-01,2020-02-01,x"],
    "a blank person": ["p1,kh,2020-01-01,,x", ",kh,2020-01-01,,x"],
    "a row with only a group": ["p1,kh,2020-01-01,,x", ", ,,,x"],
    "a blank end after a date it cannot read": ["p1,kh,2020-01-01,31-02-2020,x", "p2,kh,2020-01-01,,x"],
    "a blank start": ["p1,kh,,2020-02-01,x"],
    "a text for a date": ["p1,kh,#N/A,,x"],
    "a row longer than the header": ["p1,kh,2020-01-01,,x,extra"],
    "an unclosed quote": ['p1,kh,"2020-01-01,,x'],
}


@pytest.mark.parametrize("what", sorted(BAD_FILES))
def test_a_bad_file_keeps_the_precise_readers_message_and_exit_2(tmp_path, capsys, what):
    path = tmp_path / "forloeb.csv"
    path.write_text("person,ydelse,start,slut,gruppe\n" + "\n".join(BAD_FILES[what]) + "\n",
                    encoding="utf-8")
    assert file_counts(path) is None
    with pytest.raises(InvestXLError) as raised:
        read_spells(path)
    assert main(["curves", str(path), "--json"]) == 2
    assert str(raised.value) in capsys.readouterr().err


def test_forms_only_the_precise_reader_knows_still_give_curves(tmp_path, capsys):
    # two-digit years, Windows-1252 and mixed line ends go to the precise reader, which reads them
    rows = [["person", "ydelse", "start", "slut", "gruppe"], ["ø1", "kh", "01-02-20", "", "x"],
            ["ø2", "kh", "01-03-20", "01-04-20", "x"]]
    for name, encoding in (("kort.csv", "utf-8"), ("ansi.csv", "cp1252")):
        path = _write_csv(tmp_path / name, rows, encoding=encoding)
        assert file_counts(path) is None
        assert main(["curves", str(path), "--json"]) == 0
        curve = json.loads(capsys.readouterr().out)["curves"][0]
        assert curve["cohort_size"] == 2
    mixed = tmp_path / "blandet.csv"
    mixed.write_bytes(b"person,start,slut\np1,2020-01-01,\r\np2,2020-01-01,2020-02-01\r\n")
    assert file_counts(mixed) is None
    assert main(["curves", str(mixed), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["curves"][0]["cohort_size"] == 2


def _spells_table(rows=20_000, seed=5, persons=6_000, pad=""):
    """Rows person, ydelse, start, slut, gruppe with many returns; `pad` around the names
    of every other row."""
    rng = np.random.default_rng(seed)
    person = rng.integers(0, persons, rows)
    start = np.datetime64("2018-01-01") + rng.integers(0, 900, rows)
    end = start + rng.integers(0, 120, rows)
    ongoing = rng.random(rows) < 0.2
    pads = [pad, ""] * rows
    return [["person", "ydelse", "start", "slut", "gruppe"]] + [
        [f"{a}P{p:05d}", ("kh", "dp")[b], str(s), "" if o else str(e), ("x", f"y{a}")[g]]
        for p, b, s, e, o, g, a in zip(person, rng.integers(0, 2, rows), start, end, ongoing,
                                       rng.integers(0, 2, rows), pads)]


def _typed_parquet(path, rows):
    """`rows` as Parquet with DATE columns, the form a register extract comes in."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    body = rows[1:]
    pq.write_table(pa.table({
        "person": [r[0] for r in body], "ydelse": [r[1] for r in body],
        "start": pa.array(np.array([r[2] for r in body], dtype="datetime64[D]")),
        "slut": pa.array(np.array([r[3] or "NaT" for r in body], dtype="datetime64[D]")),
        "gruppe": [r[4] for r in body]}), path, row_group_size=3_000)
    return path


def _clean_path(path, gap=1, cutoff=None):
    """What the typed-Parquet reading returns: counts, None or the need to trim."""
    import duckdb

    from invest_xl.survival import duckdb_spells

    connection = duckdb.connect()
    try:
        found = duckdb_spells._parquet_source(connection, path)
        return duckdb_spells._clean_parquet_counts(connection, found, cutoff, gap)
    finally:
        connection.close()


@pytest.mark.parametrize("gap", [None, 0, 1])
def test_a_typed_parquet_file_is_read_untrimmed_and_gives_the_curves_of_the_precise_reader(
        tmp_path, gap):
    from invest_xl.survival import duckdb_spells

    path = _typed_parquet(tmp_path / "register.parquet", _spells_table())
    found = _clean_path(path, gap)
    assert found is not None and found is not duckdb_spells._NEEDS_TRIMMING
    _assert_same_as_the_precise_reader(path, gap, by="quarter")


def test_names_that_need_trimming_take_the_trimmed_reading_with_the_same_curves(tmp_path):
    from invest_xl.survival import duckdb_spells

    # " P00001" is "P00001", and the group "y " is "y", as the precise reader reads them
    path = _typed_parquet(tmp_path / "blanktegn.parquet", _spells_table(pad=" "))
    assert _clean_path(path) is duckdb_spells._NEEDS_TRIMMING
    _assert_same_as_the_precise_reader(path, 1)
    trimmed = file_counts(path)[0]
    clean = file_counts(_typed_parquet(tmp_path / "rene.parquet", _spells_table()))[0]
    assert trimmed.to_dict() == clean.to_dict()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_pairs_that_share_the_first_hash_are_told_apart_by_the_second(tmp_path, monkeypatch,
                                                                     suffix):
    from invest_xl.survival import duckdb_spells

    rows = _spells_table(rows=2_000)
    path = (_write_csv(tmp_path / "forloeb.csv", rows) if suffix == ".csv"
            else _typed_parquet(tmp_path / "forloeb.parquet", rows))
    # a first hash that every person of the same length shares
    monkeypatch.setattr(duckdb_spells, "_KEYS", duckdb_spells._KEYS.replace(
        "hash({person}, {benefit})", "hash(length({person}))"))
    _assert_same_as_the_precise_reader(path, 1)


@pytest.mark.parametrize("grid", [True, False])
def test_chunks_end_where_a_person_and_benefit_end(tmp_path, monkeypatch, grid):
    from invest_xl.survival import hashed_counts

    # chunks of 7 rows: a person's returns straddle every boundary unless it moves on;
    # their counts go to one grid of cells, or (too many cells) are added up
    monkeypatch.setattr(hashed_counts, "_CHUNK_ROWS", 7)
    if not grid:
        monkeypatch.setattr(hashed_counts, "_GRID_CELLS", 0)
    rows = _spells_table(rows=3_000, persons=300)
    _assert_same_as_the_precise_reader(_write_csv(tmp_path / "forloeb.csv", rows), 1)
    _assert_same_as_the_precise_reader(_typed_parquet(tmp_path / "forloeb.parquet", rows), 1)


def test_a_parquet_date_past_the_year_9999_gets_a_message_and_exit_2(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "fjern.parquet"
    pq.write_table(pa.table({
        "person": ["a", "b"],
        "start": pa.array(np.array(["2020-01-01", "12000-01-01"], dtype="datetime64[D]")),
        "slut": pa.array(np.array(["2020-02-01", "NaT"], dtype="datetime64[D]"))}), path)
    for cutoff in ([], ["--cutoff", "2020-12-31"]):
        assert file_counts(path, *cutoff[1:]) is None
        assert main(["curves", str(path), "--json", *cutoff]) == 2
        assert "efter år 9999" in capsys.readouterr().err


def test_curves_on_a_typed_parquet_file_import_no_pandas(tmp_path):
    import subprocess
    import sys

    path = _typed_parquet(tmp_path / "register.parquet", _spells_table(rows=2_000))
    code = ("import sys, io, contextlib; from invest_xl.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    code = main(['curves', {str(path)!r}, '--json'])\n"
            "print(code, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_three_hundred_groups_give_the_curves_of_the_precise_reader(tmp_path, suffix):
    # more groups than a CASE is written for (16) and than a byte holds (256)
    rows = _spells_table(rows=3_000, persons=1_000)
    rows = rows[:1] + [row[:4] + [f"jobcenter {i % 300:03d}"] for i, row in enumerate(rows[1:])]
    path = (_write_csv(tmp_path / "forloeb.csv", rows) if suffix == ".csv"
            else _typed_parquet(tmp_path / "forloeb.parquet", rows))
    _assert_same_as_the_precise_reader(path, 1)


TYPED_UNSURE = {  # (person, start, end) of the second row
    "a blank person": (None, "2020-02-01", "2020-03-01"),
    "a blank start": ("b", None, "2020-03-01"),
    "an end on 9999-12-31": ("b", "2020-02-01", "9999-12-31"),
    "an end before its start": ("b", "2020-02-01", "2020-01-15"),
}


@pytest.mark.parametrize("what", sorted(TYPED_UNSURE))
def test_a_typed_parquet_row_the_statistics_or_numpy_doubt_takes_the_trimmed_reading(
        tmp_path, monkeypatch, capsys, what):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from invest_xl.survival import duckdb_spells

    person, start, end = TYPED_UNSURE[what]
    path = tmp_path / "register.parquet"
    pq.write_table(pa.table({
        "person": ["a", person, "c"],
        "start": pa.array(np.array(["2020-01-01", start or "NaT", "2020-03-01"], "datetime64[D]")),
        "slut": pa.array(np.array(["2020-01-20", end, "NaT"], "datetime64[D]"))}), path)
    assert _clean_path(path, cutoff="2020-06-30") is duckdb_spells._NEEDS_TRIMMING
    commands = [["curves", str(path), "--json"],
                ["curves", str(path), "--json", "--cutoff", "2020-06-30"]]
    said = [(main(command), capsys.readouterr()) for command in commands]
    monkeypatch.setattr(duckdb_spells, "file_counts", lambda *args: None)  # the precise reader
    assert said == [(main(command), capsys.readouterr()) for command in commands]


def test_a_typed_parquet_file_keeps_the_file_order_of_returns_on_one_day(tmp_path):
    # each person's two spells start on the same day, 60,000 rows and twenty row groups
    # apart, with another group: the first in the file names the merged spell's group
    persons = 60_000
    rng = np.random.default_rng(8)
    start = np.datetime64("2019-01-01") + rng.integers(0, 500, persons)
    first_group = rng.integers(0, 2, persons)
    rows = [["person", "ydelse", "start", "slut", "gruppe"]] + [
        [f"P{p:05d}", "kh", str(start[p]), str(start[p] + 30 + k), ("x", "y")[(g + k) % 2]]
        for k in (0, 1) for p, g in enumerate(first_group)]
    path = _typed_parquet(tmp_path / "register.parquet", rows)
    _assert_same_as_the_precise_reader(path, 1)
    counts = file_counts(path)[0]
    spells = counts.exits + counts.censored
    by_group = {str(name): int(spells[counts.group_code == code].sum())
                for code, name in enumerate(counts.group_names)}
    assert by_group == {"x": int((first_group == 0).sum()), "y": int((first_group == 1).sum())}
