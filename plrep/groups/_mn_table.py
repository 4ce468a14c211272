"""Whole character tables of S_n by Murnaghan–Nakayama with shared work, vectorised.

The Murnaghan–Nakayama rule removes the largest part r of a cycle type mu first:
chi^lambda(mu) = sum over rim hooks R of size r in lambda of (-1)^{ht R} chi^{lambda - R}(mu - r).
Written for all lambda |- m at once this is one sparse signed matrix per (m, r),

    V_mu = H(m, r) @ V_{mu - r},   H(m, r)[lambda, lambda - R] = (-1)^{ht R},

where V_nu is the column (chi^lambda(nu))_{lambda |- |nu|}. Every column of S_n is one such
product of a column of a smaller S_m, so the whole table is built level by level (m = 0..n)
with one sparse-times-dense product per (m, r) that all columns with first part r share. A
level m < n only keeps the columns nu with nu_1 <= n - m (the tails some cycle type of n
needs): p(n) columns over all levels together, 0.8 GB at n = 38. The last level is produced in
column blocks, so the p(n) x p(n) table (5.4 GB at n = 38) never has to be held.

Rim hooks are read off beta-sets (docs/math.md §5): with L = m beads b_i = lambda_i + L-1-i, a
hook of size r is a bead b with b - r >= 0 free; its height h is the number of beads strictly
between; lambda - R keeps the parts before bead i, lowers the next h by one (they move up a
row), puts lambda_i - r + h in row i + h and keeps the rest. Partitions are found by their
reverse-lexicographic rank (``_ranks``), computed from the counts T[m, k] of partitions of m
into parts <= k, so no dictionary of tuples is needed.

Exactness: arithmetic is modulo 2^64 (unsigned, well defined); a column nu can only leave the
int64 range if z_nu >= 2^126, since sum_lambda chi^lambda(nu)^2 = z_nu. Those few columns (all
with many fixed points; none for n <= 35) get a float64 companion computed alongside, which
fixes the multiple of 2^64 exactly (its error is below 2^40 where 2^63 would matter). Values
of absolute value >= 2^63 come back as Python ints beside the int64 block.

Example:
    >>> table = integer_table(4)
    >>> table.values.tolist()  # rows (4), (3,1), (2,2), (2,1,1), (1^4); columns (1^4), (4), (3,1), ...
    [[1, 1, 1, 1, 1], [3, -1, 0, -1, 1], [2, 0, -1, 2, 0], [3, 1, 0, -1, -1], [1, -1, 1, 1, -1]]
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BIG",
    "MAX_IN_MEMORY_DEGREE",
    "MAX_MN_DEGREE",
    "ColumnBlock",
    "IntegerTable",
    "class_order_types",
    "column_blocks",
    "count_table",
    "integer_table",
    "partition_array",
]

# S_38: 26,015 classes, the stored levels take 0.8 GB; S_39 would need 1.1 GB and its table
# (31,185^2 entries) 7.8 GB uncompressed. The whole-table paths stop here.
MAX_MN_DEGREE = 38
# A column nu may leave int64 only if z_nu >= 2^(2*63); the margin keeps round-off out of it.
_UNSAFE_LOG2_Z = 124.0
# Entries per block of the last level (int64): 128 MiB.
_BLOCK_ENTRIES = 1 << 24


def count_table(n: int) -> np.ndarray:
    """T[m, k] = number of partitions of m into parts <= k, for 0 <= m, k <= n (int64, n <= 400).

    >>> count_table(4)[4].tolist()  # partitions of 4 with parts <= 0, 1, 2, 3, 4
    [0, 1, 3, 4, 5]
    """
    table = np.zeros((n + 1, n + 1), dtype=np.int64)
    table[0, :] = 1
    for k in range(1, n + 1):
        table[1:, k] = table[1:, k - 1]
        for m in range(k, n + 1):
            table[m, k] += table[m - k, k]
    return table


def partition_array(n: int, counts: np.ndarray | None = None) -> list[np.ndarray]:
    """Partitions of m = 0..n as (p(m), m) int16 arrays of parts, zero-padded, reverse lex order.

    Partitions of m with first part r are r followed by the partitions of m - r with parts
    <= r, which are a suffix of that level's list (reverse lex order sorts by first part).

    >>> partition_array(4)[4].tolist()
    [[4, 0, 0, 0], [3, 1, 0, 0], [2, 2, 0, 0], [2, 1, 1, 0], [1, 1, 1, 1]]
    """
    counts = count_table(n) if counts is None else counts
    levels = [np.zeros((1, 0), dtype=np.int16)]
    for m in range(1, n + 1):
        blocks = []
        for r in range(m, 0, -1):
            tails = levels[m - r]
            tails = tails[len(tails) - counts[m - r, r] :]
            block = np.zeros((len(tails), m), dtype=np.int16)
            block[:, 0] = r
            block[:, 1 : 1 + tails.shape[1]] = tails
            blocks.append(block)
        levels.append(np.concatenate(blocks))
    return levels


def _ranks(parts: np.ndarray, m: int, counts: np.ndarray) -> np.ndarray:
    """Reverse-lex index of each row (a zero-padded partition of m) among the partitions of m.

    Before lambda come the partitions that agree with it up to row i and have a larger part
    in row i: T[rest, min(lambda_{i-1}, rest)] - T[rest, lambda_i] of them, rest = m - sum_{j<i}.
    """
    parts = parts.astype(np.int64)
    rest = m - np.cumsum(parts, axis=1) + parts
    previous = np.concatenate([np.full((len(parts), 1), m, dtype=np.int64), parts[:, :-1]], axis=1)
    cap = np.minimum(previous, rest)
    return (counts[rest, cap] - counts[rest, parts]).sum(axis=1)


def _hook_matrix(parts: np.ndarray, m: int, r: int, target_count: int, counts: np.ndarray):
    """H(m, r): rows the partitions of m, columns those of m - r, entries (-1)^height (uint64)."""
    import scipy.sparse  # here: `import plrep` stays fast

    count, width = parts.shape
    lam = parts.astype(np.int64)
    beta = lam + (width - 1 - np.arange(width))
    occupied = np.zeros((count, 2 * width + 1), dtype=bool)
    rows = np.arange(count)[:, None]
    occupied[rows, beta] = True
    at_or_above = np.cumsum(occupied[:, ::-1], axis=1)[:, ::-1]  # beads >= x
    target = beta - r
    free = target >= 0
    free[free] = ~occupied[np.nonzero(free)[0], target[free]]
    source, bead = np.nonzero(free)
    landing = target[source, bead]
    height = at_or_above[source, landing + 1] - bead - 1
    old = lam[source]
    up = np.zeros_like(old)
    up[:, :-1] = old[:, 1:] - 1
    column = np.arange(width)[None, :]
    first, last = bead[:, None], (bead + height)[:, None]
    smaller = np.where(
        (column >= first) & (column < last),
        up,
        np.where(column == last, (lam[source, bead] - r + height)[:, None], old),
    )
    targets = _ranks(smaller, m - r, counts)
    signs = np.where(height % 2 == 1, np.uint64(2**64 - 1), np.uint64(1))
    return scipy.sparse.csr_array((signs, (source, targets)), shape=(count, target_count))


def _signed_float(matrix):
    """The float64 copy of a sign matrix (its uint64 entries 2^64 - 1 are -1)."""
    import scipy.sparse

    signs = matrix.data.view(np.int64).astype(np.float64)
    return scipy.sparse.csr_array((signs, matrix.indices, matrix.indptr), shape=matrix.shape)


@dataclass
class _Level:
    """The kept columns of one level m: cycle types nu |- m, in decreasing order of first part."""

    values: np.ndarray  # (p(m), columns) uint64: the characters modulo 2^64
    first_parts: np.ndarray  # (columns,) nu_1 (0 for the empty cycle type)
    leading: np.ndarray  # (columns,) how many parts of nu equal nu_1
    log2_z: np.ndarray  # (columns,) log2 of the centraliser order z_nu
    unsafe: np.ndarray  # (columns,) bool: z_nu large enough for values outside int64
    approx: np.ndarray  # (p(m), unsafe columns) float64 companions of the unsafe columns

    @classmethod
    def empty_partition(cls) -> _Level:
        one = np.ones((1, 1), dtype=np.uint64)
        zero = np.zeros(1, dtype=np.int64)
        return cls(one, zero, zero, np.zeros(1), np.zeros(1, dtype=bool), np.zeros((1, 0)))

    def extended(self, r: int, tails: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(leading count, log2 z) of the cycle types (r, tail): z grows by r * (m_r(tail) + 1)."""
        leading = np.where(self.first_parts[tails] == r, self.leading[tails] + 1, 1)
        return leading, self.log2_z[tails] + math.log2(r) + np.log2(leading)

    def approximate(self, columns: np.ndarray) -> np.ndarray:
        """float64 values of some columns: the companion where unsafe, the exact int otherwise."""
        out = self.values[:, columns].view(np.int64).astype(np.float64)
        position = np.cumsum(self.unsafe) - 1
        for local, column in enumerate(columns):
            if self.unsafe[column]:
                out[:, local] = self.approx[:, position[column]]
        return out


