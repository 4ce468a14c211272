"""Decomposition speed: FFT energies vs a bare rfft, vs dense projectors; C_{2^20} set-up."""

from __future__ import annotations

import resource
import time

import numpy as np

from benchmarks._timing import row, side_by_side
from plrep import cyclic, decompose, dense_projector, energies, regular


def energies_vs_bare_rfft() -> dict:
    x = np.random.default_rng(0).normal(size=(1024, 4096))
    group = cyclic(4096)
    ours, base = side_by_side(lambda: energies(group, x), lambda: np.fft.rfft(x))
    return row(
        "energies per simple, C_4096, batch 1024 (float64)",
        ours,
        base,
        "numpy.fft.rfft of the same batch",
        "target: ratio <= 1.5",
    )


def fft_vs_dense_projectors(n: int = 512) -> dict:
    x = np.random.default_rng(1).normal(size=(64, n))
    group = cyclic(n)
    projectors = np.stack([dense_projector(group, k) for k in range(n // 2 + 1)])

    def dense():
        return np.einsum("kxy,by->bkx", projectors, x, optimize=True)

    ours, base = side_by_side(lambda: decompose(group, x).components(), dense, repeats=3)
    return row(
        f"all isotypic components, C_{n}, batch 64",
        ours,
        base,
        "dense character projectors (prebuilt, einsum)",
        "projector construction not timed",
    )


def huge_cyclic_group() -> dict:
    n = 2**20
    start = time.perf_counter()
    group = cyclic(n)
    gset = regular(group)
    energy = energies(gset, np.cos(2 * np.pi * 3 * np.arange(n) / n))
    elapsed = time.perf_counter() - start
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    assert np.isclose(energy[3], n / 2)
    return row(
        "build C_(2^20), its regular module and decompose one signal",
        elapsed,
        None,
        "none (absolute time)",
        f"peak RSS of the benchmark process so far {peak_gib:.2f} GiB",
    )


def run() -> list[dict]:
    return [energies_vs_bare_rfft(), fft_vs_dense_projectors(), huge_cyclic_group()]


if __name__ == "__main__":
    for result in run():
        print(result)
