"""Closed-form isotypic projections for S_n on natural^2 and subsets^2 (and natural^1, subsets^1).

For these modules every isotypic component is a few orbit marginals away, so the central
element's Krylov vectors (``_central``) are not needed. Write a function on natural^2 as an
n x n matrix X with diagonal d and off-diagonal part O, and split O into its symmetric and
antisymmetric halves S = (O + O^T) / 2, A = (O - O^T) / 2 (diagonals zero). The diagonal is
M^(n-1,1), S is M^(n-2,2) (functions on 2-subsets) and A is the sign-twisted M^(n-2,1,1), all
three S_n-stable and orthogonal, and with

    c = sum(O) / (n (n - 1))                                (mean off the diagonal)
    a = (row sums of S - (n - 1) c) / (n - 2)              (sum a = 0)
    b = row sums of A / n                                   (sum b = 0)

the components are

    (n):        c off the diagonal, mean(d) on it
    (n-1,1):    a_i + a_j + b_i - b_j off the diagonal, d - mean(d) on it
    (n-2,2):    S_ij - c - a_i - a_j
    (n-2,1,1):  A_ij - b_i + b_j.

Why: {a_i + a_j : sum a = 0} is the one copy of (n-1,1) in M^(n-2,2) and {b_i - b_j} the one
in A; a and b are their least-squares coefficients (the Gram operator of a -> a_i + a_j is
2 (n - 2) on sum-zero a, that of b -> b_i - b_j is 2 n), and the rest of S and of A is the
one remaining simple of each. The last two are formed explicitly (X + X^T - 2 c and X - X^T,
then a and b subtracted), so a small component is never the difference of two large energies.
Each entry is a few roundings of X, c, a and b, which are pairwise sums divided by their
counts: the float64 error left in another component stays about 1e-16 of the input whatever
n is (the Krylov polynomials of ``_central`` leave about 1e-16 n). One function costs a few
passes over its n^2 entries.

subsets^2 is S alone, held packed (the pairs i < j in ``itertools.combinations`` order): c is
its mean, a comes from the row sums of S - c (``np.bincount`` over the pairs' two points), and
the (n-2,2) part is x - c - a_i - a_j on the packed pairs. natural^1 and subsets^1 are d alone.
"""

from __future__ import annotations

import numpy as np

from plrep.decomposition._cache import CACHE
from plrep.decomposition._symmetric import module_simple_count, symmetric_module_kind
from plrep.gsets import GSet

__all__ = ["PairParts", "pair_parts", "uses_pairs"]

# Functions decomposed at once: about 8 MB of float64 per function at S1000:natural^2, and a
# few arrays of that size alive per chunk; one function at a time is as fast (memory-bound).
CHUNK_ENTRIES = 2**21


def uses_pairs(gset: GSet) -> bool:
    """Whether the closed forms apply: natural^K or subsets^K with K <= 2 and n >= 4."""
    kind = symmetric_module_kind(gset)
    return kind is not None and 1 <= kind[1] <= 2 and gset.group.degree >= 4


def _ids(gset: GSet) -> dict[str, int]:
    """Simple ids of the four shapes that can occur (those absent from the module are left out)."""
    group, n = gset.group, gset.group.degree
    family, k = symmetric_module_kind(gset)
    shapes = {"trivial": (n,), "standard": (n - 1, 1)}
    if k == 2:
        shapes["pairs"] = (n - 2, 2)
        if family == "natural":
            shapes["wedge"] = (n - 2, 1, 1)
    return {name: group.simple_id(shape) for name, shape in shapes.items()}


def _pair_index(n: int) -> tuple[np.ndarray, np.ndarray]:
    """(first, second) point of each 2-subset in ``itertools.combinations`` order, as int64."""
    return CACHE.get(("pair-index", n), lambda: np.triu_indices(n, 1), size_of=lambda p: p[0].nbytes * 2)


