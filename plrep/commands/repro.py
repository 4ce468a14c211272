"""``plrep repro``: regenerate the paper's figures, their data and the gallery."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from plrep.commands._common import UsageError, examples, output_directory, write_output
from plrep.commands._repro_cases import add_case_study_arguments, case_study_names


def register(commands) -> None:
    from paper_repro.runner import FIGURES

    parser = commands.add_parser(
        "repro",
        help="regenerate the paper's figures and the gallery",
        description="Regenerate the paper's figures, their data, the explorer page and the gallery "
        "(OUT/index.html). All figures take a few minutes; --quick is faster; --only NAME makes one.",
        **examples(
            "plrep repro --quick --only guitar_string --out /tmp/figures",
            "plrep repro --quick --only c8_relu --out /tmp/figures --format svg",
        ),
    )
    parser.add_argument("--out", default="figures", help="output directory (default: figures)")
    parser.add_argument("--quick", action="store_true", help="reduced resolution, for a fast check")
    parser.add_argument(
        "--only",
        metavar="NAME",
        help="regenerate only the figure (or case study) with this name: "
        + ", ".join([entry.name for entry in FIGURES] + case_study_names()),
    )
    parser.add_argument(
        "--format",
        choices=("png", "svg", "pdf"),
        default="png",
        help="file format of every picture (default png; the gallery links PDFs instead of showing them)",
    )
    add_case_study_arguments(parser)
    parser.set_defaults(run=run)


def _check_out(path: Path) -> None:
    """Refuse an --out whose index.html or manifest.json the run would clobber, or a linked explore/.

    The run rewrites ``index.html`` and ``manifest.json`` (reading the old manifest first), so a
    directory may hold them only if a previous run wrote them.
    """
    manifest, index = path / "manifest.json", path / "index.html"
    explore = path / "explore"
    if explore.is_symlink():  # the explorer page goes there: never write through a planted link
        raise UsageError(
            f"`--out` must be a directory for plrep's figures, got {str(path)!r}, whose explore "
            "is a symbolic link (plrep never writes through one; remove it)"
        )
    if manifest.exists() and not _is_repro_manifest(manifest):
        raise UsageError(
            f"`--out` must be a directory for plrep's figures, got {str(path)!r}, "
            "whose manifest.json was not written by `plrep repro`"
        )
    if index.exists() and not manifest.exists():
        raise UsageError(
            f"`--out` must be a directory for plrep's figures, got {str(path)!r}, "
            "whose index.html was not written by `plrep repro` (no manifest.json beside it)"
        )


def _is_repro_manifest(path: Path) -> bool:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(manifest, dict) and isinstance(manifest.get("figures"), list)


def run(args: argparse.Namespace) -> int:
    from paper_repro.runner import FIGURES, run_all

    names = [entry.name for entry in FIGURES] + case_study_names()
    if args.only is not None and args.only not in names:  # before --out is created
        raise UsageError(f"`--only` must be one of {', '.join(names)}, got {args.only!r} instead")
    out = output_directory(args.out)  # a file there, or no permission: one line, exit 2
    _check_out(out)
    if args.only is None:  # before the gallery, which links the explorer when it is there
        _write_explorer(out, args.quick)
    return run_all(
        out_dir=out,
        quick=args.quick,
        only=args.only,
        picture_type=args.format,
        case_studies=args.case_studies,
    )


def _write_explorer(out: Path, quick: bool) -> None:
    """The interactive page (``plrep explore``) as OUT/explore/index.html; never through a symlink."""
    from plrep.explorer import explorer_data, explorer_html

    target = output_directory(str(out / "explore")) / "index.html"
    data = explorer_data(["C12", "D6", "S4"], max_n=12) if quick else explorer_data(progress=True)
    page = explorer_html(data)
    write_output(target, lambda path: path.write_text(page, encoding="utf-8"), force=True)
    print(f"wrote {target} (the interactive explorer)")
