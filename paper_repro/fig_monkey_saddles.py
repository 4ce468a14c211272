"""Figure 5: the map L_1 -> sign of C_n for n = 4, 8, 12 (the "monkey saddles").

The sign representation L_{n/2} is one-dimensional: the value is the coefficient of
(-1)^x in the projection of ReLU(v), v in the plane of L_1.
"""

from __future__ import annotations

from pathlib import Path

from paper_repro._common import picture, write_json
from plrep import cyclic
from plrep.maps import kink_directions, simple_map
from plrep.plotting.maps import draw_surfaces, plane_grid

CAPTION = (
    "The map L_1 -> L_{n/2} (sign) of C_n for ReLU, n = 4, 8, 12: a piecewise-linear "
    "'monkey saddle' with n/2-fold alternating sign, kink lines in red."
)
SIZES = (4, 8, 12)


def make(out_dir: Path, *, quick: bool) -> dict:
    points = 41 if quick else 161
    c1, c2, coords = plane_grid(1.0, points)
    panels, payload = [], {"axis": c1[0]}
    for n in SIZES:
        values = simple_map(cyclic(n), "relu", 1, n // 2, coords)[..., 0]
        panels.append((f"C{n}: L1 -> L{n // 2}", c1, c2, values))
        payload[f"C{n}"] = values
    draw_surfaces(
        panels,
        title="ReLU: L1 -> sign",
        kinks=[kink_directions(n) for n in SIZES],
        path=out_dir / picture("monkey_saddles"),
        value_label="coefficient on the sign simple",
    )
    data_file = write_json(out_dir / "monkey_saddles.json", payload)
    return {
        "files": [picture("monkey_saddles"), data_file],
        "params": {"n": list(SIZES), "grid_points": points},
    }
