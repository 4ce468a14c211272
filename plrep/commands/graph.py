"""``plrep graph GROUP --activation NAME``: the interaction graph, as text, JSON, DOT or a picture."""

from __future__ import annotations

import argparse
import re
import sys

import numpy as np

from plrep.commands._common import (
    EXIT_OK,
    UsageError,
    add_force,
    int_range,
    json_text,
    output_file,
    print_text,
    write_output,
)
from plrep.commands._text import number_text

# Reachability is listed for k = 0..K; past a few times the number of vertices it only repeats.
_MAX_LAYERS = 1000
_MAX_LINES = 60  # a big graph's text (C_10^12 condensed: 340 lines) is summarised past this
_MAX_LISTED = 60  # targets formatted per line of the summary (the line is cut to 240 characters)
# JSON and DOT list every edge (~60 bytes each): C_65536 with ReLU would print ~16 GB.
MAX_LISTED_EDGES = 2**20


def register(commands) -> None:
    parser = commands.add_parser(
        "graph",
        help="interaction graph of an activation on a group's regular module",
        description="The interaction graph: L_i -> L_j when the activation sends a generic vector "
        "of the simple L_i to something with an L_j component (docs/math.md §4).",
        epilog="examples:\n"
        "  plrep graph C8 --activation relu --layers 2\n"
        "  plrep graph D6 --activation tanh --format png --out d6.png --label name\n"
        "  plrep graph C1000000000000 --method condensed --max-lines 20\n"
        "  plrep graph C1000000000000 --method condensed --format png --out c.png  # one cell per pair of orders",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "group",
        help="GROUP[:GSET], e.g. C8, C4xC6, S4, S5:natural^2; for --method condensed any C_n, e.g. C1000000000000",
    )
    parser.add_argument(
        "--activation", default="relu", help="activation name, e.g. relu, abs, prelu:-0.5 (default relu)"
    )
    parser.add_argument(
        "--method",
        choices=("exact", "numeric", "basis", "condensed"),
        default="numeric",
        help="numeric: generic samples, any group (default); exact: closed forms (C_n); basis: unit "
        "Fourier vectors only, as the authors' notebook; condensed: one vertex per order d | n, "
        "for huge C_n",
    )
    parser.add_argument(
        "--label",
        choices=("name", "id", "order", "dim"),
        default="name",
        help="vertex labels in pictures and DOT (default name; pictures with names get a legend "
        "explaining each: dimension, image order, kernel, partition)",
    )
    parser.add_argument(
        "--layers",
        type=int_range(0, _MAX_LAYERS),
        default=None,
        help="also list what each simple reaches after K layers",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "dot", "png", "svg", "pdf"),
        default="text",
        help="text (default), json, dot (Graphviz), or a picture: png, svg, pdf (needs --out)",
    )
    parser.add_argument(
        "--out", help="output file, ending in the format's suffix (required for pictures; optional otherwise)"
    )
    parser.add_argument(
        "--seed", type=int_range(0), default=0, help="seed of the numeric samples (default 0)"
    )
    parser.add_argument(
        "--max-lines",
        type=int_range(0),
        default=_MAX_LINES,
        help=f"text output: at most this many lines, then a count of the rest (default {_MAX_LINES}; 0: all)",
    )
    add_force(parser)
    parser.set_defaults(run=run)


