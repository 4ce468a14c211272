"""A sweep's directory: its identity, one JSON file per finished cell, the Parquet table.

    DIR/sweep.json          what sweep this is: name, task, the grid, the cells in order
    DIR/cells/<id>.json     one finished cell (done or failed), written atomically
    DIR/results.parquet     one row per cell of the grid, rebuilt from cells/ after each run

A cell's file name is the hash of its full definition, so a changed cell has a new name and
is computed again, while an unchanged one is found and reused. Every file is written to a
temporary name beside it and renamed, so a killed run leaves whole files or none; the table
is rebuilt from the finished cells, so a run killed before writing it loses nothing.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from plrep._files import write_atomic as write_file_atomically

__all__ = ["FORMAT", "SweepDirectory"]

FORMAT = "plrep-sweep/1"
MAX_CELL_BYTES = 64 << 20  # a cell's JSON (a graph's edge list is capped well below this)
MAX_MANIFEST_BYTES = 64 << 20
TABLE = "results.parquet"


def _check_not_link(path: Path) -> None:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise ValueError(
            f"`out` must hold regular files only, got {str(path)!r}, which is a link or special file"
        )


def write_atomic(path: Path, write) -> None:
    """``write(temporary_path)`` fills a file beside ``path``, which is then renamed onto it.

    ``plrep._files.write_atomic`` with the sweep's settings: the files of a sweep directory are
    rewritten as the run goes (``force``), never through a symlink or onto a special file, and a
    temporary file ends in ``.tmp`` so that a killed run's leftovers are recognised and removed.
    """
    write_file_atomically(path, write, argument="out", force=True, suffix=".tmp")


def _read_json(path: Path, cap: int, what: str) -> dict:
    _check_not_link(path)
    with path.open("rb") as handle:
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise ValueError(f"`out` {what} must be at most {cap} bytes, got {str(path)!r}, which is larger")
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"`out` {what} must be valid JSON, got {str(path)!r}: {error}") from None
    if not isinstance(value, dict):
        raise ValueError(f"`out` {what} must be a JSON object, got {str(path)!r}, which is not")
    return value


class SweepDirectory:
    """The files of one sweep under ``root``; see the module docstring for the layout."""

    def __init__(self, root) -> None:
        self.root = Path(root)
        self.cells_dir = self.root / "cells"
        self.manifest_path = self.root / "sweep.json"
        self.table_path = self.root / TABLE

    # -- identity --------------------------------------------------------------------------

    def manifest(self) -> dict | None:
        """The sweep.json of this directory, or None where there is none."""
        if not self.manifest_path.exists() and not self.manifest_path.is_symlink():
            return None
        manifest = _read_json(self.manifest_path, MAX_MANIFEST_BYTES, "sweep.json")
        if manifest.get("format") != FORMAT:
            raise ValueError(
                f"`out` must hold {FORMAT} results, got {str(self.manifest_path)!r} of format "
                f"{str(manifest.get('format'))[:40]!r} instead"
            )
        return manifest

    def check_for(self, name: str, task: str) -> None:
        """Refuse a directory that holds anything but this sweep's (same name and task) results.

        Nothing is created or written here: a refused ``out`` is left exactly as it was.
        """
        try:
            self._check_for(name, task)
        except OSError as error:  # a name too long, no permission to look inside, ...
            raise ValueError(
                f"`out` must be a usable directory, got {str(self.root)[:200]!r}: {error.strerror or error}"
            ) from None

    def _check_for(self, name: str, task: str) -> None:
        root = self.root
        if root.is_symlink() or (root.exists() and not root.is_dir()):
            raise ValueError(f"`out` must be a directory, got {str(root)!r}, which is a file or a link")
        if not root.exists():  # created with its parents; the nearest existing one must allow it
            ancestor = root.absolute().parent
            while not ancestor.exists():
                ancestor = ancestor.parent
            if not ancestor.is_dir() or not os.access(ancestor, os.W_OK):
                raise ValueError(
                    f"`out` must be a directory that can be created, got {str(root)!r}, but "
                    f"{str(ancestor)!r} is not a writable directory"
                )
            return
        manifest = self.manifest()
        if manifest is None:
            if any(root.iterdir()):
                raise ValueError(
                    f"`out` must be a new or empty directory or one of this sweep's, got {str(root)!r}, "
                    "which holds other files"
                )
        elif manifest.get("name") != name or manifest.get("task") != task:
            raise ValueError(
                f"`out` must hold this sweep's results ({name!r}, task {task!r}), got {str(root)!r}, which "
                f"holds sweep {str(manifest.get('name'))[:64]!r} (task {str(manifest.get('task'))[:64]!r}); "
                "choose another --out"
            )
        if not os.access(root, os.W_OK):
            raise ValueError(f"`out` must be a writable directory, got {str(root)!r}, which is not writable")

    def write_manifest(self, manifest: dict) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.cells_dir.mkdir(exist_ok=True)
        if self.cells_dir.is_symlink():  # cell files are written inside: never through a link
            raise ValueError(
                f"`out` must hold a cells/ directory, got {str(self.cells_dir)!r}, which is a link"
            )
        text = json.dumps({"format": FORMAT, **manifest}, indent=1, allow_nan=False)
        write_atomic(self.manifest_path, lambda path: path.write_text(text + "\n", encoding="utf-8"))
        # Temporary files of a run that was killed mid-write: never read, so removed.
        for leftover in self.cells_dir.glob(".*.tmp"):
            leftover.unlink()

    # -- cells -----------------------------------------------------------------------------

    def cell_path(self, cell_id: str) -> Path:
        return self.cells_dir / f"{cell_id}.json"

    def finished(self) -> set[str]:
        """Ids of the cells with a file (done or failed)."""
        if not self.cells_dir.is_dir():
            return set()
        return {path.stem for path in self.cells_dir.glob("*.json") if not path.name.startswith(".")}

    def read_cell(self, cell_id: str) -> dict:
        record = _read_json(self.cell_path(cell_id), MAX_CELL_BYTES, "cell file")
        if record.get("cell") != cell_id:
            raise ValueError(f"`out` cell file {str(self.cell_path(cell_id))!r} must describe cell {cell_id}")
        return record

    def write_cell(self, record: dict) -> None:
        text = json.dumps(record, indent=1, allow_nan=False)
        write_atomic(
            self.cell_path(record["cell"]), lambda path: path.write_text(text + "\n", encoding="utf-8")
        )