class _Natural2:
    """The marginals of a chunk of functions on natural^2 (rows, n^2); components on demand.

    The symmetric and antisymmetric halves are formed first, as 2 S - 2 c = X + X^T - 2 c and
    2 A = X - X^T (the diagonal is cleared later), and a and b come from their row sums, which
    numpy adds pairwise (contiguous rows): no column sums, whose sequential accumulation leaves
    ~1e-16 n of a large mean. 2 A is exactly antisymmetric, so a symmetric input (relu of a
    vector of (n-2,2)) has exactly no (n-2,1,1) part; after subtracting c a constant leaves only
    an ulp per entry, so the constants reach no other simple either.
    """

    def __init__(self, x: np.ndarray, n: int) -> None:
        cube = x.reshape(-1, n, n)
        self.n = n
        self.diag = np.diagonal(cube, axis1=1, axis2=2).copy()  # (rows, n)
        self.mean_diag = self.diag.mean(axis=1)
        total = cube.sum(axis=2).sum(axis=1) - self.diag.sum(axis=1)
        self.c = total / (n * (n - 1))
        flipped = cube.transpose(0, 2, 1)
        self.sym = np.add(cube, flipped)  # becomes 2 x the (n-2,2) part
        self.sym -= 2 * self.c[:, None, None]
        self.anti = np.subtract(cube, flipped)  # becomes 2 x the (n-2,1,1) part
        _diagonal(self.sym)[...] = 0.0
        _diagonal(self.anti)[...] = 0.0
        self.a = self.sym.sum(axis=2) / (2 * (n - 2))
        self.b = self.anti.sum(axis=2) / (2 * n)
        # a_i + a_j and b_i - b_j in one matrix each (exactly symmetric and antisymmetric in
        # float64), so the halves stay exactly so: relu of a symmetric sample has no wedge part
        spread = np.add(self.a[:, :, None], self.a[:, None, :])
        spread *= 2
        self.sym -= spread
        np.subtract(self.b[:, :, None], self.b[:, None, :], out=spread)
        spread *= 2
        self.anti -= spread
        _diagonal(self.sym)[...] = 0.0
        _diagonal(self.anti)[...] = 0.0

    def energies(self, ids: dict[str, int], out: np.ndarray) -> None:
        n = self.n
        out[:, ids["trivial"]] += n * self.mean_diag**2 + n * (n - 1) * self.c**2
        spread = self.diag - self.mean_diag[:, None]
        out[:, ids["standard"]] += (
            _squares(spread) + 2 * (n - 2) * _squares(self.a) + 2 * n * _squares(self.b)
        )
        out[:, ids["pairs"]] += _squares(self.sym) / 4
        out[:, ids["wedge"]] += _squares(self.anti) / 4

    def component(self, name: str) -> np.ndarray:
        """One isotypic component on natural^2, (rows, n^2)."""
        rows, n = self.diag.shape[0], self.n
        if name in ("pairs", "wedge"):
            return (self.sym if name == "pairs" else self.anti).reshape(rows, n * n) / 2
        if name == "trivial":
            part = np.broadcast_to(self.c[:, None, None], (rows, n, n)).copy()
            diag = np.broadcast_to(self.mean_diag[:, None], (rows, n))
        else:
            part = (self.a + self.b)[:, :, None] + (self.a - self.b)[:, None, :]
            diag = self.diag - self.mean_diag[:, None]
        _diagonal(part)[...] = diag
        return part.reshape(rows, n * n)


def _diagonal(cube: np.ndarray) -> np.ndarray:
    """The writable diagonals of a stack of square matrices, (rows, n)."""
    return np.einsum("kii->ki", cube)


class _Subsets2:
    """The marginals of a chunk of functions on subsets^2 (rows, n (n - 1) / 2), packed."""

    def __init__(self, x: np.ndarray, n: int) -> None:
        self.n, self.x = n, x
        self.first, self.second = _pair_index(n)
        self.c = x.sum(axis=1) / (n * (n - 1) / 2)  # numpy's pairwise sum
        # the row sums of S - c: each pair counted at both of its points (S_ij = S_ji = x_ij);
        # centred first, so that bincount's running sums carry no large mean
        centred = x - self.c[:, None]
        sums = np.stack([_point_sums(row, self.first, self.second, n) for row in centred])
        self.a = sums / (n - 2)
        centred -= np.take(self.a, self.first, axis=1)
        centred -= np.take(self.a, self.second, axis=1)
        self.pairs = centred  # x - c - a_i - a_j: the (n-2,2) part

    def energies(self, ids: dict[str, int], out: np.ndarray) -> None:
        n = self.n
        out[:, ids["trivial"]] += n * (n - 1) / 2 * self.c**2
        out[:, ids["standard"]] += (n - 2) * _squares(self.a)  # sum over i < j of (a_i + a_j)^2
        out[:, ids["pairs"]] += _squares(self.pairs)

    def component(self, name: str) -> np.ndarray:
        if name == "pairs":
            return self.pairs.copy()
        if name == "trivial":
            return np.broadcast_to(self.c[:, None], self.x.shape).copy()
        return np.take(self.a, self.first, axis=1) + np.take(self.a, self.second, axis=1)


