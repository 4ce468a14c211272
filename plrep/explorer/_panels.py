"""The maps and spectra panels' data: activation facts, sampled tables and spectrum grids.

The page evaluates sigma itself (the maps panel needs sigma(v) for every pointer position), with
closed forms written in its JavaScript for the activations it knows (``JS_FORMULAS``); any other
activation of the registry travels as a table of samples that the page interpolates linearly.
"""

from __future__ import annotations

import numpy as np

from plrep.activations import activation
from plrep.spectra import activation_spectrum

__all__ = ["JS_FORMULAS", "TABLE_RANGE", "TABLE_STEP", "activation_info", "parity_words", "spectrum_grid"]

# Fixed names with a closed form in static/core.js; prelu:P and pow:P are parsed there too.
JS_FORMULAS = frozenset(
    (
        "relu",
        "abs",
        "leaky_relu",
        "identity",
        "elu",
        "gelu",
        "silu",
        "softplus",
        "tanh",
        "frelu",
        "sigmoid",
        "sawtooth",
    )
)
# Sampled sigma for the others: |a sin x + b| <= 3 + 2 in the spectra panel, |v| <= sqrt 2 in the maps.
TABLE_RANGE = 6.0
TABLE_STEP = 0.005


def _significant(values: np.ndarray, digits: int = 6) -> list:
    """Rounded to ``digits`` significant digits (JSON size); rounding noise below 1e-12 of the scale is 0."""
    values = np.asarray(values, dtype=np.float64)
    scale = float(np.max(np.abs(values), initial=0.0))
    cleaned = np.where(np.abs(values) <= 1e-12 * scale, 0.0, values)
    return np.vectorize(lambda v: float(f"{v:.{digits}g}"), otypes=[float])(cleaned).tolist()


def _formula(name: str) -> bool:
    family = name.partition(":")[0]
    return name in JS_FORMULAS or (family in ("prelu", "pow") and ":" in name)


def _exactly(sigma, sign: float) -> bool:
    """sigma(-x) == sign * sigma(x) to round-off on [-8, 8]: an exactly even (+1) or odd (-1) sigma."""
    x = np.linspace(0.0, 8.0, 1601)
    plus, minus = sigma(x), sigma(-x)
    scale = max(1.0, float(np.max(np.abs(plus))))
    return bool(np.max(np.abs(minus - sign * plus)) <= 1e-12 * scale)


def parity_words(sigma) -> str:
    """Which harmonics sigma(a sin x) has (bias 0), in words; checked against spectra in the tests.

    An even sigma (abs, x^2) has even harmonics only, an odd one (tanh, x^3) odd ones only; sigma
    even up to a linear term (relu = |x|/2 + x/2) adds k = 1, odd up to a constant (sigmoid)
    adds k = 0.

    Example:
        >>> parity_words(activation("abs")), parity_words(activation("relu"))
        ('even: even harmonics only (k = 0, 2, 4, ...)', 'even up to a linear term: even harmonics and k = 1')
    """
    parity = sigma.parity
    if parity.is_affine:
        return "affine: harmonics k = 0, 1 only"
    if parity.odd_linear and _exactly(sigma, 1.0):
        return "even: even harmonics only (k = 0, 2, 4, ...)"
    if parity.even_constant and _exactly(sigma, -1.0):
        return "odd: odd harmonics only (k = 1, 3, 5, ...)"
    if parity.even_constant:
        return "odd up to a constant: odd harmonics and k = 0"
    if parity.odd_linear:
        return "even up to a linear term: even harmonics and k = 1"
    return "neither even nor odd: all harmonics"


def activation_info(name: str) -> dict:
    """What the page needs to evaluate and describe one activation.

    Example:
        >>> info = activation_info("relu")
        >>> info["kinks"], info["parity"], "table" in info
        ([0.0], 'even up to a linear term: even harmonics and k = 1', False)
    """
    sigma = activation(name)
    words = parity_words(sigma)
    info = {"name": sigma.name, "kinks": [float(k) for k in sigma.kinks], "parity": words}
    if not _formula(name):
        x = np.linspace(-TABLE_RANGE, TABLE_RANGE, round(2 * TABLE_RANGE / TABLE_STEP) + 1)
        info["table"] = {"start": -TABLE_RANGE, "step": TABLE_STEP, "values": _significant(sigma(x), 9)}
    return info


def spectrum_grid(name: str, amplitudes, biases, harmonics: int) -> dict:
    """a_k and b_k of sigma(a sin x + b) for every (a, b) of the grids, shape (A, B, K + 1) each.

    Example:
        >>> grid = spectrum_grid("abs", [1.0], [0.0], 2)
        >>> grid["a"]  # |sin x| = 2/pi - (4 / 3 pi) cos 2x - ...
        [[[0.63662, 0.0, -0.424413]]]
    """
    amplitude, bias = np.meshgrid(np.asarray(amplitudes, float), np.asarray(biases, float), indexing="ij")
    spectrum = activation_spectrum(name, harmonics=harmonics, amplitude=amplitude, bias=bias)
    return {"a": _significant(spectrum.a), "b": _significant(spectrum.b), "method": spectrum.method}
