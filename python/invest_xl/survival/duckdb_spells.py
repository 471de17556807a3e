"""Counts from a spells file, read by DuckDB: the fast path of `invest-xl curves`.

DuckDB (embedded, multi-threaded) reads the CSV file once into a temporary table (the
lines are counted meanwhile), trims the text and parses the dates. A Parquet file with
typed columns is read as it is where no name needs trimming (`_clean_parquet_counts`),
else through a view with the CSV path's trimming. DuckDB hands the rows over in file
order as Arrow batches of integers, (person, benefit) as two 64-bit hashes; `hashed_counts`
orders them by (hash, start, file order), merges returns to the same benefit
(`spells.merge_sorted`, the rule of the precise path) and counts the spells per (group,
entry month, day), as `counts.SpellCounts`. The curves from it are the curves of `spell_reader` +
`merge_returns` + `counts_from_spells`: the same integers.

A second hash of (person, benefit), computed another way, goes along and tells apart
pairs whose first hashes agree; two of ten million pairs sharing both go unseen with a
chance of about 10^-17 a run (`hashed_counts`).

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
keep the group of the first in file order: the rows are ordered by (start, file order).
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.survival.counts import SpellCounts
from invest_xl.survival.hashed_counts import UNSURE, hashed_counts, position_bits, read_rows
from invest_xl.survival.spells import DEFAULT_GROUP, to_date

# the characters str.strip and pyarrow's utf8_trim_whitespace remove (the same 29)
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
               "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_ONGOING = "DATE '9999-12-31'"
_ONGOING_DATE = np.datetime64("9999-12-31", "D")
_ONGOING_DAY = int(_ONGOING_DATE.astype(np.int64))
_NEEDS_TRIMMING = UNSURE  # a Parquet file for the trimmed reading
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
SELECT person, ydelse, startdato, slutdato, gruppe, tom,
       NOT tom AND (coalesce(person, '') = '' OR startdato IS NULL OR slutdato < startdato
                    OR CASE WHEN slutdato IS NULL THEN NOT ({end_blank}) ELSE false END) AS usikker
FROM (SELECT *, CASE WHEN coalesce(person, '') = '' THEN {all_blank} ELSE false END AS tom
      FROM (SELECT {person} AS person, {benefit} AS ydelse, {start} AS startdato,
                   {end} AS slutdato, {group} AS gruppe, *
            FROM (SELECT {raw} FROM {source})))
"""
_CHECKS = """
SELECT count(*), count(*) FILTER (WHERE NOT tom), count(*) FILTER (WHERE usikker),
       max(startdato) FILTER (WHERE NOT tom) - DATE '1970-01-01',
       max(slutdato) FILTER (WHERE NOT tom) - DATE '1970-01-01',
       min(startdato) FILTER (WHERE NOT tom) - DATE '1970-01-01'
FROM forloeb
"""
# The kept rows as integers for numpy, in file order (DuckDB keeps the order of its
# source: `preserve_insertion_order`): `dag` is the start in days after the earliest start,
# `slut` days since 1970-01-01 (9999-12-31 while running), `gruppe` the group's code.
# (person, benefit) goes as the top bits of its 64-bit hash, `noegle`, above the bits
# where numpy puts the row's position and which it sorts (integers sort several times
# faster than text), and as `kontrol`, a hash of the pair made another way (of one
# string, not the xor of two), which tells apart pairs whose noegle agree.
_ROWS = """
SELECT {keys}({start} - DATE '1970-01-01' - {first})::INTEGER AS dag,
       (coalesce({end}, {ongoing}) - DATE '1970-01-01')::INTEGER AS slut,
       {group} AS gruppe{extra}
FROM {source}
"""
_KEYS = ("(hash({person}, {benefit}) >> {drop})::BIGINT << {bits} AS noegle, "
         "hash(concat({person}, chr(31), {benefit})) AS kontrol, ")
