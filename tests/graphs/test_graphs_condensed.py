"""Condensed graphs on the divisors of n, number theory helpers, exports and error messages."""

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plrep.graphs import condensed_graph, interaction_graph
from plrep.graphs._rules import NoClosedForm, divisors, divisors_with_totients, factorise, simples_of_order

CLOSED = ["relu", "abs", "leaky_relu", "prelu:2", "tanh", "sigmoid", "gelu", "identity", "pow:2", "pow:3"]


def order(n, k):
    return n // math.gcd(n, k)


def reach_from_exact(n, name):
    """Condensed edges read off the full closed-form graph: {(d, e): reach}."""
    exact = interaction_graph(f"C{n}", name, method="exact")
    by_order = {}
    for v in exact.vertices:
        by_order.setdefault(v.order, []).append(v.id)
    result = {}
    for d, sources in by_order.items():
        for e, targets in by_order.items():
            hits = [{j for j in targets if (i, j) in exact.edge_set} for i in sources]
            if not any(hits):
                continue
            if all(h == set(targets) for h in hits):
                result[d, e] = "all"
            elif all(h == {i} for i, h in zip(sources, hits, strict=True)):
                result[d, e] = "self"
            else:
                result[d, e] = "some"
    return result


@pytest.mark.parametrize("name", CLOSED)
def test_condensed_graph_matches_the_exact_graph_on_orders(name):
    for n in (1, 2, 6, 8, 12, 15, 30, 36, 60):
        condensed = condensed_graph(n, name)
        assert {(e.source, e.target): e.reach for e in condensed.edges} == reach_from_exact(n, name), n
        assert [v.count for v in condensed.vertices] == [
            sum(order(n, k) == d for k in range(n // 2 + 1)) for d in divisors(n)
        ]


def test_condensed_graph_for_a_trillion():
    graph = condensed_graph(10**12, "relu")
    assert len(graph.vertices) == 169  # 10^12 = 2^12 5^12 has 13 * 13 divisors
    assert sum(v.count for v in graph.vertices) == 10**12 // 2 + 1
    assert (10**12, 10**12 // 2) in graph.edge_set and (10**12 // 2, 10**12) not in graph.edge_set
    loop = next(e for e in graph.edges_from(10**12) if e.target == 10**12)
    assert loop.reach == "self"  # ReLU: L_i -> L_i, but not to the other simples of its order
    semiprime = condensed_graph(999_983 * 999_979, "abs")  # trial division up to 10^6
    assert [v.order for v in semiprime.vertices] == [1, 999_979, 999_983, 999_983 * 999_979]


@given(st.integers(1, 400))
def test_number_theory_helpers_against_brute_force(n):
    assert divisors(n) == [d for d in range(1, n + 1) if n % d == 0]
    assert math.prod(p**k for p, k in factorise(n).items()) == n
    for d, phi in divisors_with_totients(n):
        assert phi == sum(math.gcd(k, d) == 1 for k in range(1, d + 1))
        assert simples_of_order(n, d) == sum(order(n, k) == d for k in range(n // 2 + 1))


def test_factorise_large():
    assert factorise(2**12 * 5**12) == {2: 12, 5: 12}
    assert factorise(999_983 * 999_979) == {999_979: 1, 999_983: 1}


def test_exports():
    graph = interaction_graph("C6", "relu")
    payload = graph.to_dict()
    assert set(payload) >= {"group", "activation", "method", "vertices", "edges", "threshold"}
    assert payload["vertices"][1] == {"id": 1, "name": "L1", "dim": 2, "order": 6, "frequency": [1]}
    assert set(payload["edges"][0]) == {"source", "target", "strength"}
    assert payload["min_edge_strength"] > payload["threshold"] > payload["max_non_edge"]
    digraph = graph.to_networkx()
    assert isinstance(digraph, nx.DiGraph) and set(digraph.edges) == graph.edge_set
    assert digraph.nodes[3]["order"] == 2 and digraph.edges[1, 0]["strength"] > 0
    dot = graph.to_dot(label="order")
    assert dot.startswith('digraph "C6 relu" {') and "  1 -> 0 [strength=" in dot and '[label="6"]' in dot
    condensed = condensed_graph(8, "relu").to_dict()
    assert condensed["vertices"][-1] == {"id": 8, "name": "ord 8", "dim": 2, "order": 8, "count": 2}
    assert {"source": 8, "target": 8, "strength": 1.0, "reach": "self"} in condensed["edges"]
    assert 'style="dashed"' in condensed_graph(8, "relu").to_dot()


def raises(error, message, *args, **kwargs):
    with pytest.raises(error) as raised, np.errstate(all="ignore"):
        interaction_graph(*args, **kwargs)
    assert str(raised.value) == message


def test_error_messages_word_for_word():
    raises(
        NoClosedForm,
        "`method` must be 'numeric' for 'tanh': the parity of a Python callable is only detected "
        "numerically, so no closed form applies; got 'exact' instead",
        "C8",
        np.tanh,
        method="exact",
    )
    raises(
        NoClosedForm,
        "`method` must be 'numeric' for C2xC2: the exact closed forms cover cyclic groups C_n only, "
        "got 'exact' instead",
        "C2xC2",
        "relu",
        method="exact",
    )
    raises(
        ValueError,
        "`method` must be one of 'exact', 'numeric', 'basis', 'condensed', got 'guess' instead",
        "C8",
        "relu",
        method="guess",
    )
    raises(
        ValueError,
        "`group` must be a cyclic group such as 'C1000000' for the condensed method, got 'C4xC4' instead",
        "C4xC4",
        "relu",
        method="condensed",
    )
    raises(
        ValueError,
        "`group` is too large for the numeric method: C2000000000 has 1000000001 simples, at most 1048576 "
        "vertices fit a graph; use method='condensed' for C_n",
        "C2000000000",
        "relu",
    )
    raises(ValueError, "`threshold` must be in (0, 1), got 0.0 instead", "C8", "relu", threshold=0.0)
    raises(ValueError, "`seed` must be an integer >= 0, got -1 instead", "C8", "relu", seed=-1)
    raises(
        TypeError,
        "`space` must be a G-set, a group or a spec such as 'S4:natural', got 3.5 instead",
        3.5,
        "relu",
    )


def test_activation_errors():
    raises(
        ValueError,
        "`activation` '<lambda>' must return finite values, got NaN at an input x with |x| = 128",
        "C8",
        lambda x: np.where(np.abs(x) > 100, np.nan, x),
    )
    with (
        pytest.raises(ValueError, match=r"^`activation` must return finite values"),
        np.errstate(all="ignore"),
    ):
        interaction_graph("C8", lambda x: x / (x - x))  # refused when the activation is built
    with pytest.raises(ValueError, match=r"^`vertex` must be a vertex id of the graph, got 9 instead$"):
        interaction_graph("C8", "relu", method="exact").reachable(9, 1)


@pytest.mark.parametrize(
    ("n", "error"), [(0, ValueError), (-12, ValueError), (2.0, TypeError), (10**16, ValueError)]
)
def test_factorise_refuses_what_it_cannot_factor_quickly(n, error):
    from plrep.graphs import divisors, factorise

    with pytest.raises(error, match=r"^`n` must be an integer"):
        factorise(n)
    with pytest.raises(error, match=r"^`n` must be an integer"):
        divisors(n)
