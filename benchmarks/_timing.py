"""Timing helpers: interleaved repeats so that machine noise hits both sides alike."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(function: Callable[[], object], *, repeats: int = 7) -> float:
    """Smallest wall time of ``repeats`` calls, in seconds (the least noisy estimate)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def side_by_side(
    ours: Callable[[], object], baseline: Callable[[], object], *, repeats: int = 7
) -> tuple[float, float]:
    """Best times of ``ours`` and ``baseline``, alternating calls in one process."""
    ours(), baseline()  # warm caches, plans and lazy imports
    ours_times, base_times = [], []
    for _ in range(repeats):
        ours_times.append(best_of(ours, repeats=1))
        base_times.append(best_of(baseline, repeats=1))
    return min(ours_times), min(base_times)


def row(name: str, ours_s: float, baseline_s: float | None, baseline: str, note: str = "") -> dict:
    ratio = None if baseline_s in (None, 0) else ours_s / baseline_s
    return {
        "name": name,
        "ours_s": ours_s,
        "baseline_s": baseline_s,
        "baseline": baseline,
        "ratio": ratio,
        "note": note,
    }