def _build_level(m: int, cap: int, shapes: list[np.ndarray], counts: np.ndarray, levels: dict) -> _Level:
    """The columns nu |- m with nu_1 <= cap, first parts decreasing, tails in their level's order."""
    pieces = []
    for r in range(cap, 0, -1):
        below = levels[m - r]
        tails = np.nonzero(below.first_parts <= r)[0]
        matrix = _hook_matrix(shapes[m], m, r, len(shapes[m - r]), counts)
        leading, log2_z = below.extended(r, tails)
        unsafe = (log2_z >= _UNSAFE_LOG2_Z) | below.unsafe[tails]
        approx = _signed_float(matrix) @ below.approximate(tails[unsafe]) if unsafe.any() else None
        pieces.append(
            (matrix @ below.values[:, tails], np.full(len(tails), r), leading, log2_z, unsafe, approx)
        )
    values, first_parts, leading, log2_z, unsafe, approx = zip(*pieces, strict=True)
    approx = [a for a in approx if a is not None]
    return _Level(
        np.concatenate(values, axis=1),
        np.concatenate(first_parts),
        np.concatenate(leading),
        np.concatenate(log2_z),
        np.concatenate(unsafe),
        np.concatenate(approx, axis=1) if approx else np.zeros((len(shapes[m]), 0)),
    )


