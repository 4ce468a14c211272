"""``plrep inspect WEIGHTS.npz``: frequency content of a trained equivariant network.

Prints (text/JSON) or draws (PNG) the filter spectra of every conv layer and the frequency
flow, either for inputs in each simple (with the kernel-containment check; a violation is a
failure, exit status 1) or for a data set given with ``--data``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from plrep.commands._common import (
    EXIT_FAILURE,
    EXIT_OK,
    UsageError,
    add_force,
    add_format,
    check_weights_file,
    examples,
    int_range,
    load_npy,
    output_directory,
    output_file,
    print_json,
    write_output,
)
from plrep.commands._text import add_max_lines

# Random inputs per simple: each is pushed through the whole network, so a typo such as
# 10**8 would run for a very long time; the cap is far more than stable energies need.
_MAX_SAMPLES = 100_000


def register(commands) -> None:
    parser = commands.add_parser(
        "inspect",
        help="frequency content of a saved network, an activation archive or an ONNX model",
        **examples(
            'python -c "import numpy as np; t = np.arange(8); '
            "np.savez('acts.npz', hidden=np.stack([np.cos(np.pi * t / 2), np.ones(8)], 1))\"",
            "plrep inspect acts.npz --group C8",
            "plrep inspect acts.npz --group C8 --format json",
        ),
    )
    parser.add_argument(
        "weights",
        help="plrep network weights (.npz, docs/weights_format.md); with --group: an activation "
        "archive (.npz of named arrays) or an ONNX model (.onnx)",
    )
    parser.add_argument("--data", help=".npy inputs of shape (N, c_0, |G|), or (N, |G|) for one channel")
    add_format(parser, ("text", "json", "png", "svg"))
    parser.add_argument(
        "--out", default=".", help="directory for --format png/svg (default: current directory)"
    )
    parser.add_argument("--group", help="GROUP[:GSET] indexing the arrays' G-set axis (archives, ONNX)")
    parser.add_argument("--axis", help="G-set axis (default: the one axis of length |X|); -2,-1 for images")
    parser.add_argument(
        "--fibers", action="store_true", help="the G-set axis holds blocks of |X| (escnn regular fields)"
    )
    parser.add_argument(
        "--batch-axis",
        type=int_range(),
        help="archives, ONNX: the axis that holds samples, not units; energies are summed over it "
        "(as plrep.nn.probe does over samples), e.g. 0 for (batch, units, |X|)",
    )
    parser.add_argument("--key-fraction", type=float, default=0.9, help="energy share of the key simples")
    parser.add_argument("--inputs", help="ONNX models: .npy batch fed to the model's first input")
    add_archive_limits(parser)
    parser.add_argument(
        "--samples",
        type=int_range(1, _MAX_SAMPLES),
        default=32,
        help="random inputs per simple (default: 32)",
    )
    parser.add_argument("--seed", type=int_range(0), default=0, help="seed of the random inputs (default: 0)")
    add_max_lines(parser, "lines per section of a network's report")
    add_force(parser)
    parser.set_defaults(run=run)


def add_archive_limits(parser) -> None:
    """Bounds on an activation archive, checked before its data is read; each can be raised."""
    from plrep._files import DEFAULT_MAX_MEMBERS, DEFAULT_MAX_RATIO, MAX_ARCHIVE_MEMBERS

    parser.add_argument(
        "--max-members",
        type=int_range(1, MAX_ARCHIVE_MEMBERS),
        default=DEFAULT_MAX_MEMBERS,
        help=f"archives: the most arrays read (default {DEFAULT_MAX_MEMBERS}, at most {MAX_ARCHIVE_MEMBERS})",
    )
    parser.add_argument(
        "--max-ratio",
        type=_ratio,
        default=DEFAULT_MAX_RATIO,
        help=f"archives: the most a member over 1 MiB may expand when unzipped (default {DEFAULT_MAX_RATIO:g}-fold)",
    )
    parser.add_argument(
        "--max-rows",
        type=int_range(1),
        help="archives and arrays: the most rows (units of |X| entries) inspected in all "
        "(default: as many as hold 2^24 entries)",
    )


def _ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value >= 1 and value < float("inf")):
        raise argparse.ArgumentTypeError(f"must be a number >= 1, got {text[:60]!r} instead")
    return value


def _analyse(args):
    from plrep.nn import check_containment, empirical_graph, filter_spectra, frequency_flow, load
    from plrep.nn._weights_file import MissingMetadataError

    check_weights_file(args.weights)
    try:
        params = load(args.weights)  # every member checked first: a broken file says what is wrong
    except MissingMetadataError:  # arrays that read safely, but no network: an activation archive
        raise UsageError(
            f"`--group` must be given for {args.weights[:200]!r}: it holds arrays but is not a plrep "
            "network file (docs/weights_format.md); for an activation archive pass the group indexing "
            "the arrays' G-set axis, e.g. --group C8 or --group C59xC59"
        ) from None
    data = load_npy(args.data, "--data") if args.data is not None else None
    if data is not None and (data.ndim == 0 or data.shape[0] == 0):
        raise UsageError(f"`--data` must hold at least one input, got shape {data.shape} instead")
    try:
        flow = frequency_flow(params, data, samples=args.samples, seed=args.seed)
    except ValueError as error:
        raise UsageError(str(error).replace("`data`", "`--data`")) from None
    report = graph = None
    if data is None:
        report = check_containment(flow)
        graph = empirical_graph(flow)
    return params, flow, filter_spectra(params), report, graph


def _network(params) -> dict:
    spec = params.spec
    return {
        "group": spec.group.name,
        "activation": spec.activation,
        "widths": list(spec.widths),
        "readout": spec.readout,
    }


def _payload(args, params, flow, spectra, report, graph) -> dict:
    payload = {
        "weights": str(args.weights),
        "network": _network(params),
        "filter_spectra": spectra.to_dict(),
        "flow": flow.to_dict(),
        "containment": None if report is None else report.to_dict(),
        "edges": None,
        "devices": _device_count(),
    }
    if graph is not None:
        adjacency, strength = graph
        payload["edges"] = [
            {"source": int(i), "target": int(j), "strength": float(strength[i, j])}
            for i, j in zip(*adjacency.nonzero(), strict=True)
        ]
    return payload


def _device_count() -> int:
    """Devices the flow's batches were sharded over (every local device)."""
    from plrep.nn import local_device_count

    return local_device_count()


