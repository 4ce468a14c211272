"""The progress measures of a training run against the step (Nanda et al. 2023, Figure 7 in kind).

Left: loss per split of the model itself and, where measured, the restricted loss (only the key
simples kept at the ablated intermediate) and the excluded loss (the key simples removed), on a
log scale. Right: the key simples' share of the watched array's non-trivial energy and the Gini
coefficient of that energy over the non-trivial simples.

matplotlib is imported inside the function; the backend is the caller's choice.
"""

from __future__ import annotations

import numpy as np

__all__ = ["plot_progress"]

# Colour per measure, line style per split (train solid, test dashed, others dotted).
_COLOURS = {"loss": "black", "restricted_loss": "tab:green", "excluded_loss": "tab:red"}
_SPLIT_STYLES = {"train": "-", "test": "--"}


def plot_progress(run, *, title: str | None = None):
    """A two-panel figure of a ``plrep.nn.Progress``; returns the matplotlib Figure.

    Example:
        >>> import numpy as np
        >>> from plrep.nn import progress
        >>> t = np.arange(8)
        >>> runs = [{"w": a * np.cos(2 * np.pi * t / 8)[:, None] + 0.1} for a in (0.1, 1.0)]
        >>> figure = plot_progress(progress(runs, "C8", watch="w", show_progress=False))
        >>> len(figure.axes)  # no model: the energy panel alone
        1
    """
    import matplotlib.pyplot as plt

    steps = np.asarray(run.steps)
    has_losses = any(c.startswith(f"{prefix}_") for c in run.columns for prefix in _COLOURS)
    if has_losses:
        figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
    else:  # energy measures only (no model given): one panel
        figure, right = plt.subplots(figsize=(6.5, 4.2), layout="constrained")
        left = None
    drawn = 0
    for prefix, colour in _COLOURS.items():
        for column in run.columns if left is not None else ():
            split = column[len(prefix) + 1 :]
            if column.startswith(f"{prefix}_") and split.isidentifier():
                label = f"{prefix.replace('_', ' ')} ({split})"
                style = _SPLIT_STYLES.get(split, ":")
                left.plot(steps, np.maximum(run.column(column), 1e-12), style, color=colour, label=label)
                drawn += 1
    if drawn:
        left.set_yscale("log")
        left.set_xlabel("training step")
        left.set_ylabel("cross-entropy loss")
        left.legend(fontsize=8)
        left.set_title("loss: full, restricted to the key simples, key simples excluded")
    keys = ", ".join(run.key_names[:8]) + (" ..." if len(run.key_names) > 8 else "")
    right.plot(steps, run.column("key_share"), label=f"key simples' share ({keys})")
    right.plot(steps, run.column("gini"), label="Gini coefficient (non-trivial simples)")
    right.set_ylim(0, 1.02)
    right.set_xlabel("training step")
    right.set_ylabel("fraction")
    right.set_title(f"{run.settings.get('watch', 'watched array')} over {run.settings.get('space', '')}")
    right.legend(fontsize=8, loc="lower right")
    if title:
        figure.suptitle(title)
    return figure
