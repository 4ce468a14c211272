"""``plrep sweep GRID.toml --out DIR``: run a grid of analyses or trainings, resumably; ``--status DIR``."""

from __future__ import annotations

import argparse

from plrep.commands._common import (
    EXIT_FAILURE,
    EXIT_OK,
    UsageError,
    add_format,
    call_as_cli,
    int_range,
    print_json,
)

_LISTED = 10  # failed or pending cells named in text output; the rest are counted


def register(commands) -> None:
    parser = commands.add_parser(
        "sweep",
        help="run a grid of analyses or trainings (TOML), resumable; locally or on Ray",
        description="Run every cell of a grid file (a task and the axes to cross) that DIR does not "
        "hold finished; results in DIR/results.parquet (one row per cell) and DIR/cells/*.json. "
        "Rerunning resumes; a changed cell is recomputed. Exit status 1 when a cell failed "
        "(the others still ran). Built-in tasks: graph, spectrum, composition. On a Ray cluster: "
        "--engine ray --address HOST:PORT (pip install 'plrep[ray]'). Grid format and Ray clusters: "
        "docs/sweeps.md.",
        epilog="examples:\n"
        "  plrep sweep examples/sweeps/graphs.toml --out runs/graphs --workers 2\n"
        "  plrep sweep examples/sweeps/spectrum.toml --out runs/spectra --workers 1 --format json\n"
        "  plrep sweep --status runs/graphs",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("grid", nargs="?", help="the grid file (TOML): task, [axes], [params], [resources]")
    parser.add_argument("--out", help="the sweep's directory (created; resumed when it holds this sweep)")
    parser.add_argument("--status", metavar="DIR", help="say what the sweep in DIR has done and what is left")
    parser.add_argument(
        "--engine", choices=("local", "ray"), default="local", help="local processes (default) or Ray"
    )
    parser.add_argument(
        "--workers", type=int_range(1, 256), default=None, help="local worker processes (default: CPU count)"
    )
    parser.add_argument(
        "--address", help="Ray cluster address HOST:PORT, ray://HOST:PORT or auto (--engine ray)"
    )
    add_format(parser)
    parser.add_argument(
        "--force", action="store_true", help="run a grid of more cells than the cap (plrep.sweep.MAX_CELLS)"
    )
    parser.set_defaults(run=run)


def _cells_text(entries: list, label: str) -> list[str]:
    lines = []
    for entry in entries[:_LISTED]:
        axes = ", ".join(f"{k}={v}" for k, v in entry["axes"].items())
        error = f": {entry['error']}" if entry.get("error") else ""
        lines.append(f"  {label} {entry['cell']} ({axes}){error}"[:300])
    if len(entries) > _LISTED:
        lines.append(f"  ... {len(entries) - _LISTED} more {label} cells (--format json lists all)")
    return lines


def _status(args: argparse.Namespace) -> int:
    from plrep.sweep import sweep_status

    if args.grid or args.out:
        raise UsageError("`--status DIR` must be given alone, got a grid or --out with it")
    status = sweep_status(args.status)
    if args.format == "json":
        print_json(status)
        return EXIT_OK
    lines = [
        f"sweep {status['name']!r} (task {status['task']}) in {status['out']}: {status['cells']} cells, "
        f"{status['done']} done, {len(status['failed'])} failed, {len(status['pending'])} left",
        *_cells_text(status["failed"], "failed"),
        *_cells_text(status["pending"], "left"),
    ]
    if status["stale"]:
        lines.append(f"  {status['stale']} cell files from earlier grids (kept, not in the table)")
    lines.append(f"table: {status['table'] or '(not written yet)'}")
    print("\n".join(lines))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.status:
        return _status(args)
    if not args.grid:
        raise UsageError("`grid` must be given (a TOML grid file), or --status DIR, got neither")
    if not args.out:
        raise UsageError("`--out` must name the sweep's directory, got nothing")
    from plrep.sweep import load_grid, run_sweep

    grid = load_grid(args.grid, force=args.force)
    report = call_as_cli(
        {"out": "--out"},
        run_sweep,
        grid,
        args.out,
        engine=args.engine,
        workers=args.workers,
        address=args.address,
        force=args.force,
        progress=True,
    )
    if args.format == "json":
        print_json(report.to_dict())
    else:
        lines = [
            f"sweep {report.name!r} (task {report.task}, {report.engine}): {report.cells} cells, "
            f"{report.computed} computed, {report.reused} reused, {len(report.failed)} failed "
            f"in {report.seconds:.1f} s",
            *_cells_text(report.failed, "failed"),
            f"table: {report.table}",
        ]
        print("\n".join(lines))
    return EXIT_FAILURE if report.failed else EXIT_OK
