"""Figure 7: where generic sampling and the authors' unit-basis-vector method disagree.

The authors' notebooks test each simple only on its Fourier basis vectors at amplitude 1.
That is enough for positively homogeneous activations (leaky ReLU, PReLU), but misses edges
for min(x, 0) (the constant basis vector is positive, so min(1, 0) = 0 and the loop at L_0 is
lost), for the authors' sawtooth "SReLU" (on [-1, 1] it is 3 - u/2 - 3|u|/2, so unit vectors see
only abs-like even harmonics; the kinks at +-3 that make odd harmonics are out of their reach) and
for amplitude-dependent piecewise-linear activations such as a dead zone, which is zero on
[-1.5, 1.5] and so kills every unit-size vector.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from paper_repro._common import picture, write_json
from plrep.activations import activation
from plrep.graphs import interaction_graph
from plrep.plotting.graphs import plot_graph_grid

CAPTION = (
    "Interaction graphs of C_8 from the authors' unit-basis-vector method (left) and plrep's "
    "generic sampling at several amplitudes and both signs (right). They agree for leaky ReLU "
    "and PReLU (slopes -0.5, 0.5, 2), which are positively homogeneous; they differ for min(x, 0) "
    "(loop at L_0 missed: the constant basis vector is positive), for the authors' sawtooth SReLU "
    "(L_1 <-> L_3 missed: unit vectors never reach its kinks at +-3) and for a dead zone that vanishes "
    "on [-1.5, 1.5] (every edge missed: unit vectors never leave it). Edges drawn in red are the "
    "ones generic sampling finds and basis vectors miss."
)
GROUP = "C8"


def dead_zone(x):
    return np.sign(x) * np.maximum(np.abs(x) - 1.5, 0.0)


def activations():
    return {
        "leaky_relu": activation("leaky_relu"),
        "prelu:-0.5": activation("prelu:-0.5"),
        "prelu:0.5": activation("prelu:0.5"),
        "prelu:2": activation("prelu:2"),
        "min(x, 0)": activation("frelu"),
        "sawtooth (SReLU)": activation("sawtooth"),
        "dead zone 1.5": activation(dead_zone, kinks=[-1.5, 1.5]),
    }


def make(out_dir: Path, *, quick: bool) -> dict:
    graphs, titles, data, marks = [], [], {}, []
    for name, sigma in activations().items():
        basis = interaction_graph(GROUP, sigma, method="basis")
        generic = interaction_graph(GROUP, sigma, method="numeric")
        graphs += [basis, generic]
        titles += [f"{name}: basis vectors", f"{name}: generic samples"]
        marks += [(), sorted(generic.edge_set - basis.edge_set)]  # red: missed by basis vectors
        data[name] = {
            "basis_edges": sorted(basis.edge_set),
            "generic_edges": sorted(generic.edge_set),
            "missed_by_basis": sorted(generic.edge_set - basis.edge_set),
        }
    plot_graph_grid(
        graphs,
        columns=2,
        titles=titles,
        highlights=marks,
        label="name",
        note="red: edges that generic samples find and unit basis vectors miss",
        path=out_dir / picture("generic_sampling"),
        title=f"{GROUP}: authors' basis-vector method vs generic sampling",
    )
    data_file = write_json(out_dir / "generic_sampling.json", data)
    return {"files": [picture("generic_sampling"), data_file], "params": {"group": GROUP, "seed": 0}}
