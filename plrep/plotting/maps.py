"""Pictures of the PL maps between simples and of 2-D periodic images and their spectra."""

from __future__ import annotations

import numpy as np


def _pyplot():
    """pyplot, imported on first use; the backend is the caller's choice (the CLI picks Agg)."""
    import matplotlib.pyplot as plt

    return plt


def plane_grid(radius: float, points: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A square grid on the plane of a 2-dimensional simple: (c1, c2, coords (p, p, 2))."""
    axis = np.linspace(-radius, radius, points)
    c1, c2 = np.meshgrid(axis, axis, indexing="xy")
    return c1, c2, np.stack([c1, c2], axis=-1)


def draw_surfaces(panels, *, title: str, kinks=None, path):
    """One column per panel: a 3-D surface on top, a contour plot with kink lines below.

    Args:
        panels: list of (label, c1, c2, values) with arrays of shape (p, p).
        kinks: optional list (one per panel) of arrays (m, 2) of unit normals of kink lines.
        path: output file (PNG or SVG).
    """
    plt = _pyplot()
    columns = len(panels)
    fig = plt.figure(figsize=(3.0 * columns, 6.0))
    for index, (label, c1, c2, values) in enumerate(panels):
        ax3d = fig.add_subplot(2, columns, index + 1, projection="3d")
        ax3d.plot_surface(c1, c2, values, cmap="viridis", linewidth=0, antialiased=True)
        ax3d.set_title(label, fontsize=9)
        ax3d.set_xticks([]), ax3d.set_yticks([]), ax3d.set_zticks([])
        ax = fig.add_subplot(2, columns, columns + index + 1)
        ax.contourf(c1, c2, values, levels=20, cmap="viridis")
        ax.contour(c1, c2, values, levels=20, colors="k", linewidths=0.3)
        if kinks is not None:
            radius = float(np.abs(c1).max())
            for normal in kinks[index]:
                direction = np.array([-normal[1], normal[0]]) * radius
                ax.plot([-direction[0], direction[0]], [-direction[1], direction[1]], color="red", lw=0.8)
            ax.set_xlim(-radius, radius), ax.set_ylim(-radius, radius)
        ax.set_aspect("equal")
        ax.set_xticks([]), ax.set_yticks([])
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def draw_images_and_spectra(images, spectra, labels, *, title: str, path):
    """Top row: periodic images; bottom row: their 2-D power spectra (fftshifted, log scale)."""
    plt = _pyplot()
    fig, axes = plt.subplots(2, len(images), figsize=(3.2 * len(images), 6.4))
    for column, (image, power, label) in enumerate(zip(images, spectra, labels, strict=True)):
        axes[0, column].imshow(image, cmap="gray")
        axes[0, column].set_title(label, fontsize=9)
        shifted = np.fft.fftshift(power)
        axes[1, column].imshow(np.log10(shifted + 1e-12), cmap="magma", vmin=-6)
        axes[1, column].set_title("log10 |DFT|^2 (centred)", fontsize=9)
        for ax in axes[:, column]:
            ax.set_xticks([]), ax.set_yticks([])
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
