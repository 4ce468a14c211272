"""Combinatorics of S_n without elements: partitions, hooks, Murnaghan–Nakayama (docs/math.md §5).

* The conjugacy classes of S_n are the cycle types mu |- n; |C_mu| = n! / z_mu with
  z_mu = prod_i i^{m_i} m_i! (m_i = number of parts equal to i); elements of C_mu have order
  lcm(mu), and g^k has cycle type: each part l becomes gcd(l, k) parts l / gcd(l, k).
* The irreducible characters are chi^lambda, lambda |- n, all real (indicator +1).
  dim chi^lambda = n! / prod_{boxes b} h(b) (hook length formula).
* Murnaghan–Nakayama: chi^lambda(mu) = sum over rim hooks R of size mu_1 in lambda of
  (-1)^{ht(R)} chi^{lambda - R}(mu_2, mu_3, ...), chi^{()}(()) = 1. On the beta-set
  (first-column hook lengths) B = {lambda_i + (l - i)} a rim hook of size r is a bead b in B
  with b - r >= 0 not in B; removing it moves the bead to b - r and its height is the number
  of beads strictly between b - r and b.

Everything is exact integer arithmetic on Python ints; nothing lists group elements.

Example:
    >>> hook_dimension((3, 1)), mn_character((3, 1), (2, 1, 1))
    (3, 1)
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from plrep.groups._mn_table import MAX_MN_DEGREE, integer_table

__all__ = [
    "MAX_TABLE_CLASSES",
    "centraliser_order",
    "class_size",
    "conjugate_partition",
    "cycle_type_of",
    "hook_dimension",
    "mn_character",
    "partition_count",
    "partitions",
    "power_cycle_type",
    "symmetric_table",
]

# The complex ``CharacterTable`` of S_n holds p(n)^2 complex128 values (S_30: 5,604 classes,
# 0.5 GB; its degrees, below 2^53, are still exact floats). The integer table by levels
# (``_mn_table``) goes on to S_38, written to npz in column blocks.
MAX_TABLE_CLASSES = 5604

MAX_PARTITION_SIZE = 10_000
# ``character`` recurses once per cycle of length > 1 (Python's stack allows about 1000 frames).
MAX_CYCLES = 500


def partition_count(n: int) -> int:
    """p(n) by Euler's pentagonal recurrence, O(n^1.5) exact integer steps.

    >>> [partition_count(k) for k in (0, 1, 4, 20, 100)]
    [1, 1, 5, 627, 190569292]
    """
    counts = [1] + [0] * n
    for m in range(1, n + 1):
        total, k = 0, 1
        while True:
            first = m - k * (3 * k - 1) // 2
            if first < 0:
                break
            sign = 1 if k % 2 else -1
            total += sign * counts[first]
            second = m - k * (3 * k + 1) // 2
            if second >= 0:
                total += sign * counts[second]
            k += 1
        counts[m] = total
    return counts[n]


def partitions(n: int) -> list[tuple[int, ...]]:
    """All partitions of n in reverse lexicographic order: (n), (n-1, 1), ..., (1, ..., 1).

    >>> partitions(4)
    [(4,), (3, 1), (2, 2), (2, 1, 1), (1, 1, 1, 1)]
    """

    def walk(rest: int, largest: int):
        if rest == 0:
            yield ()
            return
        for part in range(min(rest, largest), 0, -1):
            for tail in walk(rest - part, part):
                yield (part, *tail)

    return list(walk(n, n))


def conjugate_partition(shape: tuple[int, ...]) -> tuple[int, ...]:
    """lambda' (transpose of the Young diagram). ``conjugate_partition((3, 1)) == (2, 1, 1)``."""
    return tuple(sum(1 for part in shape if part > i) for i in range(shape[0])) if shape else ()


def hook_dimension(shape: tuple[int, ...]) -> int:
    """f^lambda = n! / prod h(b), the dimension of the Specht module (exact int).

    Raises:
        ValueError: ``shape`` is not a partition, or of n > 10000.

    Example:
        >>> hook_dimension((3, 1)), hook_dimension((2, 2)), hook_dimension((5, 4, 3, 2, 1))
        (3, 2, 292864)
    """
    shape = _as_partition(shape, "shape")
    return math.factorial(sum(shape)) // hook_product(shape)


