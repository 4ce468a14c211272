"""Exit statuses of the installed command (issue 25, item 7), run as a shell would run it.

A reader that leaves (``plrep characters S6 | head -c 1``) ends plrep quietly with status 141
(128 + SIGPIPE), as a Unix tool killed by SIGPIPE reports it; a failed write of standard output
(``> /dev/full``) is one line and status 1; special files given as inputs (a link to
/proc/self/mem, /dev/zero, a FIFO) are named for what they are, on one line, status 2, and a
FIFO is never opened (that would block).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from plrep.cli import main

_PLREP = str(Path(sys.executable).parent / "plrep")


def test_a_closed_pipe_ends_quietly_with_the_sigpipe_status():
    process = subprocess.Popen([_PLREP, "characters", "S6"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before plrep writes anything
    _, err = process.communicate(timeout=120)
    assert process.returncode == 141 and err == b""


def test_a_reader_that_takes_one_byte_sees_no_error():
    done = subprocess.run(
        f"set -o pipefail; {_PLREP} characters S6 | head -c 1 >/dev/null",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        timeout=120,
    )
    # 0 when the whole table fitted in the pipe before head left, 141 otherwise; never 1.
    assert done.returncode in (0, 141) and done.stderr == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line_and_status_1():
    with open("/dev/full", "w") as full:
        done = subprocess.run([_PLREP, "characters", "S4"], stdout=full, stderr=subprocess.PIPE, timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 1
    assert err.count("\n") == 1 and err.startswith("plrep: failed: ") and "standard output" in err
    assert "Traceback" not in err and "Exception ignored" not in err


def _usage_error(capsys, *argv) -> str:
    assert main(list(argv)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("plrep: error: ")
    return err


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs /proc")
def test_a_link_to_proc_self_mem_is_a_usage_error(capsys, tmp_path):
    (tmp_path / "x.npy").symlink_to("/proc/self/mem")
    err = _usage_error(capsys, "decompose", "C4", "--input", str(tmp_path / "x.npy"))
    assert "`--input`" in err


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["decompose", "C4", "--input", "{p}"], "x.npy"),
        (["inspect", "{p}", "--group", "C4"], "x.npz"),
        (["inspect", "{p}"], "x.npz"),
        (["inspect", "{p}", "--group", "C4", "--inputs", "{inputs}"], "x.onnx"),
        (["check-sharing", "S4", "{p}"], "x.npy"),
    ],
)
@pytest.mark.parametrize("kind", ["fifo", "character device"])
def test_special_files_are_named_for_what_they_are(capsys, tmp_path, argv, name, kind):
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    inputs = tmp_path / "inputs.npy"
    np.save(inputs, np.zeros((1, 4), np.float32))
    argv = [a.replace("{p}", str(path)).replace("{inputs}", str(inputs)) for a in argv]
    err = _usage_error(capsys, *argv)
    assert "does not exist" not in err
    assert ("a FIFO" if kind == "fifo" else "a character device") in err
