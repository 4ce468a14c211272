"""Orbits of S_n on index tuples by equality patterns: no graph, no per-entry Python objects.

S_n acting on [n]^m (diagonally) has one orbit per *equality pattern*: which of the m positions
hold the same point, i.e. a set partition of the positions with at most n blocks. A pattern
is written as its restricted growth string r (r_0 = 0, each r_p at most one more than the
largest before it). The lexicographically smallest tuple with pattern r is r itself (points
0, 1, 2, ... in order of first use), so numbering orbits by their first entry in row-major
order (``orbit_labels``) is numbering patterns in lexicographic order.

The labels of all n^m entries are computed with broadcasting over the m coordinates
(one int8 array per position plus an int32 code), about 8 + m bytes per entry.
"""

from __future__ import annotations

import numpy as np

__all__ = ["equality_pattern_labels", "growth_strings"]

# Up to 6 positions the pattern is read from its m(m-1)/2 <= 15 equality bits: each bit is a
# broadcast comparison of two coordinates (a small array), so the full n^m array is touched
# only by one uint16 sum per bit and one table lookup.
MAX_BIT_POSITIONS = 6


def growth_strings(m: int, max_blocks: int) -> list[tuple[int, ...]]:
    """Restricted growth strings of length m with at most ``max_blocks`` blocks, lexicographic.

    Built position by position (never the m^m candidate tuples).

    >>> growth_strings(3, 3)
    [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1), (0, 1, 2)]
    """
    if m == 0:
        return [()]
    strings = [(0,)] if max_blocks >= 1 else []
    for _ in range(1, m):
        strings = [(*r, v) for r in strings for v in range(min(max(r) + 2, max_blocks))]
    return strings


def _completions(m: int, max_blocks: int) -> list[list[int]]:
    """count[p][c]: growth strings r_p..r_{m-1} that can follow a prefix of largest value c."""
    count = [[0] * max_blocks for _ in range(m + 1)]
    count[m] = [1] * max_blocks
    for p in range(m - 1, 0, -1):
        for c in range(max_blocks):
            count[p][c] = (c + 1) * count[p + 1][c] + (count[p + 1][c + 1] if c + 1 < max_blocks else 0)
    return count


def equality_pattern_labels(n: int, m: int) -> np.ndarray:
    """Orbit number of every entry of [n]^m under S_n, shape (n,) * m, int64 (``orbit_labels`` order).

    Example:
        >>> equality_pattern_labels(3, 2).tolist()  # the diagonal and the rest
        [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    """
    if m == 0:
        return np.zeros((), dtype=np.int64)
    axes = [np.arange(n).reshape((1,) * p + (n,) + (1,) * (m - p - 1)) for p in range(m)]
    shape = (n,) * m
    if m <= MAX_BIT_POSITIONS:
        return _labels_from_equalities(n, m, axes, shape)
    growth = [np.zeros(shape, dtype=np.int8)]  # r_p of every entry
    largest = np.zeros(shape, dtype=np.int8)  # max(r_0..r_p)
    for p in range(1, m):
        value = largest + 1  # a new block, unless the point occurred before
        for q in range(p - 1, -1, -1):  # the earliest equal position wins: overwrite downwards
            value = np.where(axes[q] == axes[p], growth[q], value)
        growth.append(value.astype(np.int8))
        np.maximum(largest, growth[-1], out=largest)
    # The lexicographic rank of r among the growth strings with at most n blocks: at each
    # position p, every smaller admissible value v < r_p skips all strings that continue the
    # prefix (r_0..r_{p-1}, v), counted by _completions (a small table, no list of strings).
    # Ranks stay below n^m <= MAX_ENTRIES, so int64 never overflows.
    blocks = min(n, m)
    count = _completions(m, blocks)
    skipped = np.zeros((m, blocks, blocks), dtype=np.int64)  # [p, largest before p, r_p]
    for p in range(1, m):
        for c in range(blocks):
            for r in range(1, min(c + 2, blocks)):
                skipped[p, c, r] = skipped[p, c, r - 1] + count[p + 1][max(c, r - 1)]
    rank = np.zeros(shape, dtype=np.int64)
    largest = np.zeros(shape, dtype=np.int8)
    for p in range(1, m):
        rank += skipped[p][largest, growth[p]]
        np.maximum(largest, growth[p], out=largest)
    return rank


def _labels_from_equalities(n: int, m: int, axes, shape) -> np.ndarray:
    pairs = [(q, p) for p in range(m) for q in range(p)]
    code = np.zeros(shape, dtype=np.uint16)
    for bit, (q, p) in enumerate(pairs):
        code += (axes[q] == axes[p]).astype(np.uint16) << bit
    table = np.full(2 ** len(pairs), -1, dtype=np.int64)
    for rank, string in enumerate(growth_strings(m, n)):
        table[sum(1 << bit for bit, (q, p) in enumerate(pairs) if string[q] == string[p])] = rank
    return table[code]
