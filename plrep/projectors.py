"""Isotypic decomposition of permutation modules of permutation groups, by characters.

For a real simple L with character chi_L and type weight w_L (``plrep.characters``),
P_L = dim L / (w_L |G|) sum_g chi_L(g) rho(g) on R^X, (rho(g) f)(x) = f(g^-1 x). chi_L is real,
so chi_L(g) = chi_L(g^-1) and (P_L f)[x] = (1/|G|) sum_g c_L(g) f[g x] with
c_L = dim L chi_L / w_L, constant on conjugacy classes. Two evaluation paths, both exact:

* dense: the class-sum matrices A_k[x, y] = #{g in C_k : g x = y} are counted once per G-set
  (one ``bincount`` over |G| |X| entries) and combined into the stack of projectors
  P_L = (1/|G|) sum_k c_L(C_k) A_k, cached per G-set; applying them is one matrix product.
  Used while num_classes |X|^2 stays below ``DENSE_LIMIT``.
* streaming: f[g x] is summed per class over chunks of elements, O(|G| |X|) per vector and no
  |X| x |X| matrix.

Neither ever costs O(|G| |X|^2). ``Decomposition`` mirrors ``plrep.fourier.Decomposition``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import numpy as np

from plrep._validate import check_choice, check_finite_array, check_int, describe
from plrep.fourier import check_dense_size
from plrep.permgroups import PermutationGroup
from plrep.permgsets import PermGSet, perm_regular

__all__ = [
    "DENSE_LIMIT",
    "PermDecomposition",
    "as_perm_gset",
    "decompose_perm",
    "dense_perm_projector",
    "perm_multiplicities",
    "standard_plane",
    "standard_to_trivial",
]

DENSE_LIMIT = 2**23
Plane = Literal["helmert", "points"]


def as_perm_gset(space) -> PermGSet:
    """A ``PermGSet``, or a ``PermutationGroup`` meaning its regular module."""
    if isinstance(space, PermGSet):
        return space
    if isinstance(space, PermutationGroup):
        return perm_regular(space)
    raise TypeError(f"`space` must be a PermGSet or a PermutationGroup, got {describe(space)} instead")


@lru_cache(maxsize=8)
def _projector_stack(gset: PermGSet) -> np.ndarray:
    """All projectors P_L as one array (num_simples, |X|, |X|) (the dense path)."""
    group, size = gset.group, gset.size
    r = group.num_classes
    flat = (group.class_labels[:, None] * size + np.arange(size)) * size + gset.element_perms
    sums = np.bincount(flat.ravel(), minlength=r * size * size).reshape(r, size * size)
    coefficients = group.character_table.projector_coefficients / group.order
    return (coefficients @ sums).reshape(-1, size, size)


def _uses_dense(gset: PermGSet) -> bool:
    return gset.group.num_classes * gset.size**2 <= DENSE_LIMIT


def _components(gset: PermGSet, x: np.ndarray) -> np.ndarray:
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


class PermDecomposition:
    """The isotypic decomposition of a batch of functions on a G-set of a permutation group.

    Same API as ``plrep.fourier.Decomposition``: ``energies()``, ``project(ids)``,
    ``components()``, ``reconstruct()``. Simple ids follow ``group.simples``.
    """

    def __init__(self, gset: PermGSet, components: np.ndarray) -> None:
        self.gset = gset
        self._parts = components
        self._parts.setflags(write=False)

    @property
    def group(self) -> PermutationGroup:
        return self.gset.group

    @property
    def batch_shape(self) -> tuple[int, ...]:
        return self._parts.shape[:-2]

    def energies(self) -> np.ndarray:
        """||P_L f||^2 per simple, shape (..., num_simples); they sum to ||f||^2."""
        return np.square(self._parts).sum(axis=-1)

    def project(self, simple_ids) -> np.ndarray:
        """Sum of the isotypic components of the given simples, shape (..., |X|)."""
        ids = np.atleast_1d(np.asarray(simple_ids))
        count = self._parts.shape[-2]
        if not np.issubdtype(ids.dtype, np.integer) or ids.size == 0 or ids.min() < 0 or ids.max() >= count:
            raise ValueError(
                f"`simple_ids` must be ids in 0..{count - 1}, got {describe(simple_ids)} instead"
            )
        return self._parts[..., np.unique(ids), :].sum(axis=-2)

    def components(self) -> np.ndarray:
        """Every isotypic component, shape (..., num_simples, |X|)."""
        return np.array(self._parts)

    def reconstruct(self) -> np.ndarray:
        """The input back, shape (..., |X|) (the sum of all components)."""
        return self._parts.sum(axis=-2)


def decompose_perm(space, x) -> PermDecomposition:
    """Decompose functions on a G-set of a permutation group into isotypic components.

    Args:
        space: a ``PermGSet``, or a ``PermutationGroup`` for its regular module.
        x: real array of shape (..., |X|), finite.

    Example:
        >>> from plrep import decompose, parse_group
        >>> decompose(parse_group("S3"), [1.0, 0, 0, 0, 0, 0]).energies().round(4).tolist()
        [0.1667, 0.1667, 0.6667]
    """
    gset = as_perm_gset(space)
    x = check_finite_array(x, "x", last_axis=gset.size)
    return PermDecomposition(gset, _components(gset, x))


def perm_multiplicities(space) -> np.ndarray:
    """How often each real simple occurs in R^X: <chi_X, chi_L> / w_L, int array (num_simples,)."""
    gset = as_perm_gset(space)
    return gset.group.character_table.multiplicities(gset.permutation_character)


def dense_perm_projector(space, simple_id: int) -> np.ndarray:
    """The |X| x |X| projector P_L of one simple (from the cached stack or built directly)."""
    gset = as_perm_gset(space)
    check_dense_size(gset.size)
    table = gset.group.character_table
    simple_id = check_int(simple_id, "simple_id", minimum=0, maximum=len(table.real_simples) - 1)
    if _uses_dense(gset):
        return np.array(_projector_stack(gset)[simple_id])
    return _components(gset, np.eye(gset.size))[:, simple_id, :].T


def standard_plane(n: int, *, plane: Plane = "helmert") -> np.ndarray:
    """Two vectors (u_1, u_2) spanning the slice of the standard representation of S_n, (2, n).

    ``"helmert"``: the first Helmert vectors u_1 = (1, -1, 0, ..., 0)/sqrt 2 and
    u_2 = (1, 1, -2, 0, ..., 0)/sqrt 6 (orthonormal; only 3 coordinates move, so the ReLU map on
    this slice is the same for every n up to the factor 1/sqrt n).
    ``"points"``: the images of the first two points, u_i = e_i - 1/n (the orthogonal
    projections of e_0, e_1 onto {sum v = 0}; not orthonormal). Every coordinate moves, and
    the kink lines v_0 = 0, v_1 = 0, v_j = 0 (j >= 2) of ReLU bend with n: (n-1) a = b,
    (n-1) b = a and a + b = 0, in coordinates v = a u_1 + b u_2.
    """
    n = check_int(n, "n", minimum=3, maximum=10)
    check_choice(plane, "plane", ("helmert", "points"))
    basis = np.zeros((2, n))
    if plane == "helmert":
        basis[0, :2] = (1 / np.sqrt(2), -1 / np.sqrt(2))
        basis[1, :3] = np.array([1.0, 1.0, -2.0]) / np.sqrt(6)
    else:
        basis[:, :2] = np.eye(2)
        basis -= 1.0 / n
    return basis


def standard_to_trivial(n: int, grid, activation="relu", *, plane: Plane = "helmert") -> np.ndarray:
    """The map standard -> trivial of S_n, pi_triv o sigma o iota, over two free parameters.

    The standard representation is {v in R^n : sum v = 0}; the slice is v = a u_1 + b u_2 with
    (u_1, u_2) = ``standard_plane(n, plane=plane)``: ``"helmert"`` (orthonormal, the default)
    or ``"points"`` (u_i = e_i - 1/n, the images of points 0 and 1). The trivial component of
    sigma(v) is t 1/sqrt(n) with t = sum_i sigma(v)_i / sqrt(n), computed with the isotypic
    projector of ``natural_gset(symmetric(n))``; returned is t. For ReLU the map is piecewise
    linear and 1-homogeneous, bending where some coordinate v_i changes sign.

    Args:
        n: 3 <= n <= 10.
        grid: float array (..., 2) of (a, b) pairs.
        activation: a name or callable for ``plrep.activation``.
        plane: ``"helmert"`` or ``"points"``.

    Returns:
        t, shape (...).
    """
    from plrep.activations import activation as as_activation
    from plrep.permgroups import symmetric
    from plrep.permgsets import natural_gset

    n = check_int(n, "n", minimum=3, maximum=10)
    basis = standard_plane(n, plane=plane)
    grid = check_finite_array(grid, "grid", last_axis=2)
    sigma = as_activation(activation)
    v = grid @ basis
    gset = natural_gset(symmetric(n))
    trivial = decompose_perm(gset, sigma(v)).project(0)  # id 0: the trivial simple
    return trivial.sum(axis=-1) / np.sqrt(n)
