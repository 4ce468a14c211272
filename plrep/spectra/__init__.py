"""Activation spectra: the Fourier series of sigma(a sin x + b), and their C_n sampling.

Closed forms for the ReLU/PReLU family and powers, kink-split Gauss–Legendre or spectral
quadrature for everything else; ``discrete_energies`` samples a simple of C_n instead.
"""

from plrep.spectra._discrete import aliased_energies, discrete_energies, simple_vector
from plrep.spectra._series import (
    MAX_HARMONICS,
    Spectrum,
    activation_spectrum,
    complex_coefficients,
    decay_rate,
    harmonic_magnitudes,
    nonzero_harmonics,
)

__all__ = [
    "MAX_HARMONICS",
    "Spectrum",
    "activation_spectrum",
    "aliased_energies",
    "complex_coefficients",
    "decay_rate",
    "discrete_energies",
    "harmonic_magnitudes",
    "nonzero_harmonics",
    "simple_vector",
]
