"""The command line: JSON contracts of docs/architecture.md and one-line errors."""

import json

import numpy as np
import pytest

from plrep.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_group_json_matches_architecture(capsys):
    status, out, err = run(capsys, "group", "C8", "--format", "json")
    assert status == 0 and err == ""
    payload = json.loads(out)
    assert payload["group"] == "C8" and payload["order"] == 8
    assert [(s["id"], s["name"], s["dim"], s["order"]) for s in payload["simples"]] == [
        (0, "L0", 1, 1),
        (1, "L1", 2, 8),
        (2, "L2", 2, 4),
        (3, "L3", 2, 8),
        (4, "L4", 1, 2),
    ]


def test_group_text_lists_simples(capsys):
    status, out, _ = run(capsys, "group", "C4xC2")
    assert status == 0
    assert out.splitlines()[0] == "C4xC2: order 8, 6 real simple representations"
    assert "L(1,0)" in out


def test_decompose_file_and_inline_values_agree(capsys, tmp_path):
    x = np.random.default_rng(0).normal(size=(3, 12))
    path = tmp_path / "x.npy"
    np.save(path, x)
    status, out, _ = run(capsys, "decompose", "C12", "--input", str(path), "--format", "json")
    assert status == 0
    payload = json.loads(out)
    assert payload["group"] == "C12" and len(payload["simples"]) == 7
    energies = np.array(payload["energies"])
    assert energies.shape == (3, 7) and np.allclose(energies.sum(1), (x**2).sum(1))
    values = ",".join(repr(float(v)) for v in x[1])
    # `--values=...` with "=": the first value may be negative, which argparse would read as a flag.
    status, out, _ = run(capsys, "decompose", "C12", f"--values={values}", "--format", "json")
    assert np.allclose(json.loads(out)["energies"][0], energies[1])


def test_decompose_text(capsys):
    status, out, _ = run(capsys, "decompose", "C4", "--values", "1,0,0,0")
    assert status == 0
    assert "L0=0.25  L1=0.5  L2=0.25" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["group", "C8y"], "plrep: error: `group` must be a spec such as 'C8' or 'C4xC6', got 'C8y' instead"),
        (
            ["group", "C0"],
            "plrep: error: `group` must have factors with n >= 1 (C8, D5, S4, A5, Q8), got 'C0' instead",
        ),
        (
            ["decompose", "C4", "--values", "1,2"],
            "plrep: error: `--values` must have last axis of length 4, got shape (2,) instead",
        ),
        (
            ["decompose", "C4", "--values", "1,2,nan,0"],
            "plrep: error: `--values` must contain only finite values, got NaN or infinity instead",
        ),
        (
            ["decompose", "C4", "--values", "1,a"],
            "plrep: error: `--values` must be comma-separated numbers such as 1,0,0, got '1,a' instead",
        ),
        (
            ["decompose", "C4"],
            "plrep: error: give exactly one of `--input` (a .npy file) and `--values` (comma-separated numbers)",
        ),
        (
            ["decompose", "C4", "--input", "missing.npy"],
            "plrep: error: `--input` must be an existing .npy file, got 'missing.npy', which does not exist",
        ),
        (
            ["decompose", "C4", "--input", "x.txt"],
            "plrep: error: `--input` must be a .npy file, got 'x.txt' instead",
        ),
        (["frobnicate"], "plrep: error: argument command: invalid choice: 'frobnicate'"),
    ],
)
def test_errors_are_one_line_with_status_2(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(message)


def test_pickled_object_arrays_are_refused_without_unpickling(capsys, tmp_path):
    path = tmp_path / "evil.npy"
    np.save(path, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    status, _, err = run(capsys, "decompose", "C2", "--input", str(path))
    assert status == 2
    assert (
        err.strip()
        == f"plrep: error: `--input` must hold a numeric array, got a pickled object array in {str(path)!r} instead"
    )


def test_wrong_length_and_shape_from_file(capsys, tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, np.zeros((2, 2, 4)))
    status, _, err = run(capsys, "decompose", "C4", "--input", str(path))
    assert status == 2 and "got shape (2, 2, 4) instead" in err
    np.save(path, np.zeros(5))
    status, _, err = run(capsys, "decompose", "C4", "--input", str(path))
    assert status == 2 and "last axis of length 4" in err


def test_corrupt_npy_is_refused(capsys, tmp_path):
    path = tmp_path / "bad.npy"
    path.write_bytes(b"not an npy file")
    status, _, err = run(capsys, "decompose", "C4", "--input", str(path))
    assert status == 2 and err.startswith("plrep: error: `--input` must be a valid .npy file")


def test_python_dash_m_entry_point():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "plrep", "group", "C3", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["order"] == 3
