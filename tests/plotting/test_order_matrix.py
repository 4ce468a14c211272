"""Big graphs aggregated by order class: the counts are the graph's edges, the pictures decode."""

import math
import xml.etree.ElementTree as ElementTree
from collections import Counter

import matplotlib
import numpy as np
import pytest

from plrep.graphs import condensed_graph, interaction_graph
from plrep.plotting.graphs import MAX_DRAWN_EDGES, order_class_matrix, plot_graph

matplotlib.use("Agg")


def test_condensed_c10_12_has_one_class_per_divisor_and_every_edge_once():
    graph = condensed_graph(10**12, "relu")
    matrix = order_class_matrix(graph)
    # 10^12 = 2^12 5^12 has 13 * 13 divisors, one order class each
    assert len(matrix.orders) == 13 * 13 == len(graph.vertices)
    assert sorted(int(d) for d in matrix.orders) == sorted(2**i * 5**j for i in range(13) for j in range(13))
    assert int(matrix.edges.sum()) == len(graph.edges)
    assert matrix.edges.max() == 1  # a condensed vertex is a whole class
    # kinds: loops that reach only the simple itself sit on the diagonal
    loops = {e.source for e in graph.edges if e.reach == "self"}
    index = {int(d): i for i, d in enumerate(matrix.orders)}
    assert {i for i in range(len(matrix.orders)) if matrix.kinds[i, i] == 2} == {index[d] for d in loops}
    # drawing order: levels (number of prime factors with multiplicity) never decrease
    assert np.all(np.diff(matrix.levels) >= 0)
    # edges go from d to divisors of d: nothing above the diagonal
    rows, cols = np.nonzero(matrix.edges)
    assert all(int(matrix.orders[i]) % int(matrix.orders[j]) == 0 for i, j in zip(rows, cols, strict=True))


def test_an_exact_graph_counts_edges_between_orders_of_its_simples():
    n = 180
    graph = interaction_graph(f"C{n}", "relu", method="exact")
    assert len(graph.edges) > MAX_DRAWN_EDGES
    matrix = order_class_matrix(graph)
    order = {k: n // math.gcd(n, k) for k in range(n // 2 + 1)}  # L_k of C_n has image order n/gcd
    expected = Counter((order[e.source], order[e.target]) for e in graph.edges)
    sizes = Counter(order.values())
    for i, d in enumerate(matrix.orders):
        assert matrix.sizes[i] == sizes[int(d)]
        for j, e in enumerate(matrix.orders):
            assert matrix.edges[i, j] == expected.get((int(d), int(e)), 0)
    assert np.all(matrix.edges <= matrix.possible)
    assert matrix.kinds is None


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_the_aggregated_picture_is_written_in_each_format(tmp_path, suffix):
    path = plot_graph(condensed_graph(10**12, "relu"), path=tmp_path / f"big.{suffix}")
    data = path.read_bytes()
    if suffix == "png":
        pixels = matplotlib.image.imread(path)
        assert min(pixels.shape[:2]) > 800
        assert pixels[..., :3].std() > 0.1  # a pattern, not a blank page
        # blue cells for "all" and orange ones for loops are both present
        rgb = (pixels[..., :3] * 255).round().astype(int).reshape(-1, 3)
        assert (np.abs(rgb - [0x1F, 0x4E, 0x9C]).sum(axis=1) < 12).sum() > 1000
        assert (np.abs(rgb - [0xE8, 0x87, 0x1E]).sum(axis=1) < 12).sum() > 100
    elif suffix == "svg":
        assert ElementTree.fromstring(data).tag.endswith("svg")
    else:
        assert data.startswith(b"%PDF-")


def test_the_cli_draws_c10_12_condensed(tmp_path, capsys):
    from plrep.cli import main

    out = tmp_path / "c.png"
    assert (
        main(["graph", "C1000000000000", "--method", "condensed", "--format", "png", "--out", str(out)]) == 0
    )
    assert out.stat().st_size > 10_000


def test_more_order_classes_than_the_cap_are_refused_before_drawing(tmp_path):
    from types import SimpleNamespace

    from plrep.plotting._order_matrix import MAX_CLASSES

    vertices = [SimpleNamespace(id=d, order=d, count=1) for d in range(1, MAX_CLASSES + 2)]
    graph = SimpleNamespace(method="numeric", vertices=vertices, edges=[], group="fake", activation="relu")
    with pytest.raises(
        ValueError, match=r"^`graph` must have at most 2000 order classes to be drawn, got 2001"
    ):
        order_class_matrix(graph)
