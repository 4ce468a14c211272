"""Running a sweep and reporting on one: skip finished cells, run the rest, rebuild the table."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from plrep.sweep._engines import open_engine
from plrep.sweep._grid import Grid, load_grid
from plrep.sweep._store import SweepDirectory, write_atomic
from plrep.sweep._table import build_table, write_table

__all__ = ["SweepReport", "read_table", "run_sweep", "sweep_status"]

TABLE_EVERY_S = 60.0  # during a run the table is also rewritten at most this often


@dataclass(frozen=True)
class SweepReport:
    """What a run did: cells in the grid, computed now, reused from before, failed (with errors).

    >>> SweepReport("demo", "graph", "runs/demo", cells=4, computed=1, reused=3).to_dict()["done"]
    4
    """

    name: str
    task: str
    out: str
    cells: int
    computed: int
    reused: int
    failed: list = field(default_factory=list)  # [{"cell", "axes", "error"}], every failed cell
    engine: str = "local"
    seconds: float = 0.0
    table: str = ""

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "task": self.task,
            "out": self.out,
            "engine": self.engine,
            "cells": self.cells,
            "computed": self.computed,
            "reused": self.reused,
            "done": self.cells - len(self.failed),
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "table": self.table,
        }


def _axes_of(grid: Grid, parameters: dict) -> dict:
    return {axis: parameters[axis] for axis in grid.crossed}


def run_sweep(
    grid,
    out,
    *,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    force: bool = False,
    progress: bool = True,
) -> SweepReport:
    """Run every cell of ``grid`` that ``out`` does not hold finished, then write the table.

    Args:
        grid: a ``Grid`` or the path of a TOML grid file (``load_grid``).
        out: the sweep's directory (created; a directory of this sweep is resumed).
        engine: ``"local"`` (worker processes) or ``"ray"`` (an existing cluster, or a local
            Ray instance when ``address`` is None and none is running; needs ``plrep[ray]``).
        workers: local worker processes (default: the CPU count); 1 runs in this process.
        address: the Ray cluster's address (``HOST:PORT``, ``ray://HOST:PORT``, ``auto``).
        force: allow a grid of more than ``MAX_CELLS`` cells.
        progress: a tqdm bar on stderr (shown on a terminal only).

    A cell whose file exists with status "done" and the same definition hash is reused; a
    failed cell is tried again; a cell that fails now is recorded and the others go on.
    Everything is checked (grid, ``out``, engine) before anything is written; ``out`` holding
    another sweep's results is refused.

    Raises:
        ValueError: a bad grid, ``out`` or engine (the message names it); nothing written.

    Example:
        >>> import tempfile
        >>> from plrep.sweep import parse_grid
        >>> grid = parse_grid({"task": "spectrum", "axes": {"activation": ["relu", "abs"]}})
        >>> out = tempfile.mkdtemp() + "/run"
        >>> report = run_sweep(grid, out, workers=1, progress=False)
        >>> report.computed, run_sweep(grid, out, workers=1, progress=False).reused
        (2, 2)
        >>> read_table(out).column("nonzero").to_pylist()[1][:4]  # |sin x|: even harmonics
        [0, 2, 4, 6]
    """
    if isinstance(grid, str | Path):
        grid = load_grid(grid, force=force)
    if not isinstance(grid, Grid):
        raise TypeError(f"`grid` must be a Grid or a grid file path, got {type(grid).__name__} instead")
    store = SweepDirectory(out)
    store.check_for(grid.name, grid.task.name)
    cells = grid.cells()
    finished = store.finished()
    reusable = {cell.id for cell in cells if cell.id in finished and _is_done(store, cell.id)}
    todo = [cell for cell in cells if cell.id not in reusable]
    runner = open_engine(engine, workers=workers, address=address, cpus=grid.cpus, gpus=grid.gpus)
    start = time.perf_counter()
    try:
        store.write_manifest(_manifest(grid, cells))
        jobs = [(cell.id, grid.task.function, dict(cell.parameters), cell.definition) for cell in todo]
        with _progress_bar(len(jobs), grid.name, progress) as bar:
            last_table = [time.monotonic()]

            def on_done(record: dict) -> None:
                store.write_cell(record)
                bar.update(1)
                if time.monotonic() - last_table[0] > TABLE_EVERY_S:  # a long sweep can be read meanwhile
                    _write_table(store, grid, cells)
                    last_table[0] = time.monotonic()

            runner.run(jobs, on_done)
    finally:
        runner.close()
        records = _write_table(store, grid, cells)
    by_id = {cell.id: cell for cell in cells}
    failed = [
        {"cell": r["cell"], "axes": _axes_of(grid, by_id[r["cell"]].parameters), "error": r["error"]}
        for r in records
        if r["status"] == "failed"
    ]
    return SweepReport(
        name=grid.name,
        task=grid.task.name,
        out=str(store.root),
        cells=len(cells),
        computed=len(todo),
        reused=len(reusable),
        failed=failed,
        engine=engine,
        seconds=time.perf_counter() - start,
        table=str(store.table_path),
    )


def _write_table(store: SweepDirectory, grid: Grid, cells) -> list[dict]:
    """The table of the cells finished so far, written atomically; returns their records."""
    records = _finished_records(store, cells)
    if records or store.table_path.exists():
        table = build_table(records, _table_axes(grid))
        write_atomic(store.table_path, lambda path: write_table(table, path))
    return records


def _is_done(store: SweepDirectory, cell_id: str) -> bool:
    try:
        return store.read_cell(cell_id).get("status") == "done"
    except ValueError:  # an unreadable file is computed again (and rewritten)
        return False


def _table_axes(grid: Grid) -> list[str]:
    batch = [grid.task.batch] if grid.task.batch is not None else []
    return grid.crossed + [b for b in batch if b not in grid.crossed]


def _finished_records(store: SweepDirectory, cells) -> list[dict]:
    finished = store.finished()
    records = []
    for cell in cells:
        if cell.id in finished:
            try:
                records.append(store.read_cell(cell.id))
            except ValueError:
                continue
    return records


def _manifest(grid: Grid, cells) -> dict:
    from importlib.metadata import version

    return {
        "name": grid.name,
        "task": grid.task.name,
        "task_version": grid.task.version,
        "plrep_version": version("plrep"),
        "grid": {
            "axes": grid.axes,
            "params": grid.params,
            "resources": {"cpus": grid.cpus, "gpus": grid.gpus},
        },
        "axes": _table_axes(grid),
        "cells": [{"cell": cell.id, "axes": _axes_of(grid, cell.parameters)} for cell in cells],
    }


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def update(self, count: int) -> None:
        pass


def _progress_bar(total: int, name: str, progress: bool):
    if not progress:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=f"sweep {name}", unit="cell", disable=None)


def sweep_status(out) -> dict:
    """What a sweep directory holds: cells done, failed (with errors) and left, from sweep.json.

    Raises:
        ValueError: ``out`` is not a sweep directory (no sweep.json, or not plrep's).

    Example:
        >>> import tempfile
        >>> from plrep.sweep import parse_grid
        >>> out = tempfile.mkdtemp() + "/run"
        >>> _ = run_sweep(parse_grid({"task": "spectrum", "axes": {"activation": ["relu"]}}), out, workers=1, progress=False)
        >>> status = sweep_status(out)
        >>> status["done"], status["failed"], status["pending"]
        (1, [], [])
    """
    store = SweepDirectory(out)
    try:
        if not store.root.is_dir():
            raise ValueError(
                f"`--status` must name a sweep directory, got {str(out)!r}, which is not a directory"
            )
        manifest = store.manifest()
    except OSError as error:  # a name too long, no permission, ...
        raise ValueError(
            f"`--status` must name a sweep directory, got {str(out)[:200]!r}: {error.strerror}"
        ) from None
    if manifest is None:
        raise ValueError(f"`--status` must name a sweep directory, got {str(out)!r}, which has no sweep.json")
    cells = manifest.get("cells", [])
    finished = store.finished()
    done, failed, pending = [], [], []
    for entry in cells:
        cell_id = entry["cell"]
        if cell_id not in finished:
            pending.append(entry)
            continue
        try:
            record = store.read_cell(cell_id)
        except ValueError as error:
            failed.append({**entry, "error": f"unreadable cell file: {error}"})
            continue
        (done if record["status"] == "done" else failed).append({**entry, "error": record.get("error")})
    known = {entry["cell"] for entry in cells}
    return {
        "name": manifest.get("name"),
        "task": manifest.get("task"),
        "out": str(store.root),
        "cells": len(cells),
        "done": len(done),
        "failed": failed,
        "pending": pending,
        "stale": len(finished - known),  # files of cells no longer in the grid (kept, not in the table)
        "table": str(store.table_path) if store.table_path.exists() else None,
    }


def read_table(out):
    """The sweep's results as a ``pyarrow.Table`` (``.to_pandas()``, ``polars.from_arrow``).

    Example:
        >>> import tempfile
        >>> from plrep.sweep import parse_grid
        >>> out = tempfile.mkdtemp() + "/run"
        >>> grid = parse_grid({"task": "graph", "axes": {"group": ["C4"], "activation": ["abs"]}, "params": {"method": "exact"}})
        >>> _ = run_sweep(grid, out, workers=1, progress=False)
        >>> read_table(out).select(["group", "vertices", "edges", "filtration_depth"]).to_pylist()
        [{'group': 'C4', 'vertices': 3, 'edges': 4, 'filtration_depth': 3}]
    """
    import pyarrow.parquet as pq

    store = SweepDirectory(out)
    if not store.table_path.is_file():
        raise ValueError(
            f"`out` must hold a results table, got {str(out)!r}, which has no {store.table_path.name}"
        )
    return pq.read_table(store.table_path)
