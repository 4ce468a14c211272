"""Closed-form interaction graphs of C_n as arrays: one row per simple, or condensed on orders.

Both apply the ``OrderRule`` of ``plrep.graphs._rules`` (docs/math.md §4). The full graph of C_n
has n // 2 + 1 vertices and up to (n // 2 + 1)^2 edges, so it is stored by orders
(``exact_rows``; the dense ``exact_adjacency`` is the small-n reference); the condensed graph
has one vertex per divisor d of n and never builds anything of size n: a divisor list with totients from one trial-division factorisation, then one vectorised
rule evaluation per divisor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from plrep.activations import Activation
from plrep.graphs._rules import count_from_totient, divisors, divisors_with_totients, order_rule

__all__ = [
    "MAX_DENSE_STRENGTHS",
    "MAX_VERTICES",
    "CondensedArrays",
    "check_graph_size",
    "condensed_arrays",
    "exact_adjacency",
    "exact_rows",
]

# A graph's vertices are Python objects (SimpleRep, ~0.5 KiB each): 2^20 of them ~ 512 MiB.
# Edges are arrays or per-order rows (``plrep.graphs._edges``), capped where they are built.
MAX_VERTICES = 2**20
# Dense strength matrices (general groups, the basis method): present^2 float64, 128 MiB.
MAX_DENSE_STRENGTHS = 2**24


def check_graph_size(num_simples: int, group_name: str, method: str, *, dense: bool) -> None:
    """Refuse graphs whose vertices (or dense strength matrix) would not fit, before any work."""
    if num_simples > MAX_VERTICES:
        raise ValueError(
            f"`group` is too large for the {method} method: {group_name} has {num_simples} simples, at "
            f"most {MAX_VERTICES} vertices fit a graph; use method='condensed' for C_n"
        )
    if dense and num_simples**2 > MAX_DENSE_STRENGTHS:
        raise ValueError(
            f"`group` is too large for the {method} method: {group_name} has {num_simples} simples in the "
            f"module, whose {num_simples}^2 strengths exceed the {MAX_DENSE_STRENGTHS} of a dense matrix "
            "(at most 4096 simples); cyclic groups and their products use per-order rows instead"
        )


def exact_rows(n: int, sigma: Activation) -> dict[int, np.ndarray]:
    """{d: C_d frequencies j (0 <= j <= d//2) that L_1 of C_d reaches} for every divisor d of n.

    The rows of ``exact_adjacency`` by orders: the source L_i of order d reaches L_{j i}
    (``plrep.graphs._edges.GaloisRows``). Raises ``NoClosedForm`` when no rule is known.
    """
    rule = order_rule(sigma)
    rows = {}
    for d in divisors(n):
        multiples = np.arange(d // 2 + 1)
        if rule.kind == "pow":
            mask = np.zeros(multiples.size, dtype=bool)
            for a in range(sigma.power + 1):
                m = (2 * a - sigma.power) % d
                mask[min(m, d - m)] = True
        else:
            mask = np.array(rule.reaches(d, d // np.gcd(d, multiples), same=False), dtype=bool)
            mask[1 % d] = bool(rule.reaches(d, d, same=True))  # j = 1 is the source itself
        rows[d] = np.flatnonzero(mask)
    return rows


def exact_adjacency(n: int, sigma: Activation) -> np.ndarray:
    """Boolean adjacency (n//2 + 1, n//2 + 1) of the closed-form graph of C_n, [i, j] = i -> j.

    Raises:
        NoClosedForm: no rule is known for ``sigma``.
    """
    rule = order_rule(sigma)
    ids = np.arange(n // 2 + 1)
    orders = n // np.gcd(n, ids)
    adjacency = np.zeros((ids.size, ids.size), dtype=bool)
    if rule.kind == "pow":
        for a in range(sigma.power + 1):
            target = ((2 * a - sigma.power) * ids) % n  # frequency (2a - p) i, canonical sign
            adjacency[ids, np.minimum(target, n - target)] = True
        return adjacency
    for d in np.unique(orders):
        rows = np.flatnonzero(orders == d)
        adjacency[rows] = rule.reaches(int(d), orders, same=False)
        adjacency[rows, rows] = bool(rule.reaches(int(d), int(d), same=True))
    return adjacency


@dataclass(frozen=True)
class CondensedArrays:
    """The condensed graph of C_n as arrays (see ``plrep.graphs.condensed_graph``).

    Attributes:
        rule_name: the activation's name.
        orders, counts: divisors d of n and how many simples have order d, int64 (m,).
        sources, targets: orders at the two ends of each edge, int64 (num_edges,).
        reach: per edge "all", "some" (powers) or "self" (a loop standing for L_i -> L_i only).
    """

    rule_name: str
    orders: np.ndarray
    counts: np.ndarray
    sources: np.ndarray
    targets: np.ndarray
    reach: tuple[str, ...]


def condensed_arrays(n: int, sigma: Activation) -> CondensedArrays:
    """Evaluate the order rule on every pair of divisors e | d of n (no n-sized arrays)."""
    rule = order_rule(sigma)
    pairs = divisors_with_totients(n)
    orders = np.array([d for d, _ in pairs], dtype=np.int64)
    counts = np.array([count_from_totient(d, phi) for d, phi in pairs], dtype=np.int64)
    position = {d: index for index, d in enumerate(orders.tolist())}
    sources, targets, reach = [], [], []
    for d in orders.tolist():
        if rule.kind == "pow":
            row = _pow_row(
                d, sigma.power, {e: int(counts[position[e]]) for e in orders[d % orders == 0].tolist()}
            )
        else:
            row = _rule_row(rule, d, orders, counts)
        for e in sorted(row):
            sources.append(d)
            targets.append(e)
            reach.append("all" if row[e] == "all" or counts[position[e]] == 1 else row[e])
    return CondensedArrays(
        rule.name, orders, counts, np.array(sources, np.int64), np.array(targets, np.int64), tuple(reach)
    )


def _rule_row(rule, d: int, orders: np.ndarray, counts: np.ndarray) -> dict[int, str]:
    """{e: reach} for a source of order d under a non-polynomial or affine rule."""
    others = rule.reaches(d, orders, same=False)
    row = {int(e): "all" for e in orders[others] if e != d}
    index = int(np.searchsorted(orders, d))
    other_same = bool(others[index]) and counts[index] > 1
    if bool(rule.reaches(d, d, same=True)):
        row[d] = "all" if other_same or counts[index] == 1 else "self"
    elif other_same:
        row[d] = "some"  # the others of order d but not itself
    return row


def _pow_row(d: int, power: int, count_of: dict[int, int]) -> dict[int, str]:
    """{e: reach} for x^power from L_1 of C_d (every source of order d alike, by Galois).

    The targets are the frequencies (2a - p) mod d, a = 0..p; reach is "all" when every
    simple of order e is hit (fixed up by the caller for single simples), "self" when only
    the source itself is.
    """
    hits: dict[int, set[int]] = {}
    for a in range(power + 1):
        m = (2 * a - power) % d
        m = min(m, d - m)
        hits.setdefault(d // math.gcd(d, m), set()).add(m)
    row = {}
    for e, frequencies in hits.items():
        row[e] = "all" if len(frequencies) == count_of[e] else ("self" if frequencies == {1 % d} else "some")
    return row
