"""The ``plrep`` command line: parse, call the library, print or write. No math here.

Errors follow ARCHITECTURE.md: one line on stderr naming the bad argument, exit status 2
for bad usage or input, 1 for a failure while running; a traceback only with ``--debug``.
Each subcommand lives in ``plrep.commands.<name>`` and registers itself.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from plrep.commands._common import EXIT_FAILURE, EXIT_USAGE, UsageError

__all__ = ["build_parser", "main", "main_exit"]

# Subcommands in the order `plrep --help` lists them.
COMMANDS = (
    "group",
    "decompose",
    "spectrum",
    "graph",
    "inspect",
    "repro",
    "characters",
    "basis",
    "sharing",
    "hom",
    "dws",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit by itself
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="plrep", description="Representation theory of equivariant neural networks.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"plrep.commands.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit status (tests call it directly)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except (ValueError, TypeError) as error:  # UsageError and the library's input checks
        if debug:
            raise
        print(f"plrep: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `plrep ... | head`: the reader left, so stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as error:  # the CLI promises one line, not a traceback
        if debug:
            raise
        print(f"plrep: failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILURE


def main_exit() -> None:
    """Entry point of the ``plrep`` console script."""
    sys.exit(main())
