"""Grid files: parsing, crossing, cell hashes, and every malformed grid refused before anything runs."""

import hashlib
import json

import pytest

from plrep.sweep import MAX_CELLS, get_task, load_grid, parse_grid, register_task


def graph_grid(**changes):
    table = {"task": "graph", "axes": {"group": ["C4", "S3"], "activation": ["relu", "abs", "tanh"]}}
    table.update(changes)
    return table


def test_cells_cross_the_axes_in_file_order_first_axis_slowest():
    grid = parse_grid(graph_grid())
    cells = grid.cells()
    assert grid.num_cells == len(cells) == 6
    assert [(c.parameters["group"], c.parameters["activation"]) for c in cells] == [
        ("C4", "relu"), ("C4", "abs"), ("C4", "tanh"), ("S3", "relu"), ("S3", "abs"), ("S3", "tanh"),
    ]  # fmt: skip
    # every parameter is in the cell, defaults included
    assert cells[0].parameters == {
        "group": "C4", "activation": "relu", "method": "numeric", "seed": 0, "threshold": 1e-11,
    }  # fmt: skip


def test_cell_id_is_the_sha256_of_the_full_definition():
    cell = parse_grid(graph_grid()).cells()[0]
    definition = {"task": "graph", "version": get_task("graph").version, "parameters": cell.parameters}
    text = json.dumps(definition, sort_keys=True, separators=(",", ":"))
    assert cell.id == hashlib.sha256(text.encode()).hexdigest()[:16]


def test_a_changed_parameter_changes_the_cell_id_an_unchanged_one_keeps_it():
    base = {
        c.parameters["activation"] + c.parameters["group"]: c.id for c in parse_grid(graph_grid()).cells()
    }
    again = {
        c.parameters["activation"] + c.parameters["group"]: c.id for c in parse_grid(graph_grid()).cells()
    }
    assert base == again
    seeded = parse_grid(graph_grid(params={"seed": 1})).cells()
    assert not {c.id for c in seeded} & set(base.values())
    # an int where a float is expected is the same cell as that float
    assert parse_grid(graph_grid(params={"threshold": 1e-11})).cells()[0].id == base["reluC4"]


def test_batch_axis_is_not_crossed_but_given_whole_to_each_cell():
    grid = parse_grid({"task": "composition", "axes": {"group": ["S3", "C6"], "seed": [0, 1, 2]}})
    cells = grid.cells()
    assert grid.num_cells == 2 and [c.parameters["seed"] for c in cells] == [[0, 1, 2], [0, 1, 2]]
    assert grid.crossed == ["group"]
    # the same seeds as a fixed param give the same cells
    fixed = parse_grid(
        {"task": "composition", "axes": {"group": ["S3", "C6"]}, "params": {"seed": [0, 1, 2]}}
    )
    assert [c.id for c in fixed.cells()] == [c.id for c in cells]


def test_load_grid_reads_toml_and_names_the_sweep_after_the_file(tmp_path):
    path = tmp_path / "my-grid.toml"
    path.write_text(
        'task = "spectrum"\n[axes]\nactivation = ["relu", "gelu"]\nbias = [0, 0.5]\n', encoding="utf-8"
    )
    grid = load_grid(path)
    assert grid.name == "my-grid" and grid.num_cells == 4
    assert [c.parameters["bias"] for c in grid.cells()] == [0.0, 0.5, 0.0, 0.5]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"task": "nope", "axes": {}}, "`task` must be one of"),
        ({"axes": {"group": ["C4"]}}, "`task` must be given"),
        (graph_grid(colour="blue"), "`grid` keys must be among"),
        (
            graph_grid(axes={"group": ["C4"], "activation": ["relu"], "depth": [1]}),
            "`axes.depth` must be a parameter of task 'graph'",
        ),
        (graph_grid(params={"wings": 2}), "`params.wings` must be a parameter"),
        (graph_grid(axes={"group": [], "activation": ["relu"]}), "`axes.group` must list at least one value"),
        (graph_grid(axes={"group": "C4", "activation": ["relu"]}), "`axes.group` must be a list of values"),
        (graph_grid(axes={"group": ["C4", "C4"], "activation": ["relu"]}), "must not repeat a value"),
        (
            graph_grid(axes={"group": ["C4", "X9"], "activation": ["relu"]}),
            "cell 1 (group='X9', activation='relu')",
        ),
        (graph_grid(axes={"group": ["C4"], "activation": ["relu", "nosuch"]}), "activation='nosuch'"),
        (graph_grid(axes={"group": ["C4"]}), "`axes.activation` (or `params.activation`) must be given"),
        (graph_grid(params={"seed": 1.5}), "`params.seed` must be an integer, got 1.5"),
        (graph_grid(params={"seed": True}), "`params.seed` must be an integer, got True"),
        (graph_grid(params={"method": "condensed"}), "`method` must be one of"),
        (graph_grid(params={"activation": "relu"}), "`params.activation` must not also be an axis"),
        (graph_grid(resources={"gpus": -1}), "`resources.gpus` must be a number >= 0"),
        (graph_grid(resources={"tpus": 1}), "`resources` keys must be cpus or gpus"),
        (graph_grid(name="../escape"), "`name` must be letters, digits"),
        ({"task": "composition", "axes": {"group": ["S6"]}}, "order at most 200"),
        ({"task": "composition", "axes": {"group": ["S3"], "seed": [-1]}}, "`seed` must be"),
    ],
)
def test_malformed_grids_are_refused_naming_the_problem(table, message):
    with pytest.raises((ValueError, TypeError)) as caught:
        parse_grid(table)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_more_cells_than_the_cap_need_force():
    many = {
        "task": "spectrum",
        "axes": {"activation": ["relu"], "amplitude": [1.0 + i for i in range(MAX_CELLS + 1)]},
    }
    with pytest.raises(ValueError, match=f"at most {MAX_CELLS} cells without --force"):
        parse_grid(many)
    assert parse_grid(many, force=True).num_cells == MAX_CELLS + 1


def test_malformed_toml_and_oversized_files_are_refused(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('task = "graph"\n[axes\n', encoding="utf-8")
    with pytest.raises(ValueError, match="must be valid TOML"):
        load_grid(bad)
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (1 << 20) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="must be at most"):
        load_grid(big)
    with pytest.raises(ValueError, match="must be a readable TOML file"):
        load_grid(tmp_path / "missing.toml")


def _local_task(x: int) -> dict:
    return {"y": x}


def test_register_task_refuses_taken_names_and_local_functions():
    with pytest.raises(ValueError, match="'graph', which is registered"):
        register_task(_local_task, name="graph", version="1")

    def inner(x: int) -> dict:
        return {"y": x}

    with pytest.raises(TypeError, match="top level of a module"):
        register_task(inner, name="test-inner", version="1")
    with pytest.raises(ValueError, match="`name` must be lowercase"):
        register_task(_local_task, name="Bad Name", version="1")
    with pytest.raises(ValueError, match="`batch` must be one of"):
        register_task(_local_task, name="test-batch", version="1", batch="seed")
    # the same function and version again is accepted (a module imported twice)
    first = register_task(_local_task, name="test-local", version="1")
    assert register_task(_local_task, name="test-local", version="1") is first
    with pytest.raises(ValueError, match="which is registered"):
        register_task(_local_task, name="test-local", version="2")
    # registering left the built-in tasks' cells as they were
    assert get_task("graph").version == "1"
