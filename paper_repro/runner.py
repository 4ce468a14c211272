"""Regenerate every figure into one directory, with a manifest and an HTML gallery.

Each figure is a module ``paper_repro.fig_<name>`` exposing ``CAPTION`` and
``make(out_dir: Path, quick: bool) -> dict`` (``{"files": [...], "params": {...}}``). A figure
whose module does not exist yet is listed as pending, with the reason, never left out.
Files are written into a staging folder inside the output directory and renamed into place,
so an interrupted run never leaves a half-written figure, and nothing outside the output
directory is touched.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FIGURES", "run_all"]


@dataclass(frozen=True)
class FigureEntry:
    name: str
    title: str
    pending_reason: str  # shown while the figure's module does not exist

    @property
    def module(self) -> str:
        return f"paper_repro.fig_{self.name}"

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None


FIGURES = (
    FigureEntry(
        "guitar_string", "ReLU(sin x) and |sin x| with their harmonics", "activation spectra (issue 3)"
    ),
    FigureEntry(
        "cyclic_graphs",
        "Interaction graphs of C_n, n = 1..20, for ReLU and abs",
        "interaction graphs (issue 4)",
    ),
    FigureEntry(
        "c8_relu", "The C_8 ReLU interaction graph with order labels", "interaction graphs (issue 4)"
    ),
    FigureEntry("prelu_sweep", "PReLU slope sweep: graphs of C_n, n = 3..8", "interaction graphs"),
    FigureEntry(
        "l1_to_trivial", "The PL map L_1 -> trivial of C_n and its kink lines", "paper reproduction (issue 6)"
    ),
    FigureEntry("l1_to_l1", "The map L_1 -> L_1 of C_n in the complex plane", "paper reproduction"),
    FigureEntry("monkey_saddles", "The map L_1 -> sign for n = 4, 8, 12", "paper reproduction (issue 6)"),
    FigureEntry(
        "periodic_image", "A periodic 10x10 image under neighbour averaging", "paper reproduction (issue 6)"
    ),
    FigureEntry(
        "generic_sampling",
        "Graphs where generic sampling beats basis vectors",
        "interaction graphs (issue 4)",
    ),
    FigureEntry(
        "frequency_flow", "Frequency flow through a trained C_n network", "equivariant networks (issue 5)"
    ),
    FigureEntry("dihedral_symmetric", "Dihedral and symmetric groups", "general finite groups (issue 7)"),
)


def _write_atomic(path: Path, text: str) -> None:
    staging = path.with_name(f".{path.name}.partial")
    staging.write_text(text, encoding="utf-8")
    os.replace(staging, path)


def _run_one(entry: FigureEntry, out_dir: Path, quick: bool) -> dict:
    module = importlib.import_module(entry.module)
    staging = out_dir / f".staging-{entry.name}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        result = module.make(staging, quick=quick)
        for name in result["files"]:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {
        "name": entry.name,
        "title": entry.title,
        "status": "done",
        "caption": module.CAPTION,
        "files": list(result["files"]),
        "source": f"paper_repro/fig_{entry.name}.py",
        "params": result.get("params", {}),
        "command": f"plrep repro --only {entry.name}" + (" --quick" if quick else ""),
    }


def _pending(entry: FigureEntry) -> dict:
    return {
        "name": entry.name,
        "title": entry.title,
        "status": "pending",
        "caption": f"Not generated in this folder: run `plrep repro --only {entry.name}`.",
        "files": [],
        "source": None,
        "params": {},
    }


def _gallery(entries: list[dict]) -> str:
    from paper_repro.gallery import render  # layout, contents and captions live there

    return render(entries)


def run_all(*, out_dir: Path, quick: bool = False, only: str | None = None) -> int:
    """Regenerate the figures (all, or ``only`` one) and rewrite manifest and gallery."""
    os.environ.setdefault("MPLBACKEND", "Agg")  # figures go to files; never an interactive window
    names = [entry.name for entry in FIGURES]
    if only is not None and only not in names:
        raise ValueError(f"`--only` must be one of {', '.join(names)}, got {only!r} instead")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / "manifest.json"
    previous = {}
    if manifest_path.is_file():
        previous = {e["name"]: e for e in json.loads(manifest_path.read_text()).get("figures", [])}
    entries = []
    for index, entry in enumerate(FIGURES, start=1):
        if only is not None and entry.name != only:
            entries.append(previous.get(entry.name, _pending(entry)))
            continue
        if not entry.available():
            print(f"[{index}/{len(FIGURES)}] {entry.name}: pending ({entry.pending_reason})", file=sys.stderr)
            entries.append(_pending(entry))
            continue
        start = time.perf_counter()
        entries.append(_run_one(entry, out_dir, quick))
        print(
            f"[{index}/{len(FIGURES)}] {entry.name}: done in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
    _write_atomic(manifest_path, json.dumps({"quick": quick, "figures": entries}, indent=2) + "\n")
    _write_atomic(out_dir / "index.html", _gallery(entries))
    print(f"wrote {out_dir / 'index.html'} and {manifest_path}")
    return 0
