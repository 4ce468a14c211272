"""The S_n map standard -> trivial on a plane of the standard representation (docs/math.md §5).

The standard representation of S_n is {v in R^n : sum v = 0}; these functions restrict
sigma to a 2-dimensional slice of it and read off the trivial component, which needs no group
elements: the trivial isotypic projector of R^n averages the coordinates.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from plrep._validate import check_choice, check_finite_array, check_int
from plrep.activations import activation as as_activation

__all__ = ["MAX_STANDARD_DEGREE", "MAX_STANDARD_VALUES", "standard_plane", "standard_to_trivial"]

MAX_STANDARD_DEGREE = 10**6  # n: the slice is a (2, n) float array
MAX_STANDARD_VALUES = 2**26  # grid points x n values of sigma(v) (512 MiB of float64)

Plane = Literal["helmert", "points"]


def standard_plane(n: int, *, plane: Plane = "helmert") -> np.ndarray:
    """Two vectors (u_1, u_2) spanning the slice of the standard representation of S_n, (2, n).

    ``"helmert"``: the first Helmert vectors u_1 = (1, -1, 0, ..., 0)/sqrt 2 and
    u_2 = (1, 1, -2, 0, ..., 0)/sqrt 6 (orthonormal; only 3 coordinates move, so the ReLU map on
    this slice is the same for every n up to the factor 1/sqrt n).
    ``"points"``: the images of the first two points, u_i = e_i - 1/n (the orthogonal
    projections of e_0, e_1 onto {sum v = 0}; not orthonormal). Every coordinate moves, and
    the kink lines v_0 = 0, v_1 = 0, v_j = 0 (j >= 2) of ReLU bend with n: (n-1) a = b,
    (n-1) b = a and a + b = 0, in coordinates v = a u_1 + b u_2.

    Raises:
        ValueError: n outside 3..10 or an unknown ``plane``.

    Example:
        >>> standard_plane(4).round(6).tolist()  # Helmert: orthonormal, sum zero
        [[0.707107, -0.707107, 0.0, 0.0], [0.408248, 0.408248, -0.816497, 0.0]]
        >>> standard_plane(4, plane="points").sum(axis=1).round(6).tolist()
        [0.0, 0.0]
    """
    n = check_int(n, "n", minimum=3, maximum=MAX_STANDARD_DEGREE)
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
    sigma(v) is t 1/sqrt(n) with t = sum_i sigma(v)_i / sqrt(n): the trivial isotypic projector
    of R^n averages the coordinates, so no group element is needed and any n works; returned
    is t. For ReLU the map is piecewise
    linear and 1-homogeneous, bending where some coordinate v_i changes sign.

    Args:
        n: 3 <= n <= ``MAX_STANDARD_DEGREE``, with (grid points) x n at most
            ``MAX_STANDARD_VALUES``.
        grid: float array (..., 2) of (a, b) pairs.
        activation: a name or callable for ``plrep.activation``.
        plane: ``"helmert"`` or ``"points"``.

    Returns:
        t, shape (...).

    Example:
        >>> standard_to_trivial(3, [[1.0, 0.0], [2.0, 0.0]]).round(6).tolist()  # 1-homogeneous
        [0.408248, 0.816497]
        >>> standard_to_trivial(5, [[1.0, 0.0]]).round(6).tolist()  # 1/sqrt(2) / sqrt(5)
        [0.316228]
    """
    n = check_int(n, "n", minimum=3, maximum=MAX_STANDARD_DEGREE)
    grid = check_finite_array(grid, "grid", last_axis=2)
    points = grid.size // 2
    if points * n > MAX_STANDARD_VALUES:
        raise ValueError(
            f"`grid` and `n` must keep grid points x n at most {MAX_STANDARD_VALUES}, "
            f"got {points} x {n} instead"
        )
    basis = standard_plane(n, plane=plane)
    sigma = as_activation(activation)
    v = grid @ basis
    return sigma(v).sum(axis=-1) / np.sqrt(n)
