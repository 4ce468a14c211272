"""``plrep group GROUP``: list the real simple representations of a group."""

from __future__ import annotations

import argparse
import itertools

from plrep.commands._common import EXIT_OK, add_format, examples, print_json
from plrep.commands._text import add_max_lines, check_listable, cut_note, number_text, order_text, table_lines


def register(commands) -> None:
    parser = commands.add_parser(
        "group",
        help="list the real simple representations of a group",
        **examples("plrep group C8", "plrep group S4:natural^2", "plrep group D5 --format json"),
    )
    parser.add_argument(
        "group",
        help="group spec, e.g. C8, C4xC6, S4, D5, A5, Q8, S3xC2; with :GSET (S4:natural^2) the "
        "multiplicity of each simple in that permutation module is listed too (text: the simples "
        "that occur)",
    )
    parser.add_argument(
        "--characters", action="store_true", help="print the character table instead (as `plrep characters`)"
    )
    add_max_lines(parser, "simples (or, with --characters, characters)")
    from plrep.commands.characters import add_max_columns

    add_max_columns(parser)
    add_format(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plrep.decomposition import multiplicities
    from plrep.groups import parse_group
    from plrep.gsets import parse_space

    if args.characters:
        from plrep.commands import characters

        return characters.run(args)
    space = parse_space(args.group) if ":" in args.group else None
    group = space.group if space is not None else parse_group(args.group)
    # Sized from the spec: C2147483648 is refused at once. Text makes only the simples it prints,
    # so D1000000 (closed forms) and S1000 (ids by rows) are listed a screen at a time.
    total = check_listable(group, "group", on_demand=args.format == "text")
    counts = multiplicities(space).tolist() if space is not None else None
    if args.format == "json":
        simples = [s.to_dict() for s in group.simples]
        if counts is not None:
            for simple, count in zip(simples, counts, strict=True):
                simple["multiplicity"] = count
        payload = {"group": group.name, "order": group.order, "simples": simples}
        if space is not None:
            payload["gset"] = {"name": space.name, "size": space.size}
        print_json(payload)
        return EXIT_OK
    degree = getattr(group, "degree", None)
    where = f", in R^X for X = {space.name} ({space.size} points)" if space is not None else ""
    print(
        f"{group.name}: order {order_text(group.order, degree)}, {number_text(total)} real simple "
        f"representations{where}"
    )
    ids = range(total) if counts is None else [i for i, count in enumerate(counts) if count]
    if counts is not None:
        print(f"{len(ids)} of them occur in R^X (multiplicity > 0); listed:")
    shown = list(itertools.islice(ids, args.max_lines))  # range(p(1000)) is never listed
    header = ["id", "name", "dim", "image order", "type"] + (["mult"] if counts is not None else [])
    rows = []
    for i in shown:
        simple = group.simple(i) if hasattr(group, "simple") else group.simples[i]
        row = [
            str(i),
            simple.name,
            number_text(simple.dim),
            number_text(simple.order, degree),
            simple.type or "-",
        ]
        rows.append(row + ([str(counts[i])] if counts is not None else []))
    left = [False, True, False, False, True] + ([False] if counts is not None else [])
    for line in table_lines(header, rows, left):
        print(line)
    note = cut_note(len(shown), len(ids) if counts is not None else total, "simples")
    if note:
        print(note)
    return EXIT_OK
