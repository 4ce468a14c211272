"""``plrep group GROUP``: list the real simple representations of a group."""

from __future__ import annotations

import argparse

from plrep.commands._common import EXIT_OK, add_format, examples, print_json


def register(commands) -> None:
    parser = commands.add_parser(
        "group",
        help="list the real simple representations of a group",
        **examples("plrep group C8", "plrep group S4:natural^2", "plrep group D5 --format json"),
    )
    parser.add_argument(
        "group",
        help="group spec, e.g. C8, C4xC6, S4, D5, A5, Q8, S3xC2; with :GSET (S4:natural^2) the "
        "multiplicity of each simple in that permutation module is listed too",
    )
    parser.add_argument(
        "--characters", action="store_true", help="print the character table instead (as `plrep characters`)"
    )
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
    simples = [s.to_dict() for s in group.simples]
    counts = multiplicities(space).tolist() if space is not None else None
    if counts is not None:
        for simple, count in zip(simples, counts, strict=True):
            simple["multiplicity"] = count
    if args.format == "json":
        payload = {"group": group.name, "order": group.order, "simples": simples}
        if space is not None:
            payload["gset"] = {"name": space.name, "size": space.size}
        print_json(payload)
        return EXIT_OK
    where = f", in R^X for X = {space.name} ({space.size} points)" if space is not None else ""
    print(f"{group.name}: order {group.order}, {len(simples)} real simple representations{where}")
    header = f"{'id':>6}  {'name':<14}{'dim':>4}{'order':>8}  {'type':<13}"
    print(header + ("mult" if counts is not None else ""))
    for s in simples:
        row = f"{s['id']:>6}  {s['name']:<14}{s['dim']:>4}{s['order']:>8}  {s.get('type') or '-':<13}"
        print(row + (f"{s['multiplicity']:>4}" if counts is not None else ""))
    return EXIT_OK
