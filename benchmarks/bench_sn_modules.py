"""S_n permutation modules by the simples they hold (issue 26, item 2): before and after.

Each case runs in a fresh Python process (imports, group, G-set and graph included) and is timed
by that process's CPU seconds (user + system, from ``resource``) and its peak memory, once with
this checkout and once with a baseline tree (``--baseline DIR``, e.g. the previous main
exported with ``git archive``), interleaved case by case so that both see the same machine load.

    .venv/bin/python -m benchmarks.bench_sn_modules --baseline /tmp/main-tree
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

CASES = [
    ("graph", "S40:natural^2"),
    ("graph", "S50:natural^2"),
    ("graph", "S100:natural^2"),
    ("graph", "S1000:natural^2"),
    ("graph", "S50:subsets^2"),
    ("graph", "S1000:subsets^2"),
    ("multiplicities", "S50:natural^3"),
    ("multiplicities", "S1000:natural^2"),
]

_CHILD = r"""
import json, resource, sys, warnings
job, spec = sys.argv[1], sys.argv[2]
try:
    if job == "graph":
        from plrep.graphs import interaction_graph
        graph = interaction_graph(spec, "relu")
        nu = {v.id: v.partition[1:] for v in graph.vertices}
        result = sorted(str((nu[s], nu[t])) for s, t in graph.edge_set)
    else:
        from plrep.decomposition import multiplicities
        result = [int(m) for m in multiplicities(spec) if m]
    error = None
    import plrep
    assert plrep.__file__.startswith(sys.argv[3]), plrep.__file__
except Exception as exc:  # the baseline refuses large n: recorded, not raised
    result, error = None, f"{type(exc).__name__}: {str(exc)[:160]}"
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "result": result, "error": error}))
"""


def run_case(job: str, spec: str, tree: Path | None) -> dict:
    # `python -c` puts the working directory first on sys.path: run in the tree to be timed
    root = Path(__file__).resolve().parents[1] if tree is None else tree.resolve()
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", _CHILD, job, spec, str(root)],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a tree of the previous code (its plrep/ is imported)")
    parser.add_argument("--cases", default="all", help="comma-separated specs, or 'all'")
    args = parser.parse_args(argv)
    chosen = [c for c in CASES if args.cases == "all" or c[1] in args.cases.split(",")]
    print("| job | spec | this tree CPU s | peak MB | baseline CPU s | peak MB | same result |")
    print("|---|---|---|---|---|---|---|")
    for job, spec in chosen:
        ours = run_case(job, spec, None)
        base = run_case(job, spec, args.baseline) if args.baseline else None
        base_cells = ["–", "–", "–"]
        if base is not None:
            same = "refused: " + base["error"] if base["error"] else str(base["result"] == ours["result"])
            base_cells = [f"{base['cpu_s']:.2f}", f"{base['peak_mb']:.0f}", same]
        ours_cpu = f"{ours['cpu_s']:.2f}" if ours["error"] is None else "error: " + ours["error"]
        cells = [job, spec, ours_cpu, f"{ours['peak_mb']:.0f}", *base_cells]
        print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
