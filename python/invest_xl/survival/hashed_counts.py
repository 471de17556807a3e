"""Counts of the spells DuckDB hands over in file order, each row keyed by two hashes of
its (person, benefit): ordered for the merge of returns and counted by numpy.

The rows of a query come as Arrow batches of integers: `dag` (the start in days after
the earliest start), `slut` (days since 1970-01-01, 9999-12-31 while running), `gruppe`
(the group's code), with a gap `noegle` (the top bits of a 64-bit hash of the pair,
shifted above `position_bits(rows)` bits) and `kontrol` (a second 64-bit hash of the pair,
made another way), perhaps `usikker`. Only the rows of a (person, benefit) with more rows
need an order, by (person, benefit, start, file order): `shared_runs` finds them with
one sort of 64-bit integers, which numpy does with SIMD instructions several times faster
than DuckDB's ORDER BY or an argsort, and `pair_order` orders them. Returns are merged by
`spells.merge_sorted`, the rule of the precise path, and the spells are counted per
(group, entry month, day) into `counts.SpellCounts`.

Two pairs are told apart by both hashes, 63 - log2(n) + 64 bits: two of 10^7 pairs
sharing both go unseen with a chance of about n^2 / 2^104, 10^-17, a run.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np

from invest_xl.survival.counts import CellGrid, SpellCounts, add_counts, count_durations
from invest_xl.survival.spells import merge_sorted, months_since_1970

UNSURE = object()  # a row marked `usikker`: the caller reads the file another way
_BATCH_ROWS = 1 << 20  # rows of an Arrow batch from DuckDB: fewer, larger batches go faster
_CHUNK_ROWS = 1 << 20  # rows counted at a time: a chunk's arrays (8 MB) reuse freed memory
_GRID_CELLS = 1 << 22  # (group, month, day) cells counted in one array per chunk


def position_bits(rows: int) -> int:
    """The bits that hold a row's position, below `noegle`'s hash bits."""
    return max(1, (rows - 1).bit_length())


def read_rows(connection, query: str, rows: int) -> dict | None:
    """The `rows` rows of `query` in file order as one numpy array a column (dag, slut,
    gruppe, with a gap noegle and kontrol, perhaps usikker), or None where DuckDB gives
    another number of rows."""
    with _small_pages():
        return _columns(connection.sql(query).to_arrow_reader(_BATCH_ROWS), rows)


def hashed_counts(columns: dict | None, cutoff: np.datetime64, gap_months: int | None,
                  names: np.ndarray, first_start: int) -> SpellCounts | None | object:
    """The counts of the rows `read_rows` read, returns merged as `merge_returns` merges
    them. None where there are no rows or no spell starts by the cut-off, and UNSURE
    where a row is `usikker` or ends before it starts. `names` names the group codes;
    `first_start` is the earliest start (days since 1970-01-01), from which `dag` counts.

    Each merged spell is counted at its first row, with the merged spell's end. The rows
    are counted in chunks, two at a time (numpy lets go of the interpreter while it
    computes), each adding its spells to one count per cell of (group, entry month,
    day) where those cells are few enough (`_GRID_CELLS`), else its counts are summed
    with the others' (`add_counts`).
    """
    if columns is None:
        return None
    if ("usikker" in columns and columns["usikker"].any()
            or np.any(columns["slut"] - first_start < columns["dag"])):
        return UNSURE  # a row marked, or an end before its start
    with _small_pages():
        return _counts(columns, cutoff, gap_months, names, first_start)


def _counts(columns: dict, cutoff, gap_months, names, first_start):
    """`hashed_counts` of the query's columns, counted in chunks on two threads: with a
    gap, the rows that share no other row's hash (most of them) as they are, the others
    in chunks of whole runs of one hash, ordered, merged and then counted."""
    group_names, rank = np.unique(names.astype(str), return_inverse=True)
    group_names = group_names.astype(object)
    cutoff_day = int(cutoff.astype(np.int64))
    first_day = int(first_start)
    start, end, group = columns["dag"], columns["slut"], columns["gruppe"]
    first_month = int(months_since_1970(np.datetime64(first_day, "D")))
    grid = CellGrid(first_month, int(months_since_1970(cutoff)) - first_month + 1,
                    cutoff_day - first_day + 2, len(group_names))
    on_grid = 0 < grid.size <= _GRID_CELLS
    if on_grid:
        # by start: the cell of (group 0, entry month, duration 0) less the start day, so
        # that adding the last day counted gives the cell of the spell's duration in days
        entry = np.arange(first_day, cutoff_day + 1)
        start_cell = (months_since_1970(entry.astype("datetime64[D]")) - first_month
                      ) * grid.width - entry + 1
        group_cell = rank * (grid.months * grid.width)

    def count(day: np.ndarray, last: np.ndarray, code: np.ndarray):
        """The counts of spells starting `day` (days after the first start), ending
        `last` (days since 1970-01-01), of group codes `code`."""
        kept = day <= cutoff_day - first_day
        if not kept.all():  # all are, at the default cut-off (the latest date)
            day, last, code = day[kept], last[kept], code[kept]
        observed = last <= cutoff_day  # a running spell ends on 9999-12-31, after the cut-off
        if not on_grid:
            days = np.minimum(last, cutoff_day) - (day + first_day) + 1
            return count_durations(days.astype(np.int64), observed, rank[code],
                                   (day.astype(np.int64) + first_day).view("datetime64[D]"),
                                   group_names)
        # few temporary arrays: each new one is memory the system must clear first
        cell = start_cell[day]
        cell += np.minimum(last, cutoff_day)
        cell += group_cell[code]
        cell <<= 1  # even: a censored spell's cell, odd: an exit's
        cell += observed
        return np.bincount(cell)

    def count_chunk(at: int, lone: np.ndarray | None = None):
        part = slice(at, at + _CHUNK_ROWS)
        if lone is None:
            return count(start[part], end[part], group[part])
        keep = lone[part]
        return count(start[part][keep], end[part][keep], group[part][keep])

    def merged_part(rows: np.ndarray, new_run: np.ndarray):
        """The counts of the spells of the pairs of whole runs of `shared_runs`."""
        order, new_key = pair_order(rows, new_run, columns["kontrol"], start)
        day = start[order]
        first, spell_end = merge_sorted(new_key, day.astype(np.int64) + first_day,
                                        end[order], gap_months)
        return count(day[first], spell_end[first], group[order[first]])

    chunks = range(0, len(start), _CHUNK_ROWS)
    with ThreadPoolExecutor(2) as pool:
        if gap_months is None:
            parts = list(pool.map(count_chunk, chunks))
        else:
            rows, new_run = shared_runs(columns["noegle"], position_bits(len(start)))
            # runs in chunks of about _CHUNK_ROWS rows, each beginning where a run begins
            run_first = np.flatnonzero(new_run)
            at = np.searchsorted(run_first, np.arange(0, rows.size, _CHUNK_ROWS))
            cuts = np.unique(run_first[at[at < run_first.size]])[1:]
            merged_parts = pool.map(merged_part, np.split(rows, cuts),
                                    np.split(new_run, cuts)) if rows.size else []
            lone = np.ones(len(start), bool)
            lone[rows] = False
            lone_parts = pool.map(count_chunk, chunks, [lone] * len(chunks))
            parts = list(merged_parts) + list(lone_parts)
    if not on_grid:
        counts = add_counts(parts)
        return None if len(counts) == 0 else counts
    both = np.zeros(2 * grid.size, np.int64)
    for part in parts:
        both[:part.size] += part
    exits = both[1::2]
    total = both[0::2] + exits
    cell = np.flatnonzero(total)
    counts = grid.counts(cell, total[cell], exits[cell], group_names)
    used, counts.group_code = np.unique(counts.group_code, return_inverse=True)
    counts.group_names = counts.group_names[used]
    return None if len(counts) == 0 else counts


def shared_runs(packed: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, new_run): the positions of the rows whose first hash other rows share,
    in order of (hash, position), and `new_run` marking each hash's first row there.

    `packed` (int64) holds each row's hash above `bits` bits that hold its position; it
    is sorted here, in place: one sort of 64-bit integers (numpy sorts them with SIMD)
    orders all rows by (hash, position) without an argsort.
    """
    n = len(packed)
    packed.sort()
    same = np.zeros(n, bool)  # the hash of the row before: in blocks, to reuse memory
    for at in range(1, n, _CHUNK_ROWS):
        upto = min(at + _CHUNK_ROWS, n)
        np.less(packed[at:upto] ^ packed[at - 1:upto - 1], 1 << bits, out=same[at:upto])
    shared = same.copy()
    shared[:-1] |= same[1:]
    shared = np.flatnonzero(shared)
    rows = packed[shared]
    rows &= (1 << bits) - 1
    return rows, ~same[shared]


