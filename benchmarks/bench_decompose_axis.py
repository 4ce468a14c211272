"""Decomposing along an axis vs the FFT or projector work itself (issue target: ratio <= 1.5).

The G-set axis sits in the MIDDLE of a 3-D array (units on both sides), so plrep must move it;
the baselines do only the arithmetic, along that axis, with nothing checked:

* C_256 (one rfft bin per simple, weight 2 off 0 and n/2) and C_16 x C_16 (bins summed into
  simples): ``np.fft.rfftn`` along the axis, the squared modulus, the segment sums (one matmul
  with a weighted 0/1 bins-to-simples matrix);
* S_5 regular (120 points, 7 simples): ``einsum`` with the prebuilt stack of the 7 dense
  projectors (P_s is symmetric and idempotent, so ||P_s x||^2 = <x, P_s x>).

``decompose(space, x, axis=k).energies()`` and ``energies(space, x, axis=k)`` are timed; both
validate x (finite, shape), guard against overflow (powers of two) and move the axis.
Timed in CPU seconds (see ``side_by_side`` below).
Run standalone with ``python -m benchmarks.bench_decompose_axis``.
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks._timing import row
from plrep import decompose, dense_projector, energies, parse_group, parse_space

TARGET = "target: ratio <= 1.5; CPU seconds (process time), interleaved best of 25"


def side_by_side(ours, baseline, *, repeats: int) -> tuple[float, float]:
    """Best CPU times (``time.process_time``) of ``ours`` and ``baseline``, calls alternating.

    CPU time, not wall time: on a shared, oversubscribed machine wall times of these ~50 ms
    calls swing by 2x or more, while the CPU work each side does stays put.
    """
    ours(), baseline()  # warm caches, plans, cached projector stacks

    def once(function) -> float:
        start = time.process_time()
        function()
        return time.process_time() - start

    ours_times, base_times = [], []
    for _ in range(repeats):
        ours_times.append(once(ours))
        base_times.append(once(baseline))
    return min(ours_times), min(base_times)


def _cyclic_bins_to_simples(group) -> np.ndarray:
    """0/1 matrix (rfft bins, simples) of a cyclic product, from the frequencies' canonical ids."""
    factors = group.factors
    half = (*factors[:-1], factors[-1] // 2 + 1)
    freqs = np.stack(np.unravel_index(np.arange(np.prod(half)), half), axis=-1)
    full = np.ones(len(freqs))
    last = factors[-1]
    # bins with 0 < xi_last < n/2 stand for the pair xi, -xi, whose second half rfft leaves out
    full[(freqs[:, -1] > 0) & (2 * freqs[:, -1] != last)] = 2.0
    ids = group.simple_ids(freqs)
    matrix = np.zeros((len(freqs), group.num_simples))
    matrix[np.arange(len(freqs)), ids] = full / group.order
    return matrix


def _cyclic(spec: str, shape: tuple[int, int, int]) -> list[dict]:
    group = parse_group(spec)
    axes = tuple(range(-len(group.factors), 0))
    segments = _cyclic_bins_to_simples(group)
    x = np.random.default_rng(0).normal(size=shape)  # (units, |G|, units)

    def baseline():
        moved = np.moveaxis(x, 1, -1).reshape(shape[0], shape[2], *group.factors)
        spectrum = np.fft.rfftn(moved, axes=axes)
        power = (spectrum.real**2 + spectrum.imag**2).reshape(shape[0], shape[2], -1)
        return power @ segments

    want = baseline()
    got = decompose(group, x, axis=1).energies()
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9 * want.max())
    rows = []
    for label, ours in (
        ("decompose(...).energies()", lambda: decompose(group, x, axis=1).energies()),
        ("energies(...)", lambda: energies(group, x, axis=1)),
    ):
        ours_s, base_s = side_by_side(ours, baseline, repeats=25)
        rows.append(
            row(
                f"{label} along axis 1 of {shape}, {spec}",
                ours_s,
                base_s,
                "np.fft.rfftn along the axis, squared modulus, segment sums into simples",
                TARGET,
            )
        )
    return rows


def _regular_s5(shape: tuple[int, int, int]) -> list[dict]:
    space = parse_space("S5")
    stack = np.stack([dense_projector(space, s) for s in range(space.group.num_simples)])
    x = np.random.default_rng(1).normal(size=shape)

    def baseline():
        projected = np.einsum("sxy,ayb->absx", stack, x, optimize=True)
        return np.einsum("absx,axb->abs", projected, x, optimize=True)

    want = baseline()
    np.testing.assert_allclose(
        decompose(space, x, axis=1).energies(), want, rtol=1e-8, atol=1e-8 * want.max()
    )
    rows = []
    for label, ours in (
        ("decompose(...).energies()", lambda: decompose(space, x, axis=1).energies()),
        ("energies(...)", lambda: energies(space, x, axis=1)),
    ):
        ours_s, base_s = side_by_side(ours, baseline, repeats=25)
        rows.append(
            row(
                f"{label} along axis 1 of {shape}, S5 regular (120 points)",
                ours_s,
                base_s,
                "einsum with the prebuilt stack of the 7 projectors, <x, P_s x>",
                TARGET,
            )
        )
    return rows


def run() -> list[dict]:
    return [
        *_cyclic("C256", (64, 256, 64)),
        *_cyclic("C16xC16", (64, 256, 64)),
        *_regular_s5((32, 120, 64)),
    ]


if __name__ == "__main__":
    for result in run():
        print(
            f"{result['name']}: ours {result['ours_s']:.4g} s, baseline {result['baseline_s']:.4g} s, "
            f"ratio {result['ratio']:.3g}"
        )
