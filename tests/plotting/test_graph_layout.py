"""Graph drawings never draw an edge through a vertex that is not one of its endpoints.

The check is geometric: every drawn curve is sampled and its distance to every other vertex
centre must be at least the vertex radius (else the picture reads as a different edge).
"""

import matplotlib
import numpy as np
import pytest

from plrep.graphs import condensed_graph, interaction_graph
from plrep.plotting._graph_layout import RADIUS, clearance, layout, route_edges, sample

matplotlib.use("Agg")

CASES = [
    ("D6", "tanh", "numeric"),  # drawn 2b -> 1a through 1c before the router
    ("D3", "relu", "numeric"),
    ("D5", "relu", "numeric"),
    ("D8", "relu", "numeric"),
    ("S4", "relu", "numeric"),
    ("C8", "relu", "exact"),
    ("C12", "abs", "exact"),
    ("C13", "relu", "exact"),
    ("C16", "relu", "exact"),
    ("C17", "abs", "exact"),
    ("C18", "relu", "exact"),
    ("C20", "relu", "exact"),
]


def _distance(points, centre) -> float:
    return float(np.min(np.hypot(*(sample(points, 400) - centre).T)))


def _worst(graph) -> float:
    """Independent of clearance(): densely sampled distance to every non-endpoint vertex."""
    positions = layout(graph)
    worst = np.inf
    for route in route_edges(graph, positions):
        for vertex, centre in positions.items():
            if vertex not in (route.source, route.target):
                worst = min(worst, _distance(route.points, np.asarray(centre)))
    return worst


@pytest.mark.parametrize(("group", "activation", "method"), CASES)
def test_no_edge_passes_through_another_vertex(group, activation, method):
    graph = interaction_graph(group, activation, method=method)
    assert graph.edges, "a graph without edges would test nothing"
    assert _worst(graph) >= RADIUS
    assert clearance(graph) >= RADIUS


def test_every_cyclic_grid_panel_is_clear():
    for n in range(1, 21):
        for activation in ("relu", "abs"):
            graph = interaction_graph(f"C{n}", activation, method="exact")
            assert _worst(graph) >= RADIUS, (n, activation)
    assert _worst(condensed_graph(720, "relu")) >= RADIUS


def test_old_drawing_of_d6_tanh_is_caught():
    """The check can fail: the previous drawing (arc3 bends by level gap) put 2b -> 1a through 1c."""
    graph = interaction_graph("D6", "tanh")
    names = {v.name: v.id for v in graph.vertices}
    assert (names["2b"], names["1a"]) in graph.edge_set
    # The old layout: rows centred on x = 0, one unit apart, bend 0.12 * (gap - 1) + 0.05.
    old = {names["1a"]: (0.0, 0.0), names["1c"]: (0.0, 1.0), names["2b"]: (0.0, 2.0)}
    start, end = np.array(old[names["2b"]]), np.array(old[names["1a"]])
    dx, dy = end - start
    control = (start + end) / 2 + 0.17 * np.array([dy, -dx])
    assert _distance(np.array([start, control, end]), np.array(old[names["1c"]])) < RADIUS
    # the new drawing of the same edge keeps clear of 1c
    positions = layout(graph)
    route = next(
        r for r in route_edges(graph, positions) if (r.source, r.target) == (names["2b"], names["1a"])
    )
    assert _distance(route.points, np.asarray(positions[names["1c"]])) >= RADIUS


def test_drawing_uses_the_routes(tmp_path):
    from plrep.plotting.graphs import plot_graph

    graph = interaction_graph("D6", "tanh")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch

    from plrep.plotting.graphs import draw_graph

    fig, ax = plt.subplots()
    draw_graph(graph, ax, label="name")
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    plt.close(fig)
    assert len(arrows) == len(graph.edges)
    assert plot_graph(graph, label="name", path=tmp_path / "d6.svg").stat().st_size > 1000
    text = (tmp_path / "d6.svg").read_text()
    assert "2b: dim 2" in text or "2b:" in text  # the legend explains the names


def test_label_must_be_known():
    from plrep.plotting.graphs import plot_graph

    with pytest.raises(ValueError, match="`label` must be one of"):
        plot_graph(interaction_graph("C4", "relu"), label="colour", path="unused.png")


def test_route_rooms_are_the_measured_clearance():
    graph = interaction_graph("D6", "tanh")
    routes = route_edges(graph)
    # rooms are measured on the untrimmed curves, so they agree to sampling accuracy
    assert min(r.room for r in routes) == pytest.approx(clearance(graph, routes=routes), abs=1e-3)


def test_huge_graphs_are_drawn_aggregated_not_refused(tmp_path):
    from plrep.plotting.graphs import MAX_DRAWN_EDGES, plot_graph

    graph = condensed_graph(10**12, "relu")
    assert len(graph.edges) > MAX_DRAWN_EDGES
    path = plot_graph(graph, path=tmp_path / "big.png")  # one matrix cell per pair of orders
    assert path.stat().st_size > 10_000
