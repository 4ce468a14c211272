"""Numeric graphs of D_n's regular module by quotients: one small sample set per divisor d of n.

A real simple of D_n is a band (k, eps) of C_n frequencies (``DihedralGroup.bands``): rho_k
(eps = 0, 0 < k < n/2), or a 1-dim character (k = 0 or n/2, eps = its value on s). Its kernel
contains the rotations r^d with d = n / gcd(n, k), so every vector of its isotypic component
is a function on the quotient D_n / <r^d> = D_d, and so is sigma of it: the strengths out of
(k, eps) are those out of a simple of D_d. Writing k = g u (g = n/d, u a unit mod d), the
automorphism r -> r^u, s -> s of D_d carries rho_1 to rho_u and band j to band u j, and keeps
the 1-dim characters. So the sources of D_n fall into a few kinds, each sampled once:

* rho_k of order d >= 3: rho_1 of D_d; the target band j of D_d is the band g (u j mod d)
  (folded into 0..n/2) of D_n, and the 1-dim targets (0, eps), (d/2, eps) of D_d are
  (0, eps), (n/2, eps) of D_n;
* (0, eps): the same simple of D_1 = D_n / <r>; (n/2, eps), n even: (1, eps) of D_2.

A row is indexed by the simples of D_d in the order of ``quotient_labels``; ``DihedralRows``
turns a source's row into D_n ids when asked (the edge count of D_65536 with ReLU is ~3.6e8,
its rows hold ~130,000 numbers). The samples have the law of ``present_strengths``' projected
Gaussians (a Gaussian in the 4-dim rho_1-isotypic component is a, b, c, d ~ N(0, 1) in
a cos + b sin on each of the two rotation cosets), so the graph is the dense path's
(tests/graphs/test_dihedral_rows.py compares them for small n).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plrep.graphs._edges import MAX_EDGE_ARRAY, EdgeArrays, check_edge_count
from plrep.graphs._numeric import DIRECTIONS, _apply, _scaled, strengths_from_energies
from plrep.graphs._rules import divisors

__all__ = ["DihedralOrderClosure", "DihedralRows", "dihedral_rows", "quotient_energies", "quotient_labels"]


@dataclass(frozen=True, eq=False)
class DihedralOrderClosure:
    """The closed sets of D_n's rho_{u n/d} (u a unit mod d): one per rotation order d >= 3.

    Attributes:
        d: the order of the C_n frequency k = u n/d of rho_k (its image is D_d, of order 2d).
        inner: C_d frequencies 0 < j < d/2 of the rho part of rho_{n/d}'s closure (u = 1).
        linear: ids of the 1-dim simples in it (the same for every u).
        unit_invariant: every rho of order d closes on the same set.
    """

    rows: DihedralRows
    d: int
    inner: np.ndarray
    linear: frozenset[int]
    unit_invariant: bool

    @property
    def source(self) -> int:
        """Id of rho_{n/d}, whose closure ``ids()`` is."""
        return int(self.rows.rho_ids([self.rows.order // self.d])[0])

    def ids(self, u: int = 1) -> frozenset[int]:
        """The closure of rho_{u n/d}: its rho part scaled by u (folded into 0 < k < n/2)."""
        moved = (u * self.inner) % self.d
        frequencies = (self.rows.order // self.d) * np.minimum(moved, self.d - moved)
        return frozenset(self.rows.rho_ids(frequencies).tolist()) | self.linear


def quotient_labels(d: int) -> list[tuple[int, int]]:
    """Simples (j, eps) of D_d in row order: (0, +-1), (d/2, +-1) for even d, then rho_1, rho_2, ...

    D_1 and D_2 (the quotients of the 1-dim sources) are C_2 and C_2 x C_2: only 1-dim labels.
    """
    labels = [(0, 1), (0, -1)]
    if d % 2 == 0:
        labels += [(d // 2, 1), (d // 2, -1)]
    return labels + [(j, 0) for j in range(1, (d + 1) // 2)]


def quotient_energies(values: np.ndarray) -> np.ndarray:
    """Energies ||P_(j, eps) f||^2 in D_d's regular module, in ``quotient_labels`` order.

    ``values`` has shape (samples, 2, d): f(r^t s^e) at [.., e, t]. Under the rotations the
    cosets e = 0, 1 are two copies of C_d, so the band j of rho_j is the C_d frequency +-j on
    both; on the bands 0 and d/2 the reflection s (f(t, 0) <-> f(-t, 1)) splits the coset
    means a_0, a_1 (or alternating parts) into a_0 + a_1 (eps = +1) and a_0 - a_1 (eps = -1).
    """
    d = values.shape[-1]
    spectrum = np.fft.rfft(values, axis=-1)  # (samples, 2, d//2 + 1)
    parts = [_split(spectrum[..., 0].real / d, d)]
    if d % 2 == 0:
        parts.append(_split(spectrum[..., d // 2].real / d, d))
    rho = 2.0 * np.square(np.abs(spectrum[..., 1 : (d + 1) // 2])).sum(axis=-2) / d
    return np.concatenate([*parts, rho], axis=-1)


def _split(coset_values: np.ndarray, d: int) -> np.ndarray:
    """(eps = +1, eps = -1) energies of a band with value a_e (times 1 or (-1)^t) on coset e."""
    plus = coset_values[..., 0] + coset_values[..., 1]
    minus = coset_values[..., 0] - coset_values[..., 1]
    return np.stack([d * plus * plus / 2, d * minus * minus / 2], axis=-1)


def _source_samples(d: int, label: tuple[int, int], rng) -> np.ndarray:
    """DIRECTIONS generic vectors of the isotypic component of ``label`` in R[D_d], shape (DIRECTIONS, 2d)."""
    j, eps = label
    t = np.arange(d)
    if eps == 0:  # rho_1: a_e cos + b_e sin on each coset, a_e, b_e ~ N(0, 1)
        angle = 2 * np.pi * t / d
        a, b = rng.normal(size=(2, DIRECTIONS, 2, 1))
        return (a * np.cos(angle) + b * np.sin(angle)).reshape(DIRECTIONS, 2 * d)
    wave = np.ones(d) if j == 0 else np.where(t % 2 == 0, 1.0, -1.0)
    scale = rng.normal(size=(DIRECTIONS, 1, 1))
    return (scale * np.stack([wave, eps * wave])).reshape(DIRECTIONS, 2 * d)


def _row(sigma, d: int, label: tuple[int, int], rng) -> np.ndarray:
    samples = _scaled(_source_samples(d, label, rng))
    values = _apply(sigma, samples)
    peak = np.abs(values).max(axis=-1, keepdims=True)  # strengths are ratios: keep squares finite
    values = values / np.where(peak > 0, peak, 1.0)
    return strengths_from_energies(quotient_energies(values.reshape(-1, 2, d)))


def dihedral_rows(n: int, sigma, rng) -> dict[tuple[int, int, int], np.ndarray]:
    """{(d, j, eps): strengths from the simple (j, eps) of D_d to every simple of D_d} for D_n.

    One key per kind of source (see the module docstring): (1, 0, +-1), (2, 1, +-1) for
    even n, and (d, 1, 0) for every divisor d >= 3 of n. Work about sum_{d | n} d log d.
    """
    rows = {(1, 0, 1): _row(sigma, 1, (0, 1), rng), (1, 0, -1): _row(sigma, 1, (0, -1), rng)}
    if n % 2 == 0:
        for eps in (1, -1):
            rows[(2, 1, eps)] = _row(sigma, 2, (1, eps), rng)
    for d in divisors(n):
        if d >= 3:
            rows[(d, 1, 0)] = _row(sigma, d, (1, 0), rng)
    return rows


class DihedralRows:
    """The edges of D_n's regular-module graph as one row per kind of source (module docstring).

    Args:
        group: the ``DihedralGroup``.
        rows: {(d, j, eps): (positions, strengths)}: the simples of D_d (indices into
            ``quotient_labels(d)``) that the source kind reaches, and their strengths.
    """

    def __init__(self, group, rows: dict[tuple[int, int, int], tuple[np.ndarray, np.ndarray]]) -> None:
        n = group.degree
        self._n = n
        self._rows = rows
        bands = np.array(group.bands, dtype=np.int64).reshape(-1, 2)  # id -> (k, eps), O(n)
        self._band, self._eps = bands[:, 0], bands[:, 1]
        self._rho_id = np.full(n // 2 + 1, -1, dtype=np.int64)  # k -> id of rho_k
        rho = np.flatnonzero(self._eps == 0)
        self._rho_id[self._band[rho]] = rho
        self._linear_id = {(int(k), int(e)): i for i, (k, e) in enumerate(bands.tolist()) if e != 0}
        # Each row's targets as (band j of D_d, eps) arrays, from its positions.
        self._targets_of = {}
        for key, (positions, _) in rows.items():
            labels = np.array(quotient_labels(key[0]), dtype=np.int64).reshape(-1, 2)
            self._targets_of[key] = labels[np.asarray(positions, dtype=np.int64)]
        self._sources = {key: self._sources_of(key) for key in rows}
        self.count = int(sum(self._sources[key].size * rows[key][0].size for key in rows))

    def _sources_of(self, key: tuple[int, int, int]) -> np.ndarray:
        d, _, eps = key
        if eps != 0:  # a 1-dim source: (0, eps) in D_1, (n/2, eps) in D_2
            source = self._linear_id.get((0 if d == 1 else self._n // 2, eps))
            return np.array([] if source is None else [source], dtype=np.int64)
        k = np.arange(1, (self._n + 1) // 2)
        return self._rho_id[k[self._n // np.gcd(self._n, k) == d]]

    @property
    def order(self) -> int:
        """n of D_n."""
        return self._n

    def frequency_rows(self) -> dict[int, np.ndarray]:
        """{d: C_d frequencies (0..d//2) that rho_1 of D_d reaches}, the 1-dim (j, eps) read as j.

        The rho part of a closure follows from these as for C_n (``cyclic_closures``): the
        1-dim simples sit at frequencies 0 and n/2 and lead only to each other.
        """
        rows = {}
        for (d, _, _), targets in self._targets_of.items():
            rows[d] = np.union1d(rows.get(d, np.zeros(0, dtype=np.int64)), targets[:, 0])
        return rows

    def rho_ids(self, frequencies: np.ndarray) -> np.ndarray:
        """Ids of rho_k for C_n frequencies 0 < k < n/2."""
        return self._rho_id[np.asarray(frequencies, dtype=np.int64)]

    def linear_targets(self, key) -> set[int]:
        """Ids of the 1-dim simples that the sources of ``key`` reach (the same for every source)."""
        if key not in self._rows or self._sources[key].size == 0:
            return set()
        targets = self._map(key, self._sources[key][:1])[0]
        return {int(t) for t in targets if self._eps[t] != 0}

    def linear_ids(self) -> list[int]:
        return sorted(self._linear_id.values())

    def key_of(self, vertex: int) -> tuple[int, int, int]:
        """The kind (d, j, eps) of a source (see ``dihedral_rows``)."""
        return self._key(vertex)

    def _key(self, vertex: int) -> tuple[int, int, int]:
        k, eps = int(self._band[vertex]), int(self._eps[vertex])
        if eps != 0:
            return (1, 0, eps) if k == 0 else (2, 1, eps)
        return (self._n // np.gcd(self._n, k), 1, 0)

    def _map(self, key, sources: np.ndarray) -> np.ndarray:
        """D_n ids of the row's targets for each source, shape (len(sources), row length)."""
        d = key[0]
        g = self._n // d
        j, eps = self._targets_of[key][:, 0], self._targets_of[key][:, 1]
        units = self._band[sources] // g if key[2] == 0 else np.ones(sources.size, dtype=np.int64)
        moved = (units[:, None] * j[None, :]) % d
        frequency = g * np.minimum(moved, d - moved)
        out = self._rho_id[np.where(eps == 0, frequency, 0)]
        for (band, sign), identifier in self._linear_id.items():  # at most four 1-dim simples
            top = band != 0  # (n/2, eps) of D_n is (d/2, eps) of D_d
            hit = (eps == sign) & ((j != 0) if top else (j == 0))
            out = np.where(hit[None, :], identifier, out)
        return out

    def row(self, vertex: int) -> tuple[np.ndarray, np.ndarray, None]:
        key = self._key(vertex)
        if key not in self._rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0), None
        targets = self._map(key, np.array([vertex], dtype=np.int64))[0]
        order = np.argsort(targets, kind="stable")
        return targets[order], self._rows[key][1][order], None

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        check_edge_count(self.count, MAX_EDGE_ARRAY, "its edge arrays")
        sources, targets, strengths = (
            [np.zeros(0, dtype=np.int64)],
            [np.zeros(0, dtype=np.int64)],
            [np.zeros(0)],
        )
        for key, (positions, row) in self._rows.items():
            ids = self._sources[key]
            if ids.size == 0 or positions.size == 0:
                continue
            sources.append(np.repeat(ids, positions.size))
            targets.append(self._map(key, ids).reshape(-1))
            strengths.append(np.tile(row, ids.size))
        store = EdgeArrays(np.concatenate(sources), np.concatenate(targets), np.concatenate(strengths))
        return store.arrays()
