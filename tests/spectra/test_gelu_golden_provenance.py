"""tests/golden/spectra_gelu_2sin_minus_half.json is the output of its script (mpmath quadrature,
independent of plrep); test_spectra.py compares plrep against the stored values."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def test_the_gelu_golden_file_is_its_script_output():
    spec = importlib.util.spec_from_file_location("make_spectra_gelu", GOLDEN / "make_spectra_gelu.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stored = json.loads((GOLDEN / "spectra_gelu_2sin_minus_half.json").read_text())
    a, b = module.coefficients()
    np.testing.assert_allclose(stored["a"], a, rtol=0, atol=1e-16)
    np.testing.assert_allclose(stored["b"], b, rtol=0, atol=1e-16)
    assert "make_spectra_gelu.py" in stored["source"]
