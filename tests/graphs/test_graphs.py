"""Interaction graphs: closed forms vs numeric sampling, margins, kernel containment, structure."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plrep import cyclic, direct_product, parse_group, regular
from plrep.activations import activation
from plrep.graphs import THRESHOLD, interaction_graph
from plrep.graphs._rules import OrderRule
from plrep.gsets import coset_space, disjoint_union, natural_gset, tensor_power

GOLDEN = Path(__file__).parents[1] / "golden"
LISTED = ["relu", "abs", "leaky_relu", "prelu:-0.5", "tanh", "sigmoid", "elu", "gelu", "pow:2", "pow:3"]
OTHERS = ["silu", "softplus", "identity", "prelu:2", "prelu:-3", "pow:0", "pow:1", "pow:4", "pow:5"]


def order(n, k):
    return n // math.gcd(n, k)


def authors_rule(n, activation):
    """The authors' closed forms, written out here independently (docs/math.md §4)."""

    def reduced(d):
        return d // 2 if d % 2 == 0 else d

    edges = set()
    for i in range(n // 2 + 1):
        for j in range(n // 2 + 1):
            divides = reduced(order(n, i)) % order(n, j) == 0
            if divides or (activation == "relu" and i == j):
                edges.add((i, j))
    return edges


def assert_separated(graph):
    """The threshold sits orders of magnitude from both sides of the decision."""
    assert graph.max_non_edge < THRESHOLD / 1000
    assert graph.min_edge_strength is None or graph.min_edge_strength > 1000 * THRESHOLD


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


@pytest.mark.parametrize("activation", LISTED + OTHERS)
def test_numeric_equals_exact_for_n_up_to_64(activation):
    for n in range(1, 65):
        exact = interaction_graph(f"C{n}", activation, method="exact")
        numeric = interaction_graph(f"C{n}", activation, method="numeric")
        assert numeric.edge_set == exact.edge_set, n
        assert_separated(numeric)


@pytest.mark.parametrize("n", [1009, 1024])
@pytest.mark.parametrize("activation", ["relu", "softplus", "tanh", "pow:3"])
def test_numeric_equals_exact_with_margin_for_large_n(n, activation):
    # 1009 is prime (every edge present, far harmonics ~1e-6); 1024 has the deepest divisor chain.
    numeric = interaction_graph(f"C{n}", activation)
    assert numeric.edge_set == interaction_graph(f"C{n}", activation, method="exact").edge_set
    assert_separated(numeric)


@pytest.mark.parametrize("n", [1, 2, 3, 6, 8, 12, 15, 16])
@pytest.mark.parametrize("activation", ["relu", "tanh", "gelu", "pow:3"])
def test_generic_sampling_agrees_with_the_cyclic_fast_path(n, activation):
    # A G-set forces the generic path (projected Gaussian samples, every simple separately).
    generic = interaction_graph(regular(cyclic(n)), activation)
    assert generic.edge_set == interaction_graph(f"C{n}", activation).edge_set
    assert_separated(generic)


def test_g_sets_of_cyclic_groups_give_the_induced_subgraph():
    group = cyclic(12)
    full = interaction_graph(group, "relu", method="exact")
    for space in (
        coset_space(group, [(3,)]),
        disjoint_union(coset_space(group, [(4,)]), regular(cyclic(12))),
    ):
        exact = interaction_graph(space, "relu", method="exact")
        present = {v.id for v in exact.vertices}
        assert exact.edge_set == {(i, j) for i, j in full.edge_set if {i, j} <= present}
        assert interaction_graph(space, "relu").edge_set == exact.edge_set
    assert {v.id for v in interaction_graph(coset_space(group, [(3,)]), "relu").vertices} == {0, 4}


def piecewise_linear(breaks, slopes):
    def sigma(x):
        return np.interp(x, breaks, np.cumsum(slopes)[: len(breaks)]) + 0.1 * x

    return sigma


def smooth(coefficients, square):
    def sigma(x):
        return sum(c * np.tanh(k * x + c) for k, c in enumerate(coefficients, 1)) + square * x**2

    return sigma


callables = st.one_of(
    st.builds(
        piecewise_linear,
        # Breakpoints on a 1e-3 grid: two breaks 1e-323 apart make np.interp's slope infinite
        # (inf * 0 = NaN), which plrep rightly refuses as a non-finite activation.
        st.lists(st.integers(-3000, 3000), min_size=2, max_size=5, unique=True).map(
            lambda ks: [k / 1000 for k in sorted(ks)]
        ),
        st.lists(st.floats(-2, 2), min_size=5, max_size=5),
    ),
    st.builds(smooth, st.lists(st.floats(-1, 1), min_size=1, max_size=3), st.floats(-1, 1)),
)


# Near-affine draws (a slope change of 1e-10) legitimately warn of an uncertain decision; the
# property checked here is containment, which must hold regardless.
@pytest.mark.filterwarnings("ignore:interaction graph of 'sigma'")
@given(st.integers(1, 24), callables)
def test_numeric_edges_obey_kernel_containment_for_arbitrary_callables(n, sigma):
    graph = interaction_graph(f"C{n}", sigma)
    for source, target in graph.edge_set:
        assert order(n, source) % order(n, target) == 0


def kernel_classes(group):
    """Per simple, the conjugacy classes in its kernel: chi_L(g) = chi_L(1)."""
    characters = group.character_table.real_characters
    return [frozenset(np.flatnonzero(np.isclose(row, row[0]))) for row in characters]


@pytest.mark.filterwarnings("ignore:interaction graph of 'sigma'")
@given(st.sampled_from(["S4", "D5", "D6", "Q8", "A4"]), callables)
def test_kernel_containment_on_non_abelian_groups(spec, sigma):
    group = parse_group(spec)
    kernels = kernel_classes(group)
    for source, target in interaction_graph(group, sigma).edge_set:
        assert kernels[source] <= kernels[target]  # PL Schur: K_L inside K_L' (docs/math.md §4)


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
    assert_separated(graph)


def test_the_graph_depends_on_the_g_set_not_only_the_group():
    natural = natural_gset(parse_group("S4"))  # R^4 = trivial + standard
    assert [v.name for v in interaction_graph(natural, "relu").vertices] == ["1a", "3a"]
    assert interaction_graph(natural, "relu").edge_set == {(0, 0), (3, 0), (3, 3)}
    square = interaction_graph(tensor_power(natural, 2), "relu")
    assert 1 not in {v.id for v in square.vertices}  # no sign representation on pairs of points


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


def test_parity_rule_needs_parts_that_are_not_polynomials():
    # Counterexample to docs/math.md §4 'Generalisation' as worded: x^2 + tanh x has a non-constant
    # even part, yet L_1 of C_8 (order 8) does not reach L_4 (order 2 | 8/2): x^2 creates only
    # the 2nd harmonic, and tanh only odd ones. The exact method refuses callables for this reason.
    def square_plus_tanh(x):
        return x**2 + np.tanh(x)

    sigma = activation(square_plus_tanh)
    worded = OrderRule("x^2 + tanh", "parity", sigma, "nonconstant", "nonlinear")
    assert worded.reaches(8, 2, same=False)
    numeric = interaction_graph("C8", sigma)
    assert numeric.successors(1) == [0, 1, 2, 3]
    assert_separated(numeric)


def test_callables_that_overflow_at_large_amplitudes_still_work():
    # exp overflows at the largest amplitudes; those samples are dropped. Its parts (cosh, sinh)
    # are neither constant nor linear nor polynomial, as for elu.
    for n in (8, 12, 30):
        graph = interaction_graph(f"C{n}", np.exp)
        assert graph.edge_set == interaction_graph(f"C{n}", "elu", method="exact").edge_set


def test_authors_basis_method_misses_edges_that_generic_sampling_finds():
    def min_zero(x):
        return np.minimum(x, 0.0)

    basis = interaction_graph("C8", min_zero, method="basis")
    generic = interaction_graph("C8", min_zero)
    assert generic.edge_set - basis.edge_set == {(0, 0)}  # docs/math.md §4: the loop at L_0


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


@given(st.integers(1, 60), st.sampled_from(["relu", "abs", "tanh", "pow:2"]))
def test_filtration_sets_are_closed_and_generate_every_closure(n, name):
    graph = interaction_graph(f"C{n}", name, method="exact")
    sets = graph.filtration()
    for closed in sets:
        assert all(set(graph.successors(v)) <= closed for v in closed)
    assert {graph.closure(v.id) for v in graph.vertices} == set(sets)
