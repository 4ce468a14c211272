"""Character projectors on permutation modules of permutation groups (docs/math.md §1, §5)."""

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plrep.decomposition._projectors as projectors
from plrep import decompose, dense_projector, energies, interaction_graph, multiplicities, parse_group
from plrep.gsets import natural_gset, regular, symmetric_power, tensor_power
from plrep.maps import standard_plane, standard_to_trivial

SPACES = {
    "S4 regular": lambda: regular(parse_group("S4")),
    "S4 on X^2": lambda: tensor_power(natural_gset(parse_group("S4")), 2),
    "A4 regular": lambda: regular(parse_group("A4")),
    "Q8 regular": lambda: regular(parse_group("Q8")),
    "D5 on Sym^2 X": lambda: symmetric_power(natural_gset(parse_group("D5")), 2),
    "C3xS3 regular": lambda: regular(parse_group("C3xS3")),
}


@pytest.mark.parametrize("name", SPACES)
def test_projectors_are_orthogonal_idempotents_summing_to_identity(name):
    gset = SPACES[name]()
    stack = np.stack([dense_projector(gset, i) for i in range(gset.group.num_simples)])
    assert np.allclose(stack.sum(axis=0), np.eye(gset.size), atol=1e-12)
    products = np.einsum("axy,byz->abxz", stack, stack)
    expected = np.einsum("ab,axz->abxz", np.eye(len(stack)), stack)
    assert np.allclose(products, expected, atol=1e-12)
    assert np.allclose(stack, stack.transpose(0, 2, 1), atol=1e-12)
    for perm in gset.generators:  # commute with the action: rho(s)[s y, y] = 1
        rho = np.zeros((gset.size, gset.size))
        rho[perm, np.arange(gset.size)] = 1
        assert np.allclose(rho @ stack, stack @ rho, atol=1e-12)
    ranks = np.rint(np.trace(stack, axis1=1, axis2=2)).astype(int)
    dims = np.array([s.dim for s in gset.group.simples])
    assert np.array_equal(ranks, multiplicities(gset) * dims)  # tr P_L = m_L dim L


@given(st.sampled_from(sorted(SPACES)), st.integers(0, 2**32 - 1))
def test_decomposition_round_trip_and_parseval(name, seed):
    gset = SPACES[name]()
    x = np.random.default_rng(seed).normal(size=(2, 3, gset.size))
    d = decompose(gset, x)
    assert d.energies().shape == (2, 3, gset.group.num_simples)
    assert np.allclose(d.energies().sum(axis=-1), (x**2).sum(axis=-1))
    assert np.allclose(d.reconstruct(), x)
    assert np.allclose(d.components().sum(axis=-2), x)
    assert np.allclose(d.project([0, 1]), d.components()[..., 0, :] + d.components()[..., 1, :])
    assert np.allclose(energies(gset, x), d.energies())


def test_streaming_path_matches_dense_path(monkeypatch):
    gset = tensor_power(natural_gset(parse_group("S4")), 2)
    x = np.random.default_rng(3).normal(size=(4, gset.size))
    dense = decompose(gset, x).components()
    monkeypatch.setattr(projectors, "DENSE_LIMIT", 0)
    assert np.allclose(decompose(gset, x).components(), dense, atol=1e-12)


def test_natural_module_of_s_n_is_trivial_plus_standard():
    for n in range(2, 8):
        group = parse_group(f"S{n}")
        counts = multiplicities(natural_gset(group))
        present = [(s.dim, int(c)) for s, c in zip(group.simples, counts, strict=True) if c]
        assert present == [(1, 1), (n - 1, 1)]


def test_group_means_its_regular_module():
    group = parse_group("D32")
    x = np.random.default_rng(0).normal(size=group.order)
    assert np.allclose(decompose(group, x).energies(), decompose(regular(group), x).energies())
    assert multiplicities(group).tolist() == [1, 1, 1, 1] + [2] * 15  # dim / type weight


def test_trivial_component_is_the_mean():
    group = parse_group("A5")
    x = np.random.default_rng(1).normal(size=group.order)
    assert np.allclose(decompose(group, x).project(0), x.mean())


