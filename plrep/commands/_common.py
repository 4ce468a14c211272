"""Helpers shared by the subcommands: errors, output, safe file loading."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


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


def print_json(payload: dict) -> None:
    print(json_text(payload))


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = ("text", "json")) -> None:
    parser.add_argument("--format", choices=choices, default="text", help="output format (default: text)")


def int_range(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type``: an integer in [low, high]; messages read "must be ..., got ... instead"."""
    expected = {None: "an integer", 0: "a non-negative integer", 1: "a positive integer"}.get(
        low, f"an integer >= {low}"
    )

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {expected}, got {text!r} instead") from None
        if low is not None and value < low:
            raise argparse.ArgumentTypeError(f"must be {expected}, got {value} instead")
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(f"must be an integer <= {high}, got {value} instead")
        return value

    return parse


def _existing_file(path_text: str, argument: str, suffix: str) -> Path:
    path = Path(path_text)
    if path.is_dir():
        raise UsageError(f"`{argument}` must be a {suffix} file, got {path_text!r}, which is a directory")
    if not path.is_file():
        raise UsageError(
            f"`{argument}` must be an existing {suffix} file, got {path_text!r}, which does not exist"
        )
    return path


def check_weights_file(path_text: str) -> None:
    """Refuse a directory up front (the loader would call it missing)."""
    _existing_file(path_text, "weights", ".npz")


def load_npy(path_text: str, argument: str) -> np.ndarray:
    """Load a numeric .npy file without ever unpickling; errors name ``argument``."""
    if Path(path_text).suffix.lower() != ".npy":
        raise UsageError(f"`{argument}` must be a .npy file, got {path_text!r} instead")
    path = _existing_file(path_text, argument, ".npy")
    with path.open("rb") as handle:
        if handle.read(6) != b"\x93NUMPY":
            raise UsageError(
                f"`{argument}` must be a valid .npy file, got {path_text!r}, which is not in .npy format"
            )
    try:
        return np.load(path, allow_pickle=False)
    except ValueError as error:
        if "allow_pickle" in str(error):
            raise UsageError(
                f"`{argument}` must hold a numeric array, got a pickled object array in {path_text!r} instead"
            ) from None
        raise UsageError(f"`{argument}` must be a valid .npy file, got {path_text!r}: {error}") from None
    except (OSError, EOFError) as error:
        raise UsageError(f"`{argument}` must be a valid .npy file, got {path_text!r}: {error}") from None


def output_file(path_text: str, suffix: str | tuple[str, ...] | None = None, argument: str = "--out") -> Path:
    """Check an output file path before any work: not a directory, in a writable directory.

    ``suffix`` (".png", ".svg"): the picture format, which the file name must carry so that
    the file written is the format asked for and the name printed is the file written.
    """
    path = Path(path_text)
    if path.is_dir():
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
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
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


def write_output(path: Path, write: Callable[[Path], object], argument: str = "--out") -> None:
    """Run ``write(path)``; an OS error (permissions, a special file system) is a one-line usage error."""
    try:
        write(path)
    except OSError as error:
        raise UsageError(
            f"`{argument}` must be a writable path, got {str(path)!r}: {error.strerror or error}"
        ) from None
