"""``plrep progress CHECKPOINTS`` and ``plrep ablate ARCHIVE``: the progress measures from files.

* ``plrep progress DIR --group C113 --watch W_E:113``: over a directory of .npz checkpoints, the
  key simples' share of the watched array's non-trivial energy and its Gini coefficient per
  step (text table, JSON, or the figure as PNG/SVG). ``NAME:N`` takes the first N entries of the
  array's G-set axis (an embedding with an extra "=" row). Losses need the model itself: the API,
  ``plrep.nn.progress(..., model=...)``.
* ``plrep ablate LOGITS.npz --group C113xC113 --at logits --labels y.npy --keep 0 "L(14,14)"``:
  the restricted (``--keep``) or excluded (``--remove``) loss and accuracy of saved logits
  (batch = the points of the G-set, classes last), beside the loss of the logits themselves.
  Simples are ids or names (``plrep group C113xC113`` lists them).
"""

from __future__ import annotations

from pathlib import Path

from plrep.commands._common import (
    EXIT_OK,
    UsageError,
    add_force,
    add_format,
    call_as_cli,
    examples,
    load_npy,
    output_file,
    print_json,
    write_output,
)


def register(commands) -> None:
    parser = commands.add_parser(
        "progress",
        help="key simples' energy share and Gini coefficient over a run's checkpoints",
        **examples(
            "plrep progress examples/progress/checkpoints --group C13 --watch W_E",
            "plrep progress examples/progress/checkpoints --group C13 --watch W_E --format json",
        ),
    )
    parser.add_argument(
        "checkpoints", help="directory of .npz checkpoints (named arrays, a `step` or a number in the name)"
    )
    parser.add_argument(
        "--group", required=True, help="GROUP[:GSET] indexing the watched array's axis, e.g. C113"
    )
    parser.add_argument(
        "--watch", required=True, help="the array to watch: NAME, or NAME:N for its first N entries"
    )
    parser.add_argument("--axis", type=int, default=0, help="the watched array's G-set axis (default: 0)")
    parser.add_argument(
        "--key-simples",
        nargs="+",
        help="simples to track (ids or names; default: the last step's key simples)",
    )
    parser.add_argument(
        "--key-fraction",
        type=float,
        default=0.9,
        help="share of non-trivial energy the default key simples hold",
    )
    add_format(parser, ("text", "json", "png", "svg"))
    parser.add_argument("--out", help="output file for --format png/svg (default: progress.png / .svg)")
    add_force(parser)
    parser.set_defaults(run=run_progress)

    parser = commands.add_parser(
        "ablate",
        help="restricted / excluded loss of saved logits, per simple",
        **examples(
            "plrep ablate examples/progress/logits.npz --group C7xC7 --at logits "
            '--labels examples/progress/labels.npy --keep "L(1,1)" "L(2,2)"',
            "plrep ablate examples/progress/logits.npz --group C7xC7 --at logits "
            '--labels examples/progress/labels.npy --remove "L(1,1)" "L(2,2)"',
        ),
    )
    parser.add_argument(
        "archive", help=".npz archive holding the logits (batch = the G-set's points, classes last)"
    )
    parser.add_argument("--group", required=True, help="GROUP[:GSET] of the batch axis, e.g. C113xC113")
    parser.add_argument("--at", required=True, help="the archive's array of logits")
    parser.add_argument("--labels", required=True, help=".npy of integer labels, one per point")
    parser.add_argument("--rows", help=".npy of row indices the loss is averaged over (default: all)")
    chosen = parser.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--keep", nargs="+", help="simples kept (ids or names): the restricted loss")
    chosen.add_argument("--remove", nargs="+", help="simples removed (ids or names): the excluded loss")
    add_format(parser)
    parser.set_defaults(run=run_ablate)


def _simples(tokens):
    if tokens is None:
        return None
    return [int(t) if t.isdigit() else t for t in tokens]


# The library's argument names, as the progress and ablate commands call them.
_OPTIONS = {
    "key_simples": "--key-simples",
    "key_fraction": "--key-fraction",
    "watch": "--watch",
    "at": "--at",
    "keep": "--keep",
    "remove": "--remove",
    "labels": "--labels",
    "rows": "--rows",
    "space": "--group",
}


