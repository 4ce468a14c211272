"""Equivariant networks: FFT layers vs a dense MLP and a dense circulant; ``plrep inspect`` speed.

Run standalone with ``python -m benchmarks.bench_nn``.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

from benchmarks._timing import best_of, row, side_by_side
from plrep.cli import main as cli_main
from plrep.nn import NetworkSpec, apply, circulant_matrix, init, save

N, CHANNELS, LAYERS, BATCH = 256, 16, 3, 256


def _network():
    spec = NetworkSpec(f"C{N}", (CHANNELS,) * (LAYERS + 1), "relu")
    params = init(jax.random.key(0), spec)
    x = jax.random.normal(jax.random.key(1), (BATCH, CHANNELS, N))
    return spec, params, x


def _timed(forward, *args):
    def call():
        jax.block_until_ready(forward(*args))

    return call


def fft_vs_dense_mlp() -> dict:
    _, params, x = _network()
    width = CHANNELS * N
    keys = jax.random.split(jax.random.key(2), LAYERS)
    mlp = [(jax.random.normal(k, (width, width)) / np.sqrt(width), jnp.zeros(width)) for k in keys]

    @jax.jit
    def dense_mlp(layers, v):
        for weight, bias in layers:
            v = jax.nn.relu(v @ weight + bias)
        return v

    ours, base = side_by_side(
        _timed(jax.jit(apply), params, x), _timed(dense_mlp, mlp, x.reshape(BATCH, width)), repeats=5
    )
    return row(
        f"jitted forward, {LAYERS} layers C_{N} x {CHANNELS} channels, batch {BATCH}",
        ours,
        base,
        f"jitted dense MLP {LAYERS} x ({width} x {width}), same batch",
        "target: ratio <= 1",
    )


def fft_vs_dense_circulant() -> dict:
    spec, params, x = _network()
    matrices = [
        jnp.asarray(circulant_matrix(params.weight(i), spec.group), jnp.float32) for i in range(LAYERS)
    ]
    biases = [params.bias(i) for i in range(LAYERS)]

    @jax.jit
    def dense_circulant(matrices, biases, v):
        for matrix, bias in zip(matrices, biases, strict=True):
            flat = v.reshape(BATCH, -1) @ matrix.T
            v = jax.nn.relu(flat.reshape(BATCH, CHANNELS, N) + bias[:, None])
        return v

    fast = jax.jit(apply)
    error = float(jnp.max(jnp.abs(fast(params, x) - dense_circulant(matrices, biases, x))))
    ours, base = side_by_side(
        _timed(fast, params, x), _timed(dense_circulant, matrices, biases, x), repeats=5
    )
    return row(
        f"FFT layers vs dense circulant, {LAYERS} layers C_{N} x {CHANNELS}, batch {BATCH}",
        ours,
        base,
        "jitted dense circulant matmuls (plrep.nn.circulant_matrix, prebuilt)",
        f"max |difference| {error:.1e} (float32)",
    )


def inspect_10k_samples() -> dict:
    spec = NetworkSpec("C64", (1, 16, 16, 16, 16), "relu", readout=3)
    params = init(jax.random.key(3), spec)
    with tempfile.TemporaryDirectory() as tmp:
        weights = save(Path(tmp) / "net.npz", params)
        data = Path(tmp) / "x.npy"
        np.save(data, np.random.default_rng(0).normal(size=(10_000, 64)))
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            status = cli_main(["inspect", str(weights), "--data", str(data), "--format", "json"])
        elapsed = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"plrep inspect exited with status {status}")
    return row(
        "plrep inspect --data: 10,000 samples, 4 layers C_64 x 16 channels",
        elapsed,
        None,
        "none (absolute time, in-process, jax already imported)",
        "target: < 10 s on the CPU",
    )


def forward_c4096() -> dict:
    """The issue's accelerator size: C_4096 x 64 channels, 4 layers, batch 256 (5.6 ms on an H200 before)."""
    spec = NetworkSpec("C4096", (64,) * 5, "relu")
    params = init(jax.random.key(4), spec)
    x = jax.random.normal(jax.random.key(5), (256, 64, 4096))
    forward = _timed(jax.jit(apply), params, x)
    forward()
    return row(
        "jitted forward, 4 layers C_4096 x 64 channels, batch 256",
        best_of(forward, repeats=5),
        None,
        "none (absolute time)",
        f"backend {jax.default_backend()}; accelerators only (about 70 GFLOP)",
    )


def run() -> list[dict]:
    rows = [fft_vs_dense_mlp(), fft_vs_dense_circulant(), inspect_10k_samples()]
    if jax.default_backend() != "cpu":  # seconds per call on a small CPU
        rows.append(forward_c4096())
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
