"""Orbit bases of equivariant linear maps Hom_G(R^X, R^Y) (docs/math.md §1, §6).

A linear map W: R^X -> R^Y (matrix W[y, x], (W f)[y] = sum_x W[y, x] f[x]) commutes with
every g iff W[g y, g x] = W[y, x], i.e. W is a G-invariant function on Y x X. So
dim Hom_G(R^X, R^Y) = number of G-orbits on Y x X, and the orbit indicators B_O (0/1 matrices)
are a basis, the *orbit basis*. The orbits are the connected components of the graph on
Y x X with an edge (y, x) -- (t_s y, s x) for each generator s (t_s its image on Y), so only
generators are needed: S_32 acting on 32^3 entries costs one sparse graph of 32768 nodes.

Orbits are numbered by their first entry in row-major order, so ``labels`` is the colour
matrix of the weight sharing and ``representatives`` lists the smallest entry of each orbit.
Tensor powers X^k -> X^l use index tuples (y_1..y_l, x_1..x_k); symmetric powers (quadratic
layers) use Sym^k(R^X) = R^{multisets of size k}.

Cross-checks: ``hom_dimension_from_characters`` = sum_L m_L(X) m_L(Y) w_L with the type
weight w_L = dim End_G(L) (1, 2, 4); ``nullspace_basis`` solves the constraints
W = rho_Y(s) W rho_X(s)^T numerically (SVD, a baseline for tests and benchmarks only).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from plrep._validate import check_finite_real, check_int, describe
from plrep.decomposition import multiplicities
from plrep.equivariant._orbit_basis import MAX_ENTRIES, MAX_WORK_BYTES, OrbitBasis, _check_work
from plrep.equivariant._patterns import PatternBasis, check_entries, is_symmetric_on_points
from plrep.groups import CyclicProduct, as_group
from plrep.gsets import GSet, natural_gset, symmetric_power, tensor_power

__all__ = [
    "MAX_ENTRIES",
    "MAX_WORK_BYTES",
    "OrbitBasis",
    "hom_basis",
    "hom_dimension_from_characters",
    "nullspace_basis",
    "orbit_basis",
    "orbit_labels",
]

MAX_NULLSPACE_ENTRIES = 4096  # |Y| |X|: the dense SVD baseline is O(r (|Y| |X|)^3)


def _generator_images(space, name: str) -> np.ndarray:
    gens = getattr(space, "generators", None)
    if gens is None or getattr(space, "group", None) is None:
        raise TypeError(f"`{name}` must be a G-set (GSet or GSet), got {describe(space)} instead")
    return np.asarray(gens)


def orbit_labels(*spaces) -> np.ndarray:
    """Orbit number of each entry of X_1 x X_2 x ... (diagonal action), shape (|X_1|, |X_2|, ...).

    Orbits are numbered 0, 1, ... in the order of their first entry in row-major order.

    Args:
        spaces: one or more G-sets of the same group.

    Returns:
        int array of shape (|X_1|, |X_2|, ...); equal labels = one orbit of the diagonal action.

    Raises:
        ValueError: no G-sets, G-sets of different groups, or more than ``MAX_ENTRIES`` entries.

    Example:
        >>> from plrep.groups import symmetric
        >>> from plrep.gsets import natural_gset
        >>> X = natural_gset(symmetric(3))
        >>> orbit_labels(X, X).tolist()  # the diagonal and the rest
        [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    """
    if not spaces:
        raise ValueError("`spaces` must name at least one G-set, got none instead")
    images = [_generator_images(s, "spaces") for s in spaces]
    group = spaces[0].group
    if any(s.group is not group and s.group != group for s in spaces):
        raise ValueError("`spaces` must all be G-sets of the same group")
    shape = tuple(g.shape[1] for g in images)
    total = int(np.prod(shape, dtype=np.int64))
    if total > MAX_ENTRIES:
        raise ValueError(
            f"`spaces` must have at most {MAX_ENTRIES} entries in their product, got {total} instead"
        )
    # Working memory: int64 nodes, coordinates, one (row, column) pair per generator and the
    # sparse graph's copies of them, about 8 (4 + d + 4 r) bytes per entry.
    _check_work(total, len(shape), images[0].shape[0], "spaces")
    nodes = np.arange(total)
    coords = np.unravel_index(nodes, shape)
    rows, cols = [], []
    for s in range(images[0].shape[0]):
        rows.append(nodes)
        cols.append(
            np.ravel_multi_index(tuple(img[s][c] for img, c in zip(images, coords, strict=True)), shape)
        )
    if rows:
        graph = coo_matrix(
            (np.ones(total * len(rows), dtype=np.int8), (np.concatenate(rows), np.concatenate(cols))),
            shape=(total, total),
        )
        _, labels = connected_components(graph, directed=True, connection="weak")
    else:
        labels = nodes
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(first.size, dtype=np.int64)
    rank[np.argsort(first)] = np.arange(first.size)
    return rank[inverse].reshape(shape)


def orbit_basis(source, target) -> OrbitBasis:
    """The orbit basis of Hom_G(R^source, R^target) for G-sets of one group.

    Args:
        source, target: ``GSet`` of the same group.

    Example:
        >>> from plrep.groups import symmetric
        >>> from plrep.gsets import natural_gset
        >>> X = natural_gset(symmetric(5))
        >>> orbit_basis(X, X).count  # alpha I + beta 11^T (DeepSets)
        2
    """
    return OrbitBasis(source, target, orbit_labels(target, source))


def _natural(group) -> GSet:
    return natural_gset(as_group(group))


def hom_basis(group, k: int, l: int, *, symmetric: bool = False) -> OrbitBasis | PatternBasis:  # noqa: E741
    """Orbit basis of Hom_G(R^{X^k}, R^{X^l}) for the natural action on X (Sym^k X if symmetric).

    For S_n: k = 1, l = 1 gives 2 (n >= 2); bilinear R^n x R^n -> R^n (k = 2) gives 5 (n >= 3);
    quadratic maps (k = 2, symmetric) give 4 (n >= 3) (docs/math.md §6).

    Args:
        group: a group or spec; X is its natural G-set (``natural_gset``).
        k, l: tensor powers of the source and the target (k, l >= 0).
        symmetric: use Sym^k(X) (multisets) as the source, for quadratic maps.

    Returns:
        For S_n on its points with tensor powers, a ``PatternBasis`` (one map per equality
        pattern, labels built only on request, ``apply`` computes W x without W: S_64 with
        k + l = 5 works); otherwise an ``OrbitBasis``. Both number the maps alike.

    Raises:
        ValueError: |source| x |X^l| above ``MAX_ENTRIES`` (for S_n on tuples: |X|^k or |X|^l
            above ``MAX_POINTS``; the labels keep the ``MAX_ENTRIES`` cap).

    Example:
        >>> hom_basis("S5", 1, 1).count  # alpha I + beta 11^T
        2
        >>> hom_basis("S4", 2, 1).count, hom_basis("S4", 2, 1, symmetric=True).count
        (5, 4)
    """
    k = check_int(k, "k", minimum=0)
    l = check_int(l, "l", minimum=0)  # noqa: E741
    if not isinstance(symmetric, bool):
        raise TypeError(f"`symmetric` must be a bool, got {describe(symmetric)} instead")
    X = _natural(group)
    if not symmetric and is_symmetric_on_points(X):
        # S_n on tuples: the maps are equality patterns, kept without a label per entry.
        return PatternBasis(X, k, l)
    # Logarithms first: |X|**k or comb(|X| + k - 1, k) for k = 10**30 would take forever exactly.
    if symmetric:
        log_source = (math.lgamma(X.size + k) - math.lgamma(k + 1) - math.lgamma(X.size)) / math.log(2)
    else:
        log_source = k * math.log2(X.size) if X.size > 1 else 0.0
    check_entries(X, k, l, log_source, symmetric)
    source = symmetric_power(X, k) if symmetric else tensor_power(X, k)
    return orbit_basis(source, tensor_power(X, l))


def hom_dimension_from_characters(source: GSet, target: GSet) -> int:
    """sum_L m_L(X) m_L(Y) w_L from the character table (needs a listable group).

    The cross-check of ``orbit_basis(source, target).count`` by characters: m_L are the real
    multiplicities and w_L = dim End_G(L) in {1, 2, 4} the type weights.

    Raises:
        TypeError: ``source`` or ``target`` is not a GSet.
        ValueError: G-sets of different groups.

    Example:
        >>> from plrep.groups import quaternion
        >>> from plrep.gsets import regular
        >>> R = regular(quaternion())  # 4 x 1 x 1 + 1 x 1 x 4 (the quaternionic simple)
        >>> hom_dimension_from_characters(R, R), orbit_basis(R, R).count
        (8, 8)
    """
    for name, space in (("source", source), ("target", target)):
        if not isinstance(space, GSet):
            raise TypeError(f"`{name}` must be a GSet, got {describe(space)} instead")
    if target.group != source.group:
        raise ValueError(
            f"`target` must be a G-set of {source.group.name}, got one of {target.group.name} instead"
        )
    if isinstance(source.group, CyclicProduct):
        # Abelian: a 2-dimensional real simple has End = C, so its type weight is its dimension.
        counts = [multiplicities(g) for g in (source, target)]
        return int((counts[0] * counts[1] * source.group.simple_dims).sum())
    table = source.group.character_table
    counts = [table.multiplicities(g.permutation_character) for g in (source, target)]
    return int((counts[0] * counts[1] * table.type_weights).sum())


def nullspace_basis(source, target, *, tol: float = 1e-9) -> np.ndarray:
    """Baseline: an orthonormal basis of the equivariant W by SVD, shape (dim, |Y|, |X|).

    Stacks the constraints vec(W) - vec(rho_Y(s) W rho_X(s)^T) = 0, one block per generator,
    as a dense matrix of (r |Y||X|) x (|Y||X|) and keeps the right singular vectors with
    singular value below ``tol``. O(r (|Y||X|)^3): for tests and benchmarks only.

    Raises:
        ValueError: G-sets of different groups, ``tol <= 0`` or |Y| |X| above 4096.

    Example:
        >>> from plrep.groups import symmetric
        >>> from plrep.gsets import natural_gset
        >>> X = natural_gset(symmetric(3))
        >>> nullspace_basis(X, X).shape  # the same dimension as orbit_basis(X, X).count
        (2, 3, 3)
    """
    xs, ys = _generator_images(source, "source"), _generator_images(target, "target")
    if target.group is not source.group and target.group != source.group:
        raise ValueError(
            f"`target` must be a G-set of {source.group.name}, got one of {target.group.name} instead"
        )
    tol = check_finite_real(tol, "tol")
    if tol <= 0:
        raise ValueError(f"`tol` must be a positive real number, got {tol} instead")
    n = ys.shape[1] * xs.shape[1]
    if n > MAX_NULLSPACE_ENTRIES:
        raise ValueError(
            f"`source` and `target` must have |Y| |X| <= {MAX_NULLSPACE_ENTRIES} for the dense nullspace, "
            f"got {ys.shape[1]} x {xs.shape[1]} instead; use orbit_basis"
        )
    index = np.arange(n).reshape(ys.shape[1], xs.shape[1])
    blocks = []
    for s in range(xs.shape[0]):
        moved = np.zeros((n, n))
        # (rho_Y W rho_X^T)[t y, s x] = W[y, x]
        moved[index[np.ix_(ys[s], xs[s])].ravel(), index.ravel()] = 1.0
        blocks.append(np.eye(n) - moved)
    constraints = np.concatenate(blocks) if blocks else np.zeros((1, n))
    _, singular, vt = np.linalg.svd(constraints)
    rank = int((singular > tol).sum())
    return vt[rank:].reshape(-1, ys.shape[1], xs.shape[1])
