"""Checkpoints of ``train_composition``: everything needed to continue a run exactly.

A run is a pure function of its settings and the global step (mini-batch keys are
``fold_in(key, step)``, the learning-rate schedule reads the optimiser's own step count), so
saving the parameters, the optimiser state, the step and the curve is enough for a resumed run
to take the same steps an uninterrupted one would. The file is a plain ``.npz`` (no pickles),
written atomically at every evaluation and read back only after every member's header has been
checked against the shapes this run expects; the settings that define the run are stored as
JSON beside the arrays, and a checkpoint of another run is refused rather than reused.
"""

from __future__ import annotations

import json
from pathlib import Path

import jax
import numpy as np

from plrep._files import read_npz, write_atomic

__all__ = ["identity", "load_checkpoint", "save_checkpoint"]

_METRICS = ("train_accuracy", "test_accuracy", "train_loss", "test_loss")


def identity(settings: dict) -> dict:
    """The settings that define a run's trajectory (JSON-ready).

    ``steps`` counts only for the cosine schedule (its decay ends there); a constant-rate run
    can be continued for more steps than first asked. ``eval_every`` and ``stop_at`` change
    when the run is looked at, not what it computes.
    """
    keys = (
        "group",
        "seeds",
        "train_fraction",
        "embed_dim",
        "hidden",
        "activation",
        "learning_rate",
        "weight_decay",
        "batch_size",
        "schedule",
        "warmup_steps",
        "hidden_bias",
    )
    out = {key: settings[key] for key in keys}
    if settings["schedule"] != "constant":
        out["steps"] = settings["steps"]
    return json.loads(json.dumps(out))  # tuples -> lists, as they come back from the file


def save_checkpoint(path: Path, settings: dict, step: int, params, opt_state, curves, seconds: float):
    """Write the run's state to ``path`` atomically (a temporary file renamed over it)."""
    arrays = {f"param_{name}": np.asarray(value) for name, value in params.items()}
    for i, leaf in enumerate(jax.tree_util.tree_leaves(opt_state)):
        arrays[f"opt_{i}"] = np.asarray(leaf)
    steps = sorted(curves)
    arrays["curve_steps"] = np.asarray(steps, np.int64)
    for metric in _METRICS:
        arrays[f"curve_{metric}"] = np.stack([curves[s][metric] for s in steps]).astype(np.float64)
    record = {"identity": identity(settings), "step": int(step), "seconds": float(seconds)}
    arrays["record_json"] = np.array(json.dumps(record))

    def write(temporary: Path) -> None:
        with open(temporary, "wb") as handle:
            np.savez(handle, **arrays)

    # Rewritten at every evaluation (force); never through a symlink or onto a special file.
    write_atomic(path, write, argument="checkpoint", force=True)


def load_checkpoint(path: Path, settings: dict, params, opt_state, max_evaluations: int):
    """``(step, params, opt_state, curves, seconds)`` from ``path``, refused unless it is this run's.

    ``params`` and ``opt_state`` are freshly initialised ones: they give the names, shapes and
    dtypes every member must have, checked from the headers before any data is read.
    """
    leaves, treedef = jax.tree_util.tree_flatten(opt_state)
    seeds = len(settings["seeds"])
    expected = {f"param_{name}": (tuple(v.shape), np.dtype(v.dtype)) for name, v in params.items()}
    expected.update({f"opt_{i}": (tuple(v.shape), np.dtype(v.dtype)) for i, v in enumerate(leaves)})

    def check(headers):
        bookkeeping = {"record_json", "curve_steps"} | {f"curve_{m}" for m in _METRICS}
        names = set(headers) - bookkeeping
        if names != set(expected) or not bookkeeping <= set(headers):
            raise ValueError(
                f"`checkpoint` {str(path)!r} must be a checkpoint of this run's model (arrays "
                f"{sorted(expected)[:4]}...), got arrays {sorted(names)[:4]}... instead"
            )
        for name, (shape, dtype) in expected.items():
            if tuple(headers[name][0]) != shape or np.dtype(headers[name][1]) != dtype:
                raise ValueError(
                    f"`checkpoint` {str(path)!r} must hold {name} of shape {shape} and dtype {dtype} "
                    f"(this run's model), got {tuple(headers[name][0])} {headers[name][1]} instead"
                )
        evaluations = headers["curve_steps"][0]
        if len(evaluations) != 1:
            raise ValueError(
                f"`checkpoint` {str(path)!r} must hold a 1-D curve_steps, got shape {evaluations}"
            )
        if evaluations[0] > max_evaluations:  # every evaluation follows at least one step
            raise ValueError(
                f"`steps` must be at least the checkpoint's step count to continue it, got {max_evaluations}, "
                f"fewer than the {evaluations[0]} evaluations {str(path)!r} holds"
            )
        for metric in _METRICS:
            if tuple(headers[f"curve_{metric}"][0]) != (evaluations[0], seeds):
                raise ValueError(
                    f"`checkpoint` {str(path)!r} must hold curve_{metric} of shape "
                    f"({evaluations[0]}, {seeds}), got {headers[f'curve_{metric}'][0]} instead"
                )

    arrays = read_npz(path, "checkpoint", check_shapes=check, max_members=len(expected) + 6)
    try:
        record = json.loads(str(arrays["record_json"]))
        saved, step, seconds = record["identity"], int(record["step"]), float(record["seconds"])
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"`checkpoint` {str(path)!r} has no valid record_json: {error}") from None
    ours = identity(settings)
    if saved != ours:
        differ = sorted(k for k in set(saved) | set(ours) if saved.get(k) != ours.get(k))
        shown = ", ".join(f"{k}: {saved.get(k)!r} there, {ours.get(k)!r} here" for k in differ[:4])
        raise ValueError(
            f"`checkpoint` {str(path)!r} must come from a run with the same settings, got one that "
            f"differs in {shown}; delete it or pass another path to start afresh"
        )
    params = {name: arrays[f"param_{name}"] for name in params}
    opt_state = jax.tree_util.tree_unflatten(treedef, [arrays[f"opt_{i}"] for i in range(len(leaves))])
    curves = {
        int(s): {m: arrays[f"curve_{m}"][i] for m in _METRICS} for i, s in enumerate(arrays["curve_steps"])
    }
    if step not in curves and step != 0:
        raise ValueError(f"`checkpoint` {str(path)!r} must hold the evaluation of its step {step}")
    return step, params, opt_state, curves, seconds
