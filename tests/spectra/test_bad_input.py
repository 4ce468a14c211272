"""Bad input to the public entry points of plrep.spectra: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import numpy as np
import pytest

import plrep
from plrep import spectra
from plrep.spectra import aliased_energies, discrete_energies

BAD_INPUT = {
    "complex_coefficients of a string": (
        lambda: spectra.complex_coefficients("relu"),
        TypeError,
        "`spectrum` must be a Spectrum",
    ),
    "decay_rate start beyond harmonics": (
        lambda: plrep.decay_rate(plrep.activation_spectrum("relu", harmonics=16), start=99),
        ValueError,
        "`start` must be an integer <= 16",
    ),
    "discrete energies of C_(10^9)": (lambda: discrete_energies("relu", 10**9, 1), ValueError, "`n` must be"),
    "aliased energies of C_(10^9)": (lambda: aliased_energies("relu", 10**9, 1), ValueError, "`n` must be"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name):
    call, error, message = BAD_INPUT[name]
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_spectrum_grids_are_capped_before_allocating():
    with pytest.raises(ValueError, match="`harmonics` times the number of"):
        plrep.activation_spectrum("relu", harmonics=4096, amplitude=np.ones(10**5))
