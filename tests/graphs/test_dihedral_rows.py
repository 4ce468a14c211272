"""Issue 26 item 3: D_n graphs by per-divisor rows equal the dense path, energies equal projectors."""

import math
import warnings

import numpy as np
import pytest

import plrep.graphs._graph as graph_module
from plrep.activations import activation
from plrep.graphs import interaction_graph
from plrep.graphs._dihedral import DihedralRows, quotient_energies, quotient_labels
from plrep.graphs._graph import THRESHOLD, _decide_dense
from plrep.graphs._numeric import present_strengths
from plrep.groups import as_group

ACTIVATIONS = ["relu", "abs", "leaky_relu", "tanh", "sigmoid", "gelu", "pow:2", "pow:3", "sawtooth"]


def _pairs(sources, targets):
    return set(zip(sources.tolist(), targets.tolist(), strict=True))


def _dense(n: int, name: str):
    """The former path: projected Gaussians in R[D_n], energies of every simple, a dense matrix."""
    group = as_group(f"D{n}")
    present = np.arange(len(group.simples))
    strengths = present_strengths(group, present, activation(name), np.random.default_rng(0))
    return _decide_dense(strengths, present, THRESHOLD)


@pytest.fixture
def rows_for_every_n(monkeypatch):
    """D_n with n <= DENSE_DIHEDRAL keep the dense path by default; here every n takes the rows."""
    monkeypatch.setattr(graph_module, "DENSE_DIHEDRAL", 2)


def test_small_n_keep_the_dense_path_and_its_strengths():
    graph = interaction_graph("D6", "tanh")
    edges, _, _, _ = _dense(6, "tanh")
    assert not isinstance(graph._store, DihedralRows)
    np.testing.assert_array_equal(graph.edge_arrays()[2], edges.arrays()[2])  # the very strengths
    assert isinstance(interaction_graph(f"D{graph_module.DENSE_DIHEDRAL + 1}", "tanh")._store, DihedralRows)


@pytest.mark.parametrize("n", [3, 4, 5, 6, 8, 9, 12, 15, 16, 30, 64, 65, 96])
def test_rows_give_the_dense_graph(n, rows_for_every_n):
    # n <= 64 numbers simples by listed elements, n > 64 by closed forms: both orders covered.
    for name in ACTIVATIONS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # uncertain pairs are compared below
            graph = interaction_graph(f"D{n}", name)
            edges, uncertain, _, _ = _dense(n, name)
        assert isinstance(graph._store, DihedralRows)
        assert set(graph.edge_set) == _pairs(*edges.arrays()[:2]), (n, name)
        assert _pairs(*graph.uncertain_arrays()[:2]) == _pairs(*uncertain.arrays()[:2]), (n, name)
        assert graph.num_edges > 0 and graph.min_edge_strength >= THRESHOLD * 30


def _regular_projector_energies(d: int, values: np.ndarray) -> np.ndarray:
    """||P_chi f||^2 with P_chi = (dim / |G|) sum_g chi(g) L(g), D_d's elements listed by hand."""
    elements = [(t, e) for e in (0, 1) for t in range(d)]  # r^t s^e at index e d + t

    def product(a, b):  # r^t s^e r^u s^f = r^(t + (-1)^e u) s^(e + f)
        return ((a[0] + b[0] * (1 if a[1] == 0 else -1)) % d, (a[1] + b[1]) % 2)

    index = {g: i for i, g in enumerate(elements)}
    out = []
    for j, eps in quotient_labels(d):
        dim = 2 if eps == 0 else 1
        projector = np.zeros((2 * d, 2 * d))
        for g in elements:
            t, e = g
            if eps == 0:
                chi = 0.0 if e else 2 * math.cos(2 * math.pi * j * t / d)
            else:
                chi = (eps if e else 1.0) * (-1.0) ** (t if j else 0)
            for h in elements:  # (L(g) f)(gh) = f(h): a permutation matrix
                projector[index[product(g, h)], index[h]] += dim * chi / (2 * d)
        out.append(np.square(values @ projector.T).sum(axis=-1))
    return np.stack(out, axis=-1)


