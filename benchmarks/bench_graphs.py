"""Interaction graphs: numeric C_n graphs vs a dense-projector implementation; condensed graphs.

The baseline is the straightforward method: sample every simple through its dense character
projector, apply the activation, and measure ||P_j sigma(v)||^2 = |sigma(v) P_j|^2 for every
target j with dense matrix products (BLAS). Projector construction is not timed. Both sides
use the same amplitudes, signs and number of directions, and the edge sets are checked equal.
For C_1024 the baseline's target loop is timed on 16 of the 513 targets and scaled (the full
loop is ~10 minutes of matrix products); the sampling part is timed in full.
"""

from __future__ import annotations

import math
import time

import numpy as np

from benchmarks._timing import best_of, row, side_by_side
from plrep import cyclic, cyclic_product, dense_projector, regular
from plrep.activations import activation
from plrep.graphs import THRESHOLD, Edge, condensed_graph, interaction_graph
from plrep.graphs._graph import MARGIN
from plrep.graphs._numeric import AMPLITUDES, DIRECTIONS, cyclic_rows


def dense_values(n: int, sigma, projectors, rng) -> np.ndarray:
    """sigma of the samples of every simple, shape (num_simples, samples, n)."""
    values = []
    for projector in projectors:
        samples = rng.normal(size=(DIRECTIONS, n)) @ projector
        samples /= np.abs(samples).max(axis=1, keepdims=True)
        scaled = np.concatenate([a * samples for a in AMPLITUDES])
        values.append(sigma(np.concatenate([scaled, -scaled])))
    return np.stack(values)


def dense_strengths(values: np.ndarray, projectors, targets) -> np.ndarray:
    """max over samples of ||P_j sigma(v)|| / ||sigma(v)||, shape (num_simples, len(targets))."""
    flat = values.reshape(-1, values.shape[-1])
    norms = (flat**2).sum(-1)
    keep = norms > 0  # sigma(v) = 0 (ReLU of a negative constant) says nothing
    result = np.zeros((flat.shape[0], len(targets)))
    for column, j in enumerate(targets):
        parts = flat[keep] @ projectors[j]
        result[keep, column] = np.sqrt((parts**2).sum(-1) / norms[keep])
    return result.reshape(values.shape[0], values.shape[1], -1).max(axis=1)


