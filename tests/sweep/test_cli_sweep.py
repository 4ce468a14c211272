"""`plrep sweep` on the command line: the example grids, --status, and bad input (one line, exit 2, nothing written)."""

import builtins
import json
import socket
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from plrep.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "sweeps"


def usage_error(capsys, *argv) -> str:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert status == 2, (argv, err)
    assert out == "" and err.count("\n") == 1 and err.startswith("plrep: error: "), (argv, err)
    return err.strip()


def snapshot(folder: Path) -> dict:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} if folder.exists() else {}


@pytest.mark.parametrize("name", ["graphs", "spectrum"])
def test_example_grids_run_and_resume(tmp_path, capsys, name):
    out = tmp_path / name
    argv = ["sweep", str(EXAMPLES / f"{name}.toml"), "--out", str(out), "--workers", "2", "--format", "json"]
    assert main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    assert (
        report["failed"] == []
        and report["computed"] == report["cells"] == pq.read_table(out / "results.parquet").num_rows
    )
    assert main(["sweep", str(EXAMPLES / f"{name}.toml"), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"{report['cells']} cells, 0 computed, {report['cells']} reused, 0 failed" in text
    assert main(["sweep", "--status", str(out)]) == 0
    assert f"{report['cells']} done, 0 failed, 0 left" in capsys.readouterr().out


def test_status_lists_what_is_left_after_an_interruption(tmp_path, capsys):
    out = tmp_path / "g"
    assert main(["sweep", str(EXAMPLES / "graphs.toml"), "--out", str(out), "--workers", "1"]) == 0
    capsys.readouterr()
    removed = sorted((out / "cells").glob("*.json"))[:5]
    for path in removed:
        path.unlink()
    assert main(["sweep", "--status", str(out), "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["done"] == 19 and sorted(e["cell"] + ".json" for e in status["pending"]) == [
        p.name for p in removed
    ]
    assert set(status["pending"][0]["axes"]) == {"group", "activation"}
    assert main(["sweep", "--status", str(out)]) == 0
    assert "19 done, 0 failed, 5 left" in capsys.readouterr().out
    assert main(["sweep", str(EXAMPLES / "graphs.toml"), "--out", str(out), "--workers", "1"]) == 0
    assert "5 computed, 19 reused" in capsys.readouterr().out


def write(tmp_path, text, name="grid.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ('task = "nope"\n', "`task` must be one of composition, graph, spectrum"),
        (
            'task = "graph"\n[axes]\ngroup = ["C4"]\nactivation = ["relu"]\nwidth = [3]\n',
            "`axes.width` must be a parameter",
        ),
        (
            'task = "graph"\n[axes]\ngroup = []\nactivation = ["relu"]\n',
            "`axes.group` must list at least one value",
        ),
        ('task = "graph"\n[axes]\ngroup = ["C4", "Z7"]\nactivation = ["relu"]\n', "group='Z7'"),
        ('task = "graph"\n[axes\n', "must be valid TOML"),
        (
            'task = "spectrum"\n[axes]\nactivation = ["relu"]\nbias = ['
            + ", ".join(str(i) for i in range(1001))
            + "]\n",
            "at most 1000 cells without --force",
        ),
    ],
)
def test_malformed_grids_exit_2_and_write_nothing(tmp_path, capsys, grid, message):
    out = tmp_path / "out"
    error = usage_error(capsys, "sweep", write(tmp_path, grid), "--out", out)
    assert message in error
    assert not out.exists()


def test_usage_errors(tmp_path, capsys):
    grid = EXAMPLES / "graphs.toml"
    assert "`--out` must name" in usage_error(capsys, "sweep", grid)
    assert "`grid` must be given" in usage_error(capsys, "sweep", "--out", tmp_path / "o")
    assert "has no sweep.json" in usage_error(capsys, "sweep", "--status", tmp_path)
    assert "`--status DIR` must be given alone" in usage_error(capsys, "sweep", grid, "--status", tmp_path)
    assert "`--workers` must be" in usage_error(
        capsys, "sweep", grid, "--out", tmp_path / "o", "--workers", "0"
    )
    assert "`--address` must go with --engine ray" in usage_error(
        capsys, "sweep", grid, "--out", tmp_path / "o", "--address", "x:1"
    )
    assert not (tmp_path / "o").exists()


def test_out_of_another_sweep_exits_2_and_is_left_alone(tmp_path, capsys):
    out = tmp_path / "s"
    assert main(["sweep", str(EXAMPLES / "spectrum.toml"), "--out", str(out), "--workers", "1"]) == 0
    capsys.readouterr()
    before = snapshot(out)
    error = usage_error(capsys, "sweep", EXAMPLES / "graphs.toml", "--out", out)
    assert "holds sweep 'spectrum' (task 'spectrum'); choose another --out" in error
    assert snapshot(out) == before


def test_ray_not_installed_exits_2_naming_the_extra(tmp_path, capsys, monkeypatch):
    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    out = tmp_path / "o"
    error = usage_error(capsys, "sweep", EXAMPLES / "graphs.toml", "--out", out, "--engine", "ray")
    assert "install plrep[ray]" in error
    assert not out.exists()


def test_unreachable_ray_address_exits_2_and_writes_nothing(tmp_path, capsys):
    pytest.importorskip("ray")
    import ray

    if ray.is_initialized():  # the Ray tests' instance would be used instead of the address
        pytest.skip("a Ray instance is running in this process")
    with socket.socket() as probe:  # a loopback port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = tmp_path / "o"
    error = usage_error(
        capsys,
        "sweep",
        EXAMPLES / "graphs.toml",
        "--out",
        out,
        "--engine",
        "ray",
        "--address",
        f"127.0.0.1:{port}",
    )
    assert f"`--address` must reach a Ray cluster, got '127.0.0.1:{port}'" in error
    assert not out.exists()


def test_an_activation_plrep_refuses_is_bad_input_up_front(tmp_path, capsys):
    grid = write(tmp_path, 'task = "spectrum"\n[axes]\nactivation = ["relu", "pow:-1"]\n')
    assert "activation='pow:-1'" in usage_error(capsys, "sweep", grid, "--out", tmp_path / "o")
    assert not (tmp_path / "o").exists()


def test_failed_cells_exit_1_after_running_the_rest(tmp_path, capsys):
    # S3 has no closed form (method exact): that cell fails while running, C4's runs
    text = 'task = "graph"\n[axes]\ngroup = ["C4", "S3"]\nactivation = ["abs"]\n[params]\nmethod = "exact"\n'
    assert main(["sweep", str(write(tmp_path, text)), "--out", str(tmp_path / "o"), "--workers", "1"]) == 1
    out = capsys.readouterr().out
    assert "2 cells, 2 computed, 0 reused, 1 failed" in out and "group=S3" in out
    rows = pq.read_table(tmp_path / "o" / "results.parquet").to_pylist()
    assert [(r["group"], r["status"], r["edges"]) for r in rows] == [
        ("C4", "done", 4),
        ("S3", "failed", None),
    ]
    assert "NoClosedForm" in rows[1]["error"]


def test_unreachable_ray_address_env_is_refused_naming_it(tmp_path, capsys, monkeypatch):
    pytest.importorskip("ray")
    import ray

    if ray.is_initialized():
        pytest.skip("a Ray instance is running in this process")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("RAY_ADDRESS", f"127.0.0.1:{port}")
    out = tmp_path / "o"
    error = usage_error(capsys, "sweep", EXAMPLES / "graphs.toml", "--out", out, "--engine", "ray")
    assert "`RAY_ADDRESS` must reach a Ray cluster" in error
    assert not out.exists()
