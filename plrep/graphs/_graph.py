"""Interaction graphs: which simples an activation sends each simple to (docs/math.md §4).

Vertices are the simple representations occurring in a permutation module; L_i -> L_j when
pi_{L_j}(sigma(v)) != 0 for generic v in L_i. Methods:

* ``"exact"`` (C_n and its G-sets): the authors' closed forms for ReLU and abs, the parity
  rule for named activations, the rule for powers (``plrep.graphs._rules``); refuses to guess
  otherwise.
* ``"numeric"`` (any group with a decomposition): generic samples, several amplitudes and
  both signs (``plrep.graphs._numeric``); the graph records the smallest edge strength and the
  largest non-edge residual, so the threshold's margin is visible.
* ``"basis"``: the authors' notebook method (unit Fourier basis vectors only), for comparison.
* ``"condensed"`` (C_n, n up to 10^12 and beyond): vertices are the orders d | n, each
  standing for the simples of that order (``condensed_graph``).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from plrep._validate import check_choice, check_finite_real, check_int, describe
from plrep.activations import activation as as_activation
from plrep.decomposition import multiplicities
from plrep.graphs._exact import check_graph_size, condensed_arrays, exact_adjacency
from plrep.graphs._numeric import basis_strengths, check_sample_memory, cyclic_strengths, present_strengths
from plrep.graphs._rules import NoClosedForm
from plrep.groups import CyclicProduct, Group, SimpleRep, as_group
from plrep.gsets import as_gset

__all__ = [
    "THRESHOLD",
    "Edge",
    "InteractionGraph",
    "NoClosedForm",
    "OrderClass",
    "SimpleRep",
    "condensed_graph",
    "interaction_graph",
]

Method = Literal["exact", "numeric", "basis", "condensed"]
# Strength = ||P_j sigma(v)|| / ||sigma(v)|| (relative to the output: scale-free). Measured on
# C_n, n <= 4096, for every named activation (tests/graphs/test_graphs.py checks the margins): exact
# zeros come out of the float64 FFT at <= 6e-15; the weakest true edge is 1e-7 (ReLU-like
# activations on C_4093 / C_4095, whose far harmonics decay like 1/m^2 up to m ~ n/2; general
# groups up to S_5 have no edge below 1e-3). The threshold sits ~1500x above the noise and
# ~10^4x below the weakest edge; each graph reports its own margin and warns within 30x.
THRESHOLD = 1e-11
# Strengths within this factor of the threshold are undecided: reported as ``uncertain`` (never as
# edges) with a warning, so a graph cannot change with the seed near the threshold.
MARGIN = 30.0
# condensed_graph factorises n by trial division: about a second at 10^15, hours near 2^63.
MAX_CONDENSED_ORDER = 10**15


@dataclass(frozen=True, slots=True)
class Edge:
    """L_source -> L_target.

    ``strength``: numeric methods, the largest ||P_target sigma(v)|| / ||sigma(v)|| over the
    samples; closed forms, 1.0 (nonzero). ``reach`` (condensed graphs only): "all" simples of
    the target order, "some" (powers), or "self" (a loop standing for L_i -> L_i only).

    Example:
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


