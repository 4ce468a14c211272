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


def draw_surfaces(
    panels, *, title: str, kinks=None, path, axis_labels=("$c_1$", "$c_2$"), value_label="value"
):
    """One column per panel: a 3-D surface on top, a contour plot with kink lines below.

    Args:
        panels: list of (label, c1, c2, values) with arrays of shape (p, p).
        kinks: optional list (one per panel) of arrays (m, 2) of unit normals of kink lines.
        path: output file (PNG, SVG or PDF, by the suffix).
        axis_labels: names of the two plane coordinates; ``value_label``: the colour bar's.
    """
    plt = _pyplot()
    columns = len(panels)
    fig = plt.figure(figsize=(3.4 * columns, 6.6))
    for index, (label, c1, c2, values) in enumerate(panels):
        ax3d = fig.add_subplot(2, columns, index + 1, projection="3d")
        ax3d.plot_surface(c1, c2, values, cmap="viridis", linewidth=0, antialiased=True)
        ax3d.set_title(label, fontsize=9)
        ax3d.set_xlabel(axis_labels[0], fontsize=7, labelpad=-8)
        ax3d.set_ylabel(axis_labels[1], fontsize=7, labelpad=-8)
        ax3d.tick_params(labelsize=6, pad=-2)
        edge = float(np.abs(c1).max())
        ax3d.set_xticks([-edge, 0, edge]), ax3d.set_yticks([-edge, 0, edge])
        ax = fig.add_subplot(2, columns, columns + index + 1)
        filled = ax.contourf(c1, c2, values, levels=20, cmap="viridis")
        ax.contour(c1, c2, values, levels=20, colors="k", linewidths=0.3)
        radius = float(np.abs(c1).max())
        if kinks is not None:
            for normal in kinks[index]:
                # long enough to reach the corners of the square; the axis limits clip it
                direction = np.array([-normal[1], normal[0]]) * radius * 1.5
                ax.plot([-direction[0], direction[0]], [-direction[1], direction[1]], color="red", lw=0.8)
        ax.set_xlim(-radius, radius), ax.set_ylim(-radius, radius)
        ax.set_aspect("equal")
        ax.set_xlabel(axis_labels[0], fontsize=8)
        ax.set_ylabel(axis_labels[1], fontsize=8)
        ax.tick_params(labelsize=7)
        bar = fig.colorbar(filled, ax=ax, shrink=0.8)
        bar.set_label(value_label, fontsize=7)
        bar.ax.tick_params(labelsize=6)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def draw_images_and_spectra(images, spectra, labels, *, title: str, path):
    """Top row: periodic images; bottom row: their 2-D power spectra (fftshifted, log scale)."""
    plt = _pyplot()
    fig, axes = plt.subplots(2, len(images), figsize=(3.2 * len(images), 6.4))
    axes = np.asarray(axes).reshape(2, len(images))
    for column, (image, power, label) in enumerate(zip(images, spectra, labels, strict=True)):
        shown = axes[0, column].imshow(image, cmap="gray")
        axes[0, column].set_title(label, fontsize=9)
        axes[0, column].set_xlabel("pixel x", fontsize=7)
        axes[0, column].set_ylabel("pixel y", fontsize=7)
        pixel_bar = fig.colorbar(shown, ax=axes[0, column], shrink=0.8)
        pixel_bar.set_label("pixel value", fontsize=7)
        pixel_bar.ax.tick_params(labelsize=6)
        shifted = np.fft.fftshift(power)
        rows, cols = shifted.shape
        extent = (-(cols // 2) - 0.5, cols - cols // 2 - 0.5, rows - rows // 2 - 0.5, -(rows // 2) - 0.5)
        spectrum = axes[1, column].imshow(np.log10(shifted + 1e-12), cmap="magma", vmin=-6, extent=extent)
        axes[1, column].set_title("log10 |DFT|^2 (centred)", fontsize=9)
        axes[1, column].set_xlabel("frequency k_x", fontsize=7)
        axes[1, column].set_ylabel("frequency k_y", fontsize=7)
        bar = fig.colorbar(spectrum, ax=axes[1, column], shrink=0.8)
        bar.set_label("log10 power (floor 1e-6)", fontsize=7)
        bar.ax.tick_params(labelsize=6)
        for ax in axes[:, column]:
            ax.tick_params(labelsize=6)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
