"""``plrep hom GROUP --in K --out L``: dim Hom_G(R^{X^K}, R^{X^L}), two ways.

X is the group's natural G-set (S_n, A_n on n points; D_n on the n-gon's vertices; Q8 and
cyclic products acting regularly). The dimension is counted as the number of G-orbits on
X^L x X^K (``plrep.equivariant.hom_basis``), and, when the group and the G-sets are small
enough to list, again from the character table as sum_L m_L(X^K) m_L(X^L) w_L with the type
weight w_L = 1, 2, 4 (real, complex, quaternionic). The two must agree; a mismatch is a bug
and exits with status 1. ``plrep basis`` lists the orbit representatives themselves.

JSON: {"group", "in", "out", "symmetric", "dimension", "dimension_from_characters" (int or
null when skipped), "simples": [{"id", "name", "dim", "type", "in", "out"}] (multiplicities of
each real simple in the two modules; empty when skipped)}.
"""

from __future__ import annotations

import argparse
import sys

from plrep.commands._common import EXIT_FAILURE, EXIT_OK, examples, print_json
from plrep.commands.basis import add_hom_arguments

# The character cross-check lists every element acting on X^K and X^L: |G| |X^K| integers.
_CHARACTER_LIMIT = 2**24


def register(commands) -> None:
    parser = commands.add_parser(
        "hom",
        help="dimension of equivariant maps X^K -> X^L, by orbits and by characters",
        **examples(
            "plrep hom C8",
            "plrep hom S5 --in 2 --out 2",
            "plrep hom S4 --in 2 --symmetric",
            "plrep hom C2xC2 --format json",
        ),
    )
    add_hom_arguments(parser)
    parser.set_defaults(run=run)


def _character_check(basis, group) -> tuple[int | None, list[dict]]:
    """The character-table count and per-simple multiplicities, or (None, []) if too large."""
    from plrep.decomposition import multiplicities
    from plrep.equivariant import hom_dimension_from_characters
    from plrep.groups import MAX_ELEMENTS, CyclicProduct

    if group.order > MAX_ELEMENTS:  # before the G-sets: S_64's X^4 alone holds 268 MB
        return None, []
    source, target = basis.source, basis.target
    if group.order * max(source.size, target.size) > _CHARACTER_LIMIT:
        return None, []
    if isinstance(group, CyclicProduct):
        # Abelian: no permutation-group table; the multiplicities come from the decomposition
        # and a 2-dimensional real simple is of complex type (End = C), a 1-dimensional one real.
        counts = [multiplicities(g) for g in (source, target)]
        types = ["complex" if s.dim == 2 else "real" for s in group.simples]
    else:
        table = group.character_table
        counts = [table.multiplicities(g.permutation_character) for g in (source, target)]
        types = [s.type for s in group.simples]
    rows = [
        {"id": s.id, "name": s.name, "dim": s.dim, "type": kind, "in": int(a), "out": int(b)}
        for s, kind, a, b in zip(group.simples, types, *counts, strict=True)
    ]
    return hom_dimension_from_characters(source, target), rows


def run(args: argparse.Namespace) -> int:
    from plrep.equivariant import hom_basis
    from plrep.groups import parse_group

    group = parse_group(args.group)
    basis = hom_basis(group, args.k, args.l, symmetric=args.symmetric)
    from_characters, rows = _character_check(basis, group)
    if args.format == "json":
        print_json(
            {
                "group": group.name,
                "in": args.k,
                "out": args.l,
                "symmetric": args.symmetric,
                "dimension": basis.count,
                "dimension_from_characters": from_characters,
                "simples": rows,
            }
        )
    else:
        source = f"Sym^{args.k}(R^X)" if args.symmetric else f"R^(X^{args.k})"
        points = getattr(group, "degree", group.order)  # cyclic products act regularly: |X| = |G|
        print(f"{group.name}: dim Hom_G({source}, R^(X^{args.l})) = {basis.count}   (|X| = {points})")
        if from_characters is None:
            print("character cross-check skipped: the group or the G-sets are too large to list")
        else:
            print(f"from characters: sum_L m_in m_out w_L = {from_characters}")
            print(f"    {'name':<6}{'dim':>5}  {'type':<13}{'m_in':>6}{'m_out':>6}")
            for row in rows:
                if row["in"] or row["out"]:
                    print(
                        f"    {row['name']:<6}{row['dim']:>5}  {row['type']:<13}{row['in']:>6}{row['out']:>6}"
                    )
    if from_characters is not None and from_characters != basis.count:
        print(
            f"plrep: failed: orbit count {basis.count} != character count {from_characters}", file=sys.stderr
        )
        return EXIT_FAILURE
    return EXIT_OK
