"""``progress``: plrep's measures along a training run, checkpoint by checkpoint.

Checkpoints are a directory of ``.npz`` files (each a set of named numeric arrays, read without
unpickling and with every header checked first; the step is a 0-d ``step`` array in the file, or
else the last number in the file name) or a list of params (dicts of arrays, or ``(step, params)``
pairs). Every checkpoint must hold the same arrays with the same shapes.

At each checkpoint:

* the watched array (``watch``: a name or ``params -> array``; its axis ``axis`` is indexed by
  ``space``), e.g. an embedding W_E over Z_p: the share of its *non-trivial* energy (the trivial
  simple, the "DC" part, left out of both sides) in ``key_simples``, and the Gini coefficient of
  its energies over the non-trivial simples (0: spread evenly; near 1: a few simples);
* with a ``model(params, inputs, intervene) -> logits``: loss and accuracy per split of ``rows``,
  and with ``at`` the restricted loss (``restrict``: the simples kept at ``at``) and the excluded
  loss (``exclude``: the simples removed), as ``plrep.nn.ablate`` computes them, all in one jitted
  pass per checkpoint.

``key_simples`` default: the key simples of the last checkpoint's watched array (the fewest
non-trivial simples holding ``key_fraction`` of its non-trivial energy), the set Nanda et al.
(2023) track through training.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

from plrep._files import MAX_ARCHIVE_MEMBERS, read_npy_header, read_npz
from plrep._validate import check_finite_real, describe
from plrep.decomposition import gini, summarize
from plrep.gsets import as_gset
from plrep.nn._ablate import (
    build_ablation,
    check_labels,
    check_rows,
    check_site,
    device_projection,
    intermediates,
    resolve_simples,
    summarize_rows,
)

__all__ = ["MAX_CHECKPOINTS", "Progress", "load_checkpoints", "progress"]

# A run with more checkpoints than this is sub-sampled by the caller; each one is a full pass.
MAX_CHECKPOINTS = 5000
_STEP = "step"


def _checkpoint_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ValueError(
            f"`checkpoints` must be a directory of .npz files, got {str(folder)[:200]!r}, which is not one"
        )
    files = sorted(p for p in folder.iterdir() if p.suffix == ".npz" and p.is_file() and not p.is_symlink())
    if not files:
        raise ValueError(
            f"`checkpoints` must hold at least one .npz file, got {str(folder)[:200]!r}, which holds none"
        )
    if len(files) > MAX_CHECKPOINTS:
        raise ValueError(f"`checkpoints` must hold at most {MAX_CHECKPOINTS} .npz files, got {len(files)}")
    return files


def _signature(path: Path) -> dict[str, tuple[tuple[int, ...], str]]:
    """{array name: (shape, dtype)} from the headers alone (nothing else is read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ARCHIVE_MEMBERS:
                raise ValueError(
                    f"`checkpoints` file {path.name!r} must have at most {MAX_ARCHIVE_MEMBERS} arrays"
                )
            out = {}
            for info in infos:
                if not info.filename.endswith(".npy"):
                    raise ValueError(
                        f"`checkpoints` file {path.name!r} must hold .npy arrays, got {info.filename[:80]!r}"
                    )
                with archive.open(info) as stream:
                    shape, _, dtype, _ = read_npy_header(stream, f"`checkpoints` file {path.name!r}")
                out[info.filename[:-4]] = (tuple(shape), dtype.str)
            return out
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ValueError(f"`checkpoints` file {path.name!r} must be a .npz archive: {error}") from None


def _step_of(path: Path, signature: dict) -> int | None:
    if _STEP in signature:
        return None  # read from the file with the arrays
    numbers = re.findall(r"\d+", path.stem)
    if not numbers:
        raise ValueError(
            f"`checkpoints` file {path.name!r} must carry its step: a 0-d `step` array or a number in its name"
        )
    return int(numbers[-1])


def load_checkpoints(folder) -> list[tuple[int, dict[str, np.ndarray]]]:
    """``[(step, {name: array})]`` from a directory of .npz checkpoints, sorted by step.

    Every file's headers are checked against the first file's (same names, shapes and dtypes)
    before any data is read.

    Raises:
        ValueError: not a directory, no .npz file, unreadable or pickled arrays, a missing step,
            two files of the same step, or files of different arrays or shapes (naming both).

    Example:
        >>> import tempfile, numpy as np
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     for step in (10, 0):
        ...         np.savez(f"{folder}/ckpt_{step}.npz", w=np.full(3, step, np.float32))
        ...     [(s, p["w"].tolist()) for s, p in load_checkpoints(folder)]
        [(0, [0.0, 0.0, 0.0]), (10, [10.0, 10.0, 10.0])]
    """
    if not isinstance(folder, str | os.PathLike):
        raise TypeError(f"`checkpoints` must be a directory path, got {describe(folder)} instead")
    files = _checkpoint_files(Path(folder))
    first = _signature(files[0])
    for path in files[1:]:
        signature = _signature(path)
        if signature != first:
            differ = sorted(set(first) ^ set(signature)) or [n for n in first if first[n] != signature[n]]
            name = differ[0]
            raise ValueError(
                f"`checkpoints` must all hold the same arrays and shapes, got {files[0].name!r} and "
                f"{path.name!r} differing in {name!r}: {first.get(name, ('missing',))[0]} vs "
                f"{signature.get(name, ('missing',))[0]}"
            )
    out = []
    for path in files:
        arrays = read_npz(path, "checkpoints", real_only=True)
        step = _step_of(path, first)
        if step is None:
            raw = arrays.pop(_STEP)
            if raw.shape != () or raw.dtype.kind not in "iu":
                raise ValueError(
                    f"`checkpoints` file {path.name!r} must have a 0-d integer `step`, got {describe(raw)}"
                )
            step = int(raw)
        out.append((step, arrays))
    steps = [s for s, _ in out]
    if len(set(steps)) != len(steps):
        raise ValueError(
            f"`checkpoints` must have one file per step, got step {max(steps, key=steps.count)} twice"
        )
    return sorted(out, key=lambda item: item[0])


def _as_list(checkpoints) -> list[tuple[int, object]]:
    if isinstance(checkpoints, str | os.PathLike):
        return load_checkpoints(checkpoints)
    if not isinstance(checkpoints, Sequence) or isinstance(checkpoints, bytes):
        raise TypeError(
            f"`checkpoints` must be a directory or a list of params, got {describe(checkpoints)} instead"
        )
    if not checkpoints:
        raise ValueError("`checkpoints` must hold at least one checkpoint, got an empty list")
    if len(checkpoints) > MAX_CHECKPOINTS:
        raise ValueError(
            f"`checkpoints` must hold at most {MAX_CHECKPOINTS} checkpoints, got {len(checkpoints)}"
        )
    pairs = [
        (int(c[0]), c[1]) if isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], int) else (i, c)
        for i, c in enumerate(checkpoints)
    ]
    structure = jax.tree_util.tree_structure(pairs[0][1])
    shapes = [np.shape(leaf) for leaf in jax.tree_util.tree_leaves(pairs[0][1])]
    for step, params in pairs[1:]:
        if (
            jax.tree_util.tree_structure(params) != structure
            or [np.shape(leaf) for leaf in jax.tree_util.tree_leaves(params)] != shapes
        ):
            raise ValueError(
                f"`checkpoints` must all have the same structure and shapes, got step {step} differing from step {pairs[0][0]}"
            )
    return sorted(pairs, key=lambda item: item[0])


