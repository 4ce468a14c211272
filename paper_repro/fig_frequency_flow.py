"""Figure 8: frequency flow through a trained C_12-equivariant network (layer x simple heatmaps).

A 3-layer ReLU network on C_12 (8 channels, invariant read-out) is trained on plrep's toy task
(``plrep.nn.frequency_bands``); inputs concentrated in each simple L_k are pushed
through it and every layer's energy per simple is drawn. Energy only moves from L_k to simples
L_j with ord(j) | ord(k) (docs/math.md §4): the hatched cells, outside that closure, stay empty.
"""

from __future__ import annotations

from pathlib import Path

import jax

from paper_repro._common import picture, write_json
from plrep.nn import (
    NetworkSpec,
    accuracy,
    check_containment,
    empirical_graph,
    frequency_bands,
    frequency_flow,
    init,
    kernel_closure,
    train,
)
from plrep.plotting.networks import plot_frequency_flow

CAPTION = (
    "Frequency flow through a trained C_12-equivariant ReLU network (3 conv layers of 8 channels, "
    "invariant read-out, trained on plrep's frequency-band task, seed 0). Each panel feeds inputs lying "
    "in one simple L_k and shows log10 of the fraction of each layer's energy on every simple L_j; hatched "
    "cells are outside the kernel-containment closure (ord(j) does not divide ord(k)) and carry no energy "
    "beyond float32 round-off: frequencies only flow from L_k to the divisors of its order."
)


def make(out_dir: Path, *, quick: bool) -> dict:
    steps, samples = (150, 8) if quick else (1500, 32)
    spec = NetworkSpec("C12", (1, 8, 8, 8), "relu", readout=3)
    x, y = frequency_bands(spec.group, 2000, boost=2.0, seed=0)
    result = train(
        init(jax.random.key(0), spec), x, y, steps=steps, batch_size=64, seed=0, progress=True
    )  # a bar on terminals only
    flow = frequency_flow(result.params, samples=samples, seed=0)
    report = check_containment(flow)
    adjacency, strength = empirical_graph(flow)
    closure = kernel_closure(spec.group)
    figure = plot_frequency_flow(
        flow,
        out_dir / picture("frequency_flow"),
        closure=closure,
        title="Frequency flow through a trained C12 network (hatched: forbidden by kernel containment)",
    )
    import matplotlib.pyplot as plt

    plt.close(figure)
    payload = {
        "network": {"group": "C12", "widths": list(spec.widths), "activation": "relu", "readout": 3},
        "training": {"steps": steps, "seed": 0, "train_accuracy": accuracy(result.params, x, y)},
        "flow": flow.to_dict(),
        "relative_post": flow.relative("post"),
        "containment": report.to_dict(),
        "closure": closure,
        "empirical_graph": adjacency,
        "edge_strength": strength,
    }
    data = write_json(out_dir / "frequency_flow.json", payload)
    return {
        "files": [picture("frequency_flow"), data],
        "params": {"steps": steps, "samples": samples, "group": "C12"},
    }
