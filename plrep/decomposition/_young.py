"""The regular module of S_7 by Young's orthogonal form: one matrix product per batch.

The lambda-isotypic part of R[S_n] is spanned by the matrix coefficients g -> rho_lambda(g)_ij of
any orthogonal form of S^lambda, and by Schur orthogonality the functions
sqrt(f^lambda / n!) rho_lambda(g)_ij are an orthonormal basis of it. So with the n! x n! matrix
B of all of them, the coefficients of a batch are x @ B, energies are sums of their squares and
projections coefficients @ B_lambda^T: n!^2 per sample instead of n!^2 per sample and simple.

Young's orthogonal form: on standard tableaux T of shape lambda, the adjacent transposition
s_i = (i, i+1) acts by rho(s_i) e_T = e_T / r + sqrt(1 - 1/r^2) e_{s_i T}, r = c(i+1) - c(i) the
axial distance (c = column - row of an entry); e_{s_i T} is absent when s_i T is not standard
(r = +-1). Each element's matrix is its parent's times one rho(s_i), along a breadth-first walk
of the Cayley graph for the adjacent transpositions: every element in O(sum f^2) = O(n!) flops.

S_8 would need B of 40,320^2 floats (13 GB): refused, the character backend's caps then apply.
"""

from __future__ import annotations

import math

import numpy as np

from plrep.decomposition._cache import CACHE
from plrep.groups import SymmetricGroup
from plrep.gsets import GSet

__all__ = ["YOUNG_DEGREES", "YoungParts", "uses_young", "young_basis", "young_parts"]

# S_7 (5,040 elements: B is 203 MB). S_6 works too (the tests use it) but its character
# projectors are 3x faster there (benchmarks/bench_large_groups.py): S_6 and below keep them.
YOUNG_DEGREES = (7,)


def uses_young(gset: GSet) -> bool:
    """The regular module of S_n, n in ``YOUNG_DEGREES`` (constructed by ``regular``)."""
    group = gset.group
    return isinstance(group, SymmetricGroup) and group.degree in YOUNG_DEGREES and bool(gset.is_regular)


def _tableaux(shape: tuple[int, ...]) -> list[tuple[tuple[int, int], ...]]:
    """Standard tableaux as the (row, column) of the entries 0..n-1, in a fixed order."""
    n = sum(shape)
    out = []

    def grow(rows: list[int], cells: list[tuple[int, int]]) -> None:
        if len(cells) == n:
            out.append(tuple(cells))
            return
        for r, length in enumerate(rows):
            if length < shape[r] and (r == 0 or rows[r - 1] > length):
                rows[r] += 1
                grow(rows, [*cells, (r, length)])
                rows[r] -= 1

    grow([0] * len(shape), [])
    return out


def _adjacent_matrices(shape: tuple[int, ...]) -> list[np.ndarray]:
    """rho(s_i) for i = 0..n-2 in Young's orthogonal form (dim f^shape)."""
    tableaux = _tableaux(shape)
    index = {t: k for k, t in enumerate(tableaux)}
    n, size = sum(shape), len(tableaux)
    matrices = []
    for i in range(n - 1):
        matrix = np.zeros((size, size))
        for k, cells in enumerate(tableaux):
            (r0, c0), (r1, c1) = cells[i], cells[i + 1]
            axial = (c1 - r1) - (c0 - r0)
            matrix[k, k] = 1.0 / axial
            if abs(axial) > 1:
                swapped = list(cells)
                swapped[i], swapped[i + 1] = cells[i + 1], cells[i]
                matrix[index[tuple(swapped)], k] = math.sqrt(1.0 - 1.0 / axial**2)
        matrices.append(matrix)
    return matrices


def _element_matrices(group: SymmetricGroup, shape: tuple[int, ...]) -> np.ndarray:
    """rho(g) for every element g (in ``group.elements`` order), shape (|G|, f, f)."""
    n = group.degree
    adjacent = _adjacent_matrices(shape)
    size = adjacent[0].shape[0] if adjacent else 1
    elements = group.elements
    matrices = np.zeros((len(elements), size, size))
    identity = group.index_of(np.arange(n)[None, :])[0]
    matrices[identity] = np.eye(size)
    seen = np.zeros(len(elements), dtype=bool)
    seen[identity] = True
    frontier = np.array([identity])
    while frontier.size:
        found = []
        for i, matrix in enumerate(adjacent):
            swap = np.arange(n)
            swap[[i, i + 1]] = swap[[i + 1, i]]
            children = group.index_of(elements[frontier][:, swap])  # g o s_i
            new = ~seen[children]
            children, parents = children[new], frontier[new]
            children, first = np.unique(children, return_index=True)
            parents = parents[first]
            matrices[children] = matrices[parents] @ matrix  # rho(g s_i) = rho(g) rho(s_i)
            seen[children] = True
            found.append(children)
        frontier = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return matrices


def young_basis(group: SymmetricGroup) -> list[np.ndarray]:
    """Per simple (id order), the orthonormal basis sqrt(f/|G|) rho(g)_ij of its isotypic part, (|G|, f^2)."""

    def build():
        order = group.order
        bases = []
        for simple in group.simples:
            matrices = _element_matrices(group, simple.partition)
            f = matrices.shape[1]
            basis = math.sqrt(f / order) * matrices.reshape(order, f * f)
            basis.setflags(write=False)
            bases.append(basis)
        return bases

    return CACHE.get(("young-basis", group), build, size_of=lambda bases: sum(b.nbytes for b in bases))


class YoungParts:
    """Coefficients in the orthonormal isotypic bases; ``ProjectedParts`` methods."""

    def __init__(self, bases: list[np.ndarray], x: np.ndarray) -> None:
        self._bases = bases
        self._coefficients = [x @ basis for basis in bases]

    def energies(self) -> np.ndarray:
        return np.stack([np.einsum("...k,...k->...", c, c) for c in self._coefficients], axis=-1)

    def project(self, ids: np.ndarray) -> np.ndarray:
        return np.sum(
            [self._coefficients[int(i)] @ self._bases[int(i)].T for i in np.atleast_1d(ids)], axis=0
        )

    def components(self) -> np.ndarray:
        return np.stack([c @ b.T for c, b in zip(self._coefficients, self._bases, strict=True)], axis=-2)

    def reconstruct(self) -> np.ndarray:
        return np.sum([c @ b.T for c, b in zip(self._coefficients, self._bases, strict=True)], axis=0)


def young_parts(gset: GSet, x: np.ndarray) -> YoungParts:
    """The Young backend of ``decompose`` (x validated, shape (..., |G|))."""
    return YoungParts(young_basis(gset.group), x)