def _cells(names, values) -> list[str]:
    cells = [f"{name}={value:.3g}" for name, value in zip(names, values, strict=True)]
    return ["    " + "  ".join(cells[start : start + 8]) for start in range(0, len(cells), 8)]


def _leading(names, shares, count: int = 4) -> str:
    """The ``count`` largest shares of a row, as ``L1 .500  L0 .407 ...`` (+ how many more are above 1e-3)."""
    order = np.argsort(-shares, kind="stable")
    shown = [f"{names[i]} {shares[i]:.3f}" for i in order[:count] if shares[i] >= 1e-3]
    more = int((shares[order[count:]] >= 1e-3).sum())
    return "  ".join(shown) + (f"  (+{more} more above 0.001)" if more else "")


def _print_text(args, params, flow, spectra, report, graph) -> None:
    """Bounded text: at most --max-lines per section, every line short; --format json has it all."""
    net = _network(params)
    names = [s.name for s in flow.group.simples]
    limit = args.max_lines
    print(
        f"{args.weights}: {net['group']} network, activation {net['activation']}, "
        f"widths {net['widths']}, readout {net['readout']}"
    )
    print("filter spectra: Frobenius norm of the channel matrix W_l(xi) per simple")
    lines = []
    for layer, row in enumerate(spectra.frobenius):
        lines.append(f"  layer {layer + 1}:")
        lines.extend(_cells(names, row))
    _print_cut(lines, limit, "lines")
    source_names = [names[s] for s in flow.sources] if flow.from_simples else ["data"]
    print("frequency flow: largest shares of each layer's post-activation energy (input, layer)")
    relative = flow.relative("post")
    lines = [
        f"  input {source}, layer {layer + 1}: {_leading(names, relative[index, layer])}"
        for index, source in enumerate(source_names)
        for layer in range(flow.num_layers)
    ]
    _print_cut(lines, limit, "(input, layer) rows")
    if graph is not None:
        rows, cols = graph[0].nonzero()
        print(
            f"empirical interaction graph: {len(rows)} edges among {len(names)} simples (targets per source)"
        )
        lines = []
        for source in np.unique(rows):
            targets = [names[j] for j in cols[rows == source]]
            shown = " ".join(targets[:12]) + (f" ... ({len(targets)} in all)" if len(targets) > 12 else "")
            lines.append(f"  {names[source]} -> {shown}")
        _print_cut(lines, limit, "sources")
    if report is not None:
        verdict = "OK" if report.ok else f"FAILED, {len(report.violations)} violation(s)"
        print(
            f"kernel containment: {verdict} (largest forbidden relative energy "
            f"{report.max_forbidden:.2g}, tolerance {report.tolerance:.2g})"
        )
        for v in report.violations[:20]:
            print(
                f"  {names[v['source']]} -> {names[v['target']]} at layer {v['layer'] + 1} "
                f"{v['stage']}: {v['relative_energy']:.3g}"
            )


