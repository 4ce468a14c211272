"""Figure 6: a periodic 10 x 10 image (C_10 x C_10) under neighbour averaging.

The convolution c = 1/4 ((1,0) + (0,1) + (-1,0) + (0,-1)) is C_10 x C_10-equivariant, so it
acts on the simple L(k, l) by the scalar lambda(k, l) = (cos(2 pi k/10) + cos(2 pi l/10)) / 2:
the output energy per simple is the input energy times lambda^2.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from paper_repro._common import picture, write_json
from plrep import cyclic, decompose, direct_product
from plrep.plotting.maps import draw_images_and_spectra

CAPTION = (
    "A periodic 10x10 image (a ring plus noise, seed 0) and its image under the neighbour-averaging "
    "convolution 1/4((1,0)+(0,1)+(-1,0)+(0,-1)), with their 2-D power spectra: each frequency (k,l) "
    "is scaled by (cos(2 pi k/10) + cos(2 pi l/10))/2, so high frequencies are damped."
)
N = 10


def ring_image(seed: int = 0) -> np.ndarray:
    """A ring of radius 3 around the centre, plus a little noise."""
    x, y = np.meshgrid(np.arange(N), np.arange(N), indexing="ij")
    ring = (np.abs(np.hypot(x - 4.5, y - 4.5) - 3) < 1).astype(float)
    return ring + 0.2 * np.random.default_rng(seed).normal(size=(N, N))


def neighbour_average(image: np.ndarray) -> np.ndarray:
    """Circular convolution with 1/4 of the four nearest neighbours."""
    shifts = [(1, 0), (0, 1), (-1, 0), (0, -1)]
    return sum(np.roll(image, s, axis=(0, 1)) for s in shifts) / 4


def filter_eigenvalues() -> np.ndarray:
    k = np.arange(N)
    return (np.cos(2 * np.pi * k[:, None] / N) + np.cos(2 * np.pi * k[None, :] / N)) / 2


def make(out_dir: Path, *, quick: bool) -> dict:
    group = direct_product(cyclic(N), cyclic(N))
    image = ring_image()
    blurred = neighbour_average(image)
    spectra = [np.abs(np.fft.fft2(a)) ** 2 for a in (image, blurred)]
    energies_in = decompose(group, image.ravel()).energies()
    energies_out = decompose(group, blurred.ravel()).energies()
    draw_images_and_spectra(
        [image, blurred],
        spectra,
        ["input image", "after neighbour averaging"],
        title="C10 x C10: convolution acts on each simple by a scalar",
        path=out_dir / picture("periodic_image"),
    )
    payload = {
        "image": image,
        "blurred": blurred,
        "filter_eigenvalues": filter_eigenvalues(),
        "simples": [s.to_dict() for s in group.simples],
        "energies_in": energies_in,
        "energies_out": energies_out,
    }
    data_file = write_json(out_dir / "periodic_image.json", payload)
    return {"files": [picture("periodic_image"), data_file], "params": {"n": N, "seed": 0}}
