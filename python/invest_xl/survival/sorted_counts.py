"""Counts of spells DuckDB has sorted by (person, benefit, start): merged and counted by numpy.

The rows of a query (start and file order as `plads`, `slut`, `gruppe`; with a gap
`noegle` and `kontrol`, the two hashes of (person, benefit); perhaps `usikker`) come
as Arrow batches of integers and are counted in chunks, returns merged by
`spells.merge_sorted`, the rule of the precise path, into `counts.SpellCounts`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from invest_xl.survival.counts import CellGrid, SpellCounts, add_counts, count_durations
from invest_xl.survival.spells import merge_sorted, months_since_1970

UNSURE = object()  # a row marked `usikker`: the caller reads the file another way
_CHUNK_ROWS = 1 << 17  # about one of DuckDB's Arrow batches
_GRID_CELLS = 1 << 22  # (group, month, day) cells counted in one array per chunk


def sorted_counts(connection, query: str, cutoff: np.datetime64, gap_months: int | None,
                  names: np.ndarray, first_start: int) -> SpellCounts | None | object:
    """The counts of the rows of `query` (start, slut, gruppe, with a gap noegle and
    kontrol, perhaps usikker), returns merged as `merge_returns` merges them. None where
    two (person, benefit) pairs share a hash or no spell starts by the cut-off, and
    UNSURE where a row is `usikker`. `names` names the group codes;
    `first_start` is the earliest start (days since 1970-01-01).

    The rows come as Arrow batches (no copy into numpy) and are counted in chunks that
    end where a (person, benefit) ends, two at a time (numpy lets go of the interpreter
    while it computes) while DuckDB hands over the next: a chunk's arrays fit in the
    memory the allocator keeps, where arrays of all rows would each be new memory the
    system must clear first. Each chunk adds its spells to one count per cell of
    (group, entry month, day) where those cells are few enough (`_GRID_CELLS`), else
    its counts are summed with the others' (`add_counts`).
    """
    group_names, rank = np.unique(names.astype(str), return_inverse=True)
    group_names = group_names.astype(object)
    cutoff_day = int(cutoff.astype(np.int64))
    first_day = int(first_start)
    first_month = int(months_since_1970(np.datetime64(first_day, "D")))
    grid = CellGrid(first_month, int(months_since_1970(cutoff)) - first_month + 1,
                    cutoff_day - first_day + 2, len(group_names))
    on_grid = 0 < grid.size <= _GRID_CELLS
    if on_grid:  # the cell of (group 0, entry month, day 0) of each start, by day
        start_cell = (months_since_1970(np.arange(first_day, cutoff_day + 1).astype(
            "datetime64[D]")) - first_month) * grid.width

    def count(chunk: dict):
        if "usikker" in chunk and chunk["usikker"].any():
            return UNSURE
        start = (chunk["plads"] >> 40) + first_day
        end, group = chunk["slut"], chunk["gruppe"]
        if gap_months is None:
            first = start <= cutoff_day
        else:
            key, check = chunk["noegle"], chunk["kontrol"]
            new_key = np.empty(len(key), bool)
            new_key[0] = True
            np.not_equal(key[1:], key[:-1], out=new_key[1:])
            if np.any(~new_key[1:] & (check[1:] != check[:-1])):
                return None
            first, end = merge_sorted(new_key, start, end, gap_months)
            first &= start <= cutoff_day
        start, end = start[first], end[first]
        observed = end <= cutoff_day  # a running spell ends on 9999-12-31, after the cut-off
        days = np.minimum(end, cutoff_day) - start + 1
        group = rank[group[first]]
        if not on_grid:
            return count_durations(days.astype(np.int64), observed, group,
                                   start.astype(np.int64).view("datetime64[D]"), group_names)
        cell = start_cell[start - first_day]
        cell += days
        cell += group * (grid.months * grid.width)
        cell <<= 1  # even: a censored spell's cell, odd: an exit's
        cell += observed
        return np.bincount(cell)

    batches = connection.sql(query).to_arrow_reader(_CHUNK_ROWS)
    with ThreadPoolExecutor(2) as pool:
        parts = list(pool.map(count, _chunks(batches, gap_months)))
    if not parts or any(part is UNSURE for part in parts):
        return UNSURE if parts else None
    if any(part is None for part in parts):
        return None
    if on_grid:
        both = np.zeros(2 * grid.size, np.int64)
        for part in parts:
            both[:part.size] += part
        exits = both[1::2]
        total = both[0::2] + exits
        cell = np.flatnonzero(total)
        counts = grid.counts(cell, total[cell], exits[cell], group_names)
        used, counts.group_code = np.unique(counts.group_code, return_inverse=True)
        counts.group_names = counts.group_names[used]
    else:
        counts = add_counts(parts)
    return None if len(counts) == 0 else counts


def _chunks(batches, gap_months: int | None):
    """The rows of Arrow `batches` as numpy columns in chunks of at least _CHUNK_ROWS
    (but the last), each ending where a key (noegle) ends when returns are merged."""
    pending, rows = [], 0
    for batch in batches:
        pending.append(_numpy_columns(batch))
        rows += batch.num_rows
        if rows < _CHUNK_ROWS:
            continue
        chunk = {name: np.concatenate([part[name] for part in pending]) for name in pending[0]}
        cut = rows
        if gap_months is not None:
            key = chunk["noegle"]
            while cut > 1 and key[cut - 1] == key[cut - 2]:
                cut -= 1
            cut -= 1  # the last key's rows may go on in the next batch
            if cut == 0:
                pending = [chunk]
                continue
        yield {name: column[:cut] for name, column in chunk.items()}
        pending, rows = [{name: column[cut:] for name, column in chunk.items()}], rows - cut
    if rows:
        yield {name: np.concatenate([part[name] for part in pending]) for name in pending[0]}


def _numpy_columns(batch) -> dict:
    """An Arrow record batch of integer columns without nulls as numpy arrays over the
    batch's own memory (pyarrow's `to_numpy` would import pandas for each)."""
    columns = {}
    for name, column in zip(batch.schema.names, batch.columns):
        kind = np.dtype(str(column.type))  # uint64, int32, uint8, ...
        columns[name] = np.frombuffer(column.buffers()[1], kind, len(column),
                                      column.offset * kind.itemsize)
    return columns
