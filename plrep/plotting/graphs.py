"""Layered drawings of interaction graphs, in the style of the authors' figures.

Levels follow divisibility of orders: a vertex of order d sits at height Omega(d), the number
of prime factors of d counted with multiplicity, so the trivial representation is at the
bottom and every edge (which goes from order d to a divisor of d) points down or sideways.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from plrep.graphs_rules import factorise

__all__ = ["draw_graph", "layout", "plot_graph", "plot_graph_grid"]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def layout(graph) -> dict[int, tuple[float, float]]:
    """Positions of the vertices: x spread within a level, y = Omega(order)."""
    levels = defaultdict(list)
    for vertex in graph.vertices:
        levels[sum(factorise(vertex.order).values())].append(vertex.id)
    positions = {}
    for height, ids in levels.items():
        xs = np.linspace(-1, 1, len(ids) + 2)[1:-1] if len(ids) > 1 else [0.0]
        for x, vertex_id in zip(xs, sorted(ids), strict=True):
            positions[vertex_id] = (float(x), float(height))
    return positions


def _label(vertex, label: str) -> str:
    return {"id": str(vertex.id), "order": str(vertex.order), "dim": str(vertex.dim)}[label]


def draw_graph(graph, ax, *, label: str = "id", title: str | None = None) -> None:
    """Draw ``graph`` on a matplotlib axis: layered vertices, arrows, loops, labels."""
    from matplotlib.patches import FancyArrowPatch

    positions = layout(graph)
    heights = [y for _, y in positions.values()] or [0.0]
    for edge in graph.edges:
        (x0, y0), (x1, y1) = positions[edge.source], positions[edge.target]
        if edge.source == edge.target:
            ax.add_patch(
                FancyArrowPatch(
                    (x0 - 0.06, y0 + 0.12),
                    (x0 + 0.06, y0 + 0.12),
                    connectionstyle="arc3,rad=-1.6",
                    arrowstyle="-|>",
                    mutation_scale=7,
                    color="0.35",
                    lw=0.8,
                )
            )
            continue
        # Same level: arc sideways; long drops: arc more, so they do not run through the vertices between.
        bend = 0.25 if abs(y1 - y0) < 1e-9 else 0.08 * abs(y1 - y0)
        ax.add_patch(
            FancyArrowPatch(
                (x0, y0),
                (x1, y1),
                connectionstyle=f"arc3,rad={bend}",
                arrowstyle="-|>",
                mutation_scale=8,
                shrinkA=7,
                shrinkB=7,
                color="0.35",
                lw=0.8,
            )
        )
    for vertex in graph.vertices:
        x, y = positions[vertex.id]
        ax.scatter([x], [y], s=220, color="white", edgecolors="black", zorder=3)
        ax.text(x, y, _label(vertex, label), ha="center", va="center", fontsize=7, zorder=4)
    ax.set_xlim(-1.2, 1.2)
    ax.set_ylim(min(heights) - 0.5, max(heights) + 0.6)
    ax.set_axis_off()
    ax.set_title(title if title is not None else f"{graph.group}: {graph.activation}", fontsize=8)


def plot_graph(graph, *, label: str = "id", path: str | Path, title: str | None = None) -> Path:
    """One graph in its own figure, saved as PNG or SVG (by the file suffix)."""
    plt = _pyplot()
    height = 1.2 + 0.9 * max((y for _, y in layout(graph).values()), default=0)
    fig, ax = plt.subplots(figsize=(4.5, max(2.5, height)))
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
    for index, ax in enumerate(axes.ravel()):
        if index < len(graphs):
            draw_graph(graphs[index], ax, label=label, title=None if titles is None else titles[index])
        else:
            ax.set_axis_off()
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)
