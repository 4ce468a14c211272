"""An interaction graph as inline SVG (``InteractionGraph._repr_html_``): the explorer's drawing.

The geometry is ``plrep.graphs._layout``'s, the same as ``plrep graph --format svg`` and the
explorer page: levels by Omega(order), edges bent around every vertex they do not join.
"""

from __future__ import annotations

import html

from plrep.graphs._layout import RADIUS, layout, route_edges

__all__ = ["MAX_INLINE_EDGES", "MAX_INLINE_VERTICES", "graph_html"]

# Routing costs ~20 ms an edge; past these a notebook cell would wait seconds for a hairball.
MAX_INLINE_EDGES = 300
MAX_INLINE_VERTICES = 200


def _f(value: float) -> str:
    return f"{value:.3f}"


def graph_html(graph) -> str:
    """Self-contained SVG of ``graph`` (no script, nothing loaded), with a caption.

    Each vertex is ``<g class="vertex" data-id data-name>``, each edge ``<path class="edge"
    data-source data-target>``; a graph past ``MAX_INLINE_EDGES`` edges or ``MAX_INLINE_VERTICES``
    vertices is summarised in words instead.

    Example:
        >>> from plrep.graphs import interaction_graph
        >>> svg = graph_html(interaction_graph("C4", "relu", method="exact"))
        >>> svg.count('class="edge"'), "<script" in svg
        (6, False)
    """
    title = f"{graph.group} · {graph.activation} · {graph.method}: {len(graph.vertices)} simples, {graph.num_edges} edges"
    caption = (
        "L_i → L_j: σ sends a generic vector of L_i to something with an L_j component. "
        "Levels: Ω(order), the trivial simple at the bottom; hover a vertex or an edge for its details."
    )
    if graph.num_edges > MAX_INLINE_EDGES or len(graph.vertices) > MAX_INLINE_VERTICES:
        why = f"{graph.num_edges} edges and {len(graph.vertices)} vertices: too many to draw inline"
        return (
            f'<div class="plrep-inline" style="font:13px sans-serif"><b>{html.escape(title)}</b><br>'
            f"{html.escape(why)} (graph.table() lists them; <code>plrep explore</code> pans and zooms).</div>"
        )
    positions = layout(graph)
    routes = route_edges(graph, positions)
    names = {v.id: v.name for v in graph.vertices}
    strengths = {(e.source, e.target): e.strength for e in graph.edges}
    points = [p for p in positions.values()] + [tuple(pt) for r in routes for pt in r.points]
    pad = RADIUS + 0.2
    left, right = min(p[0] for p in points) - pad, max(p[0] for p in points) + pad
    low, high = min(p[1] for p in points) - pad, max(p[1] for p in points) + pad
    width = min(720, max(240, 110 * (right - left)))
    height = width * (high - low) / (right - left)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_f(left)} {_f(-high)} {_f(right - left)} {_f(high - low)}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{html.escape(title)}">',
        '<defs><marker id="plrep-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="0.11" '
        'markerHeight="0.11" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for route in routes:
        (x0, y0), (cx, cy), (x1, y1) = route.points
        dash = ' stroke-dasharray="0.04 0.03"' if route.dashed else ""
        strength = strengths.get((route.source, route.target), 1.0)
        tip = f"{names[route.source]} → {names[route.target]}: strength {strength:.3g}"
        parts.append(
            f'<path class="edge" data-source="{route.source}" data-target="{route.target}" '
            f'd="M{_f(x0)},{_f(-y0)} Q{_f(cx)},{_f(-cy)} {_f(x1)},{_f(-y1)}" fill="none" stroke="#555" '
            f'stroke-width="0.012" marker-end="url(#plrep-arrow)"{dash}><title>{html.escape(tip)}</title></path>'
        )
    for vertex in graph.vertices:
        x, y = positions[vertex.id]
        label = html.escape(vertex.name)
        size = 0.13 * min(1.0, 2.6 / max(len(vertex.name), 1))
        tip = f"{vertex.name}: dim {vertex.dim}, image order {vertex.order}"
        parts.append(
            f'<g class="vertex" data-id="{vertex.id}" data-name="{label}" transform="translate({_f(x)},{_f(-y)})">'
            f'<circle r="{RADIUS}" fill="#fff" stroke="#111" stroke-width="0.015"/>'
            f'<text text-anchor="middle" dominant-baseline="central" font-size="{size:.3f}" '
            f'font-family="DejaVu Sans, sans-serif">{label}</text><title>{html.escape(tip)}</title></g>'
        )
    parts.append("</svg>")
    return (
        f'<div class="plrep-inline"><div style="font:600 13px sans-serif">{html.escape(title)}</div>'
        + "".join(parts)
        + f'<div style="font:11px sans-serif;color:#555">{html.escape(caption)}</div></div>'
    )
