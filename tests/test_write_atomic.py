"""``plrep._files.write_atomic``: the one atomic writer behind the CLI's ``--out``, sweeps,
INR datasets, composition checkpoints and saved figures.

Each house rule is checked directly from the file system (``os.lstat``, directory listings),
not through the writer's own helpers: a symlink is never followed, a FIFO never opened, an
existing file never replaced without force (and the refusal names the caller's argument and
how to force), a failed write leaves the old file and no temporary file, the mode follows the
umask for a new file and is kept for an overwritten one, and the data reaches the disk (fsync)
before the rename.
"""

from __future__ import annotations

import os
import stat

import pytest

import plrep._files
from plrep._files import write_atomic


def _write_text(text: str):
    return lambda temporary: temporary.write_text(text)


def _listing(folder) -> list[str]:
    return sorted(os.listdir(folder))


def test_a_new_file_is_written_and_nothing_else_is_left(tmp_path):
    target = tmp_path / "out.txt"
    assert write_atomic(target, _write_text("data")) == target
    assert target.read_text() == "data" and _listing(tmp_path) == ["out.txt"]


def test_a_symlink_is_refused_and_its_target_untouched(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    link = tmp_path / "link.txt"
    link.symlink_to(victim)
    for force in (False, True):
        with pytest.raises(
            ValueError, match=r"^`--out` must not be a symbolic link, got '.*link.txt', which is one$"
        ):
            write_atomic(link, _write_text("evil"), argument="--out", force=force)
    assert victim.read_text() == "keep" and os.path.islink(link)
    assert _listing(tmp_path) == ["link.txt", "victim.txt"]


def test_a_dangling_symlink_is_refused_too(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ValueError, match="symbolic link"):
        write_atomic(link, _write_text("evil"), force=True)
    assert not (tmp_path / "nowhere.txt").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    calls = []
    with pytest.raises(
        ValueError, match=r"^`path` must be a regular file path, got '.*pipe', which is a special file$"
    ):
        write_atomic(fifo, calls.append, force=True)  # opening it for writing would block the test
    assert calls == [] and stat.S_ISFIFO(os.lstat(fifo).st_mode) and _listing(tmp_path) == ["pipe"]


@pytest.mark.parametrize(("hint", "argument"), [("--force", "--out"), ("force=True", "path")])
def test_an_existing_file_needs_force_and_the_message_says_how(tmp_path, hint, argument):
    target = tmp_path / "old.txt"
    target.write_text("old")
    calls = []
    expected = (
        f"`{argument}` must be a new file, got {str(target)!r}, which exists (pass {hint} to overwrite it)"
    )
    with pytest.raises(ValueError) as caught:
        write_atomic(target, calls.append, argument=argument, force_hint=hint)
    assert str(caught.value) == expected
    assert calls == [] and target.read_text() == "old"  # refused before any work
    write_atomic(target, _write_text("new"), argument=argument, force=True, force_hint=hint)
    assert target.read_text() == "new" and _listing(tmp_path) == ["old.txt"]


def test_the_error_class_is_the_callers(tmp_path):
    class Usage(ValueError):
        pass

    (tmp_path / "old.txt").write_text("old")
    with pytest.raises(Usage, match="--force"):
        write_atomic(tmp_path / "old.txt", _write_text("x"), force_hint="--force", error=Usage)


@pytest.mark.parametrize("force", [False, True])
def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary_file(tmp_path, force):
    target = tmp_path / "data.bin"
    if force:
        target.write_bytes(b"old contents")
    seen = []

    def half_then_fail(temporary):
        seen.append(temporary)
        assert temporary.parent == tmp_path  # same directory: the rename is atomic
        temporary.write_bytes(b"half")
        raise RuntimeError("disk exploded")

    with pytest.raises(RuntimeError, match="disk exploded"):
        write_atomic(target, half_then_fail, force=force)
    assert not os.path.lexists(seen[0])
    if force:
        assert target.read_bytes() == b"old contents" and _listing(tmp_path) == ["data.bin"]
    else:
        assert _listing(tmp_path) == []


def test_an_interrupt_mid_write_cleans_up_as_well(tmp_path):
    def interrupted(temporary):
        temporary.write_text("partial")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "x.txt", interrupted)
    assert _listing(tmp_path) == []


