"""Helpers shared by the subcommands: errors, output, safe file loading."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(ValueError):
    """Bad command-line input: reported on one line with exit status 2."""


def print_json(payload: dict) -> None:
    print(json.dumps(payload, separators=(", ", ": ")))


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = ("text", "json")) -> None:
    parser.add_argument("--format", choices=choices, default="text", help="output format (default: text)")


def load_npy(path_text: str, argument: str) -> np.ndarray:
    """Load a numeric .npy file without ever unpickling; errors name ``argument``."""
    path = Path(path_text)
    if path.suffix.lower() != ".npy":
        raise UsageError(f"`{argument}` must be a .npy file, got {path_text!r} instead")
    if not path.is_file():
        raise UsageError(
            f"`{argument}` must be an existing .npy file, got {path_text!r}, which does not exist"
        )
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
