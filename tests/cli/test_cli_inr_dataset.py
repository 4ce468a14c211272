"""`plrep inr-dataset`: a regenerable INR data set written with its spec, refusals with exit 2."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from plrep.cli import main
from plrep.nn import load_inr_dataset
from plrep.weightspace import mlp_forward

TINY = ["inr-dataset", "--kind", "sines", "--num", "3", "--max-steps", "15", "--widths", "1,6,1"]


def test_writes_the_weights_with_their_spec_and_the_same_seed_gives_the_same_data(tmp_path, capsys):
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    assert main([*TINY, "--seed", "4", "--out", str(first), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert main([*TINY, "--seed", "4", "--out", str(second)]) == 0
    assert "wrote" in capsys.readouterr().out
    data, again = load_inr_dataset(first), load_inr_dataset(second)
    assert data["dataset"] == "sines" and data["seed"] == 4
    assert data["spec"] == payload["spec"] == json.loads((tmp_path / "a.json").read_text())["spec"]
    assert data["spec"]["widths"] == [1, 6, 1] and data["spec"]["max_steps"] == 15
    assert data["spec"]["omega0"] == 30.0  # the kind's default spec otherwise
    for key in ("W1", "b1", "W2", "b2", "a", "b"):
        assert np.array_equal(data[key], again[key]), key
    # each INR reproduces its target up to its recorded fit error (an independent forward pass)
    i = int(np.argmax(data["fit_mse"]))
    rendered = mlp_forward(
        [(data["W1"][i], data["b1"][i]), (data["W2"][i], data["b2"][i])], data["coords"], activation="sin"
    )
    assert np.mean((rendered[:, 0] - data["targets"][i]) ** 2) == pytest.approx(data["fit_mse"][i], rel=1e-3)
    assert payload["fit_mse"]["max"] == pytest.approx(float(np.max(data["fit_mse"])))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--num", "0"], "`--num` must be a positive integer, got 0 instead"),
        (["--widths", "2,4,1"], "`--widths` must start with 1 for sines"),
        (["--widths", "1,0,1"], "`--widths` must be at least 2 comma-separated positive integers"),
        (["--max-steps", "-3"], "`--max-steps` must be"),
    ],
)
def test_bad_arguments_are_one_line_errors(extra, message, tmp_path, capsys):
    assert main([*TINY, *extra, "--out", str(tmp_path / "x.npz")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "x.npz").exists()


def test_never_overwrites_without_force_and_never_follows_a_symlink(tmp_path, capsys):
    out = tmp_path / "d.npz"
    out.write_bytes(b"keep")
    assert main([*TINY, "--out", str(out)]) == 2
    assert "exists" in capsys.readouterr().err and out.read_bytes() == b"keep"
    # the spec's .json beside it is checked before any work as well
    (tmp_path / "e.json").write_text("keep")
    assert main([*TINY, "--out", str(tmp_path / "e.npz")]) == 2
    assert not (tmp_path / "e.npz").exists()
    target = tmp_path / "target.npz"
    target.write_bytes(b"keep")
    os.symlink(target, tmp_path / "link.npz")
    assert main([*TINY, "--out", str(tmp_path / "link.npz"), "--force"]) == 2
    assert target.read_bytes() == b"keep"
    capsys.readouterr()
    assert main([*TINY, "--out", str(out), "--force"]) == 0
    assert load_inr_dataset(out)["spec"]["widths"] == [1, 6, 1]