def _text(graph, layers: int | None, max_lines: int) -> str:
    """The text summary, built lazily: past ``max_lines`` lines nothing more is formatted."""
    name = graph.vertex_name
    symmetric = re.fullmatch(r"[SA](\d{1,5})(:.*)?", str(graph.group))  # orders n! and n!/2 print so
    degree = int(symmetric.group(1)) if symmetric else None
    head = [
        f"{graph.group}, {graph.activation} ({graph.method}): {len(graph.vertices)} vertices, {graph.num_edges} edges"
    ]
    if graph.threshold is not None:
        head.append(
            f"edge threshold {graph.threshold:.0e} on ||P_j s(v)|| / ||s(v)||: weakest edge "
            f"{graph.min_edge_strength if graph.min_edge_strength is not None else float('nan'):.3g}, "
            f"largest non-edge {graph.max_non_edge:.3g}"
        )
        count = graph.num_uncertain
        if count:
            pairs = ", ".join(
                f"{name(s)} -> {name(t)} ({w:.3g})" for s, t, w in _first_uncertain(graph, _MAX_LISTED)
            )
            more = f", ... ({count - _MAX_LISTED} more)" if count > _MAX_LISTED else ""
            head.append(f"  uncertain (neither edge nor non-edge): {pairs}{more}")
    if graph.method == "condensed":
        head.append(
            "  (vertex 'ord d' stands for all simples of order d; '(itself)' marks a loop L_i -> L_i "
            "only; '(some)' marks powers reaching some simples of that order)"
        )
    marks = {"self": " (itself)", "some": " (some)"}
    width = _MAX_LISTED if max_lines else None  # a row of C_65536 lists up to 16,385 targets

    def vertex_line(index: int) -> str:
        v = graph.vertices[index]
        if graph.method == "condensed":  # a few vertices; their edges carry a reach mark
            out = [(e.target, marks.get(e.reach, "")) for e in graph.edges_from(v.id)]
        else:  # a row of arrays: C_1048576 rows hold up to 262,145 targets, never made into objects
            out = graph.successor_arrays(v.id)[0]
        shown = out if width is None else out[:width]
        if graph.method == "condensed":
            targets = ", ".join(name(t) + mark for t, mark in shown) or "(none)"
        else:
            targets = ", ".join(name(t) for t in shown.tolist()) or "(none)"
        if len(shown) < len(out):
            targets += f", ... ({len(out) - len(shown)} more)"
        shape = getattr(v, "partition", ())
        label = f"{v.name} {list(shape)}" if shape else v.name
        # S1000's simples have image order 1000! (2,568 digits): short forms keep the line readable
        return f"  {label} (dim {number_text(v.dim)}, order {number_text(v.order, degree)}) -> {targets}"

    sections = [(len(head), head.__getitem__), (len(graph.vertices), vertex_line)]
    try:
        closed_sets = ["filtration (closed sets generated by one vertex):"] + [
            "  {" + ", ".join(name(i) for i in sorted(closed)) + "}" for closed in graph.filtration()
        ]
    except ValueError:  # refused from its size, before any work
        try:
            closures = graph.order_closures()
        except ValueError:  # irregular rows (uncertain pairs): bounded work, then refused
            closures = None
        dihedral = graph.dihedral_order_closures() if closures is None else None
        if closures is not None:
            closed_sets = _order_closure_lines(graph, closures, width)
        elif dihedral is not None:
            closed_sets = _dihedral_closure_lines(graph, dihedral, width)
        else:
            closed_sets = [
                f"filtration: not listed ({len(graph.vertices)} vertices x {graph.num_edges} edges)"
            ]
    sections.append((len(closed_sets), closed_sets.__getitem__))
    if layers is not None:

        def layer_line(index: int) -> str:
            if index == 0:
                return f"reachable after k = 0..{layers} layers:"
            v = graph.vertices[index - 1]
            steps = graph.reachable(v.id, layers)
            return f"  {v.name}: " + " | ".join(
                "{" + ", ".join(name(i) for i in sorted(s)) + "}" for s in steps
            )

        sections.append((len(graph.vertices) + 1, layer_line))
    return _limit(sections, max_lines, json_lists_all=graph.num_edges <= MAX_LISTED_EDGES)


def _first_uncertain(graph, count: int) -> list[tuple[int, int, float]]:
    """The first ``count`` uncertain pairs in (source, target) order, read row by row."""
    pairs = []
    for v in graph.vertices:
        targets, strengths = graph.successor_arrays(v.id, uncertain=True)
        pairs += zip([v.id] * targets.size, targets.tolist(), strengths.tolist(), strict=True)
        if len(pairs) >= count:
            return pairs[:count]
    return pairs


