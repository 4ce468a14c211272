"""The composition task: one cell trains its seeds in one vmapped call; its columns against a direct run."""

import json

import plrep.nn as nn
from plrep.sweep import parse_grid, read_table, run_sweep

SETTINGS = {"train_fraction": 0.6, "embed_dim": 8, "hidden": 16, "steps": 40, "learning_rate": 0.01}


def test_a_cell_is_one_vmapped_run_of_its_seeds(tmp_path):
    grid = parse_grid(
        {"name": "c", "task": "composition", "axes": {"group": ["S3"], "seed": [0, 1, 2]}, "params": SETTINGS}
    )
    report = run_sweep(grid, tmp_path / "run", workers=1, progress=False)
    assert report.failed == [] and report.cells == 1
    [row] = read_table(tmp_path / "run").to_pylist()
    # the reference: the trainer called directly with the same seeds, outside the sweep
    run = nn.train_composition("S3", seeds=(0, 1, 2), progress=False, **SETTINGS)
    learned = nn.learned_simples(run, threshold=0.5)  # the task's default learned_threshold
    assert row["seed"] == [0, 1, 2]
    assert row["test_accuracy"] == [float(v) for v in run.test_accuracy]
    assert row["train_accuracy"] == [float(v) for v in run.train_accuracy]
    assert row["min_test_accuracy"] == min(float(v) for v in run.test_accuracy)
    assert row["learned"] == ["+".join(sorted(names)) for names in learned]
    counts = {}
    for names in learned:
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    assert json.loads(row["learned_counts"]) == counts
