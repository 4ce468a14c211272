"""DWS on the digit-INR weight spaces of ``analysis/dws_digits.py``: parameters and speed of one
equivariant layer against the same map as a dense N x N matrix, and of the DWS classifier
against the MLP on flattened weights.

Run standalone with ``python -m benchmarks.bench_dws_digits``.
"""

from __future__ import annotations

from itertools import pairwise

import jax
import jax.numpy as jnp
import numpy as np

from benchmarks._timing import row, side_by_side
from plrep.nn import dws_apply, dws_init, dws_layer_apply, dws_layer_init
from plrep.weightspace import dws_blocks, weight_space

SETTINGS = {"small": (2, 16, 16, 1), "deep": (2, 32, 32, 32, 1)}  # the INR widths of dws_digits.py
BATCH = 256


def _count(tree) -> int:
    return sum(int(np.size(leaf)) for leaf in jax.tree_util.tree_leaves(tree))


def _weights(space, flat: np.ndarray):
    """Flat vectors (B, N) -> channel-last weights [(W (B, d_m, d_{m-1}, 1), b (B, d_m, 1))]."""
    return [(jnp.asarray(w)[..., None], jnp.asarray(b)[..., None]) for w, b in space.unflatten(flat)]


def layer_vs_dense(name: str, widths) -> dict:
    """One 1 -> 1 channel DWS layer and the same linear map materialised as a dense N x N matrix."""
    space = weight_space(widths)
    layer = dws_layer_init(jax.random.key(0), widths, 1, 1, bias=False)
    apply = jax.jit(dws_layer_apply)

    def flat_out(flat):
        return jnp.concatenate(
            [v.reshape(v.shape[0], -1) for pair in apply(layer, _weights(space, flat)) for v in pair], 1
        )

    dense = np.asarray(flat_out(np.eye(space.size, dtype=np.float32)))  # row i: the image of e_i
    x = np.random.default_rng(0).normal(size=(BATCH, space.size)).astype(np.float32)
    inputs, dense_j, x_j = _weights(space, x), jnp.asarray(dense), jnp.asarray(x)
    matmul = jax.jit(lambda m, v: v @ m)
    error = float(np.max(np.abs(np.asarray(flat_out(x)) - np.asarray(matmul(dense_j, x_j)))))
    ours_s, base_s = side_by_side(
        lambda: jax.block_until_ready(apply(layer, inputs)),
        lambda: jax.block_until_ready(matmul(dense_j, x_j)),
        repeats=20,
    )
    free = _count(layer["terms"])
    note = (
        f"INR widths {widths} ({name}), N = {space.size}, batch {BATCH}, 1 channel; parameters: DWS {free} "
        f"(= dim End_G(V) = {dws_blocks(widths).total}), dense map {space.size**2} entries, a plain "
        f"unconstrained layer also {space.size**2} (ratio {free / space.size**2:.2g}); same outputs to {error:.1e}"
    )
    return row(
        f"DWS layer vs the same map as dense N x N ({name} INRs)", ours_s, base_s, "dense N x N matmul", note
    )


def classifier_vs_mlp(name: str, widths, channels) -> dict:
    """The DWS classifier of dws_digits.py against its MLP on flattened weights (256-256-10)."""
    space = weight_space(widths)
    net = dws_init(jax.random.key(0), widths, channels=channels, out_dim=10, head_width=128)
    dims = [space.size, 256, 256, 10]
    rng = np.random.default_rng(1)
    mlp = [
        (jnp.asarray(rng.normal(size=(a, c)) / np.sqrt(a), jnp.float32), jnp.zeros(c))
        for a, c in pairwise(dims)
    ]
    flat = np.random.default_rng(0).normal(size=(BATCH, space.size)).astype(np.float32)
    weights = [(jnp.asarray(w), jnp.asarray(b)) for w, b in space.unflatten(flat)]
    flat_j = jnp.asarray(flat)

    def mlp_apply(params, x):
        for i, (w, b) in enumerate(params):
            x = x @ w + b
            x = jax.nn.relu(x) if i < len(params) - 1 else x
        return x

    ours, base = jax.jit(dws_apply), jax.jit(mlp_apply)
    ours_s, base_s = side_by_side(
        lambda: jax.block_until_ready(ours(net, weights)),
        lambda: jax.block_until_ready(base(mlp, flat_j)),
        repeats=10,
    )
    note = (
        f"INR widths {widths} ({name}), batch {BATCH}; DWS channels {channels} + head 128: {_count(net)} "
        f"parameters; MLP {space.size}-256-256-10: {_count(mlp)} parameters; both jitted"
    )
    return row(f"DWS classifier vs MLP on flat weights, forward ({name} INRs)", ours_s, base_s, "MLP", note)


def run() -> list[dict]:
    rows = [layer_vs_dense(name, widths) for name, widths in SETTINGS.items()]
    rows += [
        classifier_vs_mlp("small", SETTINGS["small"], (32, 32)),
        classifier_vs_mlp("deep", SETTINGS["deep"], (16, 16)),
    ]
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