@dataclass(frozen=True)
class Progress:
    """The measures per checkpoint (``rows``: one dict per step), and what they were taken with.

    Example:
        >>> run = Progress([1], ["L(1)"], [{"step": 0, "key_share": 0.5}, {"step": 10, "key_share": 0.9}])
        >>> run.steps, run.column("key_share").tolist(), run.columns
        ([0, 10], [0.5, 0.9], ['key_share'])
    """

    key_simples: list[int]
    key_names: list[str]
    rows: list[dict]
    settings: dict = field(default_factory=dict)

    @property
    def steps(self) -> list[int]:
        return [row["step"] for row in self.rows]

    def column(self, name: str) -> np.ndarray:
        """One measure over the steps (NaN where a row lacks it)."""
        return np.array([row.get(name, np.nan) for row in self.rows], dtype=np.float64)

    @property
    def columns(self) -> list[str]:
        return [c for c in self.rows[0] if c != "step"] if self.rows else []

    def to_dict(self) -> dict:
        return {
            "key_simples": self.key_simples,
            "key_names": self.key_names,
            "settings": self.settings,
            "rows": self.rows,
        }

    def to_text(self) -> str:
        columns = ["step", *self.columns]
        lines = ["  ".join(f"{c:>14}" for c in columns)]
        for row in self.rows:
            lines.append("  ".join(f"{row[c]:>14d}" if c == "step" else f"{row[c]:>14.6g}" for c in columns))
        return "\n".join(lines)


