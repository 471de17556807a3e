"""Counts from a spells file in one DuckDB pass: the fast path of `invest-xl curves`.

DuckDB (embedded, multi-threaded) reads the CSV file once into a temporary table (the
lines are counted meanwhile) or reads the Parquet file where used (columnar: cheap to
read twice), parses the dates, merges returns to the same benefit with window functions
over (person, benefit, start), takes
the durations at the cut-off and groups them by (group, entry month, day); only that
small table comes back to numpy, as `counts.SpellCounts`. The curves from it are the
curves of `spell_reader` + `merge_returns` + `counts_from_spells`: the same integers.

This path checks the input with a few cheap SQL conditions and never words a message
itself. On anything it is not sure of (a missing or doubled column, a blank person or
start, a date it does not read in ISO or Danish form, an end before its start, a column
type it does not know, a file DuckDB refuses, no spell before the cut-off) `file_counts`
returns None, and the caller reads the file with the precise reader, which gives the
exact Danish message with the row number, or the curves.

Rules it shares with `spell_reader`: text is trimmed of whitespace as Python's
`str.strip` (and pyarrow) does; a blank benefit is "", a blank group "alle"; a row blank
in every column is left out; dates are read from text as 2020-01-31, 31-01-2020,
31.01.2020, 31/01/2020 or 2020/01/31 (a time after a space or a T is ignored), other
forms go to the precise reader. Spells of one person and benefit with the same start
keep the group of the first in file order: the window orders by (start, file order),
the CSV table's rowid or the Parquet file's row number (a column of that name goes to
the precise reader).
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.survival.counts import SpellCounts
from invest_xl.survival.spells import DEFAULT_GROUP, to_date

# the characters str.strip and pyarrow's utf8_trim_whitespace remove (the same 29)
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
               "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_ONGOING = "DATE '9999-12-31'"
_INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                  "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
_TIMESTAMP_TYPES = {"TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS"}
_ISO = r"\d{4}-\d{2}-\d{2}"
_DANISH = r"\d{2}-\d{2}-\d{4}|\d{2}\.\d{2}\.\d{4}|\d{2}/\d{2}/\d{4}"
_ISO_SLASH = r"\d{4}/\d{2}/\d{2}"

# The typed, trimmed spells with their blank and check flags. A row can only be blank in
# every column, or hold a blank end that is not a date, where its person or its end is
# blank: the CASEs test the other columns for those rows alone.
_TABLE = """
CREATE TEMP {kind} forloeb AS
SELECT person, ydelse, startdato, slutdato, gruppe, tom{order_column},
       NOT tom AND (coalesce(person, '') = '' OR startdato IS NULL OR slutdato < startdato
                    OR CASE WHEN slutdato IS NULL THEN NOT ({end_blank}) ELSE false END) AS usikker
FROM (SELECT *, CASE WHEN coalesce(person, '') = '' THEN {all_blank} ELSE false END AS tom
      FROM (SELECT {person} AS person, {benefit} AS ydelse, {start} AS startdato,
                   {end} AS slutdato, {group} AS gruppe, *
            FROM (SELECT {raw}{order} FROM {source})))
"""
_CHECKS = """
SELECT count(*), count(*) FILTER (WHERE NOT tom), count(*) FILTER (WHERE usikker),
       max(startdato) FILTER (WHERE NOT tom), max(slutdato) FILTER (WHERE NOT tom)
