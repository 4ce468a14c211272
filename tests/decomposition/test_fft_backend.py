"""The FFT isotypic decomposition against the character projectors and a naive DFT."""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plrep import (
    coset_space,
    cyclic,
    decompose,
    dense_projector,
    direct_product,
    disjoint_union,
    energies,
    multiplicities,
    product_action,
    regular,
    tensor_power,
)
from plrep.testing import assert_equivariant, strategies

GOLDEN = Path(__file__).parents[1] / "golden"
SIZES = [1, 2, 3, 4, 7, 8, 12, 13, 16, 30, 31, 32, 64]  # n = 1, 2, primes, powers of two, composites
groups_small = st.one_of(
    st.integers(1, 64).map(cyclic),
    st.tuples(st.integers(1, 8), st.integers(1, 8)).map(
        lambda nm: direct_product(cyclic(nm[0]), cyclic(nm[1]))
    ),
)


def naive_cyclic_projection(x, k):
    """Isotypic component of L_k by an O(n^2) DFT: keep the coefficients at +-k."""
    n = x.shape[-1]
    grid = np.arange(n)
    dft = np.exp(-2j * np.pi * np.outer(grid, grid) / n)
    coefficients = x @ dft.T
    keep = {k % n, (-k) % n}
    synthesis = sum(coefficients[..., [f]] * np.exp(2j * np.pi * f * grid / n) for f in keep) / n
    return synthesis.real


def all_projectors(space, group):
    return [dense_projector(space, i) for i in range(group.num_simples)]


@given(groups_small)
def test_dense_projectors_are_orthogonal_idempotents_summing_to_identity(group):
    projectors = all_projectors(group, group)
    size = group.order
    assert np.allclose(sum(projectors), np.eye(size), atol=1e-12)
    for i, p in enumerate(projectors):
        assert np.allclose(p @ p, p, atol=1e-12)
        assert np.isclose(np.trace(p), group.simple_dims[i])  # multiplicity 1 in the regular module
        for q in projectors[:i]:
            assert np.allclose(p @ q, 0, atol=1e-12)


@given(groups_small, st.data())
def test_projectors_commute_with_the_action(group, data):
    gset = regular(group)
    element = tuple(data.draw(st.integers(0, n - 1)) for n in group.factors)
    x = np.random.default_rng(0).normal(size=(3, group.order))
    decomposition = decompose(gset, x)
    moved = decompose(gset, gset.act(element, x))
    for i in range(group.num_simples):
        assert np.allclose(moved.project(i), gset.act(element, decomposition.project(i)), atol=1e-10)


