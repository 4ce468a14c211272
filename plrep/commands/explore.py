"""``plrep explore``: write the interactive explorer, one self-contained ``DIR/index.html``."""

from __future__ import annotations

import argparse

from plrep.commands._common import (
    EXIT_OK,
    UsageError,
    add_force,
    int_range,
    output_directory,
    output_file,
    write_output,
)


def register(commands) -> None:
    from plrep.explorer import DEFAULT_MAX_N, MAX_EXPLORE_N

    parser = commands.add_parser(
        "explore",
        help="write an interactive web page: interaction graphs, maps between simples, spectra",
        description="Write DIR/index.html: one self-contained page (no network, no server) with "
        "interaction graphs drawn as in plrep's figures, the maps between simples of C_n and S_n, and "
        "activation spectra, all precomputed by plrep; with --report, a Model panel that shades the interaction "
        "graph by a trained network's energy per simple, layer by layer (docs/explorer.md). The view is kept in the URL, e.g. "
        "index.html#group=C12&activation=abs&label=order.",
        epilog="examples:\n"
        "  plrep explore --out /tmp/explore --max-n 12\n"
        "  plrep explore --out /tmp/explore --groups C12,D6,S4,C4xC4 --force",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out", default="figures/explore", help="output directory (default: figures/explore)"
    )
    parser.add_argument(
        "--groups",
        help="comma-separated group specs for the graphs panel, e.g. C12,D6,S4 (default: C_1..C_max-n, "
        "small products, D_3..D_8, S_3..S_5, A_4, A_5, Q_8)",
    )
    parser.add_argument(
        "--max-n",
        type=int_range(2, MAX_EXPLORE_N),
        default=DEFAULT_MAX_N,
        help=f"largest C_n of the default groups and the maps panel (default {DEFAULT_MAX_N}, at most {MAX_EXPLORE_N})",
    )
    parser.add_argument(
        "--report",
        action="append",
        metavar="REPORT.json",
        help="a report to draw in the Model panel (repeatable): the JSON of `plrep inspect ... --format json`, "
        "of plrep.nn.probe(...).to_dict() or of a case study (analysis/modular_addition.py writes one); "
        "its group joins the graphs panel",
    )
    add_force(parser)
    parser.set_defaults(run=run)


def _reports(paths) -> dict:
    """{label: JSON object}, labels from the file names (made unique); read before any work."""
    import re
    from pathlib import Path

    from plrep.explorer import model_data, read_report

    reports = {}
    for path in paths or ():
        label = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(path).stem)[:60] or "report"
        base, count = label, 1
        while label in reports:
            count += 1
            label = f"{base}-{count}"
        try:
            reports[label] = read_report(path, "--report")
            model_data(reports[label], label)
        except ValueError as error:
            raise UsageError(
                f"`--report` {path!r}: {error}" if "`--report`" not in str(error) else str(error)
            ) from None
    return reports


def _groups(text: str | None) -> list[str] | None:
    if text is None:
        return None
    specs = [part.strip() for part in text.split(",")]
    if any(not spec for spec in specs):
        raise UsageError(
            f"`--groups` must be comma-separated group specs such as C12,D6, got {text[:80]!r} instead"
        )
    return specs


def _write(path, page: str) -> None:
    path.write_text(page, encoding="utf-8")
    path.chmod(0o644)  # a page to open and share, not a secret (the temporary file starts at 0600)


def run(args: argparse.Namespace) -> int:
    from plrep.explorer import explorer_data, explorer_groups, explorer_html

    try:  # checked before any file or graph
        groups = explorer_groups(_groups(args.groups), args.max_n)
    except ValueError as error:  # the library names its argument `groups`; here it is --groups
        raise UsageError(
            str(error).replace("`groups`", "`--groups`").replace("`group`", "`--groups`")
        ) from None
    reports = _reports(args.report)
    out = output_directory(args.out)
    target = output_file(str(out / "index.html"), ".html", "--out", force=args.force)
    page = explorer_html(explorer_data(groups, max_n=args.max_n, progress=True, reports=reports))
    write_output(target, lambda path: _write(path, page), force=args.force)
    models = f", Model panel: {', '.join(reports)}" if reports else ""
    print(
        f"wrote {target} ({len(page.encode()) / 1e6:.1f} MB, {len(groups)} groups{models}); open it in a browser"
    )
    return EXIT_OK
