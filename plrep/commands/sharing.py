"""``plrep check-sharing GROUP PATTERN.npy``: is every map with this weight sharing equivariant?"""

from __future__ import annotations

import argparse

from plrep.commands._common import EXIT_FAILURE, EXIT_OK, add_format, load_npy, print_json


def register(commands) -> None:
    parser = commands.add_parser(
        "check-sharing",
        help="check a weight-sharing pattern (colour labels) for equivariance",
        description="Is every map with this weight sharing G-equivariant? Exit status 0 if yes, "
        "1 (with a counterexample) if not, 2 for bad input.",
        epilog="example:\n  python -c \"import numpy as np; np.save('p.npy', 1 - np.eye(4, dtype=int))\"\n"
        "  plrep check-sharing S4 p.npy",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("group", help="group spec, e.g. S4 (acting naturally on every axis)")
    parser.add_argument("pattern", help=".npy integer array (|X|, |X|) or (|X|, |X|, |X|), output axis first")
    parser.add_argument("--kind", choices=("bilinear", "quadratic"), default="bilinear", help="for 3-tensors")
    add_format(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from plrep.equivariant import check_sharing
    from plrep.groups import parse_group

    group = parse_group(args.group)
    report = check_sharing(load_npy(args.pattern, "pattern"), group, kind=args.kind)
    payload = {
        "group": group.name,
        "equivariant": report.equivariant,
        "complete": report.complete,
        "colours": report.num_colours,
        "orbits": report.num_orbits,
    }
    if not report.equivariant:
        payload.update(
            generator=report.generator,
            entry=list(report.entry),
            inputs=[x.tolist() for x in report.inputs],
            weights={str(k): v for k, v in report.weights.items()},
            difference=report.difference,
        )
    status = EXIT_OK if report.equivariant else EXIT_FAILURE  # a check that fails exits 1
    if args.format == "json":
        print_json(payload)
        return status
    if report.equivariant:
        extent = "all" if report.complete else "some, not all,"
        print(
            f"equivariant: yes ({report.num_colours} colours; {extent} of the {report.num_orbits}-dimensional "
            "space of equivariant maps)"
        )
    else:
        print(
            f"equivariant: no; generator {report.generator} of {group.name} maps entry {report.entry} to a "
            f"different colour; with random colour weights and input, max |f(g x) - g f(x)| = {report.difference:.3g}"
        )
    return status