def _watched(watch, params, name="watch"):
    if callable(watch):
        return np.asarray(watch(params), dtype=np.float64)
    if not isinstance(params, Mapping) or watch not in params:
        offered = ", ".join(map(str, params)) if isinstance(params, Mapping) else describe(params)
        raise ValueError(
            f"`{name}` must name an array of the checkpoints, got {watch!r}; they hold: {offered}"
        )
    return np.asarray(params[watch], dtype=np.float64)


def _spectrum(space, array, axis):
    energies = summarize(space, array, axis=axis).totals
    nontrivial = energies[1:]  # id 0 is the trivial simple (plrep.groups protocol)
    return energies, nontrivial


def default_key_simples(space, array, axis, key_fraction: float) -> list[int]:
    """The fewest non-trivial simples holding ``key_fraction`` of the non-trivial energy."""
    _, nontrivial = _spectrum(space, array, axis)
    whole = nontrivial.sum()
    if whole <= 0:
        return []
    order = np.argsort(-nontrivial, kind="stable")
    running = np.cumsum(nontrivial[order]) / whole
    count = int(np.searchsorted(running, key_fraction - 1e-12) + 1)
    return sorted(int(i) + 1 for i in order[:count])


def progress(
    checkpoints,
    space,
    *,
    watch,
    axis=0,
    key_simples=None,
    key_fraction: float = 0.9,
    model: Callable | None = None,
    inputs=None,
    labels=None,
    rows=None,
    at: str | None = None,
    at_space=None,
    at_axis=0,
    restrict=None,
    exclude=None,
    show_progress: bool = True,
) -> Progress:
    """Measures over a training run (module docstring).

    Args:
        checkpoints: a directory of .npz checkpoints, or a list of params / (step, params).
        space: the G-set indexing axis ``axis`` of the watched array.
        watch: the name of a checkpoint array, or ``params -> array``.
        key_simples: the simples whose energy share is tracked (ids, names or frequency
            tuples); default: the last checkpoint's key simples (``key_fraction``).
        model: ``model(params, inputs, intervene) -> logits``; needs ``labels`` (and ``inputs``,
            default the points of ``at_space``).
        rows: the splits the losses are averaged over ({name: indices}); default all rows.
        at, at_space, at_axis: the intermediate ablated, its G-set (default ``space``) and axis.
        restrict, exclude: simples kept (restricted loss) / removed (excluded loss) at ``at``.
        show_progress: a tqdm bar over the checkpoints.

    Returns:
        A ``Progress``: per step ``key_share``, ``gini`` and, with a model, ``loss_<split>``,
        ``accuracy_<split>``, ``restricted_loss_<split>``, ``excluded_loss_<split>`` (and their
        accuracies).

    Raises:
        TypeError, ValueError: naming the argument (an empty directory, checkpoints of different
            shapes, an ``at`` the model does not offer, simples not of the group, ...).

    Example:
        >>> import numpy as np
        >>> t = np.arange(8)
        >>> runs = [{"w": np.stack([np.cos(2 * np.pi * t / 8), a * np.cos(2 * np.pi * 3 * t / 8)], 1)} for a in (1.0, 0.1)]
        >>> run = progress(runs, "C8", watch="w", key_simples=[1], show_progress=False)
        >>> run.column("key_share").round(3).tolist()
        [0.5, 0.99]
    """
    gset = as_gset(space)
    key_fraction = check_finite_real(key_fraction, "key_fraction")
    if not 0.0 < key_fraction <= 1.0:
        raise ValueError(f"`key_fraction` must be a number in (0, 1], got {key_fraction} instead")
    if not (callable(watch) or isinstance(watch, str)):
        raise TypeError(
            f"`watch` must be an array name or a callable params -> array, got {describe(watch)} instead"
        )
    if model is not None and not callable(model):
        raise TypeError(
            f"`model` must be a callable model(params, inputs, intervene) -> logits, got {describe(model)}"
        )
    if model is None and any(v is not None for v in (at, restrict, exclude, labels)):
        raise ValueError("`model` must be given for losses (`labels`, `at`, `restrict`, `exclude`), got None")
    if (restrict is not None or exclude is not None) and at is None:
        raise ValueError(
            "`at` must name the intermediate to ablate when `restrict` or `exclude` is given, got None"
        )
    run = _as_list(checkpoints)
    last = _watched(watch, run[-1][1])
    if key_simples is None:
        key_ids = default_key_simples(gset, last, axis, key_fraction)
    else:
        key_ids = resolve_simples(gset.group, key_simples, "key_simples")
    evaluate = None
    if model is not None:
        evaluate = _evaluator(
            model, run[-1][1], gset, inputs, labels, rows, at, at_space, at_axis, restrict, exclude
        )
    table = []
    from tqdm.auto import tqdm

    for step, params in tqdm(run, desc="checkpoints", unit="ckpt", disable=not show_progress):
        energies, nontrivial = _spectrum(gset, _watched(watch, params), axis)
        whole = nontrivial.sum()
        row = {
            "step": int(step),
            "key_share": float(energies[[k for k in key_ids if k != 0]].sum() / whole)
            if whole > 0
            else float("nan"),
            "gini": gini(nontrivial) if whole > 0 else float("nan"),
        }
        if evaluate is not None:
            row.update(evaluate(params))
        table.append(row)
    settings = {
        "space": gset.group.name if gset.is_regular else f"{gset.group.name} on {gset.size} points",
        "watch": watch if isinstance(watch, str) else getattr(watch, "__name__", "callable"),
        "key_fraction": key_fraction,
        "at": at,
        "restrict": None
        if restrict is None
        else resolve_simples(as_gset(at_space or gset).group, restrict, "restrict"),
        "exclude": None
        if exclude is None
        else resolve_simples(as_gset(at_space or gset).group, exclude, "exclude"),
    }
    names = [gset.group.simples[i].name for i in key_ids]
    return Progress(key_ids, names, table, settings)


