"""Frequency flow through networks: layer x simple heatmaps and per-layer filter spectra.

matplotlib is imported inside the functions (Agg backend), never at module import.
"""

from __future__ import annotations

import textwrap

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


MAX_PANELS = 8  # more input simples than this are drawn one panel per order class


def _panels(flow, sources, closure):
    """(title, rows, labels, forbidden columns) per panel; sources of one order share a panel.

    A shared panel shows the mean relative energies of its sources; a column is hatched only
    when the kernel-containment closure forbids it for every one of them.
    """
    names = [s.name for s in flow.group.simples]
    groups: dict[str, list[int]] = {}
    if flow.from_simples and len(sources) > MAX_PANELS:
        by_order: dict[int, list[int]] = {}
        for source in sources:
            by_order.setdefault(flow.group.simples[flow.sources[source]].order, []).append(source)
        groups = {
            f"inputs of order {order} ({len(members)} simple{'s' if len(members) > 1 else ''})": members
            for order, members in sorted(by_order.items())
        }
    else:
        for source in sources:
            label = f"input in {names[flow.sources[source]]}" if flow.from_simples else "data"
            groups[label] = [source]
    panels = []
    for title, members in groups.items():
        stacks = [_rows(flow, source) for source in members]
        rows, labels = np.mean([values for values, _ in stacks], axis=0), stacks[0][1]
        forbidden = np.zeros(len(names), bool)
        if closure is not None and flow.from_simples:
            forbidden = np.all([~closure[flow.sources[source]] for source in members], axis=0)
        panels.append((title, rows, labels, forbidden))
    return panels


def plot_frequency_flow(flow, path=None, *, sources=None, closure=None, title: str | None = None):
    """Heatmaps of log10 relative energy, rows = stages/layers, columns = simples.

    More than ``MAX_PANELS`` input simples are aggregated: one block per order of the input
    simple (the mean over its simples), so C_32 gives 6 blocks, not 17. More than four blocks
    (or blocks too wide to sit side by side) are stacked in one heat map, a header row naming
    each. The colour range runs from the smallest energy shown (at least 1e-12) to 1, stated on
    the colour bar.

    Args:
        flow: a ``plrep.nn.FrequencyFlow``.
        path: where to save the PNG (optional).
        sources: indices into ``flow.sources`` to draw (default: all).
        closure: optional (S, S) bool kernel-containment closure; cells outside it are hatched.
        title: figure title.

    Returns:
        The matplotlib ``Figure``.
    """
    plt = _pyplot()
    sources = list(range(len(flow.sources))) if sources is None else list(sources)
    names = [s.name for s in flow.group.simples]
    panels = _panels(flow, sources, closure)
    logs = [np.log10(np.maximum(rows, _FLOOR)) for _, rows, _, _ in panels]
    low = max(np.log10(_FLOOR), float(np.floor(min(v.min() for v in logs)))) if logs else np.log10(_FLOOR)
    low = min(low, -1.0)
    cols = min(len(panels), 4)
    nrows = -(-len(panels) // cols)
    width = max(3.0, 0.35 * len(names) + 1.5)
    if len(panels) > 4 or (len(panels) > 1 and width * cols > 18):  # tiling would be a wall of panels
        fig = _stacked(plt, flow, panels, logs, low, names, title)
        if path is not None:
            fig.savefig(path, dpi=110)
        return fig
    fig, axes = plt.subplots(
        nrows,
        cols,
        figsize=(width * cols, 0.35 * (2 * flow.num_layers + 1) * nrows + 1.5),
        squeeze=False,
        constrained_layout=True,
    )
    image = None
    for ax, (label, _, labels, forbidden), values in zip(axes.ravel(), panels, logs, strict=False):
        image = ax.imshow(values, aspect="auto", cmap="viridis", vmin=low, vmax=0.0)
        if forbidden.any():
            for j in np.flatnonzero(forbidden):
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
        ax.set_xlabel("simple (output)", fontsize=7)
        ax.set_title(label, fontsize=9)
    for ax in axes.ravel()[len(panels) :]:
        ax.axis("off")
    if image is not None:
        floor = " (floor)" if low <= np.log10(_FLOOR) else ""
        fig.colorbar(image, ax=axes, label=f"log10 relative energy, {low:g}{floor} to 0", shrink=0.8)
    fig.suptitle(title or f"Frequency flow, {flow.group.name}")
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig


def _stacked(plt, flow, panels, logs, low, names, title):
    """All panels in one heat map: a header row per panel, its stages below, one colour bar."""
    stages = len(panels[0][2])
    values = np.full(((stages + 1) * len(panels), len(names)), np.nan)
    labels = []
    for index, ((_, _, rows, _), shown) in enumerate(zip(panels, logs, strict=True)):
        start = index * (stages + 1) + 1
        values[start : start + stages] = shown
        labels += ["", *rows]
    fig, ax = plt.subplots(
        figsize=(max(5.0, 0.3 * len(names) + 3.5), 0.2 * values.shape[0] + 1.6), constrained_layout=True
    )
    cmap = plt.get_cmap("viridis").with_extremes(bad="white")  # the header rows
    image = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=cmap, vmin=low, vmax=0.0)
    for index, (heading, _, _, forbidden) in enumerate(panels):
        start = index * (stages + 1)
        ax.text((len(names) - 1) / 2, start, heading, ha="center", va="center", fontsize=8, weight="bold")
        for j in np.flatnonzero(forbidden):
            ax.add_patch(
                plt.Rectangle(
                    (j - 0.5, start + 0.5), 1, stages, fill=False, hatch="//", edgecolor="white", linewidth=0
                )
            )
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.tick_params(axis="y", length=0)
    ax.set_xticks(range(len(names)), names, rotation=90 if len(names) > 12 else 0, fontsize=7)
    hatched = any(forbidden.any() for *_, forbidden in panels)
    ax.set_xlabel(
        "simple (output)" + ("; hatched: forbidden by kernel containment" if hatched else ""), fontsize=8
    )
    floor = " (floor)" if low <= np.log10(_FLOOR) else ""
    fig.colorbar(image, ax=ax, label=f"log10 relative energy, {low:g}{floor} to 0", shrink=0.6)
    # wrapped to the figure's width (about 9 characters an inch), or a long title is cut off
    heading = title or f"Frequency flow, {flow.group.name}"
    fig.suptitle(textwrap.fill(heading, width=int(9 * fig.get_size_inches()[0])))
    return fig


def plot_filter_spectra(spectra, path=None, *, title: str | None = None):
    """Per-layer gains: singular values (points) and Frobenius norm (line) per simple.

    Args:
        spectra: a ``plrep.nn.FilterSpectra``.
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
        ax.set_ylabel(f"layer {layer + 1}\ngain", fontsize=8)
        ax.set_xticks(ticks, names, rotation=90 if len(names) > 12 else 0, fontsize=7)
        ax.grid(alpha=0.3)
    axes[-1, 0].set_xlabel("simple (gain = how much the layer's filter scales that frequency)", fontsize=8)
    axes[0, 0].legend(fontsize=7)
    fig.suptitle(title or f"Filter spectra per simple, {spectra.group.name}")
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig
