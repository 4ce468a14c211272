"""The interaction graph object: vertices, edges stored as arrays or per-order rows, queries.

``Edge`` objects are built only on demand (``graph.edges``, ``edges_from``); the stores are in
``plrep.graphs._edges``. The graph functions that compute these objects are in
``plrep.graphs._graph``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from plrep._validate import check_choice, check_int, describe
from plrep.graphs._closures import OrderClosure, cyclic_closures
from plrep.graphs._dihedral import DihedralOrderClosure, DihedralRows
from plrep.graphs._edges import MAX_EDGE_ARRAY, MAX_EDGE_OBJECTS, EdgeArrays, GaloisRows, check_edge_count
from plrep.groups._simple import LazySimples

__all__ = ["MAX_FILTRATION_WORK", "MAX_LAYERS", "Edge", "InteractionGraph", "OrderClass"]


@dataclass(frozen=True, slots=True)
class Edge:
    """L_source -> L_target.

    ``strength``: numeric methods, the largest ||P_target sigma(v)|| / ||sigma(v)|| over the
    samples; closed forms, 1.0 (nonzero). ``reach`` (condensed graphs only): "all" simples of
    the target order, "some" (powers), or "self" (a loop standing for L_i -> L_i only).

    Example:
        >>> from plrep.graphs import interaction_graph
        >>> graph = interaction_graph("C8", "relu", method="exact")
        >>> graph.edges_from(1)[0]  # L1 -> L0: ReLU of a plane wave has a mean
        Edge(source=1, target=0, strength=1.0, reach=None)
    """

    source: int
    target: int
    strength: float = 1.0
    reach: str | None = None

    def to_dict(self) -> dict:
        payload = {"source": self.source, "target": self.target, "strength": self.strength}
        if self.reach is not None:
            payload["reach"] = self.reach
        return payload


@dataclass(frozen=True)
class OrderClass:
    """A vertex of a condensed graph: all ``count`` simples of C_n of order ``order``.

    Its ``id`` is the order d itself; ``dim`` is 1 for d <= 2, else 2.

    Example:
        >>> from plrep.graphs import condensed_graph
        >>> condensed_graph(12, "relu").vertices[2]
        OrderClass(id=3, name='ord 3', dim=2, order=3, count=1)
    """

    id: int
    name: str
    dim: int
    order: int
    count: int

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "dim": self.dim, "order": self.order, "count": self.count}


MAX_LAYERS = 100_000  # reachable() returns one set per layer
# filtration() takes one closure per vertex, each up to every edge: C_4096 ReLU ~ 2e9.
MAX_FILTRATION_WORK = 2**34
# C_n graphs build their closed sets from one closure per order (``order_closures``): at most
# this many vertex ids in all the distinct sets together (C_1048576 ReLU would need ~7e10).
MAX_FILTRATION_IDS = 2**22


def _half_totient(d: int) -> int:
    """phi(d) / 2: the simples of order d > 2 of C_n, up to sign."""
    phi, m, p = d, d, 2
    while p * p <= m:
        if m % p == 0:
            phi -= phi // p
            while m % p == 0:
                m //= p
        p += 1
    if m > 1:
        phi -= phi // m
    return phi // 2


def _as_store(edges):
    """An edge store from ``Edge`` objects (tuple) or a store as built by the graph functions."""
    return (
        edges if isinstance(edges, EdgeArrays | GaloisRows | DihedralRows) else EdgeArrays.from_edges(edges)
    )


class InteractionGraph:
    """An interaction graph: vertices (simples or order classes) and weighted edges.

    Edges are stored as arrays (or, for abelian groups, one row per order:
    ``plrep.graphs._edges``); ``Edge`` objects are made only when asked for.

    Attributes:
        group, activation, method: what was computed and how.
        vertices: ``SimpleRep`` (``OrderClass`` for condensed graphs), in id order; only the
            simples that occur in the module.
        edges: ``Edge`` tuple sorted by (source, target), built on first use (refused beyond
            ``MAX_EDGE_OBJECTS`` edges: use ``num_edges``, ``edge_arrays()``, ``edges_from``).
        num_edges: the number of edges, without building them.
        threshold, min_edge_strength, max_non_edge, seed: the numeric decision and its margin
            (None for closed forms; ``min_edge_strength`` None when there is no edge).
        uncertain: numeric graphs, ``Edge`` tuple of the pairs whose strength lies within
            ``MARGIN`` of the threshold (threshold / MARGIN < strength < threshold * MARGIN):
            neither an edge nor a non-edge; they are never in ``edges``.

    Example:
        >>> from plrep.graphs import interaction_graph
        >>> graph = interaction_graph("C8", "relu", method="exact")
        >>> graph.successors(1)  # L1 -> L0, L1, L2, L4 (docs/math.md §4)
        [0, 1, 2, 4]
        >>> [sorted(layer) for layer in graph.reachable(3, 2)]
        [[3], [0, 2, 3, 4], [0, 2, 3, 4]]
        >>> sorted(graph.closure(2))
        [0, 2, 4]
        >>> sources, targets, strengths = graph.edge_arrays()
        >>> graph.num_edges, sources[:4].tolist(), targets[:4].tolist()
        (14, [0, 1, 1, 1], [0, 0, 1, 2])
    """

    __slots__ = (
        "_cache",
        "_ids",
        "_store",
        "_uncertain_store",
        "activation",
        "group",
        "max_non_edge",
        "method",
        "min_edge_strength",
        "seed",
        "threshold",
        "vertices",
    )

    def __init__(
        self,
        group: str,
        activation: str,
        method: str,
        vertices: tuple,
        edges,
        threshold: float | None = None,
        min_edge_strength: float | None = None,
        max_non_edge: float | None = None,
        seed: int | None = None,
        uncertain=(),
    ) -> None:
        values = {
            "group": group,
            "activation": activation,
            "method": method,
            # a group's lazy simples stay lazy (C_1048576: 524,289 vertices, ids = positions)
            "vertices": vertices if isinstance(vertices, LazySimples) else tuple(vertices),
            "threshold": threshold,
            "min_edge_strength": min_edge_strength,
            "max_non_edge": max_non_edge,
            "seed": seed,
            "_store": _as_store(edges),
            "_uncertain_store": _as_store(uncertain),
            "_ids": range(len(vertices)) if isinstance(vertices, LazySimples) else {v.id for v in vertices},
            "_cache": {},
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"InteractionGraph is immutable: cannot set {name!r}")

    def __repr__(self) -> str:
        return (
            f"InteractionGraph({self.group}, {self.activation}, {self.method}: "
            f"{len(self.vertices)} vertices, {self.num_edges} edges; .table() lists them by name)"
        )

    def _repr_html_(self) -> str:
        """Jupyter: the explorer's drawing as inline SVG (``plrep.graphs._html``); repr() is the text."""
        from plrep.graphs._html import graph_html

        return graph_html(self)

    @property
    def num_edges(self) -> int:
        """The number of edges (no ``Edge`` objects are built)."""
        return self._store.count

    @property
    def num_uncertain(self) -> int:
        """The number of uncertain pairs."""
        return self._uncertain_store.count

    @property
    def edges(self) -> tuple[Edge, ...]:
        """``Edge`` tuple sorted by (source, target), built once on first use."""
        return self._edge_objects("edges", self._store)

    @property
    def uncertain(self) -> tuple[Edge, ...]:
        """The uncertain pairs as ``Edge`` objects (numeric graphs; empty otherwise)."""
        return self._edge_objects("uncertain", self._uncertain_store)

    def edge_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sources, targets, strengths): int64, int64, float64 arrays sorted by (source, target).

        Read-only; refused beyond ``MAX_EDGE_ARRAY`` edges (checked from ``num_edges`` first).
        """
        check_edge_count(self._store.count, MAX_EDGE_ARRAY, "its edge arrays")
        return self._store.arrays()

    def uncertain_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sources, targets, strengths) of the uncertain pairs, like ``edge_arrays``."""
        check_edge_count(self._uncertain_store.count, MAX_EDGE_ARRAY, "its uncertain arrays")
        return self._uncertain_store.arrays()

    def _edge_objects(self, key: str, store) -> tuple[Edge, ...]:
        if key not in self._cache:
            check_edge_count(store.count, MAX_EDGE_OBJECTS, f"`graph.{key}` as Edge objects")
            sources, targets, strengths = store.arrays()
            reach = getattr(store, "reach", None) or (None,) * store.count
            self._cache[key] = tuple(
                Edge(s, t, w, r)
                for s, t, w, r in zip(
                    sources.tolist(), targets.tolist(), strengths.tolist(), reach, strict=True
                )
            )
        return self._cache[key]

    def _row_targets(self, vertex: int) -> np.ndarray:
        return self._store.row(vertex)[0]

    def vertex_name(self, vertex: int) -> str:
        """The name of a vertex by id (lazy vertex lists are not walked)."""
        if isinstance(self.vertices, LazySimples):
            return self.vertices[vertex].name
        if "names" not in self._cache:
            self._cache["names"] = {v.id: v.name for v in self.vertices}
        return self._cache["names"][vertex]

    def successor_arrays(self, vertex: int, *, uncertain: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(targets, strengths) of the edges (or uncertain pairs) out of ``vertex``: one row, no objects."""
        vertex = self._check_vertex(vertex)
        targets, strengths, _ = (self._uncertain_store if uncertain else self._store).row(vertex)
        return targets, strengths

    def _check_vertex(self, vertex) -> int:
        if (
            isinstance(vertex, bool)
            or not isinstance(vertex, int | np.integer)
            or int(vertex) not in self._ids
        ):
            raise ValueError(f"`vertex` must be a vertex id of the graph, got {describe(vertex)} instead")
        return int(vertex)

    def table(self) -> dict[str, list[str]]:
        """{vertex name: [names of its targets]}, in id order."""
        names = {v.id: v.name for v in self.vertices}
        return {v.name: [names[t] for t in self._row_targets(v.id).tolist()] for v in self.vertices}

    @property
    def edge_set(self) -> frozenset[tuple[int, int]]:
        """{(source, target)} of all edges."""
        check_edge_count(self._store.count, MAX_EDGE_OBJECTS, "`graph.edge_set`")
        sources, targets, _ = self._store.arrays()
        return frozenset(zip(sources.tolist(), targets.tolist(), strict=True))

    def edges_from(self, vertex: int) -> list[Edge]:
        """The edges out of ``vertex``, sorted by target (one row; never the whole edge set)."""
        vertex = self._check_vertex(vertex)
        targets, strengths, reach = self._store.row(vertex)
        reach = reach or (None,) * targets.size
        return [
            Edge(vertex, t, w, r) for t, w, r in zip(targets.tolist(), strengths.tolist(), reach, strict=True)
        ]

    def successors(self, vertex: int) -> list[int]:
        """Targets of the edges out of ``vertex``, sorted."""
        return self._row_targets(self._check_vertex(vertex)).tolist()

    def reachable(self, source: int, layers: int) -> list[frozenset[int]]:
        """Vertices at the end of walks of length exactly 0..layers from ``source``.

        Layer k holds the simples that k layers sigma(A . + b) can carry a vector of
        L_source to, when each linear map A keeps a chosen set of isotypic components and
        the bias is zero; a bias or mixtures of simples can reach more, never beyond the
        kernel-containment bound. One set per k = 0..layers.
        """
        layers = check_int(layers, "layers", minimum=0, maximum=MAX_LAYERS)
        source = self._check_vertex(source)
        frontier, result = frozenset([source]), [frozenset([source])]
        for _ in range(layers):
            frontier = frozenset(self._step(frontier).tolist())
            result.append(frontier)
        return result

    def _step(self, vertices) -> np.ndarray:
        """Distinct targets of the edges out of ``vertices``."""
        rows = [self._row_targets(v) for v in vertices]
        return np.unique(np.concatenate(rows)) if rows else np.zeros(0, dtype=np.int64)

    def closure(self, vertex: int) -> frozenset[int]:
        """Everything reachable from ``vertex`` by walks of any length (itself included)."""
        vertex = self._check_vertex(vertex)
        seen, frontier = {vertex}, [vertex]
        while frontier:  # breadth first, one row per vertex, set arithmetic in numpy
            targets = self._step(frontier)
            frontier = [t for t in targets.tolist() if t not in seen]
            seen.update(frontier)
        return frozenset(seen)

    def order_closures(self) -> dict[int, OrderClosure] | None:
        """C_n graphs: the closure of L_1 of C_d for each order d present (``plrep.graphs._closures``).

        The closure of L_k, k = u n/d of order d, is (n/d) * u * ``closures[d].mask``'s
        frequencies; None for graphs that are not per-order rows of a cyclic group C_n.
        Work about sigma(n) from the rows, never one closure per vertex.

        Raises:
            ValueError: irregular rows would need more than ``MAX_CLOSURE_WORK`` products.
        """
        store = self._store
        if not (isinstance(store, GaloisRows) and store.is_cyclic):
            return None
        if "order_closures" not in self._cache:
            try:
                closures = cyclic_closures({d: multiples for d, (multiples, _) in store.rows.items()})
            except ValueError as error:  # remembered: the bounded work is not repeated
                self._cache["order_closures"] = error
                raise
            present = {d for d in closures if store.sources_of_order(d).size}
            self._cache["order_closures"] = {d: c for d, c in closures.items() if d in present}
        if isinstance(self._cache["order_closures"], ValueError):
            raise self._cache["order_closures"]
        return self._cache["order_closures"]

    def _galois_filtration(self, closures: dict[int, OrderClosure]) -> list[frozenset[int]]:
        n = self._store.order
        sizes = {
            d: int(c.mask.sum()) * (1 if c.unit_invariant or d <= 2 else _half_totient(d))
            for d, c in closures.items()
        }
        if sum(sizes.values()) > MAX_FILTRATION_IDS:
            raise ValueError(
                f"`graph` must have closed sets of at most {MAX_FILTRATION_IDS} ids in all for its filtration, "
                f"got {sum(sizes.values())} for {self.group} instead; graph.order_closures() describes them "
                "all (one set per order, scaled by units)"
            )
        sets = set()
        for d, c in closures.items():
            frequencies = np.flatnonzero(c.mask)
            units = (
                [1]
                if c.unit_invariant or d <= 2
                else [u for u in range(1, d // 2 + 1) if math.gcd(u, d) == 1]
            )
            for u in units:
                moved = (u * frequencies) % d
                sets.add(frozenset(((n // d) * np.minimum(moved, d - moved)).tolist()))
        return sorted(sets, key=lambda s: (len(s), sorted(s)))

    def dihedral_order_closures(self) -> dict[int, DihedralOrderClosure] | None:
        """D_n graphs (per-divisor rows): one closed set per rotation order d of a 2-dim simple.

        rho_k has the C_n frequency k, of order d = n / gcd(n, k); the closure of rho_{u n/d}
        (u a unit mod d) is ``closures[d].ids(u)``: its rho part is that of the C_n rows read
        on frequencies (``DihedralRows.frequency_rows``), scaled by u as for C_n, and its 1-dim
        part is what the rho simples in it reach, closed under the 1-dim rows (four vertices at
        most, which reach only each other). None for other graphs. Work about sigma(n).
        """
        store = self._store
        if not isinstance(store, DihedralRows):
            return None
        if "dihedral_order_closures" in self._cache:
            return self._cache["dihedral_order_closures"]
        closures = {}
        for d, c in cyclic_closures(store.frequency_rows()).items():
            if d < 3:  # frequencies 0 and n/2 are the 1-dim simples
                continue
            frequencies = np.flatnonzero(c.mask)
            inner = frequencies[(frequencies > 0) & (2 * frequencies < d)]
            start = set()
            for order in set((d // np.gcd(d, inner)).tolist()):  # the 1-dim targets of each rho order
                start |= store.linear_targets((order, 1, 0))
            closures[d] = DihedralOrderClosure(
                store, d, inner, frozenset(self._close_linear(start)), bool(c.unit_invariant)
            )
        self._cache["dihedral_order_closures"] = closures
        return closures

    def _close_linear(self, start: set[int]) -> set[int]:
        """D_n: the 1-dim vertices reached from ``start`` (1-dim ids) by the 1-dim rows."""
        store = self._store
        seen, frontier = set(start), list(start)
        while frontier:
            reached = store.linear_targets(store.key_of(frontier.pop())) - seen
            seen |= reached
            frontier += reached
        return seen

    def _dihedral_filtration(self) -> list[frozenset[int]]:
        """D_n (per-divisor rows): the closed sets from ``dihedral_order_closures``, by units."""
        closures = self.dihedral_order_closures()
        sizes = {
            d: (c.inner.size + len(c.linear)) * (1 if c.unit_invariant else _half_totient(d))
            for d, c in closures.items()
        }
        if sum(sizes.values()) > MAX_FILTRATION_IDS:
            raise ValueError(
                f"`graph` must have closed sets of at most {MAX_FILTRATION_IDS} ids in all for its filtration, "
                f"got {sum(sizes.values())} for {self.group} instead; graph.dihedral_order_closures() "
                "describes them all (one set per rotation order, scaled by units), graph.closure(vertex) "
                "gives single ones"
            )
        sets = {frozenset(self._close_linear({v})) for v in self._store.linear_ids()}
        for d, c in closures.items():
            units = [1] if c.unit_invariant else [u for u in range(1, d // 2 + 1) if math.gcd(u, d) == 1]
            sets.update(c.ids(u) for u in units)
        return sorted(sets, key=lambda s: (len(s), sorted(s)))

    def filtration(self) -> list[frozenset[int]]:
        """The distinct closed sets generated by single vertices, smallest first.

        A set is closed when no edge leaves it; every closed set is a union of these. A
        network whose input lies in the sum of the simples of a closed set stays there.
        C_n: from one closure per order (``order_closures``), refused beyond
        ``MAX_FILTRATION_IDS`` ids in all; other graphs: one closure per vertex, refused beyond
        ``MAX_FILTRATION_WORK`` vertices x edges.
        """
        closures = self.order_closures()
        if closures is not None:
            return self._galois_filtration(closures)
        if isinstance(self._store, DihedralRows):
            return self._dihedral_filtration()
        work = len(self.vertices) * max(self.num_edges, 1)
        if work > MAX_FILTRATION_WORK:
            raise ValueError(
                f"`graph` must have vertices x edges at most {MAX_FILTRATION_WORK} for its filtration (one "
                f"closure per vertex), got {len(self.vertices)} x {self.num_edges} instead; use "
                "graph.closure(vertex) for single vertices"
            )
        closures = {self.closure(v.id) for v in self.vertices}
        return sorted(closures, key=lambda s: (len(s), sorted(s)))

    def to_dict(self) -> dict:
        """The JSON shape of docs/architecture.md (plus the numeric margins)."""
        payload = {
            "group": self.group,
            "activation": self.activation,
            "method": self.method,
            "vertices": [v.to_dict() for v in self.vertices],
            "edges": [e.to_dict() for e in self.edges],
        }
        if self.threshold is not None:
            payload.update(
                threshold=self.threshold,
                min_edge_strength=self.min_edge_strength,
                max_non_edge=self.max_non_edge,
                seed=self.seed,
                uncertain=[e.to_dict() for e in self.uncertain],
            )
        return payload

    def to_networkx(self):
        """A ``networkx.DiGraph``: vertex attributes name, dim, order (count); edge strength (reach)."""
        import networkx as nx

        graph = nx.DiGraph(group=self.group, activation=self.activation, method=self.method)
        for v in self.vertices:
            graph.add_node(v.id, **{k: val for k, val in v.to_dict().items() if k != "id"})
        for e in self.edges:
            graph.add_edge(
                e.source, e.target, **{k: v for k, v in e.to_dict().items() if k not in ("source", "target")}
            )
        return graph

    def to_dot(self, *, label: Literal["name", "id", "order", "dim"] = "name") -> str:
        """Graphviz DOT text, edges pointing down: the trivial simple at the bottom."""
        check_choice(label, "label", ("name", "id", "order", "dim"))
        lines = [f'digraph "{self.group} {self.activation}" {{', "  rankdir=TB;"]
        for v in self.vertices:
            text = {"name": v.name, "id": str(v.id), "order": str(v.order), "dim": str(v.dim)}[label]
            lines.append(f'  {v.id} [label="{text}"];')
        for e in self.edges:
            style = ', style="dashed"' if e.reach == "self" else ""
            lines.append(f'  {e.source} -> {e.target} [strength="{e.strength:.3g}"{style}];')
        return "\n".join([*lines, "}"]) + "\n"
