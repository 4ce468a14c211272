"""Sweeps: grids of analyses and trainings, resumable, run locally or on a Ray cluster.

A grid file (TOML) names a task and the axes to cross; every cell runs once, its result is
kept as JSON under ``cells/`` (keyed by the hash of its full definition) and all cells make
one Parquet table. Rerunning skips finished cells, so a killed sweep resumes. Built-in tasks:
``graph``, ``spectrum``, ``composition``; ``register_task`` adds your own. docs/sweeps.md
has the grid format, the engines and running on a Ray cluster.

>>> from plrep.sweep import task_names
>>> task_names()[:3]
['composition', 'graph', 'spectrum']
"""

from plrep.sweep import _builtin  # noqa: F401  (registers the built-in tasks)
from plrep.sweep._grid import MAX_CELLS, Cell, Grid, load_grid, parse_grid
from plrep.sweep._run import SweepReport, read_table, run_sweep, sweep_status
from plrep.sweep._tasks import REQUIRED, Task, get_task, register_task, task_names

__all__ = [
    "MAX_CELLS",
    "REQUIRED",
    "Cell",
    "Grid",
    "SweepReport",
    "Task",
    "get_task",
    "load_grid",
    "parse_grid",
    "read_table",
    "register_task",
    "run_sweep",
    "sweep_status",
    "task_names",
]
