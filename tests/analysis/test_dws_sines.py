"""analysis/dws_sines.py at toy size: the JSON (every model, mean and std over seeds), the recorded
INR spec and published setting, the saved data set, and DWS's invariance."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from plrep.nn import load_inr_dataset
from plrep.weightspace import mlp_forward

# One worker runs the whole module under `pytest -n 2`, so the study runs once (its fixture).
pytestmark = pytest.mark.xdist_group("dws_sines")
SCRIPT = Path(__file__).resolve().parents[2] / "analysis" / "dws_sines.py"
MODELS = (
    "DWS",
    "DWS on sign-canonical weights",
    "MLP",
    "MLP + perm. augmentation",
    "MLP on canonical form",
    "MLP on sign+perm canonical form",
    "statistics",
    "MLP on rendered INR",
    "SSL DWS + linear probe",
    "SSL MLP + linear probe",
)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("dws_sines")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--seeds", "2", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,  # a safety net for hangs
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return out, json.loads((out / "dws_sines.json").read_text())


def test_json_has_every_model_with_mean_and_std_over_seeds(quick_run):
    out, results = quick_run
    assert results["quick"] and results["seeds"] == [0, 1]
    assert (out / "dws_sines.png").stat().st_size > 0
    assert tuple(results["models"]) == MODELS
    for row in results["models"].values():
        for key in ("test_mse", "test_r2"):
            values = row[key]["per_seed"]
            assert len(values) == 2 and all(np.isfinite(values))
            assert row[key]["mean"] == pytest.approx(np.mean(values))
            assert row[key]["std"] == pytest.approx(np.std(values))
    target = results["target"]
    assert target["dws_test_r2"] == results["models"]["DWS"]["test_r2"]["mean"]
    assert target["met"] == (
        target["dws_test_r2"] >= 0.9 and target["dws_test_r2"] - target["best_non_invariant_test_r2"] >= 0.2
    )
    assert results["published"]["inr_widths"] == [1, 32, 32, 1]


def test_dws_predictions_do_not_change_under_neuron_permutations(quick_run):
    _, results = quick_run
    changes = results["models"]["DWS"]["max_prediction_change_permuted"]["per_seed"]
    assert max(changes) < 1e-3  # predictions of a and b lie in [0, 10]; float32 rounding only


def test_saved_data_set_reproduces_its_targets_and_records_its_spec(quick_run):
    out, results = quick_run
    data = load_inr_dataset(out / "dws_sines_inrs.npz")
    assert (
        data["spec"] == results["inr_spec"] == json.loads((out / "dws_sines_inrs.json").read_text())["spec"]
    )
    i = int(np.argmax(data["fit_mse"]))
    inr = [(data[f"W{m}"][i], data[f"b{m}"][i]) for m in (1, 2)]
    rendered = mlp_forward(inr, data["coords"], activation="sin")[:, 0]
    assert np.mean((rendered - data["targets"][i]) ** 2) == pytest.approx(data["fit_mse"][i], rel=1e-3)
    np.testing.assert_allclose(
        data["targets"][i], data["a"][i] * np.sin(data["b"][i] * np.pi * data["coords"][:, 0]), atol=1e-4
    )
