"""Grid files: a task and the axes to cross, read from TOML and checked before anything runs.

    name = "graphs-small"           # optional; the file's stem otherwise
    task = "graph"

    [axes]                          # crossed: one cell per combination, in this order
    group = ["C8", "D6", "S4"]
    activation = ["relu", "abs"]

    [params]                        # the same for every cell
    method = "numeric"

    [resources]                     # per cell, for --engine ray (docs/sweeps.md)
    cpus = 1
    gpus = 0

A task's ``batch`` parameter (``seed`` for ``composition``) is not crossed: its axis goes
whole into every cell, which computes those values in one call (seeds vmapped in one jit).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from plrep.sweep._tasks import REQUIRED, SCALAR_TYPES, Task, get_task

__all__ = ["MAX_CELLS", "Cell", "Grid", "load_grid", "parse_grid"]

MAX_CELLS = 1_000  # more cells than this need force=True (`--force`): a typo can cross 10^6
HARD_MAX_CELLS = 100_000  # never, even with force: one JSON file per cell
MAX_GRID_BYTES = 1 << 20  # a grid file is a few lines; refuse to read more than this
_SECTIONS = {"name", "task", "axes", "params", "resources"}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class Cell:
    """One cell: the task's full parameters and the hash of its definition.

    ``definition`` is what the hash covers: task name, task version and every parameter
    (defaults included), so a cell is reused only when all of them are unchanged.

    >>> cell = parse_grid({"task": "spectrum", "axes": {"activation": ["relu"]}}).cells()[0]
    >>> cell.parameters, len(cell.id)
    ({'activation': 'relu', 'harmonics': 16, 'amplitude': 1.0, 'bias': 0.0}, 16)
    """

    index: int
    parameters: dict = field(hash=False)
    definition: dict = field(hash=False, repr=False)
    id: str = ""


@dataclass(frozen=True)
class Grid:
    """A parsed grid: the task, the crossed axes (in file order), fixed params, resources.

    >>> grid = parse_grid({"task": "composition", "axes": {"group": ["S3", "C6"], "seed": [0, 1]}})
    >>> grid.crossed, grid.num_cells, grid.cells()[0].parameters["seed"]
    (['group'], 2, [0, 1])
    """

    name: str
    task: Task
    axes: dict = field(hash=False)
    params: dict = field(hash=False)
    cpus: float = 1.0
    gpus: float = 0.0

    @property
    def crossed(self) -> list[str]:
        """The axes that are crossed (all but the task's batch parameter)."""
        return [axis for axis in self.axes if axis != self.task.batch]

    @property
    def num_cells(self) -> int:
        return math.prod(len(self.axes[axis]) for axis in self.crossed)

    def cells(self) -> list[Cell]:
        """Every cell, in the order of the axes' product (the first axis varies slowest)."""
        crossed = self.crossed
        cells = []
        for index, values in enumerate(itertools.product(*(self.axes[a] for a in crossed))):
            parameters = dict(self.task.parameters)
            parameters.update(self.params)
            parameters.update(zip(crossed, values, strict=True))
            if self.task.batch is not None and self.task.batch in self.axes:
                parameters[self.task.batch] = list(self.axes[self.task.batch])
            elif self.task.batch is not None and isinstance(parameters[self.task.batch], tuple):
                parameters[self.task.batch] = list(parameters[self.task.batch])
            definition = {"task": self.task.name, "version": self.task.version, "parameters": parameters}
            cells.append(Cell(index, parameters, definition, cell_id(definition)))
        return cells


def cell_id(definition: dict) -> str:
    """The first 16 hex digits of the SHA-256 of the definition as canonical JSON."""
    text = json.dumps(definition, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_grid(path, *, force: bool = False) -> Grid:
    """Read and check the grid file ``path`` (TOML); see ``parse_grid``.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny.toml"
    >>> _ = path.write_text('task = "graph"\\n[axes]\\ngroup = ["C4"]\\nactivation = ["relu", "abs"]\\n')
    >>> grid = load_grid(path)
    >>> grid.name, grid.num_cells
    ('tiny', 2)

    Raises:
        ValueError: an unreadable, oversized or malformed file, or any problem
            ``parse_grid`` reports, naming the file.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_GRID_BYTES + 1)
    except OSError as error:
        raise ValueError(
            f"`grid` must be a readable TOML file, got {str(path)[:200]!r}: {error.strerror or error}"
        ) from None
    if len(data) > MAX_GRID_BYTES:
        raise ValueError(
            f"`grid` must be at most {MAX_GRID_BYTES} bytes, got {str(path)[:200]!r}, which is larger"
        )
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"`grid` must be valid TOML, got {str(path)[:200]!r}: {error}") from None
    return parse_grid(table, default_name=path.stem, force=force)


def _value_error(where: str, expected: str, value) -> ValueError:
    shown = repr(value)
    return ValueError(f"`{where}` must be {expected}, got {shown[:80]} instead")


def _convert(value, default, where: str):
    """A grid value of the type the task's default has (int -> float where a float is expected)."""
    if isinstance(default, tuple):  # a batch parameter: its values have the type of its elements
        default = default[0] if default else REQUIRED
    if not isinstance(value, SCALAR_TYPES):
        raise _value_error(where, "a number, string or boolean", value)
    if default is REQUIRED or default is None:
        return value
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise _value_error(where, "true or false", value)
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _value_error(where, "an integer", value)
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _value_error(where, "a number", value)
        if not math.isfinite(value):
            raise _value_error(where, "a finite number", value)
        return float(value)  # 1 and 1.0 are the same cell
    if isinstance(default, str):
        if not isinstance(value, str):
            raise _value_error(where, "a string", value)
        return value
    return value


def parse_grid(table: dict, *, default_name: str = "sweep", force: bool = False) -> Grid:
    """Check a grid (the TOML file as a dict) and every cell it defines, before anything runs.

    Refused (ValueError/TypeError, one line naming the key): unknown top-level keys, an
    unknown task, an axis or param the task does not take, an empty axis, a value of the
    wrong type, a required parameter given nowhere, a cell the task's check refuses (an
    unknown group, a group too large), and more than ``MAX_CELLS`` cells unless ``force``
    (never more than ``HARD_MAX_CELLS``).

    Example:
        >>> grid = parse_grid({"task": "graph", "axes": {"group": ["C4", "C6"], "activation": ["relu", "abs"]}})
        >>> grid.num_cells, grid.cells()[1].parameters["activation"]
        (4, 'abs')
    """
    if not isinstance(table, dict):
        raise TypeError(f"`grid` must be a TOML table, got {type(table).__name__} instead")
    unknown = sorted(set(table) - _SECTIONS)
    if unknown:
        raise ValueError(
            f"`grid` keys must be among {', '.join(sorted(_SECTIONS))}, got {unknown[0]!r} instead"
        )
    if "task" not in table:
        raise ValueError('`task` must be given in the grid (e.g. task = "graph"), got nothing instead')
    task = get_task(table["task"])
    name = table.get("name", default_name)
    if not isinstance(name, str) or _NAME.fullmatch(name) is None:
        raise _value_error("name", "letters, digits, '.', '-' or '_' (at most 64)", name)
    axes = _section(table, "axes")
    params = _section(table, "params")
    known = ", ".join(task.parameters)
    for section, entries in (("axes", axes), ("params", params)):
        for key in entries:
            if key not in task.parameters:
                raise ValueError(
                    f"`{section}.{key}` must be a parameter of task {task.name!r} ({known}), got an unknown one"
                )
    both = sorted(set(axes) & set(params))
    if both:
        raise ValueError(f"`params.{both[0]}` must not also be an axis, got it in both [axes] and [params]")
    checked_axes = {}
    for key, values in axes.items():
        if not isinstance(values, list):
            raise _value_error(f"axes.{key}", "a list of values", values)
        if not values:
            raise ValueError(f"`axes.{key}` must list at least one value, got an empty list")
        converted = [_convert(v, task.parameters[key], f"axes.{key}") for v in values]
        if len(set(map(repr, converted))) != len(converted):
            raise ValueError(f"`axes.{key}` must not repeat a value, got {values!r:.80} instead")
        checked_axes[key] = converted
    checked_params = {}
    for key, value in params.items():
        if key == task.batch:  # a batch given as a fixed list: seed = [0, 1, 2]
            if not isinstance(value, list) or not value:
                raise _value_error(f"params.{key}", "a non-empty list", value)
            checked_params[key] = [_convert(v, task.parameters[key], f"params.{key}") for v in value]
        else:
            checked_params[key] = _convert(value, task.parameters[key], f"params.{key}")
    missing = [k for k, d in task.parameters.items() if d is REQUIRED and k not in axes and k not in params]
    if missing:
        raise ValueError(
            f"`axes.{missing[0]}` (or `params.{missing[0]}`) must be given: task {task.name!r} requires it, got nothing"
        )
    cpus, gpus = _resources(table)
    grid = Grid(name, task, checked_axes, checked_params, cpus, gpus)
    count = grid.num_cells
    if count > HARD_MAX_CELLS or (count > MAX_CELLS and not force):
        limit = HARD_MAX_CELLS if count > HARD_MAX_CELLS else MAX_CELLS
        hint = "; split the grid" if limit == HARD_MAX_CELLS else " without --force (force=True)"
        raise ValueError(f"`grid` must define at most {limit} cells{hint}, got {count} cells instead")
    if task.check is not None:
        seen = set()
        for cell in grid.cells():
            if cell.id in seen:
                continue
            seen.add(cell.id)
            try:
                task.check(dict(cell.parameters))
            except (ValueError, TypeError) as error:
                shown = ", ".join(f"{a}={cell.parameters[a]!r}" for a in grid.crossed)
                raise type(error)(f"cell {cell.index} ({shown}): {error}") from None
    return grid


def _section(table: dict, key: str) -> dict:
    section = table.get(key, {})
    if not isinstance(section, dict):
        raise _value_error(key, f"a [{key}] table", section)
    return section


def _resources(table: dict) -> tuple[float, float]:
    resources = _section(table, "resources")
    unknown = sorted(set(resources) - {"cpus", "gpus"})
    if unknown:
        raise ValueError(f"`resources` keys must be cpus or gpus, got {unknown[0]!r} instead")
    cpus = resources.get("cpus", 1.0)
    gpus = resources.get("gpus", 0.0)
    for key, value, low in (("cpus", cpus, 0.0), ("gpus", gpus, 0.0)):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < low
        ):
            raise _value_error(f"resources.{key}", "a number >= 0", value)
    if cpus == 0 and gpus == 0:
        raise ValueError("`resources.cpus` must be positive when resources.gpus is 0, got 0 instead")
    return float(cpus), float(gpus)
