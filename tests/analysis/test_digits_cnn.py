"""analysis/digits_cnn.py at toy size: it learns, its energies are right, and the theory's zeros hold."""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "analysis" / "digits_cnn.py"
CHANCE = 0.1  # ten balanced classes


def _load_script():
    spec = importlib.util.spec_from_file_location("digits_cnn", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("digits_cnn")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,  # a safety net for hangs; the quick run takes about half a minute on 2 cores
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return out, json.loads((out / "digits_cnn.json").read_text())


def test_the_toy_network_learns_far_above_chance(quick_run):
    out, result = quick_run
    assert (out / "digits_cnn_flow.png").stat().st_size > 10_000
    assert result["widths"] == [1, 6, 8] and result["num_test_images"] == 360
    # 300 Adam steps reach about 0.73 on the test images; chance is 0.1
    assert result["test_accuracy"] > CHANCE + 0.3 and result["train_accuracy"] > CHANCE + 0.3
    stages = [layer["stage"] for layer in result["layers"]]
    assert stages == ["input", "layer 1 conv", "layer 1 relu", "layer 2 conv", "layer 2 relu"]
    for layer in result["layers"]:
        assert sum(layer["energy_share"].values()) == pytest.approx(1.0, abs=1e-9)
        assert layer["key_simples"] and set(layer["key_simples"]) <= set(result["simples"])
        alive = [c["purity"] for c in layer["channels"] if c["purity"] is not None]
        assert len(alive) == len(layer["channels"]) - layer["dead_channels"] > 0
        assert all(0 < p <= 1 + 1e-12 for p in alive)


def test_input_energies_match_a_2d_fft_of_the_test_images(quick_run):
    """The reference: numpy's 2-D FFT, |X(u, v)|^2 / 64 summed over the pair (u, v), (-u, -v)."""
    _, result = quick_run
    module = _load_script()
    x, _, _, test_idx = module.load_images(0)
    images = x[test_idx, 0].reshape(-1, 8, 8).astype(np.float64)
    power = (np.abs(np.fft.fft2(images)) ** 2).sum(axis=0) / 64
    share = result["layers"][0]["energy_share"]
    total = power.sum()
    for name, value in share.items():
        u, v = map(int, re.fullmatch(r"L\((\d+),(\d+)\)", name).groups())
        pair = {(u, v), ((-u) % 8, (-v) % 8)}
        assert value == pytest.approx(sum(power[p] for p in pair) / total, rel=1e-4, abs=1e-9), name


def test_linear_steps_create_nothing_and_relu_stays_inside_kernel_containment(quick_run):
    _, result = quick_run
    theory = result["theory"]
    single = theory["single_simple_inputs"]
    # Exact zeros of the theory, seen through float32 round-off (~1e-14); far from the allowed
    # energies the flow carries (1e-6 and up).
    assert single["max_unreached_linear"] < 1e-9
    assert single["max_unreached_relu_by_containment"] < 1e-9
    for step in theory["test_images"]:  # real images carry every simple: nothing is unreached
        assert step["linear"]["carrying"] == 34 and step["linear"]["unreached"] == 0.0
