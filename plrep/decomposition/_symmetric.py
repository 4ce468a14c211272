"""Multiplicities of the simples of S_n in R^X without group elements (Young's rule).

X = natural^K (K-tuples of points): the orbits of S_n on K-tuples are the set partitions of the
K positions into j blocks (j <= n), each orbit being the injective j-tuples S_n / S_{n-j}, whose
permutation module is M^{(n-j, 1^j)}. By Young's rule the multiplicity of S^lambda in
M^{(n-j, 1^j)} is the Kostka number K_{lambda, (n-j, 1^j)} = f^{lambda / (n-j)}, the number of
standard fillings of the skew shape lambda / (n - j) by 1..j. So

    m_lambda(natural^K) = sum_{j=0}^{min(K, n)} S(K, j) f^{lambda / (n-j)},

S(K, j) the Stirling numbers of the second kind. X = subsets^K (K-element subsets, K <= n) is
M^{(n-k, k)} with k = min(K, n - K): m_lambda = 1 for lambda = (n - m, m), 0 <= m <= k, else 0.

Used for S_n beyond listing size (``SymmetricGroup``), where characters are not summed over
elements; the G-set must be recognisably natural^K or subsets^K (its generator images are
compared with those of the constructors).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from plrep.decomposition._cache import CACHE
from plrep.groups._row_ids import row_count
from plrep.groups._symmetric import partitions
from plrep.gsets import GSet, natural_gset, subsets, tensor_power

__all__ = [
    "MAX_YOUNG_K",
    "ModuleSimples",
    "array_labels",
    "module_simple_count",
    "symmetric_module_kind",
    "young_multiplicities",
    "young_terms",
]

MAX_YOUNG_K = 6


@lru_cache(maxsize=256)
def _stirling2(k: int, j: int) -> int:
    if k == j:
        return 1
    if j == 0 or j > k:
        return 0
    return j * _stirling2(k - 1, j) + _stirling2(k - 1, j - 1)


@lru_cache(maxsize=4096)
def _skew_fillings(shape: tuple[int, ...], inner: int) -> int:
    """Standard fillings of lambda / (inner): remove corner boxes down to the row (inner)."""
    if len(shape) <= 1:
        return 1 if (shape[0] if shape else 0) >= inner else 0
    if shape[0] < inner:
        return 0
    total = 0
    for i, part in enumerate(shape):
        is_corner = i == len(shape) - 1 or shape[i + 1] < part
        if not is_corner or (i == 0 and part == inner):
            continue
        smaller = tuple(p for p in (*shape[:i], part - 1, *shape[i + 1 :]) if p > 0)
        total += _skew_fillings(smaller, inner)
    return total


def symmetric_module_kind(gset: GSet) -> tuple[str, int] | None:
    """("natural", K) or ("subsets", K) when gset is that G-set of S_n, else None.

    Remembered per G-set (``CACHE``): building natural^K to compare generators costs ~10 ms at
    S1000:natural^2, and a graph asks once per batch of samples.
    """
    return CACHE.get(("module-kind", gset), lambda: _module_kind(gset), size_of=lambda _: 64)


def _module_kind(gset: GSet) -> tuple[str, int] | None:
    n, size = gset.group.degree, gset.size
    base = natural_gset(gset.group)
    for k in range(MAX_YOUNG_K + 1):
        if n**k == size and np.array_equal(tensor_power(base, k).generators, gset.generators):
            return "natural", k
        if (
            k <= n
            and math.comb(n, k) == size
            and np.array_equal(subsets(base, k).generators, gset.generators)
        ):
            return "subsets", k
    return None


def young_terms(gset: GSet) -> list[tuple[tuple[int, ...], int]]:
    """(partition, multiplicity) of each simple present in R^X, X = natural^K or subsets^K.

    Only partitions with at most K boxes below the first row are visited (never the p(n)
    partitions of n): sum_{m <= K} p(m) of them, 19 for K = 5, whatever n is.

    Raises:
        ValueError: X is not natural^K or subsets^K with K <= ``MAX_YOUNG_K``.
    """
    group = gset.group
    kind = symmetric_module_kind(gset)
    if kind is None:
        raise ValueError(
            f"`space` must be natural^K or subsets^K (K <= {MAX_YOUNG_K}) for {group.name} beyond "
            f"listing size, got {gset.name} instead"
        )
    family, k = kind
    n = group.degree
    terms = []
    for m in range(min(k, n - 1) + 1):
        for nu in partitions(m):
            if nu and nu[0] > n - m:
                continue  # (n - m, nu) is no partition
            shape = (n - m, *nu)
            if family == "subsets":
                if len(nu) <= 1 and m <= min(k, n - k):
                    terms.append((shape, 1))
                continue
            total = sum(_stirling2(k, j) * _skew_fillings(shape, n - j) for j in range(m, min(k, n) + 1))
            if total:
                terms.append((shape, total))
    return terms


def module_simple_count(gset: GSet) -> int:
    """Length of the arrays over the simples of natural^K / subsets^K (``young_multiplicities``).

    p(n) where S_n lists its simples; where it ranks them by rows (n >= 52) the simples with at
    most K boxes below the first row, ids 0 .. r - 1, hold every simple present.
    """
    group = gset.group
    if not getattr(group, "ranks_by_rows", False):
        return group.num_simples
    _, k = symmetric_module_kind(gset)
    return row_count(group.degree, k)


@dataclass(frozen=True, eq=False)
class ModuleSimples:
    """The simples that label a module's arrays where its group ranks more simples than it lists.

    S1000:natural^2 is labelled by the 4 simples with ids 0..3 of S1000's 2.4e31: energies,
    multiplicities and summaries carry ``num_simples`` = 4 entries, named by ``simples``.

    Example:
        >>> from plrep.gsets import parse_space
        >>> labels = array_labels(parse_space("S60:subsets^2"))
        >>> labels.num_simples, [s.name for s in labels.simples]
        (4, ['(60)', '(59,1)', '(58,2)', '(58,1,1)'])
    """

    name: str
    simples: tuple

    @property
    def num_simples(self) -> int:
        return len(self.simples)


def array_labels(gset: GSet):
    """What labels the last axis of a G-set's energies: its group, or the ``ModuleSimples`` prefix.

    >>> from plrep.gsets import parse_space
    >>> [s.name for s in array_labels(parse_space("S1000:natural^2")).simples]
    ['(1000)', '(999,1)', '(998,2)', '(998,1,1)']
    """
    group = gset.group
    if getattr(group, "ranks_by_rows", False) and symmetric_module_kind(gset) is not None:
        return ModuleSimples(group.name, tuple(group.simples[: module_simple_count(gset)]))
    return group


def young_multiplicities(gset: GSet) -> np.ndarray:
    """Multiplicity of each simple of S_n (in ``group.simples`` id order) in R^X, int array.

    Of length p(n) up to n = 51; beyond, the simples are ranked by boxes below the first row
    and the array covers ids 0 .. r - 1 (``module_simple_count``), those with at most K boxes
    below the first row.

    Raises:
        ValueError: X is not natural^K or subsets^K with K <= ``MAX_YOUNG_K``.

    Example:
        >>> from plrep.groups import symmetric
        >>> from plrep.gsets import natural_gset, tensor_power
        >>> g = tensor_power(natural_gset(symmetric(30)), 2)
        >>> {s.partition: int(m) for s, m in zip(g.group.simples, young_multiplicities(g)) if m}
        {(30,): 2, (29, 1): 3, (28, 2): 1, (28, 1, 1): 1}
        >>> young_multiplicities(tensor_power(natural_gset(symmetric(1000)), 2)).tolist()
        [2, 3, 1, 1]
    """
    terms = young_terms(gset)
    group = gset.group
    counts = np.zeros(module_simple_count(gset), dtype=np.int64)
    for shape, multiplicity in terms:
        counts[group.simple_id(shape)] = multiplicity
    return counts