@dataclass(frozen=True, eq=False)
class InteractionGraph:
    """An interaction graph: vertices (simples or order classes) and weighted edges.

    Attributes:
        group, activation, method: what was computed and how.
        vertices: ``SimpleRep`` (``OrderClass`` for condensed graphs), in id order; only the
            simples that occur in the module.
        edges: ``Edge`` tuple sorted by (source, target).
        threshold, min_edge_strength, max_non_edge, seed: the numeric decision and its margin
            (None for closed forms; ``min_edge_strength`` None when there is no edge).
        uncertain: numeric graphs, ``Edge`` tuple of the pairs whose strength lies within
            ``MARGIN`` of the threshold (threshold / MARGIN < strength < threshold * MARGIN):
            neither an edge nor a non-edge; they are never in ``edges``.

    Example:
        >>> graph = interaction_graph("C8", "relu", method="exact")
        >>> graph.successors(1)  # L1 -> L0, L1, L2, L4 (docs/math.md §4)
        [0, 1, 2, 4]
        >>> [sorted(layer) for layer in graph.reachable(3, 2)]
        [[3], [0, 2, 3, 4], [0, 2, 3, 4]]
        >>> sorted(graph.closure(2))
        [0, 2, 4]
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
    uncertain: tuple[Edge, ...] = ()
    _out: dict = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        out = {v.id: [] for v in self.vertices}
        for edge in self.edges:
            out[edge.source].append(edge)
        object.__setattr__(self, "_out", out)

    def __repr__(self) -> str:
        return (
            f"InteractionGraph({self.group}, {self.activation}, {self.method}: "
            f"{len(self.vertices)} vertices, {len(self.edges)} edges; .table() lists them by name)"
        )

    def table(self) -> dict[str, list[str]]:
        """{vertex name: [names of its targets]}, in id order."""
        names = {v.id: v.name for v in self.vertices}
        return {v.name: [names[e.target] for e in self._out[v.id]] for v in self.vertices}

    @property
    def edge_set(self) -> frozenset[tuple[int, int]]:
        """{(source, target)} of all edges."""
        return frozenset((e.source, e.target) for e in self.edges)

    def edges_from(self, vertex: int) -> list[Edge]:
        """The edges out of ``vertex``, sorted by target."""
        if isinstance(vertex, bool) or vertex not in self._out:
            raise ValueError(f"`vertex` must be a vertex id of the graph, got {describe(vertex)} instead")
        return list(self._out[vertex])

    def successors(self, vertex: int) -> list[int]:
        """Targets of the edges out of ``vertex``, sorted."""
        return [edge.target for edge in self.edges_from(vertex)]

    def reachable(self, source: int, layers: int) -> list[frozenset[int]]:
        """Vertices at the end of walks of length exactly 0..layers from ``source``.

        Layer k holds the simples that k layers sigma(A . + b) can carry a vector of
        L_source to, when each linear map A keeps a chosen set of isotypic components and
        the bias is zero; a bias or mixtures of simples can reach more, never beyond the
        kernel-containment bound. One set per k = 0..layers.
        """
        layers = check_int(layers, "layers", minimum=0, maximum=MAX_LAYERS)
        self.successors(source)  # validates the id
        frontier, result = frozenset([source]), [frozenset([source])]
        for _ in range(layers):
            frontier = frozenset(e.target for v in frontier for e in self._out[v])
            result.append(frontier)
        return result

    def closure(self, vertex: int) -> frozenset[int]:
        """Everything reachable from ``vertex`` by walks of any length (itself included)."""
        self.successors(vertex)
        seen, stack = {vertex}, [vertex]
        while stack:
            for edge in self._out[stack.pop()]:
                if edge.target not in seen:
                    seen.add(edge.target)
                    stack.append(edge.target)
        return frozenset(seen)

    def filtration(self) -> list[frozenset[int]]:
        """The distinct closed sets generated by single vertices, smallest first.

        A set is closed when no edge leaves it; every closed set is a union of these. A
        network whose input lies in the sum of the simples of a closed set stays there.
        """
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
        space: a group spec (``"C8"``, ``"C4xC6"``, ``"S4"``), a group (its regular module)
            or a G-set.
        activation: a name such as ``"relu"``, an ``Activation`` or a callable.
        method: ``"numeric"`` (any group), ``"exact"`` (C_n, closed forms),
            ``"basis"`` (the authors' unit-basis-vector method), ``"condensed"`` (C_n by orders).
        seed: seed of the numeric samples.
        threshold: relative strength above which a numeric edge counts (0 < threshold < 1).

    Raises:
        ValueError: unknown method or group; no closed form (``NoClosedForm``); a group too
            large for a dense graph; an activation returning NaN.
        TypeError: ``space`` is not a spec, group or G-set.

    >>> sorted(interaction_graph("C4", "abs", method="exact").edge_set)
    [(0, 0), (1, 0), (1, 2), (2, 0)]
    """
    check_choice(method, "method", ("exact", "numeric", "basis", "condensed"))
    sigma = as_activation(activation)
    if method == "condensed":
        return condensed_graph(_cyclic_order(space), sigma)
    seed = check_int(seed, "seed", minimum=0)
    threshold = check_finite_real(threshold, "threshold")
    if not 0 < threshold < 1:
        raise ValueError(f"`threshold` must be in (0, 1), got {threshold} instead")
    space, group, size = _resolve(space)
    check_graph_size(_num_simples(group) if space is group else _num_present(space), group.name, method)
    if method == "exact":
        return _exact_graph(space, group, sigma)
    check_sample_memory(size)  # before anything of size |X| is built
    return _numeric_graph(space, group, sigma, method, seed, threshold)


