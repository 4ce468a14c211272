"""`plrep graph`: JSON contract, text, DOT, pictures and errors."""

import json

from plrep.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_json_matches_architecture(capsys):
    status, out, _ = run(
        capsys, "graph", "C8", "--activation", "relu", "--method", "exact", "--format", "json"
    )
    payload = json.loads(out)
    assert status == 0
    assert (payload["group"], payload["activation"], payload["method"]) == ("C8", "relu", "exact")
    assert payload["vertices"][0] == {"id": 0, "name": "L0", "dim": 1, "order": 1, "frequency": [0]}
    assert {(e["source"], e["target"]) for e in payload["edges"]} >= {(1, 2), (3, 3), (4, 0)}
    assert len(payload["edges"]) == 14
    assert all(set(edge) == {"source", "target", "strength"} for edge in payload["edges"])
    assert payload["filtration"][:2] == [[0], [0, 4]]


def test_numeric_and_condensed_json(capsys):
    status, out, _ = run(capsys, "graph", "C6", "--activation", "tanh", "--format", "json", "--layers", "1")
    payload = json.loads(out)
    assert status == 0 and payload["method"] == "numeric" and payload["seed"] == 0
    assert payload["min_edge_strength"] > payload["threshold"] > payload["max_non_edge"]
    assert payload["reachable"]["1"] == [[1], [1, 3]]  # tanh is odd: only orders e with 6 / e odd
    status, out, _ = run(capsys, "graph", "C8", "--method", "condensed", "--format", "json")
    payload = json.loads(out)
    assert payload["vertices"][1] == {"id": 2, "name": "ord 2", "dim": 1, "order": 2, "count": 1}
    assert {"source": 8, "target": 8, "strength": 1.0, "reach": "self"} in payload["edges"]


def test_text_lists_edges_margin_filtration_and_layers(capsys):
    status, out, _ = run(capsys, "graph", "C8", "--activation", "abs", "--layers", "2")
    assert status == 0
    assert "  L1 (dim 2, order 8) -> L0, L2, L4" in out
    assert "weakest edge" in out and "largest non-edge" in out
    assert "filtration" in out and "  L1: {L1} | {L0, L2, L4} | {L0, L4}" in out


def test_condensed_trillion_and_dot_and_png(capsys, tmp_path):
    status, out, _ = run(capsys, "graph", "C1000000000000", "--method", "condensed")
    assert status == 0 and "169 vertices" in out and "(itself)" in out
    status, out, _ = run(capsys, "graph", "C6", "--format", "dot", "--label", "dim")
    assert status == 0 and out.startswith('digraph "C6 relu"')
    picture = tmp_path / "g.svg"
    status, out, _ = run(capsys, "graph", "C12", "--format", "svg", "--out", str(picture), "--label", "order")
    assert status == 0 and picture.read_text().lstrip().startswith("<?xml")


def test_errors_exit_2_with_one_line(capsys):
    for argv, message in [
        (["graph", "C8", "--activation", "swish"], "plrep: error: `activation` must be one of"),
        (["graph", "D0"], "plrep: error: `group`"),
        (["graph", "C8", "--format", "png"], "plrep: error: `--out` is required for --format png"),
        (
            ["graph", "C8", "--layers", "-1"],
            "plrep: error: `--layers` must be a non-negative integer, got -1 instead",
        ),
        (["graph", "C4xC4", "--method", "exact"], "plrep: error: `method` must be 'numeric' for C4xC4"),
        (["graph", "C4000000"], "plrep: error: `group` is too large for the numeric method: C4000000 has"),
        (
            ["graph", "C16384", "--format", "json"],
            "plrep: error: `--format` json must list at most 1048576 edges",
        ),
        (
            ["graph", "C8", "--seed", "-1"],
            "plrep: error: `--seed` must be a non-negative integer, got -1 instead",
        ),
    ]:
        status, out, err = run(capsys, *argv)
        assert status == 2 and out == "" and err.count("\n") == 1 and err.startswith(message), argv


def test_text_prints_huge_image_orders_short(capsys):
    # S100's faithful simples have image order 100! (158 digits); printed whole, the vertex line
    # passed the 240-character screen width and was cut before its targets
    assert main(["graph", "S100:natural^2", "--activation", "relu"]) == 0
    lines = capsys.readouterr().out.splitlines()
    line = next(line for line in lines if line.startswith("  (99,1) "))
    assert "(dim 99, order 100!) -> (100), (99,1)" in line and len(line) < 240