def test_a_symlink_planted_during_the_write_is_refused_before_the_rename(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    target = tmp_path / "out.txt"

    def plant_link(temporary):
        temporary.write_text("new")
        target.symlink_to(victim)  # someone else, between the first check and the rename

    with pytest.raises(ValueError, match="symbolic link"):
        write_atomic(target, plant_link)
    assert victim.read_text() == "keep" and _listing(tmp_path) == ["out.txt", "victim.txt"]


def test_the_temporary_file_keeps_the_suffix_unless_told(tmp_path):
    names = []
    write_atomic(tmp_path / "fig.png", lambda t: names.append(t.name) or t.write_bytes(b"png"))
    write_atomic(tmp_path / "c.json", lambda t: names.append(t.name) or t.write_text("{}"), suffix=".tmp")
    assert names[0].startswith(".fig.png.") and names[0].endswith(".png")
    assert names[1].startswith(".c.json.") and names[1].endswith(".tmp")


def test_modes_follow_the_umask_and_an_overwrite_keeps_the_old_mode(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", _write_text("x"))
        kept = tmp_path / "kept.txt"
        kept.write_text("x")
        os.chmod(kept, 0o604)
        write_atomic(kept, _write_text("y"), force=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.lstat(tmp_path / "new.txt").st_mode) == 0o640  # 0666 less 0027, by hand
    assert stat.S_IMODE(os.lstat(kept).st_mode) == 0o604


def test_the_data_is_synced_before_the_rename(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor):
        events.append(
            ("fsync", os.readlink(f"/proc/self/fd/{descriptor}") if os.path.isdir("/proc/self/fd") else "")
        )
        return real_fsync(descriptor)

    def replace(source, destination):
        events.append(("replace", str(destination)))
        return real_replace(source, destination)

    monkeypatch.setattr(plrep._files.os, "fsync", fsync)
    monkeypatch.setattr(plrep._files.os, "replace", replace)
    write_atomic(tmp_path / "out.txt", _write_text("x"))
    kinds = [kind for kind, _ in events]
    assert kinds.index("fsync") < kinds.index("replace")
    if os.path.isdir("/proc/self/fd"):  # the file synced is the temporary one, in the same folder
        synced = events[kinds.index("fsync")][1]
        assert os.path.dirname(synced) == os.path.realpath(tmp_path) and synced.endswith(".txt")


def test_the_callers_use_it(tmp_path):
    """The four writers the issue named all refuse a symlink with the shared message."""
    import numpy as np

    from plrep.commands._common import UsageError, write_output
    from plrep.sweep._store import write_atomic as sweep_write

    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "link.npz"
    link.symlink_to(victim)
    with pytest.raises(UsageError, match=r"^`--out` must not be a symbolic link"):
        write_output(link, lambda t: t.write_text("x"), force=True)
    with pytest.raises(ValueError, match=r"^`out` must not be a symbolic link"):
        sweep_write(link, lambda t: t.write_text("x"))
    pytest.importorskip("jax")
    from plrep.nn._composition_checkpoint import save_checkpoint

    settings = {
        "group": "C5",
        "seeds": [0],
        "train_fraction": 0.5,
        "embed_dim": 2,
        "hidden": 2,
        "activation": "relu",
        "learning_rate": 0.1,
        "weight_decay": 0.0,
        "batch_size": 4,
        "schedule": "constant",
        "warmup_steps": 0,
        "hidden_bias": False,
    }
    curves = {0: dict.fromkeys(("train_accuracy", "test_accuracy", "train_loss", "test_loss"), np.zeros(1))}
    with pytest.raises(ValueError, match=r"^`checkpoint` must not be a symbolic link"):
        save_checkpoint(link, settings, 0, {"w": np.zeros(2)}, (), curves, 0.0)
    assert victim.read_text() == "keep"
