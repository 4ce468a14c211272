"""``plrep group GROUP``: list the real simple representations of a group."""

from __future__ import annotations

import argparse

from plrep.commands._common import EXIT_OK, add_format, print_json


def register(commands) -> None:
    parser = commands.add_parser("group", help="list the real simple representations of a group")
    parser.add_argument("group", help="group spec, e.g. C8, C4xC6, S4, D5, A5, Q8, S3xC2")
    parser.add_argument(
        "--characters", action="store_true", help="print the character table instead (as `plrep characters`)"
    )
    add_format(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plrep.groups import parse_group

    if args.characters:
        from plrep.commands import characters

        return characters.run(args)
    group = parse_group(args.group)
    simples = [s.to_dict() for s in group.simples]
    if args.format == "json":
        print_json({"group": group.name, "order": group.order, "simples": simples})
        return EXIT_OK
    print(f"{group.name}: order {group.order}, {len(simples)} real simple representations")
    print(f"{'id':>6}  {'name':<14}{'dim':>4}{'order':>8}")
    for s in simples:
        print(f"{s['id']:>6}  {s['name']:<14}{s['dim']:>4}{s['order']:>8}")
    return EXIT_OK
