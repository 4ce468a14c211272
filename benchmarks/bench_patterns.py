"""hom_basis of S_n on tuples with k + l = 5 (issue 26): build + one apply, pattern path vs labels.

The pattern path (``PatternBasis.apply``) never forms the labels or W. The baseline is the
label path of the same maps: the labels (``hom_basis(...).labels``, the only way before issue
26), W = c[labels] and W x, which runs up to n = 28 for k + l = 5 (29^5 entries pass the 2 GiB
working-memory cap of the labelling). Times are CPU seconds (``time.process_time``, best of
``repeats``, the two sides interleaved); peak memory is what numpy allocates during one call
(``tracemalloc``, a separate untimed call).

    PYTHONPATH=. .venv/bin/python -m benchmarks.bench_patterns
"""

from __future__ import annotations

import tracemalloc

import numpy as np

from benchmarks._timing import best_cpu
from plrep.equivariant import hom_basis


def _peak_mib(function) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _pattern(n: int, k: int, l: int, c: np.ndarray, x: np.ndarray):  # noqa: E741
    return lambda: hom_basis(f"S{n}", k, l).apply(c, x)


def _labels(n: int, k: int, l: int, c: np.ndarray, x: np.ndarray):  # noqa: E741
    return lambda: c[hom_basis(f"S{n}", k, l).labels] @ x


def _inputs(n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.normal(size=52), rng.normal(size=n**k)


def same_n(n: int, k: int, l: int, repeats: int = 3) -> dict:  # noqa: E741
    """Both paths at one n (where the labels still fit), same coefficients and input."""
    c, x = _inputs(n, k)
    ours, base = _pattern(n, k, l, c, x), _labels(n, k, l, c, x)
    difference = float(np.abs(ours() - base()).max())
    ours_s, base_s = [], []
    for _ in range(repeats):  # interleaved: load on the shared machine hits both sides alike
        ours_s.append(best_cpu(ours, 1))
        base_s.append(best_cpu(base, 1))
    peaks = _peak_mib(ours), _peak_mib(base)
    return {
        "name": f"hom_basis S_{n}, K = {k}, L = {l}: build + one apply (x of {n}^{k}), CPU s",
        "ours_s": min(ours_s),
        "baseline_s": min(base_s),
        "baseline": "label path: hom_basis(...).labels, W = c[labels], W @ x",
        "ratio": min(ours_s) / min(base_s),
        "note": f"peak {peaks[0]:.1f} MiB vs {peaks[1]:.0f} MiB (tracemalloc); max |difference| {difference:.1e}",
    }


def s64(k: int, l: int, repeats: int = 3) -> dict:  # noqa: E741
    """The pattern path at S_64, beside the label path at S_28 (the largest n it runs at)."""
    c, x = _inputs(64, k)
    c28, x28 = _inputs(28, k)
    ours, base = _pattern(64, k, l, c, x), _labels(28, k, l, c28, x28)
    ours_s = best_cpu(ours, repeats)
    base_s = best_cpu(base, 1)
    peaks = _peak_mib(ours), _peak_mib(base)
    return {
        "name": f"hom_basis S_64, K = {k}, L = {l}: build + one apply (x of 64^{k}), CPU s",
        "ours_s": ours_s,
        "baseline_s": base_s,
        "baseline": "label path at S_28 (S_64 refused: 64^5 labels); labels, W = c[labels], W @ x",
        "ratio": ours_s / base_s,
        "note": f"different n (ratio not like for like); peak {peaks[0]:.1f} MiB vs {peaks[1]:.0f} MiB at S_28 (tracemalloc)",
    }


def run() -> list[dict]:
    rows = [same_n(16, 3, 2), same_n(28, 3, 2)]
    rows += [s64(k, 5 - k) for k in (3, 2, 4, 1)]
    return rows


if __name__ == "__main__":
    for result in run():
        print(
            f"{result['name']}: ours {result['ours_s']:.4g} s, baseline {result['baseline_s']:.4g} s, "
            f"ratio {result['ratio']:.3g}\n    baseline: {result['baseline']}; {result['note']}",
            flush=True,
        )
