"""The S_n table by levels of sparse Murnaghan–Nakayama products (plrep.groups._mn_table).

References that share no code with plrep: an independent Murnaghan–Nakayama rule on Young
diagrams (tests/groups/_independent_mn.py) for random entries of S_30..S_38 and for values
beyond int64; the orthogonality relations on whole tables, checked exactly modulo primes.
"""

import math
import sys
from pathlib import Path

import numpy as np
import pytest

import plrep
from plrep.groups._mn_table import BIG, class_order_types, column_blocks, integer_table, partition_array

sys.path.insert(0, str(Path(__file__).parent))
from _independent_mn import character as reference
from _independent_mn import hook_formula


def _tuple(row):
    return tuple(int(p) for p in row if p)


def _centraliser(mu):
    return math.prod(part ** mu.count(part) * math.factorial(mu.count(part)) for part in set(mu))


def _exact_mod(values: np.ndarray, prime: int) -> np.ndarray:
    """values mod prime, centred, as float64: products and sums of < 2^12 terms stay exact."""
    reduced = np.mod(values, prime)
    return np.where(reduced > prime // 2, reduced - prime, reduced).astype(np.float64)


@pytest.mark.parametrize("n", [20, 22])
def test_whole_tables_are_orthogonal(n):
    table = integer_table(n)
    types = [_tuple(row) for row in table.cycle_types]
    assert [_tuple(row) for row in table.partitions] == [_tuple(r) for r in partition_array(n)[n]]
    for prime in (1_048_573, 1_048_571):  # primes below 2^20: |products| < 2^38, sums < 2^50
        v = _exact_mod(table.values, prime)
        columns = v.T @ v  # sum_lambda chi(mu) chi(nu) = delta z_mu
        z = np.array([_centraliser(mu) % prime for mu in types], dtype=np.float64)
        assert np.array_equal(np.mod(columns, prime), np.diag(z))
        sizes = np.array([(math.factorial(n) // _centraliser(mu)) % prime for mu in types], dtype=np.float64)
        rows = np.mod(_exact_mod(np.mod((v * sizes) % prime, prime), prime) @ v.T, prime)
        assert np.array_equal(rows, np.eye(len(types)) * (math.factorial(n) % prime))


def _check_random_entries(n, blocks, count, seed):
    shapes = partition_array(n)[n]
    types = class_order_types(n)
    rng = np.random.default_rng(seed)
    checked = 0
    for block in blocks:
        for (row, column), value in block.big.items():  # every value beyond int64 at (1^n)
            if column == 0:
                assert value == hook_formula(_tuple(shapes[row]))
        picks = rng.integers(0, block.values.shape, size=(count, 2))
        for row, local in picks:
            value = int(block.values[row, local])
            if value == BIG:
                value = block.big[(int(row), block.start + int(local))]
            assert value == reference(_tuple(shapes[row]), _tuple(types[block.start + local]))
            checked += 1
    return checked


@pytest.mark.parametrize("n", [30, 33])
def test_random_entries_match_an_independent_rule(n):
    assert _check_random_entries(n, column_blocks(n), 2, seed=n) > 40


@pytest.mark.parametrize("n", [36, 38])
def test_values_beyond_int64_and_first_blocks(n):
    blocks = column_blocks(n)
    first = [next(blocks) for _ in range(4)]  # (1^n), (n), (n-1, 1), (n-2, *): all levels built
    assert len(first[0].big) > 1000  # dimensions of S_36 and S_38 pass 2^63
    shapes = partition_array(n)[n]
    for (row, column), value in list(first[0].big.items())[::97]:
        assert column == 0 and value == hook_formula(_tuple(shapes[row]))
    assert _check_random_entries(n, first, 10, seed=n) == 40


def test_character_single_values():
    assert plrep.character("S100", (99, 1), (1,) * 100) == 99
    assert plrep.character("S100", (50, 50), (2,) * 50) == reference((50, 50), (2,) * 50)
    lam, mu = (30, 25, 20, 10, 8, 4, 2, 1), (40, 20, 12, 10, 9, 5, 3, 1)
    assert plrep.character("S100", lam, mu[::-1]) == reference(lam, mu)
    with pytest.raises(ValueError, match="`group` must be a symmetric group"):
        plrep.character("A100", (100,), (100,))
    with pytest.raises(ValueError, match="`cycle_type` must be a partition of 100"):
        plrep.character("S100", (100,), (99,))
    with pytest.raises(ValueError, match="`partition` must be a partition"):
        plrep.character("S4", (1, 3), (4,))
    with pytest.raises(ValueError, match="at most 500 parts greater than 1"):
        plrep.character("S2000", (2000,), (2,) * 1000)