def hook_product(shape: tuple[int, ...]) -> int:
    """prod h(b) over the boxes of a partition (unchecked: callers list partitions themselves).

    One pass for the column lengths and one over the boxes: S_50 has 204,226 partitions.
    """
    columns = [0] * (shape[0] if shape else 0)
    for row in shape:
        for j in range(row):
            columns[j] += 1
    hooks = 1
    for i, row in enumerate(shape):
        for j in range(row):
            hooks *= row - j + columns[j] - i - 1
    return hooks


def centraliser_order(cycle_type: tuple[int, ...]) -> int:
    """z_mu = prod_i i^{m_i} m_i!, the order of the centraliser of an element of type mu."""
    z = 1
    for part in set(cycle_type):
        count = cycle_type.count(part)
        z *= part**count * math.factorial(count)
    return z


def class_size(cycle_type: tuple[int, ...]) -> int:
    """|C_mu| = n! / z_mu, the number of permutations of cycle type mu.

    Raises:
        ValueError: ``cycle_type`` is not a partition, or of n > 10000.

    Example:
        >>> class_size((2, 1, 1)), class_size((3, 1)), class_size((2, 2))  # in S_4
        (6, 8, 3)
    """
    cycle_type = _as_partition(cycle_type, "cycle_type")
    return math.factorial(sum(cycle_type)) // centraliser_order(cycle_type)


def cycle_type_of(perm) -> tuple[int, ...]:
    """The cycle type (descending parts) of a permutation given as a sequence of images."""
    perm = [int(p) for p in perm]
    seen, parts = [False] * len(perm), []
    for start in range(len(perm)):
        length, point = 0, start
        while not seen[point]:
            seen[point], point, length = True, perm[point], length + 1
        if length:
            parts.append(length)
    return tuple(sorted(parts, reverse=True))