@dataclass(frozen=True)
class ColumnBlock:
    """Columns ``start .. start + values.shape[1]`` of the table (class order), rows in reverse lex.

    ``values`` is int64; where |chi| >= 2^63 it holds ``BIG`` (-2^63) and ``big`` maps
    (row, column) to the exact Python int (column counted in the whole table).
    """

    start: int
    values: np.ndarray
    big: dict


BIG = int(np.iinfo(np.int64).min)


def _exact(low: np.ndarray, approx: np.ndarray) -> np.ndarray:
    """Exact ints (object array) from residues mod 2^64 (as int64) and float64 approximations."""
    wraps = np.rint((approx - low.astype(np.float64)) / 2.0**64).astype(np.int64)
    return low.astype(object) + wraps.astype(object) * (1 << 64)


def _check_degree(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 0 <= n <= MAX_MN_DEGREE:
        raise ValueError(f"`n` must be an integer in [0, {MAX_MN_DEGREE}], got {n!r} instead")
    return int(n)


def column_blocks(n: int, block_entries: int = _BLOCK_ENTRIES) -> Iterator[ColumnBlock]:
    """The character table of S_n column block by column block (see the module docstring).

    Columns come in class order: (1^n) first, then the other cycle types in reverse lex
    order; rows are the partitions of n in reverse lex order (``partition_array(n)[n]``).

    Raises:
        ValueError: n is not an integer in [0, ``MAX_MN_DEGREE``].
    """
    n = _check_degree(n)
    counts = count_table(n)
    shapes = partition_array(n, counts)
    if n == 0:
        yield ColumnBlock(0, np.ones((1, 1), dtype=np.int64), {})
        return
    levels = {0: _Level.empty_partition()}
    for m in range(1, n):
        levels[m] = _build_level(m, min(m, n - m), shapes, counts, levels)
    start = 0
    for r in [1, *range(n, 1, -1)]:  # (1^n) first, then first parts n, n-1, ..., 2: reverse lex
        below = levels[n - r]
        tails = np.nonzero(below.first_parts <= r)[0]
        matrix = _hook_matrix(shapes[n], n, r, len(shapes[n - r]), counts)
        step = max(1, block_entries // len(shapes[n]))
        for chunk_start in range(0, len(tails), step):
            chunk = tails[chunk_start : chunk_start + step]
            low = (matrix @ below.values[:, chunk]).view(np.int64)
            _, log2_z = below.extended(r, chunk)
            unsafe = (log2_z >= _UNSAFE_LOG2_Z) | below.unsafe[chunk]
            big = {}
            if unsafe.any():
                exact = _exact(low[:, unsafe], _signed_float(matrix) @ below.approximate(chunk[unsafe]))
                outside = (exact >= 2**63) | (exact < -(2**63) + 1)
                columns = np.nonzero(unsafe)[0]
                for row, local in zip(*np.nonzero(outside), strict=True):
                    big[(int(row), start + int(columns[local]))] = int(exact[row, local])
                    low[row, columns[local]] = BIG
            yield ColumnBlock(start, low, big)
            start += len(chunk)
        if r > 1:
            del levels[n - r]  # first parts come in decreasing order: level n - r is not needed again


@dataclass(frozen=True)
class IntegerTable:
    """The character table of S_n as integers: ``values[i, j] = chi^{partitions[i]}(cycle_types[j])``.

    Rows: partitions in reverse lex order; columns: (1^n) first, then reverse lex. Both are
    (p(n), n) int64 arrays of parts, zero-padded.
    """

    partitions: np.ndarray
    cycle_types: np.ndarray
    values: np.ndarray


def class_order_types(n: int) -> np.ndarray:
    """The cycle types of S_n in class order ((1^n) first, then reverse lex), zero-padded int64."""
    shapes = partition_array(n)[n].astype(np.int64)
    return np.concatenate([shapes[-1:], shapes[:-1]])


# The in-memory table: p(n)^2 int64 entries; S_34 (12,310 classes) is 1.2 GB.
MAX_IN_MEMORY_DEGREE = 34


def integer_table(n: int) -> IntegerTable:
    """The whole table of S_n in memory (int64), n <= ``MAX_IN_MEMORY_DEGREE``.

    Raises:
        ValueError: n outside [0, ``MAX_IN_MEMORY_DEGREE``] (larger tables: ``column_blocks``
            or ``plrep characters S38 --format npz``).
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 0 <= n <= MAX_IN_MEMORY_DEGREE:
        raise ValueError(
            f"`n` must be an integer in [0, {MAX_IN_MEMORY_DEGREE}] for a table in memory, got {n!r} "
            f"instead; up to S{MAX_MN_DEGREE} write it with `plrep characters S{{n}} --format npz`"
        )
    shapes = partition_array(int(n))[int(n)].astype(np.int64)
    values = np.empty((len(shapes), len(shapes)), dtype=np.int64)
    for block in column_blocks(int(n)):
        if block.big:  # cannot happen for n <= 34 (z_nu < 2^126 there); kept as a guard
            raise OverflowError(f"S{n} has character values outside int64")
        values[:, block.start : block.start + block.values.shape[1]] = block.values
    return IntegerTable(shapes, class_order_types(int(n)), values)
