"""The orbit basis as a label per matrix entry, and the caps of any such labelling (docs/math.md §6).

Kept apart from ``_orbits`` (which computes the labels) so that ``_patterns`` can hand out a
labelled basis of S_n on tuples without an import circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix

from plrep._validate import check_finite_array, check_int

__all__ = ["MAX_ENTRIES", "MAX_WORK_BYTES", "OrbitBasis"]

MAX_ENTRIES = 2**26  # entries of Y x X (or of a weight tensor) that orbit_basis will label
MAX_WORK_BYTES = 2**31  # working memory of one orbit labelling (2 GiB)


def _check_work(total: int, axes: int, generators: int, name: str) -> None:
    """Refuse a labelling whose working memory would pass ``MAX_WORK_BYTES``, before allocating.

    Int64 nodes, coordinates, one (row, column) pair per generator and the sparse graph's
    copies of them: about 8 (4 + axes + 4 generators) bytes per entry.
    """
    work = 8 * total * (4 + axes + 4 * generators)
    if work > MAX_WORK_BYTES:
        raise ValueError(
            f"`{name}` must keep the orbit labelling within {MAX_WORK_BYTES // 2**20} MiB of working memory, "
            f"got {total} entries and {generators} generators (about {work // 2**20} MiB) instead"
        )


@dataclass(frozen=True, eq=False)
class OrbitBasis:
    """The orbit basis of Hom_G(R^X, R^Y).

    Attributes:
        source, target: the G-sets X and Y.
        labels: int array (|Y|, |X|): orbit number of each matrix entry (the colour matrix).

    Example:
        >>> from plrep.equivariant import orbit_basis
        >>> from plrep.groups import symmetric
        >>> from plrep.gsets import natural_gset
        >>> X = natural_gset(symmetric(3))
        >>> basis = orbit_basis(X, X)
        >>> basis.count, basis.representatives.tolist()
        (2, [[0, 0], [0, 1]])
        >>> basis.weight_matrix([2.0, 1.0]).tolist()  # 2 on the diagonal, 1 elsewhere: I + 11^T
        [[2.0, 1.0, 1.0], [1.0, 2.0, 1.0], [1.0, 1.0, 2.0]]
    """

    source: object
    target: object
    labels: np.ndarray

    def __repr__(self) -> str:
        return (
            f"OrbitBasis({self.count} orbit matrices, {self.source!r} -> {self.target!r}; "
            "labels has shape (|Y|, |X|))"
        )

    @property
    def count(self) -> int:
        """dim Hom_G(R^X, R^Y): the number of orbits on Y x X."""
        return int(self.labels.max()) + 1 if self.labels.size else 0

    @cached_property
    def representatives(self) -> np.ndarray:
        """(y, x) of the first entry of each orbit, int array (count, 2)."""
        flat = self.labels.ravel()
        first = np.full(self.count, flat.size, dtype=np.int64)
        np.minimum.at(first, flat, np.arange(flat.size))
        return np.stack(np.unravel_index(first, self.labels.shape), axis=-1)

    def representative_tuples(self) -> list[tuple[int, ...]]:
        """Each orbit's first entry as the index tuple (y_1..y_l, x_1..x_k) of its points."""
        y, x = self.representatives.T
        ys = getattr(self.target, "points", None)
        xs = getattr(self.source, "points", None)
        # One gather per side (no Python loop over the orbits: S_4 on 4^12 entries has 700,075).
        columns = [
            ys[y] if ys is not None else y[:, None],
            xs[x] if xs is not None else x[:, None],
        ]
        return [tuple(row) for row in np.concatenate(columns, axis=1).astype(np.int64).tolist()]

    def matrices(self) -> csr_matrix:
        """Sparse 0/1 matrix (count, |Y| |X|): row i is the flattened basis matrix B_i."""
        flat = self.labels.ravel()
        data = np.ones(flat.size, dtype=np.int8)
        return csr_matrix((data, (flat, np.arange(flat.size))), shape=(self.count, flat.size))

    def basis_matrix(self, index: int) -> csr_matrix:
        """B_index as a sparse (|Y|, |X|) 0/1 matrix."""
        index = check_int(index, "index", minimum=0, maximum=self.count - 1)
        return csr_matrix((self.labels == index).astype(np.int8))

    def dense(self) -> np.ndarray:
        """All basis matrices, int8 array (count, |Y|, |X|); memory count |Y| |X|."""
        return (self.labels[None] == np.arange(self.count)[:, None, None]).astype(np.int8)

    def weight_matrix(self, coefficients) -> np.ndarray:
        """W = sum_i c_i B_i for c of shape (..., count), shape (..., |Y|, |X|)."""
        coefficients = check_finite_array(coefficients, "coefficients", last_axis=self.count)
        return coefficients[..., self.labels]
