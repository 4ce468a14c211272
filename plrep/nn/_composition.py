"""Group composition (g, h) -> gh learned by a one-hidden-layer MLP, many seeds in one jit.

The model of Chughtai et al. 2023 ("A toy model of universality"): separate embeddings of the
left and right element (|G| x embed_dim each), concatenated, a linear hidden layer with bias,
an activation (ReLU), and a bias-free unembedding to |G| logits. With ``embed_dim=None`` the
hidden layer reads the two one-hot vectors directly (Gromov 2023's modular-addition MLP, with
``activation="square"``).

Because the hidden layer is linear in the concatenated embeddings, its pre-activation is
``left[g] + right[h] + bias`` with ``left = E_left W_left`` (|G| x hidden) and ``right =
E_right W_right``: the trainer evaluates it that way (the same function and gradients, a
fraction of the FLOPs of multiplying every pair's 2 * embed_dim vector). ``left``, ``right`` (as
functions on G, axis 0) and the unembedding (axis 1) are what ``learned_simples`` decomposes:
they are the functions on G that the hidden neurons actually see and write, whatever
directions of the embedding space weight decay has not yet emptied.

Seeds are a batch axis: every seed has its own initialisation and its own train/test split,
and all of them train in one ``jax.vmap`` inside one jitted ``lax.scan`` per evaluation block.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax

from plrep._validate import check_choice, check_finite_real, check_int, describe
from plrep.nn._composition_checkpoint import load_checkpoint, save_checkpoint
from plrep.nn._validate import MAX_SEED

__all__ = [
    "LEARNED_ENRICHMENT",
    "MAX_COMPOSITION_STEPS",
    "MAX_COMPOSITION_WORK",
    "CompositionRun",
    "composition_enrichment",
    "composition_split",
    "composition_table",
    "learned_simples",
    "train_composition",
]

# seeds * |G|^2 * max(hidden, |G|): the size of one evaluation's activations (float32 elements);
# 2^29 (2 GiB) keeps a run inside a few GiB of memory. S_5 with 50 seeds and hidden 128 is 9.2e7.
MAX_COMPOSITION_WORK = 2**29

# Steps are counted in int32 inside the jitted scan (and the optimiser's step count); 10^8 full
# steps of even the smallest model are years of CPU time, so a larger request is a mistake.
MAX_COMPOSITION_STEPS = 10**8

# An irreducible counts as learned in a seed when its energy share is at least this many times
# the share a random function on G puts in it (m_L dim L / |G| = dim^2 / |G| on R[G]), in the
# left embedding, the right embedding and the unembedding alike. Irreducibles a trained network
# does not use are emptied by weight decay (enrichment ~0.01-0.1), the used ones sit near or well
# above 1, so the threshold sits in that gap: half of what noise gives.
LEARNED_ENRICHMENT = 0.5

_ACTIVATIONS = {"relu": jax.nn.relu, "square": jnp.square, "gelu": jax.nn.gelu}
_SCHEDULES = ("constant", "cosine")


def _check_group(group):
    from plrep.groups import Group, parse_group

    if isinstance(group, str):
        return parse_group(group)
    if not isinstance(group, Group):
        raise TypeError(
            f"`group` must be a plrep Group or a group spec such as 'S5', got {describe(group)} instead"
        )
    return group


def composition_table(group) -> np.ndarray:
    """The multiplication table: ``table[g, h]`` is the number of the product gh.

    Elements are numbered in the group's element order (``group.elements``); for permutation
    groups (gh)(x) = g(h(x)).

    Example:
        >>> composition_table("C4")[1].tolist()  # 1 + h mod 4
        [1, 2, 3, 0]
        >>> composition_table("S3").shape
        (6, 6)
    """
    group = _check_group(group)
    check_int(group.order, "|G|", maximum=4096)
    # right_multiplication(elements)[h, g] = number of g h.
    return np.ascontiguousarray(group.right_multiplication(group.elements).T.astype(np.int64))


def composition_split(group, train_fraction: float = 0.4, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Train and test pairs of one seed, as flat indices g * |G| + h (sorted).

    ``round(train_fraction * |G|^2)`` pairs are drawn without replacement by
    ``numpy.random.default_rng(seed)``; the rest are the test pairs. Both must be non-empty.

    Example:
        >>> train, test = composition_split("C5", 0.4, seed=0)
        >>> len(train), len(test), len(set(train) | set(test))
        (10, 15, 25)
    """
    group = _check_group(group)
    train_fraction = check_finite_real(train_fraction, "train_fraction")
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    pairs = group.order**2
    count = round(train_fraction * pairs)
    if not 0 < count < pairs:
        raise ValueError(
            f"`train_fraction` must leave at least one train and one test pair of the {pairs} pairs of "
            f"{group.name}, got {train_fraction} ({count} train pairs) instead"
        )
    order = np.random.default_rng(seed).permutation(pairs)
    return np.sort(order[:count]), np.sort(order[count:])


