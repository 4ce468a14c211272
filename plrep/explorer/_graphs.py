"""The graphs panel's data: interaction graphs with the static drawings' geometry.

Vertex positions and edge curves come from ``plrep.graphs._layout`` (numpy only), so the
page draws exactly what ``plrep graph --format svg`` draws and never re-implements the layout:
every edge keeps clear of every vertex that is not one of its endpoints.

An edge's curve depends only on the vertex positions, its endpoints and whether the reverse edge
exists, so each group stores one table of curves keyed "source,target,both" that all its
activations share; most activations add few curves to it.
"""

from __future__ import annotations

import warnings
from types import SimpleNamespace

from plrep.graphs import interaction_graph
from plrep.graphs._layout import RADIUS, layout, route_edges
from plrep.groups import parse_group

__all__ = ["MAX_PAGE_EDGES", "group_data"]

# Past this many edges a drawing is a hairball (the static drawings refuse it too).
MAX_PAGE_EDGES = 1000


def _round(value: float, digits: int = 3) -> float:
    return float(round(value, digits))


def _strength(value: float) -> float:
    return float(f"{value:.3g}")


def _vertex(vertex: dict, group_order: int) -> dict:
    entry = {key: vertex[key] for key in ("id", "name", "dim", "order")}
    entry["kernel"] = group_order // vertex["order"]  # |ker| = |G| / |image|
    for key in ("partition", "frequency", "type"):
        if vertex.get(key):
            entry[key] = vertex[key]
    return entry


def _route_key(source: int, target: int, both: bool) -> str:
    return f"{source},{target},{int(both)}"


def _add_routes(edges, positions, table: dict) -> float:
    """Route the edges missing from ``table`` (with the reverse edges they need); the worst room."""
    pairs = {(s, t) for s, t in edges}
    missing = [(s, t) for s, t in edges if _route_key(s, t, (t, s) in pairs) not in table]
    if not missing:
        return float("inf")
    needed = set(missing) | {(t, s) for s, t in missing if (t, s) in pairs}
    shim = SimpleNamespace(edges=[SimpleNamespace(source=s, target=t, reach=None) for s, t in sorted(needed)])
    room = float("inf")
    for route in route_edges(shim, positions):
        key = _route_key(route.source, route.target, (route.target, route.source) in needed)
        table[key] = [_round(float(c)) for c in route.points.ravel()]
        room = min(room, float(route.room))
    return room


def group_data(spec: str, activations, *, progress=None) -> dict:
    """Vertices, positions, shared edge curves and one edge list per activation for ``spec``.

    An activation whose graph cannot be drawn cleanly (too many edges, an edge that would pass
    through a vertex) keeps its edge list and carries ``"error"`` instead of being drawn.

    Example:
        >>> data = group_data("C4", ["relu"])
        >>> [v["name"] for v in data["vertices"]], data["graphs"]["relu"]["edges"][:2]
        (['L0', 'L1', 'L2'], [[0, 0, 1.0], [1, 0, 0.702]])
    """
    group_order = int(parse_group(spec).order)
    graphs, table, vertices, positions = {}, {}, None, None
    for name in activations:
        with warnings.catch_warnings():  # uncertain pairs are reported in the data, not as warnings
            warnings.simplefilter("ignore")
            graph = interaction_graph(spec, name)
        if vertices is None:
            vertices = [_vertex(v, group_order) for v in graph.to_dict()["vertices"]]
            positions = layout(graph)
        edges = [(e.source, e.target) for e in graph.edges]
        entry = {
            "edges": [[s, t, _strength(e.strength)] for (s, t), e in zip(edges, graph.edges, strict=True)]
        }
        if graph.uncertain:
            entry["uncertain"] = [[e.source, e.target, _strength(e.strength)] for e in graph.uncertain]
        if len(edges) > MAX_PAGE_EDGES:
            entry["error"] = f"{len(edges)} edges: too many to draw (the CLI's JSON output lists them)"
        elif _add_routes(edges, positions, table) < RADIUS:
            entry["error"] = "cannot be drawn without an edge crossing a vertex it does not join"
        graphs[name] = entry
        if progress is not None:
            progress()
    return {
        "spec": spec,
        "order": group_order,
        "vertices": vertices,
        "positions": {str(i): [_round(x), _round(y)] for i, (x, y) in positions.items()},
        "routes": table,
        "radius": RADIUS,
        "graphs": graphs,
    }
