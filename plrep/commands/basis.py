"""``plrep basis GROUP --in K --out L``: orbit basis of Hom_G(R^{X^K}, R^{X^L}), X natural."""

from __future__ import annotations

import argparse

from plrep.commands._common import EXIT_OK, add_format, examples, int_range, print_json

_MAX_LISTED = 200


def register(commands) -> None:
    parser = commands.add_parser(
        "basis",
        help="dimension and orbit representatives of equivariant maps X^K -> X^L",
        **examples("plrep basis S5", "plrep basis S4 --in 2 --out 1", "plrep basis C8 --format json"),
    )
    add_hom_arguments(parser)
    parser.set_defaults(run=run)


def add_hom_arguments(parser: argparse.ArgumentParser) -> None:
    """GROUP, --in, --out, --symmetric and --format: shared with ``plrep hom``."""
    parser.add_argument("group", help="group spec, e.g. S5, D6, A4, Q8, C8, S3xC2 (X: its natural action)")
    parser.add_argument(
        "--in", dest="k", type=int_range(0), default=1, help="input tensor power K (default 1)"
    )
    parser.add_argument(
        "--out", dest="l", type=int_range(0), default=1, help="output tensor power L (default 1)"
    )
    parser.add_argument(
        "--symmetric", action="store_true", help="symmetric input power Sym^K (quadratic layers)"
    )
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    from plrep.equivariant import hom_basis
    from plrep.groups import parse_group

    group = parse_group(args.group)
    basis = hom_basis(group, args.k, args.l, symmetric=args.symmetric)
    source = f"Sym^{args.k}(X)" if args.symmetric else f"X^{args.k}"
    representatives = [list(t) for t in basis.representative_tuples()]
    if args.format == "json":
        print_json(
            {
                "group": group.name,
                "in": args.k,
                "out": args.l,
                "symmetric": args.symmetric,
                "dimension": basis.count,
                "representatives": representatives,
            }
        )
        return EXIT_OK
    print(f"{group.name}: dim Hom_G(R^{source}, R^X^{args.l}) = {basis.count}")
    print("orbit representatives (y_1..y_L | x_1..x_K):")
    for rep in representatives[:_MAX_LISTED]:
        ys, xs = rep[: args.l], rep[args.l :]
        print(f"  ({' '.join(map(str, ys))} | {' '.join(map(str, xs))})")
    if len(representatives) > _MAX_LISTED:
        print(f"  ... {len(representatives) - _MAX_LISTED} more (use --format json)")
    return EXIT_OK