def _renamed(function, *args, **kwargs):
    return call_as_cli(_OPTIONS, function, *args, **kwargs)


def _watch(text: str, axis: int):
    name, _, count = text.partition(":")
    if not name:
        raise UsageError(f"`--watch` must be NAME or NAME:N, got {text!r} instead")
    if not count:
        return name, name
    if not count.isdigit() or int(count) < 1:
        raise UsageError(f"`--watch` must be NAME or NAME:N with N a positive integer, got {text!r} instead")
    size = int(count)

    def take(params):
        if name not in params:
            raise ValueError(
                f"`watch` must name an array of the checkpoints, got {name!r}; they hold: {', '.join(params)}"
            )
        array = params[name]
        if not -array.ndim <= axis < array.ndim or array.shape[axis] < size:
            raise ValueError(
                f"`watch` must have at least {size} entries along axis {axis}, got shape {array.shape}"
            )
        return array.take(range(size), axis=axis)

    take.__name__ = text
    return take, text


def run_progress(args) -> int:
    from plrep.gsets import parse_space
    from plrep.nn import progress

    space = parse_space(args.group)
    path = Path(args.checkpoints)
    try:
        is_dir = path.is_dir()
    except OSError as error:  # a name too long for the file system, ...
        raise UsageError(
            f"`checkpoints` must be a directory, got {args.checkpoints[:200]!r}: {error.strerror}"
        ) from None
    if not is_dir:
        raise UsageError(
            f"`checkpoints` must be a directory of .npz files, got {args.checkpoints!r}, which is not one"
        )
    target = None
    if args.format in ("png", "svg"):
        target = output_file(args.out or f"progress.{args.format}", force=args.force)
    watch, _ = _watch(args.watch, args.axis)
    run = _renamed(
        progress,
        path,
        space,
        watch=watch,
        axis=args.axis,
        key_simples=_simples(args.key_simples),
        key_fraction=args.key_fraction,
        show_progress=False,
    )
    if args.format == "json":
        print_json(run.to_dict())
    elif target is not None:
        import matplotlib.pyplot as plt

        from plrep.plotting.progress import plot_progress

        figure = plot_progress(run)
        write_output(
            target, lambda p: figure.savefig(p, format=args.format, bbox_inches="tight"), force=args.force
        )
        plt.close(figure)
        print(f"wrote {target}")
    else:
        print(f"key simples: {', '.join(run.key_names)}")
        print(run.to_text())
    return EXIT_OK


def run_ablate(args) -> int:
    from plrep.gsets import parse_space
    from plrep.inspection import load_archive
    from plrep.nn import ablate_logits

    space = parse_space(args.group)
    arrays = _renamed(load_archive, args.archive)
    if args.at not in arrays:
        raise UsageError(
            f"`--at` must name an array of the archive, got {args.at!r}; it holds: {', '.join(arrays)}"
        )
    logits = arrays[args.at]
    if logits.ndim != 2 or logits.shape[0] != space.size:
        raise UsageError(
            f"`--at` must name logits of shape (|X| = {space.size}, classes), got {args.at!r} of shape {logits.shape}"
        )
    labels = load_npy(args.labels, "--labels")
    rows = None if args.rows is None else load_npy(args.rows, "--rows")
    result = _renamed(
        ablate_logits,
        logits,
        space,
        labels=labels,
        keep=_simples(args.keep),
        remove=_simples(args.remove),
        rows=rows,
        name=args.at,
    )
    if args.format == "json":
        print_json(result.to_dict())
    else:
        kind = "restricted to" if result.mode == "keep" else "excluding"
        print(f"{args.at} {kind} {', '.join(result.names)}:")
        for split, values in result.splits.items():
            print(
                f"  {split} ({values['rows']} rows): loss {values['loss']:.6g} (full {values['full_loss']:.6g}), "
                f"accuracy {values['accuracy']:.4f} (full {values['full_accuracy']:.4f})"
            )
    return EXIT_OK
