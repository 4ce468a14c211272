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
from typing import Literal

import numpy as np

from plrep._validate import check_choice, check_finite_real, check_int, describe
from plrep.activations import activation as as_activation
from plrep.decomposition import multiplicities
from plrep.graphs._dihedral import DihedralRows, dihedral_rows
from plrep.graphs._edges import MAX_EDGE_ARRAY, EdgeArrays, GaloisRows
from plrep.graphs._exact import check_graph_size, condensed_arrays, exact_rows
from plrep.graphs._interaction import Edge, InteractionGraph, OrderClass
from plrep.graphs._numeric import (
    basis_strengths,
    check_sample_memory,
    cyclic_rows,
    present_strengths,
    sample_amplitudes,
)
from plrep.graphs._rules import NoClosedForm
from plrep.groups import CyclicProduct, DihedralGroup, Group, SimpleRep, as_group
from plrep.gsets import MAX_TABLE_ENTRIES, as_gset

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
# D_n up to this keeps the dense path (projected Gaussians in R[D_n]): the same edges as the
# per-divisor rows (tests/graphs/test_dihedral_rows.py), and the very strengths its graphs
# always had, which saved JSON files and golden outputs hold; the simples' numbering changes
# at the same n (``SMALL_DIHEDRAL``). Beyond, the rows: D_4096 1.5 CPU-s instead of minutes.
DENSE_DIHEDRAL = 64
# condensed_graph factorises n by trial division: about a second at 10^15, hours near 2^63.
MAX_CONDENSED_ORDER = 10**15


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
    _check_listing(space, group)
    abelian_rows = isinstance(group, CyclicProduct) and (
        method == "exact" or (method == "numeric" and space is group)
    )
    # D_n's regular module: one row per divisor d of n, from samples on the quotient D_d.
    dihedral = _dihedral_rows_apply(space, group, method)
    if method == "exact" and not getattr(group, "is_cyclic_spec", False):
        _exact_graph(space, group, sigma)  # raises NoClosedForm
    # Sized from the arguments: per-order rows need only the vertices (and samples of length
    # at most the exponent); the other paths hold a present x present strength matrix.
    num_vertices = _num_simples(group) if space is group else _num_present(space)
    check_graph_size(num_vertices, group.name, method, dense=not (abelian_rows or dihedral))
    if method == "exact":
        return _exact_graph(space, group, sigma)
    # before anything of size |X|; relu-like sigma sample one amplitude (S4096:natural^2 fits)
    check_sample_memory(_exponent(group) if abelian_rows else size, len(sample_amplitudes(sigma)))
    return _numeric_graph(space, group, sigma, method, seed, threshold)


def _dihedral_rows_apply(space, group, method) -> bool:
    """Whether the numeric graph takes D_n's per-divisor rows (its regular module, n > ``DENSE_DIHEDRAL``)."""
    return (
        method == "numeric"
        and space is group
        and isinstance(group, DihedralGroup)
        and group.degree > max(DENSE_DIHEDRAL, 2)
    )


def _exponent(group) -> int:
    return math.lcm(*group.factors)


def _check_listing(space, group) -> None:
    """Refuse a regular module whose projections walk a |G| x |G| table, before listing G.

    Cyclic products and D_n have FFT paths; every other group's regular module needs the
    table of every element's permutation (``MAX_TABLE_ENTRIES``): A_9 is refused here at
    once instead of after its character table.
    """
    if space is not group or isinstance(group, CyclicProduct | DihedralGroup):
        return
    order = int(group.order)
    if order * order > MAX_TABLE_ENTRIES:
        raise ValueError(
            f"`space` must have |G| |X| at most {MAX_TABLE_ENTRIES} for a table of every element's "
            f"permutation, got {order} x {order} instead (the regular module of {group.name}); use a "
            "smaller G-set such as 'S9:natural^2'"
        )


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
    rows = {d: (j, np.ones(j.size)) for d, j in exact_rows(group.order, sigma).items()}
    # Each C_n-orbit C_n/H is the regular module of a quotient, where L_k keeps its order:
    # on a G-set the graph is the induced subgraph on the simples present.
    present = _present(space, group)
    edges = GaloisRows(group, rows, None if space is group else present)
    vertices = tuple(group.simples[int(k)] for k in present)
    return InteractionGraph(group.name, sigma.name, "exact", vertices, edges)


