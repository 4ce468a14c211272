"""Inspecting models: frequency flow and probe vs a forward pass with one rfft per layer;
decomposing along an axis vs the FFT or projector work itself.

The sample count of the network benchmarks is ``PLREP_BENCH_SAMPLES`` (default 100,000, the
issue's size; a smaller number gives a quick run). Run standalone with
``python -m benchmarks.bench_inspect``.
"""

from __future__ import annotations

import os

import jax
import jax.numpy as jnp
import numpy as np
import scipy.fft

from benchmarks._timing import row, side_by_side
from plrep import dense_projector, energies, parse_space
from plrep.nn import NetworkSpec, apply_with_intermediates, frequency_flow, init, probe

N, CHANNELS, LAYERS, BATCH = 256, 16, 3, 2048
SAMPLES = int(os.environ.get("PLREP_BENCH_SAMPLES", "100000"))


def _network():
    spec = NetworkSpec(f"C{N}", (CHANNELS,) * (LAYERS + 1), "relu")
    params = init(jax.random.key(0), spec)
    data = np.random.default_rng(0).normal(size=(SAMPLES, CHANNELS, N)).astype(np.float32)
    return params, data


def _baseline(params, data):
    """A jitted forward pass that also takes one rfft of every layer, batch by batch."""

    @jax.jit
    def forward(params, x):
        _, out = apply_with_intermediates(params, x)
        return [jnp.sum(jnp.abs(jnp.fft.rfft(v)) ** 2, axis=(0, 1)) for v in out.post]

    def call():
        totals = None
        for start in range(0, len(data), BATCH):
            chunk = data[start : start + BATCH]
            if len(chunk) < BATCH:
                chunk = np.concatenate([chunk, np.zeros((BATCH - len(chunk), *chunk.shape[1:]), np.float32)])
            power = forward(params, chunk)
            totals = power if totals is None else [a + b for a, b in zip(totals, power, strict=True)]
        jax.block_until_ready(totals)

    return call


def flow_vs_forward() -> dict:
    params, data = _network()
    ours, base = side_by_side(
        lambda: frequency_flow(params, data, batch_size=BATCH), _baseline(params, data), repeats=2
    )
    return row(
        f"frequency_flow, {SAMPLES} samples, {LAYERS} layers C_{N} x {CHANNELS}",
        ours,
        base,
        "jitted forward + one rfft per layer, same batches",
        "target: ratio <= 2 (input, pre- and post-activation energies of every layer)",
    )


def probe_vs_forward() -> dict:
    params, data = _network()

    def fn(x):
        _, out = apply_with_intermediates(params, x)
        return {f"layer{i + 1}": v for i, v in enumerate(out.post)}

    ours, base = side_by_side(
        lambda: probe(fn, f"C{N}", data, axis=-1, batch_size=BATCH), _baseline(params, data), repeats=2
    )
    return row(
        f"plrep.nn.probe over samples, {SAMPLES} samples, {LAYERS} layers C_{N} x {CHANNELS}",
        ours,
        base,
        "jitted forward + one rfft per layer, same batches",
        "target: ratio <= 2",
    )


def axis_fft() -> dict:
    x = np.random.default_rng(1).normal(size=(N, 4096))

    def baseline():
        spectrum = scipy.fft.rfft(x, axis=0)
        return spectrum.real**2 + spectrum.imag**2

    ours, base = side_by_side(lambda: energies(f"C{N}", x, axis=0), baseline, repeats=7)
    return row(
        f"energies along axis 0, C_{N}, 4096 units",
        ours,
        base,
        "scipy.fft.rfft along axis 0 and |.|^2",
        "target: ratio <= 1.5",
    )


def axis_projectors() -> dict:
    space = parse_space("S4:natural^2")
    stack = np.stack([dense_projector(space, s) for s in range(space.group.num_simples)])
    x = np.random.default_rng(2).normal(size=(space.size, 4096))
    energies(space, x, axis=0)  # builds the cached projector stack once

    def baseline():
        projected = np.einsum("sxy,yu->usx", stack, x, optimize=True)
        return np.square(projected).sum(axis=-1)

    ours, base = side_by_side(lambda: energies(space, x, axis=0), baseline, repeats=7)
    return row(
        "energies along axis 0, S4 on pairs (16 points), 4096 units",
        ours,
        base,
        "einsum with the prebuilt projector stack",
        "target: ratio <= 1.5",
    )


def run() -> list[dict]:
    return [axis_fft(), axis_projectors(), probe_vs_forward(), flow_vs_forward()]


if __name__ == "__main__":
    for result in run():
        print(result)