def power_cycle_type(cycle_type: tuple[int, ...], k: int) -> tuple[int, ...]:
    """Cycle type of g^k for g of type mu: a part l gives gcd(l, k) parts l / gcd(l, k)."""
    parts = []
    for part in cycle_type:
        g = math.gcd(part, k)
        parts += [part // g] * g
    return tuple(sorted(parts, reverse=True))


def _beta(shape: tuple[int, ...]) -> tuple[int, ...]:
    length = len(shape)
    return tuple(part + length - 1 - i for i, part in enumerate(shape))


def _shape(beta: tuple[int, ...]) -> tuple[int, ...]:
    length = len(beta)
    return tuple(p for p in (b - (length - 1 - i) for i, b in enumerate(beta)) if p > 0)


@lru_cache(maxsize=1 << 16)
def _removals(shape: tuple[int, ...], r: int) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """(sign, lambda - R) for every rim hook R of size r of lambda."""
    beta = _beta(shape)
    beads = set(beta)
    out = []
    for b in beta:
        target = b - r
        if target < 0 or target in beads:
            continue
        height = sum(1 for c in beta if target < c < b)
        moved = tuple(sorted((c if c != b else target for c in beta), reverse=True))
        out.append((-1 if height % 2 else 1, _shape(moved)))
    return tuple(out)


@lru_cache(maxsize=1 << 20)
def _mn(shape: tuple[int, ...], cycle_type: tuple[int, ...]) -> int:
    if not cycle_type or cycle_type[0] == 1:  # only fixed points left: chi = f^shape
        return math.factorial(sum(shape)) // hook_product(shape)
    rest = cycle_type[1:]
    return sum(sign * _mn(smaller, rest) for sign, smaller in _removals(shape, cycle_type[0]))


def mn_character(shape, cycle_type) -> int:
    """chi^lambda(mu) by the Murnaghan–Nakayama rule (exact int, memoised).

    Args:
        shape: a partition lambda of n (non-increasing positive ints).
        cycle_type: a partition mu of the same n.

    Raises:
        ValueError: either argument is not a partition, or they partition different n.

    >>> mn_character((2, 2), (3, 1)), mn_character((1, 1, 1), (2, 1))
    (-1, -1)
    """
    shape, cycle_type = _as_partition(shape, "shape"), _as_partition(cycle_type, "cycle_type")
    if sum(shape) != sum(cycle_type):
        raise ValueError(
            f"`cycle_type` must partition the same n as `shape` ({sum(shape)}), "
            f"got {list(cycle_type)} instead"
        )
    return _mn(shape, cycle_type)


def _as_partition(value, name: str) -> tuple[int, ...]:
    try:
        parts = tuple(int(p) for p in value)
    except (TypeError, ValueError):
        parts = None
    if parts is None or any(p <= 0 for p in parts) or list(parts) != sorted(parts, reverse=True):
        raise ValueError(
            f"`{name}` must be a partition (non-increasing positive integers), got {value!r} instead"
        )
    if sum(parts) > MAX_PARTITION_SIZE:  # n! and the hook products grow past any use
        raise ValueError(f"`{name}` must partition n <= {MAX_PARTITION_SIZE}, got n = {sum(parts)} instead")
    return parts


def symmetric_table(n: int) -> tuple[list, list, np.ndarray]:
    """The character table of S_n: (shapes, cycle types, values) with values[i, j] = chi^{shape_i}(type_j).

    Rows in reverse lexicographic order, columns too with the column of (1^n) (identity)
    moved first; values an int64 array computed by levels of Murnaghan–Nakayama products
    (``_mn_table``). Refuses n with p(n) > ``MAX_TABLE_CLASSES`` before computing anything.

    Raises:
        ValueError: p(n) too large.
    """
    count = partition_count(n)
    if count > MAX_TABLE_CLASSES:
        raise ValueError(
            f"`group` S{n} must have at most {MAX_TABLE_CLASSES} conjugacy classes (partitions of n) "
            f"for a character table, got p({n}) = {count} instead; up to S{MAX_MN_DEGREE} write the "
            f"integer table with `plrep characters S{n} --format npz --out FILE`, single values with "
            "plrep.character"
        )
    table = integer_table(n)
    shapes = [tuple(int(p) for p in row if p) for row in table.partitions]
    types = [tuple(int(p) for p in row if p) for row in table.cycle_types]
    return shapes, types, table.values


def _splits(cycle_type: tuple[int, ...]) -> bool:
    """Whether the S_n class of an even cycle type splits in A_n: distinct odd parts (n >= 2)."""
    return sum(cycle_type) >= 2 and all(p % 2 for p in cycle_type) and len(set(cycle_type)) == len(cycle_type)


def diagonal_hooks(shape: tuple[int, ...]) -> tuple[int, ...]:
    """Hook lengths of the diagonal boxes of lambda (distinct odd numbers when lambda = lambda')."""
    columns = conjugate_partition(shape)
    return tuple(shape[i] + columns[i] - 2 * i - 1 for i in range(len(shape)) if shape[i] > i)


def alternating_table(n: int):
    """The character table of A_n by restriction from S_n (Frobenius; James–Kerber 2.5.13).

    Classes: even cycle types mu; mu with distinct odd parts splits into mu+ and mu- (each of
    size |C_mu|/2). Characters: chi^lambda restricted, one per pair {lambda, lambda'} with
    lambda != lambda'; for lambda = lambda' with diagonal hooks h (k of them) the restriction
    splits into chi+- with chi+-(g) = chi^lambda(g)/2 off the classes h+-, and
    chi+-(h+) = (e +- sqrt(e prod h))/2, chi+-(h-) = (e -+ sqrt(e prod h))/2, e = (-1)^((n-k)/2).

    Returns:
        (labels, classes, values): labels[i] the partition of row i, classes[j] = (mu, sign)
        with sign +1/-1 on split classes and 0 otherwise, values complex (rows, columns) as a
        array (rows, columns); the identity class first.

    Raises:
        ValueError: p(n) > ``MAX_TABLE_CLASSES``.
    """
    if n < 2:
        return [(1,) * n], [((1,) * n, 0)], np.ones((1, 1), dtype=np.complex128)
    shapes, types, values = symmetric_table(n)
    column = {mu: j for j, mu in enumerate(types)}
    classes = []
    for mu in types:
        if (n - len(mu)) % 2:
            continue
        classes += [(mu, 1), (mu, -1)] if _splits(mu) else [(mu, 0)]
    restricted = values[:, [column[mu] for mu, _ in classes]].astype(np.complex128)
    halves = np.array([half for _, half in classes])
    labels, rows = [], []
    seen = set()
    for index, shape in enumerate(shapes):
        dual = conjugate_partition(shape)
        if dual in seen:
            continue
        seen.add(shape)
        if dual != shape:
            labels.append(shape)
            rows.append(restricted[index])
            continue
        hooks = diagonal_hooks(shape)
        sign = (-1) ** ((n - len(hooks)) // 2)
        root = complex(sign * math.prod(hooks)) ** 0.5
        on_hooks = np.array([mu == tuple(sorted(hooks, reverse=True)) for mu, _ in classes])
        for choice in (1, -1):
            labels.append(shape)
            rows.append(np.where(on_hooks, (sign + choice * halves * root) / 2, restricted[index] / 2))
    return labels, classes, np.array(rows)
