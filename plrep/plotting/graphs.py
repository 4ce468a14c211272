"""Layered drawings of interaction graphs, in the style of the authors' figures.

Levels follow divisibility of orders: a vertex of order d sits at height Omega(d), the number
of prime factors of d counted with multiplicity, so the trivial representation is at the
bottom and every edge (which goes from order d to a divisor of d) points down or sideways.
Edges bend around vertices that are not their endpoints (``plrep.plotting._graph_layout``), so
no drawing suggests an edge that is not there.
"""

from __future__ import annotations

import math
import weakref
from pathlib import Path

import numpy as np

from plrep._validate import check_choice
from plrep.plotting._graph_layout import RADIUS, extent, layout, route_edges
from plrep.plotting._order_matrix import order_class_matrix, plot_order_matrix

__all__ = [
    "LABELS",
    "compact_legend",
    "draw_graph",
    "fit_labels",
    "layout",
    "legend_lines",
    "order_class_matrix",
    "plot_graph",
    "plot_graph_grid",
    "plot_order_matrix",
    "value_legend",
]

LABELS = ("id", "name", "order", "dim")
# Routing every edge clear of every vertex costs edges x vertices; past this many edges a
# picture is a hairball anyway, so plot_graph aggregates by order class instead.
MAX_DRAWN_EDGES = 1000


def _pyplot():
    """pyplot, imported on first use; the backend is the caller's choice (the CLI picks Agg)."""
    import matplotlib.pyplot as plt

    return plt


def _label(vertex, label: str) -> str:
    return {"id": str(vertex.id), "name": vertex.name, "order": str(vertex.order), "dim": str(vertex.dim)}[
        label
    ]


def legend_lines(graph, *, group_order: int | None = None) -> list[str]:
    """One line per vertex explaining its name: dimension, order of the image, kernel, type, partition.

    ``group_order`` |G| gives the kernel's size |G| / order. Condensed vertices stand for classes.
    """
    lines = []
    for vertex in graph.vertices:
        if graph.method == "condensed":
            count = getattr(vertex, "count", None)
            lines.append(f"{vertex.name}: the {count} simple(s) of order {vertex.order}")
            continue
        parts = [f"dim {vertex.dim}", f"image order {vertex.order}"]
        if group_order:
            kernel = group_order // vertex.order
            parts.append("faithful" if kernel == 1 else f"kernel of size {kernel}")
        kind = getattr(vertex, "type", None)
        if kind and kind != "real":
            parts.append(kind)
        partition = getattr(vertex, "partition", None)
        if partition:
            parts.insert(0, "partition (" + ",".join(str(p) for p in partition) + ")")
        frequency = getattr(vertex, "frequency", ())
        if frequency and len(frequency) > 1:
            parts.insert(0, "frequency (" + ",".join(str(f) for f in frequency) + ")")
        lines.append(f"{vertex.name}: " + ", ".join(parts))
    return lines


def value_legend(graph, label: str) -> list[str]:
    """For circles labelled by ``order`` or ``dim``: which simples carry each value.

    ``--label order`` draws "24" on four circles of C_24; the legend says they are L1, L5, L7
    and L11 ("24: L1 L5 L7 L11"), largest value first.
    """
    what = {"order": "order of the image of G", "dim": "dimension"}[label]
    groups: dict[int, list[str]] = {}
    for vertex in graph.vertices:
        groups.setdefault(int(getattr(vertex, label)), []).append(vertex.name)
    lines = [f"circles: {what}"]
    for value in sorted(groups, reverse=True):
        names = groups[value]
        shown = " ".join(names[:8]) + (f" ... ({len(names)})" if len(names) > 8 else "")
        lines.append(f"{value}: {shown}")
    return lines


def compact_legend(graph) -> str:
    """A few lines naming the vertices by dimension: "dim 2: 2a (order 6), 2b (order 3)"."""
    by_dim: dict[int, list[str]] = {}
    for vertex in graph.vertices:
        partition = getattr(vertex, "partition", None)
        extra = " [" + ",".join(map(str, partition)) + "]" if partition else ""
        by_dim.setdefault(vertex.dim, []).append(f"{vertex.name}{extra} ({vertex.order})")
    return "\n".join(f"dim {dim}: " + ", ".join(names) for dim, names in sorted(by_dim.items()))


def _fontsize(text: str, base: float) -> float:
    """Shrink long labels so they stay inside their circles."""
    return base * min(1.0, 2.2 / max(len(text), 1))


