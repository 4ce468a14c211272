"""Frequency flow through networks: layer x simple heatmaps and per-layer filter spectra.

matplotlib is imported inside the functions (Agg backend), never at module import.
"""

from __future__ import annotations

import numpy as np

__all__ = ["plot_filter_spectra", "plot_frequency_flow"]

# Relative energies below this are drawn as the floor colour (log scale).
_FLOOR = 1e-12


def _pyplot():
    """pyplot, imported on first use; the backend is the caller's choice (the CLI picks Agg)."""
    import matplotlib.pyplot as plt

    return plt


def _rows(flow, source: int) -> tuple[np.ndarray, list[str]]:
    """Relative energies of input, pre_1, post_1, ... for one source: (2L + 1, S)."""
    rows, labels = [flow.input[source] / max(flow.input[source].sum(), 1e-300)], ["input"]
    pre, post = flow.relative("pre")[source], flow.relative("post")[source]
    for layer in range(flow.num_layers):
        rows += [pre[layer], post[layer]]
        labels += [f"layer {layer + 1} pre", f"layer {layer + 1} post"]
    return np.stack(rows), labels


def plot_frequency_flow(flow, path=None, *, sources=None, closure=None, title: str | None = None):
    """Heatmaps of log10 relative energy, rows = stages/layers, columns = simples.

    Args:
        flow: a ``plrep.flow.FrequencyFlow``.
        path: where to save the PNG (optional).
        sources: indices into ``flow.sources`` to draw (default: all), one panel each.
        closure: optional (S, S) bool kernel-containment closure; cells outside it are hatched.
        title: figure title.

    Returns:
        The matplotlib ``Figure``.
    """
    plt = _pyplot()
    sources = list(range(len(flow.sources))) if sources is None else list(sources)
    names = [s.name for s in flow.group.simples]
    cols = min(len(sources), 4)
    nrows = -(-len(sources) // cols)
    width = max(3.0, 0.35 * len(names) + 1.5)
    fig, axes = plt.subplots(
        nrows,
        cols,
        figsize=(width * cols, 0.35 * (2 * flow.num_layers + 1) * nrows + 1.5),
        squeeze=False,
        constrained_layout=True,
    )
    image = None
    for ax, source in zip(axes.ravel(), sources, strict=False):
        values, labels = _rows(flow, source)
        image = ax.imshow(
            np.log10(np.maximum(values, _FLOOR)),
            aspect="auto",
            cmap="viridis",
            vmin=np.log10(_FLOOR),
            vmax=0.0,
        )
        if closure is not None and flow.from_simples:
            for j in np.flatnonzero(~closure[flow.sources[source]]):
                ax.add_patch(
                    plt.Rectangle(
                        (j - 0.5, -0.5),
                        1,
                        len(labels),
                        fill=False,
                        hatch="//",
                        edgecolor="white",
                        linewidth=0,
                    )
                )
        ax.set_xticks(range(len(names)), names, rotation=90 if len(names) > 12 else 0, fontsize=7)
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        label = f"input in {names[flow.sources[source]]}" if flow.from_simples else "data"
        ax.set_title(label, fontsize=9)
    for ax in axes.ravel()[len(sources) :]:
        ax.axis("off")
    if image is not None:
        fig.colorbar(image, ax=axes, label="log10 relative energy", shrink=0.8)
    fig.suptitle(title or f"Frequency flow, {flow.group.name}")
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig


def plot_filter_spectra(spectra, path=None, *, title: str | None = None):
    """Per-layer gains: singular values (points) and Frobenius norm (line) per simple.

    Args:
        spectra: a ``plrep.flow.FilterSpectra``.
        path: where to save the PNG (optional).

    Returns:
        The matplotlib ``Figure``.
    """
    plt = _pyplot()
    layers = spectra.frobenius.shape[0]
    names = [s.name for s in spectra.group.simples]
    fig, axes = plt.subplots(
        layers,
        1,
        figsize=(max(5.0, 0.3 * len(names) + 2), 2.2 * layers),
        squeeze=False,
        constrained_layout=True,
    )
    ticks = np.arange(len(names))
    for layer, ax in enumerate(axes[:, 0]):
        sv = spectra.singular_values[layer]
        for column in range(sv.shape[1]):
            ax.plot(
                ticks,
                sv[:, column],
                "o",
                markersize=3,
                color="tab:blue",
                alpha=0.6,
                label="singular values" if column == 0 else None,
            )
        ax.plot(ticks, spectra.frobenius[layer], "-", color="tab:red", label="Frobenius norm")
        ax.set_ylabel(f"layer {layer + 1}")
        ax.set_xticks(ticks, names, rotation=90 if len(names) > 12 else 0, fontsize=7)
    axes[0, 0].legend(fontsize=7)
    fig.suptitle(title or f"Filter spectra per simple, {spectra.group.name}")
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig
