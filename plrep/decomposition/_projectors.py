"""The character backend: isotypic decomposition for permutation groups, by projectors.

For a real simple L with character chi_L and type weight w_L (``plrep.groups.CharacterTable``),
P_L = dim L / (w_L |G|) sum_g chi_L(g) rho(g) on R^X, (rho(g) f)(x) = f(g^-1 x). chi_L is real,
so chi_L(g) = chi_L(g^-1) and (P_L f)[x] = (1/|G|) sum_g c_L(g) f[g x] with
c_L = dim L chi_L / w_L, constant on conjugacy classes. Two evaluation paths, both exact:

* dense: the class-sum matrices A_k[x, y] = #{g in C_k : g x = y} are counted once per G-set
  (one ``bincount`` over |G| |X| entries) and combined into the stack of projectors
  P_L = (1/|G|) sum_k c_L(C_k) A_k, cached per G-set; applying them is one matrix product.
  Used while num_classes |X|^2 stays below ``DENSE_LIMIT``.
* streaming: f[g x] is summed per class over chunks of elements, O(|G| |X|) per vector and no
  |X| x |X| matrix.

Neither ever costs O(|G| |X|^2). Projector stacks live in the bounded ``CACHE``.
"""

from __future__ import annotations

import numpy as np

from plrep.decomposition._cache import CACHE
from plrep.gsets import GSet

__all__ = [
    "DENSE_LIMIT",
    "ProjectedParts",
    "character_dense_projector",
    "character_multiplicities",
    "character_parts",
]

DENSE_LIMIT = 2**23


def _projector_stack(gset: GSet) -> np.ndarray:
    """All projectors P_L as one array (num_simples, |X|, |X|) (the dense path), cached."""
    return CACHE.get(("projectors", gset), lambda: _build_projector_stack(gset), size_of=lambda a: a.nbytes)


def _build_projector_stack(gset: GSet) -> np.ndarray:
    group, size = gset.group, gset.size
    r = group.num_classes
    flat = (group.class_labels[:, None] * size + np.arange(size)) * size + gset.element_perms
    sums = np.bincount(flat.ravel(), minlength=r * size * size).reshape(r, size * size)
    coefficients = group.character_table.projector_coefficients / group.order
    return (coefficients @ sums).reshape(-1, size, size)


def _uses_dense(gset: GSet) -> bool:
    return gset.group.num_classes * gset.size**2 <= DENSE_LIMIT


def _components(gset: GSet, x: np.ndarray) -> np.ndarray:
    """Isotypic components of x (..., |X|) -> (..., num_simples, |X|)."""
    group = gset.group
    if _uses_dense(gset):
        return np.einsum("sxy,...y->...sx", _projector_stack(gset), x, optimize=True)
    perms, labels = gset.element_perms, group.class_labels
    sums = np.zeros((*x.shape[:-1], group.num_classes, gset.size))
    chunk = max(1, 2**22 // max(1, x.size))
    for start in range(0, group.order, chunk):
        gathered = x[..., perms[start : start + chunk]]  # (..., chunk, |X|): f[g x]
        for k in np.unique(labels[start : start + chunk]):
            sums[..., k, :] += gathered[..., labels[start : start + chunk] == k, :].sum(axis=-2)
    coefficients = group.character_table.projector_coefficients / group.order
    return np.einsum("sk,...kx->...sx", coefficients, sums)


class ProjectedParts:
    """The character backend's result: every isotypic component, (..., num_simples, |X|)."""

    def __init__(self, components: np.ndarray) -> None:
        self._parts = components
        self._parts.setflags(write=False)

    def energies(self) -> np.ndarray:
        return np.einsum("...sx,...sx->...s", self._parts, self._parts)  # no squared copy

    def project(self, ids: np.ndarray) -> np.ndarray:
        return self._parts[..., ids, :].sum(axis=-2)

    def components(self) -> np.ndarray:
        return np.array(self._parts)

    def reconstruct(self) -> np.ndarray:
        return self._parts.sum(axis=-2)


def character_parts(gset: GSet, x: np.ndarray) -> ProjectedParts:
    """The character backend of ``decompose`` (x already validated, shape (..., |X|))."""
    return ProjectedParts(_components(gset, x))


def character_multiplicities(gset: GSet) -> np.ndarray:
    """How often each real simple occurs in R^X: <chi_X, chi_L> / w_L, int array (num_simples,)."""
    return gset.group.character_table.multiplicities(gset.permutation_character)


def character_dense_projector(gset: GSet, simple_id: int) -> np.ndarray:
    """The |X| x |X| projector P_L of one simple (from the cached stack or built directly)."""
    if _uses_dense(gset):
        return np.array(_projector_stack(gset)[simple_id])
    return _components(gset, np.eye(gset.size))[:, simple_id, :].T