@dataclass(frozen=True, eq=False)
class CompositionRun:
    """Trained composition MLPs, one per seed (leading axis of every array).

    Attributes:
        group: the group.
        seeds: the seeds, in the order of the batch axis.
        params: dict of arrays (numpy, float32), each with a leading seed axis: ``embed_left``,
            ``embed_right`` (seeds, |G|, embed_dim) and ``hidden_weight`` (seeds, 2 embed_dim,
            hidden), or ``hidden_left``, ``hidden_right`` (seeds, |G|, hidden) without
            embeddings; ``hidden_bias`` (seeds, hidden), ``unembed`` (seeds, hidden, |G|).
        train_accuracy, test_accuracy, train_loss, test_loss: final values per seed, (seeds,).
        curves: evaluation step -> {"train_accuracy", "test_accuracy", "train_loss",
            "test_loss"} -> per-seed array.
        settings: every hyper-parameter of the run (JSON-ready).
        seconds: wall time of the training (compilation included).

    Example:
        >>> run = train_composition("S3", seeds=(0, 1), embed_dim=4, hidden=8, steps=2, progress=False)
        >>> run.seeds, run.params["embed_left"].shape, run.functions_on_group()["left"].shape
        ((0, 1), (2, 6, 4), (2, 6, 8))
    """

    group: object
    seeds: tuple[int, ...]
    params: dict = field(repr=False)
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    train_loss: np.ndarray
    test_loss: np.ndarray
    curves: dict = field(repr=False)
    settings: dict = field(repr=False)
    seconds: float = 0.0

    def functions_on_group(self) -> dict[str, np.ndarray]:
        """The functions on G that the hidden neurons see and write, per seed.

        ``left`` and ``right`` (seeds, |G|, hidden): each neuron's pre-activation contribution
        from the left / right element (embedding times the hidden weight); ``unembed`` (seeds,
        hidden, |G|): each neuron's contribution to the logits. Axis -2 of left/right and
        axis -1 of unembed are indexed by G (the regular G-set).
        """
        return _functions_on_group({k: jnp.asarray(v) for k, v in self.params.items()}, self.settings)

    def to_dict(self) -> dict:
        """JSON shape: group, seeds, settings, final metrics per seed (no parameters, no curves)."""
        return {
            "group": self.group.name,
            "seeds": list(self.seeds),
            "settings": dict(self.settings),
            "train_accuracy": self.train_accuracy.tolist(),
            "test_accuracy": self.test_accuracy.tolist(),
            "train_loss": self.train_loss.tolist(),
            "test_loss": self.test_loss.tolist(),
            "seconds": self.seconds,
        }


def _functions_on_group(params, settings) -> dict[str, np.ndarray]:
    if "embed_left" in params:
        width = params["embed_left"].shape[-1]
        left = params["embed_left"] @ params["hidden_weight"][..., :width, :]
        right = params["embed_right"] @ params["hidden_weight"][..., width:, :]
    else:
        left, right = params["hidden_left"], params["hidden_right"]
    return {"left": np.asarray(left), "right": np.asarray(right), "unembed": np.asarray(params["unembed"])}


