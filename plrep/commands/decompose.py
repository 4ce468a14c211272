"""``plrep decompose GROUP --input x.npy``: energy of each simple in functions on G."""

from __future__ import annotations

import argparse
import sys

import numpy as np

from plrep.commands._common import EXIT_OK, UsageError, add_format, examples, load_npy, print_json
from plrep.commands._text import check_listable


def register(commands) -> None:
    parser = commands.add_parser(
        "decompose",
        help="energy of each simple in functions on the regular module",
        **examples(
            "plrep decompose C4 --values 1,0,0,0",
            "plrep decompose S4:natural --values=-3,1,2,0",
            "python -c \"import numpy as np; np.save('x.npy', np.random.default_rng(0).normal(size=(5, 12)))\"",
            "plrep decompose C12 --input x.npy --format json",
        ),
    )
    parser.add_argument(
        "group", help="GROUP[:GSET], e.g. C12, C4xC6, S5:natural, S4:natural^2 (default: the regular module)"
    )
    parser.add_argument("--input", help=".npy file of shape (|X|,) or (batch, |X|)")
    parser.add_argument(
        "--values", help="inline values, comma-separated (write --values=-1,2 when the first is negative)"
    )
    parser.add_argument(
        "--axis",
        type=int,
        default=None,
        help="the axis of --input indexed by the points of the G-set (default: the last); every other "
        "axis is a unit, flattened in C order",
    )
    parser.add_argument(
        "--key-fraction",
        type=float,
        default=0.9,
        help="key simples: the fewest simples holding this fraction of the energy (default: 0.9)",
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
    from plrep.decomposition import array_labels
    from plrep.groups import parse_group
    from plrep.gsets import parse_space

    # The group alone first: C4096xC4096's 8 million simples are refused before its regular
    # G-set (two 16-million-entry permutations) is built.
    group_spec = args.group.partition(":")[0]
    parsed = parse_group(group_spec)
    # S_n ranked by rows (n >= 52) lists only the simples its module can hold (natural^K: a few)
    if not (getattr(parsed, "ranks_by_rows", False) and ":" in args.group):
        check_listable(parsed, "decompose", hint="plrep.energies in Python keeps no such list")
    space = parse_space(args.group)
    group = space.group
    labels = array_labels(space)
    if labels is not group:
        check_listable(labels, "decompose")
    if (args.input is None) == (args.values is None):
        raise UsageError(
            "give exactly one of `--input` (a .npy file) and `--values` (comma-separated numbers)"
        )
    argument = "--input" if args.input is not None else "--values"
    x = load_npy(args.input, argument) if args.input is not None else _parse_values(args.values)
    rows, summary, exponent = _summarize(space, x, argument, args)
    simples = [s.to_dict() for s in labels.simples]
    if args.format == "json":
        payload = {"group": group.name, "simples": simples, "energies": rows.tolist()}
        payload["gset"] = {"name": space.name, "size": space.size}
        payload["axis"] = args.axis if args.axis is not None else -1
        payload["key_fraction"] = summary.key_fraction
        payload["key_simples"] = summary.key_simples
        units = summary.to_dict()["units"]
        scaled = summary.energies
        totals = scaled.sum(axis=-1, keepdims=True)
        fractions = np.divide(scaled, totals, out=np.zeros_like(scaled), where=totals > 0)
        for unit, row, share in zip(units, rows, fractions, strict=True):
            unit["energies"] = row.tolist()  # the summary holds the rescaled energies
            # Shares never underflow: energies of 1e-400 print as 0.0 (JSON is float64), but the
            # purity beside them comes from these fractions, which are exact.
            unit["fractions"] = share.tolist()
        if np.any((rows == 0) & (scaled > 0)):
            print(
                "plrep: warning: energies below 1e-308 print as 0.0 in JSON (float64); each unit's "
                "`fractions` (energy over the unit's total, which purity and dominant use) keep their shares",
                file=sys.stderr,
            )
        payload["units"] = units
        print_json(payload)
        return EXIT_OK
    print(
        f"{group.name} on {space.name} ({space.size} points): energy ||P_L x||^2 per simple L, {rows.shape[0]} row(s)"
    )
    dominant, purity = summary.dominant, summary.purity
    for index in range(rows.shape[0]):
        lead = "tie" if dominant[index] < 0 else simples[dominant[index]]["name"]
        scaled = summary.energies[index]
        print(
            f"row {index}: total {_times_power_of_two(scaled.sum(), exponent)}, dominant {lead}, "
            f"purity {purity[index]:.4g}"
        )
        cells = [
            f"{s['name']}={_times_power_of_two(e, exponent)}" for s, e in zip(simples, scaled, strict=True)
        ]
        for start in range(0, len(cells), 6):
            print("  " + "  ".join(cells[start : start + 6]))
    keys = " ".join(simples[i]["name"] for i in summary.key_simples)
    print(f"key simples (>= {summary.key_fraction:g} of the energy): {keys}")
    return EXIT_OK


def _summarize(space, x, argument, args):
    """Energies per unit (rows) and their summary; input errors name the CLI argument."""
    from plrep.decomposition import array_labels, energies, summarize_energies

    if x.dtype.kind not in "biuf":  # timedelta, complex, void, str: numpy's ufunc errors otherwise
        kind = "real numbers" if x.dtype.kind == "c" else "a numeric array (bool, int or float)"
        raise UsageError(f"`{argument}` must hold {kind}, got dtype {x.dtype} instead")
    if args.axis is None:
        if x.ndim not in (1, 2):
            raise UsageError(
                f"`{argument}` must have shape ({space.size},) or (batch, {space.size}), got shape {x.shape} "
                "instead (give `--axis` for more axes)"
            )
        if x.shape[-1] != space.size:
            raise UsageError(
                f"`{argument}` must have last axis of length {space.size}, got shape {x.shape} instead"
            )
    elif not -x.ndim <= args.axis < x.ndim:
        raise UsageError(f"`--axis` must be an axis of {argument} (ndim {x.ndim}), got {args.axis} instead")
    if not 0.0 < args.key_fraction <= 1.0:
        raise UsageError(f"`--key-fraction` must be a number in (0, 1], got {args.key_fraction} instead")
    # Scale by one power of two before squaring: energies of 1e-200 (1e-400) underflow float64,
    # but their shares (dominant simple, purity, key simples) and the printed values need not.
    peak = float(np.abs(x).max()) if x.size and np.all(np.isfinite(x)) else 0.0
    exponent = int(np.frexp(peak)[1]) if peak > 0 else 0
    try:
        scaled = energies(
            space,
            np.ldexp(np.atleast_2d(x) if args.axis is None else x, -exponent),
            axis=-1 if args.axis is None else args.axis,
        )
    except ValueError as error:  # the library names its argument `x`
        raise UsageError(str(error).replace("`x`", f"`{argument}`")) from None
    with np.errstate(over="ignore", under="ignore"):  # an overflow is reported below, on one line
        rows = np.ldexp(scaled, 2 * exponent)
    if not np.all(np.isfinite(rows)):
        raise UsageError(
            f"`{argument}` must have energies below 1e308, got values up to {np.abs(x).max():.3g}"
        )
    summary = summarize_energies(array_labels(space), scaled, key_fraction=args.key_fraction)
    return rows.reshape(summary.energies.shape), summary, 2 * exponent


def _times_power_of_two(value: float, exponent: int) -> str:
    """value * 2**exponent to 6 significant digits, also beyond float64's range (1e-400)."""
    import decimal

    if value == 0:
        return "0"
    with decimal.localcontext() as context:
        context.prec = 30
        context.Emin, context.Emax = -(10**6), 10**6
        exact = decimal.Decimal(float(value)) * decimal.Decimal(2) ** exponent
    if 1e-300 < exact < 1e300:
        return f"{float(exact):.6g}"  # inside float64's range: the usual %g
    mantissa, _, power = f"{exact:.5e}".partition("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{power}"
