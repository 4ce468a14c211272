"""Hard inputs for the numerical spectra, against mpmath: large amplitudes, kinks near the ends.

Every test input of the older files was resolved by the first grid, so the ~1e-14 accuracy
claim was never exercised; these inputs need the adaptive refinement and the graded cuts next
to a kink (ELU's exponential layer has width 1/a). Each check asks two things: the
coefficients are right to ~1e-14 relative to max|f|, and the reported ``error`` is honest
(at least the true error, up to rounding of the reference).
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

import plrep

mpmath.mp.dps = 30


def _elu(u):
    return u if u >= 0 else mpmath.expm1(u)


def _reference(fn, a, b, k):
    """(a_k, b_k) by mpmath quadrature split at the kink and on its 1/|a cos x0| scale."""
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    points = {mpmath.mpf(0), 2 * mpmath.pi}
    if abs(b) < abs(a):
        first = mpmath.asin(-b / a)
        for x0 in (first % (2 * mpmath.pi), mpmath.pi - first):
            width = 1 / max(abs(a * mpmath.cos(x0)), mpmath.sqrt(abs(a)))
            for step in (0, 1, 3, 10, 30, 100):
                for sign in (1, -1):
                    points.add((x0 + sign * step * width) % (2 * mpmath.pi))
    nodes = sorted(points)

    def f(x):
        return fn(a * mpmath.sin(x) + b)

    cos = mpmath.quad(lambda x: f(x) * mpmath.cos(k * x), nodes) / mpmath.pi
    sin = mpmath.quad(lambda x: f(x) * mpmath.sin(k * x), nodes) / mpmath.pi
    return float(cos / 2 if k == 0 else cos), float(sin)


@pytest.mark.parametrize("amplitude", [1e4, 3e4, 1e5, 1e6, 1e8])
def test_elu_mean_at_large_amplitude_matches_struve(amplitude):
    """a_0 of elu(a sin x) = a/pi - 1/2 + (I_0(a) - L_0(a))/2 (Bessel I and Struve L).

    I_0(a) - L_0(a) = (2/pi) int_0^1 e^{-a t} / sqrt(1 - t^2) dt (Abramowitz-Stegun 12.2.7 with
    nu = 0): a Laplace integral, taken as (2/(pi a)) int_0^a e^{-s} / sqrt(1 - (s/a)^2) ds so
    that no e^a cancels (mpmath's besseli - struvel would need a/2.3 digits).
    """
    a = mpmath.mpf(amplitude)
    laplace = mpmath.quad(lambda s: mpmath.e ** (-s) / mpmath.sqrt(1 - (s / a) ** 2), [0, 1, 10, 60])
    exact = float(a / mpmath.pi - mpmath.mpf(1) / 2 + laplace / (mpmath.pi * a))
    spectrum = plrep.activation_spectrum("elu", harmonics=64, amplitude=amplitude)
    true_error = abs(spectrum.a[0] - exact)
    assert true_error <= 1e-14 * amplitude
    assert float(spectrum.error) >= 0.5 * true_error


@pytest.mark.parametrize(
    ("amplitude", "bias"),
    [(1e5, 0.0), (3e4, 2.5e4), (1e6, -9.99e5), (1e8, 3.0), (50.0, 49.9), (1e3, -1e3 + 1e-3)],
)
def test_elu_coefficients_and_an_honest_error_estimate(amplitude, bias):
    spectrum = plrep.activation_spectrum("elu", harmonics=16, amplitude=amplitude, bias=bias)
    scale = abs(amplitude) + abs(bias)
    worst = 0.0
    for k in (0, 1, 16):
        want_a, want_b = _reference(_elu, amplitude, bias, k)
        worst = max(worst, abs(spectrum.a[k] - want_a), abs(spectrum.b[k] - want_b))
    assert worst <= 1e-13 * scale, worst
    # Honest: the estimate is not below the true error (beyond the reference's own rounding).
    assert float(spectrum.error) + 1e-15 * scale >= worst


@pytest.mark.parametrize("temperature_amplitude", [30.0, 300.0])
def test_steep_smooth_activation_against_mpmath(temperature_amplitude):
    """softplus(a sin x) for large a: a steep smooth corner the FFT rule must refine to."""
    spectrum = plrep.activation_spectrum("softplus", harmonics=8, amplitude=temperature_amplitude)
    for k in (0, 1, 2, 8):
        want_a, want_b = _reference(lambda u: mpmath.log1p(mpmath.e**u), temperature_amplitude, 0.0, k)
        assert abs(spectrum.a[k] - want_a) <= 1e-13 * temperature_amplitude
        assert abs(spectrum.b[k] - want_b) <= 1e-13 * temperature_amplitude
    assert np.all(np.isfinite(spectrum.error))


@pytest.mark.parametrize("amplitude", [30.0, 100.0])
def test_odd_steep_activation_is_refined_although_its_nyquist_bin_is_zero(amplitude):
    """tanh(a sin x) has odd harmonics only, so c_{N/2} = 0 on every grid (N/2 even): a tail
    estimate read from the Nyquist bin alone would accept the first, unresolved grid."""
    spectrum = plrep.activation_spectrum("tanh", harmonics=15, amplitude=amplitude)
    worst = 0.0
    for k in (1, 3, 15):
        want_a, want_b = _reference(mpmath.tanh, amplitude, 0.0, k)
        worst = max(worst, abs(spectrum.a[k] - want_a), abs(spectrum.b[k] - want_b))
    assert worst <= 1e-13, worst
    assert float(spectrum.error) + 1e-15 >= worst


@pytest.mark.parametrize(
    ("name", "amplitude", "bias", "scale"),
    [
        ("softplus", 300.0, 0.0, 300.0),
        ("softplus", 1e4, 0.0, 1e4),
        ("gelu", 200.0, 0.0, 200.0),
        ("tanh", 1e4, 0.0, 1.0),
        ("elu", 1e5, 0.0, 1e5),
        ("elu", 3e4, 2.5e4, 5.5e4),
    ],
)
def test_reported_error_meets_the_accuracy_claim_on_hard_inputs(name, amplitude, bias, scale):
    """The refinement runs until the estimate is ~1e-14 of max|f| (``scale`` here): the reported
    error, an upper estimate of the true one (checked above against mpmath), must say so."""
    spectrum = plrep.activation_spectrum(name, harmonics=16, amplitude=amplitude, bias=bias)
    assert 0.0 <= float(spectrum.error) <= 1e-13 * scale
