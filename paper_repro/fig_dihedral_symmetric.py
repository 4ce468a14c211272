"""Figure: the ReLU map standard -> trivial of S_4 and S_7, and interaction graphs of D_3..D_8.

The S_n part follows the paper's web page (n = 4, 7). The standard representation
{v in R^n : sum v = 0} has dimension n - 1, so the map is drawn on planes of two free
parameters (a, b) (``plrep.standard_plane``): "points", v = a (e_0 - 1/n) + b (e_1 - 1/n),
the images of two points, where every coordinate moves and the kink lines (n-1) a = b,
(n-1) b = a, a + b = 0 turn with n; and "helmert", v = a u_1 + b u_2 orthonormal, where only
three coordinates move and the map is the same for every n up to the factor 1/sqrt n.
The value is t, the trivial component of ReLU(v) as a multiple of 1/sqrt(n).

The dihedral part needs ``plrep.graphs.interaction_graph(..., method="numeric")``; without it
only the S_n part is drawn and the manifest says so.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from paper_repro._common import picture, write_json
from plrep import parse_group, standard_plane, standard_to_trivial
from plrep.plotting.maps import draw_surfaces, plane_grid

CAPTION = (
    "sn_std_to_triv: the piecewise-linear ReLU map standard -> trivial of S_4 and S_7 over two free "
    "parameters (a, b): on the 'points' plane v = a(e_0 - 1/n) + b(e_1 - 1/n) the kink lines "
    "(red; (n-1)a = b, (n-1)b = a, a + b = 0) turn with n; on the orthonormal 'helmert' plane the "
    "map is the same for all n up to 1/sqrt(n). dihedral_graphs: numeric ReLU interaction graphs of "
    "the regular modules of D_n, n = 3..8, vertices named as the real simples (1a trivial, 1b the "
    "other 1-dimensional ones, 1c and 1d only for even n, 2a, 2b, ... the 2-dimensional ones); under each panel the names by dimension with the order "
    "of the image in parentheses (|kernel| = 2n / order)."
)
SYMMETRIC = (4, 7)
DIHEDRAL = tuple(range(3, 9))
PLANES = ("points", "helmert")


def _kink_normals(n: int, plane: str) -> np.ndarray:
    """Unit normals (a, b) of the lines where a coordinate of v = a u_1 + b u_2 vanishes."""
    columns = standard_plane(n, plane=plane).T  # (n, 2): coordinate i is columns[i] . (a, b)
    columns = columns[np.linalg.norm(columns, axis=1) > 1e-12]
    normals = columns / np.linalg.norm(columns, axis=1, keepdims=True)
    return np.unique(np.round(normals * np.sign(normals[:, :1] + 1e-9), 12), axis=0)


def _symmetric_part(out_dir: Path, points: int) -> tuple[list[str], dict]:
    c1, c2, coords = plane_grid(1.0, points)
    panels, kinks, data = [], [], {"axis": c1[0]}
    for n in SYMMETRIC:
        for plane in PLANES:
            values = standard_to_trivial(n, coords, "relu", plane=plane)
            panels.append((f"S{n} ({plane}): std -> triv", c1, c2, values))
            kinks.append(_kink_normals(n, plane))
            data[f"S{n}_{plane}"] = {
                "plane": standard_plane(n, plane=plane),
                "values": values,
                "kink_normals": kinks[-1],
            }
    draw_surfaces(
        panels,
        title="ReLU: standard -> trivial of S_n",
        kinks=kinks,
        path=out_dir / picture("sn_std_to_triv"),
        axis_labels=("a", "b"),
        value_label="t (trivial part, units of 1/sqrt n)",
    )
    data["coordinates"] = (
        "v = a plane[0] + b plane[1]; value t = sum_i ReLU(v_i) / sqrt(n); values[i, j] at (a, b) = (axis[j], axis[i])"
    )
    return [picture("sn_std_to_triv"), write_json(out_dir / "sn_std_to_triv.json", data)], {
        "S_n": list(SYMMETRIC)
    }


def _dihedral_part(out_dir: Path) -> tuple[list[str], dict]:
    try:
        from plrep.graphs import interaction_graph
        from plrep.plotting.graphs import plot_graph_grid
    except ImportError:  # the interaction-graph module is not there (yet)
        return [], {"D_n": "skipped: plrep.graphs.interaction_graph is not available"}
    graphs = [interaction_graph(parse_group(f"D{n}"), "relu", method="numeric") for n in DIHEDRAL]
    plot_graph_grid(
        graphs,
        columns=3,
        label="name",
        legend=True,
        path=out_dir / picture("dihedral_graphs"),
        title="ReLU interaction graphs of D_n (regular module)",
        titles=[f"D{n} (order {2 * n})" for n in DIHEDRAL],
    )
    payload = {
        f"D{n}": {
            "simples": [s.to_dict() for s in graph.vertices],
            "edges": [[e.source, e.target, e.strength] for e in graph.edges],
        }
        for n, graph in zip(DIHEDRAL, graphs, strict=True)
    }
    return [picture("dihedral_graphs"), write_json(out_dir / "dihedral_graphs.json", payload)], {
        "D_n": list(DIHEDRAL)
    }


def make(out_dir: Path, *, quick: bool) -> dict:
    points = 41 if quick else 121
    files, params = _symmetric_part(out_dir, points)
    more_files, more_params = _dihedral_part(out_dir)
    return {"files": files + more_files, "params": {**params, **more_params, "grid_points": points}}