def _numeric_graph(space, group, sigma, method, seed, threshold) -> InteractionGraph:
    rng = np.random.default_rng(seed)
    if method == "basis" and not isinstance(space, CyclicProduct):
        raise ValueError("`method` 'basis' needs a cyclic group or product (its regular module)")
    present = _present(space, group)
    if _dihedral_rows_apply(space, group, method):
        # One D_d sample set per divisor d (a source rho_k of order d is rho_1 of D_d in
        # disguise): rows cover every simple, no (simples x simples) matrix.
        edges, uncertain, weakest, residual = _decide_rows(dihedral_rows(group.degree, sigma, rng), threshold)
        edges, uncertain = DihedralRows(group, edges), DihedralRows(group, uncertain)
    elif method == "numeric" and isinstance(space, CyclicProduct):
        # One C_d sample set per order d (a C_n x C_m source of order d is L_1 of C_d in
        # disguise); rows cover every simple, no (simples x simples) matrix.
        rows = cyclic_rows(_exponent(group), sigma, rng)
        edges, uncertain, weakest, residual = _decide_rows(rows, threshold)
        edges, uncertain = GaloisRows(group, edges), GaloisRows(group, uncertain)
    else:
        if method == "basis":
            strengths = basis_strengths(space, sigma)[np.ix_(present, present)]
        else:  # only the simples present: S_30 has 5,604 simples, R^{X^2} holds 4 of them
            strengths = present_strengths(space, present, sigma, rng)
        edges, uncertain, weakest, residual = _decide_dense(strengths, present, threshold)
    if uncertain.count:
        _warn_uncertain(sigma.name, group.name, threshold, uncertain)
    vertices = tuple(group.simples[int(k)] for k in present)
    return InteractionGraph(
        group.name, sigma.name, method, vertices, edges, threshold, weakest, residual, seed, uncertain
    )


def _classify(strengths: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three-way decision: edge, uncertain (within MARGIN of the threshold), decided non-edge."""
    is_edge = strengths >= threshold * MARGIN
    is_uncertain = ~is_edge & (strengths > threshold / MARGIN)
    return is_edge, is_uncertain, ~is_edge & ~is_uncertain


def _decide_dense(strengths, present, threshold):
    is_edge, is_uncertain, decided = _classify(strengths, threshold)
    weakest = float(strengths[is_edge].min()) if is_edge.any() else None
    residual = float(strengths[decided].max()) if decided.any() else 0.0

    def store(mask):
        rows, cols = np.nonzero(mask)
        return EdgeArrays(present[rows], present[cols], strengths[rows, cols])

    return store(is_edge), store(is_uncertain), weakest, residual


def _decide_rows(rows: dict[int, np.ndarray], threshold: float):
    """The per-order rows split into edge rows and uncertain rows, with the margins.

    Entries a row does not hold (L_i -> L_k with k no multiple of i) are exact zeros, as in
    the dense matrix, so the largest non-edge is at least 0.
    """
    edges, uncertain, weakest, residual = {}, {}, None, 0.0
    for d, row in rows.items():
        is_edge, is_uncertain, decided = _classify(row, threshold)
        edges[d] = (np.flatnonzero(is_edge), row[is_edge])
        uncertain[d] = (np.flatnonzero(is_uncertain), row[is_uncertain])
        if is_edge.any():
            low = float(row[is_edge].min())
            weakest = low if weakest is None else min(weakest, low)
        if decided.any():
            residual = max(residual, float(row[decided].max()))
    return edges, uncertain, weakest, residual


def _warn_uncertain(name: str, group: str, threshold: float, uncertain) -> None:
    count = uncertain.count
    if count <= MAX_EDGE_ARRAY:
        first = list(zip(*(a[:5].tolist() for a in uncertain.arrays()), strict=True))
    else:  # row by row from the first sources (C_1048576 ReLU has ~7.8e10 such pairs)
        first = []
        for source in range(1024):
            targets, strengths, _ = uncertain.row(source)
            first += zip(
                [source] * min(targets.size, 5), targets[:5].tolist(), strengths[:5].tolist(), strict=True
            )
            if len(first) >= 5:
                break
        first = first[:5]
    pairs = ", ".join(f"{s}->{t} ({w:.3g})" for s, t, w in first)
    more = f" and {count - 5} more" if count > 5 else ""
    warnings.warn(
        f"interaction graph of {name!r} on {group}: {count} pair(s) within {MARGIN:g}x of the "
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
    edges = EdgeArrays(arrays.sources, arrays.targets, np.ones(arrays.sources.size), arrays.reach)
    return InteractionGraph(f"C{n}", arrays.rule_name, "condensed", vertices, edges)
