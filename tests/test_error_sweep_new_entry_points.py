"""Bad input to the entry points added in round 25: refused before any large work, with a message
that names the argument, what was expected and what came (CLI: one ``plrep: error:`` line, exit 2).

Each case was found by trying wrong types, empty and huge values, NaN, missing files, symlinked
and existing outputs on ``plrep.nn.make_inr_dataset``, ``plrep.nn.ablate``, ``plrep.gini``,
``plrep.random_baseline``, ``plrep sweep`` and ``plrep explore --report`` (the cases that already
failed cleanly are in tests/test_error_sweep.py and the commands' own test files).
"""

from __future__ import annotations

import math
import re
import sys
import time
import tracemalloc
from dataclasses import replace

import jax.numpy as jnp
import numpy as np
import pytest

import plrep
from plrep.cli import main
from plrep.nn import INR_DEFAULT_SPECS, ablate, make_inr_dataset

# ------------------------------------------------------------------ make_inr_dataset


SINES = INR_DEFAULT_SPECS["sines"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"name": np.zeros((2, 2)), "num": 2},
            ValueError,
            r"`name` must be one of .* got an array of shape \(2, 2\)",
        ),
        (
            {"name": "sines", "num": 10**7},
            ValueError,
            r"`num` \(10000000\) and `spec` must keep steps x INRs",
        ),
        (
            {"name": "sines", "num": 1, "seed": 10**30},
            ValueError,
            r"`seed` must be an integer <= 9223372036854775807",
        ),
        ({"name": "sines", "num": 1, "progress": "x"}, TypeError, r"`progress` must be None or a callable"),
        (  # little work per INR, but 3e6 INRs' targets and weights: 1.8 GB
            {"name": "sines", "num": 3 * 10**6, "spec": replace(SINES, widths=(1, 4, 1), max_steps=1)},
            ValueError,
            r"`num` \(3000000\) and `spec` must keep INRs x \(points \+ weights \+ biases\)",
        ),
        (
            {"name": "sines", "num": 10**6, "spec": replace(SINES, widths=(1, 4096, 4096, 1), max_steps=1)},
            ValueError,
            r"steps x INRs x points x weights <= 1e\+13, got 1\.1e\+15",
        ),
    ],
)
def test_make_inr_dataset_refuses_before_drawing_the_data(kwargs, error, message):
    tracemalloc.start()
    start = time.process_time()
    try:
        with pytest.raises(error, match=message):
            make_inr_dataset(**kwargs)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # refused from the arguments: nothing near the data set's size was allocated or computed
    assert peak < 16 * 2**20 and time.process_time() - start < 5


# ------------------------------------------------------------------ ablate

P = 5
LABELS = (np.arange(P * P) // P + np.arange(P * P) % P) % P


def _logits(x, intervene):  # logits cos(2 pi (a + b - c) / p): the answer a + b
    a, b, c = x[:, None] // P, x[:, None] % P, jnp.arange(P)
    return intervene("logits", 10.0 * jnp.cos(2 * jnp.pi * (a + b - c) / P))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"axis": None}, TypeError, r"`axis` must be an int or a non-empty tuple of ints, got None"),
        ({"axis": "zz"}, TypeError, r"`axis` must be an int or a non-empty tuple of ints, got 'zz'"),
        ({"axis": 1j}, TypeError, r"`axis` must be an int"),
        ({"axis": np.zeros((2, 2))}, TypeError, r"`axis` must be an int or a non-empty tuple"),
        ({"axis": ()}, TypeError, r"`axis` must be an int or a non-empty tuple"),
        ({"axis": True}, TypeError, r"`axis` must be an int"),
        ({"axis": (0, 0)}, ValueError, r"`axis` must name distinct axes, got \(0, 0\)"),
        ({"axis": 5}, ValueError, r"`axis` must be an axis of 'logits' \(shape \(25, 5\)\), got 5"),
        ({"keep": []}, ValueError, r"`keep` must name at least one simple of C5xC5, got none"),
        (
            {"keep": None, "remove": []},
            ValueError,
            r"`remove` must name at least one simple of C5xC5, got none",
        ),
        ({"inputs": np.full(25, np.nan)}, ValueError, r"`inputs` must be finite, got NaN or infinity"),
        ({"rows": np.zeros(25, int)}, ValueError, r"`rows` must hold distinct row indices .* for 'rows'"),
        ({"rows": {"train": [0, 1, 1]}}, ValueError, r"`rows` must hold distinct row indices .* for 'train'"),
    ],
)
def test_ablate_refuses_naming_the_argument(kwargs, error, message):
    call = {"at": "logits", "labels": LABELS, "keep": [(1, 1)], **kwargs}
    with pytest.raises(error, match=message):
        ablate(_logits, "C5xC5", **call)


