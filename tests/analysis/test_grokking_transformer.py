"""analysis/grokking_transformer.py: the model is the published one written out, and --quick runs
the whole pipeline (training with checkpoints, plrep's measures over them, JSON and figures)."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

SCRIPT = Path(__file__).resolve().parents[2] / "analysis" / "grokking_transformer.py"


def _module():
    spec = importlib.util.spec_from_file_location("grokking_transformer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_last_position_model_equals_the_three_position_transformer():
    # forward computes queries, MLP and unembedding at "=" only, from per-token tables;
    # forward_reference runs every position through causal attention as the published model does.
    gt = _module()
    params = gt.init_params(jax.random.key(3), 11, 16, 2, 8, 32)
    pairs = jnp.arange(11 * 11)
    fast = np.asarray(gt.forward(params, pairs))
    reference = np.asarray(gt.forward_reference(params, pairs))
    np.testing.assert_allclose(fast, reference, atol=1e-5 * np.abs(reference).max())


def test_quick_run_writes_the_promised_fields_and_resumes(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads((tmp_path / "grokking_transformer.json").read_text())
    for field in (
        "p",
        "test_accuracy",
        "key_frequencies",
        "key_energy_share",
        "restricted_loss",
        "excluded_loss",
        "full_loss",
        "progress",
        "published",
        "deviations",
    ):
        assert field in result, field
    assert result["p"] == 23 and result["published"]["key_frequencies"] == [14, 35, 41, 42, 52]
    steps = [row["step"] for row in result["progress"]]
    assert steps == list(range(0, 1001, 100))
    assert 0 < result["key_energy_share"] <= 1 and result["train_accuracy"] == 1.0  # a toy memorises
    assert all(1 <= k <= 11 for k in result["key_frequencies"])
    assert (tmp_path / "grokking_transformer.png").stat().st_size > 0
    assert (tmp_path / "grokking_transformer.svg").stat().st_size > 0
    # A second run refuses to overwrite the checkpoints without --resume.
    again = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode != 0 and "--resume" in again.stderr
