"""The analysis scripts run end to end (at toy sizes) and produce what their docstrings promise."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from plrep.cli import main
from plrep.nn import load

ANALYSIS = Path(__file__).resolve().parents[2] / "analysis"


def _run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ANALYSIS / script), *args], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_train_cyclic_net_saves_a_network_plrep_inspect_reads(tmp_path, capsys):
    out = tmp_path / "net.npz"
    stdout = _run(
        "train_cyclic_net.py", "--group", "C8", "--widths", "1,4", "--steps", "30", "--out", str(out)
    )
    assert "kernel containment: OK" in stdout
    params = load(out)
    assert params.spec.group.name == "C8" and params.spec.widths == (1, 4)
    assert main(["inspect", str(out), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["containment"]["ok"]


def test_dws_experiment_dws_error_is_permutation_invariant(tmp_path):
    _run("dws_inr_experiment.py", "--num-inrs", "120", "--train-steps", "40", "--out", str(tmp_path))
    results = json.loads((tmp_path / "dws_inr.json").read_text())
    assert (tmp_path / "dws_inr.png").stat().st_size > 0
    dws, mlp = results["models"]["DWS"], results["models"]["MLP"]
    assert np.isfinite([dws["test_mse"], mlp["test_mse"]]).all()
    assert dws["relative_change"] < 1e-3  # float32 rounding only: the model is invariant
    assert mlp["relative_change"] > dws["relative_change"]


def test_symmetric_graph_stability_writes_a_figure_and_stable_graphs(tmp_path):
    out = tmp_path / "stability.png"
    stdout = _run("symmetric_graph_stability.py", "--ns", "4,5,9", "--out", str(out))
    data = json.loads(out.with_suffix(".json").read_text())
    assert out.stat().st_size > 0 and "graphs equal to n = 9 for n in [5, 9]" in stdout
    assert data["graphs"]["5"]["edges"] == data["graphs"]["9"]["edges"] != data["graphs"]["4"]["edges"]
