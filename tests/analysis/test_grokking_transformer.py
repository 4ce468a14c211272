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
import pytest

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


def test_quick_run_writes_the_promised_fields_and_keeps_its_checkpoints(tmp_path):
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


OUT = SCRIPT.parent / "out"


def _committed():
    path = OUT / "grokking_transformer.json"
    if not path.is_file():  # the full run's result is committed with the script
        pytest.skip("analysis/out/grokking_transformer.json is not in this checkout")
    return json.loads(path.read_text())


def test_committed_full_run_agrees_with_its_final_weights():
    """The committed JSON's numbers, recomputed from the committed final weights by numpy alone."""
    from plrep._files import read_npz

    result = _committed()
    weights = read_npz(OUT / "grokking_transformer_final.npz", "weights")
    assert int(weights.pop("step")) == result["steps"]
    p = result["p"]
    power = np.abs(np.fft.fft(weights["W_E"][:p].astype(np.float64), axis=0)) ** 2  # (p, d_model)
    per_frequency = power.sum(axis=1)[1 : p // 2 + 1] * 2  # k and p - k together; p is odd
    shares = per_frequency / per_frequency.sum()
    order = np.argsort(-shares)
    count = int(np.searchsorted(np.cumsum(shares[order]), result["key_fraction"] - 1e-12) + 1)
    assert sorted(int(k) + 1 for k in order[:count]) == result["key_frequencies"]
    keys = np.array(result["key_frequencies"]) - 1
    assert shares[keys].sum() == pytest.approx(result["key_energy_share"], rel=1e-5)
    gt = _module()
    logits = np.asarray(gt.forward({k: jnp.asarray(v) for k, v in weights.items()}, jnp.arange(p * p)))
    pairs = np.arange(p * p)
    correct = logits.argmax(axis=1) == (pairs // p + pairs % p) % p
    _, test_idx = gt.split(p, result["train_fraction"], result["seed"])
    assert correct[test_idx].mean() == pytest.approx(result["test_accuracy"], rel=1e-5)


def test_case_study_caption_reads_back_the_committed_full_run(tmp_path):
    from paper_repro.case_studies import CASE_STUDIES, run_case_study

    result = _committed()
    study = next(s for s in CASE_STUDIES if s.name == "case_grokking_transformer")
    entry = run_case_study(study, tmp_path, quick=False)
    copied = json.loads((tmp_path / "grokking_transformer.json").read_text())
    assert copied["reused"] and copied["test_accuracy"] == result["test_accuracy"]
    assert str(result["key_frequencies"]) in entry["caption"] and "[14, 35, 41, 42, 52]" in entry["caption"]
    assert "grokking_transformer.png" in entry["files"]
