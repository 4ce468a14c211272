"""Regenerate tests/golden/cli_contracts.json: the JSON output of the data subcommands.

Source: plrep's own CLI at commit 65d55d2 (before the one-house restructuring), whose numbers
were checked against GAP, mpmath and independent numerics. The restructuring must not change
any field of these outputs; tests/cli/test_contracts.py compares them (floats to 1e-9).
One deliberate change since: the strengths of ``graph C4xC4`` (issue 14), whose numeric graph
now samples each simple of order d as L_1 of C_d (per-order rows); its vertices, edges and
filtration are unchanged, and each strength equals that of C_d's simple of the same order.

    .venv/bin/python tests/golden/make_cli_contracts.py
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from plrep.cli import main

COMMANDS = [
    ["group", "C8"],
    ["group", "C4xC6"],
    ["group", "S4"],
    ["group", "D5"],
    ["group", "Q8"],
    ["group", "A5"],
    ["group", "S3xC2"],
    ["characters", "S4"],
    ["characters", "D6"],
    ["characters", "Q8"],
    ["characters", "C6"],
    ["graph", "C8", "--activation", "relu"],
    ["graph", "C12", "--activation", "abs", "--method", "exact"],
    ["graph", "C4xC4", "--activation", "relu"],
    ["graph", "D6", "--activation", "tanh"],
    ["graph", "S4", "--activation", "relu"],
    ["graph", "Q8", "--activation", "abs"],
    ["graph", "C30", "--activation", "relu", "--method", "condensed"],
    ["decompose", "C4", "--values=1,0,0,0"],
    ["decompose", "C12", "--values=1,2,3,4,5,6,7,8,9,10,11,12"],
    ["decompose", "C2xC3", "--values=1,0,0,0,2,0"],
    ["decompose", "S3", "--values=1,0,0,0,0,0"],
    ["hom", "S5", "--in", "2"],
    ["hom", "S4", "--in", "2", "--symmetric"],
    ["basis", "S5", "--in", "2", "--out", "1"],
    ["dws", "2,3,4,1"],
    ["spectrum", "relu", "--harmonics", "8"],
    ["spectrum", "gelu", "--harmonics", "6", "--amplitude", "2", "--bias", "-0.5"],
]


def run(args: list[str]) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main([*args, "--format", "json"])
    if status != 0:
        raise SystemExit(f"plrep {' '.join(args)} exited {status}")
    return json.loads(out.getvalue())


if __name__ == "__main__":
    golden = {" ".join(args): run(args) for args in COMMANDS}
    path = Path(__file__).with_name("cli_contracts.json")
    path.write_text(json.dumps(golden, indent=1) + "\n")
    print(f"wrote {len(golden)} outputs to {path}")