def draw_graph(
    graph,
    ax,
    *,
    label: str = "id",
    title: str | None = None,
    extent: tuple[float, float] | None = None,
    fontsize: float = 7.0,
    highlight=(),
) -> None:
    """Draw ``graph`` on a matplotlib axis: layered vertices, arrows, loops, labels.

    The trivial simple is at the bottom; a dashed loop in a condensed graph means L_i -> L_i only.
    ``label``: one of "id", "name", "order", "dim". ``extent`` (width, height) fixes the visible
    area, so panels of a grid share one scale. ``highlight``: (source, target) pairs drawn in
    red and thicker, e.g. the edges one method finds and another misses.
    """
    check_choice(label, "label", LABELS)
    from matplotlib.patches import Circle, FancyArrowPatch
    from matplotlib.path import Path as MplPath

    positions = layout(graph)
    routes = _routes(graph, positions)
    marked = {tuple(pair) for pair in highlight}
    for route in routes:
        path = MplPath(route.points, [MplPath.MOVETO, MplPath.CURVE3, MplPath.CURVE3])
        special = (route.source, route.target) in marked
        ax.add_patch(
            FancyArrowPatch(
                path=path,
                arrowstyle="-|>",
                mutation_scale=10 if special else 8,
                color="tab:red" if special else "0.35",
                lw=1.6 if special else 0.8,
                linestyle="--" if route.dashed else "-",
                zorder=2,
            )
        )
    for vertex in graph.vertices:
        x, y = positions[vertex.id]
        text = _label(vertex, label)
        ax.add_patch(Circle((x, y), RADIUS, facecolor="white", edgecolor="black", lw=0.9, zorder=3))
        artist = ax.text(x, y, text, ha="center", va="center", fontsize=_fontsize(text, fontsize), zorder=4)
        _LABELS.setdefault(ax, []).append((artist, fontsize))
    x0, x1, y0, y1 = _bounds(graph, positions, routes)
    if extent is not None:  # a shared minimum area, centred on the drawing
        width, height = max(extent[0], x1 - x0), max(extent[1], y1 - y0)
        cx = (x0 + x1) / 2
        x0, x1 = cx - width / 2, cx + width / 2
        y1 = y0 + height
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title if title is not None else f"{graph.group}: {graph.activation}", fontsize=8)


_ROUTES = weakref.WeakKeyDictionary()  # graph -> routes: sizing and drawing route once
_LABELS = weakref.WeakKeyDictionary()  # axis -> [(label text, base font size)], fitted after layout


def fit_labels(fig) -> None:
    """Shrink each vertex label until it fits inside its circle, once the layout is final.

    The circle's diameter in points is 2 RADIUS times the axis scale (points per data unit,
    the smaller of the two axes: the aspect is equal); a label's box is measured by the
    renderer, so "10" in C20's smallest panel is shrunk until its box fits the inscribed square.
    """
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        labels = _LABELS.get(ax)
        if not labels:
            continue
        box = ax.get_window_extent(renderer)
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        pixels_per_unit = min(box.width / (x1 - x0), box.height / (y1 - y0))
        room = 2 * RADIUS * pixels_per_unit / math.sqrt(2)  # side of the inscribed square, pixels
        for artist, base in labels:
            artist.set_fontsize(base)
            extent = artist.get_window_extent(renderer)
            ratio = max(extent.width, extent.height) / max(room, 1e-9)
            if ratio > 1:
                artist.set_fontsize(base / ratio)


def _routes(graph, positions):
    """Edge curves, or a ValueError when the drawing would be too big or would mislead."""
    try:
        return _ROUTES[graph]
    except (KeyError, TypeError):
        pass
    if graph.num_edges > MAX_DRAWN_EDGES:
        raise ValueError(
            f"`graph` must have at most {MAX_DRAWN_EDGES} edges to be drawn, got {graph.num_edges} "
            f"({graph.group}, {graph.activation}) instead; use the text, DOT or JSON output"
        )
    routes = route_edges(graph, positions)
    worst = min((route.room for route in routes), default=np.inf)
    if worst < RADIUS:
        raise ValueError(
            f"`graph` cannot be drawn without an edge crossing a vertex it does not join "
            f"({graph.group}, {graph.activation}: {len(graph.vertices)} vertices, {graph.num_edges} "
            "edges); use the text, DOT or JSON output"
        )
    try:
        _ROUTES[graph] = routes
    except TypeError:  # not weakly referenceable: route again next time
        pass
    return routes


def _bounds(graph, positions=None, routes=None) -> tuple[float, float, float, float]:
    positions = layout(graph) if positions is None else positions
    return extent(graph, positions, _routes(graph, positions) if routes is None else routes)


def _extent(graph) -> tuple[float, float]:
    """(width, height) of the drawing in data units: vertices, curves and margins."""
    x0, x1, y0, y1 = _bounds(graph)
    return x1 - x0, y1 - y0


