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

The three parts commute: W = sum_{i<i'} (swap positions i, i') is the class sum of the
transpositions of S_j acting on positions, R = sum_i (S_i - F) the replacements. As an
S_n x S_j-module the functions on injective j-tuples are the sum over nu |- j of
Ind_{S_{n-j} x S_j}^{S_n}(1 x S^nu) x S^nu, and by Pieri's rule that induced module holds each
lambda = (n - m, lam) with lam obtained from nu by removing a horizontal strip once. So W is
c(nu) and R is c(lambda) - C(n - j, 2) - c(nu) on the (lambda, nu) part, and the isotypic
components come in two steps, both by Lagrange polynomials in an operator with known
eigenvalues:

1. the nu-parts by W (small integers: |c(nu)| <= C(j, 2); distinct for j <= 5);
2. within a nu-part, the lambda-parts by R, from the Krylov vectors G, RG, ... (one
   application of R per eigenvalue beyond the first, shared by all the components). Levels m
   differ by about n in R, parts of one level by a few units, so the float64 round-off left
   in another component is about 1e-16 n (1e-13 at n = 1000; the graphs' non-edges must stay
   below 3e-13).

natural^2 at n = 1000 (10^6 points) costs 3 applications of R per function, 20 passes over
its entries. Batches are cut into chunks of at most ``CHUNK_ENTRIES`` entries.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from plrep.decomposition._cache import CACHE
from plrep.decomposition._pairs import PairParts, pair_parts, uses_pairs
from plrep.decomposition._symmetric import module_simple_count, symmetric_module_kind, young_terms
from plrep.groups._symmetric import partitions
from plrep.gsets import GSet

__all__ = ["CentralParts", "central_parts", "content_sum", "uses_central"]

# Dense orbit arrays: n^j entries per function for the largest orbit (n^K; for subsets^K the
# K! orderings of each subset), as many as a G-set's points (MAX_POINTS): S4096:natural^2,
# S256:subsets^3; building the orbit's index takes about 40 bytes per entry (0.7 GB there).
MAX_ORBIT_ENTRIES = 2**24
# Entries of one chunk of functions on one orbit (float64; a few Krylov vectors live at once).
CHUNK_ENTRIES = 2**20  # 8 MB per array: measured faster than 2^21 and 2^22 (S1000:natural^2)


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

    def __init__(self, n: int, j: int, index: np.ndarray, copies: int, types) -> None:
        self.n, self.j = n, j
        self.index = index  # (n^j,) position in X of each j-tuple, -1 off the injective ones
        self.valid = index >= 0
        self.invalid = np.flatnonzero(~self.valid)
        # one tuple per point when writing back (subsets: the increasing ordering)
        self.first = self.valid & (_increasing(n, j) if copies > 1 else True)
        self.contiguous = copies == 1 and np.array_equal(index[self.valid], np.flatnonzero(self.valid))
        self.copies = copies  # how many injective j-tuples stand for one point (K! for subsets)
        # [(c(nu), [(simple id, eigenvalue of R), ...]), ...]: the nu-types and their lambdas
        self.types = types

    @property
    def ids(self) -> list[int]:
        return [simple for _, parts in self.types for simple, _ in parts]

    def gather(self, x: np.ndarray) -> np.ndarray:
        if self.contiguous:  # the orbit of distinct entries of natural^K: X's own order
            dense = x.copy()
            dense[:, self.invalid] = 0.0
            return dense
        dense = np.zeros((x.shape[0], self.index.size))
        dense[:, self.valid] = x[:, self.index[self.valid]]
        return dense

    def _cube(self, f: np.ndarray) -> np.ndarray:
        return f.reshape(-1, *([self.n] * self.j))

    def swaps(self, f: np.ndarray, shift: float) -> np.ndarray:
        """(W - shift) f: the sum of the position swaps (zero off the injective tuples stays zero)."""
        cube = self._cube(f)
        out = -shift * cube
        for i, k in itertools.combinations(range(1, self.j + 1), 2):
            out += np.swapaxes(cube, i, k)
        return out.reshape(f.shape)

    def replacements(self, f: np.ndarray, shift: float) -> np.ndarray:
        """(R - shift) f: sum_i (sum_b f(y_i -> b) - f(y)) - shift f on the injective tuples."""
        cube = self._cube(f)
        out = (-self.j - shift) * cube
        for i in range(1, self.j + 1):
            out += cube.sum(axis=i, keepdims=True)
        out = out.reshape(f.shape)
        out[:, self.invalid] = 0  # a few indices (the diagonals), not a mask over n^j entries
        return out

    def parts(self, f: np.ndarray):
        """(simple id, its component) for every simple of the orbit, f of shape (m, n^j)."""
        contents = [content for content, _ in self.types]
        for typed, (_, lambdas) in zip(_lagrange(self.swaps, f, contents), self.types, strict=True):
            nodes = [r for _, r in lambdas]
            yield from zip(
                [simple for simple, _ in lambdas], _lagrange(self.replacements, typed, nodes), strict=True
            )