@given(strategies.gsets(), st.data())
def test_every_isotypic_projection_is_equivariant_on_any_gset(gset, data):
    # Both backends, any family: x -> P_L x commutes with the group (a property of projectors).
    simple = data.draw(st.integers(0, gset.group.num_simples - 1))
    assert_equivariant(lambda x: decompose(gset, x).project(simple), gset, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("n", SIZES)
def test_fft_equals_dense_projector_equals_naive_dft(n):
    group = cyclic(n)
    x = np.random.default_rng(n).normal(size=(4, n))
    decomposition = decompose(group, x)
    for k in range(n // 2 + 1):
        fft = decomposition.project(k)
        assert np.allclose(fft, x @ dense_projector(group, k).T, atol=1e-10)
        assert np.allclose(fft, naive_cyclic_projection(x, k), atol=1e-10)
        assert np.allclose(decomposition.energies()[:, k], (fft**2).sum(-1), atol=1e-10)


@given(groups_small, st.integers(0, 2**32 - 1))
def test_parseval_and_round_trip(group, seed):
    x = np.random.default_rng(seed).normal(size=(2, 3, group.order))
    decomposition = decompose(group, x)
    assert decomposition.energies().shape == (2, 3, group.num_simples)
    assert np.allclose(decomposition.energies().sum(-1), (x**2).sum(-1))
    assert np.allclose(decomposition.reconstruct(), x)
    assert np.allclose(decomposition.components().sum(-2), x)
    assert np.allclose(energies(group, x), decomposition.energies())


def test_golden_c8_relu_of_cosine():
    golden = json.loads((GOLDEN / "c8_relu_cos.json").read_text())
    n = golden["n"]
    x = np.maximum(np.cos(2 * np.pi * np.arange(n) / n), 0)
    c = np.array(golden["dft_values"])
    assert np.isclose(c[0], (1 + np.sqrt(2)) / 8) and np.isclose(c[4], (1 - np.sqrt(2)) / 8)
    # Energy of L_k: n * (|c_k|^2 + |c_{-k}|^2), Parseval with numpy's normalisation.
    weights = np.array([1, 2, 2, 2, 1])
    expected = n * weights * c**2
    assert np.allclose(energies(cyclic(n), x), expected, atol=1e-14)
    decomposition = decompose(cyclic(n), x)
    grid = np.arange(n)
    for k in range(5):
        assert np.allclose(
            decomposition.project(k), weights[k] * c[k] * np.cos(2 * np.pi * k * grid / n), atol=1e-14
        )


def gsets_of_every_orbit_type():
    c12, c4x6 = cyclic(12), direct_product(cyclic(4), cyclic(6))
    return {
        "cosets C12/<4>": coset_space(c12, [(4,)]),
        "trivial orbit C12/C12": coset_space(c12, [(1,)]),
        "pairs of points of C12": tensor_power(regular(c12), 2),
        "union of three orbit types": disjoint_union(
            coset_space(c12, [(6,)]), regular(c12), coset_space(c12, [(3,)])
        ),
        "C4xC6 on a periodic image times cosets": product_action(regular(c4x6), coset_space(c4x6, [(2, 3)])),
        "C4xC6 on cosets of a non-cyclic subgroup": coset_space(c4x6, [(2, 0), (0, 3)]),
        "C5xC5 periodic image": regular(direct_product(cyclic(5), cyclic(5))),
    }


@pytest.mark.parametrize("name", list(gsets_of_every_orbit_type()))
def test_every_orbit_type_matches_the_dense_projector(name):
    gset = gsets_of_every_orbit_type()[name]
    group = gset.group
    x = np.random.default_rng(1).normal(size=(2, gset.size))
    decomposition = decompose(gset, x)
    energy = decomposition.energies()
    counts = multiplicities(gset)
    components = decomposition.components()
    for i in range(group.num_simples):
        projector = dense_projector(gset, i)
        assert np.allclose(decomposition.project(i), x @ projector.T, atol=1e-10)
        assert np.allclose(components[:, i], x @ projector.T, atol=1e-10)
        assert np.allclose(energy[:, i], ((x @ projector.T) ** 2).sum(-1), atol=1e-10)
        # trace(P_L) = multiplicity * dim L
        assert np.isclose(np.trace(projector), counts[i] * group.simple_dims[i])
    assert np.allclose(energy.sum(-1), (x**2).sum(-1))
    assert np.allclose(decomposition.reconstruct(), x)


def test_coset_space_orbit_structure():
    gset = coset_space(cyclic(12), [(4,)])  # C12 / <4> has 4 points and carries L0, L3, L6
    assert gset.size == 4 and gset.num_orbits == 1
    assert multiplicities(gset).tolist() == [1, 0, 0, 1, 0, 0, 1]
    pairs = tensor_power(regular(cyclic(6)), 2)  # 6 free orbits: six copies of the regular module
    assert pairs.num_orbits == 6 and multiplicities(pairs).tolist() == [6, 6, 6, 6]


def test_large_cyclic_regular_module_decomposes():
    # n = 2^20 with no n x n matrix anywhere.
    n = 2**20
    x = np.cos(2 * np.pi * 5 * np.arange(n) / n)
    energy = energies(cyclic(n), x)
    assert np.isclose(energy[5], n / 2) and np.isclose(energy.sum(), n / 2)


@pytest.mark.parametrize(
    ("x", "error", "message"),
    [
        ([1.0, 2.0], ValueError, "`x` must have last axis of length 4, got shape (2,) instead"),
        ([1.0, np.nan, 0, 0], ValueError, "`x` must contain only finite values, got NaN or infinity instead"),
        ([1.0, np.inf, 0, 0], ValueError, "`x` must contain only finite values, got NaN or infinity instead"),
        (
            ["a", "b", "c", "d"],
            TypeError,
            "`x` must be a numeric array, got an array of shape (4,) and dtype <U1 instead",
        ),
        (3.0, ValueError, "`x` must have at least one axis, got a scalar instead"),
    ],
)
def test_decompose_rejects_bad_input(x, error, message):
    with pytest.raises(error) as raised:
        decompose(cyclic(4), x)
    assert str(raised.value) == message


def test_project_rejects_unknown_simple():
    with pytest.raises(ValueError, match=r"^`simple_ids` must be ids in 0..2, got 3 instead$"):
        decompose(cyclic(4), np.ones(4)).project(3)
