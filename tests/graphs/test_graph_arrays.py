"""Graphs stored as arrays: arrays equal the Edge lists, per-order rows equal dense references, caps."""

import math

import numpy as np
import pytest

import plrep.graphs._edges as edges_module
import plrep.graphs._graph as graph_module
import plrep.graphs._interaction as interaction_module
from plrep import cyclic, cyclic_product, regular
from plrep.activations import activation
from plrep.graphs import interaction_graph
from plrep.graphs._exact import exact_adjacency
from plrep.graphs._numeric import present_strengths

LISTED = ["relu", "abs", "leaky_relu", "prelu:-0.5", "tanh", "sigmoid", "elu", "gelu", "pow:2", "pow:3"]


def pairs(sources, targets):
    return set(zip(sources.tolist(), targets.tolist(), strict=True))


def nonzero_pairs(matrix):
    rows, cols = np.nonzero(matrix)
    return pairs(rows, cols)


@pytest.mark.parametrize(
    ("space", "method"),
    [
        ("C12", "numeric"),
        ("C30", "exact"),
        ("C4xC6", "numeric"),
        ("S4", "numeric"),
        ("D6", "numeric"),
        ("C30", "condensed"),
        ("C8", "basis"),
    ],
)
def test_edge_arrays_equal_the_edge_list(space, method):
    graph = interaction_graph(space, "relu", method=method)
    sources, targets, strengths = graph.edge_arrays()
    assert graph.num_edges == len(graph.edges) == sources.size > 0
    assert [(e.source, e.target, e.strength) for e in graph.edges] == list(
        zip(sources.tolist(), targets.tolist(), strengths.tolist(), strict=True)
    )
    assert list(zip(sources, targets, strict=True)) == sorted(zip(sources, targets, strict=True))
    for v in graph.vertices:  # rows agree with the arrays
        assert graph.edges_from(v.id) == [e for e in graph.edges if e.source == v.id]
    assert not sources.flags.writeable


@pytest.mark.parametrize("name", [*LISTED, "softplus", "pow:5", "identity"])
def test_exact_rows_equal_the_dense_adjacency(name):
    # exact_adjacency evaluates the rule on the whole (n/2+1)^2 matrix: a reference that shares
    # only the rule, not the per-order rows.
    for n in [*range(1, 41), 210, 256, 360]:
        dense = exact_adjacency(n, activation(name))
        graph = interaction_graph(f"C{n}", name, method="exact")
        assert pairs(*graph.edge_arrays()[:2]) == nonzero_pairs(dense), n


def authors_row(n, i, name):
    """Targets of L_i under the authors' ReLU/abs rule (docs/math.md §4), written out here."""
    order = n // math.gcd(n, i)
    reduced = order // 2 if order % 2 == 0 else order
    return {
        j for j in range(n // 2 + 1) if reduced % (n // math.gcd(n, j)) == 0 or (name == "relu" and i == j)
    }


@pytest.mark.parametrize("n", [2310, 4096, 4095])
@pytest.mark.parametrize("name", ["relu", "abs"])
def test_numeric_rows_equal_the_closed_form_beyond_the_former_cap(n, name):
    graph = interaction_graph(f"C{n}", name)
    for i in (0, 1, 2, 3, n // 7, n // 2 - 1, n // 2):
        assert set(graph.successors(i)) == authors_row(n, i, name), (n, i)
    assert graph.num_uncertain == 0 and graph.max_non_edge < 1e-13


def test_c65536_relu_is_stored_by_orders():
    n = 2**16
    graph = interaction_graph(f"C{n}", "relu")
    assert len(graph.vertices) == n // 2 + 1
    # Count from the rule: a source of order d = 2^a > 1 reaches every simple of order dividing
    # d/2 and itself; C_n has phi(d)/2 = d/4 simples of order d > 2, one of order 1 and of 2.
    expected = sum(len(authors_row(n, i, "relu")) for i in (1, 2, 4, 8, 16))  # spot rows
    assert expected == sum(len(graph.successors(i)) for i in (1, 2, 4, 8, 16))
    counts = {d: (d // 4 if d > 2 else 1) for d in (2**a for a in range(17))}
    below = {d: sum(c for e, c in counts.items() if e <= max(d // 2, 1)) for d in counts}
    assert graph.num_edges == sum(c * (below[d] + (d > 1)) for d, c in counts.items())
    with pytest.raises(ValueError, match=r"`graph` must have at most 4194304 edges for `graph\.edges`"):
        graph.edges  # noqa: B018
    with pytest.raises(ValueError, match="edges for its edge arrays"):
        graph.edge_arrays()


@pytest.mark.parametrize("factors", [(4, 6), (3, 3), (2, 8), (6, 10)])
@pytest.mark.parametrize("name", ["relu", "tanh", "pow:3", "softplus"])
def test_product_rows_equal_the_generic_projections(factors, name):
    group = cyclic_product(*factors)
    graph = interaction_graph(group, name)
    present = np.arange(group.num_simples)
    strengths = present_strengths(regular(group), present, activation(name), np.random.default_rng(1))
    assert pairs(*graph.edge_arrays()[:2]) == nonzero_pairs(strengths > 1e-9)


def test_image_graph_128x128_has_rows_for_every_simple():
    graph = interaction_graph("C128xC128", "relu")
    assert len(graph.vertices) == cyclic_product(128, 128).num_simples
    assert graph.num_uncertain == 0 and graph.max_non_edge < 1e-13
    # L(1,0) is L_1 of C_128 on the first axis: its targets are (j, 0), as in C_128.
    row = {graph.vertices[t].frequency for t in graph.successors(graph.vertices[64 + 1].id)}
    assert row == {(j, 0) for j in interaction_graph("C128", "relu").successors(1)}


def test_caps_on_materialising_edges(monkeypatch):
    graph = interaction_graph(cyclic(64), "relu")
    monkeypatch.setattr(interaction_module, "MAX_EDGE_OBJECTS", 10)
    monkeypatch.setattr(interaction_module, "MAX_EDGE_ARRAY", 10)
    with pytest.raises(ValueError, match=r"at most 10 edges for `graph\.edges` as Edge objects"):
        graph.edges  # noqa: B018
    with pytest.raises(ValueError, match="at most 10 edges for its edge arrays"):
        graph.edge_arrays()
    assert graph.successors(1) == sorted(authors_row(64, 1, "relu"))  # rows still work
    monkeypatch.setattr(edges_module, "MAX_EDGE_ARRAY", 10)
    with pytest.raises(ValueError, match="at most 10 edges"):
        graph._store.arrays()


def test_dense_paths_are_capped_from_the_number_of_simples(monkeypatch):
    import plrep.graphs._exact as exact_module

    monkeypatch.setattr(exact_module, "MAX_DENSE_STRENGTHS", 16)
    with pytest.raises(ValueError, match="whose 5\\^2 strengths exceed the 16 of a dense matrix"):
        interaction_graph("S4", "relu")
    assert interaction_graph("C64", "relu").num_edges > 16  # per-order rows are not dense


def test_a9_regular_module_is_refused_before_its_character_table(monkeypatch):
    def fail(*args):
        raise AssertionError("the size check must come first")

    monkeypatch.setattr(graph_module, "_num_simples", fail)
    monkeypatch.setattr(graph_module, "_num_present", fail)
    with pytest.raises(ValueError, match="got 181440 x 181440 instead \\(the regular module of A9\\)"):
        interaction_graph("A9", "relu")