_KEPT = "(SELECT * FROM forloeb WHERE NOT tom)"
_GROUPS = "CREATE TYPE invest_xl_gruppe AS ENUM (SELECT DISTINCT gruppe FROM forloeb)"
_GROUP_NAMES = "SELECT unnest(enum_range(NULL::invest_xl_gruppe))"


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
    """`file_counts` on an open connection: typed Parquet first, else the trimmed reading."""
    connection.execute("SET temp_directory = ?",
                       [str(Path(tempfile.gettempdir()) / "invest-xl-duckdb")])
    connection.execute("SET preserve_insertion_order = true")  # rows in file order
    found = _csv_source(path) if path.suffix.lower() == ".csv" else _parquet_source(connection, path)
    if found is None:
        return None
    if found[3]:  # Parquet: its typed columns as they are, where nothing needs trimming
        counts = _clean_parquet_counts(connection, found, cutoff, gap_months)
        if counts is not _NEEDS_TRIMMING:
            return counts
    source, columns, header_lines, parquet = found
    table = _table_sql(source, columns, view=parquet)
    if table is None:
        return None
    with ThreadPoolExecutor(1) as pool:  # the lines are counted while DuckDB reads
        lines = None if header_lines is None else pool.submit(_lines, path)
        connection.execute(table)
        rows, kept, unsure, last_start, last_end, first_start = connection.execute(
            _CHECKS).fetchall()[0]
        if kept == 0 or unsure:
            return None
        if lines is not None and rows != lines.result() - header_lines:
            return None  # an empty line, a line break in a value: rows the readers may count apart
    cutoff = _cutoff(cutoff, last_start, last_end)
    if cutoff is None:
        return None
    connection.execute(_GROUPS)
    names = np.array([row[0] for row in connection.execute(_GROUP_NAMES).fetchall()],
                     dtype=object)
    columns = read_rows(connection, _ROWS.format(
        keys=_keys(gap_months, kept, "person", "ydelse"),
        start="startdato", end="slutdato", ongoing=_ONGOING, first=first_start,
        group="enum_code(gruppe::invest_xl_gruppe)", extra="", source=_KEPT), kept)
    if not parquet:
        connection.execute("DROP TABLE forloeb")  # its memory, before numpy counts
    counts = hashed_counts(columns, cutoff, gap_months, names, first_start)
    return None if counts is None else (counts, cutoff)


def _cutoff(cutoff, last_start: int, last_end: int | None):
    """The cut-off (given, or the latest start or end; dates as days since 1970-01-01),
    or None where the precise reader decides: a date after 9999-12-31 (which it refuses),
    a cut-off from 9999-12-31 on (a running spell and such an end would count alike)."""
    last = max(d for d in (last_start, last_end) if d is not None)
    if last > _ONGOING_DAY:
        return None
    cutoff = to_date(np.datetime64(last, "D") if cutoff is None else cutoff)
    return None if cutoff >= _ONGOING_DATE else cutoff


