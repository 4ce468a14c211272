"""Figure 4: the PL map L_1 -> trivial of C_n (ReLU), n = 3..8, and its kink lines.

On the plane of L_1 (v = c1 cos(2 pi x / n) + c2 sin(2 pi x / n)) the map is the mean of
ReLU(v(x)); it is piecewise linear, bending on the lines orthogonal to the n-th roots of
unity (a hyperplane arrangement). For n = 4 it is (|c1| + |c2|) / 4.
"""

from __future__ import annotations

from pathlib import Path

from paper_repro._common import picture, write_json
from plrep import cyclic
from plrep.maps import kink_directions, simple_map
from plrep.plotting.maps import draw_surfaces, plane_grid

CAPTION = (
    "The piecewise-linear map L_1 -> L_0 (trivial) of C_n for ReLU, n = 3..8, over the plane of "
    "L_1: surface (top) and contours (bottom) with the kink lines, orthogonal to the n-th roots of "
    "unity, in red. For n = 4 the map is (|c1| + |c2|)/4."
)
SIZES = tuple(range(3, 9))


def make(out_dir: Path, *, quick: bool) -> dict:
    points = 41 if quick else 161
    c1, c2, coords = plane_grid(1.0, points)
    panels, data = [], {}
    for n in SIZES:
        values = simple_map(cyclic(n), "relu", 1, 0, coords)[..., 0]
        panels.append((f"C{n}: L1 -> L0", c1, c2, values))
        data[f"C{n}"] = {"values": values, "kink_normals": kink_directions(n)}
    draw_surfaces(
        panels,
        title="ReLU: L1 -> trivial",
        kinks=[kink_directions(n) for n in SIZES],
        path=out_dir / picture("l1_to_trivial"),
        value_label="mean_x ReLU(v(x)) (trivial coefficient)",
    )
    payload = {
        "axis": c1[0],
        "coordinates": "v = c1 cos(2 pi x/n) + c2 sin(2 pi x/n); value = mean_x ReLU(v(x))",
    }
    payload.update(data)
    data_file = write_json(out_dir / "l1_to_trivial.json", payload)
    return {
        "files": [picture("l1_to_trivial"), data_file],
        "params": {"n": list(SIZES), "grid_points": points},
    }
