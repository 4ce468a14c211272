"""``plrep dws 2,3,4,1``: block dimensions of equivariant linear maps on an MLP's weight space.

Widths d_0,...,d_M (comma-separated positive integers); G = S_{d_1} x ... x S_{d_{M-1}}
permutes the hidden neurons. Each block A -> B (A, B among W1, b1, ..., WM, bM) is counted by
the closed formula and again by orbit equality patterns (``plrep.weightspace``); a mismatch is a
bug and exits with status 1.

JSON: {"widths", "group", "weight_space_dim", "method", "objects", "blocks": [{"target",
"source", "dimension"}], "total", "invariants": {object: dim}, "total_invariant",
"orbit_count_agrees"}.
"""

from __future__ import annotations

import argparse
import sys

from plrep.commands._common import EXIT_FAILURE, EXIT_OK, UsageError, add_format, examples, print_json


def register(commands) -> None:
    parser = commands.add_parser(
        "dws",
        help="block dimensions of equivariant maps on an MLP's weight space",
        **examples("plrep dws 2,3,4,1", "plrep dws 3,5,1 --format json"),
    )
    parser.add_argument("widths", help="MLP widths d_0,...,d_M, e.g. 2,3,4,1")
    add_format(parser)
    parser.set_defaults(run=run)


def parse_widths(text: str) -> tuple[int, ...]:
    """'2,3,4,1' -> (2, 3, 4, 1); anything else is a one-line usage error."""
    parts = [p.strip() for p in text.split(",")]
    # ASCII digits only: int() alone would also take "1_0" and non-Latin digits.
    widths = tuple(int(p) for p in parts) if all(p.isascii() and p.isdigit() for p in parts) else ()
    if len(widths) < 2 or any(d < 1 for d in widths):
        raise UsageError(
            f"`widths` must be at least 2 comma-separated positive integers such as 2,3,4,1, got {text!r} instead"
        )
    return widths


def run(args: argparse.Namespace) -> int:
    from plrep.weightspace import dws_blocks

    widths = parse_widths(args.widths)
    table = dws_blocks(widths)
    check = dws_blocks(widths, method="orbits")
    agrees = bool((check.dims == table.dims).all() and (check.invariants == table.invariants).all())
    payload = table.to_dict()
    if args.format == "json":
        print_json({**payload, "orbit_count_agrees": agrees})
    else:
        _print_text(payload, table)
    if not agrees:
        print(f"plrep: failed: orbit count {check.total} != closed formula {table.total}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def _print_text(payload: dict, table) -> None:
    names = table.names
    print(
        f"MLP {'-'.join(map(str, table.widths))}: G = {payload['group']}, "
        f"weight space dim {payload['weight_space_dim']}"
    )
    print("dim of equivariant blocks source -> target (rows: target, columns: source)")
    width = max(6, *(len(str(v)) + 2 for v in table.dims.ravel()))
    print(f"{'':<6}" + "".join(f"{n:>{width}}" for n in names))
    for name, row in zip(names, table.dims, strict=True):
        print(f"{name:<6}" + "".join(f"{int(v):>{width}}" for v in row))
    print(f"total: dim End_G(V) = {table.total}")
    invariants = ", ".join(f"{n} {int(v)}" for n, v in zip(names, table.invariants, strict=True))
    print(f"invariant linear functionals: {table.total_invariant} ({invariants})")
