"""Helpers shared by the subcommands: errors, output, safe file loading."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from plrep._files import check_input_file, check_output_target, read_npy_header, write_atomic

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


_ASCII_INT = re.compile(r"[+-]?[0-9]{1,30}", re.ASCII)


class UsageError(ValueError):
    """Bad command-line input: reported on one line with exit status 2."""


def _no_negative_zero(value):
    """-0.0 prints as "-0.0", which reads like a sign that means something; JSON gets 0.0."""
    if isinstance(value, float):
        return 0.0 if value == 0.0 else value
    if isinstance(value, dict):
        return {key: _no_negative_zero(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_no_negative_zero(item) for item in value]
    return value


def json_text(payload: dict) -> str:
    """``payload`` as strict JSON; a NaN or infinity is a failure (exit 1), never invalid JSON."""
    try:
        return json.dumps(_no_negative_zero(payload), separators=(", ", ": "), allow_nan=False)
    except ValueError:
        # Not a UsageError: the input passed its checks, the numbers came out non-finite.
        raise FloatingPointError("the result holds NaN or infinity, which JSON cannot represent") from None


# Characters per write to standard output. One write of more than 2 GiB to a redirected
# stdout is cut at 2,147,479,552 bytes without an error (measured: Python 3.11 on Linux, whose
# write(2) moves at most 0x7ffff000 bytes at a time), so long text goes out in pieces.
PRINT_CHUNK = 2**24


def print_text(text: str) -> None:
    """``print(text)``, in pieces: `plrep graph D65536 --max-lines 0` prints 2.4 GB."""
    for start in range(0, len(text), PRINT_CHUNK):
        sys.stdout.write(text[start : start + PRINT_CHUNK])
    sys.stdout.write("\n")


def print_json(payload: dict) -> None:
    print_text(json_text(payload))


def call_as_cli(renames: dict[str, str], function, /, *args, **kwargs):
    """Run a library call; its refusal becomes a ``UsageError`` naming the CLI's options.

    ``renames`` maps the library's argument names to the command's (``{"space": "--group"}``), so
    "`space` must be ..." reaches the user as "`--group` must be ...".
    """
    try:
        return function(*args, **kwargs)
    except (ValueError, TypeError) as error:
        message = str(error)
        for name, option in renames.items():
            message = message.replace(f"`{name}`", f"`{option}`")
        raise UsageError(message) from None


def examples(*lines: str) -> dict:
    """``add_parser`` keywords for an "examples:" epilog (tests/cli/test_help_examples.py runs each line)."""
    return {
        "epilog": "examples:\n" + "\n".join(f"  {line}" for line in lines),
        "formatter_class": argparse.RawDescriptionHelpFormatter,
    }


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = ("text", "json")) -> None:
    parser.add_argument("--format", choices=choices, default="text", help="output format (default: text)")


def int_range(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type``: an integer in [low, high]; messages read "must be ..., got ... instead"."""
    expected = {None: "an integer", 0: "a non-negative integer", 1: "a positive integer"}.get(
        low, f"an integer >= {low}"
    )

    def parse(text: str) -> int:
        # ASCII digits only: int() would also take '١٢', '1_0' and ' 12\n'; 30 digits pass every cap.
        if _ASCII_INT.fullmatch(text) is None:
            raise argparse.ArgumentTypeError(f"must be {expected}, got {text[:60]!r} instead")
        value = int(text)
        if low is not None and value < low:
            raise argparse.ArgumentTypeError(f"must be {expected}, got {value} instead")
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(f"must be an integer <= {high}, got {value} instead")
        return value

    return parse


def _existing_file(path_text: str, argument: str, suffix: str) -> Path:
    try:  # a directory, a FIFO, /dev/zero: named for what they are, never opened
        path = check_input_file(path_text, argument, suffix)
    except ValueError as error:
        raise UsageError(str(error)) from None
    try:
        with path.open("rb"):
            pass
    except OSError as error:  # permissions, a name too long for the file system, ...
        raise UsageError(
            f"`{argument}` must be a readable {suffix} file, got {path_text[:200]!r}: {error.strerror or error}"
        ) from None
    return path


def check_weights_file(path_text: str) -> None:
    """Refuse a directory or an unreadable file up front (the loader would call it missing)."""
    _existing_file(path_text, "weights", ".npz")


