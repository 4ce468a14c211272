"""Regenerate every figure into one directory, with a manifest and an HTML gallery.

Each figure is a module ``paper_repro.fig_<name>`` exposing ``CAPTION`` and
``make(out_dir: Path, quick: bool) -> dict`` (``{"files": [...], "params": {...}}``). A figure
whose module does not exist yet is listed as pending, with the reason, never left out.
Files are written into a staging folder inside the output directory and renamed into place,
so an interrupted run never leaves a half-written figure, and nothing outside the output
directory is touched: staging folders and temporary files get unique names (``tempfile``),
links are never followed, a lock on the output directory itself (``fcntl.flock`` on its file
descriptor: no lock file is left behind) refuses a second run into the same directory, and everything read back from an old ``manifest.json`` is checked and
HTML-escaped before it reaches ``index.html``.
"""

from __future__ import annotations

import fcntl
import importlib
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from paper_repro.case_studies import CASE_STUDIES, CaseStudy, run_case_study
from plrep._files import give_written_mode

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


_STAGING = re.compile(r"\.staging-[a-z0-9_]+-[a-z0-9_]{8}")  # tempfile.mkdtemp's names, ours only
_PLAIN_FILE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,120}")  # a file name in out_dir: no path, no scheme


@contextmanager
def _locked(out_dir: Path):
    """Hold an exclusive lock on ``out_dir`` for the run, or refuse at once.

    The directory itself is locked (flock works on a directory's descriptor), so nothing is
    created in it and nothing is left behind.
    """
    try:
        descriptor = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise ValueError(
            f"`--out` must be a directory that can be opened, got {str(out_dir)!r}: {error.strerror}"
        ) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ValueError(
                f"`--out` must not be in use by another `plrep repro` run, got {str(out_dir)!r}, "
                "which is; wait for it to finish"
            ) from None
        # The lock file of older plrep versions, no longer used (never a link: lstat, not stat).
        stale_lock = out_dir / ".plrep-repro.lock"
        if stale_lock.is_file() and not stale_lock.is_symlink():
            stale_lock.unlink()
        # Staging folders left by a killed run (names only mkdtemp gives, never a user's folder).
        for stale in out_dir.iterdir():
            if _STAGING.fullmatch(stale.name) and stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        os.close(descriptor)


