"""The page's parity note, for every activation it offers, says what the spectrum shows.

Reference: plrep.activation_spectrum of sigma(a sin x) (bias 0, where the parity rule holds) at
two amplitudes; a harmonic counts as present above 1e-9 of the largest.
"""

import numpy as np
import pytest

from plrep.explorer import explorer_activations
from plrep.explorer._panels import activation_info
from plrep.spectra import activation_spectrum, harmonic_magnitudes

CLAIMS = {
    "even: even harmonics only (k = 0, 2, 4, ...)": lambda k: k % 2 == 0,
    "odd: odd harmonics only (k = 1, 3, 5, ...)": lambda k: k % 2 == 1,
    "even up to a linear term: even harmonics and k = 1": lambda k: k % 2 == 0 or k == 1,
    "odd up to a constant: odd harmonics and k = 0": lambda k: k % 2 == 1 or k == 0,
    "affine: harmonics k = 0, 1 only": lambda k: k <= 1,
    "neither even nor odd: all harmonics": lambda k: True,
}


@pytest.mark.parametrize("spec", explorer_activations())
def test_parity_words_match_the_spectrum(spec):
    words = activation_info(spec)["parity"]
    allowed = CLAIMS[words]
    present = set()
    for amplitude in (1.3, 2.7):
        magnitudes = harmonic_magnitudes(
            activation_spectrum(spec, harmonics=12, amplitude=amplitude, bias=0.0)
        )
        present |= set(np.flatnonzero(magnitudes > 1e-9 * magnitudes.max()).tolist())
    assert all(allowed(k) for k in present), (spec, words, sorted(present))
    # The words name the harmonics that do occur: odd ones for "odd", even ones past k = 0 for
    # "even", k = 1 for "and k = 1", and some harmonic of each parity for "all harmonics".
    if words.startswith("odd"):
        assert any(k % 2 for k in present)
    if words.startswith("even"):
        assert any(k % 2 == 0 and k > 0 for k in present)
    if "and k = 1" in words:
        assert 1 in present
    if "and k = 0" in words:
        assert 0 in present
    if words.startswith("neither"):
        assert any(k % 2 for k in present) and any(k % 2 == 0 and k > 0 for k in present)
    if spec in ("abs", "prelu:-1", "pow:2"):  # exactly even: no "(and k = 1)"
        assert words.startswith("even: even harmonics only") and 1 not in present
