"""Maps between simples in Fourier coordinates, and the data behind the PL-map figures."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plrep
from paper_repro.fig_periodic_image import N, filter_eigenvalues, neighbour_average, ring_image
from plrep import cyclic, decompose, direct_product
from plrep.maps import fourier_basis, kink_directions, simple_map

coordinates = st.tuples(st.floats(-5, 5), st.floats(-5, 5)).map(np.array)


@given(coordinates)
def test_c4_relu_l1_to_trivial_is_abs_sum_over_four(c):
    # Issue 6 golden value: for C_4, v = (c1, c2, -c1, -c2), so mean ReLU(v) = (|c1| + |c2|) / 4.
    assert np.isclose(simple_map(cyclic(4), "relu", 1, 0, c)[0], (abs(c[0]) + abs(c[1])) / 4)


@given(st.integers(3, 12), coordinates, st.floats(0.1, 10))
def test_maps_are_positively_homogeneous_and_equivariant(n, c, scale):
    # ReLU is positively homogeneous; rotating c by 2 pi / n (the action of a on L_1) leaves
    # the trivial coordinate unchanged.
    group = cyclic(n)
    value = simple_map(group, "relu", 1, 0, c)
    assert np.allclose(simple_map(group, "relu", 1, 0, scale * c), scale * value)
    angle = 2 * np.pi / n
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    assert np.allclose(simple_map(group, "relu", 1, 0, rotation @ c), value)


def test_map_is_linear_between_kink_lines():
    n = 7
    normals = kink_directions(n)
    # Two points in the same sector (no kink line separates them): the map is linear there.
    p, q = np.array([1.0, 0.05]), np.array([1.0, 0.1])
    assert np.all(np.sign(normals @ p) == np.sign(normals @ q))
    f = lambda c: simple_map(cyclic(n), "relu", 1, 0, c)[0]  # noqa: E731
    assert np.isclose(f((p + q) / 2), (f(p) + f(q)) / 2)


def test_map_agrees_with_the_decomposition():
    group = cyclic(12)
    c = np.array([0.3, -1.2])
    v = c @ fourier_basis(group, 1)
    projected = decompose(group, np.maximum(v, 0)).project(3)
    out = simple_map(group, "relu", 1, 3, c)
    assert np.allclose(out @ fourier_basis(group, 3), projected)


def test_convolution_scales_each_simple_by_its_eigenvalue_squared():
    # Issue 6 golden check: the C10 x C10 spectrum after averaging = input spectrum x eigenvalues.
    group = direct_product(cyclic(N), cyclic(N))
    image = ring_image()
    before = decompose(group, image.ravel()).energies()
    after = decompose(group, neighbour_average(image).ravel()).energies()
    eigenvalues = filter_eigenvalues()[tuple(group.simple_frequencies.T)]
    assert np.allclose(after, before * eigenvalues**2)


def test_bad_coordinates_are_rejected():
    with pytest.raises(
        ValueError, match=r"^`coordinates` must have last axis of length 2, got shape \(3,\) instead$"
    ):
        simple_map(cyclic(8), "relu", 1, 0, [1.0, 2.0, 3.0])


@pytest.mark.parametrize("n", [3, 5, 9, 10, 1000])
@pytest.mark.parametrize("plane", ["helmert", "points"])
def test_standard_to_trivial_any_n_matches_the_direct_sum(n, plane):
    """t(a, b) = sum_i relu(v_i) / sqrt(n), v = a u_1 + b u_2, written out coordinate by coordinate."""
    from plrep.maps import standard_to_trivial

    grid = np.random.default_rng(n).normal(size=(7, 2))
    got = standard_to_trivial(n, grid, "relu", plane=plane)
    for (a, b), t in zip(grid, got, strict=True):
        if plane == "helmert":
            coords = [a / 2**0.5 + b / 6**0.5, -a / 2**0.5 + b / 6**0.5, -2 * b / 6**0.5] + [0.0] * (n - 3)
        else:
            coords = [a - (a + b) / n, b - (a + b) / n] + [-(a + b) / n] * (n - 2)
        assert abs(sum(max(c, 0.0) for c in coords) / n**0.5 - t) < 1e-12


def test_standard_to_trivial_agrees_with_the_isotypic_projector_where_s_n_is_listable():
    from plrep.decomposition import decompose
    from plrep.maps import standard_plane, standard_to_trivial

    grid = np.random.default_rng(0).normal(size=(5, 2))
    v = grid @ standard_plane(6, plane="points")
    projected = decompose(plrep.natural_gset(plrep.symmetric(6)), np.abs(v)).project(0).sum(-1) / 6**0.5
    np.testing.assert_allclose(standard_to_trivial(6, grid, "abs", plane="points"), projected, atol=1e-12)


def test_standard_to_trivial_is_sized_before_work():
    from plrep.maps import standard_to_trivial

    with pytest.raises(ValueError, match="`grid` and `n` must keep grid points x n at most"):
        standard_to_trivial(10**6, np.zeros((1000, 2)))
    with pytest.raises(ValueError, match="`n` must be an integer <= 1000000"):
        standard_to_trivial(10**7, np.zeros((1, 2)))
