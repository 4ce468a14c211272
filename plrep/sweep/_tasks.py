"""Sweep tasks: a documented Python function, its parameters read from its signature.

A task computes one cell of a sweep from keyword arguments and returns a dict of JSON values.
Its identity is ``(name, version)``: both go into every cell's hash, so a task whose code
changed in a way that changes results must get a new version, and a finished cell computed by
an older version is recomputed rather than reused.

The registry maps names to tasks for grid files (``task = "graph"``). It cannot change the
results of a task already registered: a name is taken once (registering it again is refused,
unless it is the very same function and version, as when a module is imported twice), and
since cells are keyed by name and version, adding a task never touches another task's cells.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["REQUIRED", "Task", "get_task", "register_task", "task_names"]


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()  # a parameter without a default: every grid must give it

_NAME = re.compile(r"[a-z][a-z0-9_-]{0,63}")
# What a TOML grid can hold for one parameter value (after axes are crossed).
SCALAR_TYPES = (bool, int, float, str)


@dataclass(frozen=True)
class Task:
    """A sweep task: ``function(**parameters) -> dict`` with a name and a version.

    Attributes:
        name: the name grid files use (lowercase letters, digits, ``-`` and ``_``).
        function: computes one cell; it must be importable by its module and name (a
            top-level function) so that worker processes and Ray workers can load it.
        version: part of every cell's hash; change it when the results would change.
        parameters: name -> default (``REQUIRED`` if none), from the function's signature.
        batch: a parameter the function takes as a tuple of values, computed in one call
            (``"seed"`` for a task that trains its seeds vmapped in one jit); the grid's axis
            of that name then stays inside each cell instead of being crossed.
        check: ``check(parameters)`` raises ValueError/TypeError for a cell that cannot run
            (an unknown group, a size over a cap), before anything runs; optional.
        summary: one line for ``plrep sweep --help`` and the docs.

    Example:
        >>> task = get_task("composition")
        >>> task.batch, task.parameters["steps"]
        ('seed', 5000)
    """

    name: str
    function: Callable[..., dict]
    version: str
    parameters: Mapping[str, object] = field(repr=False)
    batch: str | None = None
    check: Callable[[dict], None] | None = field(default=None, repr=False)
    summary: str = ""


_REGISTRY: dict[str, Task] = {}


def _parameters_of(function: Callable) -> dict[str, object]:
    parameters = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.kind not in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY):
            raise TypeError(
                f"`function` must take named parameters only, got {function.__qualname__} with "
                f"*{name} or a positional-only parameter instead"
            )
        parameters[name] = REQUIRED if parameter.default is parameter.empty else parameter.default
    return parameters


def register_task(
    function: Callable[..., dict],
    *,
    name: str,
    version: str,
    batch: str | None = None,
    check: Callable[[dict], None] | None = None,
    summary: str = "",
) -> Task:
    """Register ``function`` as the sweep task ``name`` and return the ``Task``.

    The function takes keyword parameters (those without a default are required in every
    grid) and returns a dict of JSON values; top-level values that are numbers, strings,
    booleans, None or flat lists of those become columns of the results table, the rest
    stays in the cell's JSON. Its parameters may be given as grid axes or fixed params.

    Raises:
        ValueError: a malformed name or version, a name already taken by another task, a
            ``batch`` that is not one of the function's parameters.
        TypeError: ``function`` is not a top-level function with named parameters.

    Example:
        >>> def double(x: int = 1) -> dict:
        ...     return {"twice": 2 * x}
        >>> task = register_task(double, name="doctest-double", version="1")
        >>> task.parameters["x"], get_task("doctest-double") is task
        (1, True)
    """
    if not callable(function) or not hasattr(function, "__qualname__"):
        raise TypeError(f"`function` must be a Python function, got {type(function).__name__} instead")
    if not isinstance(name, str) or _NAME.fullmatch(name) is None:
        raise ValueError(
            "`name` must be lowercase letters, digits, '-' or '_' (starting with a letter, at most 64), "
            f"got {name!r} instead"
        )
    if not isinstance(version, str) or not version or len(version) > 64:
        raise ValueError(
            f"`version` must be a non-empty string of at most 64 characters, got {version!r} instead"
        )
    if "<locals>" in function.__qualname__:
        raise TypeError(
            f"`function` must be defined at the top level of a module (workers import it by name), "
            f"got {function.__qualname__} instead"
        )
    parameters = _parameters_of(function)
    if batch is not None and batch not in parameters:
        raise ValueError(
            f"`batch` must be one of the function's parameters {sorted(parameters)}, got {batch!r} instead"
        )
    task = Task(
        name=name,
        function=function,
        version=version,
        parameters=MappingProxyType(parameters),
        batch=batch,
        check=check,
        summary=summary,
    )
    existing = _REGISTRY.get(name)
    if existing is not None:
        same = existing.function is function and existing.version == version and existing.batch == batch
        if not same:
            raise ValueError(
                f"`name` must be a task name not yet taken, got {name!r}, which is registered "
                f"to {existing.function.__module__}.{existing.function.__qualname__} version {existing.version}"
            )
        return existing
    _REGISTRY[name] = task
    return task


def get_task(name: str) -> Task:
    """The registered task ``name``; ValueError naming the known tasks if there is none.

    >>> get_task("graph").name, get_task("graph").parameters["method"]
    ('graph', 'numeric')
    """
    if not isinstance(name, str):
        raise TypeError(f"`task` must be a task name, got {type(name).__name__} instead")
    if name not in _REGISTRY:
        raise ValueError(f"`task` must be one of {', '.join(task_names())}, got {name[:80]!r} instead")
    return _REGISTRY[name]


def task_names() -> list[str]:
    """Names of the registered tasks, built-in ones included, sorted.

    >>> {"graph", "spectrum", "composition"} <= set(task_names())
    True
    """
    return sorted(_REGISTRY)