def test_ablate_refuses_a_model_with_nan_logits():
    def nan_logits(x, intervene):
        return intervene("logits", jnp.full((x.shape[0], P), jnp.nan))

    with pytest.raises(ValueError, match=r"`fn` must return finite logits, got NaN or infinity"):
        ablate(nan_logits, "C5xC5", at="logits", labels=LABELS, keep=[(1, 1)])


def test_ablate_still_accepts_a_boolean_mask_and_distinct_rows():
    mask = np.arange(25) % 2 == 0
    by_mask = ablate(_logits, "C5xC5", at="logits", labels=LABELS, keep=[(1, 1)], rows=mask)
    by_index = ablate(_logits, "C5xC5", at="logits", labels=LABELS, keep=[(1, 1)], rows=np.flatnonzero(mask))
    assert by_mask.splits["rows"]["rows"] == by_index.splits["rows"]["rows"] == 13
    assert by_mask.loss == by_index.loss


# ------------------------------------------------------------------ gini, random_baseline


def test_gini_of_huge_values_is_their_gini_without_overflow():
    # Gini is scale-free. By hand for [1, 1, 1.5]: mean |x_i - x_j| over the 9 ordered pairs is
    # 4 x 0.5 / 9 = 2/9, mean x = 7/6, so G = (2/9) / (2 x 7/6) = 2/21; the sum 3.5e308 overflows.
    assert plrep.gini([1e308, 1e308, 1.5e308]) == pytest.approx(2 / 21)
    assert plrep.gini([1.0, 1.0, 1.5]) == pytest.approx(2 / 21)
    assert plrep.gini([0.0, 1e308]) == pytest.approx(0.5)  # [0, 1]: (2 x 1 / 4) / (2 x 1/2)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([math.inf, 1.0], r"`values`"),
        ([1.0, -1.0], r"`values` must be non-negative with a positive sum"),
        ([0.0, 0.0], r"`values` must be non-negative with a positive sum"),
        ([], r"`values` must be non-negative with a positive sum"),
    ],
)
def test_gini_refusals_name_values(values, message):
    with pytest.raises(ValueError, match=message):
        plrep.gini(values)


def test_random_baseline_refuses_huge_spaces_before_building_them():
    start = time.process_time()
    for spec, message in [
        ("S1000", r"`group` must keep \|G\| at most"),
        ("S20:natural^20", r"`k` must keep \|X\|\^k at most"),
        ("C99999999999", r"`group` order must be at most"),
    ]:
        with pytest.raises(ValueError, match=message):
            plrep.random_baseline(spec)
    assert time.process_time() - start < 5


# ------------------------------------------------------------------ the CLI


def _cli(capsys, *argv) -> tuple[int, str]:
    status = main([str(a) for a in argv])
    return status, capsys.readouterr().err


def _one_line(capsys, *argv) -> str:
    status, err = _cli(capsys, *argv)
    assert status == 2 and err.count("\n") == 1 and err.startswith("plrep: error: "), (status, err)
    assert "Traceback" not in err
    return err


SPECTRUM_GRID = 'task = "spectrum"\n[axes]\nactivation = ["relu"]\nharmonics = [4]\n'


def test_sweep_output_that_is_a_file_or_a_link_names_the_option(tmp_path, capsys):
    grid = tmp_path / "g.toml"
    grid.write_text(SPECTRUM_GRID)
    (tmp_path / "afile").write_text("")
    (tmp_path / "alink").symlink_to(tmp_path / "elsewhere")
    for out in ("afile", "alink"):
        err = _one_line(capsys, "sweep", grid, "--out", tmp_path / out)
        assert "`--out` must be a directory" in err and "which is a file or a link" in err
    assert not (tmp_path / "elsewhere").exists()  # nothing written through the link


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        (
            'task = "spectrum"\n[axes]\nactivation = ["relu"]\nharmonics = [nan]\n',
            r"`axes.harmonics` must be an integer, got nan",
        ),
        (
            'task = "spectrum"\n[axes]\nactivation = ["relu"]\nharmonics = [1e400]\n',
            r"`axes.harmonics` must be an integer, got inf",
        ),
        ('task = "spectrum"\n[axes]\nactivation = []\n', r"`axes.activation` must list at least one value"),
        ("", r"`task` must be given in the grid"),
        ("not toml = = =", r"`grid` must be valid TOML"),
        (
            'task = "spectrum"\n[axes]\nactivation = ["relu"]\nharmonics = [100000000000000000000]\n',
            r"`harmonics` must be an integer <= 100000",
        ),
        (
            'task = "composition"\n[axes]\ngroup = ["S12"]\n',
            r"`group` must have order at most 200 for the composition task",
        ),
        (  # 3 x 2000 x 2000 cells: refused from the axes' lengths, before any cell is made
            'task = "spectrum"\n[axes]\nactivation = ["relu", "abs", "tanh"]\n'
            f"harmonics = {list(range(2000))}\nbias = {list(range(2000))}\n",
            r"`grid` must define at most 100000 cells; split the grid, got 12000000 cells",
        ),
    ],
)
def test_sweep_bad_grids_are_one_line(grid, message, tmp_path, capsys):
    path = tmp_path / "g.toml"
    path.write_text(grid)
    start = time.process_time()
    err = _one_line(capsys, "sweep", path, "--out", tmp_path / "out")
    assert re.search(message, err), err
    assert not (tmp_path / "out").exists() and time.process_time() - start < 10


