"""Geometry of the layered graph drawings: vertex positions and edge curves (numpy only).

Every edge is a quadratic Bezier curve (straight when its control point is the midpoint). The
bend of each edge is chosen so that the curve keeps clear of every vertex that is not one of
its endpoints: a drawing must never suggest an edge that does not exist (an edge drawn through a
vertex reads as two edges). ``clearance`` measures this, and the tests check it on real layouts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from plrep.graphs._rules import factorise

__all__ = ["RADIUS", "Route", "clearance", "extent", "layout", "route_edges", "sample"]

RADIUS = 0.2  # vertex radius in data units (levels are 1 apart, neighbours in a level too)
# Wanted distance from a non-endpoint vertex centre to an edge: the radius plus room for the
# line width and the arrow head.
_CLEAR = 1.4 * RADIUS
# Candidate bends (control-point offset / chord length), tried in this order; 0 is straight.
_BENDS = (0.0, 0.12, 0.22, 0.32, 0.42, 0.55, 0.7, 0.85, 1.0, 1.2, 1.45, 1.75, 2.1, 2.5, 3.0)
_LOOP_ANGLE = np.deg2rad(35)
_LOOP_BEND = 2.2


@dataclass(frozen=True)
class Route:
    """An edge's drawn curve: quadratic Bezier ``start -> control -> end``, trimmed at the circles."""

    source: int
    target: int
    points: np.ndarray  # shape (3, 2): start, control, end
    dashed: bool = False
    room: float = np.inf  # distance to the nearest vertex that is not an endpoint


def layout(graph) -> dict[int, tuple[float, float]]:
    """Positions: levels by Omega(order) (prime factors with multiplicity), trivial at the bottom.

    Within a level vertices are sorted by order, then id, so simples of one order sit together.
    A level of 4..12 vertices lies on an upward arc (as in the authors' figures for prime n), so
    the many edges among them are chords of a convex polygon; higher levels move up to make room.
    """
    levels = defaultdict(list)
    for vertex in graph.vertices:
        levels[sum(factorise(vertex.order).values())].append((vertex.order, vertex.id))
    positions = {}
    base = 0.0
    for height in sorted(levels):
        members = sorted(levels[height])
        count = len(members)
        rise = 0.0
        if 4 <= count <= 12:
            step = np.pi / (count - 1)
            radius = 1.0 / (2 * np.sin(step / 2))  # neighbours 1 apart along the arc
            for index, (_, vertex_id) in enumerate(members):
                angle = np.pi - index * step
                positions[vertex_id] = (float(radius * np.cos(angle)), float(base + radius * np.sin(angle)))
            rise = radius
        else:
            for index, (_, vertex_id) in enumerate(members):
                positions[vertex_id] = (index - (count - 1) / 2, base)
        base += 1.0 + rise
    return positions


def sample(points: np.ndarray, count: int = 64) -> np.ndarray:
    """``count`` points along the quadratic Bezier curve with control points ``points``."""
    t = np.linspace(0.0, 1.0, count)[:, None]
    p0, c, p1 = points
    return (1 - t) ** 2 * p0 + 2 * t * (1 - t) * c + t**2 * p1


def _blossom(points: np.ndarray, u: float, v: float) -> np.ndarray:
    p0, c, p1 = points
    return (1 - u) * (1 - v) * p0 + ((1 - u) * v + u * (1 - v)) * c + u * v * p1


def _trim(points: np.ndarray) -> np.ndarray:
    """The part of the curve outside the two endpoint circles, as a quadratic Bezier again."""
    t = np.linspace(0.0, 1.0, 401)
    curve = sample(points, t.size)
    outside_start = np.hypot(*(curve - points[0]).T) >= RADIUS
    outside_end = np.hypot(*(curve - points[2]).T) >= RADIUS
    t0 = t[np.argmax(outside_start)]
    t1 = t[len(t) - 1 - np.argmax(outside_end[::-1])]
    return np.array([_blossom(points, t0, t0), _blossom(points, t0, t1), _blossom(points, t1, t1)])


def _curve(start, end, bend: float) -> np.ndarray:
    """Control points from ``start`` to ``end``; positive ``bend`` bulges to the right of travel."""
    p0, p1 = np.asarray(start, float), np.asarray(end, float)
    dx, dy = p1 - p0
    control = (p0 + p1) / 2 + bend * np.array([dy, -dx])  # matplotlib's arc3 convention
    return np.array([p0, control, p1])


