"""Pictures of activation spectra: the "guitar string" of docs/math.md §3.

For f(x) = sigma(a sin x + b) = a_0 + sum_k (a_k cos kx + b_k sin kx): the left panel draws f
and, as separate curves, the constant, the fundamental and the next harmonics
h_k(x) = a_k cos kx + b_k sin kx; the right panel is a stem plot of |c_k| (|a_0|,
sqrt(a_k^2 + b_k^2)) on a log scale, zero harmonics (below ``tol`` relative) left out.
matplotlib is imported here only, and lazily (Agg backend).
"""

from __future__ import annotations

import numpy as np

from plrep.activations import activation
from plrep.spectra import Spectrum, activation_spectrum, harmonic_magnitudes, nonzero_harmonics
from plrep.spectra._numeric import evaluate

__all__ = ["draw_harmonics", "draw_stems", "plot_guitar_string", "plot_spectra", "save_figure"]


def _pyplot():
    """pyplot, imported on first use; the backend is the caller's choice (the CLI picks Agg)."""
    import matplotlib.pyplot as plt

    return plt


def draw_harmonics(ax, spectrum: Spectrum, *, sigma=None, shown: int = 4, points: int = 721) -> None:
    """Draw f (sigma itself if given, else the partial sum), the constant and ``shown`` harmonics."""
    x = np.linspace(0.0, 2.0 * np.pi, points)
    if sigma is not None:
        values = evaluate(activation(sigma), spectrum.amplitude * np.sin(x) + spectrum.bias)
        ax.plot(x, values, color="black", lw=2.2, label="f")
    else:
        ax.plot(x, spectrum(x), color="black", lw=2.2, label="f (partial sum)")
    for k in [k for k in nonzero_harmonics(spectrum) if k <= spectrum.harmonics][: shown + 1]:
        term = spectrum.a[k] * np.cos(k * x) + spectrum.b[k] * np.sin(k * x)
        ax.plot(x, term, lw=1.2, label="constant" if k == 0 else f"k = {k}")
    ax.axhline(0.0, color="grey", lw=0.5)
    ax.set_xticks(np.pi * np.arange(5) / 2, ["0", "π/2", "π", "3π/2", "2π"])
    ax.set_xlabel("x")
    ax.legend(fontsize=7, loc="upper right")


def draw_stems(ax, spectrum: Spectrum, *, tol: float = 1e-10) -> None:
    """Stem plot of |c_k| on a log scale, nonzero harmonics only."""
    magnitudes = harmonic_magnitudes(spectrum)
    k = np.array(nonzero_harmonics(spectrum, tol=tol))
    ax.stem(k, magnitudes[k], basefmt=" ")
    ax.set_yscale("log")
    ax.set_xlabel("harmonic k")
    ax.set_ylabel("|c_k|")


def plot_guitar_string(
    sigma, *, harmonics: int = 16, amplitude: float = 1.0, bias: float = 0.0, shown: int = 4
):
    """A figure with the harmonics of sigma(a sin x + b) (left) and their stem plot (right)."""
    return plot_spectra([sigma], harmonics=harmonics, amplitude=amplitude, bias=bias, shown=shown)


def plot_spectra(sigmas, *, harmonics: int = 16, amplitude: float = 1.0, bias: float = 0.0, shown: int = 4):
    """One row per activation, side by side: harmonics as curves, |c_k| as stems. Returns the Figure."""
    sigmas = list(sigmas)
    if not sigmas:
        raise ValueError("`sigmas` must name at least one activation, got an empty list instead")
    sigmas = [activation(s) for s in sigmas]
    spectra = [activation_spectrum(s, harmonics=harmonics, amplitude=amplitude, bias=bias) for s in sigmas]
    plt = _pyplot()
    figure, axes = plt.subplots(len(spectra), 2, figsize=(10, 3.2 * len(spectra)), squeeze=False)
    for row, sigma, spectrum in zip(axes, sigmas, spectra, strict=True):
        draw_harmonics(row[0], spectrum, sigma=sigma, shown=shown)
        draw_stems(row[1], spectrum)
        title = f"{spectrum.activation}({_argument(spectrum)})"
        row[0].set_title(f"{title} and its harmonics")
        row[1].set_title(f"|coefficients| of {title}")
    figure.tight_layout()
    return figure


def _argument(spectrum: Spectrum) -> str:
    a, b = float(spectrum.amplitude), float(spectrum.bias)
    text = "sin x" if a == 1.0 else f"{a:g} sin x"
    return text if b == 0 else f"{text} {'+' if b > 0 else '-'} {abs(b):g}"


def save_figure(figure, path, *, format: str | None = None, dpi: int = 120) -> None:
    """Write ``figure`` to ``path`` and close it (pyplot keeps every open figure alive)."""
    figure.savefig(path, format=format, dpi=dpi)
    _pyplot().close(figure)
