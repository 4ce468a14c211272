"""Issue 25 item 11: the reported ``error`` of a numerical spectrum bounds the true error.

At large amplitude the error is rounding, not truncation (ELU at a = 1e4 once reported 6.9e-12
against a true 1.7e-11; sawtooth and tanh likewise). The reference is mpmath quadrature at 30
digits, split at every kink crossing and on the 1/|a cos x0| scale around it (where ELU's
exponential layer and tanh's step live).
"""

from __future__ import annotations

import mpmath
import pytest

import plrep

SIGMA = {
    "elu": lambda u: u if u >= 0 else mpmath.expm1(u),
    "tanh": mpmath.tanh,
    # The authors' sawtooth (plrep/activations.py): kinks at -3, 0, 3.
    "sawtooth": lambda u: -u - 3 if u < -3 else (u + 3 if u < 0 else (3 - 2 * u if u < 3 else u / 2 - 4.5)),
}
STEEP_POINTS = {"elu": (0.0,), "tanh": (0.0,), "sawtooth": (-3.0, 0.0, 3.0)}


def _reference(name, a, b, k):
    """(a_k, b_k) of sigma(a sin x + b) by mpmath, split where sigma is not smooth or steep."""
    mpmath.mp.dps = 30
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    points = {mpmath.mpf(0), 2 * mpmath.pi}
    for kappa in STEEP_POINTS[name]:
        s = (kappa - b) / a
        if abs(s) > 1:
            continue
        first = mpmath.asin(s)
        for x0 in (first % (2 * mpmath.pi), mpmath.pi - first):
            width = 1 / max(abs(a * mpmath.cos(x0)), mpmath.sqrt(abs(a)))
            for step in (0, 1, 3, 10, 30, 100):
                for sign in (1, -1):
                    points.add((x0 + sign * step * width) % (2 * mpmath.pi))
    nodes = sorted(points)
    fn = SIGMA[name]

    def f(x):
        return fn(a * mpmath.sin(x) + b)

    cos = mpmath.quad(lambda x: f(x) * mpmath.cos(k * x), nodes) / mpmath.pi
    sin = mpmath.quad(lambda x: f(x) * mpmath.sin(k * x), nodes) / mpmath.pi
    return float(cos / 2 if k == 0 else cos), float(sin)


@pytest.mark.parametrize(
    ("name", "amplitude", "bias"),
    [
        ("elu", 1e4, 0.0),
        ("elu", 1e4, 0.7),
        ("sawtooth", 1e4, 0.0),
        ("tanh", 1e4, 0.0),
        ("elu", 1.0, 0.0),
        ("tanh", 1.0, 0.0),
    ],
)
def test_reported_error_bounds_the_true_error(name, amplitude, bias):
    spectrum = plrep.activation_spectrum(name, harmonics=8, amplitude=amplitude, bias=bias, method="numeric")
    worst = 0.0
    for k in (0, 1, 2, 8):
        want_a, want_b = _reference(name, amplitude, bias, k)
        worst = max(worst, abs(spectrum.a[k] - want_a), abs(spectrum.b[k] - want_b))
    error = float(spectrum.error)
    assert error >= worst, (error, worst)
    # ... and stays an estimate, not a blanket: within 100x of the truth (or of 1e-15 scale).
    scale = max(abs(amplitude) if name != "tanh" else 1.0, 1.0)
    assert error <= 100 * max(worst, 1e-15 * scale), (error, worst)
