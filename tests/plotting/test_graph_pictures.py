"""Issue 25 item 17: static graph pictures: labels inside circles, a legend for repeated labels,
rows no taller than their drawings."""

from __future__ import annotations

import math

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.patches import Circle

from plrep.graphs import interaction_graph
from plrep.plotting import graphs as graph_plots


@pytest.fixture
def kept_figures(monkeypatch):
    """The figures the plot functions make, kept open (they close them after saving)."""
    kept = []
    monkeypatch.setattr(plt, "close", lambda fig=None: kept.append(fig))
    return kept


def _labels_and_circles(fig):
    renderer = fig.canvas.get_renderer()
    pairs = []
    for ax in fig.axes:
        circles = [p for p in ax.patches if isinstance(p, Circle)]
        for text in ax.texts:
            if not text.get_text().isdigit():
                continue
            x, y = text.get_position()
            circle = min(circles, key=lambda c: math.dist(c.center, (x, y)))
            pairs.append(
                (text.get_text(), text.get_window_extent(renderer), circle.get_window_extent(renderer))
            )
    return pairs


def test_two_digit_labels_fit_inside_their_circles(tmp_path, kept_figures):
    graphs = [interaction_graph(f"C{n}", "relu", method="exact") for n in range(1, 21)]  # the paper's figure
    graph_plots.plot_graph_grid(graphs, label="order", path=tmp_path / "grid.png")
    fig = kept_figures[0]
    pairs = _labels_and_circles(fig)
    assert sum(len(text) == 2 for text, _, _ in pairs) > 30  # image orders 10..20
    for text, box, circle in pairs:
        # The label's box (the renderer's, with the font's full line height) lies inside the
        # circle: its corners within the radius of the circle's centre.
        radius = circle.width / 2
        cx, cy = (circle.x0 + circle.x1) / 2, (circle.y0 + circle.y1) / 2
        corners = [(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
        assert max(math.dist(c, (cx, cy)) for c in corners) <= radius + 0.5, (text, box, circle)


def test_labels_fit_when_a_large_graph_is_scaled_down(tmp_path, kept_figures):
    # C48 (abs, 25 vertices) is drawn at less than full scale (12 inches a side at most):
    # the two-digit ids stuck out of their circles (corners at 1.11 radii) before.
    graph_plots.plot_graph(
        interaction_graph("C48", "abs", method="exact"), label="id", path=tmp_path / "g.png"
    )
    pairs = _labels_and_circles(kept_figures[0])
    assert len(pairs) == 25
    for text, box, circle in pairs:
        radius = circle.width / 2
        cx, cy = (circle.x0 + circle.x1) / 2, (circle.y0 + circle.y1) / 2
        corners = [(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
        assert max(math.dist(c, (cx, cy)) for c in corners) <= radius + 0.5, (text, box, circle)


def test_order_labels_come_with_a_legend_naming_the_simples(tmp_path, kept_figures):
    graph = interaction_graph("C24", "relu", method="exact")
    graph_plots.plot_graph(graph, label="order", path=tmp_path / "order.png")
    legend = "\n".join(t.get_text() for t in kept_figures[0].texts)
    # Reference: L_k of C_24 has image order 24 / gcd(24, k).
    by_order: dict[int, list[str]] = {}
    for k in range(13):
        by_order.setdefault(24 // math.gcd(24, k), []).append(f"L{k}")
    for order, names in by_order.items():
        assert f"{order}: {' '.join(names)}" in legend
    assert "circles: order of the image of G" in legend


def test_rows_of_small_graphs_are_not_as_tall_as_rows_of_large_ones(tmp_path, kept_figures):
    graphs = [interaction_graph(f"C{n}", "relu", method="exact") for n in range(1, 21)]
    graph_plots.plot_graph_grid(graphs, label="id", path=tmp_path / "grid.png")
    fig = kept_figures[0]
    renderer = fig.canvas.get_renderer()
    axes = fig.axes
    first_row, last_row = (axes[i].get_window_extent(renderer).height for i in (0, 15))
    assert first_row < 0.6 * last_row, (first_row, last_row)  # equal rows before: ratio 1
