"""``plrep inspect ACTS.npz --group ...`` and ``plrep inspect MODEL.onnx --group ... --inputs X.npy``.

Anyone's model, through one report (``plrep.inspection.InspectionReport``): each named array of
an activation archive, or each intermediate tensor of an ONNX graph, decomposed along its
G-set axis. Text, JSON (``source``, ``group``, ``gset``, ``simples``, ``devices``, ``arrays``
with ``key_simples``/``units``, ``skipped``) or a picture (``inspection.png``/``.svg`` in --out).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from plrep.commands._common import (
    EXIT_OK,
    UsageError,
    call_as_cli,
    load_npy,
    output_directory,
    output_file,
    print_json,
    write_output,
)


def parse_axis(text: str | None):
    """``--axis``: an integer or comma-separated integers (a product G-set over several axes)."""
    if text is None:
        return None
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        raise UsageError(
            f"`--axis` must be an integer or integers such as -2,-1, got {text!r} instead"
        ) from None
    return values[0] if len(values) == 1 else values


def _report(args, space):
    from plrep.inspection import inspect_arrays, load_archive
    from plrep.inspection._report import ARCHIVE_ORDER

    path = Path(args.weights)
    options = {
        "axis": parse_axis(args.axis),
        "fibers": args.fibers,
        "key_fraction": args.key_fraction,
        "batch_axis": args.batch_axis,
    }
    if path.suffix.lower() == ".onnx":
        from plrep.inspection import inspect_onnx

        if args.inputs is None:
            raise UsageError("`--inputs` must be given for an ONNX model (a .npy batch of model inputs)")
        inputs = load_npy(args.inputs, "--inputs")
        try:
            return _renamed(inspect_onnx, args.weights, space, inputs, max_rows=args.max_rows, **options)
        except ImportError as error:  # a missing optional extra is bad usage, not a failure
            raise UsageError(str(error)) from None
    if args.inputs is not None:
        raise UsageError("`--inputs` must only be given with an ONNX model (.onnx)")
    arrays = _renamed(
        load_archive,
        args.weights,
        max_members=args.max_members,
        max_ratio=args.max_ratio,
        points=space.size,
        max_rows=args.max_rows,
        options={"max_members": "--max-members", "max_ratio": "--max-ratio"},
    )
    report = _renamed(inspect_arrays, space, arrays, source=path.name, max_rows=args.max_rows, **options)
    return dataclasses.replace(report, order=ARCHIVE_ORDER)  # an archive carries no other order


# The library's argument names, as the inspect command calls them.
_OPTIONS = {
    "axis": "--axis",
    "key_fraction": "--key-fraction",
    "inputs": "--inputs",
    "space": "--group",
    "max_rows": "--max-rows",
    "batch_axis": "--batch-axis",
}


def _renamed(function, *args, **kwargs):
    return call_as_cli(_OPTIONS, function, *args, **kwargs)


def run_models(args) -> int:
    from plrep.gsets import parse_space

    if args.group is None:
        raise UsageError(
            "`--group` must be given for an activation archive or an ONNX model, e.g. --group C59xC59"
        )
    space = parse_space(args.group)
    out = output_directory(args.out) if args.format in ("png", "svg") else None
    # Checked before any work: a new regular file (or --force), never a symlink or a FIFO.
    target = None if out is None else output_file(str(out / f"inspection.{args.format}"), force=args.force)
    report = _report(args, space)
    if args.format == "json":
        print_json(report.to_dict())
    elif target is not None:
        import matplotlib.pyplot as plt

        from plrep.plotting.inspection import plot_inspection

        write_output(target, lambda p: plt.close(plot_inspection(report, p)), force=args.force)
        print(f"wrote {target}")
    else:
        print(report.table())
    return EXIT_OK
