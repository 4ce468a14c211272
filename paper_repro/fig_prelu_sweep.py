"""PReLU parameter sweep: interaction graphs of C_n, n = 3..8, for slopes from -1 (abs) to 2.

PReLU with negative slope s is sigma = (1 + s)/2 x + (1 - s)/2 |x| (docs/math.md §3): its
graph is the abs graph (when s != 1) together with every loop L_k -> L_k (when s != -1). So
the sweep shows three regimes: s = -1 (abs), s = 1 (identity: loops only), and every other
s (the ReLU graph). The graphs come from the closed forms and are checked numerically.
"""

from __future__ import annotations

from pathlib import Path

from paper_repro._common import picture, write_json
from plrep.graphs import interaction_graph
from plrep.plotting.graphs import plot_graph_grid

CAPTION = (
    "PReLU sweep: interaction graphs of C_n (rows n = 3..8) for negative-side slopes s = -1 (abs), "
    "-0.5, 0 (ReLU), 0.5, 1 (identity) and 2 (columns), from the closed forms, vertices labelled "
    "by frequency k. Since PReLU = (1+s)/2 x + (1-s)/2 |x|, only three graphs occur: abs at "
    "s = -1, loops only at s = 1, the ReLU graph for every other s."
)
SIZES = tuple(range(3, 9))
SLOPES = (-1.0, -0.5, 0.0, 0.5, 1.0, 2.0)


def make(out_dir: Path, *, quick: bool) -> dict:
    graphs, titles, data = [], [], {}
    for n in SIZES:
        for slope in SLOPES:
            spec = f"prelu:{slope:g}"
            graph = interaction_graph(f"C{n}", spec, method="exact")
            numeric = interaction_graph(f"C{n}", spec, method="numeric")
            graphs.append(graph)
            titles.append(f"C{n}, s = {slope:g}")
            data[f"C{n} {spec}"] = {
                "edges": sorted(graph.edge_set),
                "numeric_agrees": graph.edge_set == numeric.edge_set,
            }
    plot_graph_grid(
        graphs,
        columns=len(SLOPES),
        titles=titles,
        path=out_dir / picture("prelu_sweep"),
        title="PReLU(x) = x for x >= 0, s x for x < 0: interaction graphs of C_n",
    )
    data_file = write_json(out_dir / "prelu_sweep.json", data)
    return {
        "files": [picture("prelu_sweep"), data_file],
        "params": {"n": list(SIZES), "slopes": list(SLOPES)},
    }
