"""Regenerate tests/golden/public_api.json: the public API of plrep, package by package.

Records, for plrep and each concept folder (``plrep.groups``, ``plrep.gsets``, ...,
``plrep.nn``), its ``__all__`` sorted. tests/test_public_api.py compares the live ``__all__``
lists with this snapshot, so adding, removing or renaming a public name is a deliberate,
reviewed change: make it, run this script, and commit the new JSON with it.

    .venv/bin/python tests/golden/make_public_api.py
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

PACKAGES = [
    "plrep",
    "plrep.groups",
    "plrep.gsets",
    "plrep.decomposition",
    "plrep.equivariant",
    "plrep.spectra",
    "plrep.graphs",
    "plrep.maps",
    "plrep.weightspace",
    "plrep.testing",
    "plrep.nn",
    "plrep.explorer",
    "plrep.sweep",
]

PATH = Path(__file__).with_name("public_api.json")


def public_api() -> dict[str, list[str]]:
    """Each package of ``PACKAGES`` mapped to its sorted ``__all__``."""
    return {name: sorted(importlib.import_module(name).__all__) for name in PACKAGES}


def main() -> None:
    PATH.write_text(json.dumps(public_api(), indent=2) + "\n")
    print(f"wrote {PATH}")


if __name__ == "__main__":
    main()
