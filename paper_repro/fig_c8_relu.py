"""Figure 3: the C_8 ReLU interaction graph with vertices labelled by order (the showcase)."""

from __future__ import annotations

from pathlib import Path

from paper_repro._common import picture, write_json
from plrep.graphs import interaction_graph
from plrep.plotting.graphs import plot_graph

CAPTION = (
    "The interaction graph of C_8 for ReLU, vertices labelled by the order of L_k: "
    "0->0; 1->0,1,2,4; 2->0,2,4; 3->0,2,3,4; 4->0,4 (14 edges). Information flows from high "
    "order (top) to low order (bottom), never back."
)


def make(out_dir: Path, *, quick: bool) -> dict:
    graph = interaction_graph("C8", "relu", method="numeric")
    exact = interaction_graph("C8", "relu", method="exact")
    plot_graph(graph, label="order", path=out_dir / picture("c8_relu"), title="C8, ReLU (labels: orders)")
    payload = graph.to_dict()
    payload["agrees_with_closed_form"] = graph.edge_set == exact.edge_set
    return {
        "files": [picture("c8_relu"), write_json(out_dir / "c8_relu.json", payload)],
        "params": {"n": 8, "seed": 0},
    }
