"""Interaction graphs: which simples an activation sends each simple to (MATH.md §4).

Vertices are the simple representations occurring in a permutation module; L_i -> L_j when
pi_{L_j}(sigma(v)) != 0 for generic v in L_i. Methods:

* ``"exact"`` (C_n): the authors' closed forms for ReLU and abs, the parity rule for any
  named activation, the rule for powers (``plrep.graphs_rules``); refuses to guess otherwise.
* ``"numeric"`` (any group with a decomposition): generic samples, several amplitudes and
  both signs (``plrep.graphs_numeric``); the graph records the smallest edge strength and the
  largest non-edge residual, so the threshold's margin is visible.
* ``"basis"``: the authors' notebook method (unit Fourier basis vectors only), for comparison.
* ``"condensed"`` (C_n, any n up to 10^12 and beyond): vertices are the orders d | n, each
  standing for the simples of that order (``condensed_graph``).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from plrep._validate import check_choice, check_int, describe
from plrep.activations import activation as as_activation
from plrep.graphs_numeric import basis_strengths, check_sample_memory, cyclic_strengths, generic_strengths
from plrep.graphs_rules import NoClosedForm, divisors, order_rule, pow_targets, simples_of_order
from plrep.groups import CyclicProduct, SimpleRep, parse_group

__all__ = ["THRESHOLD", "Edge", "InteractionGraph", "OrderClass", "condensed_graph", "interaction_graph"]

Method = Literal["exact", "numeric", "basis", "condensed"]
# Relative strengths below this are numerical noise: float64 projections of exact zeros come
# out near 1e-16, while the weakest true edges seen across the tested groups and activations
# stay above 1e-4 (each graph reports its own margin).
THRESHOLD = 1e-8


@dataclass(frozen=True)
class Edge:
    """L_source -> L_target, with the largest relative norm ||P_t sigma(v)|| / ||sigma(v)||."""

    source: int
    target: int
    strength: float = 1.0

    def to_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "strength": self.strength}


@dataclass(frozen=True)
class OrderClass:
    """A vertex of a condensed graph: all ``count`` simples of C_n of order ``order``."""

    id: int
    name: str
    dim: int
    order: int
    count: int

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "dim": self.dim, "order": self.order, "count": self.count}


@dataclass(frozen=True, eq=False)
class InteractionGraph:
    """An interaction graph: vertices (simples or order classes) and weighted edges.

    Attributes:
        group, activation, method: what was computed and how.
        vertices: ``SimpleRep`` (or ``OrderClass`` for condensed graphs), in id order.
        edges: sorted by (source, target).
        threshold, min_edge_strength, max_non_edge: the numeric method's decision and margin.
    """

    group: str
    activation: str
    method: str
    vertices: tuple
    edges: tuple[Edge, ...]
    threshold: float | None = None
    min_edge_strength: float | None = None
    max_non_edge: float | None = None
    seed: int | None = None
    _successors: dict = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        successors = {v.id: [] for v in self.vertices}
        for edge in self.edges:
            successors[edge.source].append(edge.target)
        object.__setattr__(self, "_successors", successors)

    @property
    def self_only_loops(self) -> frozenset[tuple[int, int]]:
        """Condensed graphs: loops d -> d that stand for L_i -> L_i only (strength 0.5)."""
        return frozenset(
            (e.source, e.target) for e in self.edges if e.source == e.target and e.strength == 0.5
        )

    @property
    def edge_set(self) -> frozenset[tuple[int, int]]:
        return frozenset((e.source, e.target) for e in self.edges)

    def successors(self, vertex: int) -> list[int]:
        """Targets of the edges out of ``vertex``, sorted."""
        if vertex not in self._successors:
            raise ValueError(f"`vertex` must be a vertex id of the graph, got {describe(vertex)} instead")
        return list(self._successors[vertex])

    def reachable(self, source: int, layers: int) -> list[frozenset[int]]:
        """Vertices at the end of walks of length 0..layers from ``source`` (one set per layer).

        A walk follows one simple at a time, as a layer whose linear map isolates one
        isotypic component would; mixtures of simples can interact further, but never beyond
        the kernel-containment bound, which ``filtration`` describes.
        """
        layers = check_int(layers, "layers", minimum=0)
        frontier, result = frozenset([source]), [frozenset([source])]
        self.successors(source)  # validates the id
        for _ in range(layers):
            frontier = frozenset(t for v in frontier for t in self._successors[v])
            result.append(frontier)
        return result

    def closure(self, vertex: int) -> frozenset[int]:
        """Everything reachable from ``vertex`` by walks of any length (itself included)."""
        seen, stack = {vertex}, [vertex]
        self.successors(vertex)
        while stack:
            for target in self._successors[stack.pop()]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return frozenset(seen)

    def filtration(self) -> list[frozenset[int]]:
        """The distinct closed sets generated by single vertices, smallest first.

        A set is closed when no edge leaves it; every closed set is a union of these. For C_n
        and ReLU they are the fixed-point spaces V^N of the subgroups N (MATH.md §4).
        """
        closures = {self.closure(v.id) for v in self.vertices}
        return sorted(closures, key=lambda s: (len(s), sorted(s)))

    def to_dict(self) -> dict:
        """The JSON shape of ARCHITECTURE.md (plus the numeric margins)."""
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
            )
        return payload

    def to_networkx(self):
        """A ``networkx.DiGraph`` with vertex attributes name, dim, order and edge strength."""
        import networkx as nx

        graph = nx.DiGraph(group=self.group, activation=self.activation, method=self.method)
        for v in self.vertices:
            graph.add_node(v.id, **{k: val for k, val in v.to_dict().items() if k != "id"})
        for e in self.edges:
            graph.add_edge(e.source, e.target, strength=e.strength)
        return graph

    def to_dot(self, *, label: Literal["id", "order", "dim"] = "id") -> str:
        """Graphviz DOT text; vertices labelled by id, order or dimension."""
        check_choice(label, "label", ("id", "order", "dim"))
        lines = [f'digraph "{self.group} {self.activation}" {{', "  rankdir=BT;"]
        for v in self.vertices:
            text = {"id": v.name, "order": str(v.order), "dim": str(v.dim)}[label]
            lines.append(f'  {v.id} [label="{text}"];')
        lines += [f'  {e.source} -> {e.target} [weight="{e.strength:.3g}"];' for e in self.edges]
        return "\n".join([*lines, "}"]) + "\n"


def interaction_graph(
    space,
    activation,
    *,
    method: Method = "numeric",
    seed: int = 0,
    threshold: float = THRESHOLD,
) -> InteractionGraph:
    """The interaction graph of an activation on a permutation module.

    Args:
        space: a group spec (``"C8"``, ``"C4xC6"``), a group (its regular module) or a G-set.
        activation: a name such as ``"relu"``, an ``Activation`` or a callable.
        method: ``"numeric"`` (any group), ``"exact"`` (C_n, closed forms),
            ``"basis"`` (the authors' unit-basis-vector method), ``"condensed"`` (C_n by orders).
        seed: seed of the numeric samples.
        threshold: relative strength above which a numeric edge counts.

    Raises:
        ValueError: unknown method; no closed form; a group too large for sampling.
    """
    check_choice(method, "method", ("exact", "numeric", "basis", "condensed"))
    sigma = as_activation(activation)
    if method == "condensed":
        return condensed_graph(_cyclic_order(space), sigma)
    if isinstance(space, str):
        space = parse_group(space)
    group = getattr(space, "group", space)
    if method == "exact":
        return _exact_graph(group, sigma)
    return _numeric_graph(space, group, sigma, method, check_int(seed, "seed", minimum=0), threshold)


def _exact_graph(group, sigma) -> InteractionGraph:
    if not (isinstance(group, CyclicProduct) and group.is_cyclic_spec):
        raise NoClosedForm(
            f"no closed form for the interaction graph of {getattr(group, 'name', group)}: the exact "
            "method covers cyclic groups C_n; use method='numeric'"
        )
    rule, n = order_rule(sigma), group.order
    orders = group.simple_orders
    edges = []
    for i, d in enumerate(orders):
        if rule.kind == "pow":
            targets = pow_targets(n, i, sigma.power)
        else:
            allowed = {int(e) for e in divisors(int(d)) if rule.reaches(int(d), int(e), same=False)}
            targets = {int(j) for j in np.flatnonzero(np.isin(orders, list(allowed))) if j != i}
            if rule.reaches(int(d), int(d), same=True):
                targets.add(i)
        edges += [Edge(i, j) for j in sorted(targets)]
    return InteractionGraph(group.name, sigma.name, "exact", group.simples, tuple(edges))


def _numeric_graph(space, group, sigma, method, seed, threshold) -> InteractionGraph:
    rng = np.random.default_rng(seed)
    size = getattr(space, "size", None) or group.order
    check_sample_memory(size)  # before anything of size |G| is built
    simples = group.simples
    if method == "basis":
        if not isinstance(space, CyclicProduct):
            raise ValueError("`method` 'basis' needs a cyclic group or product (its regular module)")
        strengths = basis_strengths(space, sigma)
    elif isinstance(space, CyclicProduct) and space.is_cyclic_spec:
        strengths = cyclic_strengths(space.order, sigma, rng)
    else:
        strengths = generic_strengths(space, size, len(simples), sigma, rng)
    is_edge = strengths > threshold
    edges = tuple(
        Edge(int(i), int(j), float(strengths[i, j])) for i, j in zip(*np.nonzero(is_edge), strict=True)
    )
    weakest = float(strengths[is_edge].min()) if is_edge.any() else None
    residual = float(strengths[~is_edge].max()) if (~is_edge).any() else 0.0
    if weakest is not None and weakest < 1e3 * max(residual, threshold / 1e3):
        warnings.warn(
            f"interaction graph of {sigma.name!r} on {group.name}: weak separation between edges "
            f"(weakest {weakest:.3g}) and non-edges (largest {residual:.3g})",
            RuntimeWarning,
            stacklevel=3,
        )
    return InteractionGraph(
        group.name, sigma.name, method, simples, edges, threshold, weakest, residual, seed
    )


_CYCLIC_SPEC = re.compile(r"^\s*[cC](\d+)\s*$")


def _cyclic_order(space) -> int:
    if isinstance(space, CyclicProduct) and space.is_cyclic_spec:
        return space.order
    if isinstance(space, int | np.integer) and not isinstance(space, bool):
        return check_int(space, "n", minimum=1)
    match = _CYCLIC_SPEC.match(space) if isinstance(space, str) else None
    if match is None or int(match.group(1)) < 1:
        raise ValueError(
            f"`group` must be a cyclic group such as 'C1000000' for the condensed method, got {describe(space)} instead"
        )
    return int(match.group(1))


def condensed_graph(n: int, activation) -> InteractionGraph:
    """The interaction graph of C_n condensed onto orders d | n (closed forms; n up to ~10^14).

    Vertex d stands for the ``count`` simples of order d; an edge d -> e means every simple of
    order d reaches every simple of order e other than itself (for powers: some), and a loop
    d -> d with ``strength`` 0.5 means only the self-loop L_i -> L_i.
    """
    n = check_int(n, "n", minimum=1)
    rule = order_rule(as_activation(activation))
    orders = divisors(n)
    vertices = tuple(OrderClass(d, f"ord {d}", 1 if d <= 2 else 2, d, simples_of_order(n, d)) for d in orders)
    edges = []
    for d in orders:
        for e in orders:
            others = e != d or simples_of_order(n, d) > 1
            if others and rule.reaches(d, e, same=False):
                edges.append(Edge(d, e, 1.0))
            elif e == d and rule.reaches(d, d, same=True):
                edges.append(Edge(d, d, 0.5))
    return InteractionGraph(f"C{n}", rule.name, "condensed", vertices, tuple(edges))


__all__ += ["NoClosedForm", "SimpleRep"]
