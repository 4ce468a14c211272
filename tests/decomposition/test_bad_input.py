"""Bad input to the public entry points of plrep.decomposition: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import numpy as np
import pytest

import plrep
from plrep.decomposition import dense_projector

BAD_INPUT = {
    "dense_projector too large": (
        lambda: plrep.dense_projector(plrep.cyclic(10**6), 1),
        ValueError,
        "`space` must have at most 4096 points",
    ),
    "dense_projector too large (S_n)": (
        lambda: dense_projector(plrep.symmetric(8), 1),
        ValueError,
        "`space` must have at most 4096 points",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name, refuses):
    refuses(*BAD_INPUT[name])


@pytest.mark.parametrize("space", ["C4", "S4:natural"])
def test_energies_scale_before_squaring(space):
    """||x||^2 = 1.7956e308 is finite: no inf from squaring or FFT sums on the way."""
    for x in (np.array([1.34e154, 0.0, 0.0, 0.0]), np.full(4, 6.7e153)):
        norm = float(np.sum((x / 2.0**500) ** 2)) * 2.0**1000
        for got in (plrep.energies(space, x), plrep.decompose(space, x).energies()):
            assert np.all(np.isfinite(got))
            assert abs(got.sum() - norm) <= 1e-14 * norm
    # Tiny inputs keep their relative structure (energies scale exactly by powers of two).
    small = np.array([3e-150, 1e-150, 0.0, 2e-150])
    big = plrep.energies(space, small * 2.0**500)
    np.testing.assert_allclose(
        plrep.energies(space, small) * 2.0**1000, big, rtol=1e-14, atol=1e-14 * big.max()
    )
