"""Figure 2: interaction graphs of C_n, n = 1..20, for ReLU and abs, in three labellings.

The graphs come from the authors' closed forms (``method="exact"``); each is also computed
numerically from generic samples and the two are recorded as agreeing (or not) in the data.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from paper_repro._common import picture, write_json
from plrep.graphs import interaction_graph
from plrep.plotting.graphs import plot_graph_grid

CAPTION = (
    "Interaction graphs of C_n, n = 1..20, for ReLU and for abs (closed forms, checked against "
    "generic numerical sampling), drawn in levels by divisibility of orders with the trivial "
    "representation at the bottom; vertices labelled by frequency k, by the order of L_k, and by "
    "dimension. ReLU has every loop; abs none at even orders."
)
ACTIVATIONS = ("relu", "abs")
LABELS = ("id", "order", "dim")


def make(out_dir: Path, *, quick: bool) -> dict:
    files, data = [], {}
    for activation in ACTIVATIONS:
        graphs = [interaction_graph(f"C{n}", activation, method="exact") for n in range(1, 21)]
        # the numeric check is the slow part: a bar on stderr when it is a terminal (disable=None)
        checks = tqdm(graphs, desc=f"{activation}: numeric check", disable=None, leave=False, file=sys.stderr)
        agree = [g.edge_set == interaction_graph(g.group, activation).edge_set for g in checks]
        data[activation] = {
            g.group: {"edges": sorted(g.edge_set), "numeric_agrees": ok}
            for g, ok in zip(graphs, agree, strict=True)
        }
        for label in LABELS[:1] if quick else LABELS:
            name = picture(f"cyclic_graphs_{activation}_{label}")
            plot_graph_grid(
                graphs, label=label, path=out_dir / name, title=f"{activation}: C1..C20, labels = {label}"
            )
            files.append(name)
    files.append(write_json(out_dir / "cyclic_graphs.json", data))
    return {"files": files, "params": {"n": [1, 20], "activations": list(ACTIVATIONS)}}
