"""Simple ids of large S_n by the boxes below the first row: ranked, never listed.

For p(n) beyond ``MAX_PARTITIONS`` (n >= 52) the simples of S_n cannot be listed (p(100) is
1.9e8, p(1000) 2.4e31), and the dimension order of small n (ids by f^lambda) would need every
partition to rank one. Permutation modules such as natural^K and subsets^K only hold simples
lambda = (n - m, nu) with few boxes m = |nu| <= K below the first row, so large S_n order its
partitions by m first, then nu in reverse lexicographic order:

    id(n - m, nu) = sum_{m' < m} q(m', n - m') + (rank of nu among the partitions of m with
    parts <= n - m, in reverse lexicographic order),

q(m, c) the number of partitions of m with parts at most c. For m <= n / 2 every partition nu
of m fits below a first row of n - m, so q(m, n - m) = p(m): the ids of the simples with at
most K boxes below the first row are 0 .. sum_{m <= K} p(m) - 1 for every n >= 2K, the same
numbers whatever n is. A module's arrays over them are a prefix of the id order.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["row_count", "row_id", "row_partition"]


@lru_cache(maxsize=8)
def _table(size: int) -> tuple[tuple[int, ...], ...]:
    """q(m, c) for 0 <= m, c <= size: q(m, c) = q(m, c - 1) + q(m - c, c), O(size^2) exact ints."""
    rows = [[1] * (size + 1)]
    for m in range(1, size + 1):
        row = [0] * (size + 1)
        for c in range(1, size + 1):
            row[c] = row[c - 1] + (rows[m - c][c] if c <= m else 0)
        rows.append(row)
    return tuple(tuple(row) for row in rows)


def _bounded(m: int, c: int) -> int:
    """q(m, c): the partitions of m with parts <= c (exact)."""
    if m < 0:
        return 0
    c = max(min(c, m), 0)
    size = 32
    while size < m:  # tables of 32, 64, ... rows: small modules never build a big one
        size *= 2
    return _table(size)[m][c]


def _level_start(n: int, m: int) -> int:
    """Id of the first partition with m boxes below the first row."""
    return sum(_bounded(k, n - k) for k in range(m))


def row_count(n: int, k: int) -> int:
    """Number of partitions of n with at most k boxes below the first row (ids 0 .. count - 1).

    >>> row_count(1000, 2), row_count(1000, 5), row_count(7, 6)
    (4, 19, 15)
    """
    return _level_start(n, min(k, n - 1) + 1)


def row_id(shape: tuple[int, ...]) -> int:
    """The id of the partition ``shape`` of n in the order by boxes below the first row.

    >>> [row_id(s) for s in [(1000,), (999, 1), (998, 2), (998, 1, 1), (997, 3)]]
    [0, 1, 2, 3, 4]
    """
    n = sum(shape)
    m = n - shape[0]
    rank, rest, largest = 0, m, n - m
    for part in shape[1:]:
        # partitions of `rest` whose largest part lies in (part, largest] come first
        rank += sum(_bounded(rest - bigger, bigger) for bigger in range(part + 1, min(rest, largest) + 1))
        rest, largest = rest - part, part
    return _level_start(n, m) + rank


def row_partition(n: int, index: int) -> tuple[int, ...]:
    """The partition of n with id ``index`` (inverse of ``row_id``).

    >>> row_partition(1000, 3), row_partition(6, 7)
    ((998, 1, 1), (2, 2, 2))
    """
    m, start = 0, 0
    while start + _bounded(m, n - m) <= index:
        start += _bounded(m, n - m)
        m += 1
    rank, rest, largest, tail = index - start, m, n - m, []
    while rest:
        for part in range(min(rest, largest), 0, -1):
            count = _bounded(rest - part, part)
            if rank < count:
                tail.append(part)
                rest, largest = rest - part, part
                break
            rank -= count
    return (n - m, *tail)
