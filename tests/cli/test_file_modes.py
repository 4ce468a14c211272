"""File modes of plrep's atomic writes follow the umask; a forced overwrite keeps the old mode.

Issue 25, item 6: every atomic write left 0600 (``tempfile.mkstemp``'s mode) whatever the
umask, so ``--force`` made a shared file private and the gallery unreadable to others; repro
also left its lock file behind. The expected modes are computed here from the umask by hand.
"""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager

import numpy as np
import pytest

from plrep.cli import main


@contextmanager
def umask(value: int):
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
@pytest.mark.parametrize(
    "argv",
    [
        ["spectrum", "relu", "--format", "json", "--out", "{dir}/s.json"],
        ["spectrum", "relu", "--format", "png", "--out", "{dir}/s.png"],
        ["graph", "C6", "--format", "dot", "--out", "{dir}/g.dot"],
    ],
)
def test_new_files_get_the_umask_mode(capsys, tmp_path, mask, argv):
    target = argv[-1].format(dir=tmp_path)
    with umask(mask):
        assert main([*argv[:-1], target]) == 0, capsys.readouterr().err
    assert mode(target) == 0o666 & ~mask


def test_a_forced_overwrite_keeps_the_old_mode(capsys, tmp_path):
    target = tmp_path / "s.json"
    target.write_text("old")
    os.chmod(target, 0o664)
    with umask(0o077):
        assert main(["spectrum", "relu", "--format", "json", "--out", str(target), "--force"]) == 0
    assert target.read_text().startswith("{") and mode(target) == 0o664


def test_inspection_picture_gets_the_umask_mode(capsys, tmp_path):
    t = np.arange(8)
    np.savez(tmp_path / "acts.npz", hidden=np.stack([np.cos(np.pi * t / 2), np.ones(8)], 1))
    with umask(0o022):
        status = main(
            [
                "inspect",
                str(tmp_path / "acts.npz"),
                "--group",
                "C8",
                "--format",
                "png",
                "--out",
                str(tmp_path),
            ]
        )
    assert status == 0, capsys.readouterr().err
    assert mode(tmp_path / "inspection.png") == 0o644


def test_repro_files_are_readable_by_others_and_no_lock_file_is_left(capsys, tmp_path):
    out = tmp_path / "figs"
    with umask(0o022):
        assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 0
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"index.html", "manifest.json"}
    assert {p.name: mode(p) for p in written} == {p.name: 0o644 for p in written}
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