def pair_order(rows: np.ndarray, new_run: np.ndarray, check: np.ndarray,
               start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(order, new_key): the `rows` of `shared_runs` in order of (pair, start, position),
    and `new_key` marking each pair's first row. `check` (uint64) is the second hash of
    each row's pair, `start` its start in days.

    The rows of a run sort by (run, start, rank in the run), packed in one integer where
    that fits in 63 bits, else by lexsort. Pairs whose first hashes agree (about
    n^2 / 2^(64 - bits) of them, some tens for 10^7 rows) share a run and differ in
    `check`: such a run's rows sort by (check, start, position) in its place.
    """
    if rows.size == 0:
        return rows, new_run
    run = np.cumsum(new_run)
    run -= 1
    run_first = np.flatnonzero(new_run)
    in_run = np.arange(rows.size)
    in_run -= run_first[run]
    day = start[rows].astype(np.int64)
    day -= day.min()
    day_bits, rank_bits = int(day.max()).bit_length(), int(in_run.max()).bit_length()
    if int(run[-1]).bit_length() + day_bits + rank_bits <= 63:
        run <<= day_bits + rank_bits
        day <<= rank_bits
        run |= day
        run |= in_run
        run.sort()
        in_run = run & ((1 << rank_bits) - 1)
        run >>= day_bits + rank_bits
        sorted_rows = run_first[run]
        sorted_rows += in_run
    else:
        sorted_rows = np.lexsort((day, run))  # stable: the rank in the run on the same start
    order = rows[sorted_rows]
    own = check[order]
    differs = own[1:] != own[:-1]
    mixed = ~new_run[1:] & differs
    if mixed.any():  # pairs that share the first hash: their runs sort by the second
        runs = np.unique(np.searchsorted(run_first, np.flatnonzero(mixed) + 1, "right") - 1)
        ends = np.append(run_first, order.size)[runs + 1]
        lengths = ends - run_first[runs]
        at = np.arange(lengths.sum()) + np.repeat(ends - np.cumsum(lengths), lengths)
        by_key = np.lexsort((order[at], start[order[at]], own[at], np.repeat(runs, lengths)))
        order[at] = order[at][by_key]
        own[at] = own[at][by_key]
        differs = own[1:] != own[:-1]
    new_key = new_run.copy()
    new_key[1:] |= differs
    return order, new_key


@contextmanager
def _small_pages():
    """numpy's arrays without huge pages meanwhile: after DuckDB has run, the kernel
    compacts memory to find each huge page, and a new array of 80 MB took 0.26 s to
    fill instead of 0.05 s (10M rows: a third of the counting's time)."""
    multiarray = getattr(np, "_core", None) or np.core
    switch = getattr(multiarray.multiarray, "_set_madvise_hugepage", None)
    before = switch(False) if switch else None
    try:
        yield
    finally:
        if switch:
            switch(before)


def _columns(batches, rows: int) -> dict | None:
    """The `rows` rows of Arrow `batches` of integer columns without nulls, one numpy
    array a column (pyarrow's `to_numpy` would import pandas), each row's position put
    into `noegle`'s low bits; None where there are none or another number."""
    columns, at = {}, 0
    for batch in batches:
        size = batch.num_rows
        if at + size > rows:
            return None
        for name, column in zip(batch.schema.names, batch.columns):
            kind = np.dtype(str(column.type))  # int64, uint64, int32, uint8, ...
            if name not in columns:
                columns[name] = np.empty(rows, kind)
            part = np.frombuffer(column.buffers()[1], kind, size, column.offset * kind.itemsize)
            if name == "noegle":
                np.bitwise_or(part, np.arange(at, at + size), out=columns[name][at:at + size])
            else:
                columns[name][at:at + size] = part
        at += size
    return columns if at == rows and rows else None
