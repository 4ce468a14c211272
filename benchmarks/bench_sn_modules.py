"""S_n permutation modules by the simples they hold (issue 26, item 2): before and after.

Each case runs in a fresh Python process (imports, group, G-set and graph included) and is timed
by that process's CPU seconds (user + system, from ``resource``) and its peak memory, once with
this checkout and once with a baseline, interleaved case by case so that both see the same
machine load. "same result" compares the edge sets relabelled by the boxes below the first row
(lambda = (n - |nu|, nu)); "max strength diff" is the largest relative difference of the edge
strengths, and the largest non-edge of each side is listed.

Two baselines:

* ``--baseline DIR``: a tree of the previous code (e.g. main exported with ``git archive``),
  whose ``plrep/`` is imported from its own directory;
* ``--previous-method`` (and ``make bench``, through ``run()``): this tree with the method the
  large cases had before issue 26's second item, the Krylov polynomials of the transposition
  sum (``_central.CentralParts``) instead of the closed forms of ``_pairs`` and all ten sample
  amplitudes for positively homogeneous activations.

    .venv/bin/python -m benchmarks.bench_sn_modules --baseline /tmp/main-tree
    .venv/bin/python -m benchmarks.bench_sn_modules --previous-method --cases S1000:natural^2
    .venv/bin/python -m benchmarks.bench_sn_modules --baseline /tmp/main-tree --cases S60:natural^2 \\
        --activations abs,tanh
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

# (job, spec, activation)
CASES = [
    ("graph", "S40:natural^2", "relu"),
    ("graph", "S50:natural^2", "relu"),
    ("graph", "S60:natural^2", "relu"),
    ("graph", "S100:natural^2", "relu"),
    ("graph", "S300:natural^2", "relu"),
    ("graph", "S1000:natural^2", "relu"),
    ("graph", "S1000:natural^2", "softplus"),
    ("graph", "S50:subsets^2", "relu"),
    ("graph", "S60:subsets^2", "relu"),
    ("graph", "S100:subsets^2", "relu"),
    ("graph", "S300:subsets^2", "relu"),
    ("graph", "S1000:subsets^2", "relu"),
    ("multiplicities", "S50:natural^3", ""),
    ("multiplicities", "S1000:natural^2", ""),
]
# what `make bench` reruns against the previous method (the two commands of the target)
MAKE_BENCH_CASES = [c for c in CASES if c[1] in ("S1000:natural^2", "S1000:subsets^2") and c[2] == "relu"]

_CHILD = r"""
import json, resource, sys, warnings
job, spec, name, root, previous = sys.argv[1:6]
try:
    if previous == "1":  # the method before the closed forms, in this very tree
        import plrep.decomposition._central as central
        import plrep.graphs._numeric as numeric
        central.uses_pairs = lambda gset: False
        numeric.sample_amplitudes = lambda sigma: numeric.AMPLITUDES
    if job == "graph":
        from plrep.graphs import interaction_graph
        graph = interaction_graph(spec, name)
        nu = {v.id: v.partition[1:] for v in graph.vertices}
        result = sorted(str((nu[s], nu[t])) for s, t in graph.edge_set)
        strengths = {str((nu[e.source], nu[e.target])): e.strength for e in graph.edges}
        residual = graph.max_non_edge
    else:
        from plrep.decomposition import multiplicities
        result, strengths, residual = [int(m) for m in multiplicities(spec) if m], {}, None
    error = None
    import plrep
    assert plrep.__file__.startswith(root), plrep.__file__
except Exception as exc:  # the baseline refuses large n: recorded, not raised
    result, strengths, residual, error = None, {}, None, f"{type(exc).__name__}: {str(exc)[:160]}"
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "result": result, "strengths": strengths, "residual": residual, "error": error}))
"""

HERE = Path(__file__).resolve().parents[1]


def run_case(job: str, spec: str, name: str, tree: Path | None, previous: bool = False) -> dict:
    # `python -c` puts the working directory first on sys.path: run in the tree to be timed
    root = HERE if tree is None else tree.resolve()
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", _CHILD, job, spec, name, str(root), "1" if previous else "0"],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(ours: dict, base: dict) -> tuple[str, str]:
    """("same result" cell, "max strength diff" cell) of two runs of one case."""
    if base["error"]:
        return "refused: " + base["error"], "–"
    same = base["result"] == ours["result"]
    common = set(ours["strengths"]) & set(base["strengths"])
    if not common:
        return str(same), "–"
    diff = max(abs(ours["strengths"][k] - base["strengths"][k]) / base["strengths"][k] for k in common)
    return str(same), f"{diff:.1e}"


def _residual(run: dict) -> str:
    return "–" if run["residual"] is None else f"{run['residual']:.1e}"


def run() -> list[dict]:
    """``make bench``: the issue's two S1000 commands against the previous method, CPU seconds."""
    from benchmarks._timing import row

    rows = []
    for job, spec, name in MAKE_BENCH_CASES:
        ours = run_case(job, spec, name, None)
        base = run_case(job, spec, name, None, previous=True)
        same, diff = compare(ours, base)
        note = (
            f"CPU s of a fresh process (imports included), not wall, measured {time.strftime('%Y-%m-%d')}; "
            f"same edges: {same}, max relative "
            f"strength difference {diff}, largest non-edge {_residual(ours)} (previous {_residual(base)}); "
            f"peak {ours['peak_mb']:.0f} MB (previous {base['peak_mb']:.0f} MB); target <= 5 CPU s"
        )
        rows.append(
            row(
                f'interaction_graph("{spec}", "{name}"), fresh process',
                ours["cpu_s"],
                base["cpu_s"],
                "same tree, previous method (Krylov polynomials of the transposition sum, ten amplitudes)",
                note,
            )
        )
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a tree of the previous code (its plrep/ is imported)")
    parser.add_argument(
        "--previous-method", action="store_true", help="baseline: this tree with the previous method"
    )
    parser.add_argument(
        "--cases", default="all", help="comma-separated specs (spec or spec/activation), or 'all'"
    )
    parser.add_argument("--activations", help="comma-separated activations for every chosen graph spec")
    args = parser.parse_args(argv)
    wanted = args.cases.split(",")
    chosen = [c for c in CASES if args.cases == "all" or c[1] in wanted or f"{c[1]}/{c[2]}" in wanted]
    if args.activations:  # each chosen graph spec once per activation instead of its own
        specs = dict.fromkeys(spec for job, spec, _ in chosen if job == "graph")
        chosen = [("graph", spec, name) for spec in specs for name in args.activations.split(",")]
    has_base = args.baseline is not None or args.previous_method
    print(
        "| job | spec | activation | after: CPU s | peak MB | largest non-edge | before: CPU s | peak MB "
        "| largest non-edge | same result | max strength diff |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for job, spec, name in chosen:
        ours = run_case(job, spec, name, None)
        base = run_case(job, spec, name, args.baseline, args.previous_method) if has_base else None
        base_cells = ["–"] * 5
        if base is not None:
            base_cpu = "–" if base["error"] else f"{base['cpu_s']:.2f}"
            base_cells = [base_cpu, f"{base['peak_mb']:.0f}", _residual(base), *compare(ours, base)]
        ours_cpu = f"{ours['cpu_s']:.2f}" if ours["error"] is None else "error: " + ours["error"]
        cells = [job, spec, name or "–", ours_cpu, f"{ours['peak_mb']:.0f}", _residual(ours), *base_cells]
        print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