def _write_atomic(path: Path, text: str) -> None:
    """A unique temporary file beside ``path``, renamed over it (a planted link is replaced, not followed)."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        give_written_mode(temporary, path)
        os.replace(temporary, path)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _staged(what: str, name: str, out_dir: Path, make) -> dict:
    """Run ``make(staging)`` in a fresh staging folder of out_dir, then move its files into out_dir.

    The staging folder has a unique name (mkdtemp) and is always removed; only plain file names
    listed in the result's ``files`` are moved, each by an atomic rename.
    """
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{name}-", dir=out_dir))
    try:
        result = make(staging)
        for file_name in result["files"]:
            if not _PLAIN_FILE.fullmatch(file_name):
                raise RuntimeError(f"{what} wrote {file_name!r}, which is not a plain file name")
            os.replace(staging / file_name, out_dir / file_name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _run_one(entry: FigureEntry, out_dir: Path, quick: bool, picture_type: str = "png") -> dict:
    from paper_repro._common import picture_format

    module = importlib.import_module(entry.module)

    def make(staging: Path) -> dict:
        with picture_format(picture_type):  # the scripts name their pictures through picture()
            return module.make(staging, quick=quick)

    result = _staged(f"figure {entry.name}", entry.name, out_dir, make)
    return {
        "name": entry.name,
        "title": entry.title,
        "status": "done",
        "caption": module.CAPTION,
        "files": list(result["files"]),
        "source": f"paper_repro/fig_{entry.name}.py",
        "params": result.get("params", {}),
        "command": f"plrep repro --only {entry.name}"
        + (" --quick" if quick else "")
        + (f" --format {picture_type}" if picture_type != "png" else ""),
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


def _previous(entry: object) -> dict | None:
    """An entry of an old manifest if it has the shape this runner writes, else None."""
    if not isinstance(entry, dict) or entry.get("status") not in ("done", "pending"):
        return None
    texts = ("name", "title", "caption")
    if not all(isinstance(entry.get(key), str) for key in texts):
        return None
    files = entry.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) and _PLAIN_FILE.fullmatch(f) for f in files):
        return None
    if not isinstance(entry.get("command", ""), str) or not isinstance(entry.get("params", {}), dict):
        return None
    if not isinstance(entry.get("source"), str | None):  # the gallery prints it: text or nothing
        return None
    return entry


def _gallery(entries: list[dict], out_dir: Path) -> str:
    from paper_repro.gallery import render  # layout, contents and captions live there

    return render(entries, explorer=(out_dir / "explore" / "index.html").is_file())


def _run_case(study: CaseStudy, out_dir: Path, quick: bool) -> dict:
    """A case study of analysis/ (``paper_repro.case_studies``), staged like a figure."""
    result = _staged(
        f"case study {study.name}", study.name, out_dir, lambda staging: run_case_study(study, staging, quick)
    )
    return {
        "name": study.name,
        "title": study.title,
        "status": "done",
        "caption": result["caption"],
        "files": list(result["files"]),
        "source": f"analysis/{study.script}",
        "params": result["params"],
        "command": f"plrep repro --only {study.name}" + (" --quick" if quick else ""),
    }


def run_all(
    *,
    out_dir: Path,
    quick: bool = False,
    only: str | None = None,
    picture_type: str = "png",
    case_studies: bool = False,
) -> int:
    """Regenerate the figures (all, or ``only`` one) and rewrite manifest and gallery.

    ``picture_type``: "png", "svg" or "pdf", the format of every figure's pictures (the case
    studies write PNG). The case studies of analysis/ (slow: they train models) run only with
    ``case_studies`` or when ``only`` names one; otherwise their entries from the previous
    manifest are kept.
    """
    from paper_repro._common import PICTURE_FORMATS

    if picture_type not in PICTURE_FORMATS:
        raise ValueError(
            f"`--format` must be one of {', '.join(PICTURE_FORMATS)}, got {picture_type!r} instead"
        )
    os.environ.setdefault("MPLBACKEND", "Agg")  # figures go to files; never an interactive window
    names = [entry.name for entry in FIGURES] + [study.name for study in CASE_STUDIES]
    if only is not None and only not in names:
        raise ValueError(f"`--only` must be one of {', '.join(names)}, got {only!r} instead")
    out_dir.mkdir(parents=True, exist_ok=True)
    with _locked(out_dir):
        return _run_locked(out_dir, quick, only, picture_type, case_studies)


def _run_locked(
    out_dir: Path, quick: bool, only: str | None, picture_type: str = "png", case_studies: bool = False
) -> int:
    manifest_path = out_dir / "manifest.json"
    previous = {}
    if manifest_path.is_file() and not manifest_path.is_symlink():
        try:
            old = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            old = {}
        figures = old.get("figures") if isinstance(old, dict) else None
        for item in figures if isinstance(figures, list) else []:
            checked = _previous(item)
            if checked is not None:
                previous[checked["name"]] = checked
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
        entries.append(_run_one(entry, out_dir, quick, picture_type))
        print(
            f"[{index}/{len(FIGURES)}] {entry.name}: done in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
    for index, study in enumerate(CASE_STUDIES, start=1):
        if only != study.name and not (only is None and case_studies):
            entries.append(previous.get(study.name, _pending(study)))
            continue
        reason = study.pending_reason()
        if reason is not None:
            print(f"[case {index}/{len(CASE_STUDIES)}] {study.name}: pending ({reason})", file=sys.stderr)
            entries.append(_pending(study))
            continue
        print(
            f"[case {index}/{len(CASE_STUDIES)}] {study.name}: running analysis/{study.script} ...",
            file=sys.stderr,
        )
        start = time.perf_counter()
        entries.append(_run_case(study, out_dir, quick))
        print(
            f"[case {index}/{len(CASE_STUDIES)}] {study.name}: done in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
    _write_atomic(manifest_path, json.dumps({"quick": quick, "figures": entries}, indent=2) + "\n")
    _write_atomic(out_dir / "index.html", _gallery(entries, out_dir))
    print(f"wrote {out_dir / 'index.html'} and {manifest_path}")
    return 0
