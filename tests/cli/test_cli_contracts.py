"""The JSON contracts of the data subcommands do not change (golden outputs, see their script)."""

import contextlib
import io
import json
import math
from pathlib import Path

import pytest

from plrep.cli import main

GOLDEN = json.loads((Path(__file__).parents[1] / "golden" / "cli_contracts.json").read_text())


def _same(expected, actual, where="") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        missing = set(expected) - set(actual)
        assert not missing, f"{where}: fields {sorted(missing)} disappeared"
        for key, value in expected.items():
            _same(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _same(e, a, f"{where}[{i}]")
    elif isinstance(expected, float):
        assert math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-12), f"{where}: {expected} != {actual}"
    else:
        assert expected == actual, f"{where}: {expected!r} != {actual!r}"


@pytest.mark.parametrize("command", sorted(GOLDEN))
def test_json_output_keeps_its_contract(command):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*command.split(), "--format", "json"]) == 0
    _same(GOLDEN[command], json.loads(out.getvalue()), command)
