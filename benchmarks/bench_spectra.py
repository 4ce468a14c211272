"""Activation spectra: ours vs scipy.integrate.quad computing the same Fourier coefficients.

The baseline integrates a_0..a_K and b_1..b_K (2K + 1 integrals) with QUADPACK, passing the
kinks of sigma(a sin x + b) as ``points`` (as an informed user would).
"""

from __future__ import annotations

import time
import warnings

import numpy as np
from scipy.integrate import quad

from benchmarks._timing import best_of, row, side_by_side
from plrep.activations import activation
from plrep.spectra import activation_spectrum
from plrep.spectra._numeric import breakpoints

HARMONICS = 64


def quad_spectrum(name: str, a: float, b: float, harmonics: int = HARMONICS) -> np.ndarray:
    act = activation(name)
    points = [p for p in np.unique(breakpoints(np.array([a]), np.array([b]), act.kinks)) if 0 < p < 2 * np.pi]

    def integral(weight):
        return quad(
            lambda x: float(act(a * np.sin(x) + b)) * weight(x),
            0,
            2 * np.pi,
            points=points or None,
            limit=200,
        )[0]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cos = [integral(lambda x, k=k: np.cos(k * x)) for k in range(harmonics + 1)]
        sin = [integral(lambda x, k=k: np.sin(k * x)) for k in range(1, harmonics + 1)]
    cos[0] /= 2.0  # a_0 is the mean
    return np.array(cos + sin) / np.pi


def one_pair(name: str, method: str) -> dict:
    a, b = 1.7, -0.4
    ours, base = side_by_side(
        lambda: activation_spectrum(name, harmonics=HARMONICS, amplitude=a, bias=b, method=method),
        lambda: quad_spectrum(name, a, b),
        repeats=3,
    )
    return row(
        f"{name} ({method}): {HARMONICS} harmonics at one (a, b)",
        ours,
        base,
        "scipy.integrate.quad, 129 integrals, kinks as points",
        "target: ours < 10 ms",
    )


def grid(name: str, pairs: int = 1000, sampled: int = 10) -> dict:
    rng = np.random.default_rng(0)
    a, b = rng.uniform(-3, 3, pairs), rng.uniform(-2, 2, pairs)
    ours = best_of(
        lambda: activation_spectrum(name, harmonics=HARMONICS, amplitude=a, bias=b, method="numeric"),
        repeats=3,
    )
    start = time.perf_counter()
    for i in range(sampled):
        quad_spectrum(name, float(a[i]), float(b[i]))
    base = (time.perf_counter() - start) * pairs / sampled
    return row(
        f"{name} (numeric): {HARMONICS} harmonics at {pairs} (a, b) pairs, vectorised",
        ours,
        base,
        "scipy.integrate.quad per pair",
        f"baseline timed on {sampled} pairs and scaled to {pairs}; target: ours < 1 s",
    )


def run() -> list[dict]:
    rows = [one_pair(name, "auto") for name in ("relu", "gelu", "elu", "tanh")]
    rows.append(one_pair("relu", "numeric"))
    rows += [grid(name) for name in ("relu", "gelu", "elu")]
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
