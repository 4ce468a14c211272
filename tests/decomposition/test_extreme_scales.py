"""Energies of tiny and huge finite inputs: computed on x / 2^k and rescaled, never overflowing."""

import numpy as np
import pytest

from plrep.decomposition import energies
from plrep.gsets import as_gset


@pytest.mark.parametrize("space", ["C4", "S3:natural", "D4"])
@pytest.mark.parametrize("size", [1.34e154, 1e150, 1e-150, 3e-140])
def test_energies_scale_as_the_square_of_the_input(space, size):
    unit = np.random.default_rng(0).uniform(-1, 1, size=as_gset(space).size)
    unit /= np.linalg.norm(unit)  # ||x||^2 = size^2 <= 1.8e308: every true energy is finite
    got = energies(space, unit * size)
    assert np.all(np.isfinite(got))
    # inside float64's normal range: exact up to round-off
    np.testing.assert_allclose(got / size / size, energies(space, unit), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(got.sum() / size / size, np.sum(unit**2), rtol=1e-12)


def test_energies_of_1_34e154_are_finite_and_right():
    got = energies("C4", [1.34e154, 0, 0, 0])
    np.testing.assert_allclose(got, np.array([0.25, 0.5, 0.25]) * 1.34e154 * 1.34e154, rtol=1e-14)
