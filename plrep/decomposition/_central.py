"""Isotypic decomposition for S_n on natural^K and subsets^K by a central element, no elements.

The class sum of the transpositions, T = sum_{a<b} (a b), is central in R[S_n], so it acts on
the lambda-isotypic component of any S_n-module by a scalar: the content sum
c(lambda) = sum over boxes (i, j) of lambda of (j - i) (Jucys–Murphy; docs/math.md §5).

T is applied without a matrix. X splits into S_n-orbits, each the injective j-tuples of
points (j <= K): for natural^K one orbit per set partition of the K positions into j blocks
(the entries equal exactly within blocks), for subsets^K the K-subsets, i.e. the injective
K-tuples up to order. A function on an orbit is held as a dense array F over [n]^j, zero off
the injective tuples; then for an injective y

    (T F)(y) = C(n - j, 2) F(y) + sum_{i < i'} F(y with y_i, y_i' swapped)
               + sum_i (sum_b F(y with y_i -> b) - F(y)),

transpositions avoiding y fixing it, those inside y swapping two entries, and (y_i b) with b
outside y replacing one entry: the sum over all b less the terms b = y_i (F(y)) and b = y_i'
(non-injective, zero). So one application costs O(j^2 n^j) = O(K^2 |X|), and T never exists
as a matrix (the sparse one of before held |X| K n entries: 2e9 for S1000:natural^2).

Within an orbit the simples present (Young's rule, ``_symmetric``) have distinct content sums
for K <= 5, and P_lambda = prod_{mu != lambda} (T - c_mu) / (c_lambda - c_mu) is the isotypic
projector, applied with the integer diagonal C(n - j, 2) - j - c_mu shifted exactly, in
extended precision (``np.longdouble``), each component projected a second time to remove the
leakage of the first pass. Batches are cut into chunks of at most ``CHUNK_ENTRIES`` entries.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from plrep.decomposition._cache import CACHE
from plrep.decomposition._symmetric import module_simple_count, symmetric_module_kind, young_terms
from plrep.gsets import GSet

__all__ = ["CentralParts", "central_parts", "content_sum", "uses_central"]

# Dense orbit arrays: n^j entries per function for the largest orbit (n^K; for subsets^K the
# K! orderings of each subset): 2^26 (S_8192:natural^2, S_406:subsets^3) at most.
MAX_ORBIT_ENTRIES = 2**26
# Entries of one chunk of functions on one orbit (longdouble, a few copies live at once).
CHUNK_ENTRIES = 2**22


def content_sum(shape: tuple[int, ...]) -> int:
    """c(lambda) = sum of j - i over the boxes (i, j): the scalar of T on S^lambda.

    >>> content_sum((3, 1)), content_sum((2, 1, 1))
    (2, -2)
    """
    return sum(j - i for i, part in enumerate(shape) for j in range(part))


def uses_central(gset: GSet) -> bool:
    """Whether the central-element backend applies: S_n (beyond listing) on natural^K / subsets^K."""
    return symmetric_module_kind(gset) is not None


class _Orbit:
    """One S_n-orbit of X as injective j-tuples: where its points sit in X, which simples it holds."""

    def __init__(self, n: int, j: int, index: np.ndarray, copies: int, ids, contents) -> None:
        self.n, self.j = n, j
        self.index = index  # (n^j,) position in X of each j-tuple, -1 off the injective ones
        self.valid = index >= 0
        # one tuple per point when writing back (subsets: the increasing ordering)
        self.first = self.valid & (_increasing(n, j) if copies > 1 else True)
        self.copies = copies  # how many injective j-tuples stand for one point (K! for subsets)
        self.ids, self.contents = ids, contents  # simple ids and content sums present here

    def gather(self, x: np.ndarray) -> np.ndarray:
        dense = np.zeros((x.shape[0], self.index.size), dtype=x.dtype)
        dense[:, self.valid] = x[:, self.index[self.valid]]
        return dense

    def shifted(self, f: np.ndarray, shift: int) -> np.ndarray:
        """(T - shift) f for f of shape (m, n^j), zero off the injective tuples."""
        n, j = self.n, self.j
        cube = f.reshape(-1, *([n] * j))
        out = (math.comb(n - j, 2) - j - shift) * cube  # exact integer coefficient
        for i, k in itertools.combinations(range(1, j + 1), 2):
            out = out + np.swapaxes(cube, i, k)
        for i in range(1, j + 1):
            out = out + cube.sum(axis=i, keepdims=True)
        out = out.reshape(f.shape)
        out[:, ~self.valid] = 0
        return out

    def project(self, f: np.ndarray, index: int) -> np.ndarray:
        contents = self.contents
        # far eigenvalues first: each factor then keeps the vector's size about the same
        others = sorted((c for k, c in enumerate(contents) if k != index), key=lambda c: -abs(contents[index] - c))
        for c in others:
            f = self.shifted(f, c) / (contents[index] - c)
        return f


def _orbits(gset: GSet) -> list[_Orbit]:
    return CACHE.get(("central-orbits", gset), lambda: _build_orbits(gset), size_of=_orbit_bytes)


def _orbit_bytes(orbits) -> int:
    return sum(orbit.index.nbytes + orbit.valid.nbytes for orbit in orbits)


def _set_partitions(k: int):
    """Set partitions of positions 0..k-1 as block labels (first occurrence order)."""

    def grow(labels, blocks):
        if len(labels) == k:
            yield tuple(labels)
            return
        for b in range(blocks + 1):
            yield from grow([*labels, b], max(blocks, b + 1))

    yield from grow([], 0)


def _injective(n: int, j: int) -> np.ndarray:
    """(n^j, j) all j-tuples in C order, and whether each is injective."""
    grid = np.indices((n,) * j).reshape(j, -1).T if j else np.zeros((1, 0), dtype=np.int64)
    ok = np.ones(grid.shape[0], dtype=bool)
    for a, b in itertools.combinations(range(j), 2):
        ok &= grid[:, a] != grid[:, b]
    return grid, ok


def _increasing(n: int, j: int) -> np.ndarray:
    grid, _ = _injective(n, j)
    return np.all(np.diff(grid, axis=1) > 0, axis=1)


def _build_orbits(gset: GSet) -> list[_Orbit]:
    family, k = symmetric_module_kind(gset)
    group, n = gset.group, gset.group.degree
    top = n**k  # the largest orbit's dense array (all K-tuples, injective or not)
    if top > MAX_ORBIT_ENTRIES:
        raise ValueError(
            f"`space` {gset.name} of {group.name} needs {top} entries per function for its largest orbit "
            f"(n^K), at most {MAX_ORBIT_ENTRIES}"
        )
    terms = young_terms(gset)
    boxes = {shape: n - shape[0] for shape, _ in terms}
    orbits = []
    if family == "natural":
        radix = n ** np.arange(k - 1, -1, -1, dtype=np.int64)
        labellings = [labels for labels in _set_partitions(k) if (max(labels) + 1 if labels else 0) <= n]
        for labels in labellings:
            j = max(labels) + 1 if labels else 0
            grid, ok = _injective(n, j)
            points = grid[:, list(labels)] @ radix if k else np.zeros(grid.shape[0], dtype=np.int64)
            index = np.where(ok, points, -1)
            # M^{(n-j, 1^j)} holds lambda = (n - m, nu) for m <= j (skew fillings of lambda / (n - j))
            shapes = [shape for shape in boxes if boxes[shape] <= j and shape[0] >= n - j]
            orbits.append(_make_orbit(gset, n, j, index, 1, shapes))
    else:
        j = k
        grid, ok = _injective(n, j)
        combos = np.array(list(itertools.combinations(range(n), k)), dtype=np.int64).reshape(-1, k)
        radix = n ** np.arange(k - 1, -1, -1, dtype=np.int64)
        keys = combos @ radix
        index = np.where(ok, np.searchsorted(keys, np.sort(grid, axis=1) @ radix), -1)
        orbits.append(_make_orbit(gset, n, j, index, math.factorial(k), list(boxes)))
    return orbits


def _make_orbit(gset: GSet, n: int, j: int, index: np.ndarray, copies: int, shapes) -> _Orbit:
    contents = [content_sum(shape) for shape in shapes]
    if len(set(contents)) < len(contents):
        raise ValueError(
            f"`space` {gset.name} of {gset.group.name} holds simples with equal content sums; the "
            "central-element backend cannot separate them"
        )
    ids = np.array([gset.group.simple_id(shape) for shape in shapes], dtype=np.int64)
    return _Orbit(n, j, index, copies, ids, contents)


class CentralParts:
    """Isotypic parts by orbit, computed chunk by chunk when asked; the ``ProjectedParts`` methods.

    Energies need no |X|-sized array per simple (S1000:natural^2: 10^6 points), so they are
    summed chunk by chunk; ``components`` holds every part (num_simples x |X| per function).
    """

    def __init__(self, gset: GSet, x: np.ndarray) -> None:
        self._gset, self._x = gset, x
        self._num = module_simple_count(gset)
        self._orbits = _orbits(gset)

    def _chunks(self):
        """(rows, orbit, parts (len(orbit.ids), rows, n^j) in longdouble) over chunks and orbits."""
        flat = self._x.reshape(-1, self._gset.size)
        for orbit in self._orbits:
            step = max(1, CHUNK_ENTRIES // max(orbit.index.size, 1))
            for start in range(0, flat.shape[0], step):
                rows = slice(start, min(start + step, flat.shape[0]))
                dense = orbit.gather(flat[rows]).astype(np.longdouble)
                parts = []
                for index in range(len(orbit.ids)):
                    once = orbit.project(dense, index)
                    parts.append(orbit.project(once, index))
                yield rows, orbit, parts

    def energies(self) -> np.ndarray:
        flat_rows = int(np.prod(self._x.shape[:-1], dtype=np.int64))
        out = np.zeros((flat_rows, self._num))
        for rows, orbit, parts in self._chunks():
            for simple, part in zip(orbit.ids, parts, strict=True):
                out[rows, simple] += (np.square(part).sum(axis=-1) / orbit.copies).astype(np.float64)
        return out.reshape(*self._x.shape[:-1], self._num)

    def _assemble(self, select) -> np.ndarray:
        """Sum of the parts whose simple ``select`` keeps, back on X, shape (rows, len(kept), |X|)."""
        flat_rows = int(np.prod(self._x.shape[:-1], dtype=np.int64))
        kept = select
        out = np.zeros((flat_rows, len(kept), self._gset.size))
        slot = {int(s): i for i, s in enumerate(kept)}
        for rows, orbit, parts in self._chunks():
            for simple, part in zip(orbit.ids, parts, strict=True):
                if int(simple) in slot:
                    target = orbit.index[orbit.first]
                    out[rows, slot[int(simple)], target] += part[:, orbit.first].astype(np.float64)
        return out

    def project(self, ids: np.ndarray) -> np.ndarray:
        ids = np.unique(np.atleast_1d(ids))
        return self._assemble(ids).sum(axis=-2).reshape(self._x.shape)

    def components(self) -> np.ndarray:
        parts = self._assemble(np.arange(self._num))
        return parts.reshape(*self._x.shape[:-1], self._num, self._gset.size)

    def reconstruct(self) -> np.ndarray:
        return self._assemble(np.arange(self._num)).sum(axis=-2).reshape(self._x.shape)


def central_parts(gset: GSet, x: np.ndarray) -> CentralParts:
    """The central-element backend of ``decompose`` (x validated, shape (..., |X|))."""
    return CentralParts(gset, np.asarray(x, dtype=np.float64))