def _print_cut(lines: list[str], limit: int, what: str) -> None:
    for line in lines[:limit]:
        print(line)
    if len(lines) > limit:
        print(f"  ... {len(lines) - limit} more {what} (raise --max-lines, or --format json for all)")


_PICTURES = ("frequency_flow.png", "filter_spectra.png")


def _png_targets(args):
    """Check the two picture paths before any work: new regular files unless --force."""
    out = output_directory(args.out)
    return [output_file(str(out / name), ".png", force=args.force) for name in _PICTURES]


def _write_png(args, flow, spectra, targets) -> None:
    from plrep.nn import kernel_closure
    from plrep.plotting.networks import plot_filter_spectra, plot_frequency_flow

    closure = kernel_closure(flow.group) if flow.from_simples else None
    import matplotlib.pyplot as plt

    flow_png, spectra_png = targets
    write_output(
        flow_png, lambda path: plt.close(plot_frequency_flow(flow, path, closure=closure)), force=args.force
    )
    write_output(spectra_png, lambda path: plt.close(plot_filter_spectra(spectra, path)), force=args.force)
    print(f"wrote {flow_png} and {spectra_png}")


def run(args: argparse.Namespace) -> int:
    if args.group is not None or args.weights.lower().endswith(".onnx"):
        from plrep.commands._inspect_models import run_models

        return run_models(args)
    if args.batch_axis is not None:
        raise UsageError("`--batch-axis` must only be given with --group (activation archives, ONNX)")
    if args.format == "svg":
        raise UsageError("`--format` svg needs --group (activation archives, ONNX); use png for a network")
    if args.format == "png" and Path(args.out).suffix.lower() in (".png", ".svg", ".pdf"):
        if not Path(args.out).is_dir():  # checked before any work, and before a folder is made
            raise UsageError(
                f"`--out` must be a directory (two PNGs are written into it), got {args.out!r}, "
                "which looks like a file name"
            )
    targets = _png_targets(args) if args.format == "png" else None
    params, flow, spectra, report, graph = _analyse(args)
    if args.format == "json":
        print_json(_payload(args, params, flow, spectra, report, graph))
    elif args.format == "png":
        _write_png(args, flow, spectra, targets)
        if report is not None:
            print(f"kernel containment: {'OK' if report.ok else 'FAILED'}")
    else:
        _print_text(args, params, flow, spectra, report, graph)
    return EXIT_OK if report is None or report.ok else EXIT_FAILURE
