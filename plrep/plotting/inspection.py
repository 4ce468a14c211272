"""Pictures of an ``InspectionReport``: arrays x simples energy map, and per-unit purity.

matplotlib is imported inside the functions; the backend is the caller's choice.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from plrep._files import write_atomic

__all__ = ["plot_inspection", "save_figure"]

# Relative energies below this are drawn as the floor colour (log scale).
_FLOOR = 1e-8
# More simples than this are not drawn one column each: the key simples get columns, the rest one.
_MAX_COLUMNS = 40


def save_figure(figure, path) -> Path:
    """Save atomically (``plrep._files.write_atomic``): a temporary file beside ``path``, then a rename.

    The format follows the suffix (``.png``, ``.svg``); a symlink or special file at ``path``
    is refused. An existing file is replaced: the command line checks ``--force`` before it
    calls this with a temporary file of its own.
    """
    suffix = Path(path).suffix
    return write_atomic(
        path,
        lambda temporary: figure.savefig(temporary, format=suffix.lstrip(".").lower(), bbox_inches="tight"),
        argument="path",
        force=True,
    )


def _columns(report) -> tuple[list[int], bool]:
    count = report.space.group.num_simples
    if count <= _MAX_COLUMNS:
        return list(range(count)), False
    keys = sorted({i for s in report.summaries.values() for i in s.key_simples})
    return keys[: _MAX_COLUMNS - 1], True


def plot_inspection(report, path=None, *, title: str | None = None):
    """Left: log10 share of each array's energy per simple; right: sorted unit purities.

    Args:
        report: a ``plrep.inspection.InspectionReport``.
        path: where to save the picture (``.png`` or ``.svg``), optional.
        title: figure title (default: the source and group).

    Returns:
        The matplotlib ``Figure``.
    """
    import matplotlib.pyplot as plt

    simples = report.space.group.simples
    columns, rest = _columns(report)
    relative = report.relative()
    shown = relative[:, columns]
    labels = [simples[i].name for i in columns]
    if rest:
        shown = np.c_[shown, np.clip(1.0 - shown.sum(axis=1), 0.0, 1.0)]
        labels.append("rest")
    names = report.names
    width = min(4 + 0.32 * len(labels), 16)
    figure, (left, right) = plt.subplots(
        1,
        2,
        figsize=(width + 5.5, 2.2 + 0.45 * max(len(names), 3)),
        width_ratios=[width, 4.5],
        layout="constrained",
    )
    logs = np.log10(np.maximum(shown, _FLOOR))
    # The colour range follows the data (a fixed -8 washed out a map whose shares are all > 1e-3),
    # from the smallest share shown (floor 1e-8) to 1; the colour bar states it.
    low = min(-1.0, float(np.floor(logs.min()))) if logs.size else np.log10(_FLOOR)
    image = left.imshow(logs, aspect="auto", cmap="viridis", vmin=low, vmax=0)
    left.set_xticks(range(len(labels)), labels, rotation=90, fontsize=8)
    left.set_yticks(range(len(names)), names, fontsize=8)
    left.set_xlabel("simple" + (" (key simples; 'rest' = all others)" if rest else ""))
    left.set_title("share of each array's energy per simple")
    floor = " (floor)" if low <= np.log10(_FLOOR) else ""
    figure.colorbar(image, ax=left, label=f"log10 share, {low:g}{floor} to 0", fraction=0.05, pad=0.02)
    for row, summary in enumerate(report.summaries.values()):
        purity = np.sort(summary.purity[~np.isnan(summary.purity)])[::-1]
        if purity.size:
            right.plot(
                np.linspace(0, 1, purity.size),
                purity,
                marker="." if purity.size < 60 else None,
                label=names[row],
            )
    right.set_ylim(0, 1.02)
    right.set_xlabel("units, sorted by purity (fraction)")
    right.set_ylabel("purity (largest energy share)")
    right.set_title("per-unit purity")
    right.grid(alpha=0.3)
    if names:
        right.legend(fontsize=7, loc="lower left")
    figure.suptitle(title or f"{report.source} over {report.space.group.name} ({report.space.size} points)")
    if path is not None:
        save_figure(figure, path)
    return figure