def _distance_to_others(curve: np.ndarray, centres: np.ndarray) -> float:
    """Smallest distance from the sampled curve to ``centres``, sampled finely enough (<= 0.05 apart).

    Only centres in the curve's bounding box (grown by the clearance) can come close, so the
    others are skipped: big layouts stay fast.
    """
    if len(centres) == 0:
        return np.inf
    low, high = curve.min(axis=0) - _CLEAR, curve.max(axis=0) + _CLEAR  # the hull holds the curve
    near = centres[np.all((centres >= low) & (centres <= high), axis=1)]
    if len(near) == 0:
        return np.inf
    length = float(np.hypot(*np.diff(curve, axis=0).T).sum())  # control polygon: >= curve length
    samples = sample(curve, int(np.clip(np.ceil(length / 0.05), 32, 2000)))
    gaps = samples[:, None, :] - near[None, :, :]
    return float(np.sqrt(np.min(np.einsum("tvk,tvk->tv", gaps, gaps))))


def route_edges(graph, positions=None) -> list[Route]:
    """One curve per edge of ``graph``, each clear of every vertex but its own two.

    The straightest candidate that keeps ``_CLEAR`` from all other vertices wins; edges that run
    both ways between two vertices bend to opposite sides so they do not overlap. Should no
    candidate be clear (never seen in practice), the one with the most room is taken.
    """
    positions = layout(graph) if positions is None else positions
    ids = list(positions)
    centres = np.array([positions[i] for i in ids], float)
    pairs = {(e.source, e.target) for e in graph.edges}
    routes = []
    for edge in graph.edges:
        dashed = edge.reach == "self"
        x0, y0 = positions[edge.source]
        if edge.source == edge.target:  # a loop on the right-hand side, clear of arrivals from above
            start = (x0 + RADIUS * np.cos(_LOOP_ANGLE), y0 + RADIUS * np.sin(_LOOP_ANGLE))
            end = (x0 + RADIUS * np.cos(_LOOP_ANGLE), y0 - RADIUS * np.sin(_LOOP_ANGLE))
            loop = _curve(start, end, -_LOOP_BEND)
            others = centres[[i != edge.source for i in ids]]
            routes.append(Route(edge.source, edge.target, loop, dashed, _distance_to_others(loop, others)))
            continue
        x1, y1 = positions[edge.target]
        others = centres[[i not in (edge.source, edge.target) for i in ids]]
        both_ways = (edge.target, edge.source) in pairs
        # Bulge away from the centre line x = 0, as the authors' figures do.
        side = 1.0 if x0 + x1 <= 0 else -1.0
        if abs(y1 - y0) < 1e-9:  # same level: bulge upwards when travelling right
            side = 1.0 if x1 < x0 else -1.0
        if both_ways:
            side = 1.0  # with the same sign of bend, the two directions take opposite sides
        best, best_room, clear = None, -np.inf, np.inf
        for bend in _BENDS:
            if both_ways and bend == 0.0:
                continue
            for signed in dict.fromkeys((side * bend, -side * bend)):
                if both_ways and signed != side * bend:
                    continue
                curve = _curve((x0, y0), (x1, y1), signed)
                room = _distance_to_others(curve, others)
                if room >= _CLEAR:
                    best, best_room, clear = curve, np.inf, room
                    break
                if room > best_room:
                    best, best_room = curve, room
            if best_room == np.inf:
                break
        room = clear if best_room == np.inf else best_room
        routes.append(Route(edge.source, edge.target, _trim(best), dashed, room))
    return routes


def clearance(graph, positions=None, routes=None) -> float:
    """The smallest distance from a vertex centre to a drawn edge that does not end at it.

    A drawing implies no false edge when this is at least ``RADIUS`` (inf without such pairs).
    """
    positions = layout(graph) if positions is None else positions
    routes = route_edges(graph, positions) if routes is None else routes
    room = np.inf
    for route in routes:
        others = np.array(
            [p for i, p in positions.items() if i not in (route.source, route.target)], float
        ).reshape(-1, 2)
        room = min(room, _distance_to_others(route.points, others))
    return room


def extent(graph, positions=None, routes=None) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) of vertices and curves, with a margin."""
    positions = layout(graph) if positions is None else positions
    routes = route_edges(graph, positions) if routes is None else routes
    points = [np.array(list(positions.values()), float).reshape(-1, 2)]
    points += [sample(route.points, 32) for route in routes]
    allpts = np.concatenate(points) if points else np.zeros((1, 2))
    margin = RADIUS + 0.25
    return (
        float(allpts[:, 0].min() - margin),
        float(allpts[:, 0].max() + margin),
        float(allpts[:, 1].min() - margin),
        float(allpts[:, 1].max() + margin),
    )
