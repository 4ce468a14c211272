"""``plrep progress`` and ``plrep ablate``: numbers as the API gives them, bad input in one line."""

import json
import math

import numpy as np
import pytest

from plrep.cli import main

P = 5


def _run(argv, capsys):
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def _checkpoints(folder):
    t = np.arange(P)
    for step, scale in ((0, 1.0), (50, 0.0)):
        w = np.stack([np.cos(2 * np.pi * t / P), scale * np.cos(2 * np.pi * 2 * t / P)], 1)
        extra = np.ones((1, 2))  # an extra row (an "=" token): --watch W:5 drops it
        np.savez(folder / f"step_{step}.npz", W=np.concatenate([w, extra]).astype(np.float32))


def test_progress_table_and_json(tmp_path, capsys):
    _checkpoints(tmp_path)
    status, out, _ = _run(
        ["progress", str(tmp_path), "--group", "C5", "--watch", "W:5", "--format", "json"], capsys
    )
    assert status == 0
    data = json.loads(out)
    assert [row["step"] for row in data["rows"]] == [0, 50]
    assert data["key_simples"] == [1]  # the last step holds frequency 1 only
    # Frequency 1 and 2 hold equal energy at step 0 (|cos|^2 = P / 2 each): share 1/2, Gini of (1, 1) = 0.
    assert data["rows"][0]["key_share"] == pytest.approx(0.5, rel=1e-6)
    assert data["rows"][0]["gini"] == pytest.approx(0.0, abs=1e-6)
    assert data["rows"][1]["key_share"] == pytest.approx(1.0, rel=1e-6)
    status, out, _ = _run(["progress", str(tmp_path), "--group", "C5", "--watch", "W:5"], capsys)
    lines = out.splitlines()
    assert status == 0 and lines[0] == f"key simples: {data['key_names'][0]}" and "key_share" in lines[1]
    assert len(lines) == 4 and lines[3].split()[0] == "50"


def test_progress_figure_is_written_once(tmp_path, capsys):
    folder = tmp_path / "ckpt"
    folder.mkdir()
    _checkpoints(folder)
    target = tmp_path / "p.png"
    argv = [
        "progress",
        str(folder),
        "--group",
        "C5",
        "--watch",
        "W:5",
        "--format",
        "png",
        "--out",
        str(target),
    ]
    assert _run(argv, capsys)[0] == 0 and target.stat().st_size > 0
    status, _, err = _run(argv, capsys)
    assert status == 2 and "--force" in err


def test_ablate_saved_logits_in_closed_form(tmp_path, capsys):
    pairs = np.arange(P * P)
    a, b, c = pairs[:, None] // P, pairs[:, None] % P, np.arange(P)
    logits = 6.0 * np.cos(2 * np.pi * (a + b - c) / P)  # frequency 1 only: (1, 1) of C5 x C5
    np.savez(tmp_path / "acts.npz", logits=logits.astype(np.float32))
    np.save(tmp_path / "y.npy", (a[:, 0] + b[:, 0]) % P)
    base = [
        "ablate",
        str(tmp_path / "acts.npz"),
        "--group",
        "C5xC5",
        "--at",
        "logits",
        "--labels",
        str(tmp_path / "y.npy"),
    ]
    status, out, _ = _run([*base, "--remove", "L(1,1)", "--format", "json"], capsys)
    assert status == 0
    split = json.loads(out)["splits"]["all"]
    assert split["loss"] == pytest.approx(math.log(P), rel=1e-5)  # nothing left: the uniform guess
    status, out, _ = _run([*base, "--keep", "L(1,1)", "--format", "json"], capsys)
    split = json.loads(out)["splits"]["all"]
    assert split["loss"] == pytest.approx(split["full_loss"], rel=1e-5) and split["accuracy"] == 1.0


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["progress", "{empty}", "--group", "C5", "--watch", "W"], "`checkpoints` must hold at least one"),
        (
            ["progress", "{mixed}", "--group", "C5", "--watch", "W"],
            "`checkpoints` must all hold the same arrays",
        ),
        (["progress", "{good}", "--group", "C5", "--watch", "V"], "`--watch` must name an array"),
        (
            ["progress", "{good}", "--group", "C5", "--watch", "W:5", "--key-simples", "L(9)"],
            "`--key-simples`",
        ),
        (
            ["ablate", "{acts}", "--group", "C5", "--at", "hidden", "--labels", "{y}", "--keep", "0"],
            "`--at` must name",
        ),
        (
            ["ablate", "{acts}", "--group", "C5", "--at", "logits", "--labels", "{y}", "--keep", "L(1,1)"],
            "`--keep`",
        ),
        (
            ["ablate", "{acts}", "--group", "C5", "--at", "logits", "--labels", "{y}", "--keep", "7"],
            "`--keep`",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(argv, fragment, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "mixed").mkdir()
    np.savez(tmp_path / "mixed" / "a_1.npz", W=np.zeros((P, 2)))
    np.savez(tmp_path / "mixed" / "a_2.npz", W=np.zeros((P, 3)))
    (tmp_path / "good").mkdir()
    _checkpoints(tmp_path / "good")
    np.savez(tmp_path / "acts.npz", logits=np.zeros((P, 3), np.float32))
    np.save(tmp_path / "y.npy", np.zeros(P, np.int64))
    names = {
        k: str(tmp_path / v)
        for k, v in (
            ("empty", "empty"),
            ("mixed", "mixed"),
            ("good", "good"),
            ("acts", "acts.npz"),
            ("y", "y.npy"),
        )
    }
    status, _, err = _run([part.format(**names) for part in argv], capsys)
    assert status == 2 and len(err.strip().splitlines()) == 1 and fragment in err, err
