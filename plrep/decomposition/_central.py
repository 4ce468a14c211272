"""Isotypic decomposition for S_n on natural^K and subsets^K by a central element, no elements.

The class sum of the transpositions, T = sum_{a<b} (a b), is central in R[S_n], so it acts on
the lambda-isotypic component of any S_n-module by a scalar: the content sum
c(lambda) = sum over boxes (i, j) of lambda of (j - i) (Jucys–Murphy; docs/math.md §5). On
R^X it is the sparse symmetric matrix (T f)(x) = sum_t f(t x): a point x with s distinct
entries is fixed by the C(n - s, 2) transpositions avoiding them, and moved by the others
(at most s n), so T has about |X| K n nonzeros.

When the simples present in R^X (Young's rule, ``_symmetric``) have distinct content sums,
P_lambda = prod_{mu != lambda} (T - c_mu) / (c_lambda - c_mu) is the isotypic projector. It is
applied in extended precision (``np.longdouble``) with the integer diagonal shifted exactly,
then each component is projected a second time to remove the leakage of the first pass.
Cost: (#present - 1) sparse products per component; memory O(|X| K n).
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.sparse import csr_matrix

from plrep.decomposition._cache import CACHE
from plrep.decomposition._symmetric import symmetric_module_kind, young_multiplicities
from plrep.gsets import GSet

__all__ = ["CentralParts", "central_parts", "content_sum", "uses_central"]

# |X| K n nonzeros of T: 2^24 entries (a few hundred MB with indices) at most.
MAX_CENTRAL_ENTRIES = 2**24


def content_sum(shape: tuple[int, ...]) -> int:
    """c(lambda) = sum of j - i over the boxes (i, j): the scalar of T on S^lambda.

    >>> content_sum((3, 1)), content_sum((2, 1, 1))
    (2, -2)
    """
    return sum(j - i for i, part in enumerate(shape) for j in range(part))


def uses_central(gset: GSet) -> bool:
    """Whether the central-element backend applies: S_n (beyond listing) on natural^K / subsets^K."""
    return _layout(gset) is not None


def _layout(gset: GSet):
    return CACHE.get(("central-layout", gset), lambda: _build_layout(gset), size_of=lambda _: 0)


def _build_layout(gset: GSet):
    kind = symmetric_module_kind(gset)
    if kind is None:
        return None
    n = gset.group.degree
    entries = gset.size * max(kind[1], 1) * n
    if entries > MAX_CENTRAL_ENTRIES:
        raise ValueError(
            f"`space` {gset.name} of {gset.group.name} needs {entries} sparse entries for its central "
            f"element, at most {MAX_CENTRAL_ENTRIES}"
        )
    counts = young_multiplicities(gset)
    present = np.flatnonzero(counts > 0)
    shapes = [gset.group.simples[int(i)].partition for i in present]
    contents = [content_sum(shape) for shape in shapes]
    if len(set(contents)) < len(contents):
        raise ValueError(
            f"`space` {gset.name} of {gset.group.name} holds simples with equal content sums; the "
            "central-element backend cannot separate them"
        )
    return present, np.array(contents, dtype=np.int64)


def _points(gset: GSet, kind: tuple[str, int]) -> np.ndarray:
    n, (family, k) = gset.group.degree, kind
    if family == "natural":
        return np.array(list(itertools.product(range(n), repeat=k)), dtype=np.int64).reshape(-1, k)
    return np.array(list(itertools.combinations(range(n), k)), dtype=np.int64).reshape(-1, k)


def _transposition_sum(gset: GSet):
    """(off-diagonal part of T as CSR, diagonal of T as int array)."""
    return CACHE.get(
        ("central-T", gset),
        lambda: _build_transposition_sum(gset),
        size_of=lambda pair: pair[0].data.nbytes * 3 + pair[1].nbytes,
    )


def _build_transposition_sum(gset: GSet):
    family, k = kind = symmetric_module_kind(gset)
    n, size = gset.group.degree, gset.size
    points = _points(gset, kind)
    if k == 0:
        return csr_matrix((size, size)), np.full(size, n * (n - 1) // 2, dtype=np.int64)
    # every pair (a, b) with a an entry of x: canonical key (x, min, max), deduplicated
    rows = np.repeat(np.arange(size), k * n)
    a = np.repeat(points, n, axis=1).ravel()
    b = np.tile(np.arange(n), size * k)
    keep = a != b
    rows, a, b = rows[keep], a[keep], b[keep]
    low, high = np.minimum(a, b), np.maximum(a, b)
    keys = np.unique((rows * n + low) * n + high)
    rows, low, high = keys // (n * n), (keys // n) % n, keys % n
    moved = points[rows]
    images = np.where(
        moved == low[:, None], high[:, None], np.where(moved == high[:, None], low[:, None], moved)
    )
    if family == "natural":
        cols = images @ (n ** np.arange(k - 1, -1, -1, dtype=np.int64))
    else:
        radix = n ** np.arange(k - 1, -1, -1, dtype=np.int64)
        cols = np.searchsorted(points @ radix, np.sort(images, axis=1) @ radix)
    off = csr_matrix((np.ones(rows.size), (rows, cols)), shape=(size, size))
    moved_count = np.bincount(rows, minlength=size)
    diagonal = n * (n - 1) // 2 - moved_count
    return off, diagonal


def _apply_shifted(off, diagonal, shift: int, x: np.ndarray) -> np.ndarray:
    """(T - shift) x for x of shape (m, |X|), the diagonal shifted in exact integers."""
    return (off @ x.T).T + (diagonal - shift).astype(x.dtype) * x


def _project(off, diagonal, contents, index: int, x: np.ndarray) -> np.ndarray:
    y = x
    for other, c in enumerate(contents):
        if other != index:
            y = _apply_shifted(off, diagonal, int(c), y) / (contents[index] - c)
    return y


class CentralParts:
    """Components of the present simples only (others are zero), the ``ProjectedParts`` methods."""

    def __init__(self, present: np.ndarray, num_simples: int, parts: np.ndarray) -> None:
        self._present, self._num = present, num_simples
        self._parts = parts  # (..., len(present), |X|)
        self._parts.setflags(write=False)

    def energies(self) -> np.ndarray:
        out = np.zeros((*self._parts.shape[:-2], self._num))
        out[..., self._present] = np.square(self._parts).sum(axis=-1)
        return out

    def project(self, ids: np.ndarray) -> np.ndarray:
        rows = np.flatnonzero(np.isin(self._present, ids))
        return self._parts[..., rows, :].sum(axis=-2)

    def components(self) -> np.ndarray:
        out = np.zeros((*self._parts.shape[:-2], self._num, self._parts.shape[-1]))
        out[..., self._present, :] = self._parts
        return out

    def reconstruct(self) -> np.ndarray:
        return self._parts.sum(axis=-2)


def central_parts(gset: GSet, x: np.ndarray) -> CentralParts:
    """The central-element backend of ``decompose`` (x validated, shape (..., |X|))."""
    present, contents = _layout(gset)
    off, diagonal = _transposition_sum(gset)
    flat = x.reshape(-1, gset.size).astype(np.longdouble)
    off = off.astype(np.longdouble)
    parts = []
    for index in range(len(present)):
        once = _project(off, diagonal, contents, index, flat)
        parts.append(_project(off, diagonal, contents, index, once).astype(np.float64))
    stacked = np.stack(parts, axis=-2).reshape(*x.shape[:-1], len(present), gset.size)
    return CentralParts(present, len(gset.group.simples), stacked)
