"""DWS: vmapped INR fitting vs a Python loop; a DWS layer forward vs a dense linear map.

Run standalone with ``python -m benchmarks.bench_dws``.
"""

from __future__ import annotations

import time

import jax
import jax.numpy as jnp
import numpy as np

from benchmarks._timing import row, side_by_side
from plrep.nn import dws_layer_apply, dws_layer_init, fit_inrs, fit_inrs_loop
from plrep.weightspace import weight_space

NUM_INRS, LOOP_SUBSET, INR_WIDTHS, INR_STEPS = 1000, 50, (1, 32, 1), 300
DWS_WIDTHS, BATCH, CHANNELS = (2, 32, 32, 1), 256, 1


def inr_vmap_vs_loop() -> dict:
    rng = np.random.default_rng(0)
    a, b = rng.uniform(0.5, 2.0, NUM_INRS), rng.uniform(0.5, 3.0, NUM_INRS)
    options = {"widths": INR_WIDTHS, "steps": INR_STEPS}
    fit_inrs(a[:2], b[:2], **options), fit_inrs_loop(a[:1], b[:1], **options)  # compile both
    start = time.perf_counter()
    fit_inrs(a, b, **options)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    fit_inrs_loop(a[:LOOP_SUBSET], b[:LOOP_SUBSET], **options)
    loop = (time.perf_counter() - start) * NUM_INRS / LOOP_SUBSET
    note = (
        f"{NUM_INRS} INRs {INR_WIDTHS}, {INR_STEPS} Adam steps each; the loop was timed on "
        f"{LOOP_SUBSET} INRs and scaled by {NUM_INRS // LOOP_SUBSET} (compilation excluded on both sides)"
    )
    return row("INR fit: vmap vs Python loop", ours, loop, "one jitted fit per INR in a loop", note)


def dws_layer_vs_dense() -> dict:
    space = weight_space(DWS_WIDTHS)
    layer = dws_layer_init(jax.random.key(0), DWS_WIDTHS, CHANNELS, CHANNELS)
    flat = jax.random.normal(jax.random.key(1), (BATCH, space.size * CHANNELS))
    weights = [
        (jnp.asarray(w)[..., None], jnp.asarray(b)[..., None]) for w, b in space.unflatten(np.asarray(flat))
    ]
    dense = jax.random.normal(jax.random.key(2), (space.size, space.size)) / np.sqrt(space.size)
    ours_fn, dense_fn = jax.jit(dws_layer_apply), jax.jit(lambda m, v: v @ m)

    def ours():
        jax.block_until_ready(ours_fn(layer, weights))

    def baseline():
        jax.block_until_ready(dense_fn(dense, flat))

    ours_s, base_s = side_by_side(ours, baseline, repeats=20)
    note = (
        f"widths {DWS_WIDTHS}, N = {space.size}, batch {BATCH}, 1 channel; dense: (N x N) matmul, both jitted"
    )
    return row("DWS layer forward vs dense N x N map", ours_s, base_s, "dense linear map", note)


def run() -> list[dict]:
    return [inr_vmap_vs_loop(), dws_layer_vs_dense()]


if __name__ == "__main__":
    for r in run():
        print(r)
