"""``plrep inr-dataset --kind digits --num 100 --out digits.npz``: a regenerable INR data set.

Fits one SIREN per signal with ``plrep.nn.make_inr_dataset`` (``sines``: a·sin(b·x), a, b ~ U(0,
10); ``digits``: the first N of scikit-learn's 8×8 digits, needing the ``analysis`` extra) under
the kind's default spec (``plrep.nn.INR_DEFAULT_SPECS``: widths, ω₀, initialisation, output
offset, PSNR stop, learning rate), with ``--max-steps`` and ``--widths`` as the only overrides,
and writes the weights with the spec as JSON inside the .npz and beside it (``save_inr_dataset``:
atomic, never through a symlink, never over a file without ``--force``). The same seed gives the
same data set. Load it with ``plrep.nn.load_inr_dataset``.

JSON: {"out", "spec_json", "dataset", "seed", "num", "spec", "fit_mse": {"median", "max"},
"steps": {"median", "fraction_reached_psnr_stop"}}.
"""

from __future__ import annotations

import argparse
import sys

from plrep.commands._common import (
    EXIT_OK,
    UsageError,
    add_force,
    add_format,
    call_as_cli,
    examples,
    int_range,
    output_file,
    print_json,
)
from plrep.commands.dws import parse_widths

KINDS = ("sines", "digits")
MAX_NUM = 100_000  # INRs of one call; the fit's own work bound (MAX_DATASET_FIT_WORK) applies too


def register(commands) -> None:
    parser = commands.add_parser(
        "inr-dataset",
        help="fit a regenerable INR data set (SIRENs from a seed, the spec recorded with the weights)",
        **examples(
            "plrep inr-dataset --kind sines --num 4 --max-steps 20 --widths 1,8,1 --out /tmp/sines.npz --force",
            "plrep inr-dataset --kind digits --num 3 --max-steps 20 --out /tmp/digits.npz --force --format json",
        ),
    )
    parser.add_argument("--kind", choices=KINDS, required=True, help="which signals")
    parser.add_argument("--num", type=int_range(1, MAX_NUM), default=100, help="how many INRs (default 100)")
    parser.add_argument("--seed", type=int_range(0, 2**31 - 1), default=0, help="data seed (default 0)")
    parser.add_argument(
        "--max-steps", type=int_range(1, 10**6), default=None, help="Adam steps at most (default: the spec's)"
    )
    parser.add_argument("--widths", default=None, help="SIREN widths d_0,...,d_M (default: the spec's)")
    parser.add_argument("--out", required=True, help="the .npz to write (its spec also goes to .json)")
    add_force(parser)
    add_format(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    import numpy as np

    from plrep.nn import INR_DEFAULT_SPECS, make_inr_dataset, save_inr_dataset

    path = output_file(args.out, ".npz", force=args.force)
    output_file(str(path.with_suffix(".json")), ".json", force=args.force)  # the spec beside it
    spec = INR_DEFAULT_SPECS[args.kind]
    if args.max_steps is not None:
        spec = replace(spec, max_steps=args.max_steps)
    if args.widths is not None:
        spec = call_as_cli({"widths": "--widths"}, lambda: replace(spec, widths=parse_widths(args.widths)))
    if args.kind == "digits":
        try:
            import sklearn  # noqa: F401  (the optional extra `analysis`)
        except ImportError:
            raise UsageError(
                "`--kind digits` must have scikit-learn installed (pip install 'plrep[analysis]'), "
                "got no scikit-learn"
            ) from None
    renames = {"num": "--num", "spec.widths": "--widths", "spec": "--widths", "targets": "--num"}
    data = call_as_cli(renames, make_inr_dataset, args.kind, args.num, spec=spec, seed=args.seed)
    call_as_cli({"path": "--out"}, save_inr_dataset, data, path, force=args.force)
    steps = data["steps"]
    payload = {
        "out": str(path),
        "spec_json": str(path.with_suffix(".json")),
        "dataset": args.kind,
        "seed": args.seed,
        "num": args.num,
        "spec": data["spec"],
        "fit_mse": {"median": float(np.median(data["fit_mse"])), "max": float(np.max(data["fit_mse"]))},
        "steps": {
            "median": float(np.median(steps)),
            "fraction_reached_psnr_stop": float(np.mean(steps < data["spec"]["max_steps"])),
        },
    }
    if args.format == "json":
        print_json(payload)
    else:
        widths = "-".join(map(str, data["spec"]["widths"]))
        print(
            f"{args.num} {args.kind} INRs (SIREN {widths}, seed {args.seed}): fit MSE median "
            f"{payload['fit_mse']['median']:.2e}, max {payload['fit_mse']['max']:.2e}; "
            f"{100 * payload['steps']['fraction_reached_psnr_stop']:.0f} % reached the PSNR stop"
        )
        print(f"wrote {path} and {path.with_suffix('.json')}", file=sys.stdout)
    return EXIT_OK