FROM forloeb
"""
# One window pass over (person, benefit) ordered by (start, file order) gives, per row,
# the latest end of the earlier rows (forrige) and the next start; the latest end up to
# and with the row (naaet) follows from forrige. A row starts a spell when it starts
# after forrige plus the gap, and ends one when the next row starts after naaet plus the
# gap. A spell of one row is then complete; for the others a second window over only
# their first and last rows brings the last row's end to the first.
_MERGED = """
ordered AS (
    SELECT person, ydelse, startdato, gruppe, orden, coalesce(slutdato, {ongoing}) AS slut,
           max(coalesce(slutdato, {ongoing})) OVER (
               w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS forrige,
           lead(startdato) OVER w AS naeste_start
    FROM ({kept})
    WINDOW w AS (PARTITION BY person, ydelse ORDER BY startdato, orden)
),
flagged AS (
    SELECT person, ydelse, startdato, gruppe, orden, naaet,
           forrige IS NULL OR startdato > {limit_forrige} AS nyt,
           naeste_start IS NULL OR naeste_start > {limit_naaet} AS sidst
    FROM (SELECT *, greatest(coalesce(forrige, slut), slut) AS naaet FROM ordered)
),
merged AS (
    SELECT gruppe, startdato, naaet AS slut FROM flagged WHERE nyt AND sidst
    UNION ALL
    SELECT gruppe, startdato, slut
    FROM (SELECT gruppe, startdato, nyt,
                 lead(naaet) OVER (PARTITION BY person, ydelse ORDER BY startdato, orden) AS slut
          FROM flagged
          WHERE nyt <> sidst)
    WHERE nyt
)"""
# the rows kept, with their file order: a table's rowid, or the view's `orden`
_KEPT = {True: "SELECT *, rowid AS orden FROM forloeb WHERE NOT tom",
         False: "SELECT * FROM forloeb WHERE NOT tom"}
_UNMERGED = """
merged AS (
    SELECT gruppe, startdato, coalesce(slutdato, {ongoing}) AS slut
    FROM forloeb
    WHERE NOT tom
)"""
_COUNTS = """
WITH {merged}
SELECT gruppe, year(startdato) * 12 + month(startdato) - 1 AS maaned,
       (least(slut, {cutoff}) - startdato) + 1 AS dag,
       count(*) FILTER (WHERE slut <= {cutoff}) AS udgange,
       count(*) FILTER (WHERE slut > {cutoff}) AS censurerede
FROM merged
WHERE startdato <= {cutoff}
GROUP BY ALL
"""


def file_counts(path, cutoff=None, gap_months: int | None = 1
                ) -> tuple[SpellCounts, np.datetime64] | None:
    """(counts, cut-off) of the spells in a .csv or .parquet file, returns within
    `gap_months` merged (None: no merge), or None where the precise reader must decide.

    `cutoff` is a date or text (default: the latest start or end in the file).
    """
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".parquet") or not path.is_file():
        return None
    if gap_months is not None and (not isinstance(gap_months, int) or gap_months < 0):
        return None
    try:
        import duckdb
    except ImportError:
        return None
    connection = duckdb.connect()
    try:
        return _counts(connection, path, cutoff, gap_months)
    except (duckdb.Error, InvestXLError, UnicodeDecodeError, OSError):
        return None
    finally:
        connection.close()


def _counts(connection, path: Path, cutoff, gap_months):
    connection.execute("SET temp_directory = ?",
                       [str(Path(tempfile.gettempdir()) / "invest-xl-duckdb")])
    found = _csv_source(path) if path.suffix.lower() == ".csv" else _parquet_source(connection, path)
    if found is None:
        return None
    source, columns, header_lines, order = found
    table = _table_sql(source, columns, order)
    if table is None:
        return None
    with ThreadPoolExecutor(1) as pool:  # the lines are counted while DuckDB reads
        lines = None if header_lines is None else pool.submit(_lines, path)
        connection.execute(table)
        rows, kept, unsure, last_start, last_end = connection.execute(_CHECKS).fetchone()
        if kept == 0 or unsure:
            return None
        if lines is not None and rows != lines.result() - header_lines:
            return None  # an empty line, a line break in a value: rows the readers may count apart
    if cutoff is None:
        cutoff = max(d for d in (last_start, last_end) if d is not None)
    cutoff = to_date(cutoff)
    cutoff_sql = f"DATE '{cutoff}'"
    merged = (_UNMERGED.format(ongoing=_ONGOING) if gap_months is None else
              _MERGED.format(ongoing=_ONGOING, kept=_KEPT[order is None],
                             limit_forrige=_limit("forrige", gap_months),
                             limit_naaet=_limit("naaet", gap_months)))
    result = connection.execute(_COUNTS.format(merged=merged, cutoff=cutoff_sql)).fetchnumpy()
    if len(result["dag"]) == 0:
        return None
    return _spell_counts(result), cutoff


def _lines(path: Path) -> int:
    """The number of lines of a file (a last line without its line break counts)."""
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 24), b""):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


def _limit(column: str, gap_months: int) -> str:
    """The latest start that continues a spell whose ends reach `column`: never past a
    running spell, else that end plus the gap in calendar months (as `add_months`)."""
    return (f"CASE WHEN {column} >= {_ONGOING} THEN {_ONGOING} ELSE CAST(least({column}, "
            f"{_ONGOING} - 400) + to_months({gap_months}) AS DATE) END")


def _spell_counts(result: dict) -> SpellCounts:
    group_names, group_code = np.unique(np.asarray(result["gruppe"], dtype=object).astype(str),
                                        return_inverse=True)
    months, cohort_code = np.unique(np.asarray(result["maaned"], dtype=np.int64),
                                    return_inverse=True)
    cohort_names = np.array([f"{m // 12}-{m % 12 + 1:02d}" for m in months], dtype=object)
    return SpellCounts(group_code.astype(np.int64), cohort_code.astype(np.int64),
                       np.asarray(result["dag"], dtype=np.int64),
                       np.asarray(result["udgange"], dtype=np.int64),
                       np.asarray(result["censurerede"], dtype=np.int64),
                       group_names.astype(object), cohort_names)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _csv_source(path: Path):
    """(read_csv call, [(column, type)]) with the layout `spell_reader` finds, or None."""
    from invest_xl.survival.spell_reader import csv_layout

    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:  # Windows-1252 and friends: the precise reader decodes
        return None
    if not text.strip():
        return None
    skip, sep, headers = csv_layout(text)
    if not headers or len(sep) != 1:
        return None
    complete = head[:head.rfind(b"\n") + 1]
    crlf = complete.count(b"\r\n")
    if crlf not in (0, complete.count(b"\n")) or complete.count(b"\r") != crlf:
        return None  # mixed or bare-CR line ends: DuckDB may drop rows without a word
    names = [f"c{i}" for i in range(len(headers))]
    types = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    source = (f"read_csv({_quote(str(path))}, delim={_quote(sep)}, quote='\"', escape='\"', "
              f"header=false, "
              f"skip={skip + 1}, auto_detect=false, strict_mode=true, "
              f"null_padding=false, columns={types})")
    return (source, [(header, name, "VARCHAR") for header, name in zip(headers, names)],
            skip + 1, None)


def _parquet_source(connection, path: Path):
    """(read_parquet call, [(column, type)]); read where used, in file order by its row
    number: a columnar file is cheap to read twice, a table of it is not."""
    described = connection.execute(
        f"DESCRIBE SELECT * FROM read_parquet({_quote(str(path))})").fetchall()
    source = f"read_parquet({_quote(str(path))}, file_row_number=true)"
    return (source, [(row[0], _identifier(row[0]), row[1]) for row in described], None,
            "file_row_number")


def _table_sql(source: str, columns: list, order: str | None) -> str | None:
    """The CREATE of typed, trimmed spells with their blank and check flags: a table, or
    with `order` (the source's column of file order) a view that keeps it as `orden`."""
    from invest_xl.survival.spell_reader import positions

    where = positions([header for header, _, _ in columns])
    # the source's columns as r0, r1, ..., so no header can clash with our names
    raw = [(f"r{i}", kind) for i, (_, _, kind) in enumerate(columns)]
    expressions = {}
    for key in where:
        name, kind = raw[where[key]]
        made = _date(name, kind) if key in ("start", "end") else _text(name, kind)
        if made is None:
            return None
        expressions[key] = made
    end, end_kind = raw[where["end"]]
    return _TABLE.format(
        kind="TABLE" if order is None else "VIEW", source=source,
        order="" if order is None else f", {order} AS orden",
        order_column="" if order is None else ", orden",
        raw=", ".join(f"{name} AS {r}" for (_, name, _), (r, _) in zip(columns, raw)),
        person=expressions["person"], start=expressions["start"],
        end=expressions["end"], benefit=f"coalesce({expressions['benefit']}, '')"
        if "benefit" in expressions else "''",
        group=f"coalesce(nullif({expressions['group']}, ''), {_quote(DEFAULT_GROUP)})"
        if "group" in expressions else _quote(DEFAULT_GROUP),
        end_blank=_blank(end, end_kind),
        all_blank=" AND ".join(_blank(name, kind) for name, kind in raw))


def _trimmed(name: str) -> str:
    # trimming with a list of characters is slow; most values need no trim at all
    return (f"CASE WHEN ascii({name}) BETWEEN 33 AND 127 AND ascii(right({name}, 1)) "
            f"BETWEEN 33 AND 127 THEN {name} ELSE trim({name}, {_quote(_WHITESPACE)}) END")


def _text(name: str, kind: str) -> str | None:
    if kind == "VARCHAR":
        return _trimmed(name)
    if kind in _INTEGER_TYPES:
        return f"CAST({name} AS VARCHAR)"  # the same text as str(int)
    return None


def _blank(name: str, kind: str) -> str:
    if kind == "VARCHAR":
        return f"coalesce({_trimmed(name)}, '') = ''"
    if kind in ("FLOAT", "DOUBLE"):
        return f"({name} IS NULL OR isnan({name}))"
    return f"{name} IS NULL"


def _date(name: str, kind: str) -> str | None:
    """A date column as DATE; text that is not a date in a known form becomes NULL (and
    the row unsure), so the precise reader words the message."""
    if kind == "DATE":
        return name
    if kind in _TIMESTAMP_TYPES:
        return f"CAST({name} AS DATE)"
    if kind != "VARCHAR":
        return None
    day = f"split_part(split_part({_trimmed(name)}, 'T', 1), ' ', 1)"
    # on text of the form 2020-01-31, try_cast gives try_strptime's dates, and faster
    return (f"CASE WHEN regexp_full_match({name}, '{_ISO}') THEN try_cast({name} AS DATE) "
            f"WHEN {name} IS NULL THEN NULL "
            f"WHEN regexp_full_match({day}, '{_ISO}') THEN try_cast({day} AS DATE) "
            f"WHEN regexp_full_match({day}, '{_DANISH}') "
            f"THEN CAST(try_strptime(replace(replace({day}, '.', '-'), '/', '-'), '%d-%m-%Y') AS DATE) "
            f"WHEN regexp_full_match({day}, '{_ISO_SLASH}') "
            f"THEN CAST(try_strptime({day}, '%Y/%m/%d') AS DATE) END")
