"""The ReLU map L_1 -> L_1 of C_n in the complex plane, n = 3, 4, 5, 6, 8, 12.

The plane of L_1 is identified with C by c_1 + i c_2 (v(x) = c_1 cos(2 pi x/n) + c_2 sin(2 pi
x/n), ``plrep.maps.simple_map``). ReLU is positively homogeneous, so the map is fixed by its
values on the unit circle: each panel draws the unit circle (grey), its image (blue), and the
images of the n kink lines' rays (red points: where the map bends). The map commutes with
rotation by 2 pi / n, which the n-fold symmetry of the blue curve shows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from paper_repro._common import picture, write_json
from plrep import cyclic
from plrep.maps import kink_directions, simple_map

CAPTION = (
    "ReLU restricted to L_1 and projected back to L_1, for C_n (n = 3, 4, 5, 6, 8, 12), drawn in "
    "the complex plane Re + i Im = c_1 + i c_2: the unit circle (grey, dashed), its image (blue) "
    "and the images of the kink directions (red dots). Positive homogeneity makes the circle "
    "enough. For even n the image is the circle of radius 1/2: ReLU = x/2 + |x|/2 and |v| is "
    "n/2-periodic for v in L_1, so only x/2 returns to L_1. For odd n the |x| half aliases back "
    "and the image is n-fold symmetric, made of ellipse arcs between kinks, with folds."
)
SIZES = (3, 4, 5, 6, 8, 12)


def make(out_dir: Path, *, quick: bool) -> dict:
    import matplotlib.pyplot as plt

    angles = np.linspace(0, 2 * np.pi, 721 if not quick else 181)
    circle = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    fig, axes = plt.subplots(2, 3, figsize=(9.6, 6.6), constrained_layout=True)
    data = {"angles": angles}
    for ax, n in zip(axes.ravel(), SIZES, strict=True):
        image = simple_map(cyclic(n), "relu", 1, 1, circle)
        # kinks: v(x) = 0 for some x, i.e. c orthogonal to a root of unity
        normals = kink_directions(n)
        kinks = np.stack([-normals[:, 1], normals[:, 0]], axis=-1)
        kinks = np.concatenate([kinks, -kinks])
        bent = simple_map(cyclic(n), "relu", 1, 1, kinks)
        ax.plot(circle[:, 0], circle[:, 1], "--", color="0.6", lw=0.8, label="unit circle")
        ax.plot(image[:, 0], image[:, 1], color="tab:blue", lw=1.4, label="image")
        ax.plot(bent[:, 0], bent[:, 1], "o", color="tab:red", markersize=3, label="kink images")
        ax.axhline(0, color="0.85", lw=0.6, zorder=0), ax.axvline(0, color="0.85", lw=0.6, zorder=0)
        ax.set_aspect("equal")
        ax.set_xlim(-1.1, 1.1), ax.set_ylim(-1.1, 1.1)
        ax.set_xlabel("Re", fontsize=8), ax.set_ylabel("Im", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.set_title(f"C{n}: L1 -> L1", fontsize=9)
        data[f"C{n}"] = {"image_of_circle": image, "kink_images": bent}
    axes[0, 0].legend(fontsize=7, loc="lower left")
    fig.suptitle("ReLU: L1 -> L1 in the complex plane")
    fig.savefig(out_dir / picture("l1_to_l1"), dpi=110)
    plt.close(fig)
    data_file = write_json(out_dir / "l1_to_l1.json", data)
    return {"files": [picture("l1_to_l1"), data_file], "params": {"n": list(SIZES), "points": len(angles)}}