def projectors_of(n: int) -> list[np.ndarray]:
    return [dense_projector(cyclic(n), k) for k in range(n // 2 + 1)]


def numeric_vs_dense(n: int) -> dict:
    sigma, projectors = activation("relu"), projectors_of(n)
    targets = range(len(projectors))

    def baseline():
        values = dense_values(n, sigma, projectors, np.random.default_rng(0))
        return dense_strengths(values, projectors, targets) > THRESHOLD

    adjacency = baseline()
    assert {(int(i), int(j)) for i, j in zip(*np.nonzero(adjacency), strict=True)} == interaction_graph(
        f"C{n}", sigma
    ).edge_set
    ours, base = side_by_side(lambda: interaction_graph(f"C{n}", sigma), baseline, repeats=3)
    return row(
        f"numeric ReLU graph of C_{n}",
        ours,
        base,
        "dense character projectors + BLAS (prebuilt, not timed)",
        "same samples per simple; same edges",
    )


def numeric_vs_dense_1024(subset: int = 16) -> dict:
    n, sigma = 1024, activation("relu")
    projectors = projectors_of(n)  # 4.3 GB of float64
    start = time.perf_counter()
    values = dense_values(n, sigma, projectors, np.random.default_rng(0))
    sampling = time.perf_counter() - start
    targets = np.linspace(0, n // 2, subset).astype(int)
    start = time.perf_counter()
    strengths = dense_strengths(values, projectors, targets)
    loop = (time.perf_counter() - start) * len(projectors) / subset
    ours_graph = interaction_graph(f"C{n}", sigma)
    expected = {(i, int(j)) for i, j in ours_graph.edge_set if j in set(targets.tolist())}
    found = {(int(i), int(targets[c])) for i, c in zip(*np.nonzero(strengths > THRESHOLD), strict=True)}
    assert found == expected
    del projectors
    ours = best_of(lambda: interaction_graph(f"C{n}", sigma), repeats=3)
    return row(
        "numeric ReLU graph of C_1024",
        ours,
        sampling + loop,
        "dense character projectors + BLAS (prebuilt, not timed)",
        f"target < 5 s; baseline target loop timed on {subset} of 513 targets and scaled; same edges there",
    )


def quotient_vs_generic(n: int) -> dict:
    sigma = activation("relu")
    ours, base = side_by_side(
        lambda: interaction_graph(f"C{n}", sigma),
        lambda: interaction_graph(regular(cyclic(n)), sigma),
        repeats=3,
    )
    return row(
        f"numeric ReLU graph of C_{n}: quotient path vs generic FFT path",
        ours,
        base,
        "plrep's group-agnostic path (projected Gaussians, FFT per simple)",
        "same edges (tested); the quotient path samples C_d once per divisor d",
    )


def _former_cyclic_strengths(n: int, sigma, rng) -> np.ndarray:
    """The former dense path (removed from plrep as dead code): (n/2 + 1)^2 strengths from the rows.

    The row of L_{u n/d} (u a unit mod d, u <= d/2) is the row of L_1 of C_d with C_d frequency
    j' moved to u j' (up to sign), and C_d frequency j' is C_n frequency j' n / d.
    """
    strengths = np.zeros((n // 2 + 1, n // 2 + 1))
    for d, order_row in cyclic_rows(n, sigma, rng).items():
        units = np.array([u for u in range(1, d // 2 + 1) if math.gcd(u, d) == 1] if d > 2 else [d - 1])
        mapped = (units[:, None] * np.arange(d // 2 + 1)) % d
        mapped = np.minimum(mapped, d - mapped) * (n // d)  # frequency in C_n, canonical sign
        strengths[(units[:, None] * (n // d)) % n, mapped] = order_row
    return strengths


def rows_vs_dense_edges(n: int) -> dict:
    """Per-order rows (edges on demand) vs the former path: dense strengths + one Edge per edge."""
    sigma = activation("relu")

    def former():
        strengths = _former_cyclic_strengths(n, sigma, np.random.default_rng(0))
        is_edge = strengths >= THRESHOLD * MARGIN
        return tuple(
            Edge(int(i), int(j), float(strengths[i, j])) for i, j in zip(*np.nonzero(is_edge), strict=True)
        )

    graph = interaction_graph(f"C{n}", sigma)
    assert graph.edge_set == {(e.source, e.target) for e in former()}
    ours, base = side_by_side(lambda: interaction_graph(f"C{n}", sigma), former, repeats=3)
    return row(
        f"numeric ReLU graph of C_{n}: per-order rows vs dense matrix + Edge objects",
        ours,
        base,
        "former path: (n/2+1)^2 strengths, one Python Edge per edge",
        f"{graph.num_edges} edges, same edge set; Edge objects now built only on demand",
    )


def products_vs_generic(n: int, m: int) -> dict:
    sigma = activation("relu")
    group = cyclic_product(n, m)
    assert interaction_graph(group, sigma).edge_set == interaction_graph(regular(group), sigma).edge_set
    ours, base = side_by_side(
        lambda: interaction_graph(group, sigma), lambda: interaction_graph(regular(group), sigma), repeats=1
    )
    return row(
        f"numeric ReLU graph of C_{n} x C_{m}: per-order rows vs generic path",
        ours,
        base,
        "projected Gaussians per simple, FFT energies, dense strengths",
        "same edges (checked here and in tests)",
    )


def absolute(name: str, function, note: str) -> dict:
    start = time.perf_counter()
    function()
    return row(name, time.perf_counter() - start, None, "none (absolute time)", note)


def run() -> list[dict]:
    return [
        numeric_vs_dense(64),
        numeric_vs_dense(256),
        numeric_vs_dense_1024(),
        quotient_vs_generic(1024),
        absolute(
            "numeric ReLU graph of C_4096 (the former size cap)",
            lambda: interaction_graph("C4096", "relu"),
            "",
        ),
        rows_vs_dense_edges(4096),
        absolute(
            "numeric ReLU graph of C_65536",
            lambda: interaction_graph("C65536", "relu"),
            "target < 30 s; 32,769 vertices, 357,979,478 edges kept as 17 per-order rows",
        ),
        products_vs_generic(32, 32),
        absolute(
            "numeric ReLU graph of C_128 x C_128 (an image)",
            lambda: interaction_graph("C128xC128", "relu"),
            "8,256 vertices; every row from 8 per-order sample sets",
        ),
        absolute(
            "condensed ReLU graph of C_(10^12)", lambda: condensed_graph(10**12, "relu"), "target < 1 s"
        ),
        absolute(
            "condensed ReLU graph of C_963761198400",
            lambda: condensed_graph(963_761_198_400, "relu"),
            "6720 divisors, 1.45 million condensed edges: the most divisors of any n <= 10^12",
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(result)
