"""plrep.explorer.model_data and `plrep explore --report`: the two report shapes, and bad reports.

Bad input: a clear error naming what is wrong (ValueError in the API; one line on stderr and
exit status 2 from the CLI), before any graph is computed.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from plrep.explorer import explorer_data, model_data, read_report
from plrep.groups import parse_group
from plrep.inspection import inspect_arrays


def _inspection(group="C4", totals=((1.0, 0.0, 2.0),), names=None) -> dict:
    simples = [{"id": s.id, "name": s.name} for s in parse_group(group).simples]
    names = names or [f"a{i}" for i in range(len(totals))]
    return {
        "group": group,
        "simples": simples,
        "arrays": [{"name": n, "totals": list(t)} for n, t in zip(names, totals, strict=True)],
    }


def test_inspection_report_round_trip():
    t = np.arange(8)
    report = inspect_arrays(
        "C8", {"w": np.stack([np.cos(np.pi * t / 2), np.ones(8)], 1), "v": np.ones((8, 1))}
    )
    data = model_data(report.to_dict(), "mine")
    assert data["group"] == "C8" and [layer["name"] for layer in data["layers"]] == ["w", "v"]
    np.testing.assert_array_equal(data["energies"][0][0], report.summaries["w"].totals)
    # `layers` reorders (older probes listed arrays by name), `steps` names the kinds.
    reordered = model_data({**report.to_dict(), "layers": ["v", "w"], "steps": ["linear"]})
    assert [layer["name"] for layer in reordered["layers"]] == ["v", "w"]
    assert reordered["layers"][1]["step"] == "linear"
    # A case study's JSON may hold the report under "report".
    assert model_data({"p": 5, "report": report.to_dict()})["group"] == "C8"


def test_flow_report_shape():
    """`plrep inspect WEIGHTS --format json`: input, pre 1, post 1, ... per input simple."""
    simples = [{"id": s.id, "name": s.name} for s in parse_group("C4").simples]
    flow = {
        "group": "C4",
        "simples": simples,
        "sources": [1, 2],
        "input": [[0, 1, 0], [0, 0, 1]],
        "pre": [[[0, 2, 0], [1, 1, 1]], [[0, 0, 3], [2, 0, 2]]],
        "post": [[[1, 1, 1], [1, 2, 1]], [[3, 0, 1], [1, 0, 1]]],
    }
    data = model_data({"network": {"activation": "relu"}, "flow": flow})
    assert [layer["name"] for layer in data["layers"]] == ["input", "pre 1", "post 1", "pre 2", "post 2"]
    assert [layer["step"] for layer in data["layers"]] == [None, "linear", "sigma", "linear", "sigma"]
    assert data["inputs"] == ["input in L1", "input in L2"] and data["activation"] == "relu"
    assert data["energies"][1][2] == [3.0, 0.0, 1.0]  # source L2, post 1


BAD_REPORTS = {
    "neither shape": ({"weights": 1}, "must be the JSON of `plrep inspect"),
    "unknown group": ({**_inspection(), "group": "X9"}, "`group` must be a spec"),
    "wrong simples": ({**_inspection(), "simples": [{"id": 0, "name": "L0"}]}, "simples must be those of C4"),
    "short totals": (_inspection(totals=((1.0, 2.0),)), "must list 3 energies"),
    "negative energy": (_inspection(totals=((1.0, -2.0, 0.0),)), "finite non-negative"),
    "string energy": (_inspection(totals=((1.0, "2", 0.0),)), "finite non-negative"),
    "no arrays": ({**_inspection(), "arrays": []}, "`arrays` must list 1 to"),
    "bad steps": (
        {**_inspection(totals=((1, 0, 0), (0, 1, 0))), "steps": ["relu"]},
        "`steps` must list 1 of",
    ),
    "bad layers": ({**_inspection(), "layers": ["nope"]}, "`layers` must list distinct names"),
    "bad activation": ({**_inspection(), "activation": "swish9"}, "`activation` must be one of"),
    "huge group": ({**_inspection(), "group": "C5000"}, "order at most 4096"),
    "not an object": ([1, 2], "`report` must be a JSON object"),
}


@pytest.mark.parametrize("name", sorted(BAD_REPORTS))
def test_bad_reports_are_refused(name):
    report, message = BAD_REPORTS[name]
    with pytest.raises(ValueError) as info:
        model_data(report)
    assert message in str(info.value)


def test_read_report_refuses_non_json(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"a": NaN}')
    with pytest.raises(ValueError, match="must be a JSON file"):
        read_report(path)
    path.write_text("[1]")
    with pytest.raises(ValueError, match="must hold a JSON object"):
        read_report(path)
    with pytest.raises(ValueError, match="must be a readable JSON file"):
        read_report(tmp_path / "missing.json")


def test_report_group_joins_the_page():
    data = explorer_data(["C4"], max_n=4, reports={"r": _inspection("C2xC2", totals=((1, 0, 0, 0),))})
    assert [g["spec"] for g in data["groups"]] == ["C4", "C2xC2"] and data["models"][0]["label"] == "r"
    # A group the page already has, spelled differently, is that group (not a second copy).
    data = explorer_data(["c4"], max_n=4, reports={"r": _inspection("C4")})
    assert [g["spec"] for g in data["groups"]] == ["c4"] and data["models"][0]["group"] == "c4"


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "must be a JSON file"), (json.dumps(_inspection(totals=((1.0, 2.0),))), "must list 3 energies")],
)
def test_cli_bad_report_exits_2_with_one_line(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "plrep",
            "explore",
            "--out",
            str(tmp_path / "page"),
            "--groups",
            "C4",
            "--report",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "--report" in lines[0], done.stderr
    assert not (tmp_path / "page" / "index.html").exists()
