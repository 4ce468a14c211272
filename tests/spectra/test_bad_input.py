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
def test_bad_input_names_the_argument(name, refuses):
    refuses(*BAD_INPUT[name])


def test_spectrum_grids_are_capped_before_allocating():
    with pytest.raises(ValueError, match="`harmonics` times the number of"):
        plrep.activation_spectrum("relu", harmonics=4096, amplitude=np.ones(10**5))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: plrep.activation_spectrum("pow:64", amplitude=1e6), ValueError, "must keep (|a| + |b|)^64"),
        (lambda: plrep.activation_spectrum("pow:3", amplitude=1e300), ValueError, "must keep (|a| + |b|)^3"),
        (lambda: plrep.activation_spectrum("abs", bias=8.99e307), ValueError, "`amplitude` and `bias` must"),
        (lambda: plrep.activation_spectrum("relu", harmonics=4)(None), TypeError, "`x` must be real numbers"),
        (lambda: plrep.activation_spectrum("relu", harmonics=4)("a"), TypeError, "`x` must be real numbers"),
        (lambda: plrep.activation_spectrum("relu", harmonics=4)(np.nan), ValueError, "`x` must contain only"),
        (
            lambda: plrep.decay_rate(plrep.activation_spectrum("relu", harmonics=0)),
            ValueError,
            "`spectrum` must have at least 1 harmonic",
        ),
    ],
)
def test_overflow_and_contract_breaks(call, error, message, refuses):
    refuses(call, error, message)


def test_pow_spectrum_at_the_largest_accepted_size_is_finite():
    spectrum = plrep.activation_spectrum("pow:3", harmonics=4, amplitude=1e99)
    assert np.all(np.isfinite(spectrum.a)) and np.all(np.isfinite(spectrum.b))