def test_sweep_missing_and_oversized_grids_and_status_of_nothing(tmp_path, capsys):
    assert "`grid` must be a readable TOML file" in _one_line(
        capsys, "sweep", tmp_path / "none.toml", "--out", tmp_path / "o"
    )
    big = tmp_path / "big.toml"
    with open(big, "wb") as handle:  # sparse: 100 MB of zeros without writing them
        handle.truncate(100 * 2**20)
    assert "`grid` must be at most 1048576 bytes" in _one_line(capsys, "sweep", big, "--out", tmp_path / "o")
    assert "`--status` must name a sweep directory" in _one_line(
        capsys, "sweep", "--status", tmp_path / "none"
    )
    assert "`--status` must name a sweep directory" in _one_line(capsys, "sweep", "--status", big)


def test_sweep_with_ray_missing_names_the_extra(tmp_path, capsys, monkeypatch):
    grid = tmp_path / "g.toml"
    grid.write_text(SPECTRUM_GRID)
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    err = _one_line(capsys, "sweep", grid, "--out", tmp_path / "o", "--engine", "ray")
    assert "`--engine ray` needs Ray, which is not installed: install plrep[ray]" in err


def test_explore_report_nested_too_deep_is_one_line(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    err = _one_line(capsys, "explore", "--out", tmp_path / "page", "--report", deep)
    assert "`--report` must be a JSON file nested at most a few hundred levels deep" in err
    assert not (tmp_path / "page" / "index.html").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{}", r"`report` must be the JSON of `plrep inspect"),
        ("not json", r"`--report` must be a JSON file, got"),
        ("[1, 2]", r"`--report` must hold a JSON object, got \[1, 2\]"),
        (
            '{"group": "C4", "simples": [{"id": 0, "name": "L0"}, {"id": 1, "name": "L1"}, '
            '{"id": 2, "name": "L2"}], "arrays": [{"name": "h", "totals": [NaN, 0, 1]}]}',
            r"NaN is not a number JSON allows",
        ),
        (
            '{"group": "C4", "simples": [{"id": 0, "name": "L0"}, {"id": 1, "name": "L1"}, '
            '{"id": 2, "name": "L2"}], "arrays": [{"name": "h", "totals": [1e400, 0, 1]}]}',
            r"totals must hold finite non-negative energies, got inf",
        ),
        ('{"group": "S99", "simples": [], "arrays": [{"name": "h", "totals": [1]}]}', r"order at most 4096"),
    ],
)
def test_explore_bad_reports_are_one_line(text, message, tmp_path, capsys):
    path = tmp_path / "r.json"
    path.write_text(text)
    err = _one_line(capsys, "explore", "--out", tmp_path / "page", "--report", path)
    assert re.search(message, err), err


def test_characters_npz_refusals(tmp_path, capsys):
    assert "`--out` must name the .npz file" in _one_line(capsys, "characters", "S4", "--format", "npz")
    (tmp_path / "c.npz").write_bytes(b"")
    err = _one_line(capsys, "characters", "S4", "--format", "npz", "--out", tmp_path / "c.npz")
    assert "which exists (pass --force to overwrite it)" in err and (tmp_path / "c.npz").read_bytes() == b""
    (tmp_path / "link.npz").symlink_to(tmp_path / "target.npz")
    err = _one_line(capsys, "characters", "S4", "--format", "npz", "--out", tmp_path / "link.npz", "--force")
    assert "`--out` must not be a symbolic link" in err and not (tmp_path / "target.npz").exists()
    err = _one_line(capsys, "characters", "S4", "--format", "npz", "--out", tmp_path / "no" / "c.npz")
    assert "`--out` must be in an existing directory" in err
    err = _one_line(capsys, "characters", "S100", "--format", "npz", "--out", tmp_path / "s.npz")
    assert "`group` must be S_n with 1 <= n <= 38 for --format npz, got 'S100'" in err
    for form in ("text", "json"):  # a file name that would not be written is refused, not ignored
        err = _one_line(capsys, "characters", "S4", "--format", form, "--out", tmp_path / "t.txt")
        assert "`--out` is for --format npz only" in err and not (tmp_path / "t.txt").exists()