class _Points:
    """natural^1 = subsets^1: the constants and the sum-zero functions."""

    def __init__(self, x: np.ndarray, n: int) -> None:
        self.x, self.mean = x, x.mean(axis=1)

    def energies(self, ids: dict[str, int], out: np.ndarray) -> None:
        out[:, ids["trivial"]] += self.x.shape[1] * self.mean**2
        out[:, ids["standard"]] += _squares(self.x - self.mean[:, None])

    def component(self, name: str) -> np.ndarray:
        if name == "trivial":
            return np.broadcast_to(self.mean[:, None], self.x.shape).copy()
        return self.x - self.mean[:, None]


def _point_sums(values: np.ndarray, first: np.ndarray, second: np.ndarray, n: int) -> np.ndarray:
    """For one function on the 2-subsets: the sum over the pairs holding each point, (n,)."""
    return np.bincount(first, values, minlength=n) + np.bincount(second, values, minlength=n)


def _squares(values: np.ndarray) -> np.ndarray:
    """Sum of squares over every axis but the first (one dot product per row, no squared copy)."""
    flat = values.reshape(values.shape[0], -1)
    return np.einsum("ij,ij->i", flat, flat)


class PairParts:
    """Isotypic parts of natural^K / subsets^K (K <= 2) of S_n in closed form; ``ProjectedParts`` methods."""

    def __init__(self, gset: GSet, x: np.ndarray) -> None:
        self._gset, self._x = gset, x
        family, k = symmetric_module_kind(gset)
        n = gset.group.degree
        self._ids = _ids(gset)
        self._num = module_simple_count(gset)
        self._make = (
            (lambda chunk: _Points(chunk, n))
            if k == 1
            else (lambda chunk: _Natural2(chunk, n))
            if family == "natural"
            else (lambda chunk: _Subsets2(chunk, n))
        )

    def _chunks(self):
        flat = self._x.reshape(-1, self._gset.size)
        step = max(1, CHUNK_ENTRIES // max(self._gset.size, 1))
        for start in range(0, flat.shape[0], step):
            rows = slice(start, min(start + step, flat.shape[0]))
            yield rows, self._make(flat[rows])

    def energies(self) -> np.ndarray:
        out = np.zeros((int(np.prod(self._x.shape[:-1], dtype=np.int64)), self._num))
        for rows, marginals in self._chunks():
            marginals.energies(self._ids, out[rows])
        return out.reshape(*self._x.shape[:-1], self._num)

    def _assemble(self, kept) -> np.ndarray:
        """The parts of the simples ``kept``, shape (rows, len(kept), |X|) (zero for absent ones)."""
        flat_rows = int(np.prod(self._x.shape[:-1], dtype=np.int64))
        out = np.zeros((flat_rows, len(kept), self._gset.size))
        names = {simple: name for name, simple in self._ids.items()}
        for rows, marginals in self._chunks():
            for slot, simple in enumerate(kept):
                if int(simple) in names:
                    out[rows, slot] = marginals.component(names[int(simple)])
        return out

    def project(self, ids: np.ndarray) -> np.ndarray:
        ids = np.unique(np.atleast_1d(ids))
        flat_rows = int(np.prod(self._x.shape[:-1], dtype=np.int64))
        out = np.zeros((flat_rows, self._gset.size))
        names = {simple: name for name, simple in self._ids.items()}
        for rows, marginals in self._chunks():
            for simple in ids:
                if int(simple) in names:
                    out[rows] += marginals.component(names[int(simple)])
        return out.reshape(self._x.shape)

    def components(self) -> np.ndarray:
        parts = self._assemble(np.arange(self._num))
        return parts.reshape(*self._x.shape[:-1], self._num, self._gset.size)

    def reconstruct(self) -> np.ndarray:
        return self.project(np.array(list(self._ids.values())))


def pair_parts(gset: GSet, x: np.ndarray) -> PairParts:
    """The closed-form backend of ``decompose`` (x validated, shape (..., |X|))."""
    return PairParts(gset, np.asarray(x, dtype=np.float64))