def _clean_parquet_counts(connection, found, cutoff, gap_months):
    """(counts, cut-off) read in one pass over a Parquet file's own columns, or None
    (the precise reader decides), or _NEEDS_TRIMMING for the trimmed reading: where a
    person, benefit or group may need trimming, a person or start is blank, an end lies
    before its start or from 9999-12-31 on, or a column is not of a type read here.

    Benefits and groups are few: their distinct values are checked here, so the rows go
    untrimmed; a group's code is its raw value's, named by its trimmed value.
    """
    from invest_xl.survival.spell_reader import positions

    source, columns, _, _ = found
    where = positions([header for header, _, _ in columns])
    kinds = {key: columns[i][2] for key, i in where.items()}
    name = {key: columns[i][1] for key, i in where.items()}
    if (kinds["person"] != "VARCHAR" and kinds["person"] not in _INTEGER_TYPES
            or any(kinds.get(key, "VARCHAR") != "VARCHAR" for key in ("benefit", "group"))
            or any(kinds[key] != "DATE" and kinds[key] not in _TIMESTAMP_TYPES
                   for key in ("start", "end"))):
        return _NEEDS_TRIMMING
    distinct = {key: [row[0] for row in connection.execute(
        f"SELECT DISTINCT {name[key]} FROM {source} WHERE {name[key]} IS NOT NULL").fetchall()]
        for key in ("benefit", "group") if key in name}
    if any(value != value.strip(_WHITESPACE) for value in distinct.get("benefit", [])):
        return _NEEDS_TRIMMING
    groups = distinct.get("group", [])
    if len(groups) > 16:
        connection.execute("CREATE TYPE invest_xl_raa_gruppe AS ENUM "
                           f"({', '.join(map(_quote, groups))})")
        code = f"coalesce(enum_code({name['group']}::invest_xl_raa_gruppe), {len(groups)})"
    elif groups:  # a few groups: comparing is cheaper than an ENUM cast
        code = (f"CASE {name['group']} " + " ".join(
            f"WHEN {_quote(group)} THEN {i}" for i, group in enumerate(groups))
            + f" ELSE {len(groups)} END::UTINYINT")
    else:
        code = "0"
    person = name["person"]
    benefit = f"coalesce({name['benefit']}, '')" if "benefit" in name else "''"
    start, end = _date(name["start"], kinds["start"]), _date(name["end"], kinds["end"])
    # a person whose first and last characters are printable ASCII needs no trimming
    unsure = ("" if kinds["person"] != "VARCHAR" else
              f", (NOT ({person} >= '!' AND {person} < chr(127) "
              f"AND {person}[-1] BETWEEN '!' AND '~'))::UTINYINT AS usikker")
    # from the file's statistics: counts, the latest and earliest dates
    last_start, last_end, first_start, rows, persons, starts = connection.execute(
        f"SELECT max({start}) - DATE '1970-01-01', max({end}) - DATE '1970-01-01', "
        f"min({start}) - DATE '1970-01-01', count(*), count({person}), count({start}) "
        f"FROM {source}").fetchall()[0]
    if last_start is None or persons < rows or starts < rows:
        return _NEEDS_TRIMMING  # a blank person or start: the trimmed reading finds it
    cutoff = _cutoff(cutoff, last_start, last_end)
    if cutoff is None:
        return None
    if last_end is not None and last_end >= _ONGOING_DAY:
        return _NEEDS_TRIMMING  # an end on 9999-12-31 would count as running
    names = np.array([_group_name(g) for g in groups] + [DEFAULT_GROUP], dtype=object)
    counts = hashed_counts(read_rows(connection, _ROWS.format(
        keys=_keys(gap_months, rows, person, benefit),
        start=start, end=end, ongoing=_ONGOING, first=first_start, group=code,
        extra=unsure, source=source), rows), cutoff, gap_months, names, first_start)
    return counts if counts is None or counts is _NEEDS_TRIMMING else (counts, cutoff)


def _keys(gap_months: int | None, rows: int, person: str, benefit: str) -> str:
    """The hashes of (person, benefit) for the merge of returns (none without a gap)."""
    if gap_months is None:
        return ""
    bits = position_bits(rows)
    return _KEYS.format(person=person, benefit=benefit, drop=bits + 1, bits=bits)


def _group_name(raw: str) -> str:
    return raw.strip(_WHITESPACE) or DEFAULT_GROUP


def _lines(path: Path) -> int:
    """The number of lines of a file (a last line without its line break counts)."""
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 24), b""):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


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
            skip + 1, False)


def _parquet_source(connection, path: Path):
    """(read_parquet call, [(column, type)]), read where used: a columnar file is cheap
    to read twice, a table of it is not."""
    described = connection.execute(
        f"DESCRIBE SELECT * FROM read_parquet({_quote(str(path))})").fetchall()
    source = f"read_parquet({_quote(str(path))})"
    return (source, [(row[0], _identifier(row[0]), row[1]) for row in described], None, True)


def _table_sql(source: str, columns: list, view: bool) -> str | None:
    """The CREATE of typed, trimmed spells with their blank and check flags: a table, or
    a view (of a Parquet file, cheap to read again)."""
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
        kind="VIEW" if view else "TABLE", source=source,
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
