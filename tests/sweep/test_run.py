"""Running sweeps: the table against direct computations, resuming, recomputing, failures, the out directory."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import networkx as nx
import pyarrow.parquet as pq
import pytest

from plrep.graphs import interaction_graph
from plrep.sweep import parse_grid, read_table, run_sweep, sweep_status

GRAPH_GRID = {
    "name": "graphs",
    "task": "graph",
    "axes": {"group": ["C4", "C6", "S3", "Q8"], "activation": ["relu", "abs", "tanh"]},
}


def longest_chain(sets) -> int:
    """Filtration depth by networkx: the longest path in the strict-inclusion DAG, in vertices."""
    dag = nx.DiGraph()
    dag.add_nodes_from(range(len(sets)))
    dag.add_edges_from((i, j) for i, a in enumerate(sets) for j, b in enumerate(sets) if a < b)
    return nx.dag_longest_path_length(dag) + 1


@pytest.fixture(scope="module")
def graph_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("graphs") / "run"
    report = run_sweep(parse_grid(GRAPH_GRID), out, workers=2, progress=False)
    return out, report


def test_graph_sweep_table_matches_direct_computation(graph_run):
    out, report = graph_run
    assert (report.cells, report.computed, report.reused, report.failed) == (12, 12, 0, [])
    table = read_table(out).to_pylist()
    assert [(r["group"], r["activation"]) for r in table] == [
        (g, a) for g in GRAPH_GRID["axes"]["group"] for a in GRAPH_GRID["axes"]["activation"]
    ]
    for row in table:
        graph = interaction_graph(row["group"], row["activation"])
        closed = graph.filtration()
        assert row["status"] == "done" and row["error"] is None
        assert row["vertices"] == len(graph.vertices) and row["edges"] == graph.num_edges
        assert row["closed_sets"] == len(closed)
        assert row["filtration_depth"] == longest_chain(closed)
        assert row["weakest_edge"] == graph.min_edge_strength
        assert (
            row["margin"] == pytest.approx(graph.min_edge_strength / graph.max_non_edge)
            if graph.max_non_edge
            else row["margin"] is None
        )


def test_graph_task_by_hand_on_c4_abs():
    """|sin| on C4 (closed form): edges 0->0, 1->0, 1->2, 2->0; closed sets {0} < {0,2} < {0,1,2}."""
    from plrep.sweep._builtin import graph_task

    result = graph_task("C4", "abs", method="exact")
    assert (result["vertices"], result["edges"], result["self_loops"]) == (3, 4, 1)
    assert (result["closed_sets"], result["filtration_depth"]) == (3, 3)
    assert result["margin"] is None and result["weakest_edge"] is None  # exact: no numeric decision


def test_table_reads_in_pandas_and_polars(graph_run):
    import pandas as pd
    import polars as pl

    out, _ = graph_run
    frame = pd.read_parquet(out / "results.parquet")
    assert frame.shape[0] == 12 and frame["edges"].dtype.kind == "i"
    lazy = pl.read_parquet(out / "results.parquet")
    assert lazy.filter(pl.col("group") == "S3")["vertices"].to_list() == [3, 3, 3]
    assert sorted(frame.columns) == sorted(lazy.columns)


def test_cell_json_holds_the_definition_and_the_raw_result(graph_run):
    out, _ = graph_run
    manifest = json.loads((out / "sweep.json").read_text())
    first = manifest["cells"][0]
    record = json.loads((out / "cells" / f"{first['cell']}.json").read_text())
    assert record["definition"]["parameters"]["group"] == "C4" and record["status"] == "done"
    assert record["result"]["edge_list"] and record["result"]["filtration"][0] == [
        "L0"
    ]  # C4 relu: the trivial simple L0 first


def test_rerun_reuses_every_finished_cell_and_rewrites_the_same_table(graph_run):
    out, _ = graph_run
    before = {p.name: p.stat().st_mtime_ns for p in (out / "cells").iterdir()}
    table = pq.read_table(out / "results.parquet")
    report = run_sweep(parse_grid(GRAPH_GRID), out, workers=2, progress=False)
    assert (report.computed, report.reused) == (0, 12)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "cells").iterdir()} == before
    assert pq.read_table(out / "results.parquet").equals(table)


def test_changed_cells_are_recomputed_and_only_they(tmp_path):
    grid = {"name": "g", "task": "graph", "axes": {"group": ["C4", "C6"], "activation": ["relu"]}}
    run_sweep(parse_grid(grid), tmp_path / "run", workers=1, progress=False)
    grid["axes"]["activation"] = ["relu", "abs"]  # two new cells
    report = run_sweep(parse_grid(grid), tmp_path / "run", workers=1, progress=False)
    assert (report.cells, report.computed, report.reused) == (4, 2, 2)
    grid["params"] = {"seed": 3}  # every cell's definition changes
    report = run_sweep(parse_grid(grid), tmp_path / "run", workers=1, progress=False)
    assert (report.computed, report.reused) == (4, 0)
    status = sweep_status(tmp_path / "run")
    assert status["done"] == 4 and status["stale"] == 4 and status["pending"] == []
    assert len(read_table(tmp_path / "run")) == 4  # the table holds the current grid's cells only


def test_a_failed_cell_is_recorded_and_the_sweep_goes_on(tmp_path, user_tasks):
    grid = parse_grid({"name": "sq", "task": "test-square", "axes": {"x": [3, 13, 4]}})
    report = run_sweep(grid, tmp_path / "run", workers=2, progress=False)
    assert report.computed == 3 and len(report.failed) == 1
    assert report.failed[0]["axes"] == {"x": 13} and report.failed[0]["error"] == "ValueError: unlucky x"
    rows = read_table(tmp_path / "run").to_pylist()
    assert [(r["x"], r["status"], r["square"], r["digits"]) for r in rows] == [
        (3, "done", 9.0, [3]),
        (13, "failed", None, None),
        (4, "done", 16.0, [4]),
    ]
    assert rows[1]["error"] == "ValueError: unlucky x"
    # a rerun tries the failed cell again and reuses the others
    again = run_sweep(grid, tmp_path / "run", workers=1, progress=False)
    assert (again.computed, again.reused, len(again.failed)) == (1, 2, 1)


def test_result_keys_clashing_with_parameters_fail_the_cell(tmp_path, user_tasks):
    report = run_sweep(
        parse_grid({"task": "test-clashing", "axes": {"x": [1]}}), tmp_path / "r", progress=False
    )
    assert "must differ from its parameters" in report.failed[0]["error"]


def test_one_worker_and_two_workers_give_the_same_table(tmp_path):
    grid = parse_grid({"task": "spectrum", "axes": {"activation": ["relu", "gelu"], "bias": [0.0, 0.3]}})
    run_sweep(grid, tmp_path / "one", workers=1, progress=False)
    run_sweep(grid, tmp_path / "two", workers=2, progress=False)
    assert read_table(tmp_path / "one").equals(read_table(tmp_path / "two"))
    assert (tmp_path / "one" / "results.parquet").read_bytes() == (
        tmp_path / "two" / "results.parquet"
    ).read_bytes()


def test_out_holding_another_sweep_or_other_files_is_refused_and_left_alone(tmp_path, graph_run):
    out, _ = graph_run
    snapshot = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    other = parse_grid({"name": "other", "task": "spectrum", "axes": {"activation": ["relu"]}})
    with pytest.raises(ValueError, match="holds sweep 'graphs' \\(task 'graph'\\); choose another --out"):
        run_sweep(other, out, progress=False)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot
    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="which holds other files"):
        run_sweep(other, stray, progress=False)
    assert sorted(p.name for p in stray.iterdir()) == ["notes.txt"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="must be a directory"):
        run_sweep(other, tmp_path / "file", progress=False)


def test_a_symlinked_cell_file_is_never_written_through(tmp_path, user_tasks):
    grid = parse_grid({"name": "sq", "task": "test-square", "axes": {"x": [2]}})
    cell = grid.cells()[0]
    (tmp_path / "run" / "cells").mkdir(parents=True)
    (tmp_path / "run" / "sweep.json").write_text(
        json.dumps({"format": "plrep-sweep/1", "name": "sq", "task": "test-square"})
    )
    target = tmp_path / "precious.json"
    target.write_text("keep")
    (tmp_path / "run" / "cells" / f"{cell.id}.json").symlink_to(target)
    with pytest.raises(ValueError, match="link"):
        run_sweep(grid, tmp_path / "run", workers=1, progress=False)
    assert target.read_text() == "keep"


KILLED_RUN = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {folder!r})
    import sweep_user_tasks
    from plrep.sweep import parse_grid, register_task, run_sweep
    register_task(sweep_user_tasks.slow, name="test-slow", version="1")
    grid = parse_grid({{"name": "slow", "task": "test-slow", "axes": {{"x": list(range(12))}}}})
    run_sweep(grid, {out!r}, workers=1, progress=False)
    """
)


def test_a_killed_sweep_resumes_with_its_finished_cells(tmp_path, user_tasks):
    out = tmp_path / "run"
    script = KILLED_RUN.format(folder=str(user_tasks), out=str(out))
    process = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            cells = list((out / "cells").glob("*.json")) if (out / "cells").is_dir() else []
            if len(cells) >= 3:
                break
            assert process.poll() is None, "the sweep ended before it could be killed"
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    finished = {p.name: p.read_bytes() for p in (out / "cells").glob("*.json")}
    assert 3 <= len(finished) < 12
    assert not (out / "results.parquet").exists()  # killed before the table: rebuilt on resume
    grid = parse_grid(
        {"name": "slow", "task": "test-slow", "axes": {"x": list(range(12))}, "params": {"pause": 0.4}}
    )
    report = run_sweep(grid, out, workers=2, progress=False)
    assert (report.reused, report.computed) == (len(finished), 12 - len(finished))
    assert {name: (out / "cells" / name).read_bytes() for name in finished} == finished  # untouched
    assert [r["double"] for r in read_table(out).to_pylist()] == [2 * x for x in range(12)]
    assert not list((out / "cells").glob(".*"))  # no temporary file left behind
