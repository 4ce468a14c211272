"""Figure 1: the "guitar string": ReLU(sin x) and |sin x| with their harmonics (docs/math.md §3)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from paper_repro._common import picture
from plrep.spectra import activation_spectrum, decay_rate, nonzero_harmonics

CAPTION = (
    "ReLU(sin x) (top) and |sin x| (bottom): left, the function (black) with its constant term, "
    "fundamental and first harmonics drawn as separate curves; right, |Fourier coefficients| on a "
    "log scale. Only multiples of the input frequency appear; |x| is even, so |sin x| has only even "
    "harmonics, and ReLU = x/2 + |x|/2 adds just the fundamental sin(x)/2 to them. Coefficients "
    "decay like k^-2 (fitted exponent in the data file)."
)
ACTIVATIONS = ("relu", "abs")


def make(out_dir: Path, quick: bool) -> dict:
    from plrep.plotting.spectra import plot_spectra, save_figure

    harmonics = 16 if quick else 64
    data = {
        "convention": "f(x) = a0 + sum_k (a_k cos kx + b_k sin kx)",
        "harmonics": harmonics,
        "spectra": [],
    }
    for name in ACTIVATIONS:
        spectrum = activation_spectrum(name, harmonics=harmonics)
        entry = spectrum.to_dict()
        entry["nonzero_harmonics"] = list(nonzero_harmonics(spectrum))
        entry["decay_exponent"] = decay_rate(spectrum)
        data["spectra"].append(entry)
    m = np.arange(1, harmonics // 2 + 1)
    data["math_md_series"] = {
        "relu": {"a0": 1 / np.pi, "b1": 0.5, "a_2m": (-2 / (np.pi * (4 * m**2 - 1))).tolist()},
        "abs": {"a0": 2 / np.pi, "a_2m": (-4 / (np.pi * (4 * m**2 - 1))).tolist()},
    }
    figure = plot_spectra(ACTIVATIONS, harmonics=min(harmonics, 24), shown=4)
    save_figure(figure, out_dir / picture("guitar_string"), dpi=80 if quick else 130)
    (out_dir / "guitar_string.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return {"files": [picture("guitar_string"), "guitar_string.json"], "params": {"harmonics": harmonics}}
