"""The nonlinear maps between simples: pi_{L'} o sigma o iota_L, in Fourier coordinates.

For a cyclic product G and a simple L with canonical frequency xi, the Fourier basis of L
inside the regular module R^G is

    u_cos(g) = cos(2 pi <xi, g>),   u_sin(g) = sin(2 pi <xi, g>)   (dim 2),
    u_cos(g) = cos(2 pi <xi, g>) = +-1                              (dim 1),

with <xi, g> = sum_i xi_i g_i / n_i. A point c of the plane (or line) of L is the vector
v = c_1 u_cos + c_2 u_sin. ``simple_map`` returns the coordinates c' of
pi_{L'}(sigma(v)) = c'_1 u'_cos + c'_2 u'_sin. For C_n and L' trivial this is the mean of
sigma(v(x)) over x; e.g. for C_4, ReLU and L = L_1 it is (|c_1| + |c_2|) / 4.
"""

from __future__ import annotations

import numpy as np

from plrep._validate import check_finite_array, check_int, describe
from plrep.activations import activation as as_activation
from plrep.groups import CyclicProduct

__all__ = ["fourier_basis", "kink_directions", "simple_map"]


def _check_group(group) -> CyclicProduct:
    if not isinstance(group, CyclicProduct):
        raise TypeError(f"`group` must be a CyclicProduct such as cyclic(8), got {describe(group)} instead")
    return group


def fourier_basis(group: CyclicProduct, simple_id: int) -> np.ndarray:
    """The (unnormalised) Fourier basis of a simple in R^G, shape (dim, |G|), rows u_cos, u_sin.

    Row norms squared are |G| (dim 1) or |G| / 2 (dim 2); rows of different simples are
    orthogonal.

    Raises:
        TypeError: ``group`` is not a CyclicProduct.
        ValueError: ``simple_id`` out of range.

    Example:
        >>> from plrep.groups import cyclic
        >>> fourier_basis(cyclic(4), 2).tolist()  # L2 of C4: the sign line (-1)^x
        [[1.0, -1.0, 1.0, -1.0]]
        >>> fourier_basis(cyclic(4), 1).shape  # L1: the plane of cos and sin
        (2, 4)
    """
    group = _check_group(group)
    simple_id = check_int(simple_id, "simple_id", minimum=0, maximum=group.num_simples - 1)
    elements = np.stack(np.unravel_index(np.arange(group.order), group.factors), axis=-1)
    phase = 2 * np.pi * (elements * group.simple_frequencies[simple_id] / np.asarray(group.factors)).sum(-1)
    rows = [np.cos(phase), np.sin(phase)]
    return np.stack(rows[: int(group.simple_dims[simple_id])])


def simple_map(group: CyclicProduct, activation, source: int, target: int, coordinates) -> np.ndarray:
    """Coordinates of pi_target(sigma(c . u_source)) in the target's Fourier basis.

    Args:
        group: a cyclic product (its regular module).
        activation: a spec such as ``"relu"``, an ``Activation`` or a callable.
        source, target: simple ids.
        coordinates: array of shape (..., dim source): points c of the source simple.

    Returns:
        Array of shape (..., dim target).

    Example:
        >>> from plrep.groups import cyclic
        >>> c = [[1.0, 2.0], [-3.0, 1.0]]  # two points of the plane of L1
        >>> simple_map(cyclic(4), "relu", 1, 0, c).tolist()  # (|c_1| + |c_2|) / 4
        [[0.75], [1.0]]
    """
    group = _check_group(group)
    sigma = as_activation(activation)
    u_in, u_out = fourier_basis(group, source), fourier_basis(group, target)
    c = check_finite_array(coordinates, "coordinates", last_axis=u_in.shape[0])
    values = sigma(c @ u_in)
    # The basis rows are orthogonal with squared norms |G| (dim 1) or |G| / 2 (dim 2).
    return values @ u_out.T / (u_out**2).sum(axis=1)


def kink_directions(n: int) -> np.ndarray:
    """Unit normals of the kink lines of ReLU o iota_{L_1} on the plane of L_1 of C_n.

    sigma(v(x)) with v(x) = c_1 cos(2 pi x / n) + c_2 sin(2 pi x / n) bends where v(x) = 0,
    i.e. on the line through 0 orthogonal to the n-th root of unity exp(2 pi i x / n).
    Returns shape (n, 2): the roots of unity themselves.

    Example:
        >>> kink_directions(4).round(6) + 0.0  # (+ 0.0 prints -0.0 as 0.0)
        array([[ 1.,  0.],
               [ 0.,  1.],
               [-1.,  0.],
               [ 0., -1.]])
    """
    n = check_int(n, "n", minimum=1)
    angles = 2 * np.pi * np.arange(n) / n
    return np.stack([np.cos(angles), np.sin(angles)], axis=-1)
