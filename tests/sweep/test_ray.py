"""`--engine ray` on a local Ray instance that this module starts and stops: the same tables as local runs."""

import json
import warnings
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from plrep.cli import main

ray = pytest.importorskip("ray", reason="Ray is the optional extra plrep[ray] (make install installs it)")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "sweeps"


@pytest.fixture(scope="module")
def local_ray():
    if ray.is_initialized():
        pytest.skip("a Ray instance is already running in this process")
    # As in a full test run, JAX is started first: Ray's processes are fork + exec, which JAX
    # warns about all the same (plrep's engine silences that warning; this fixture does too).
    import jax.numpy as jnp

    jnp.ones(1).block_until_ready()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"os\.fork\(\) was called", category=RuntimeWarning)
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def run(capsys, *argv) -> str:
    status = main(["sweep", *map(str, argv)])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def test_graph_grid_on_ray_gives_the_local_table_and_resumes(local_ray, tmp_path, capsys):
    grid = EXAMPLES / "graphs.toml"
    run(capsys, grid, "--out", tmp_path / "local", "--workers", "2")
    assert "24 computed" in run(capsys, grid, "--out", tmp_path / "ray", "--engine", "ray")
    local = pq.read_table(tmp_path / "local" / "results.parquet")
    on_ray = pq.read_table(tmp_path / "ray" / "results.parquet")
    assert on_ray.num_rows == 24 and on_ray.equals(local)
    # the cells' results (not their timings) are the same files' contents
    for path in (tmp_path / "local" / "cells").glob("*.json"):
        mine, theirs = (json.loads(p.read_text()) for p in (path, tmp_path / "ray" / "cells" / path.name))
        assert mine["result"] == theirs["result"] and mine["definition"] == theirs["definition"]
    # resumed on Ray: nothing recomputed; resumed locally from a Ray run: nothing either
    assert "0 computed, 24 reused" in run(capsys, grid, "--out", tmp_path / "ray", "--engine", "ray")
    assert "0 computed, 24 reused" in run(capsys, grid, "--out", tmp_path / "ray")


# examples/sweeps/composition.toml's keys, two of its cells' kind (a group x 2 weight decays, 4
# seeds per cell), trained briefly: the check is that Ray reproduces the local table, not that
# the MLP learns (each cell's cost is mostly its compile, so cells, not steps, set the time).
SMALL_COMPOSITION = """
name = "composition-tiny"
task = "composition"

[axes]
group = ["C5"]
weight_decay = [3.0, 1.0]
seed = [0, 1, 2, 3]

[params]
activation = "square"
embed_dim = 0
bias = false
hidden = 16
train_fraction = 0.7
steps = 40
warmup_steps = 10
learning_rate = 0.001

[resources]
cpus = 1
gpus = 0
"""


def test_composition_grid_on_ray_gives_the_local_table(local_ray, tmp_path, capsys):
    grid = tmp_path / "composition.toml"
    grid.write_text(SMALL_COMPOSITION)
    run(capsys, grid, "--out", tmp_path / "local", "--workers", "2")
    run(capsys, grid, "--out", tmp_path / "ray", "--engine", "ray")
    local = pq.read_table(tmp_path / "local" / "results.parquet")
    assert local.num_rows == 2 and pq.read_table(tmp_path / "ray" / "results.parquet").equals(local)
