"""Where cells run: local worker processes (the default) or an existing Ray cluster.

Both hand each cell to ``execute_cell`` and return its record to this process, which alone
writes the files; so the results do not depend on the engine, and Ray workers need plrep
installed but no shared file system. An engine is opened (Ray imported and reached) before
the sweep writes anything, so a missing or unreachable engine leaves ``out`` untouched.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import socket
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from urllib.parse import urlsplit

from plrep.sweep._execute import execute_cell, failed_record

__all__ = ["ENGINES", "LocalEngine", "RayEngine", "open_engine"]


@contextlib.contextmanager
def _fork_exec_is_safe():
    """Silence JAX's at-fork warning while ray.init starts Ray's processes.

    Ray starts them with subprocess (fork immediately followed by exec, with a preexec_fn, which
    runs Python's at-fork hooks), so no forked copy ever runs JAX's threads; JAX warns all the
    same when it is loaded (and under warnings-as-errors its hook's exception escapes as
    "unraisable"). The local engine's "spawn" start does not run those hooks.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"os\.fork\(\) was called", category=RuntimeWarning)
        yield


ENGINES = ("local", "ray")
MAX_WORKERS = 256
_CONNECT_TIMEOUT_S = 5.0

# A job: (cell id, task function, parameters, definition); ``on_done(record)`` gets each result.
Job = tuple[str, Callable, dict, dict]


class LocalEngine:
    """``workers`` processes on this machine; with one worker, cells run in this process.

    Workers are started with "spawn" (a fresh interpreter): forking a process that has
    already started JAX's threads can deadlock.
    """

    name = "local"

    def __init__(self, workers: int | None) -> None:
        self.workers = workers or max(1, os.cpu_count() or 1)

    def run(self, jobs: list[Job], on_done: Callable[[dict], None]) -> None:
        if self.workers == 1 or len(jobs) <= 1:
            for cell_id, function, parameters, definition in jobs:
                on_done(execute_cell(function, parameters, cell_id, definition))
            return
        context = multiprocessing.get_context("spawn")
        with (
            _fork_exec_is_safe(),
            ProcessPoolExecutor(min(self.workers, len(jobs)), mp_context=context) as pool,
        ):
            futures = {
                pool.submit(execute_cell, function, parameters, cell_id, definition): (cell_id, definition)
                for cell_id, function, parameters, definition in jobs
            }
            try:
                for future in as_completed(futures):
                    cell_id, definition = futures[future]
                    try:
                        record = future.result()
                    except BrokenProcessPool:  # a worker died (killed, out of memory): record, go on
                        record = failed_record(cell_id, definition, "the worker process running it died")
                    on_done(record)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    def close(self) -> None:
        pass


def _import_ray():
    try:
        import ray
    except ImportError:
        raise ValueError("`--engine ray` needs Ray, which is not installed: install plrep[ray]") from None
    return ray


def _check_reachable(address: str, label: str = "--address") -> None:
    """Fail within seconds on an address where nothing listens (ray.init would retry for minutes)."""
    if address in ("auto", "local"):
        return
    parts = urlsplit(address if "://" in address else f"ray://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or port is None:
        raise ValueError(
            f"`{label}` must be HOST:PORT, ray://HOST:PORT or auto, got {address[:200]!r} instead"
        )
    try:
        with socket.create_connection((host, port), timeout=_CONNECT_TIMEOUT_S):
            pass
    except OSError as error:
        raise ValueError(
            f"`{label}` must reach a Ray cluster, got {address[:200]!r}: {error.strerror or error}"
        ) from None


class RayEngine:
    """Cells as Ray tasks, each asking ``cpus`` CPUs and ``gpus`` GPUs of the cluster.

    Uses the Ray instance this process is already connected to; otherwise connects to
    ``address`` (or starts a local instance when there is none) and disconnects at the end.
    """

    name = "ray"

    def __init__(self, address: str | None, cpus: float, gpus: float) -> None:
        self.ray = _import_ray()
        self.cpus, self.gpus = cpus, gpus
        self.started = False
        if not self.ray.is_initialized():
            target = address if address is not None else os.environ.get("RAY_ADDRESS")  # ray.init reads it
            if target:
                _check_reachable(target, "--address" if address is not None else "RAY_ADDRESS")
            try:
                with _fork_exec_is_safe():
                    self.ray.init(address=address, include_dashboard=False, log_to_driver=False)
            except (ConnectionError, RuntimeError, TimeoutError) as error:
                raise ValueError(
                    f"`--address` must reach a Ray cluster, got {address!r}: {' '.join(str(error).split())[:300]}"
                ) from None
            self.started = True

    def run(self, jobs: list[Job], on_done: Callable[[dict], None]) -> None:
        ray = self.ray
        remote = ray.remote(num_cpus=self.cpus, num_gpus=self.gpus, max_retries=0)(execute_cell)
        pending = {
            remote.remote(function, parameters, cell_id, definition): (cell_id, definition)
            for cell_id, function, parameters, definition in jobs
        }
        try:
            while pending:
                done, _ = ray.wait(list(pending), num_returns=1)
                cell_id, definition = pending.pop(done[0])
                try:
                    record = ray.get(done[0])
                except ray.exceptions.RayError as error:  # the worker died, the task was cancelled...
                    message = " ".join(str(error).split())[:500]
                    record = failed_record(cell_id, definition, f"{type(error).__name__}: {message}")
                on_done(record)
        except BaseException:
            for reference in pending:
                ray.cancel(reference, force=True)
            raise

    def close(self) -> None:
        if self.started:
            self.ray.shutdown()
            self.started = False


def open_engine(engine: str, *, workers: int | None, address: str | None, cpus: float, gpus: float):
    """A ready engine (Ray reached) or a ValueError naming the problem, before anything is written."""
    if engine not in ENGINES:
        raise ValueError(f"`engine` must be one of {', '.join(ENGINES)}, got {str(engine)[:40]!r} instead")
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS
    ):
        raise ValueError(f"`workers` must be an integer in 1..{MAX_WORKERS}, got {workers!r} instead")
    if engine == "local":
        if address is not None:
            raise ValueError("`--address` must go with --engine ray, got it with --engine local")
        return LocalEngine(workers)
    if workers is not None:
        raise ValueError(
            "`--workers` must go with --engine local (Ray places cells by [resources]), got it with --engine ray"
        )
    return RayEngine(address, cpus, gpus)
