"""Activation spectra: the Fourier series of sigma(a sin x + b) (docs/math.md §3).

Convention: f(x) = sigma(a sin x + b) = a_0 + sum_{k>=1} (a_k cos kx + b_k sin kx), so a_0 is
the mean, a_k = (1/pi) int f cos kx, b_k = (1/pi) int f sin kx over one period.

Methods:

* ``"closed"``: exact formulas (``plrep.spectra._closed``) for the PReLU family (relu, abs,
  leaky_relu, prelu:P, identity) at any amplitude and bias, and for pow:P (a finite series).
* ``"numeric"``: for anything else (``plrep.spectra._numeric``): Gauss-Legendre panels split
  at the kinks for kinked activations, an adaptive FFT for smooth ones; both to about
  1e-14 relative to max |f|.
* ``"auto"`` (default): closed form where one exists, else numeric.

The parity rule (docs/math.md §3): at b = 0, f(x + pi) = sigma(-a sin x), so the even part of
sigma makes the even harmonics (and a_0) and the odd part the odd ones. An even sigma gives
only even harmonics, an odd sigma only odd ones; ReLU = x/2 + |x|/2 adds just b_1 = a/2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from plrep._validate import check_choice, check_finite_array, check_finite_real, check_int, describe
from plrep.activations import activation
from plrep.spectra._closed import complex_to_real, pow_coefficients, prelu_coefficients
from plrep.spectra._numeric import numeric_complex_coefficients

__all__ = [
    "MAX_HARMONICS",
    "Spectrum",
    "activation_spectrum",
    "complex_coefficients",
    "decay_rate",
    "harmonic_magnitudes",
    "nonzero_harmonics",
]

MAX_HARMONICS = 100_000
MAX_COEFFICIENTS = 2**27  # per call: 1 GiB for each float64 array of coefficients
Method = Literal["auto", "closed", "numeric"]


@dataclass(frozen=True, eq=False)
class Spectrum:
    """Fourier coefficients of sigma(a sin x + b) for one (a, b) or a batch of them.

    Attributes:
        activation: the activation's name.
        amplitude, bias: arrays of the batch shape (shape () for one pair).
        a: cosine coefficients a_0..a_K, shape (*batch, K + 1).
        b: sine coefficients, shape (*batch, K + 1), with b[..., 0] = 0.
        method: ``"closed"`` or ``"numeric"``.
        error: estimated absolute error of the coefficients, batch shape (0 for closed forms,
            which are exact up to rounding).

    Example:
        >>> s = activation_spectrum("relu", harmonics=2, amplitude=[1.0, 2.0])  # a batch of 2
        >>> s.method, s.a.shape
        ('closed', (2, 3))
        >>> s.a.round(6).tolist()  # ReLU is 1-homogeneous: doubling a doubles every coefficient
        [[0.31831, 0.0, -0.212207], [0.63662, 0.0, -0.424413]]
    """

    activation: str
    amplitude: np.ndarray
    bias: np.ndarray
    a: np.ndarray
    b: np.ndarray
    method: str
    error: np.ndarray

    @property
    def harmonics(self) -> int:
        return self.a.shape[-1] - 1

    def __repr__(self) -> str:
        if not self.amplitude.ndim:
            return (
                f"Spectrum({self.activation!r}, amplitude={float(self.amplitude):g}, bias={float(self.bias):g}, "
                f"harmonics 0..{self.harmonics}, method={self.method!r})"
            )
        return (
            f"Spectrum({self.activation!r}, grid of shape {self.amplitude.shape} (amplitude and bias "
            f"broadcast together), a and b of shape {self.a.shape} = (*grid, harmonic 0..{self.harmonics}), "
            f"method={self.method!r})"
        )

    def table(self, harmonics: int | None = None) -> dict[int, tuple[float, float]]:
        """{k: (a_k, b_k)} for k = 0..``harmonics`` (default all), one (amplitude, bias) only."""
        self._require_scalar("table")
        last = self.harmonics if harmonics is None else min(int(harmonics), self.harmonics)
        return {k: (float(self.a[k]), float(self.b[k])) for k in range(last + 1)}

    def __call__(self, x) -> np.ndarray:
        """The partial sum at points x (scalar spectrum only): shape of x."""
        self._require_scalar("evaluate")
        raw = np.asarray(x) if x is not None else np.asarray(None, dtype=object)
        if raw.dtype == object or not (np.issubdtype(raw.dtype, np.number) or raw.dtype == bool):
            raise TypeError(f"`x` must be real numbers, got {describe(x)} instead")
        if np.iscomplexobj(raw):
            raise TypeError(f"`x` must be real numbers, got {describe(x)} instead")
        x = raw.astype(np.float64)
        if not np.all(np.isfinite(x)):
            raise ValueError("`x` must contain only finite values, got NaN or infinity instead")
        k = np.arange(self.harmonics + 1)
        return np.cos(x[..., None] * k) @ self.a + np.sin(x[..., None] * k) @ self.b

    def to_dict(self) -> dict:
        """The JSON shape of docs/architecture.md: activation, amplitude, bias, a, b (+ method, error)."""
        self._require_scalar("to_dict")
        return {
            "activation": self.activation,
            "amplitude": float(self.amplitude),
            "bias": float(self.bias),
            "a": self.a.tolist(),
            "b": self.b.tolist(),
            "method": self.method,
            "error": float(self.error),
        }

    def _require_scalar(self, what: str) -> None:
        if self.amplitude.ndim:
            raise ValueError(
                f"`{what}` needs a spectrum of one (amplitude, bias), got a batch of shape {self.amplitude.shape}"
            )


def _real_or_array(value, name: str) -> np.ndarray:
    try:
        scalar_like = np.ndim(value) == 0
    except ValueError:  # a ragged list: check_finite_array names the argument
        scalar_like = False
    if scalar_like:
        scalar = value.item() if isinstance(value, np.ndarray) else value
        return np.asarray(check_finite_real(scalar, name))
    return check_finite_array(value, name)


def _pairs(amplitude, bias) -> tuple[np.ndarray, np.ndarray]:
    amplitude, bias = _real_or_array(amplitude, "amplitude"), _real_or_array(bias, "bias")
    try:
        return np.broadcast_arrays(amplitude, bias)
    except ValueError:
        raise ValueError(
            f"`amplitude` and `bias` must broadcast together, got shapes {amplitude.shape} and {bias.shape} instead"
        ) from None


def activation_spectrum(
    sigma,
    *,
    harmonics: int = 16,
    amplitude=1.0,
    bias=0.0,
    method: Method = "auto",
) -> Spectrum:
    """Fourier coefficients a_0..a_K, b_1..b_K of sigma(a sin x + b).

    Args:
        sigma: an activation spec (``"relu"``, ``"prelu:-0.5"``, ``"pow:3"``...), an
            ``Activation``, or a numpy-vectorised callable (wrap it with
            ``activation(fn, kinks=[...])`` to declare its kinks).
        harmonics: K, 0 <= K <= MAX_HARMONICS.
        amplitude, bias: a and b, finite reals or arrays that broadcast together (a grid of
            pairs, computed vectorised).
        method: ``"auto"``, ``"closed"`` or ``"numeric"`` (see the module docstring).

    Returns:
        A ``Spectrum`` with ``a`` and ``b`` of shape (*batch, K + 1).

    Raises:
        ValueError: unknown activation, K out of range, non-finite a or b, no closed form
            for ``method="closed"``, or a callable returning NaN or the wrong shape.

    Example:
        >>> s = activation_spectrum("relu", harmonics=2)
        >>> s.a.round(6).tolist(), s.b.round(6).tolist()
        ([0.31831, 0.0, -0.212207], [0.0, 0.5, 0.0])
    """
    act = activation(sigma)
    harmonics = check_int(harmonics, "harmonics", minimum=0, maximum=MAX_HARMONICS)
    method = check_choice(method, "method", ("auto", "closed", "numeric"))
    amplitude, bias = _pairs(amplitude, bias)
    shape = amplitude.shape
    flat_a, flat_b = amplitude.reshape(-1), bias.reshape(-1)
    if flat_a.size * (harmonics + 1) > MAX_COEFFICIENTS:  # several arrays of this size are built
        raise ValueError(
            f"`harmonics` times the number of (amplitude, bias) pairs must stay at most {MAX_COEFFICIENTS} "
            f"coefficients, got {harmonics + 1} x {flat_a.size} instead"
        )
    # Coefficients are of the size of sigma on [b - |a|, b + |a|]: powers are refused up front,
    # anything else that comes out beyond float64 is refused after (never returned as inf/NaN).
    reach = max(float(np.abs(flat_a).max(initial=0.0)), float(np.abs(flat_b).max(initial=0.0)))
    power = getattr(act, "power", None)
    if act.closed_form == "pow" and power and 2 * reach > 1 and power * math.log10(2 * reach) > 300:
        raise ValueError(
            f"`amplitude` and `bias` must keep (|a| + |b|)^{power} below 1e300 for {act.name}, "
            f"got |a| + |b| up to {2 * reach:.3g} instead"
        )
    if method == "closed" and act.closed_form is None:
        raise ValueError(
            f"`method` must be 'auto' or 'numeric' for {act.name!r}, which has no closed form, got 'closed' instead"
        )
    if method != "numeric" and act.closed_form is not None:
        with np.errstate(over="ignore", invalid="ignore"):
            if act.closed_form == "prelu":
                cos_coef, sin_coef = prelu_coefficients(act.slope, flat_a, flat_b, harmonics)
            else:
                cos_coef, sin_coef = pow_coefficients(act.power, flat_a, flat_b, harmonics)
        if not (np.all(np.isfinite(cos_coef)) and np.all(np.isfinite(sin_coef))):
            raise ValueError(
                f"`amplitude` and `bias` must give {act.name} coefficients within the float64 range, "
                f"got |a|, |b| up to {reach:.3g}, which overflow"
            )
        error, used = np.zeros(flat_a.shape), "closed"
    else:
        complex_coef, error = numeric_complex_coefficients(act, flat_a, flat_b, harmonics)
        (cos_coef, sin_coef), used = complex_to_real(complex_coef), "numeric"
    return Spectrum(
        act.name,
        amplitude.copy(),
        bias.copy(),
        cos_coef.reshape(*shape, harmonics + 1),
        sin_coef.reshape(*shape, harmonics + 1),
        used,
        error.reshape(shape),
    )


def harmonic_magnitudes(spectrum: Spectrum) -> np.ndarray:
    """Amplitude of each real harmonic: |a_0|, then sqrt(a_k^2 + b_k^2) for k >= 1; shape (*batch, K + 1).

    Note the convention: for k >= 1 this is sqrt(a_k^2 + b_k^2) = 2 |c_k| with the c_k of
    ``complex_coefficients`` (the amplitude of the real harmonic a_k cos kx + b_k sin kx).

    Raises:
        TypeError: ``spectrum`` is not a Spectrum.

    Example:
        >>> harmonic_magnitudes(activation_spectrum("abs", harmonics=4)).round(6).tolist()
        [0.63662, 0.0, 0.424413, 0.0, 0.084883]
    """
    if not isinstance(spectrum, Spectrum):
        raise TypeError(f"`spectrum` must be a Spectrum, got {type(spectrum).__name__} instead")
    return np.hypot(spectrum.a, spectrum.b)


def nonzero_harmonics(spectrum: Spectrum, *, tol: float = 1e-10) -> tuple[int, ...]:
    """The harmonics k (0 = the constant) with |c_k| > tol * max_j |c_j| (scalar spectrum).

    The tolerance is relative, so the answer does not change with the scale of sigma; the
    default sits far above the ~1e-14 error of every method.

    Raises:
        ValueError: a batch spectrum, or ``tol`` negative or not finite.

    Example:
        >>> nonzero_harmonics(activation_spectrum("abs", harmonics=6))  # |sin x| is even in x -> x + pi
        (0, 2, 4, 6)
        >>> nonzero_harmonics(activation_spectrum("pow:3", harmonics=8))  # sin^3 = (3 sin x - sin 3x)/4
        (1, 3)
    """
    magnitudes = harmonic_magnitudes(spectrum)
    spectrum._require_scalar("nonzero_harmonics")
    tol = check_finite_real(tol, "tol")
    if tol < 0:
        raise ValueError(f"`tol` must be a finite real number >= 0, got {tol} instead")
    return tuple(int(k) for k in np.flatnonzero(magnitudes > tol * magnitudes.max()))


def decay_rate(spectrum: Spectrum, *, tol: float = 1e-10, start: int | None = None) -> float:
    """The exponent p of a power-law fit |c_k| ~ C k^-p over the nonzero harmonics k >= start.

    A least-squares line through (log k, log |c_k|). ReLU gives p = 2 (its c_k ~ 2/(pi k^2));
    smooth activations give larger p, growing with the fitted range (they decay faster than
    any power). ``start`` defaults to a quarter of the largest nonzero harmonic (at least 1),
    keeping the pre-asymptotic low harmonics out of the fit. Returns ``math.inf`` when fewer
    than two nonzero harmonics are >= start (e.g. pow:1 and pow:2, whose series stop at k = P;
    higher powers such as pow:3 have several nonzero harmonics and get a finite fit).

    Args:
        spectrum: a scalar ``Spectrum``.
        tol: relative threshold of ``nonzero_harmonics``.
        start: the smallest harmonic in the fit, 1 <= start <= K.

    Raises:
        ValueError: a batch spectrum, a bad ``tol`` or ``start``.

    Example:
        >>> round(decay_rate(activation_spectrum("relu", harmonics=64)), 2)
        2.0
        >>> decay_rate(activation_spectrum("pow:2", harmonics=8))  # one nonzero harmonic k >= 1
        inf
    """
    if isinstance(spectrum, Spectrum) and spectrum.harmonics == 0:
        raise ValueError(
            "`spectrum` must have at least 1 harmonic for a decay rate, got one with harmonics = 0 instead"
        )
    nonzero = np.array(nonzero_harmonics(spectrum, tol=tol), dtype=np.int64)
    nonzero = nonzero[nonzero >= 1]
    if start is None:
        start = max(1, int(nonzero.max()) // 4) if nonzero.size else 1
    start = check_int(start, "start", minimum=1, maximum=spectrum.harmonics)
    k = nonzero[nonzero >= start]
    if k.size < 2:
        return math.inf
    slope = np.polyfit(np.log(k), np.log(harmonic_magnitudes(spectrum)[k]), 1)[0]
    return float(-slope)


def complex_coefficients(spectrum: Spectrum) -> np.ndarray:
    """c_k of f = sum_k c_k e^{ikx} for k = 0..K (c_{-k} = conj c_k): c_0 = a_0, c_k = (a_k - i b_k)/2.

    Raises:
        TypeError: ``spectrum`` is not a Spectrum.

    Example:
        >>> c = complex_coefficients(activation_spectrum("relu", harmonics=2))
        >>> c.real.round(6).tolist(), c.imag.round(6).tolist()  # b_1 = 1/2 gives c_1 = -i/4
        ([0.31831, 0.0, -0.106103], [0.0, -0.25, 0.0])
    """
    if not isinstance(spectrum, Spectrum):
        raise TypeError(f"`spectrum` must be a Spectrum, got {describe(spectrum)} instead")
    c = (spectrum.a - 1j * spectrum.b) / 2.0
    c[..., 0] = spectrum.a[..., 0]
    return c
