"""Writes the small inputs of `plrep progress` and `plrep ablate`'s help examples (no plrep code).

* ``checkpoints/step_*.npz``: an embedding ``W_E`` of C_13 (13 points x 16 columns) at five
  steps, moving from noise to the frequencies 3 and 5 (what a grokking run's embedding does);
* ``logits.npz`` (array ``logits``, 49 x 7) and ``labels.npy``: modular addition on C_7 x C_7
  (point (a, b) at row 7a + b), logits sum_k cos(2 pi k (a + b - c) / 7) over k = 1, 2, which
  live in the simples L(1,1) and L(2,2): keeping them gives the full loss, removing them chance.

Run from the repository root: ``python examples/progress/make_example.py``.
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def main() -> None:
    rng = np.random.default_rng(0)
    points = np.arange(13)[:, None]
    signal = np.concatenate(
        [np.cos(2 * np.pi * k * points / 13) * np.arange(1, 5) for k in (3, 5)]
        + [np.sin(2 * np.pi * k * points / 13) * np.arange(1, 5) for k in (3, 5)],
        axis=1,
    )
    noise = rng.normal(size=(13, 16))
    (HERE / "checkpoints").mkdir(exist_ok=True)
    for index, step in enumerate((0, 1000, 2000, 3000, 4000)):
        mix = index / 4
        np.savez(HERE / "checkpoints" / f"step_{step:06d}.npz", W_E=(1 - mix) * noise + mix * signal)
    a, b = np.divmod(np.arange(49), 7)
    c = np.arange(7)
    logits = sum(np.cos(2 * np.pi * k * ((a + b)[:, None] - c) / 7) for k in (1, 2))
    np.savez(HERE / "logits.npz", logits=4.0 * logits)
    np.save(HERE / "labels.npy", (a + b) % 7)


if __name__ == "__main__":
    main()