def plot_graph(
    graph,
    *,
    label: str = "id",
    path: str | Path,
    title: str | None = None,
    legend: bool | None = None,
    group_order: int | None = None,
) -> Path:
    """One graph in its own figure, saved as PNG, SVG or PDF (by the file suffix).

    ``legend`` (default: on for ``label="name"``) lists what each vertex name means. A graph
    with more than ``MAX_DRAWN_EDGES`` edges, or one no layout can draw without an edge crossing
    a vertex, is drawn aggregated instead: one matrix cell per pair of order classes
    (``plrep.plotting._order_matrix.plot_order_matrix``).
    """
    check_choice(label, "label", LABELS)
    if len(graph.edges) > MAX_DRAWN_EDGES:
        return plot_order_matrix(graph, path=path, title=title)
    try:
        _routes(graph, layout(graph))
    except ValueError:  # an edge would cross a vertex: never draw that
        return plot_order_matrix(graph, path=path, title=title)
    plt = _pyplot()
    legend = label != "id" if legend is None else legend
    width, height = _extent(graph)
    scale = min(1.0, 12.0 / max(width, height))  # at most 12 inches a side
    if not legend:
        lines = []
    elif label in ("order", "dim"):  # repeated numbers in the circles: say which simple is which
        lines = value_legend(graph, label)
    else:
        lines = legend_lines(graph, group_order=group_order)
    legend_width = 0.0 if not lines else min(5.0, 0.06 * max(len(s) for s in lines) + 0.25)
    fig_width = max(2.5, 0.9 * width * scale) + legend_width
    fig_height = max(2.5, 0.9 * height * scale + 0.4, 0.17 * len(lines) + 0.6)
    fig, ax = plt.subplots(figsize=(fig_width, fig_height))
    draw_graph(graph, ax, label=label, title=title)
    if lines:
        fig.subplots_adjust(right=1 - legend_width / fig_width)
        fig.text(
            1 - legend_width / fig_width + 0.01,
            0.88,
            "\n".join(lines),
            fontsize=7,
            va="top",
            family="monospace",
        )
    else:
        fig.tight_layout()
    fit_labels(fig)
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return Path(path)


def plot_graph_grid(
    graphs,
    *,
    label: str = "id",
    columns: int = 5,
    path: str | Path,
    title: str = "",
    titles=None,
    legend: bool = False,
    note: str = "",
    highlights=None,
) -> Path:
    """Several graphs in a grid (e.g. C_1..C_20), one panel each.

    ``legend``: under each panel, its vertices by dimension with their image orders in
    parentheses (and partitions where the simples carry them). ``note``: a line at the bottom.
    ``highlights``: one collection of (source, target) pairs per panel, drawn in red.
    """
    check_choice(label, "label", LABELS)
    plt = _pyplot()
    rows = -(-len(graphs) // columns)
    # Panels share one scale (2.6 inches for at least 4.6 units of width, so small graphs are
    # not blown up; wider ones shrink as much as they must); each row is only as tall as its
    # tallest drawing, so a row of small graphs carries no blank band above them.
    extents = [_extent(graph) for graph in graphs]
    inches_per_unit = [2.6 / max(4.6, w) for w, _ in extents]
    row_heights = []
    for row in range(rows):
        members = range(row * columns, min(len(graphs), (row + 1) * columns))
        drawn = max(extents[i][1] * inches_per_unit[i] for i in members)
        row_heights.append(max(drawn, 0.8) + 0.3 + (0.7 if legend else 0.0))  # + title (+ legend)
    fig, axes = plt.subplots(
        rows,
        columns,
        figsize=(2.6 * columns, sum(row_heights)),
        squeeze=False,
        gridspec_kw={"height_ratios": row_heights},
    )
    for index, ax in enumerate(axes.ravel()):
        if index < len(graphs):
            heading = None if titles is None else titles[index]
            marked = () if highlights is None else highlights[index]
            row_units = max(
                extents[i][1]
                for i in range(
                    (index // columns) * columns, min(len(graphs), (index // columns + 1) * columns)
                )
            )
            least = (4.6, row_units)
            draw_graph(graphs[index], ax, label=label, title=heading, extent=least, highlight=marked)
            if legend:
                ax.text(
                    0.5,
                    -0.02,
                    compact_legend(graphs[index]),
                    transform=ax.transAxes,
                    ha="center",
                    va="top",
                    fontsize=6,
                )
        else:
            ax.set_axis_off()
    fig.suptitle(title)
    if note:
        fig.text(0.5, 0.005, note, ha="center", va="bottom", fontsize=7)
    # Reserve about half an inch at the top for the title (a rect top of 1 put the title over
    # the first row's panel titles) and a third of an inch at the bottom for the note.
    height = sum(row_heights)
    top = 1 - 0.5 / height if title else 1
    fig.tight_layout(rect=(0, 0.35 / height if note else 0, 1, top))
    fit_labels(fig)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)
