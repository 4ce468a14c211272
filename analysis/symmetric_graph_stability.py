"""Stability in n of the interaction graphs of S_n on pairs (and triples), labelled by partitions.

For each n the simples of R^{X^K} are S^lambda with lambda = (n - |nu|, nu), |nu| <= K; the
script labels each vertex by nu and draws, for n = 3..12 and 20, 30, which edges nu -> nu' the
activation has (numeric method; n >= 9 uses the central-element backend, no group elements).
Once n >= 2K the graphs coincide: the picture is one column pattern repeated. Writes a PNG and
the JSON data behind it.

Usage: python analysis/symmetric_graph_stability.py [--activation relu] [--k 2]
       [--ns 3,4,5,6,7,8,9,10,12,20,30] [--out figures/symmetric_graph_stability.png]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from plrep.graphs import interaction_graph


def nu_edges(n: int, k: int, activation: str) -> tuple[set, list]:
    graph = interaction_graph(f"S{n}:natural^{k}", activation)
    nu = {v.id: tuple(v.partition[1:]) for v in graph.vertices}
    return {(nu[s], nu[t]) for s, t in graph.edge_set}, sorted(
        nu.values(), key=lambda p: (sum(p), [-x for x in p])
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activation", default="relu")
    parser.add_argument("--k", type=int, default=2)
    parser.add_argument("--ns", default="3,4,5,6,7,8,9,10,12,20,30")
    parser.add_argument("--out", default="figures/symmetric_graph_stability.png")
    args = parser.parse_args()
    ns = [int(x) for x in args.ns.split(",")]
    results, labels = {}, set()
    for n in ns:
        edges, vertices = nu_edges(n, args.k, args.activation)
        results[n] = {
            "edges": sorted([list(map(list, e)) for e in edges]),
            "vertices": [list(v) for v in vertices],
        }
        labels |= set(vertices)
    order = sorted(labels, key=lambda p: (sum(p), [-x for x in p]))
    pairs = [(a, b) for a in order for b in order]
    grid = [[1.0 if [list(a), list(b)] in results[n]["edges"] else 0.0 for a, b in pairs] for n in ns]
    figure, axes = plt.subplots(figsize=(max(6, 0.45 * len(pairs)), 0.4 * len(ns) + 2.2))
    axes.imshow(grid, cmap="Greys", vmin=0, vmax=1, aspect="auto")
    axes.set_yticks(range(len(ns)), [f"n = {n}" for n in ns])
    names = [f"{list(a) or '∅'}→{list(b) or '∅'}" for a, b in pairs]
    axes.set_xticks(range(len(pairs)), names, rotation=90, fontsize=7)
    axes.set_title(
        f"S_n on X^{args.k}, {args.activation}: edge nu -> nu' (lambda = (n-|nu|, nu)); black = edge",
        fontsize=9,
    )
    figure.tight_layout()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=120)
    out.with_suffix(".json").write_text(
        json.dumps({"activation": args.activation, "k": args.k, "graphs": results})
    )
    stable = [n for n in ns if results[n]["edges"] == results[ns[-1]]["edges"]]
    print(f"wrote {out}; graphs equal to n = {ns[-1]} for n in {stable}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
