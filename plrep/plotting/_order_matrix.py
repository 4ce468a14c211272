"""Graphs too big to draw edge by edge, aggregated by order class into one matrix picture.

Vertices are grouped by the order of their simple (a condensed graph's vertices already are
order classes). Rows are sources, columns targets, both sorted by level Omega(d) (prime factors
with multiplicity, as in the layered drawings) and then by d, so edges, which go from d to
divisors of d, fill blocks on and below the diagonal. Every edge of the graph is counted in
exactly one cell and no cell claims an edge that is not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["KINDS", "OrderClassMatrix", "order_class_matrix", "plot_order_matrix"]

# Condensed edges: every simple of the source class reaches every one of the target class
# ("all"), a simple reaches only itself ("self"), or some of the class ("some").
KINDS = ("none", "all", "self", "some")
_KIND_COLOURS = ("#ffffff", "#1f4e9c", "#e8871e", "#4aa64a")
MAX_CLASSES = 2000  # an image of MAX_CLASSES^2 cells; more classes than this are not drawn


@dataclass(frozen=True)
class OrderClassMatrix:
    """Edges counted between order classes.

    Attributes:
        orders: the image orders d of the classes, in drawing order, shape (V,).
        sizes: simples per class, shape (V,).
        edges: edges from class i to class j (graph edges, one per pair of vertices), (V, V).
        kinds: for a condensed graph, the index into ``KINDS`` of each cell, else None.
        levels: Omega(d) per class, shape (V,).
    """

    orders: np.ndarray
    sizes: np.ndarray
    edges: np.ndarray
    kinds: np.ndarray | None
    levels: np.ndarray

    @property
    def possible(self) -> np.ndarray:
        """sizes_i * sizes_j: the pairs of simples each cell stands for."""
        return np.outer(self.sizes, self.sizes)


def _omega(order: int) -> int:
    from plrep.graphs import factorise

    return sum(factorise(int(order)).values()) if order > 1 else 0


def order_class_matrix(graph) -> OrderClassMatrix:
    """Count ``graph``'s edges between classes of simples of equal image order.

    Example:
        >>> from plrep.graphs import condensed_graph
        >>> m = order_class_matrix(condensed_graph(12, "relu"))
        >>> m.orders.tolist(), int(m.edges.sum()) == len(condensed_graph(12, "relu").edges)
        ([1, 2, 3, 4, 6, 12], True)
    """
    condensed = graph.method == "condensed"
    order_of = {v.id: int(v.order) for v in graph.vertices}
    sizes: dict[int, int] = {}
    for vertex in graph.vertices:
        sizes[int(vertex.order)] = sizes.get(int(vertex.order), 0) + (int(vertex.count) if condensed else 1)
    if len(sizes) > MAX_CLASSES:
        raise ValueError(
            f"`graph` must have at most {MAX_CLASSES} order classes to be drawn, got {len(sizes)} "
            f"({graph.group}, {graph.activation}) instead; use the text, DOT or JSON output"
        )
    levels = {order: _omega(order) for order in sizes}
    orders = sorted(sizes, key=lambda d: (levels[d], d))
    index = {order: i for i, order in enumerate(orders)}
    count = len(orders)
    edges = np.zeros((count, count), dtype=np.int64)
    kinds = np.zeros((count, count), dtype=np.int8) if condensed else None
    for edge in graph.edges:
        i, j = index[order_of[edge.source]], index[order_of[edge.target]]
        edges[i, j] += 1
        if kinds is not None:
            kinds[i, j] = KINDS.index(edge.reach if edge.reach in KINDS else "all")
    return OrderClassMatrix(
        orders=np.array(orders, dtype=object),
        sizes=np.array([sizes[d] for d in orders], dtype=np.int64),
        edges=edges,
        kinds=kinds,
        levels=np.array([levels[d] for d in orders], dtype=np.int64),
    )


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def order_label(order: int, *, factored: bool = True) -> str:
    """d as a product of prime powers, e.g. 2¹²·5³, or plain digits (``factored=False``, or d = 1)."""
    from plrep.graphs import factorise

    if order == 1 or not factored:
        return str(order)
    parts = factorise(int(order))
    return "·".join(
        f"{p}{str(e).translate(_SUPERSCRIPTS) if e > 1 else ''}" for p, e in sorted(parts.items())
    )


def _ticks(matrix: OrderClassMatrix) -> np.ndarray:
    count = len(matrix.orders)
    return np.arange(count) if count <= 60 else np.unique(np.linspace(0, count - 1, 48).round().astype(int))


def plot_order_matrix(graph, *, path: str | Path, title: str | None = None) -> Path:
    """Draw ``graph`` as an order-class matrix (rows: source class, columns: target class).

    A condensed graph's cells are coloured by edge kind (see ``KINDS``); any other graph's by the
    fraction of the sizes_i * sizes_j pairs of simples that are joined, with a colour bar. Grey
    lines separate the levels Omega(d).
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    matrix = order_class_matrix(graph)
    count = len(matrix.orders)
    side = float(np.clip(3.0 + 0.05 * count, 5.0, 11.0))
    fig, ax = plt.subplots(figsize=(side + 2.4, side + 0.6))
    if matrix.kinds is not None:
        ax.imshow(
            matrix.kinds, cmap=ListedColormap(_KIND_COLOURS), vmin=-0.5, vmax=3.5, interpolation="nearest"
        )
        present = sorted(set(np.unique(matrix.kinds).tolist()) - {0})
        words = {
            1: "every simple of the row's order reaches\nevery simple of the column's order",
            2: "loop only: each simple reaches itself,\nnot the others of its order",
            3: "powers reach some simples of that order",
        }
        handles = [Patch(facecolor=_KIND_COLOURS[k], edgecolor="0.3", label=words[k]) for k in present]
        handles.append(Patch(facecolor="white", edgecolor="0.3", label="no edge"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    else:
        fraction = np.where(matrix.edges > 0, matrix.edges / matrix.possible, np.nan)
        cmap = plt.get_cmap("viridis").with_extremes(bad="white")
        image = ax.imshow(fraction, cmap=cmap, vmin=0.0, vmax=1.0, interpolation="nearest")
        fig.colorbar(
            image, ax=ax, fraction=0.04, pad=0.02, label="fraction of simple pairs joined (white: none)"
        )
    boundaries = np.flatnonzero(np.diff(matrix.levels)) + 0.5
    for position in boundaries:
        ax.axhline(position, color="0.75", lw=0.4)
        ax.axvline(position, color="0.75", lw=0.4)
    starts = np.r_[-0.5, boundaries, count - 0.5]
    if len(starts) - 1 <= 40:  # the levels, named along the top
        top = ax.secondary_xaxis("top")
        top.set_xticks(
            (starts[:-1] + starts[1:]) / 2, [str(int(v)) for v in np.unique(matrix.levels)], fontsize=7
        )
        top.set_xlabel("level Ω(d): prime factors of d with multiplicity", fontsize=8)
    ticks = _ticks(matrix)
    factored = int(max(matrix.orders)) >= 1000  # big orders read better as prime powers
    labels = [order_label(int(matrix.orders[i]), factored=factored) for i in ticks]
    fontsize = 8 if len(ticks) <= 30 else 6
    ax.set_xticks(ticks, labels, rotation=90, fontsize=fontsize)
    ax.set_yticks(ticks, labels, fontsize=fontsize)
    ax.set_xlabel("target: image order d of the simples (grey lines: levels Ω(d))")
    ax.set_ylabel("source: image order d of the simples")
    total = int(matrix.edges.sum())
    heading = title or f"{graph.group}, {graph.activation} ({graph.method})"
    ax.set_title(
        f"{heading}\n{count} order classes, {total} edges, aggregated: one cell per pair of orders",
        fontsize=10,
        pad=12 if len(starts) - 1 <= 40 else 6,
    )
    fig.savefig(path, dpi=150, bbox_inches="tight")  # "tight": the legend beside the axes included
    plt.close(fig)
    return Path(path)
