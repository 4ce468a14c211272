"""Edge sets of interaction graphs as arrays; Python ``Edge`` objects are made only on demand.

Two stores share one small protocol (``count``, ``row(vertex)``, ``arrays()``):

* ``EdgeArrays``: explicit (sources, targets, strengths[, reach]) arrays sorted by
  (source, target); rows are slices found by binary search.
* ``GaloisRows`` (abelian groups, regular module or C_n G-sets): one row per order d. A vector
  of a simple L_xi of order d is a function of t = d <xi, x> mod d, so sigma of it is a function
  on C_d: the source L_xi reaches L_{j xi} (j = 0..d//2, distinct simples) with the strength
  that L_1 of C_d has towards frequency j. Storing the row of each order is enough; a source's
  targets are j * xi, computed when asked. C_65536 with ReLU has ~2.7e8 edges (6.5 GB as
  int64/float64 arrays) but its rows take 17 arrays of at most 32,769 entries.

Materialising every edge is refused beyond ``MAX_EDGE_ARRAY`` (arrays) and
``MAX_EDGE_OBJECTS`` (``Edge`` objects), from the edge count alone, before allocating.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MAX_EDGE_ARRAY", "MAX_EDGE_OBJECTS", "EdgeArrays", "GaloisRows", "check_edge_count"]

# Edges materialised as arrays at once: int64 source and target, float64 strength and a sort
# permutation, about 32 bytes per edge: 2^24 edges ~ 512 MiB.
MAX_EDGE_ARRAY = 2**24
# ``Edge`` objects of ``graph.edges`` (~150 bytes each with their float): 2^22 ~ 600 MiB, the
# dense C_4096 graph of the former cap.
MAX_EDGE_OBJECTS = 2**22


def check_edge_count(count: int, limit: int, what: str) -> None:
    """Refuse to materialise ``count`` edges beyond ``limit`` (one line, naming the way out)."""
    if count > limit:
        raise ValueError(
            f"`graph` must have at most {limit} edges for {what}, got {count} edges instead; "
            "use graph.num_edges, graph.edges_from(vertex) or graph.successors(vertex), which read "
            "one row at a time"
        )


class EdgeArrays:
    """Explicit edge arrays, sorted by (source, target)."""

    def __init__(self, sources, targets, strengths, reach: tuple[str, ...] | None = None) -> None:
        sources = np.asarray(sources, dtype=np.int64).reshape(-1)
        targets = np.asarray(targets, dtype=np.int64).reshape(-1)
        strengths = np.asarray(strengths, dtype=np.float64).reshape(-1)
        order = np.lexsort((targets, sources))
        self.sources, self.targets, self.strengths = sources[order], targets[order], strengths[order]
        for array in (self.sources, self.targets, self.strengths):
            array.setflags(write=False)
        self.reach = None if reach is None else tuple(reach[i] for i in order.tolist())
        self.count = int(self.sources.size)

    @classmethod
    def from_edges(cls, edges) -> EdgeArrays:
        """From ``Edge``-like objects (source, target, strength, reach)."""
        edges = tuple(edges)
        reach = tuple(e.reach for e in edges)
        return cls(
            [e.source for e in edges],
            [e.target for e in edges],
            [e.strength for e in edges],
            None if all(r is None for r in reach) else reach,
        )

    def row(self, vertex: int) -> tuple[np.ndarray, np.ndarray, tuple | None]:
        start, stop = np.searchsorted(self.sources, [vertex, vertex + 1])
        reach = None if self.reach is None else self.reach[start:stop]
        return self.targets[start:stop], self.strengths[start:stop], reach

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.sources, self.targets, self.strengths


class GaloisRows:
    """The edges of an abelian group's graph as one row per order (see the module docstring).

    Args:
        group: the ``CyclicProduct``.
        rows: {order d: (j, strengths)}, the C_d frequencies j (0 <= j <= d//2) that a source
            of order d reaches and their strengths.
        present: ids of the vertices (sources and targets), or None for every simple.
    """

    def __init__(self, group, rows: dict[int, tuple[np.ndarray, np.ndarray]], present=None) -> None:
        self._group = group
        self._rows = rows
        self._orders = np.asarray(group.simple_orders, dtype=np.int64)
        self._mask = None
        if present is not None:
            self._mask = np.zeros(group.num_simples, dtype=bool)
            self._mask[np.asarray(present, dtype=np.int64)] = True
        self._sources = {
            d: np.flatnonzero((self._orders == d) if self._mask is None else (self._orders == d) & self._mask)
            for d in rows
        }
        # Targets j * xi of a present source are present too (a G-set's simples are closed
        # under taking multiples), so the count needs no per-edge check.
        self.count = int(sum(self._sources[d].size * rows[d][0].size for d in rows))

    @property
    def is_cyclic(self) -> bool:
        """Whether the group is one cyclic group C_n (ids = frequencies 0..n/2)."""
        return bool(self._group.is_cyclic_spec)

    @property
    def order(self) -> int:
        return int(self._group.order)

    @property
    def rows(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """{order d: (C_d frequencies reached by L_1 of C_d, strengths)}."""
        return self._rows

    def sources_of_order(self, d: int) -> np.ndarray:
        """Ids of the present simples of order d."""
        return self._sources.get(d, np.zeros(0, dtype=np.int64))

    def _targets(self, sources: np.ndarray, multiples: np.ndarray) -> np.ndarray:
        """Simple ids of j * xi_source, shape (len(sources), len(multiples))."""
        if self._group.is_cyclic_spec:
            n = self._group.order
            product = (sources[:, None] * multiples[None, :]) % n  # xi = id for C_n
            return np.minimum(product, n - product)
        xi = self._group.simple_frequencies[sources]  # (s, r)
        return self._group.simple_ids(multiples[None, :, None] * xi[:, None, :])

    def row(self, vertex: int) -> tuple[np.ndarray, np.ndarray, None]:
        multiples, strengths = self._rows[int(self._orders[vertex])]
        targets = self._targets(np.array([vertex], dtype=np.int64), multiples)[0]
        order = np.argsort(targets, kind="stable")
        return targets[order], strengths[order], None

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        check_edge_count(self.count, MAX_EDGE_ARRAY, "its edge arrays")
        sources, targets, strengths = [], [], []
        for d, (multiples, row) in self._rows.items():
            ids = self._sources[d]
            if ids.size == 0 or multiples.size == 0:
                continue
            sources.append(np.repeat(ids, multiples.size))
            targets.append(self._targets(ids, multiples).reshape(-1))
            strengths.append(np.tile(row, ids.size))
        if not sources:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        store = EdgeArrays(np.concatenate(sources), np.concatenate(targets), np.concatenate(strengths))
        return store.arrays()
