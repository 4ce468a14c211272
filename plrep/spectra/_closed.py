"""Closed-form Fourier coefficients of sigma(a sin x + b) for the PReLU family and powers.

Convention (docs/math.md §3): f(x) = a_0 + sum_{k>=1} (a_k cos kx + b_k sin kx). Every function
here is vectorised over a batch of (amplitude, bias) pairs of shape (B,) and returns
``(a, b)``, two arrays of shape (B, K + 1) with ``b[:, 0] = 0``.

ReLU. Put A = |a| and x = pi/2 + sgn(a) t, so a sin x + b = A cos t + b. The positive set is
|t| < phi with phi = arccos(clip(-b/A, -1, 1)) (phi = pi when b >= A: always positive; phi = 0
when b <= -A: never). The function is even in t, and with S(m) = sin(m phi)/m, S(0) = phi,

    A_0 = (A sin phi + b phi) / pi,
    A_k = (A (S(k-1) + S(k+1)) + 2 b S(k)) / pi          (k >= 1),

from integrating (A cos t + b) cos kt over (-phi, phi). Back in x,
cos kt = cos(k pi/2) cos kx + sgn(a) sin(k pi/2) sin kx, so a_k = A_k cos(k pi/2) and
b_k = sgn(a) A_k sin(k pi/2). At a = b' = 0 this reproduces docs/math.md §3:
ReLU(sin x) = 1/pi + sin(x)/2 - (2/pi) sum cos(2mx)/(4m^2 - 1).

PReLU with negative slope s: prelu(u) = s u + (1 - s) relu(u); relu is s = 0, abs s = -1,
identity s = 1.

Powers: u = b + a sin x has Laurent coefficients (i a/2, b, -i a/2) at e^{-ix}, 1, e^{ix};
u^P is their P-fold convolution (exact: only harmonics k <= P appear). From the complex
coefficients c_k of f = sum c_k e^{ikx}: a_0 = Re c_0, a_k = 2 Re c_k, b_k = -2 Im c_k.
"""

from __future__ import annotations

import numpy as np

__all__ = ["pow_coefficients", "prelu_coefficients", "relu_coefficients"]

# cos(k pi/2) and sin(k pi/2) exactly, indexed by k mod 4.
_COS_QUARTER = np.array([1.0, 0.0, -1.0, 0.0])
_SIN_QUARTER = np.array([0.0, 1.0, 0.0, -1.0])


def relu_coefficients(
    amplitude: np.ndarray, bias: np.ndarray, harmonics: int
) -> tuple[np.ndarray, np.ndarray]:
    """Fourier coefficients of relu(a sin x + b), shapes (B,) -> two arrays (B, K + 1)."""
    a = np.asarray(amplitude, dtype=np.float64)[:, None]
    b = np.asarray(bias, dtype=np.float64)[:, None]
    big_a = np.abs(a)
    positive = big_a > 0
    ratio = np.where(positive, -b / np.where(positive, big_a, 1.0), 0.0)
    phi = np.where(positive, np.arccos(np.clip(ratio, -1.0, 1.0)), np.where(b > 0, np.pi, 0.0))
    m = np.arange(harmonics + 2)
    # When the input never changes sign (phi = 0 or pi) S(m >= 1) is exactly 0; sin(m * pi) is
    # ~1e-16 in floating point, which a large bias would blow up into spurious harmonics.
    saturated = (np.abs(ratio) >= 1.0) | ~positive
    sines = np.where(saturated, 0.0, np.sin(m * phi) / np.maximum(m, 1))
    s = np.where(m == 0, phi, sines)  # S(0..K+1), shape (B, K+2)
    k = np.arange(harmonics + 1)
    even_t = np.empty((a.shape[0], harmonics + 1))
    # Divide the bounded factors by pi before multiplying by a and b: near float64's largest
    # values, b * phi would overflow although the coefficient itself is finite.
    even_t[:, 0] = big_a[:, 0] * (np.sin(phi[:, 0]) / np.pi) + b[:, 0] * (phi[:, 0] / np.pi)
    if harmonics >= 1:
        lower, upper, middle = s[:, 0 : harmonics - 1 + 1], s[:, 2 : harmonics + 2], s[:, 1 : harmonics + 1]
        even_t[:, 1:] = big_a * ((lower + upper) / np.pi) + b * (middle * (2.0 / np.pi))
    cos_coef = even_t * _COS_QUARTER[k % 4]
    sin_coef = np.sign(a) * even_t * _SIN_QUARTER[k % 4]
    sin_coef[:, 0] = 0.0
    return cos_coef, sin_coef


def prelu_coefficients(
    slope: float, amplitude: np.ndarray, bias: np.ndarray, harmonics: int
) -> tuple[np.ndarray, np.ndarray]:
    """Fourier coefficients of prelu_s(a sin x + b) = s u + (1 - s) relu(u), shapes as above."""
    amplitude = np.asarray(amplitude, dtype=np.float64)
    bias = np.asarray(bias, dtype=np.float64)
    if slope == 1.0:
        cos_coef = np.zeros((amplitude.shape[0], harmonics + 1))
        sin_coef = np.zeros_like(cos_coef)
    else:
        cos_coef, sin_coef = relu_coefficients(amplitude, bias, harmonics)
        cos_coef *= 1.0 - slope
        sin_coef *= 1.0 - slope
    cos_coef[:, 0] += slope * bias
    if harmonics >= 1:
        sin_coef[:, 1] += slope * amplitude
    return cos_coef, sin_coef


def pow_coefficients(
    power: int, amplitude: np.ndarray, bias: np.ndarray, harmonics: int
) -> tuple[np.ndarray, np.ndarray]:
    """Fourier coefficients of (a sin x + b)^P by exact Laurent convolution, shapes as above."""
    a = np.asarray(amplitude, dtype=np.float64)[:, None]
    b = np.asarray(bias, dtype=np.float64)[:, None]
    # laurent[:, P + m] is the coefficient of e^{imx}, m = -P..P.
    laurent = np.zeros((a.shape[0], 2 * power + 1), dtype=np.complex128)
    laurent[:, power] = 1.0
    up, down = -0.5j * a, 0.5j * a  # coefficients of e^{ix} and e^{-ix} in a sin x
    for _ in range(power):
        shifted_up = np.zeros_like(laurent)
        shifted_down = np.zeros_like(laurent)
        shifted_up[:, 1:] = laurent[:, :-1]
        shifted_down[:, :-1] = laurent[:, 1:]
        laurent = b * laurent + up * shifted_up + down * shifted_down
    count = min(power, harmonics) + 1
    complex_coef = np.zeros((a.shape[0], harmonics + 1), dtype=np.complex128)
    complex_coef[:, :count] = laurent[:, power : power + count]
    return complex_to_real(complex_coef)


def complex_to_real(complex_coef: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) from c_k, k = 0..K, of a real f = sum_k c_k e^{ikx}: a_k = 2 Re c_k, b_k = -2 Im c_k."""
    cos_coef = 2.0 * complex_coef.real
    sin_coef = -2.0 * complex_coef.imag
    cos_coef[..., 0] = complex_coef[..., 0].real
    sin_coef[..., 0] = 0.0
    return cos_coef, sin_coef
