"""CLI rough edges: --version, --debug anywhere, exit 1 for a failed check, file names that match."""

import json

import numpy as np
import pytest

from plrep import __version__
from plrep.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"plrep {__version__}"


def test_debug_after_the_subcommand_is_accepted(capsys):
    status, out, _ = run(capsys, "group", "C4", "--debug")
    assert status == 0 and "L2" in out


@pytest.mark.parametrize(
    ("pattern", "status", "equivariant"),
    [(1 - np.eye(4, dtype=int), 0, True), (np.arange(16).reshape(4, 4) % 3, 1, False)],
)
def test_check_sharing_exit_status_follows_the_check(capsys, tmp_path, pattern, status, equivariant):
    path = tmp_path / "p.npy"
    np.save(path, pattern)
    got, out, _ = run(capsys, "check-sharing", "S4", str(path), "--format", "json")
    assert got == status
    assert json.loads(out)["equivariant"] is equivariant


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("graph", "C4", "--format", "dot", "--out", "x.png"), "`--out` must end in .dot or .gv"),
        (("graph", "C4", "--format", "json", "--out", "x.dot"), "`--out` must end in .json"),
        (("graph", "C4", "--format", "svg", "--out", "x.png"), "`--out` must end in .svg"),
    ],
)
def test_output_suffix_must_match_the_format(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, *argv)
    assert status == 2 and err.startswith(f"plrep: error: {message}")
    assert list(tmp_path.iterdir()) == []


def test_inspect_out_must_not_look_like_a_picture(capsys, tmp_path):
    target = tmp_path / "flow.png"
    status, _, err = run(
        capsys, "inspect", str(tmp_path / "missing.npz"), "--format", "png", "--out", str(target)
    )
    assert status == 2 and "plrep: error:" in err
    assert not target.exists()


def test_json_has_no_negative_zero(capsys):
    status, out, _ = run(capsys, "spectrum", "abs", "--harmonics", "6", "--format", "json")
    assert status == 0
    assert "-0.0," not in out and "-0.0]" not in out
    payload = json.loads(out)
    assert all(np.signbit(v) == (v < 0) for v in payload["b"])


def test_graph_pdf_and_name_labels(capsys, tmp_path):
    out = tmp_path / "d6.pdf"
    status, _, err = run(capsys, "graph", "D6", "--activation", "tanh", "--format", "pdf", "--out", str(out))
    assert status == 0, err
    assert out.read_bytes()[:4] == b"%PDF"
    status, dot, _ = run(capsys, "graph", "D6", "--activation", "tanh", "--format", "dot")
    assert 'label="2b"' in dot and "rankdir=TB" in dot


def test_big_graph_text_is_summarised(capsys):
    status, out, _ = run(capsys, "graph", "C1000000000000", "--method", "condensed")
    lines = out.rstrip("\n").split("\n")
    assert status == 0 and len(lines) == 60 and len(out) < 20_000
    assert lines[-1].startswith("... ") and "more lines" in lines[-1]
    status, full, _ = run(capsys, "graph", "C1000000000000", "--method", "condensed", "--max-lines", "0")
    assert status == 0 and len(full.split("\n")) > 300
    status, small, _ = run(capsys, "graph", "C8", "--layers", "2")
    assert "more lines" not in small and "..." not in small
