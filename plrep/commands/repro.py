"""``plrep repro``: regenerate the paper's figures, their data and the gallery."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(commands) -> None:
    parser = commands.add_parser("repro", help="regenerate the paper's figures and the gallery")
    parser.add_argument("--out", default="figures", help="output directory (default: figures)")
    parser.add_argument("--quick", action="store_true", help="reduced resolution, for a fast check")
    parser.add_argument("--only", help="regenerate only the figure with this name")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from paper_repro.runner import run_all

    return run_all(out_dir=Path(args.out), quick=args.quick, only=args.only)
