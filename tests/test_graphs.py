"""Interaction graphs: closed forms vs numeric sampling, kernel containment, exports."""

import json
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plrep import cyclic, direct_product, regular
from plrep.graphs import condensed_graph, interaction_graph
from plrep.graphs_rules import NoClosedForm, divisors, factorise

GOLDEN = Path(__file__).parent / "golden"
LISTED = ["relu", "abs", "leaky_relu", "prelu:-0.5", "tanh", "sigmoid", "elu", "gelu", "pow:2", "pow:3"]


def order(n, k):
    return n // math.gcd(n, k)


def authors_rule(n, activation):
    """The authors' closed forms, written out here independently (MATH.md §4)."""

    def reduced(d):
        return d // 2 if d % 2 == 0 else d

    edges = set()
    for i in range(n // 2 + 1):
        for j in range(n // 2 + 1):
            divides = reduced(order(n, i)) % order(n, j) == 0
            if divides or (activation == "relu" and i == j):
                edges.add((i, j))
    return edges


def test_golden_c8_relu():
    golden = json.loads((GOLDEN / "graph_c8_relu.json").read_text())
    expected = {tuple(e) for e in golden["edges"]}
    for method in ("exact", "numeric"):
        assert interaction_graph("C8", "relu", method=method).edge_set == expected


@pytest.mark.parametrize("activation", ["relu", "abs"])
def test_authors_rules_for_n_up_to_64(activation):
    for n in range(1, 65):
        assert interaction_graph(f"C{n}", activation, method="exact").edge_set == authors_rule(
            n, activation
        ), n


@pytest.mark.parametrize("activation", LISTED)
def test_numeric_equals_exact_for_n_up_to_64(activation):
    for n in range(1, 65):
        exact = interaction_graph(f"C{n}", activation, method="exact")
        numeric = interaction_graph(f"C{n}", activation, method="numeric")
        assert numeric.edge_set == exact.edge_set, n
        # The threshold sits orders of magnitude from both sides of the decision.
        assert numeric.max_non_edge < 1e-12 and numeric.min_edge_strength > 1e-5


@pytest.mark.parametrize("n", [1, 2, 3, 6, 8, 12, 15, 16])
@pytest.mark.parametrize("activation", ["relu", "tanh", "gelu", "pow:3"])
def test_generic_sampling_agrees_with_the_cyclic_fast_path(n, activation):
    # A G-set forces the generic path (projected Gaussian samples, every simple separately).
    generic = interaction_graph(regular(cyclic(n)), activation)
    assert generic.edge_set == interaction_graph(f"C{n}", activation).edge_set


def piecewise_linear(breaks, slopes):
    def sigma(x):
        return np.interp(x, breaks, np.cumsum(slopes)[: len(breaks)]) + 0.1 * x

    return sigma


# Near-affine draws (a slope change of 1e-10) legitimately warn of weak separation; the
# property checked here is containment, which must hold regardless.
@pytest.mark.filterwarnings("ignore:interaction graph of 'sigma'")
@given(
    st.integers(1, 24),
    st.lists(st.floats(-3, 3), min_size=2, max_size=5, unique=True).map(sorted),
    st.lists(st.floats(-2, 2), min_size=5, max_size=5),
)
def test_numeric_edges_obey_kernel_containment_for_arbitrary_callables(n, breaks, slopes):
    graph = interaction_graph(f"C{n}", piecewise_linear(breaks, slopes))
    for source, target in graph.edge_set:
        assert order(n, source) % order(n, target) == 0


def test_kernel_containment_on_a_product_group():
    group = direct_product(cyclic(4), cyclic(6))
    graph = interaction_graph(group, "relu")
    frequencies = group.simple_frequencies
    for source, target in graph.edge_set:
        # ker L_source <= ker L_target iff xi_target is a multiple of xi_source.
        multiples = {tuple((m * frequencies[source]) % (4, 6)) for m in range(12)}
        negatives = {tuple((-np.array(f)) % (4, 6)) for f in multiples}
        assert tuple(frequencies[target]) in multiples | negatives
    assert len(graph.edges) > group.num_simples  # not just loops


@pytest.mark.parametrize("n", [2, 5, 8, 12, 30])
def test_structural_facts(n):
    relu = interaction_graph(f"C{n}", "relu", method="exact")
    absolute = interaction_graph(f"C{n}", "abs", method="exact")
    tanh = interaction_graph(f"C{n}", "tanh", method="numeric")
    vertices = range(n // 2 + 1)
    assert all((i, 0) in relu.edge_set and (i, 0) in absolute.edge_set for i in vertices)
    assert all((i, 0) not in tanh.edge_set for i in vertices if order(n, i) % 2 == 0)
    assert relu.edge_set == absolute.edge_set | {(i, i) for i in vertices}
    for slope in ("leaky_relu", "prelu:-0.5", "prelu:0.3", "prelu:2"):
        assert interaction_graph(f"C{n}", slope).edge_set == relu.edge_set
    assert interaction_graph(f"C{n}", "identity").edge_set == {(i, i) for i in vertices}


def test_authors_basis_method_misses_edges_that_generic_sampling_finds():
    def min_zero(x):
        return np.minimum(x, 0.0)

    basis = interaction_graph("C8", min_zero, method="basis")
    generic = interaction_graph("C8", min_zero)
    assert generic.edge_set - basis.edge_set == {(0, 0)}  # MATH.md §4: the loop at L_0


def test_filtration_and_reachability():
    graph = interaction_graph("C8", "relu", method="exact")
    assert [sorted(s) for s in graph.filtration()] == [[0], [0, 4], [0, 2, 4], [0, 1, 2, 4], [0, 2, 3, 4]]
    assert graph.reachable(1, 2) == [frozenset({1}), frozenset({0, 1, 2, 4}), frozenset({0, 1, 2, 4})]
    absolute = interaction_graph("C8", "abs", method="exact")
    assert absolute.reachable(1, 3) == [
        frozenset({1}),
        frozenset({0, 2, 4}),
        frozenset({0, 4}),
        frozenset({0}),
    ]


def test_condensed_graph_matches_the_exact_graph_on_orders():
    for activation in ("relu", "abs", "tanh", "sigmoid", "pow:3"):
        for n in (1, 6, 8, 12, 30, 36):
            exact = interaction_graph(f"C{n}", activation, method="exact")
            expected = {(order(n, i), order(n, j)) for i, j in exact.edge_set}
            assert condensed_graph(n, activation).edge_set == expected, (activation, n)


def test_condensed_graph_for_a_trillion():
    graph = condensed_graph(10**12, "relu")
    assert len(graph.vertices) == 169  # 10^12 = 2^12 5^12 has 13 * 13 divisors
    assert sum(v.count for v in graph.vertices) == 10**12 // 2 + 1
    assert (10**12, 10**12 // 2) in graph.edge_set and (10**12 // 2, 10**12) not in graph.edge_set


def test_number_theory_helpers():
    assert factorise(2**12 * 5**12) == {2: 12, 5: 12}
    assert factorise(999_983 * 999_979) == {999_979: 1, 999_983: 1}
    assert divisors(12) == [1, 2, 3, 4, 6, 12]


def test_exports():
    graph = interaction_graph("C6", "relu")
    payload = graph.to_dict()
    assert set(payload) >= {"group", "activation", "method", "vertices", "edges"}
    assert payload["vertices"][1] == {"id": 1, "name": "L1", "dim": 2, "order": 6, "frequency": [1]}
    assert {"source", "target", "strength"} <= set(payload["edges"][0])
    digraph = graph.to_networkx()
    assert isinstance(digraph, nx.DiGraph) and set(digraph.edges) == graph.edge_set
    assert digraph.nodes[3]["order"] == 2
    dot = graph.to_dot(label="order")
    assert dot.startswith('digraph "C6 relu" {') and "1 -> 0" in dot and '[label="6"]' in dot


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"space": "C8", "activation": np.tanh, "method": "exact"},
            ValueError,
            "no closed form for the interaction graph of 'tanh': the parity of a Python callable is only detected numerically; use method='numeric'",
        ),
        (
            {"space": "C2xC2", "activation": "relu", "method": "exact"},
            NoClosedForm,
            "no closed form for the interaction graph of C2xC2: the exact method covers cyclic groups C_n; use method='numeric'",
        ),
        (
            {"space": "C8", "activation": "relu", "method": "guess"},
            ValueError,
            "`method` must be one of 'exact', 'numeric', 'basis', 'condensed', got 'guess' instead",
        ),
        (
            {"space": "C4xC4", "activation": "relu", "method": "condensed"},
            ValueError,
            "`group` must be a cyclic group such as 'C1000000' for the condensed method, got 'C4xC4' instead",
        ),
        (
            {"space": "C8", "activation": lambda x: x / (x - x), "method": "numeric"},
            ValueError,
            "`activation` must return finite values",
        ),
        (
            {"space": "C2000000000", "activation": "relu", "method": "numeric"},
            ValueError,
            "`group` is too large for the numeric method",
        ),
    ],
)
def test_errors(kwargs, error, message):
    with pytest.raises(error) as raised, np.errstate(all="ignore"):
        interaction_graph(kwargs.pop("space"), kwargs.pop("activation"), **kwargs)
    assert str(raised.value).startswith(message)