def load_npy(path_text: str, argument: str) -> np.ndarray:
    """Load a numeric .npy file without ever unpickling; errors name ``argument``.

    The header (dtype, shape) is read and checked against ``plrep._files.MAX_ARCHIVE_BYTES``
    and the file's size before any data is read.
    """
    if Path(path_text).suffix.lower() != ".npy":
        raise UsageError(f"`{argument}` must be a .npy file, got {path_text[:200]!r} instead")
    path = _existing_file(path_text, argument, ".npy")
    try:
        return _read_npy(path, path_text, argument)
    except OSError as error:  # EIO from /proc/self/mem, a file that vanished, ...
        raise UsageError(
            f"`{argument}` must be a readable .npy file, got {path_text[:200]!r}: {error.strerror or error}"
        ) from None


def _read_npy(path: Path, path_text: str, argument: str) -> np.ndarray:
    with path.open("rb") as handle:
        if handle.read(6) != b"\x93NUMPY":
            raise UsageError(
                f"`{argument}` must be a valid .npy file, got {path_text!r}, which is not in .npy format"
            )
        handle.seek(0)
        try:
            _, _, _, data_bytes = read_npy_header(handle, f"`{argument}`")
        except ValueError as error:
            if "pickled object array" in str(error):
                raise UsageError(
                    f"`{argument}` must hold a numeric array, got a pickled object array in {path_text!r} instead"
                ) from None
            raise UsageError(f"{error} (in {path_text!r})") from None
        if handle.tell() + data_bytes != path.stat().st_size:
            raise UsageError(
                f"`{argument}` must be a valid .npy file, got {path_text!r}, whose size does not match "
                "the shape its header declares"
            )
    try:
        return np.load(path, allow_pickle=False)
    except ValueError as error:
        raise UsageError(f"`{argument}` must be a valid .npy file, got {path_text!r}: {error}") from None
    except (OSError, EOFError) as error:
        raise UsageError(f"`{argument}` must be a valid .npy file, got {path_text!r}: {error}") from None


def add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="overwrite an existing output file (never follows a symlink)"
    )


def _check_target(path: Path, path_text: str, argument: str, force: bool) -> None:
    """Refuse a symlink, a non-regular file (FIFO, device) or, without ``force``, any existing file."""
    check_output_target(path_text, argument, force=force, force_hint="--force", error=UsageError)


def output_file(
    path_text: str,
    suffix: str | tuple[str, ...] | None = None,
    argument: str = "--out",
    *,
    force: bool = False,
) -> Path:
    """Check an output file path before any work: a new regular file in a writable directory.

    ``suffix`` (".png", ".svg"): the picture format, which the file name must carry so that
    the file written is the format asked for and the name printed is the file written.
    An existing file is refused unless ``force``; a symlink or a special file (FIFO) always.
    """
    if len(os.fsencode(os.path.basename(path_text))) > 255:
        raise UsageError(
            f"`{argument}` must have a file name of at most 255 bytes, got {path_text[:60]!r}..."
        )
    path = Path(path_text)
    if path.is_dir() and not path.is_symlink():
        raise UsageError(f"`{argument}` must be a file path, got {path_text!r}, which is a directory")
    suffixes = (suffix,) if isinstance(suffix, str) else suffix
    if suffixes is not None and path.suffix.lower() not in suffixes:
        raise UsageError(
            f"`{argument}` must end in {' or '.join(suffixes)} for that format, got {path_text!r} instead"
        )
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(
            f"`{argument}` must be in an existing directory, got {path_text!r}, "
            f"but {str(parent)!r} is not a directory"
        )
    _check_target(path, path_text, argument, force)
    if not os.access(parent, os.W_OK):
        raise UsageError(f"`{argument}` must be a writable path, got {path_text!r}, which is not writable")
    return path


def output_directory(path_text: str, argument: str = "--out") -> Path:
    """Create the output directory (with parents) or report on one line why it cannot be."""
    path = Path(path_text)
    if path.exists() and not path.is_dir():
        raise UsageError(f"`{argument}` must be a directory, got {path_text!r}, which is a file")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(
            f"`{argument}` must be a directory that can be created, got {path_text!r}: {error.strerror}"
        ) from None
    if not os.access(path, os.W_OK):
        raise UsageError(
            f"`{argument}` must be a writable directory, got {path_text!r}, which is not writable"
        )
    return path


def write_output(
    path: Path, write: Callable[[Path], object], argument: str = "--out", *, force: bool = False
) -> None:
    """Write atomically (``plrep._files.write_atomic``): ``write`` fills a temporary file beside
    ``path``, which is then renamed.

    The target is checked again just before the rename (no symlink, no special file, no
    existing file unless ``force``); a failed write (full disk, permissions) leaves the old file
    as it was and no partial file behind, and is a one-line usage error.
    """
    try:
        write_atomic(path, write, argument=argument, force=force, force_hint="--force", error=UsageError)
    except OSError as error:
        raise UsageError(
            f"`{argument}` must be a writable path, got {str(path)!r}: {error.strerror or error}"
        ) from None