def _init(key, order: int, embed_dim: int | None, hidden: int):
    """PyTorch's defaults, as in the published model: embeddings N(0, 1), linear layers
    uniform in +-1/sqrt(fan_in)."""
    keys = jax.random.split(key, 5)
    fan_in = 2 * (embed_dim if embed_dim is not None else order)
    bound = 1 / np.sqrt(fan_in)
    params = {
        "hidden_bias": jax.random.uniform(keys[0], (hidden,), minval=-bound, maxval=bound),
        "unembed": jax.random.uniform(
            keys[1], (hidden, order), minval=-1 / np.sqrt(hidden), maxval=1 / np.sqrt(hidden)
        ),
    }
    if embed_dim is None:
        params["hidden_left"] = jax.random.uniform(keys[2], (order, hidden), minval=-bound, maxval=bound)
        params["hidden_right"] = jax.random.uniform(keys[3], (order, hidden), minval=-bound, maxval=bound)
    else:
        params["embed_left"] = jax.random.normal(keys[2], (order, embed_dim))
        params["embed_right"] = jax.random.normal(keys[3], (order, embed_dim))
        params["hidden_weight"] = jax.random.uniform(
            keys[4], (2 * embed_dim, hidden), minval=-bound, maxval=bound
        )
    return params


def _logits(params, pairs, order: int, sigma):
    """Logits of flat pairs g * |G| + h, (len(pairs), |G|), for one seed's parameters."""
    if "embed_left" in params:
        width = params["embed_left"].shape[-1]
        left = params["embed_left"] @ params["hidden_weight"][:width]
        right = params["embed_right"] @ params["hidden_weight"][width:]
    else:
        left, right = params["hidden_left"], params["hidden_right"]
    hidden = sigma(left[pairs // order] + right[pairs % order] + params["hidden_bias"])
    return hidden @ params["unembed"]


def _check_checkpoint(checkpoint):
    if checkpoint is None:
        return None
    if not isinstance(checkpoint, str | os.PathLike):
        raise TypeError(f"`checkpoint` must be a path to a .npz file, got {describe(checkpoint)} instead")
    path = Path(checkpoint)
    if path.suffix != ".npz":
        raise ValueError(f"`checkpoint` must be a path ending in .npz, got {str(path)!r} instead")
    if not path.parent.is_dir():
        raise ValueError(f"`checkpoint` must be in an existing folder, got {str(path)!r} instead")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ValueError(f"`checkpoint` must be a regular file (no link), got {str(path)!r} instead")
    return path


def _check_seeds(seeds) -> tuple[int, ...]:
    if isinstance(seeds, int | np.integer) and not isinstance(seeds, bool):
        raise TypeError(f"`seeds` must be a sequence of seeds such as (0, 1, 2), got the int {seeds} instead")
    try:
        values = tuple(seeds)
    except TypeError:
        raise TypeError(
            f"`seeds` must be a sequence of non-negative ints, got {describe(seeds)} instead"
        ) from None
    if not values:
        raise ValueError("`seeds` must hold at least one seed, got an empty sequence instead")
    values = tuple(check_int(s, "seeds", minimum=0, maximum=MAX_SEED) for s in values)
    if len(set(values)) != len(values):
        raise ValueError(f"`seeds` must be distinct, got {list(values)} instead")
    return values


def train_composition(
    group,
    *,
    seeds=(0,),
    train_fraction: float = 0.4,
    embed_dim: int | None = 256,
    hidden: int = 128,
    activation: str = "relu",
    steps: int = 2000,
    learning_rate: float = 1e-3,
    weight_decay: float = 1.0,
    batch_size: int | None = None,
    schedule: str = "constant",
    warmup_steps: int = 0,
    eval_every: int | None = None,
    progress: bool = True,
    bias: bool = True,
    stop_at: float | None = None,
    callback=None,
    checkpoint=None,
) -> CompositionRun:
    """Train the composition MLP on ``group`` for every seed at once (seeds vmapped, one jit).

    Args:
        group: a plrep group or a spec ("S5", "C59").
        seeds: distinct non-negative ints; seed s fixes its initialisation
            (``jax.random.key(s)``), its split (``composition_split(group, train_fraction, s)``)
            and its mini-batches.
        train_fraction: share of the |G|^2 pairs trained on (published: 0.4).
        embed_dim: width of each of the two embeddings (published: 256); None: no embeddings,
            the hidden layer reads the one-hot vectors (Gromov's MLP).
        hidden: hidden neurons (published: 128).
        activation: "relu" (published), "square" (Gromov) or "gelu".
        steps: optimiser steps.
        learning_rate: peak AdamW learning rate (published: 1e-3).
        weight_decay: AdamW's decoupled weight decay (published: 1.0).
        batch_size: training pairs per step, drawn without replacement per step and seed;
            None: full batch (published).
        schedule: "constant" (published) or "cosine" (decay to 0 at ``steps``), after a linear
            warm-up of ``warmup_steps``.
        eval_every: steps between evaluations on all pairs (default: steps // 50).
        progress: show a tqdm bar.
        bias: a trained bias on the hidden layer (published: yes); False keeps it at zero
            (Gromov's MLP has none).
        stop_at: stop at the first evaluation where every seed's test accuracy is at least this
            (the steps done are in ``settings["steps_done"]``); None: train all ``steps``.
        callback: called as ``callback(step, params, metrics)`` after every evaluation (numpy
            arrays with the seed axis first), e.g. to write a checkpoint; training stops there
            when it returns True (a time budget), ``settings["stopped_by_callback"]`` says so.
        checkpoint: a ``.npz`` path, written atomically after every evaluation with everything
            needed to continue (parameters, optimiser state, step, curve); if it exists when the
            call starts, the run continues from it and takes exactly the steps an uninterrupted
            run would (``settings["resumed_from_step"]``). A checkpoint of a run with other
            settings is refused (``ValueError``), never reused; a constant-rate run may be
            continued with a larger ``steps``.

    Returns:
        A ``CompositionRun``.

    Raises:
        TypeError, ValueError: a bad argument (named), or a run whose evaluation would exceed
        ``MAX_COMPOSITION_WORK`` activations.

    Example:
        >>> run = train_composition("C5", seeds=(0, 1), embed_dim=8, hidden=16, steps=20,
        ...                         train_fraction=0.6, progress=False)
        >>> run.params["unembed"].shape, run.test_accuracy.shape
        ((2, 16, 5), (2,))
    """
    group = _check_group(group)
    seeds = _check_seeds(seeds)
    train_fraction = check_finite_real(train_fraction, "train_fraction")
    if embed_dim is not None:
        embed_dim = check_int(embed_dim, "embed_dim", minimum=1, maximum=65536)
    hidden = check_int(hidden, "hidden", minimum=1, maximum=65536)
    activation = check_choice(activation, "activation", _ACTIVATIONS)
    steps = check_int(steps, "steps", minimum=1, maximum=MAX_COMPOSITION_STEPS)
    learning_rate = check_finite_real(learning_rate, "learning_rate")
    if not 0 < learning_rate <= 10:
        raise ValueError(f"`learning_rate` must be in (0, 10], got {learning_rate} instead")
    weight_decay = check_finite_real(weight_decay, "weight_decay")
    if weight_decay < 0:
        raise ValueError(f"`weight_decay` must be >= 0, got {weight_decay} instead")
    schedule = check_choice(schedule, "schedule", _SCHEDULES)
    if not isinstance(progress, bool):
        raise TypeError(f"`progress` must be True or False, got {describe(progress)} instead")
    if not isinstance(bias, bool):
        raise TypeError(f"`bias` must be True or False, got {describe(bias)} instead")
    warmup_steps = check_int(warmup_steps, "warmup_steps", minimum=0, maximum=steps)
    if stop_at is not None:
        stop_at = check_finite_real(stop_at, "stop_at")
        if not 0 < stop_at <= 1:
            raise ValueError(f"`stop_at` must be a test accuracy in (0, 1], got {stop_at} instead")
    if callback is not None and not callable(callback):
        raise TypeError(f"`callback` must be callable, got {describe(callback)} instead")
    checkpoint = _check_checkpoint(checkpoint)
    eval_every = max(1, steps // 50) if eval_every is None else check_int(eval_every, "eval_every", minimum=1)
    order = group.order
    work = len(seeds) * order**2 * max(hidden, order)
    if work > MAX_COMPOSITION_WORK:
        raise ValueError(
            f"`seeds`, `group` and `hidden` must keep seeds * |G|^2 * max(hidden, |G|) at most "
            f"{MAX_COMPOSITION_WORK}, got {len(seeds)} * {order}^2 * {max(hidden, order)} = {work} instead"
        )
    splits = [composition_split(group, train_fraction, s) for s in seeds]
    num_train = len(splits[0][0])
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=num_train)

    start = time.perf_counter()
    table = jnp.asarray(composition_table(group).ravel(), jnp.int32)
    train_pairs = jnp.asarray(np.stack([tr for tr, _ in splits]), jnp.int32)  # (seeds, num_train)
    train_mask = np.zeros((len(seeds), order**2), bool)
    for i, (tr, _) in enumerate(splits):
        train_mask[i, tr] = True
    train_mask = jnp.asarray(train_mask)
    sigma = _ACTIVATIONS[activation]

    if schedule == "constant":
        rate = optax.constant_schedule(learning_rate)
    else:
        rate = optax.cosine_decay_schedule(learning_rate, max(1, steps - warmup_steps))
    if warmup_steps:
        rate = optax.join_schedules(
            [optax.linear_schedule(0.0, learning_rate, warmup_steps), rate], [warmup_steps]
        )
    optimiser = optax.adamw(rate, weight_decay=weight_decay)

    def loss(params, pairs):
        logits = _logits(params, pairs, order, sigma)
        return optax.softmax_cross_entropy_with_integer_labels(logits, table[pairs]).mean()

    def one_step(params, opt_state, pairs, key):
        if batch_size is not None:
            pairs = pairs[jax.random.permutation(key, pairs.shape[0])[:batch_size]]
        grads = jax.grad(loss)(params, pairs)
        if not bias:
            grads = {**grads, "hidden_bias": jnp.zeros_like(grads["hidden_bias"])}
        updates, opt_state = optimiser.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state

    def block(params, opt_state, pairs, key, first, count):
        def body(carry, step):
            params, opt_state = carry
            return one_step(params, opt_state, pairs, jax.random.fold_in(key, step)), None

        (params, opt_state), _ = jax.lax.scan(body, (params, opt_state), first + jnp.arange(count))
        return params, opt_state

    def evaluate(params, mask):
        all_pairs = jnp.arange(order**2)
        logits = _logits(params, all_pairs, order, sigma)
        losses = optax.softmax_cross_entropy_with_integer_labels(logits, table)
        correct = (logits.argmax(-1) == table).astype(jnp.float32)
        test = ~mask
        return {
            "train_accuracy": jnp.sum(correct * mask) / jnp.sum(mask),
            "test_accuracy": jnp.sum(correct * test) / jnp.sum(test),
            "train_loss": jnp.sum(losses * mask) / jnp.sum(mask),
            "test_loss": jnp.sum(losses * test) / jnp.sum(test),
        }

    settings = {
        "group": group.name,
        "train_fraction": train_fraction,
        "num_train_pairs": num_train,
        "embed_dim": embed_dim,
        "hidden": hidden,
        "activation": activation,
        "steps": steps,
        "stop_at": stop_at,
        "learning_rate": learning_rate,
        "weight_decay": weight_decay,
        "optimiser": "AdamW (optax.adamw, decoupled weight decay)",
        "batch_size": batch_size,
        "schedule": schedule,
        "warmup_steps": warmup_steps,
        "eval_every": eval_every,
        "hidden_bias": bias,
        "unembed_bias": False,
        "init": "embeddings N(0, 1); linear layers uniform(+-1/sqrt(fan_in)) (PyTorch defaults)",
    }
    keys = jnp.stack([jax.random.key_data(jax.random.key(s)) for s in seeds])
    init_keys = jax.vmap(lambda k: jax.random.split(jax.random.wrap_key_data(k))[0])(keys)
    batch_keys = jax.vmap(lambda k: jax.random.split(jax.random.wrap_key_data(k))[1])(keys)
    params = jax.vmap(lambda k: _init(k, order, embed_dim, hidden))(init_keys)
    if not bias:
        params["hidden_bias"] = jnp.zeros_like(params["hidden_bias"])
    opt_state = jax.vmap(optimiser.init)(params)
    run_block = jax.jit(
        jax.vmap(block, in_axes=(0, 0, 0, 0, None, None)), static_argnums=(5,), donate_argnums=(0, 1)
    )
    run_eval = jax.jit(jax.vmap(evaluate))

    curves = {}
    done = 0
    stopped_by_callback = False
    resumed_seconds = 0.0
    if checkpoint is not None and checkpoint.exists():
        done, loaded, opt_state, curves, resumed_seconds = load_checkpoint(
            checkpoint, {**settings, "seeds": list(seeds)}, params, opt_state, max_evaluations=steps
        )
        params = {k: jnp.asarray(v) for k, v in loaded.items()}
        opt_state = jax.tree_util.tree_map(jnp.asarray, opt_state)
        if done > steps:
            raise ValueError(
                f"`steps` must be at least the checkpoint's step {done} to continue it, got {steps} instead"
            )
    settings["resumed_from_step"] = done or None
    from tqdm.auto import tqdm

    with tqdm(
        total=steps,
        initial=done,
        desc=f"{group.name} x {len(seeds)} seeds",
        disable=not progress,
        unit="step",
    ) as bar:
        while done < steps:
            count = min(eval_every, steps - done)
            params, opt_state = run_block(params, opt_state, train_pairs, batch_keys, done, count)
            done += count
            metrics = {k: np.asarray(v, np.float64) for k, v in run_eval(params, train_mask).items()}
            curves[done] = metrics
            if checkpoint is not None:
                elapsed = resumed_seconds + time.perf_counter() - start
                save_checkpoint(
                    checkpoint, {**settings, "seeds": list(seeds)}, done, params, opt_state, curves, elapsed
                )
            bar.update(count)
            bar.set_postfix(test=f"{metrics['test_accuracy'].min():.4f}")
            if (
                callback is not None
                and callback(done, {k: np.asarray(v) for k, v in params.items()}, metrics) is True
            ):
                stopped_by_callback = True
                break
            if stop_at is not None and metrics["test_accuracy"].min() >= stop_at:
                break
    final = curves[done]
    settings.update(steps_done=done, stopped_by_callback=stopped_by_callback)
    return CompositionRun(
        group=group,
        seeds=seeds,
        params={k: np.asarray(v) for k, v in params.items()},
        train_accuracy=final["train_accuracy"],
        test_accuracy=final["test_accuracy"],
        train_loss=final["train_loss"],
        test_loss=final["test_loss"],
        curves=curves,
        settings=settings,
        seconds=resumed_seconds + time.perf_counter() - start,
    )


def composition_enrichment(run: CompositionRun) -> dict[str, np.ndarray]:
    """Enrichment (energy share / random-baseline share) of every simple, per seed.

    Returns ``{"left", "right", "unembed"}`` -> (seeds, num_simples): the decomposition over the
    regular G-set of ``run.functions_on_group()`` (all hidden neurons of a seed together) by
    ``plrep.summarize``, divided by ``plrep.random_baseline``.

    Example:
        >>> run = train_composition("S3", seeds=(0,), embed_dim=4, hidden=8, steps=2, progress=False)
        >>> composition_enrichment(run)["unembed"].shape  # (seeds, simples of S_3)
        (1, 3)
    """
    from plrep.decomposition import summarize
    from plrep.gsets import regular

    if not isinstance(run, CompositionRun):
        raise TypeError(f"`run` must be a CompositionRun, got {describe(run)} instead")
    space = regular(run.group)
    functions = run.functions_on_group()
    out = {}
    for name, axis in (("left", -2), ("right", -2), ("unembed", -1)):
        values = np.asarray(functions[name], np.float64)
        out[name] = np.stack(
            [summarize(space, values[i], axis=axis + 2).enrichment() for i in range(len(run.seeds))]
        )
    return out


def learned_simples(run: CompositionRun, *, threshold: float = LEARNED_ENRICHMENT) -> list[list[str]]:
    """Per seed, the names of the non-trivial simples the network learned, most enriched first.

    A simple is learned when its enrichment (``composition_enrichment``) is at least
    ``threshold`` in the left embedding, the right embedding and the unembedding alike (default
    ``LEARNED_ENRICHMENT``: half of what a random function on G puts there). The trivial simple
    is never reported: a constant over G carries no information about the element.

    Example:
        >>> run = train_composition("C5", seeds=(0,), embed_dim=8, hidden=16, steps=5, progress=False)
        >>> isinstance(learned_simples(run)[0], list)
        True
    """
    threshold = check_finite_real(threshold, "threshold")
    if threshold <= 0:
        raise ValueError(f"`threshold` must be positive, got {threshold} instead")
    enrichment = composition_enrichment(run)
    weakest = np.minimum(np.minimum(enrichment["left"], enrichment["right"]), enrichment["unembed"])
    names = [s.name for s in run.group.simples]
    out = []
    for row in weakest:
        chosen = [i for i in np.argsort(-row, kind="stable") if i != 0 and row[i] >= threshold]
        out.append([names[i] for i in chosen])
    return out