def _resolve(space) -> tuple[object, object, int]:
    """(space, group, |X|) of a spec, a group (its regular module) or a G-set.

    The regular module is represented by its group, which takes the fast paths (and whose
    size is checked by the graph's own caps, before any |G|-sized array is built).
    """
    if isinstance(space, str) and ":" not in space:
        space = as_group(space, "space")
    if isinstance(space, Group):
        return space, space, int(space.order)
    gset = as_gset(space)
    if gset.is_regular:
        return gset.group, gset.group, int(gset.group.order)
    return gset, gset.group, int(gset.size)


def _num_simples(group) -> int:
    """Number of simples, without building per-simple arrays (C_n may be huge here)."""
    if isinstance(group, CyclicProduct):
        # Simples = frequency classes {xi, -xi}: (|G| + #{xi : 2 xi = 0}) / 2.
        return (group.order + math.prod(2 if f % 2 == 0 else 1 for f in group.factors)) // 2
    return len(group.simples)


def _num_present(space) -> int:
    """Number of simples occurring in a G-set's module (the graph's vertices)."""
    return int((multiplicities(space) > 0).sum())


def _present(space, group) -> np.ndarray:
    """Ids of the simples occurring in the module (all of them in a regular module)."""
    if space is group:
        return np.arange(_num_simples(group))
    return np.flatnonzero(multiplicities(space) > 0)


def _exact_graph(space, group, sigma) -> InteractionGraph:
    if not (isinstance(group, CyclicProduct) and group.is_cyclic_spec):
        raise NoClosedForm(
            f"`method` must be 'numeric' for {group.name}: the exact closed forms cover cyclic "
            "groups C_n only, got 'exact' instead"
        )
    adjacency = exact_adjacency(group.order, sigma)
    # Each C_n-orbit C_n/H is the regular module of a quotient, where L_k keeps its order:
    # on a G-set the graph is the induced subgraph on the simples present.
    present = _present(space, group)
    sub = adjacency[np.ix_(present, present)]
    edges = tuple(Edge(int(present[i]), int(present[j])) for i, j in zip(*np.nonzero(sub), strict=True))
    vertices = tuple(group.simple(int(k)) for k in present)
    return InteractionGraph(group.name, sigma.name, "exact", vertices, edges)


