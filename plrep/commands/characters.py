"""``plrep characters GROUP``: the complex character table and the real simples' types."""

from __future__ import annotations

import argparse
import itertools

import numpy as np

from plrep.commands._common import (
    EXIT_OK,
    UsageError,
    add_force,
    add_format,
    examples,
    int_range,
    output_file,
    print_json,
    write_output,
)
from plrep.commands._text import add_max_lines, cut_note, number_text, order_text, table_lines


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
    add_max_lines(parser, "characters (rows)")
    add_max_columns(parser)
    add_format(parser, ("text", "json", "npz"))
    parser.add_argument(
        "--out", help="with --format npz: the .npz file to write (S_n, n <= 38: exact integer arrays)"
    )
    add_force(parser)
    parser.set_defaults(run=run)


def add_max_columns(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-columns",
        type=int_range(1, 1000),
        default=12,
        help="text output: print at most this many classes (columns) (default 12; --format json lists all)",
    )


def permutation_group(spec: str):
    """The group of ``spec`` as a permutation group, so that cyclic specs get a table too."""
    from plrep.groups import as_permutation_group, parse_group

    return as_permutation_group(parse_group(spec))


def _text(value: complex) -> str:
    real, imag = round(value.real, 4) + 0.0, round(value.imag, 4) + 0.0
    if imag == 0:
        return f"{real:g}"
    return f"{imag:g}i" if real == 0 else f"{real:g}{imag:+g}i"


def partition_text(parts) -> str:
    """A cycle type or partition with its parts apart: (18, 1, 1) -> ``18.1^2`` (never ``1811``)."""
    runs = [(part, len(list(group))) for part, group in itertools.groupby(parts)]
    return ".".join(str(part) if count == 1 else f"{part}^{count}" for part, count in runs) or "-"


def _marked(labels: list[str]) -> list[str]:
    """Repeated labels (A_n's split classes and characters) get ``+`` and ``-``, in order."""
    seen: dict[str, int] = {}
    repeated = {label for label in labels if labels.count(label) > 1}
    out = []
    for label in labels:
        if label in repeated:
            seen[label] = seen.get(label, 0) + 1
            label += "+" if seen[label] == 1 else "-"
        out.append(label)
    return out


def _row_simples(group, table, values: np.ndarray) -> list[str]:
    """The real simple holding each complex character (a complex pair shares one, ``2a``).

    Matched by value: the real character of a simple is chi (real type) or 2 Re chi (complex
    and quaternionic types), and distinct irreducibles never give the same one.
    """
    names = [simple.name for simple in group.simples]
    real = np.asarray(table.real_characters)
    out = []
    for row in values.real:
        distance = np.minimum(np.abs(real - row).sum(axis=1), np.abs(real - 2 * row).sum(axis=1))
        out.append(names[int(np.argmin(distance))])
    return out


def _print_text(group, table, values, cycle_types, args) -> None:
    """Rows named (partition or real simple), classes as columns, both cut to the limits asked."""
    degree = getattr(group, "degree", None)
    classes = values.shape[1]
    shown_columns = min(classes, args.max_columns)
    shown_rows = min(values.shape[0], args.max_lines)
    print(f"{group.name}: order {order_text(group.order, degree)}, {group.num_classes} classes")
    partitions = getattr(table, "partitions", None)
    row_names = (
        _marked([partition_text(p) for p in partitions])
        if partitions is not None
        else [f"chi{index}" for index in range(values.shape[0])]
    )
    simples = _row_simples(group, table, values[: args.max_lines])
    head = [["class size", *(number_text(size) for size in group.class_sizes[:shown_columns])]]
    head.append(["elt order", *(str(order) for order in group.class_element_orders[:shown_columns])])
    if cycle_types is not None:
        head.append(["cycle type", *_marked([partition_text(mu) for mu in cycle_types])[:shown_columns]])
    body = []
    for index in range(shown_rows):
        label = f"{row_names[index]} ({simples[index]}, FS{int(table.indicators[index]):+d})"
        body.append([label, *(_text(v) for v in values[index, :shown_columns])])
    for line in table_lines(head[0], head[1:] + body, [True] + [False] * shown_columns):
        print(line)
    if shown_columns < classes:
        print(f"... {classes - shown_columns} more classes (raise --max-columns, or --format json for all)")
    note = cut_note(shown_rows, values.shape[0], "characters")
    if note:
        print(note)
    listed = [f"{s.name} ({s.type})" for s in group.simples[: args.max_lines]]
    print("real simples: " + ", ".join(listed) + (", ..." if len(group.simples) > args.max_lines else ""))


def run(args: argparse.Namespace) -> int:
    if args.format == "npz":
        return _write_npz(args)
    if getattr(args, "out", None) is not None:  # never accept a file name and then not write it
        raise UsageError(
            f"`--out` is for --format npz only; --format {args.format} prints the table to standard "
            f"output (redirect it to a file), got --out {args.out!r}"
        )
    group = permutation_group(args.group)
    table = group.character_table
    values = np.asarray(table.values)
    # Round-off (1.2e-16i in a rational character of S4) is printed as the 0 it stands for:
    # below 1e-12 of the largest degree, in text and JSON alike.
    tiny = 1e-12 * float(np.abs(values[:, 0]).max(initial=1.0))
    values = np.where(np.abs(values.real) < tiny, 0.0, values.real) + 1j * np.where(
        np.abs(values.imag) < tiny, 0.0, values.imag
    )
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
    _print_text(group, table, values, cycle_types, args)
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
