"""Layered drawings of interaction graphs, in the style of the authors' figures.

Levels follow divisibility of orders: a vertex of order d sits at height Omega(d), the number
of prime factors of d counted with multiplicity, so the trivial representation is at the
bottom and every edge (which goes from order d to a divisor of d) points down or sideways.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from plrep._validate import check_choice
from plrep.graphs._rules import factorise

__all__ = ["draw_graph", "layout", "plot_graph", "plot_graph_grid"]


def _pyplot():
    """pyplot, imported on first use; the backend is the caller's choice (the CLI picks Agg)."""
    import matplotlib.pyplot as plt

    return plt


RADIUS = 0.2  # vertex radius in data units (levels are 1 apart, neighbours in a level too)


def layout(graph) -> dict[int, tuple[float, float]]:
    """Positions: y = Omega(order) (prime factors with multiplicity), x centred within a level.

    Within a level vertices are sorted by order, then id, so simples of one order sit together.
    """
    levels = defaultdict(list)
    for vertex in graph.vertices:
        levels[sum(factorise(vertex.order).values())].append((vertex.order, vertex.id))
    positions = {}
    for height, members in levels.items():
        for index, (_, vertex_id) in enumerate(sorted(members)):
            positions[vertex_id] = (index - (len(members) - 1) / 2, float(height))
    return positions


def _label(vertex, label: str) -> str:
    return {"id": str(vertex.id), "order": str(vertex.order), "dim": str(vertex.dim)}[label]


def _arrow(ax, start, end, *, bend: float, dashed: bool = False) -> None:
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            connectionstyle=f"arc3,rad={bend}",
            arrowstyle="-|>",
            mutation_scale=8,
            color="0.35",
            lw=0.8,
            linestyle="--" if dashed else "-",
            zorder=2,
        )
    )


def _draw_edge(ax, edge, positions) -> None:
    (x0, y0), (x1, y1) = positions[edge.source], positions[edge.target]
    if edge.source == edge.target:
        # A loop on the right-hand side of the vertex, clear of the edges arriving from above.
        angle = np.deg2rad(35)
        start = (x0 + RADIUS * np.cos(angle), y0 + RADIUS * np.sin(angle))
        end = (x0 + RADIUS * np.cos(angle), y0 - RADIUS * np.sin(angle))
        _arrow(ax, start, end, bend=-2.2, dashed=edge.reach == "self")
        return
    direction = np.array([x1 - x0, y1 - y0]) / np.hypot(x1 - x0, y1 - y0)
    start = np.array([x0, y0]) + RADIUS * direction
    end = np.array([x1, y1]) - RADIUS * direction
    # Same level: arc sideways; long drops arc more, so they pass beside the vertices between,
    # bulging away from the centre line (positive rad bends to the west on the way down).
    bend = 0.3 if abs(y1 - y0) < 1e-9 else 0.12 * (abs(y1 - y0) - 1) + 0.05
    bend *= -1.0 if x0 + x1 > 0 else 1.0
    _arrow(ax, tuple(start), tuple(end), bend=bend, dashed=edge.reach == "self")


def draw_graph(
    graph, ax, *, label: str = "id", title: str | None = None, extent: tuple[float, float] | None = None
) -> None:
    """Draw ``graph`` on a matplotlib axis: layered vertices, arrows, loops, labels.

    The trivial simple is at the bottom; a dashed loop in a condensed graph means L_i -> L_i only.
    ``extent`` (width, height) fixes the visible area, so panels of a grid share one scale.
    """
    check_choice(label, "label", ("id", "order", "dim"))
    from matplotlib.patches import Circle

    positions = layout(graph)
    for edge in graph.edges:
        _draw_edge(ax, edge, positions)
    for vertex in graph.vertices:
        x, y = positions[vertex.id]
        ax.add_patch(Circle((x, y), RADIUS, facecolor="white", edgecolor="black", lw=0.9, zorder=3))
        ax.text(x, y, _label(vertex, label), ha="center", va="center", fontsize=7, zorder=4)
    width, height = extent or _extent(graph)
    ax.set_xlim(-width / 2, width / 2)  # levels are centred on x = 0; the trivial level is y = 0
    ax.set_ylim(-0.5, height - 0.5)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title if title is not None else f"{graph.group}: {graph.activation}", fontsize=8)


def _extent(graph) -> tuple[float, float]:
    """(width, height) of the drawing in data units: the layout plus margins."""
    positions = layout(graph).values()
    xs, ys = [abs(x) for x, _ in positions] or [0.0], [y for _, y in positions] or [0.0]
    return 2 * max(xs) + 1.6, max(ys) + 1.0


def plot_graph(graph, *, label: str = "id", path: str | Path, title: str | None = None) -> Path:
    """One graph in its own figure, saved as PNG or SVG (by the file suffix)."""
    plt = _pyplot()
    width, height = _extent(graph)
    scale = min(1.0, 12.0 / max(width, height))  # at most 12 inches a side
    fig, ax = plt.subplots(figsize=(max(2.5, 0.9 * width * scale), max(2.5, 0.9 * height * scale + 0.4)))
    draw_graph(graph, ax, label=label, title=title)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return Path(path)


def plot_graph_grid(
    graphs, *, label: str = "id", columns: int = 5, path: str | Path, title: str = "", titles=None
) -> Path:
    """Several graphs in a grid (e.g. C_1..C_20), one panel each."""
    plt = _pyplot()
    rows = -(-len(graphs) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(2.6 * columns, 2.6 * rows), squeeze=False)
    # Panels share a minimum visible area (the tallest graph, at least 4.6 wide) so small graphs
    # are not blown up; wider ones shrink as much as they must.
    extents = [_extent(graph) for graph in graphs]
    least = (4.6, max(h for _, h in extents))
    for index, ax in enumerate(axes.ravel()):
        if index < len(graphs):
            heading = None if titles is None else titles[index]
            extent = (max(extents[index][0], least[0]), max(extents[index][1], least[1]))
            draw_graph(graphs[index], ax, label=label, title=heading, extent=extent)
        else:
            ax.set_axis_off()
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)
