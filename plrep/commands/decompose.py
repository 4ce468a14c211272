"""``plrep decompose GROUP --input x.npy``: energy of each simple in functions on G."""

from __future__ import annotations

import argparse

import numpy as np

from plrep.commands._common import EXIT_OK, UsageError, add_format, load_npy, print_json


def register(commands) -> None:
    parser = commands.add_parser("decompose", help="energy of each simple in functions on the regular module")
    parser.add_argument(
        "group", help="GROUP[:GSET], e.g. C12, C4xC6, S5:natural, S4:natural^2 (default: the regular module)"
    )
    parser.add_argument("--input", help=".npy file of shape (|X|,) or (batch, |X|)")
    parser.add_argument(
        "--values", help="inline values, comma-separated (write --values=-1,2 when the first is negative)"
    )
    add_format(parser)
    parser.set_defaults(run=run)


def _parse_values(text: str) -> np.ndarray:
    try:
        return np.array([float(v) for v in text.split(",")])
    except ValueError:
        raise UsageError(
            f"`--values` must be comma-separated numbers such as 1,0,0, got {text!r} instead"
        ) from None


def run(args: argparse.Namespace) -> int:
    from plrep.decomposition import energies
    from plrep.gsets import parse_space

    space = parse_space(args.group)
    group = space.group
    simples = [s.to_dict() for s in group.simples]  # first: a group too large to list fails here
    if (args.input is None) == (args.values is None):
        raise UsageError(
            "give exactly one of `--input` (a .npy file) and `--values` (comma-separated numbers)"
        )
    argument = "--input" if args.input is not None else "--values"
    x = load_npy(args.input, argument) if args.input is not None else _parse_values(args.values)
    if x.ndim not in (1, 2):
        raise UsageError(
            f"`{argument}` must have shape ({space.size},) or (batch, {space.size}), got shape {x.shape} instead"
        )
    if x.shape[-1] != space.size:
        raise UsageError(
            f"`{argument}` must have last axis of length {space.size}, got shape {x.shape} instead"
        )
    try:
        with np.errstate(over="ignore"):  # an overflow is reported below, on one line
            rows = energies(space, np.atleast_2d(x))
    except ValueError as error:  # the library names its argument `x`
        raise UsageError(str(error).replace("`x`", f"`{argument}`")) from None
    if not np.all(np.isfinite(rows)):
        raise UsageError(
            f"`{argument}` must have energies below 1e308, got values up to {np.abs(x).max():.3g}"
        )
    simples = [s.to_dict() for s in group.simples]
    if args.format == "json":
        payload = {"group": group.name, "simples": simples, "energies": rows.tolist()}
        payload["gset"] = {"name": space.name, "size": space.size}
        print_json(payload)
        return EXIT_OK
    print(
        f"{group.name} on {space.name} ({space.size} points): energy ||P_L x||^2 per simple L, {rows.shape[0]} row(s)"
    )
    for index, row in enumerate(rows):
        print(f"row {index}: total {row.sum():.6g}")
        cells = [f"{s['name']}={e:.6g}" for s, e in zip(simples, row, strict=True)]
        for start in range(0, len(cells), 6):
            print("  " + "  ".join(cells[start : start + 6]))
    return EXIT_OK
