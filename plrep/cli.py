"""The ``plrep`` command line: parse, call the library, print or write. No math here.

Errors follow docs/architecture.md: one line on stderr naming the bad argument, exit status 2
for bad usage or input, 1 for a failure while running (a full disk under standard output
included); a traceback only with ``--debug``. A reader that leaves (``plrep ... | head``) ends
the run quietly with status 141, what a shell reports for a Unix tool killed by SIGPIPE.
Each subcommand lives in ``plrep.commands.<name>`` and registers itself.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import warnings
from collections.abc import Sequence

from plrep.commands._common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["build_parser", "main", "main_exit"]

# Subcommands in the order `plrep --help` lists them.
COMMANDS = (
    "group",
    "decompose",
    "spectrum",
    "graph",
    "inspect",
    "progress",  # also registers "ablate"
    "repro",
    "characters",
    "basis",
    "sharing",
    "hom",
    "dws",
    "explore",
    "sweep",
    "inr_dataset",  # registers "inr-dataset"
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit by itself
        # "argument --x: must be ..." (from our `type` checks) reads as "`--x` must be ...".
        message = re.sub(r"^argument (\S+): (must )", r"`\1` \2", message)
        if message.startswith("the following arguments are required: command"):
            message = "`command` must be one of the subcommands that `plrep --help` lists, got none"
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="plrep", description="Representation theory of equivariant neural networks.")
    from importlib.metadata import version

    parser.add_argument(
        "--debug", action="store_true", help="show tracebacks on errors (anywhere on the line)"
    )
    parser.add_argument("--version", action="version", version=f"plrep {version('plrep')}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"plrep.commands.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit status (tests call it directly)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--debug" in argv:  # accepted after the subcommand too: `plrep graph C8 --debug`
        argv.remove("--debug")
        return _run(["--debug", *argv], debug=True)
    # Warnings (numpy overflow, ...) are held back: after a success each is one line; after an
    # error only the error's own line is printed, as the contract promises.
    with warnings.catch_warnings(record=True) as caught:
        status = _run(argv, debug=False)
    if status == EXIT_OK:
        for message in dict.fromkeys(str(w.message) for w in caught):
            print(f"plrep: warning: {message}", file=sys.stderr)
    return status


_MAX_MESSAGE = 500
# 128 + SIGPIPE: the status a shell shows for `seq 1000000 | head -1`'s seq.
EXIT_BROKEN_PIPE = 141


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no real descriptor (a test's capture): nothing to flush there
        pass


class _StdoutFailure(Exception):
    """Writing standard output failed (``> /dev/full``); ``args[0]`` is the OSError."""


class _WatchedStdout:
    """Standard output whose write errors are told apart from the run's other OSErrors.

    A closed pipe stays a ``BrokenPipeError`` (quiet, status 141); any other failed write or
    flush becomes ``_StdoutFailure``, reported as one line with status 1.
    """

    def __init__(self, stream):
        self._stream = stream

    def _guarded(self, method, *args):
        try:
            return method(*args)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _StdoutFailure(error) from None

    def write(self, text):
        return self._guarded(self._stream.write, text)

    def flush(self):
        return self._guarded(self._stream.flush)

    def __getattr__(self, name):
        return getattr(self._stream, name)


_LONG_NUMBER = re.compile(r"(?<![\w.])[0-9]{31,}(?![\w.])", re.ASCII)


def _one_line(error: BaseException) -> str:
    """The message on one line, cut to ``_MAX_MESSAGE`` characters (an echoed input can be huge).

    Whole numbers of more than 30 digits (|G| |X| of S200's regular module has 375) are written
    ``about 7.89e374``, as ``plrep._validate.size_text`` writes them.
    """
    from plrep._validate import size_text

    text = " ".join(str(error).split("\n"))
    text = _LONG_NUMBER.sub(lambda match: _short_number(match.group(), size_text), text)
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def _short_number(digits: str, size_text) -> str:
    # int() of more than 4300 digits is refused by Python itself; such a number is named by length.
    return size_text(int(digits)) if len(digits) <= 4000 else f"a {len(digits)}-digit number"


def _run(argv: list[str], *, debug: bool) -> int:
    # The CLI only writes picture files, so it picks the non-interactive backend; the library
    # itself never chooses one (that would break inline figures in notebooks).
    os.environ.setdefault("MPLBACKEND", "Agg")
    stdout = sys.stdout
    sys.stdout = _WatchedStdout(stdout)
    try:
        args = build_parser().parse_args(argv)
        status = args.run(args)
        sys.stdout.flush()  # a write failure shows here, not as "Exception ignored" at exit
        return status
    except _StdoutFailure as failure:  # `plrep ... > /dev/full`
        _silence_stdout()
        error = failure.args[0]
        print(
            f"plrep: failed: could not write to standard output: {error.strerror or error}", file=sys.stderr
        )
        return EXIT_FAILURE
    except (ValueError, TypeError) as error:  # UsageError and the library's input checks
        if debug and not isinstance(error, UsageError):  # the CLI's own messages need no traceback
            raise
        print(f"plrep: error: {_one_line(error)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `plrep ... | head`: the reader left, so stop quietly
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as error:  # the CLI promises one line, not a traceback
        if debug:
            raise
        print(f"plrep: failed: {type(error).__name__}: {_one_line(error)}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        sys.stdout = stdout


def main_exit() -> None:
    """Entry point of the ``plrep`` console script."""
    sys.exit(main())
