"""dws_blocks totals against tests/golden/dws_totals.json, which its script recomputes from scratch
(orbit counting by union-find, no plrep code): the stored numbers are exactly the script's."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from plrep.weightspace import dws_blocks

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _generator():
    spec = importlib.util.spec_from_file_location("make_dws_totals", GOLDEN / "make_dws_totals.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = json.loads((GOLDEN / "dws_totals.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[",".join(map(str, c["widths"])) for c in CASES])
def test_dws_totals_equal_the_golden_orbit_counts(case):
    table = dws_blocks(tuple(case["widths"]))
    assert (table.total, table.total_invariant) == (case["total"], case["total_invariant"])


def test_the_golden_file_is_its_script_output():
    generator = _generator()
    for case in CASES[:4]:  # the larger ones take a few seconds each
        assert generator.totals(tuple(case["widths"])) == {
            "total": case["total"],
            "total_invariant": case["total_invariant"],
        }
