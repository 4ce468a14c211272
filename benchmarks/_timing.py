"""Timing helpers: interleaved repeats so that machine noise hits both sides alike."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(
    function: Callable[[], object], *, repeats: int = 7, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Smallest time of ``repeats`` calls by ``clock`` (wall by default), in seconds (the least noisy)."""
    times = []
    for _ in range(repeats):
        start = clock()
        function()
        times.append(clock() - start)
    return min(times)


def best_cpu(function: Callable[[], object], repeats: int = 1) -> float:
    """Smallest CPU time (this process, ``time.process_time``) of ``repeats`` calls, in seconds."""
    return best_of(function, repeats=repeats, clock=time.process_time)


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