def _lagrange(shifted, f: np.ndarray, nodes: list[int]) -> np.ndarray:
    """The eigencomponents of f for an operator with the given distinct eigenvalues, (r, *f.shape).

    ``shifted(v, s)`` applies (A - s); A is shifted by the middle node and scaled by the spread,
    so the Krylov vectors f, A f, ... keep their size and the monomial basis stays well
    conditioned. The Lagrange polynomials' coefficients come from the exact nodes; one matrix
    product (BLAS) combines the Krylov vectors into all components at once.
    """
    if len(nodes) == 1:
        return f[None]
    shift = (max(nodes) + min(nodes)) // 2
    spread = float(max(max(nodes) - shift, shift - min(nodes), 1))
    scaled = [(r - shift) / spread for r in nodes]
    krylov = np.empty((len(nodes), *f.shape))
    krylov[0] = f
    for t in range(1, len(nodes)):
        krylov[t] = shifted(krylov[t - 1], shift)
        krylov[t] /= spread
    lagrange = np.empty((len(nodes), len(nodes)))
    for k, node in enumerate(scaled):
        others = [a for i, a in enumerate(scaled) if i != k]
        lagrange[k] = np.polynomial.polynomial.polyfromroots(others) / np.prod([node - a for a in others])
    return (lagrange @ krylov.reshape(len(nodes), -1)).reshape(krylov.shape)


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


def _horizontal_strip(nu: tuple[int, ...], lam: tuple[int, ...]) -> bool:
    """Whether lam comes from nu by removing a horizontal strip: nu_{i+1} <= lam_i <= nu_i."""
    lam = lam + (0,) * (len(nu) - len(lam))
    if len(lam) > len(nu):
        return False
    nxt = (*nu[1:], 0)
    return all(b <= a <= c for a, b, c in zip(lam, nxt, nu, strict=True))


def _make_orbit(gset: GSet, n: int, j: int, index: np.ndarray, copies: int, shapes) -> _Orbit:
    """The orbit of injective j-tuples with its nu-types (all nu |- j; subsets: nu = (j) only)."""
    group = gset.group
    types = []
    for nu in partitions(j) if copies == 1 else [(j,)] if j else [()]:
        lambdas = []
        for shape in shapes:
            # Pieri: Ind(1 x S^nu) holds lambda iff lambda / nu is a horizontal strip of n - j boxes
            if shape[0] >= (nu[0] if nu else 0) and _horizontal_strip(nu, shape[1:]):
                eigenvalue = content_sum(shape) - math.comb(n - j, 2) - content_sum(nu)
                lambdas.append((group.simple_id(shape), eigenvalue))
        if lambdas:
            types.append((content_sum(nu), lambdas))
    for content, lambdas in types:
        if len({r for _, r in lambdas}) < len(lambdas) or [c for c, _ in types].count(content) > 1:
            raise ValueError(
                f"`space` {gset.name} of {group.name} holds simples with equal content sums; the "
                "central-element backend cannot separate them"
            )
    return _Orbit(n, j, index, copies, types)


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
        """(rows, orbit, parts [(simple id, component (rows, n^j))]) over chunks and orbits."""
        flat = self._x.reshape(-1, self._gset.size)
        for orbit in self._orbits:
            step = max(1, CHUNK_ENTRIES // max(orbit.index.size, 1))
            for start in range(0, flat.shape[0], step):
                rows = slice(start, min(start + step, flat.shape[0]))
                yield rows, orbit, list(orbit.parts(orbit.gather(flat[rows])))

    def energies(self) -> np.ndarray:
        flat_rows = int(np.prod(self._x.shape[:-1], dtype=np.int64))
        out = np.zeros((flat_rows, self._num))
        for rows, orbit, parts in self._chunks():
            for simple, part in parts:
                out[rows, simple] += np.einsum("ij,ij->i", part, part) / orbit.copies
        return out.reshape(*self._x.shape[:-1], self._num)

    def _assemble(self, kept) -> np.ndarray:
        """The parts of the simples ``kept``, back on X, shape (rows, len(kept), |X|).

        Each part is projected a second time: a small component of a large x (the constants of
        a Gaussian vector on 5e5 points) carries the first pass's round-off, about 1e-16 |x|,
        which is 1e-13 of the component itself; the second pass leaves 1e-16 of the component.
        """
        flat_rows = int(np.prod(self._x.shape[:-1], dtype=np.int64))
        out = np.zeros((flat_rows, len(kept), self._gset.size))
        slot = {int(s): i for i, s in enumerate(kept)}
        for rows, orbit, parts in self._chunks():
            for position, (simple, part) in enumerate(parts):
                if int(simple) in slot:  # a simple can come twice (S_j-types): refine by position
                    again = list(orbit.parts(part))[position][1]
                    target = orbit.index[orbit.first]
                    out[rows, slot[int(simple)], target] += again[:, orbit.first]
        return out

    def project(self, ids: np.ndarray) -> np.ndarray:
        ids = np.unique(np.atleast_1d(ids))
        return self._assemble(ids).sum(axis=-2).reshape(self._x.shape)

    def components(self) -> np.ndarray:
        parts = self._assemble(np.arange(self._num))
        return parts.reshape(*self._x.shape[:-1], self._num, self._gset.size)

    def reconstruct(self) -> np.ndarray:
        return self._assemble(np.arange(self._num)).sum(axis=-2).reshape(self._x.shape)


def central_parts(gset: GSet, x: np.ndarray) -> CentralParts | PairParts:
    """The central-element backend of ``decompose`` (x validated, shape (..., |X|)).

    For K <= 2 the eigenspaces of T have closed forms in orbit marginals (``_pairs``): a few
    passes per function, round-off independent of n; the Krylov vectors for K >= 3.
    """
    if uses_pairs(gset):
        return pair_parts(gset, x)
    return CentralParts(gset, np.asarray(x, dtype=np.float64))
