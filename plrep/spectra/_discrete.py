"""Discrete counterpart of activation spectra: sigma applied to a vector of L_k in R^{C_n}.

Take v in L_k of C_n (plus an optional constant b in L_0),
v(x) = r cos(2 pi k x / n + phi) + b, x = 0..n-1. Then sigma(v(x)) = f(t_x) with
f(t) = sigma(r sin t + b) and t_x = psi + 2 pi k x / n, psi = phi + pi/2. Writing
f = sum_{m in Z} c_m e^{imt}, the samples are

    sigma(v(x)) = sum_m c_m e^{i m psi} e^{2 pi i (m k) x / n},

so harmonic m of the continuous series lands on DFT frequency m k mod n (and -m on -m k):
F_l = sum_{m k = l mod n} c_m e^{i m psi}, an exact identity (Poisson summation) whenever the
series converges absolutely, as it does for every continuous piecewise-smooth sigma. With
the unnormalised energy ||P_j f||^2 and F_l = (1/n) sum_x f(x) e^{-2 pi i l x / n},
E_j = n (|F_j|^2 + |F_{-j}|^2) for 0 < j < n/2 and E_j = n |F_j|^2 for j = 0, n/2.

``aliased_energies`` truncates the sum to |m| <= K: exact for pow:P once K >= P, geometric
convergence for smooth sigma, and an error of order sum_{|m| > K} |c_m| (about 1/K for ReLU)
otherwise. ``discrete_energies`` decomposes sigma(v) directly with ``plrep.decomposition``.
"""

from __future__ import annotations

import numpy as np

from plrep._validate import check_finite_real, check_int
from plrep.decomposition import energies
from plrep.groups import cyclic
from plrep.spectra._series import activation_spectrum, complex_coefficients

__all__ = ["aliased_energies", "discrete_energies", "simple_vector"]


# One vector of C_n is built and transformed; 2^24 points is 128 MiB of float64.
MAX_N = 2**24


def _check(n, k, radius, phase, bias) -> tuple[int, int, float, float, float]:
    n = check_int(n, "n", minimum=1, maximum=MAX_N)
    k = check_int(k, "k", minimum=0, maximum=n // 2)
    return (
        n,
        k,
        check_finite_real(radius, "radius"),
        check_finite_real(phase, "phase"),
        check_finite_real(bias, "bias"),
    )


def simple_vector(
    n: int, k: int, *, radius: float = 1.0, phase: float = 0.0, bias: float = 0.0
) -> np.ndarray:
    """v(x) = radius cos(2 pi k x / n + phase) + bias, x = 0..n-1: a vector of L_k (plus L_0), shape (n,).

    Raises:
        ValueError: n outside 1..2^24, k outside 0..n // 2, or non-finite radius, phase or bias.

    Example:
        >>> simple_vector(6, 2, bias=1.0).round(6).tolist()  # period 3, mean 1
        [2.0, 0.5, 0.5, 2.0, 0.5, 0.5]
    """
    n, k, radius, phase, bias = _check(n, k, radius, phase, bias)
    return radius * np.cos(2.0 * np.pi * k * np.arange(n) / n + phase) + bias


def discrete_energies(
    sigma, n: int, k: int, *, radius: float = 1.0, phase: float = 0.0, bias: float = 0.0
) -> np.ndarray:
    """Energies ||P_j sigma(v)||^2 on every simple L_j of C_n, j = 0..n//2, shape (n//2 + 1,).

    v is ``simple_vector(n, k, radius=, phase=, bias=)``; the decomposition is
    ``plrep.decomposition.energies`` on the regular module of C_n.

    Args:
        sigma: an activation spec, ``Activation`` or callable.
        n, k: the group C_n and the simple L_k (0 <= k <= n // 2).
        radius, phase, bias: v(x) = radius cos(2 pi k x / n + phase) + bias.

    Raises:
        ValueError: n or k out of range, non-finite radius, phase or bias, or a bad activation.

    Example:
        >>> discrete_energies("pow:2", 8, 1).round(6).tolist()  # cos^2 = (1 + cos 2t)/2: L0 and L2
        [2.0, 0.0, 1.0, 0.0, 0.0]
        >>> discrete_energies("relu", 8, 1).round(6).tolist()  # ReLU on C8: L0, L1, L2, L4
        [0.728553, 1.0, 0.25, 0.0, 0.021447]
    """
    from plrep.activations import activation
    from plrep.spectra._numeric import evaluate

    act = activation(sigma)
    v = simple_vector(n, k, radius=radius, phase=phase, bias=bias)
    return energies(cyclic(n), evaluate(act, v))


def aliased_energies(
    sigma,
    n: int,
    k: int,
    *,
    radius: float = 1.0,
    phase: float = 0.0,
    bias: float = 0.0,
    harmonics: int = 256,
) -> np.ndarray:
    """The energies of ``discrete_energies`` predicted from the continuous spectrum, shape (n//2 + 1,).

    Harmonic m (|m| <= harmonics) of sigma(radius sin t + bias) is added to DFT frequency
    m k mod n with phase e^{i m (phase + pi/2)}; see the module docstring for the error.

    Args:
        sigma, n, k, radius, phase, bias: as ``discrete_energies``.
        harmonics: K, the truncation |m| <= K of the continuous series.

    Example:
        >>> aliased_energies("pow:2", 8, 1).round(6).tolist()  # exact: a finite series
        [2.0, 0.0, 1.0, 0.0, 0.0]
        >>> aliased_energies("relu", 8, 1).round(3).tolist()  # ~1/K from discrete_energies
        [0.73, 1.0, 0.249, 0.0, 0.021]
    """
    n, k, radius, phase, bias = _check(n, k, radius, phase, bias)
    spectrum = activation_spectrum(sigma, harmonics=harmonics, amplitude=radius, bias=bias)
    positive = complex_coefficients(spectrum)  # c_0..c_K
    m = np.arange(-spectrum.harmonics, spectrum.harmonics + 1)
    c = np.concatenate([np.conj(positive[:0:-1]), positive]) * np.exp(1j * m * (phase + np.pi / 2))
    frequency = np.mod(m * k, n)
    dft = np.bincount(frequency, c.real, minlength=n) + 1j * np.bincount(frequency, c.imag, minlength=n)
    power = n * np.abs(dft) ** 2
    j = np.arange(n // 2 + 1)
    return power[j] + np.where((j == 0) | (2 * j == n), 0.0, power[(-j) % n])
