"""`plrep dws`: block table, JSON shape, one-line errors with exit status 2."""

from __future__ import annotations

import json

import pytest

from plrep.cli import main


def test_text(capsys):
    assert main(["dws", "2,3,4,1"]) == 0
    out = capsys.readouterr().out
    assert "G = S3 x S4, weight space dim 30" in out
    assert "total: dim End_G(V) = 75" in out
    assert "invariant linear functionals: 7" in out


def test_json(capsys):
    assert main(["dws", "2,3,4,1", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["objects"] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert payload["total"] == 75 and payload["total_invariant"] == 7
    assert payload["orbit_count_agrees"] is True
    blocks = {(b["target"], b["source"]): b["dimension"] for b in payload["blocks"]}
    assert blocks[("W2", "W2")] == 4 and blocks[("W1", "W1")] == 8
    assert sum(blocks.values()) == payload["total"]


@pytest.mark.parametrize("widths", ["2,0,1", "2,-3,1", "2", "a,b", "2,,1"])
def test_bad_widths(widths, capsys):
    assert main(["dws", widths]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err == (
        "plrep: error: `widths` must be at least 2 comma-separated positive integers such as 2,3,4,1, "
        f"got {widths!r} instead\n"
    )
