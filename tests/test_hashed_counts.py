"""The order of the rows for the merge of returns (`hashed_counts.shared_runs` and
`pair_order`) equals a lexsort of (pair, start, position) over the pairs with more rows,
also where pairs share their first hash's top bits and where the packed key does not fit."""

import numpy as np
import pytest

from invest_xl.survival.hashed_counts import pair_order, position_bits, shared_runs


def _lexsorted_pairs(pair, start, name):
    """{name of the pair: its positions in order of (start, position)}, for the pairs
    with more rows, by numpy's lexsort."""
    order = np.lexsort((np.arange(len(pair)), start, pair))
    groups = {}
    for row in order:
        groups.setdefault(int(name[row]), []).append(int(row))
    return {key: rows for key, rows in groups.items() if len(rows) > 1}


def _ordered_pairs(first_hash, second_hash, start):
    """{second hash: positions} as `shared_runs` + `pair_order` order them."""
    bits = position_bits(len(first_hash))
    packed = ((first_hash >> np.uint64(bits + 1)).view(np.int64) << bits) | np.arange(
        len(first_hash))
    rows, new_run = shared_runs(packed, bits)
    order, new_key = pair_order(rows, new_run, second_hash, start)
    groups, key = {}, None
    for row, new in zip(order, new_key):
        if new:
            key = int(second_hash[row])
            assert key not in groups, "a pair's rows are not next to each other"
            groups[key] = []
        groups[key].append(int(row))
    return {key: rows for key, rows in groups.items() if len(rows) > 1}


def _hashes(pair, seed):
    """Two 64-bit hashes of each pair code (splitmix64 with two seeds)."""
    def mix(x):
        x = (x + np.uint64(seed)) * np.uint64(0x9E3779B97F4A7C15)
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))

    with np.errstate(over="ignore"):
        code = pair.astype(np.uint64)
        return mix(code), mix(code + np.uint64(1 << 40))


@pytest.mark.parametrize("shared_share", [0.0, 0.1, 1.0])
def test_the_order_is_a_lexsort_of_pair_start_and_position(shared_share):
    rng = np.random.default_rng(11)
    rows = 30_000
    pair = rng.integers(0, 12_000, rows)
    start = rng.integers(0, 400, rows).astype(np.int32)  # many ties on a start
    first, second = _hashes(pair, 3)
    # a share of the pairs take another pair's first hash: their runs hold two pairs,
    # scattered among runs of one pair
    borrow = rng.random(12_000) < shared_share
    lender = rng.integers(0, 12_000, 12_000)
    first_of = _hashes(np.where(borrow, lender, np.arange(12_000)), 3)[0]
    first = first_of[pair]
    assert _ordered_pairs(first, second, start) == _lexsorted_pairs(pair, start, second)


def test_starts_too_far_apart_to_pack_take_the_lexsort():
    rng = np.random.default_rng(12)
    pair = rng.integers(0, 3_000, 10_000)
    start = rng.integers(0, 2**40, 10_000)  # 40 bits of days: run, day and rank exceed 63
    first, second = _hashes(pair, 5)
    assert _ordered_pairs(first, second, start) == _lexsorted_pairs(pair, start, second)


def test_pairs_of_one_row_each_need_no_order():
    pair = np.arange(1_000)
    first, second = _hashes(pair, 7)
    bits = position_bits(1_000)
    packed = ((first >> np.uint64(bits + 1)).view(np.int64) << bits) | np.arange(1_000)
    rows, new_run = shared_runs(packed, bits)
    assert rows.size == 0 and new_run.size == 0
    order, new_key = pair_order(rows, new_run, second, np.zeros(1_000, np.int32))
    assert order.size == 0 and new_key.size == 0