def test_standard_to_trivial():
    grid = np.random.default_rng(2).normal(size=(5, 2))
    values = standard_to_trivial(4, grid)
    u1 = np.array([1, -1, 0, 0]) / np.sqrt(2)
    u2 = np.array([1, 1, -2, 0]) / np.sqrt(6)
    v = grid[:, :1] * u1 + grid[:, 1:] * u2
    assert np.allclose(values, np.maximum(v, 0).sum(axis=1) / 2)  # sum relu / sqrt(4)
    mirrored = standard_to_trivial(4, grid * [-1, 1])  # (0 1) maps u1 -> -u1, fixes u2
    assert np.allclose(values, mirrored)
    assert np.allclose(
        standard_to_trivial(7, 3 * grid), 3 * standard_to_trivial(7, grid)
    )  # ReLU is 1-homogeneous
    assert np.allclose(standard_to_trivial(5, grid, "identity"), 0)  # the standard rep has no trivial part


@pytest.mark.parametrize("n", [4, 7])
def test_standard_to_trivial_on_the_points_plane(n):
    grid = np.random.default_rng(n).normal(size=(50, 2))
    a, b = grid[:, 0], grid[:, 1]
    expected = (  # v = a (e_0 - 1/n) + b (e_1 - 1/n), worked out by hand
        np.maximum(a - (a + b) / n, 0)
        + np.maximum(b - (a + b) / n, 0)
        + (n - 2) * np.maximum(-(a + b) / n, 0)
    ) / np.sqrt(n)
    assert np.allclose(standard_to_trivial(n, grid, plane="points"), expected)
    assert np.allclose(standard_to_trivial(n, grid[:, ::-1], plane="points"), expected)  # (0 1) swaps a, b
    basis = standard_plane(n, plane="points")
    assert np.allclose(basis.sum(axis=1), 0)  # the plane lies in the standard representation
    assert np.allclose(standard_to_trivial(n, grid, "identity", plane="points"), 0)


def test_standard_plane_errors():
    with pytest.raises(ValueError, match=r"^`plane` must be one of 'helmert', 'points', got 'x' instead$"):
        standard_plane(4, plane="x")
    with pytest.raises(ValueError, match=r"^`n` must be"):
        standard_to_trivial(2, np.zeros((1, 2)))


def test_numeric_interaction_graph_for_s4_respects_kernel_containment():
    graph = interaction_graph(parse_group("S4"), "relu", method="numeric")
    simples = parse_group("S4").simples
    assert graph.edge_set  # something flows, and nothing leaves the trivial simple
    assert graph.successors(0) == [0]
    for source, target in graph.edge_set:  # ker L subset ker L' implies |image L'| divides |image L|
        assert simples[source].order % simples[target].order == 0


def test_errors():
    group = parse_group("S3")
    with pytest.raises(ValueError, match=r"^`x` must have last axis of length 6, got shape \(5,\) instead$"):
        decompose(group, np.zeros(5))
    with pytest.raises(ValueError, match=r"^`simple_ids` must be ids in 0..2, got 3 instead$"):
        decompose(group, np.zeros(6)).project(3)
    with pytest.raises(
        ValueError, match=r"^`group` must be a spec such as 'C8' or 'C4xC6', got 'T3' instead$"
    ):
        decompose("T3", np.zeros(6))
    with pytest.raises(
        TypeError, match=r"^`space` must be a G-set, a group or a spec such as 'S4:natural', got 3 instead$"
    ):
        decompose(3, np.zeros(6))


def test_dihedral_symmetric_figure(tmp_path):
    from paper_repro import fig_dihedral_symmetric as figure

    result = figure.make(tmp_path, quick=True)
    for name in result["files"]:
        assert (tmp_path / name).stat().st_size > 0
    assert "sn_std_to_triv.png" in result["files"]
    data = json.loads((tmp_path / "sn_std_to_triv.json").read_text())
    n = 4  # points plane: v_0 = 0 on (n-1) a = b, v_1 = 0 on (n-1) b = a, v_j = 0 on a + b = 0
    expected = np.array([[n - 1, -1], [-1, n - 1], [1, 1]], dtype=float)
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    got = np.array(data["S4_points"]["kink_normals"])
    assert all(np.isclose(np.abs(got @ e), 1).any() for e in expected) and len(got) == 3