def _numeric_graph(space, group, sigma, method, seed, threshold) -> InteractionGraph:
    rng = np.random.default_rng(seed)
    if method == "basis" and not isinstance(space, CyclicProduct):
        raise ValueError("`method` 'basis' needs a cyclic group or product (its regular module)")
    present = _present(space, group)
    if method == "basis":
        strengths = basis_strengths(space, sigma)[np.ix_(present, present)]
    elif isinstance(space, CyclicProduct) and space.is_cyclic_spec:
        strengths = cyclic_strengths(space.order, sigma, rng)[np.ix_(present, present)]
    else:  # only the simples present: S_30 has 5,604 simples, R^{X^2} holds 4 of them
        strengths = present_strengths(space, present, sigma, rng)
    # Three-way decision: within MARGIN of the threshold is neither an edge nor a non-edge.
    is_edge = strengths >= threshold * MARGIN
    is_uncertain = ~is_edge & (strengths > threshold / MARGIN)
    edges = tuple(
        Edge(int(present[i]), int(present[j]), float(strengths[i, j]))
        for i, j in zip(*np.nonzero(is_edge), strict=True)
    )
    uncertain = tuple(
        Edge(int(present[i]), int(present[j]), float(strengths[i, j]))
        for i, j in zip(*np.nonzero(is_uncertain), strict=True)
    )
    weakest = float(strengths[is_edge].min()) if is_edge.any() else None
    decided = ~is_edge & ~is_uncertain
    residual = float(strengths[decided].max()) if decided.any() else 0.0
    if uncertain:
        _warn_uncertain(sigma.name, group.name, threshold, uncertain)
    vertices = tuple(group.simples[int(k)] for k in present)
    return InteractionGraph(
        group.name, sigma.name, method, vertices, edges, threshold, weakest, residual, seed, uncertain
    )


def _warn_uncertain(name: str, group: str, threshold: float, uncertain) -> None:
    pairs = ", ".join(f"{e.source}->{e.target} ({e.strength:.3g})" for e in uncertain[:5])
    more = f" and {len(uncertain) - 5} more" if len(uncertain) > 5 else ""
    warnings.warn(
        f"interaction graph of {name!r} on {group}: {len(uncertain)} pair(s) within {MARGIN:g}x of the "
        f"threshold {threshold:.3g} ({pairs}{more}); the decision is uncertain, so they are reported "
        "as uncertain, not as edges",
        RuntimeWarning,
        stacklevel=3,
    )


def _cyclic_order(space) -> int:
    if isinstance(space, CyclicProduct) and space.is_cyclic_spec:
        return space.order
    if isinstance(space, int | np.integer) and not isinstance(space, bool):
        return check_int(space, "n", minimum=1)
    text = space.strip().lower() if isinstance(space, str) else ""
    if not (text.startswith("c") and text[1:].isdigit() and int(text[1:]) >= 1):
        raise ValueError(
            f"`group` must be a cyclic group such as 'C1000000' for the condensed method, got {describe(space)} instead"
        )
    return int(text[1:])


def condensed_graph(n: int, activation) -> InteractionGraph:
    """The interaction graph of C_n condensed onto orders d | n (closed forms; no n-sized arrays).

    Vertex d (``OrderClass``) stands for the ``count`` simples of order d. Edge d -> e with
    ``reach`` "all": every simple of order d reaches every simple of order e (itself included
    when e = d); "some" (powers): each reaches some of them (``plrep.graphs._exact._pow_row``
    says which); "self": a loop standing for L_i -> L_i only. Edges run only to divisors
    e | d (kernel containment).

    >>> graph = condensed_graph(10**12, "relu")
    >>> len(graph.vertices), graph.vertices[-1].count
    (169, 200000000000)
    """
    n = check_int(n, "n", minimum=1, maximum=MAX_CONDENSED_ORDER)
    arrays = condensed_arrays(n, as_activation(activation))
    vertices = tuple(
        OrderClass(d, f"ord {d}", 1 if d <= 2 else 2, d, c)
        for d, c in zip(arrays.orders.tolist(), arrays.counts.tolist(), strict=True)
    )
    edges = tuple(
        Edge(s, t, 1.0, r)
        for s, t, r in zip(arrays.sources.tolist(), arrays.targets.tolist(), arrays.reach, strict=True)
    )
    return InteractionGraph(f"C{n}", arrays.rule_name, "condensed", vertices, edges)
