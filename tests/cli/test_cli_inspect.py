"""``plrep inspect``: text, JSON and PNG output; one-line errors with exit status 2."""

import json

import jax.numpy as jnp
import numpy as np
import pytest

import plrep.nn
from plrep.cli import main
from plrep.nn import NetworkParams, NetworkSpec, save


@pytest.fixture(scope="module")
def weights(tmp_path_factory):
    spec = NetworkSpec("C6", (1, 3, 2), "relu", readout=2)
    rng = np.random.default_rng(0)
    arrays = {k: jnp.asarray(rng.normal(size=s), jnp.float32) for k, s in spec.parameter_shapes().items()}
    return save(tmp_path_factory.mktemp("net") / "net.npz", NetworkParams(spec, arrays))


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_reports_spectra_flow_containment_and_edges(capsys, weights):
    status, out, err = run(capsys, "inspect", weights, "--format", "json", "--samples", "4")
    assert status == 0 and err == ""
    payload = json.loads(out)
    assert payload["network"] == {"group": "C6", "activation": "relu", "widths": [1, 3, 2], "readout": 2}
    assert np.array(payload["filter_spectra"]["frobenius"]).shape == (2, 4)
    assert np.array(payload["flow"]["post"]).shape == (4, 2, 4)
    assert payload["flow"]["sources"] == [0, 1, 2, 3]
    assert payload["containment"]["ok"] is True
    # Every reported edge lies in the kernel-containment closure of C_6 (orders 1, 6, 3, 2).
    allowed = plrep.nn.kernel_closure(NetworkSpec("C6", (1, 1)).group)
    assert payload["edges"] and all(allowed[e["source"], e["target"]] for e in payload["edges"])


def test_text_output(capsys, weights):
    status, out, _ = run(capsys, "inspect", weights, "--samples", "4")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"{weights}: C6 network, activation relu, widths [1, 3, 2], readout 2"
    assert "kernel containment: OK" in out and "empirical interaction graph" in out


def test_data_mode(capsys, weights, tmp_path):
    data = tmp_path / "x.npy"
    np.save(data, np.random.default_rng(1).normal(size=(10, 6)))
    status, out, _ = run(capsys, "inspect", weights, "--data", data, "--format", "json")
    payload = json.loads(out)
    assert status == 0 and payload["flow"]["sources"] == ["data"] and payload["containment"] is None


def test_png_writes_both_figures(capsys, weights, tmp_path):
    status, out, _ = run(
        capsys, "inspect", weights, "--format", "png", "--out", tmp_path / "pics", "--samples", "2"
    )
    assert status == 0 and "wrote" in out
    for name in ("frequency_flow.png", "filter_spectra.png"):
        assert (tmp_path / "pics" / name).read_bytes().startswith(b"\x89PNG")


def test_data_of_the_wrong_length_exits_2_with_one_line(capsys, weights, tmp_path):
    data = tmp_path / "x.npy"
    np.save(data, np.zeros((10, 7)))
    status, out, err = run(capsys, "inspect", weights, "--data", data)
    assert status == 2 and out == ""
    assert err == (
        "plrep: error: `--data` must have shape (N, 1, 6) or (N, 6) for a network on C6 with 1 input channel(s), "
        "got shape (10, 7) instead\n"
    )


def test_malformed_weights_exit_2_with_one_line(capsys, tmp_path):
    path = tmp_path / "bad.npz"
    np.savez(path, **{"layers.0.weight": np.zeros((1, 1, 4))})
    status, _, err = run(capsys, "inspect", path)
    assert status == 2
    assert err.count("\n") == 1 and "`--group` must be given for" in err and "docs/weights_format.md" in err
    status, _, err = run(capsys, "inspect", tmp_path / "absent.npz")
    assert status == 2 and err.count("\n") == 1 and "does not exist" in err


def test_a_containment_violation_is_a_failure(capsys, weights, monkeypatch):
    # Pretend only loops are allowed: the real edges now count as violations.
    monkeypatch.setattr(
        plrep.nn._containment, "kernel_closure", lambda group: np.eye(group.num_simples, dtype=bool)
    )
    status, out, _ = run(capsys, "inspect", weights, "--samples", "2")
    assert status == 1
    assert "kernel containment: FAILED" in out
