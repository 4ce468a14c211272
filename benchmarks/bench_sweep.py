"""Sweeps: a composition cell's seeds vmapped in one jit vs a loop over seeds; a graph grid locally vs on Ray.

Run standalone with ``python -m benchmarks.bench_sweep``. Both sides of each row run in this
one process, alternating. The composition row needs ``plrep.nn.train_composition`` (issue
23) and the Ray row ``plrep[ray]``; a row whose side is missing is reported as skipped.

- vmapped vs loop: ``train_composition(group, seeds=(0..S-1))`` (one jitted call, seeds as a
  batch axis) against ``S`` calls ``train_composition(group, seeds=(s,))``, the way a shell
  loop over one-seed runs trains them (here without the per-process start-up, which would
  only add to the loop's time). Each call includes its own tracing and compilation.
- Ray vs local: ``examples/sweeps/graphs.toml`` with ``run_sweep`` on a local Ray instance
  (``num_cpus`` = the CPU count, started before timing) against local worker processes
  (``--workers`` = the CPU count); each run into a fresh directory, so every cell is computed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks._timing import row

GRAPH_GRID = Path(__file__).resolve().parent.parent / "examples" / "sweeps" / "graphs.toml"
SEEDS = 8
COMPOSITION = {
    "train_fraction": 0.4,
    "embed_dim": 64,
    "hidden": 64,
    "steps": 500,
    "learning_rate": 1e-3,
    "weight_decay": 1.0,
}
GROUP = "S4"


def _best(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def vmapped_vs_loop(repeats: int = 2) -> dict:
    try:
        from plrep.nn import train_composition
    except ImportError:
        return row(
            f"composition {GROUP}, {SEEDS} seeds: vmapped vs loop",
            float("nan"),
            None,
            "loop",
            "skipped: no plrep.nn.train_composition",
        )

    def vmapped():
        train_composition(GROUP, seeds=tuple(range(SEEDS)), progress=False, **COMPOSITION)

    def loop():
        for seed in range(SEEDS):
            train_composition(GROUP, seeds=(seed,), progress=False, **COMPOSITION)

    ours, base = [], []
    for _ in range(repeats):  # alternating, so that machine noise hits both alike
        ours.append(_best(vmapped, 1))
        base.append(_best(loop, 1))
    settings = ", ".join(f"{k} {v}" for k, v in COMPOSITION.items())
    return row(
        f"composition {GROUP}, {SEEDS} seeds: vmapped in one jit vs a loop over seeds",
        min(ours),
        min(base),
        f"{SEEDS} one-seed calls",
        f"{settings}; compile included on both sides",
    )


def ray_vs_local(repeats: int = 2) -> dict:
    from plrep.sweep import load_grid, run_sweep

    name = "graph grid (examples/sweeps/graphs.toml, 24 cells): Ray vs local processes"
    try:
        import ray
    except ImportError:
        return row(name, float("nan"), None, "local", "skipped: Ray not installed (plrep[ray])")
    cores = os.cpu_count() or 1
    grid = load_grid(GRAPH_GRID)
    scratch = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=cores, include_dashboard=False, log_to_driver=False)
    try:
        counter = iter(range(10**6))

        def fresh() -> Path:
            return scratch / f"run{next(counter)}"

        ours, base = [], []
        run_sweep(grid, fresh(), engine="ray", progress=False)  # warm: Ray's workers start
        for _ in range(repeats):
            ours.append(_best(lambda: run_sweep(grid, fresh(), engine="ray", progress=False), 1))
            base.append(_best(lambda: run_sweep(grid, fresh(), workers=cores, progress=False), 1))
    finally:
        if started:
            ray.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
    return row(name, min(ours), min(base), f"--workers {cores}", f"Ray started before timing, {cores} CPUs")


def run() -> list[dict]:
    return [vmapped_vs_loop(), ray_vs_local()]


if __name__ == "__main__":
    for result in run():
        print(result)