def _order_closure_lines(graph, closures, width: int | None) -> list[str]:
    """C_n: one closed set per order d (the closure of L_{n/d}); L_{u n/d} closes on u times it."""
    n = int(graph.group[1:]) if str(graph.group)[1:].isdigit() else None
    lines = [
        f"filtration by order ({sum(1 for _ in closures)} orders; the closure of L_{{u n/d}}, u a unit, "
        "is u times that of L_{n/d}, so the closed sets are these and their unit multiples):"
    ]
    for d, closure in sorted(closures.items()):
        frequencies = np.flatnonzero(closure.mask)
        ids = (n // d) * frequencies if n is not None else frequencies
        shown = ids if width is None else ids[:width]
        listed = ", ".join(graph.vertex_name(int(i)) for i in shown.tolist())
        if len(shown) < len(ids):
            listed += f", ... ({len(ids) - len(shown)} more)"
        same = "the same for every simple of order d" if closure.unit_invariant or d <= 2 else "scaled by u"
        lines.append(
            f"  order {d}: L{(n // d) if n else 1} closes on {{{listed}}} ({len(ids)} simples; {same})"
        )
    return lines


def _dihedral_closure_lines(graph, closures, width: int | None) -> list[str]:
    """D_n: one closed set per rotation order d (rho_{n/d}'s); rho_{u n/d} closes on u times it."""
    lines = [
        f"filtration by rotation order ({len(closures)} orders d; the closure of rho_{{u n/d}}, u a unit, "
        "is u times that of rho_{n/d}, so with the 1-dim simples' closures the closed sets are these "
        "and their unit multiples):"
    ]
    for vertex in graph.vertices:  # the 1-dim simples reach only each other: four at most
        if vertex.dim == 1:
            closed = sorted(graph.closure(vertex.id))
            listed = ", ".join(graph.vertex_name(i) for i in closed)
            lines.append(f"  {vertex.name} (dim 1) closes on {{{listed}}}")
    for d, closure in sorted(closures.items()):
        ids = sorted(closure.ids())
        shown = ids if width is None else ids[:width]
        listed = ", ".join(graph.vertex_name(i) for i in shown)
        if len(shown) < len(ids):
            listed += f", ... ({len(ids) - len(shown)} more)"
        source = graph.vertex_name(closure.source)
        same = "the same for every simple of order d" if closure.unit_invariant else "scaled by u"
        lines.append(f"  order {d}: {source} closes on {{{listed}}} ({len(ids)} simples; {same})")
    return lines


def _limit(sections, max_lines: int, *, json_lists_all: bool = True) -> str:
    """The first ``max_lines`` lines of (count, line maker) sections and a count of the rest.

    ``json_lists_all``: whether ``--format json`` would list every edge (else it is refused).
    """
    total = sum(count for count, _ in sections)
    keep = total if max_lines == 0 or total <= max_lines else max_lines - 1
    lines = []
    for count, make in sections:
        for index in range(min(count, keep - len(lines))):
            lines.append(make(index))
    if max_lines:
        lines = [_shorten(line) for line in lines]
    if keep < total:
        json = "--format json has everything" if json_lists_all else "graph.edges_from in Python gives rows"
        lines.append(f"... {total - keep} more lines (--max-lines 0 shows all; {json})")
    return "\n".join(lines)


def _shorten(line: str, width: int = 240) -> str:
    """A list too long for one screen line keeps its head and counts the rest."""
    if len(line) <= width:
        return line
    head, rest = line[:width].rsplit(", ", 1)[0], line[len(line[:width].rsplit(", ", 1)[0]) :]
    return f"{head}, ... ({rest.count(', ')} more)"


def _group_order(graph) -> int | None:
    """|G| for the legend's kernel sizes, where the group is small enough to know it cheaply."""
    if graph.method == "condensed":
        return None
    try:
        from plrep.groups import parse_group

        return int(parse_group(str(graph.group).split(":")[0]).order)
    except (ValueError, TypeError, AttributeError):  # a G-set spec: the legend omits kernels
        return None


def run(args: argparse.Namespace) -> int:
    from plrep.graphs import interaction_graph

    picture = args.format in ("png", "svg", "pdf")
    if picture and not args.out:
        raise UsageError(f"`--out` is required for --format {args.format}")
    # plot_graph picks the format from the suffix, so the suffix must match --format; a DOT or
    # JSON file named like a picture would be misread by every viewer.
    suffix = {"dot": (".dot", ".gv"), "json": (".json",), "text": None}.get(args.format, (f".{args.format}",))
    out = output_file(args.out, suffix, force=args.force) if args.out else None
    if sys.stderr.isatty():  # big groups take minutes; say what is running (never into pipes or logs)
        print(
            f"computing the {args.method} interaction graph of {args.group} for {args.activation}...",
            file=sys.stderr,
            flush=True,
        )
    graph = interaction_graph(args.group, args.activation, method=args.method, seed=args.seed)
    if args.format in ("json", "dot") and graph.num_edges > MAX_LISTED_EDGES:
        raise UsageError(
            f"`--format` {args.format} must list at most {MAX_LISTED_EDGES} edges, got {graph.num_edges} "
            f"edges ({graph.group}, {graph.activation}) instead; use --format text (a summary) or "
            "--method condensed, or the Python API (graph.edges_from, graph.edge_arrays)"
        )
    if picture:
        from plrep.plotting.graphs import plot_graph

        order = _group_order(graph)
        write_output(
            out,
            lambda path: plot_graph(graph, label=args.label, path=path, group_order=order),
            force=args.force,
        )
        print(f"wrote {out}")
        return EXIT_OK
    if args.format == "json":
        payload = graph.to_dict()
        if args.layers is not None:
            payload["reachable"] = {
                v.id: [sorted(s) for s in graph.reachable(v.id, args.layers)] for v in graph.vertices
            }
        payload["filtration"] = [sorted(s) for s in graph.filtration()]
        text = None
    else:
        text = (
            graph.to_dot(label=args.label)
            if args.format == "dot"
            else _text(graph, args.layers, args.max_lines)
        )
    if args.format == "json":
        text = json_text(payload)
    if out is not None:
        write_output(
            out, lambda path: path.write_text(text.rstrip("\n") + "\n", encoding="utf-8"), force=args.force
        )
        print(f"wrote {out}")
    else:
        print_text(text.rstrip("\n"))
    return EXIT_OK
