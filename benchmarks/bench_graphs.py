"""Interaction graphs: numeric C_n graphs vs a dense-projector implementation; condensed 10^12."""

from __future__ import annotations

import time

import numpy as np

from benchmarks._timing import row, side_by_side
from plrep import cyclic, dense_projector
from plrep.activations import activation
from plrep.graphs import THRESHOLD, condensed_graph, interaction_graph
from plrep.graphs_numeric import AMPLITUDES, DIRECTIONS


def dense_numeric_graph(n: int, sigma, projectors: np.ndarray, rng) -> set[tuple[int, int]]:
    """The straightforward method: sample each simple with its dense projector, apply sigma,
    project onto every simple with the dense projectors, threshold the relative norms."""
    edges = set()
    for i, projector in enumerate(projectors):
        samples = rng.normal(size=(DIRECTIONS, n)) @ projector.T
        samples /= np.abs(samples).max(axis=1, keepdims=True)
        scaled = np.concatenate([a * samples for a in AMPLITUDES])
        values = sigma(np.concatenate([scaled, -scaled]))
        parts = np.einsum("jxy,sy->sjx", projectors, values)
        norms = (values**2).sum(-1, keepdims=True)
        keep = norms[:, 0] > 0  # sigma(v) = 0 (e.g. ReLU of a negative constant) says nothing
        strength = np.sqrt((parts[keep] ** 2).sum(-1) / norms[keep]).max(0)
        edges |= {(i, int(j)) for j in np.flatnonzero(strength > THRESHOLD)}
    return edges


def numeric_vs_dense(n: int) -> dict:
    sigma = activation("relu")
    projectors = np.stack([dense_projector(cyclic(n), k) for k in range(n // 2 + 1)])
    ours_edges = interaction_graph(f"C{n}", sigma).edge_set
    assert dense_numeric_graph(n, sigma, projectors, np.random.default_rng(0)) == ours_edges
    ours, base = side_by_side(
        lambda: interaction_graph(f"C{n}", sigma),
        lambda: dense_numeric_graph(n, sigma, projectors, np.random.default_rng(0)),
        repeats=3,
    )
    return row(
        f"numeric ReLU graph of C_{n}",
        ours,
        base,
        "dense character projectors (prebuilt, not timed)",
        "same samples per simple; same edges",
    )


def absolute(name: str, function, note: str) -> dict:
    start = time.perf_counter()
    function()
    return row(name, time.perf_counter() - start, None, "none (absolute time)", note)


def run() -> list[dict]:
    return [
        numeric_vs_dense(64),
        numeric_vs_dense(256),
        absolute("numeric ReLU graph of C_1024", lambda: interaction_graph("C1024", "relu"), "target < 5 s"),
        absolute(
            "condensed ReLU graph of C_(10^12)", lambda: condensed_graph(10**12, "relu"), "target < 1 s"
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(result)
