"""``plrep characters GROUP``: the complex character table and the real simples' types."""

from __future__ import annotations

import argparse

import numpy as np

from plrep.commands._common import (
    EXIT_OK,
    UsageError,
    add_force,
    add_format,
    examples,
    output_file,
    print_json,
    write_output,
)


def register(commands) -> None:
    parser = commands.add_parser(
        "characters",
        help="character table of a permutation group (S_n, A_n, D_n, Q8, ...)",
        **examples(
            "plrep characters S4",
            "plrep characters Q8 --format json",
            "plrep characters S30 --format npz --out /tmp/s30.npz",
        ),
    )
    parser.add_argument("group", help="group spec, e.g. S4, A5, D5, Q8, S3xC2")
    add_format(parser, ("text", "json", "npz"))
    parser.add_argument(
        "--out", help="with --format npz: the .npz file to write (S_n, n <= 38: exact integer arrays)"
    )
    add_force(parser)
    parser.set_defaults(run=run)


def permutation_group(spec: str):
    """The group of ``spec`` as a permutation group, so that cyclic specs get a table too."""
    from plrep.groups import as_permutation_group, parse_group

    return as_permutation_group(parse_group(spec))


def _text(value: complex) -> str:
    real, imag = round(value.real, 4) + 0.0, round(value.imag, 4) + 0.0
    return f"{real:g}" if imag == 0 else f"{real:g}{imag:+g}i"


def run(args: argparse.Namespace) -> int:
    if args.format == "npz":
        return _write_npz(args)
    group = permutation_group(args.group)
    table = group.character_table
    values = np.asarray(table.values)
    cycle_types = getattr(group, "class_cycle_types", None)
    if args.format == "json":
        payload = {
            "group": group.name,
            "order": group.order,
            "class_sizes": group.class_sizes.tolist(),
            "class_orders": group.class_element_orders.tolist(),
            "characters": [[[v.real, v.imag] for v in row] for row in values],
            "indicators": table.indicators.tolist(),
            "simples": [s.to_dict() for s in group.simples],
        }
        if cycle_types is not None:  # S_n, A_n: the column order of the table, by cycle type
            payload["classes"] = [
                {"cycle_type": list(mu), "size": int(size)}
                for mu, size in zip(cycle_types, group.class_sizes, strict=True)
            ]
        print_json(payload)
        return EXIT_OK
    print(f"{group.name}: order {group.order}, {group.num_classes} classes")
    print("class size  " + " ".join(f"{s:>9}" for s in group.class_sizes))
    print("elt order   " + " ".join(f"{o:>9}" for o in group.class_element_orders))
    if cycle_types is not None:
        print(
            "cycle type  "
            + " ".join(f"{''.join(map(str, mu)) if len(mu) < 9 else '~':>9}" for mu in cycle_types)
        )
    for index, (row, nu) in enumerate(zip(values, table.indicators, strict=True)):
        print(f"chi{index:<3} FS{int(nu):+d} " + " ".join(f"{_text(v):>9}" for v in row))
    print("real simples: " + ", ".join(f"{s.name} ({s.type})" for s in group.simples))
    return EXIT_OK


def _write_npz(args: argparse.Namespace) -> int:
    """S_n's integer table streamed to an .npz (see plrep.groups._mn_npz for the layout)."""
    from plrep.groups import SymmetricGroup, parse_group
    from plrep.groups._mn_npz import write_symmetric_npz
    from plrep.groups._mn_table import MAX_MN_DEGREE

    if getattr(args, "out", None) is None:
        raise UsageError("`--out` must name the .npz file to write with --format npz, got none")
    group = parse_group(args.group)
    if not isinstance(group, SymmetricGroup) or not 1 <= group.degree <= MAX_MN_DEGREE:
        raise UsageError(
            f"`group` must be S_n with 1 <= n <= {MAX_MN_DEGREE} for --format npz, got {args.group[:60]!r} instead"
        )
    path = output_file(args.out, ".npz", force=getattr(args, "force", False))
    summary = {}
    write_output(
        path,
        lambda target: summary.update(write_symmetric_npz(group.degree, target, progress=True)),
        force=getattr(args, "force", False),
    )
    big = (
        f", {summary['big_entries']} values beyond int64 in big_index/big_values"
        if summary["big_entries"]
        else ""
    )
    print(f"wrote the character table of {summary['group']} ({summary['classes']} classes{big}) to {path}")
    return EXIT_OK
