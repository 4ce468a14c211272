"""Regenerable SIREN data sets: folded weights reproduce the fit, the PSNR stop, determinism,
shared initialisation, the spec recorded next to the data, and bad input."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from plrep.nn import INR_DEFAULT_SPECS, INRSpec, fit_sirens, make_inr_dataset, save_inr_dataset

COORDS = np.linspace(-1, 1, 24, dtype=np.float32)[:, None]
SPEC = INRSpec(
    widths=(1, 8, 1), omega0=3.0, output_offset=0.0, learning_rate=1e-2, max_steps=200, psnr_stop=30.0
)


def _numpy_forward(params, i, coords):
    """An independent forward pass of INR i: sin after every layer but the last (numpy)."""
    h = coords.astype(np.float64)
    for m, (w, b) in enumerate(params):
        h = h @ w[i].T.astype(np.float64) + b[i]
        h = np.sin(h) if m < len(params) - 1 else h
    return h[:, 0]


def _targets():
    return np.stack([np.sin(2 * COORDS[:, 0]), 0.5 * np.cos(3 * COORDS[:, 0]), COORDS[:, 0] ** 2])


def test_folded_weights_reproduce_the_reported_error_and_the_psnr_stop_holds():
    targets = _targets()
    params, mse, steps = fit_sirens(targets, COORDS, SPEC)
    for i in range(len(targets)):
        error = np.mean((_numpy_forward(params, i, COORDS) - targets[i]) ** 2)
        assert error == pytest.approx(mse[i], rel=1e-3, abs=1e-7)
        peak = targets[i].max() - targets[i].min()
        psnr = 10 * np.log10(peak**2 / error)
        if steps[i] < SPEC.max_steps:  # stopped early: it had reached the threshold
            assert psnr >= SPEC.psnr_stop - 1e-3
    assert np.any(steps < SPEC.max_steps)
    never = replace(SPEC, psnr_stop=None)
    assert np.all(fit_sirens(targets, COORDS, never)[2] == SPEC.max_steps)


def test_offset_is_folded_into_the_output_bias():
    targets = _targets()
    shifted = replace(SPEC, output_offset=0.5, psnr_stop=None, max_steps=1)
    params, mse, _ = fit_sirens(targets, COORDS, shifted)
    for i in range(len(targets)):
        error = np.mean((_numpy_forward(params, i, COORDS) - targets[i]) ** 2)
        assert error == pytest.approx(mse[i], rel=1e-3)


def test_same_seed_same_arrays_and_chunking_does_not_matter():
    targets = _targets()
    a = fit_sirens(targets, COORDS, SPEC, seed=3, chunk_size=2)
    b = fit_sirens(targets, COORDS, SPEC, seed=3, chunk_size=3)
    for (wa, ba), (wb, bb) in zip(a[0], b[0], strict=True):
        np.testing.assert_allclose(wa, wb, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(ba, bb, rtol=1e-5, atol=1e-6)
    c = fit_sirens(targets, COORDS, SPEC, seed=4)
    assert not np.allclose(a[0][0][0], c[0][0][0])


def test_shared_init_starts_every_inr_from_one_point():
    start = replace(SPEC, learning_rate=1e-9, max_steps=1, psnr_stop=None)
    independent = fit_sirens(_targets(), COORDS, start)[0][0][0]
    shared = fit_sirens(_targets(), COORDS, replace(start, shared_init=True))[0][0][0]
    assert np.ptp(shared, axis=0).max() < 1e-6 < np.ptp(independent, axis=0).max()


def test_sines_dataset_records_the_spec_next_to_the_data(tmp_path):
    spec = replace(INR_DEFAULT_SPECS["sines"], widths=(1, 4, 1), max_steps=5)
    data = make_inr_dataset("sines", 6, spec=spec, seed=2)
    np.testing.assert_allclose(
        data["targets"],
        data["a"][:, None] * np.sin(data["b"][:, None] * np.pi * data["coords"][:, 0]),
        atol=1e-4,
    )
    path = save_inr_dataset(data, tmp_path / "sines.npz")
    with np.load(path, allow_pickle=False) as stored:
        record = json.loads(str(stored["spec_json"]))
        np.testing.assert_array_equal(stored["W1"], data["W1"])
    assert record == json.loads((tmp_path / "sines.json").read_text())
    assert INRSpec.from_dict(record["spec"]) == spec and record["seed"] == 2 and record["num"] == 6
    with pytest.raises(ValueError, match="path"):
        save_inr_dataset(data, path)  # no clobbering without force
    save_inr_dataset(data, path, force=True)


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="`omega0`"):
        INRSpec(widths=(1, 4, 1), omega0=0)
    with pytest.raises(ValueError, match="`bias_init`"):
        INRSpec(widths=(1, 4, 1), bias_init="normal")
    with pytest.raises(ValueError, match="`targets`"):
        fit_sirens(np.zeros((2, 5)), COORDS, SPEC)
    with pytest.raises(TypeError, match="`spec`"):
        fit_sirens(_targets(), COORDS, {"widths": (1, 8, 1)})
    with pytest.raises(ValueError, match="`name`"):
        make_inr_dataset("mnist", 3)
    with pytest.raises(ValueError, match=r"`spec\.widths`"):
        make_inr_dataset("sines", 3, spec=INRSpec(widths=(2, 4, 1)))
    with pytest.raises(ValueError, match="`targets` and `spec`"):
        fit_sirens(np.zeros((10**6, 24)), COORDS, replace(SPEC, max_steps=10**6))
