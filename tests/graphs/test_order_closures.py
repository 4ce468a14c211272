"""Closed sets of C_n graphs from one closure per order (plrep.graphs._closures).

The reference is the per-vertex breadth-first closure over the graph's rows
(``InteractionGraph.closure``), which knows nothing of orders, units or Galois scaling.
"""

import math
import warnings

import numpy as np
import pytest

from plrep.cli import main
from plrep.graphs import interaction_graph


def _graph(spec, activation, method="numeric"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # uncertain pairs: not what is tested here
        return interaction_graph(spec, activation, method=method)


@pytest.mark.parametrize("n", [1, 2, 12, 30, 36, 64, 97, 100, 210])
@pytest.mark.parametrize("activation", ["relu", "tanh", "abs", "gelu", "sigmoid"])
def test_each_closure_is_a_unit_multiple_of_its_order_closure(n, activation):
    graph = _graph(f"C{n}", activation)
    closures = graph.order_closures()
    for k in range(n // 2 + 1):
        d = n // math.gcd(n, k)
        u = (k // (n // d)) % d if d > 1 else 0
        moved = (u * np.flatnonzero(closures[d].mask)) % d
        assert set(((n // d) * np.minimum(moved, d - moved)).tolist()) == set(graph.closure(k))
    expected = sorted({graph.closure(v.id) for v in graph.vertices}, key=lambda s: (len(s), sorted(s)))
    assert graph.filtration() == expected


def test_exact_graphs_and_gsets_use_the_same_closures():
    graph = _graph("C60", "relu", method="exact")
    assert graph.filtration() == sorted(
        {graph.closure(v.id) for v in graph.vertices}, key=lambda s: (len(s), sorted(s))
    )
    gset = _graph("C12:natural", "relu")
    assert gset.order_closures() is not None
    assert gset.filtration() == sorted(
        {gset.closure(v.id) for v in gset.vertices}, key=lambda s: (len(s), sorted(s))
    )
    assert _graph("C4xC6", "relu").order_closures() is None  # products: one closure per vertex


def test_large_cyclic_text_summary_lists_closures_by_order(capsys):
    graph = _graph("C65536", "relu")
    assert len(graph.vertices) == 32769 and graph.vertex_name(32768) == "L32768"
    with pytest.raises(ValueError, match=r"graph\.order_closures"):
        graph.filtration()  # unit multiples of 17 closures: 3.6e8 ids, refused from the sizes
    assert main(["graph", "C16384", "--activation", "relu", "--max-lines", "0"]) == 0
    out = capsys.readouterr().out
    assert "filtration by order (15 orders" in out
    assert "  order 16384: L1 closes on {L0, L1, L2, L4, L6," in out and "(4098 simples; scaled by u)" in out
    assert "  order 2: L8192 closes on {L0, L8192} (2 simples; the same for every simple of order d)" in out