@pytest.mark.parametrize("d", [1, 2, 3, 4, 5, 6, 8, 9])
def test_quotient_energies_equal_character_projectors(d):
    values = np.random.default_rng(d).normal(size=(5, 2 * d))
    expected = _regular_projector_energies(d, values)
    np.testing.assert_allclose(quotient_energies(values.reshape(5, 2, d)), expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(expected.sum(axis=-1), np.square(values).sum(axis=-1))  # a partition


@pytest.mark.parametrize("n", [12, 105, 128])
def test_rows_agree_with_arrays(n, rows_for_every_n):
    graph = interaction_graph(f"D{n}", "relu")
    sources, targets, strengths = graph.edge_arrays()
    assert graph.num_edges == sources.size
    for v in range(len(graph.vertices)):
        mine = sources == v
        row_targets, row_strengths = graph.successor_arrays(v)
        np.testing.assert_array_equal(row_targets, targets[mine])
        np.testing.assert_array_equal(row_strengths, strengths[mine])


def test_large_n_rows_match_the_small_quotient_graph():
    # rho_1024 of D_65536 has order 64: its targets are 1024 times those of rho_1 of D_64
    # (the dense path's graph of D_64, with other samples and the element-listing numbering).
    big = interaction_graph("D65536", "relu")
    assert len(big.vertices) == 65536 // 2 + 3
    assert big.num_edges > 10**8  # far beyond a dense matrix or edge arrays
    bands = as_group("D65536").bands
    rho = {k: i for i, (k, eps) in enumerate(bands) if eps == 0}
    small = interaction_graph("D64", "relu")
    small_bands = as_group("D64").bands
    source = next(i for i, (k, eps) in enumerate(small_bands) if (k, eps) == (1, 0))
    expected = sorted((1024 * small_bands[t][0], small_bands[t][1]) for t in small.successors(source))
    assert sorted(bands[t] for t in big.successors(rho[1024])) == expected
    # and rho_3 (order 65536, u = 3) reaches the bands 3 j mod n of rho_1's targets
    first = {bands[t] for t in big.successors(rho[1])}
    third = {bands[t] for t in big.successors(rho[3])}
    folded = {(min(3 * k % 65536, -3 * k % 65536), eps) if eps == 0 else (k, eps) for k, eps in first}
    assert third == folded


@pytest.mark.parametrize("n", [3, 4, 6, 7, 9, 12, 16, 30, 36, 65, 96, 105])
def test_filtration_by_orders_equals_one_closure_per_vertex(n, rows_for_every_n):
    for name in ["relu", "abs", "tanh", "sigmoid", "pow:2", "pow:3", "sawtooth", "identity"]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            graph = interaction_graph(f"D{n}", name)
        by_vertex = {graph.closure(v.id) for v in graph.vertices}
        assert graph.filtration() == sorted(by_vertex, key=lambda s: (len(s), sorted(s))), (n, name)


def test_large_filtration_is_refused_from_its_size():
    graph = interaction_graph("D65536", "relu")
    with pytest.raises(ValueError, match="at most 4194304 ids in all for its filtration"):
        graph.filtration()


@pytest.mark.parametrize("n", [7, 12, 36, 105])
def test_order_closures_scaled_by_units_are_each_vertex_closure(n, rows_for_every_n):
    # the description that the text prints when the filtration is too large to list
    graph = interaction_graph(f"D{n}", "relu")
    closures = graph.dihedral_order_closures()
    bands = as_group(f"D{n}").bands
    for vertex, (k, eps) in enumerate(bands):
        if eps != 0:
            continue
        d = n // math.gcd(n, k)
        u = k // (n // d)  # k = u n/d with u a unit mod d
        assert closures[d].ids(u) == graph.closure(vertex), (n, k)
        assert closures[d].source == next(i for i, band in enumerate(bands) if band == (n // d, 0))


def test_text_lists_the_filtration_by_rotation_order_when_it_is_too_large(monkeypatch, capsys):
    import plrep.graphs._interaction as interaction
    from plrep.cli import main

    monkeypatch.setattr(interaction, "MAX_FILTRATION_IDS", 10)
    assert main(["graph", "D105", "--activation", "relu", "--max-lines", "0"]) == 0
    text = capsys.readouterr().out
    orders = [d for d in range(3, 106) if 105 % d == 0]  # every rotation order of a rho of D_105
    assert f"filtration by rotation order ({len(orders)} orders d;" in text
    graph = interaction_graph("D105", "relu")
    for d, closure in graph.dihedral_order_closures().items():
        names = ", ".join(graph.vertex_name(i) for i in sorted(closure.ids()))
        assert f"  order {d}: {graph.vertex_name(closure.source)} closes on {{{names}}}" in text