def _evaluator(model, params, gset, inputs, labels, rows, at, at_space, at_axis, restrict, exclude):
    site_space = as_gset(at_space) if at_space is not None else gset
    if inputs is None:
        inputs = jnp.arange(site_space.size, dtype=jnp.int32)
    inputs = inputs if isinstance(inputs, jax.Array) else np.asarray(inputs)
    if inputs.ndim == 0 or inputs.dtype.kind not in "biuf":
        raise TypeError(f"`inputs` must be a real array with a batch axis, got {describe(inputs)} instead")
    shapes = intermediates(model, params, inputs)
    batch, classes = shapes["output"]
    if labels is None:
        raise ValueError("`labels` must be given with `model` (the class of each input), got None")
    labels = jnp.asarray(check_labels(labels, batch, classes))
    splits = check_rows(rows, batch)
    projections, axes = {}, (0,)
    if at is not None:
        axes = check_site(shapes, at, at_axis, site_space.size)
        if restrict is not None:
            projections["restricted"] = ("keep", device_projection(site_space, restrict))
        if exclude is not None:
            projections["excluded"] = ("remove", device_projection(site_space, exclude))
    run = build_ablation(model, site_space, at or "", axes, projections)

    def evaluate(params):
        values = summarize_rows(run(params, inputs, labels), splits)
        out = {}
        for variant, per_split in values.items():
            prefix = "" if variant == "full" else f"{variant}_"
            for split, (loss, accuracy) in per_split.items():
                out[f"{prefix}loss_{split}"] = loss
                out[f"{prefix}accuracy_{split}"] = accuracy
        return out

    return evaluate
