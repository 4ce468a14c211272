"""Classify scikit-learn's 8x8 digits from the weights of INRs, each fitted from its own random init.

The DWSNets experiment (Navon et al., ICML 2023) on data that ships with scikit-learn
(``load_digits``: 1,797 images, no download):

1. Fit a SIREN INR (coordinates in [-1, 1]^2 -> intensity in [0, 1]) to every image, each from
   its own random initialisation (``plrep.nn.fit_image_inrs``, vmapped in chunks), and
   save the weights and the fit error per image (``docs/dws_digits.md``).
2. Train classifiers of the digit from the weights, each for several seeds: a DWS network
   (``plrep.nn``: DWS equivariant layers + invariant read-out); an MLP on the flattened weights;
   the same MLP with random hidden-neuron permutations of every training batch
   (``plrep.weightspace.permute_neurons`` semantics); an MLP on the weights in plrep's
   canonical form (``plrep.weightspace.canonical_form``, neurons sorted by bias); and, as a
   reference for what the INRs carry, an MLP on the INR rendered back on the pixel grid.
3. Evaluate on the test INRs as fitted and with each test INR's hidden neurons randomly permuted
   (same functions, so an invariant model must not change its answers).

Settings: ``published`` (the default: the DWSNets recipe, SIRENs 2-32-32-1, ω₀ 30, zero biases,
output + 0.5, Adam 5e-4, at most 1000 steps, 40 dB PSNR stop, via ``plrep.nn.fit_sirens``; with
the statistics baseline, a shared-initialisation control and a data-regime curve), ``small``
(2-16-16-1) and ``deep`` (2-32-32-32-1), the earlier plrep recipes. Writes ``dws_digits.json``, ``dws_digits.png`` and
``dws_digits_<setting>.npz`` to ``--out`` (default analysis/out).

    python analysis/dws_digits.py            # the published recipe, 3 seeds, controls
    python analysis/dws_digits.py --quick    # toy size for the test suite
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax
from tqdm import tqdm

from plrep.nn import (
    INR_DEFAULT_SPECS,
    dws_apply,
    dws_init,
    fit_image_inrs,
    fit_sirens,
    image_grid,
    layer_statistics,
)
from plrep.weightspace import canonical_form, permute_neurons

NUM_CLASSES = 10
TEST_FRACTION = 0.2
DATA_SEED = 12345  # the train/test split; the same for every model seed and setting


@dataclass(frozen=True)
class Setting:
    """One weight-space data set: how the INRs are fitted, and how long the classifiers train."""

    widths: tuple[int, ...]
    inr_steps: int
    inr_learning_rate: float
    omega0: float = 10.0
    num_images: int | None = None  # None: all 1,797
    train_steps: int = 2000
    batch: int = 64
    dws_channels: tuple[int, ...] = (32, 32)
    shared_init: bool = False  # a control only: every INR from one initialisation
    recipe: str = "plrep"  # "published": plrep.nn.INR_DEFAULT_SPECS["digits"], the DWSNets recipe
    dws_readout: str = "mean"  # "mean_max": mean and max over the hidden axes (plrep.nn.dws_init)


SETTINGS = {
    # the DWSNets recipe (INR_DEFAULT_SPECS["digits"]): SIREN 2-32-32-1, ω₀ 30, zero biases, output
    # + 0.5, Adam 5e-4 for at most 1000 steps, stopped at 40 dB PSNR
    "published": Setting(
        widths=(2, 32, 32, 1),
        inr_steps=1000,
        inr_learning_rate=5e-4,
        omega0=30.0,
        train_steps=1000,
        dws_channels=(8, 8, 8),
        recipe="published",
        dws_readout="mean_max",
    ),
    "small": Setting(widths=(2, 16, 16, 1), inr_steps=300, inr_learning_rate=5e-3, train_steps=1500),
    "deep": Setting(
        widths=(2, 32, 32, 32, 1),
        inr_steps=150,
        inr_learning_rate=2e-3,
        train_steps=1000,
        dws_channels=(16, 16),
    ),
}


def quick(setting: Setting) -> Setting:
    """Toy size for the test suite: the same widths and code paths, a few hundred images and steps."""
    return replace(setting, num_images=300, inr_steps=60, train_steps=150, dws_channels=(8, 8))


MODELS = (
    "DWS",
    "MLP",
    "MLP + perm. augmentation",
    "MLP on canonical form",
    "statistics",
    "MLP on rendered INR",
)
CONTROL_MODELS = ("DWS", "MLP", "statistics")  # trained again on shared-init INRs and along the curve
TRAIN_FRACTIONS = (0.25, 0.5)  # the data-regime curve: parts of the training INRs (1.0 is the table)
QUANTILES = (0.0, 0.25, 0.5, 0.75, 1.0)
REFERENCE = "MLP on rendered INR"  # sees the INR's function, not its weights: an upper reference


# ----------------------------------------------------------------------------------------- data


def load_images(num_images: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's bundled digits: images (N, 8, 8) float32 in [0, 1], labels (N,) int64."""
    from sklearn.datasets import load_digits  # the optional extra `analysis`; no download

    digits = load_digits()
    n = len(digits.target) if num_images is None else min(num_images, len(digits.target))
    return (digits.images[:n] / 16.0).astype(np.float32), digits.target[:n].astype(np.int64)


def split(labels: np.ndarray) -> np.ndarray:
    """is_test (N,) bool: a stratified split, TEST_FRACTION of every class, fixed by DATA_SEED."""
    rng = np.random.default_rng(DATA_SEED)
    is_test = np.zeros(len(labels), dtype=bool)
    for c in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == c))
        is_test[members[: round(TEST_FRACTION * len(members))]] = True
    return is_test


def save_inrs(path: Path, params, errors, images, labels, is_test, setting: Setting, spec=None) -> None:
    """The fitted INRs in the documented format (docs/dws_digits.md); plain arrays only. With the
    published recipe, ``spec_json`` records its INRSpec (``plrep.nn.load_inr_dataset`` reads it)."""
    arrays = {}
    for m, (w, b) in enumerate(params, start=1):
        arrays[f"W{m}"], arrays[f"b{m}"] = w.astype(np.float32), b.astype(np.float32)
    np.savez_compressed(
        path,
        **arrays,
        widths=np.array(setting.widths, dtype=np.int64),
        fit_mse=errors.astype(np.float32),
        labels=labels,
        images=images,
        is_test=is_test,
        coords=image_grid(*images.shape[1:]),
        omega0=np.float64(setting.omega0),
        inr_steps=np.int64(setting.inr_steps),
        inr_learning_rate=np.float64(setting.inr_learning_rate),
        **(
            {}
            if spec is None
            else {"spec_json": np.array(json.dumps({"dataset": "digits", "seed": 0, "spec": spec}))}
        ),
    )


# -------------------------------------------------------------------- weight-space transforms


def take(params, index):
    """The INRs at ``index`` of batched params [(W (N, ...), b (N, ...))]."""
    return [(w[index], b[index]) for w, b in params]


def permute_each(params, rng: np.random.Generator):
    """Every INR gets its own random hidden-neuron permutation (``permute_neurons``, one by one)."""
    hidden = [w.shape[1] for w, _ in params[:-1]]
    out = []
    for i in range(params[0][0].shape[0]):
        perms = [rng.permutation(d) for d in hidden]
        out.append(permute_neurons(take(params, i), perms))
    return stack(out)


def canonicalise_each(params):
    """Every INR in ``canonical_form(key="bias")``: a fixed representative of its orbit under G."""
    return stack([canonical_form(take(params, i))[0] for i in range(params[0][0].shape[0])])


def stack(inrs):
    """A list of unbatched INRs -> batched float32 params [(W (N, ...), b (N, ...))]."""
    return [
        (
            np.stack([p[m][0] for p in inrs]).astype(np.float32),
            np.stack([p[m][1] for p in inrs]).astype(np.float32),
        )
        for m in range(len(inrs[0]))
    ]


def apply_perms(weights, perms):
    """JAX version of ``permute_neurons`` for one unbatched INR: W_h -> W_h[p_h][:, p_{h-1}],
    b_h -> b_h[p_h]; ``perms`` holds one index array per hidden layer (input and output fixed)."""
    full = [None, *perms, None]
    out = []
    for m, (w, b) in enumerate(weights, start=1):
        if full[m] is not None:
            w, b = w[full[m]], b[full[m]]
        if full[m - 1] is not None:
            w = w[:, full[m - 1]]
        out.append((w, b))
    return out


def random_permute_batch(key, weights):
    """Each INR of a batch [(W (B, ...), b (B, ...))] under its own uniformly random element of G."""
    hidden = [w.shape[1] for w, _ in weights[:-1]]

    def one(k, inr):
        keys = jax.random.split(k, len(hidden))
        return apply_perms(inr, [jax.random.permutation(kk, d) for kk, d in zip(keys, hidden, strict=True)])

    return jax.vmap(one)(jax.random.split(key, weights[0][0].shape[0]), weights)


def normaliser(params, train: np.ndarray):
    """Per-object scalar standardisation (W_m, b_m each by its own mean and std over the training
    INRs): a G-equivariant rescaling, so it keeps every model's symmetry (or lack of it)."""
    stats = [tuple((mean, std + 1e-8) for mean, std in pair) for pair in layer_statistics(params, train)]

    def apply(batch):
        return [
            tuple(jnp.asarray((v - mu) / sd, jnp.float32) for v, (mu, sd) in zip(pair, s, strict=True))
            for pair, s in zip(batch, stats, strict=True)
        ]

    return apply


def statistics(params) -> np.ndarray:
    """Mean, std and quantiles of every weight and bias object of each INR (Unterthiner et al.
    2020): (N, 7 x objects); invariant to neuron permutations."""
    feats = []
    for pair in params:
        for v in pair:
            flat = np.asarray(v).reshape(v.shape[0], -1)
            feats += [flat.mean(1), flat.std(1), *np.quantile(flat, QUANTILES, axis=1)]
    return np.stack(feats, axis=1).astype(np.float32)


def _render_one(inr, coords):
    h = coords
    for m, (w, b) in enumerate(inr):
        h = h @ w.T + b
        h = jnp.sin(h) if m < len(inr) - 1 else h
    return h[:, 0]


_render_batch = jax.jit(jax.vmap(_render_one, in_axes=(0, None)))


def render(params, coords: np.ndarray) -> np.ndarray:
    """Every INR evaluated at ``coords`` (P, 2): (N, P); sin after every layer but the last."""
    weights = [(jnp.asarray(w), jnp.asarray(b)) for w, b in params]
    return np.asarray(_render_batch(weights, jnp.asarray(coords)))


# ---------------------------------------------------------------------------------- the models


def flatten(weights) -> jax.Array:
    """[(W (B, ...), b (B, ...))] -> (B, N) in the ``plrep.weightspace`` layout (W1, b1, W2, ...)."""
    return jnp.concatenate([v.reshape(v.shape[0], -1) for pair in weights for v in pair], axis=1)


@functools.partial(jax.jit, static_argnames=("size", "hidden"))
def mlp_init(key, size: int, hidden: int = 256):
    keys = jax.random.split(key, 3)
    dims = [size, hidden, hidden, NUM_CLASSES]
    return [
        (jax.random.normal(k, (a, c)) / np.sqrt(a), jnp.zeros(c))
        for k, a, c in zip(keys, dims[:-1], dims[1:], strict=True)
    ]


def mlp_apply(params, x: jax.Array) -> jax.Array:
    """Logits (B, 10) from features (B, F)."""
    for i, (w, b) in enumerate(params):
        x = x @ w + b
        x = jax.nn.relu(x) if i < len(params) - 1 else x
    return x


def flat_mlp_apply(params, weights) -> jax.Array:
    """Logits (B, 10) of the MLP on flattened weights [(W (B, ...), b (B, ...))]."""
    return mlp_apply(params, flatten(weights))


@functools.cache
def _trainer(apply, augment, steps: int):
    """(optimizer, jitted step) per model type and step count: compiled once, reused by every seed."""
    optimizer = optax.adam(optax.cosine_decay_schedule(1e-3, steps))

    @jax.jit
    def step(params, state, inputs, targets, idx, key):
        x = jax.tree_util.tree_map(lambda v: v[idx], inputs)
        x = augment(key, x) if augment is not None else x

        def loss(p):
            return optax.softmax_cross_entropy_with_integer_labels(apply(p, x), targets[idx]).mean()

        grads = jax.grad(loss)(params)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state

    return optimizer, step


@functools.cache
def _predictor(apply):
    return jax.jit(apply)


def train(apply, params, inputs, labels: np.ndarray, *, steps: int, batch: int, seed: int, augment=None):
    """Adam (cosine decay from 1e-3) on the cross-entropy; ``augment(key, batch_inputs)`` per step.

    ``inputs`` is a pytree of arrays with the training examples on axis 0; ``labels`` (n,).
    """
    optimizer, step = _trainer(apply, augment, steps)
    targets = jnp.asarray(labels)
    state = optimizer.init(params)
    rng, key = np.random.default_rng(seed), jax.random.key(seed)
    for i in range(steps):
        idx = jnp.asarray(rng.integers(0, len(labels), batch))
        params, state = step(params, state, inputs, targets, idx, jax.random.fold_in(key, i))
    return params


def _dws_init(key, widths: tuple[int, ...], channels: tuple[int, ...], readout: str = "mean"):
    """``dws_init`` (eager: compiling it as one jitted function took minutes)."""
    return dws_init(key, widths, channels=channels, out_dim=NUM_CLASSES, head_width=128, readout=readout)


def build_models(setting: Setting, data: dict, seed: int) -> dict:
    """name -> (init params, apply(params, inputs) -> logits, inputs from a batch of raw INRs, augment).

    Every ``inputs`` function takes raw (unnormalised) INR weights, so that the permuted test
    set goes through exactly the pipeline of the unpermuted one.
    """
    norm, coords = data["normalise"], data["coords"]
    size = sum(w.shape[1] * w.shape[2] + b.shape[1] for w, b in data["params"])
    keys = jax.random.split(jax.random.key(seed), 6)

    def pixels(params):
        return jnp.asarray(render(params, coords))

    return {
        "DWS": (
            _dws_init(keys[0], setting.widths, setting.dws_channels, setting.dws_readout),
            dws_apply,
            norm,
            None,
        ),
        "MLP": (mlp_init(keys[1], size), flat_mlp_apply, norm, None),
        "MLP + perm. augmentation": (mlp_init(keys[2], size), flat_mlp_apply, norm, random_permute_batch),
        "MLP on canonical form": (
            mlp_init(keys[3], size),
            flat_mlp_apply,
            lambda p: norm(canonicalise_each(p)),
            None,
        ),
        "statistics": (mlp_init(keys[4], data["stats_size"]), mlp_apply, data["stats"], None),
        REFERENCE: (mlp_init(keys[5], int(coords.shape[0])), mlp_apply, pixels, None),
    }


# -------------------------------------------------------------------------------- experiment


def fit_images(name: str, setting: Setting, images: np.ndarray, seed: int, show: bool):
    """(params, fit MSE, Adam steps per INR or None, the INR spec as a dict or None, seconds)."""
    start = time.perf_counter()
    with tqdm(total=len(images), desc=f"{name}: fit INRs", file=sys.stderr, disable=not show) as bar:
        if setting.recipe == "published":
            spec = replace(
                INR_DEFAULT_SPECS["digits"],
                widths=setting.widths,
                omega0=setting.omega0,
                learning_rate=setting.inr_learning_rate,
                max_steps=setting.inr_steps,
                shared_init=setting.shared_init,
            )
            coords = image_grid(*images.shape[1:])
            targets = images.reshape(len(images), -1)
            params, errors, steps = fit_sirens(targets, coords, spec, seed=seed, progress=bar.update)
            return params, errors, steps, spec.to_dict(), time.perf_counter() - start
        params, errors = fit_image_inrs(
            images,
            widths=setting.widths,
            steps=setting.inr_steps,
            learning_rate=setting.inr_learning_rate,
            omega0=setting.omega0,
            seed=seed,
            chunk_size=300,
            shared_init=setting.shared_init,
            progress=bar.update,
        )
    return params, errors, None, None, time.perf_counter() - start


def fit_setting(name: str, setting: Setting, seed: int, out_dir: Path | None, show: bool) -> dict:
    """Fit every image's INR (progress bar per image) and save them; returns the data dict."""
    images, labels = load_images(setting.num_images)
    params, errors, steps, spec, fit_s = fit_images(name, setting, images, seed, show)
    is_test = split(labels)
    if out_dir is not None:
        tag = "_shared_init" if setting.shared_init else ""
        save_inrs(
            out_dir / f"dws_digits_{name}{tag}.npz", params, errors, images, labels, is_test, setting, spec
        )
    return prepare(params, errors, labels, is_test, images, fit_s, steps, spec)


def prepare(params, errors, labels, is_test, images, fit_s, steps=None, spec=None) -> dict:
    """The data dict the models read: normalisers and statistics from the training INRs only."""
    train_idx = np.flatnonzero(~is_test)
    stats = statistics(params)
    mu, sd = stats[train_idx].mean(0), stats[train_idx].std(0) + 1e-8
    return {
        "params": params,
        "errors": errors,
        "steps": steps,
        "spec": spec,
        "labels": labels,
        "is_test": is_test,
        "images": images,
        "coords": image_grid(*images.shape[1:]),
        "normalise": normaliser(params, train_idx),
        "stats": lambda p: jnp.asarray((statistics(p) - mu) / sd),
        "stats_size": int(stats.shape[1]),
        "fit_s": fit_s,
        "train_inputs": {},
    }


def accuracy(logits: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(np.argmax(logits, axis=1) == labels))


def run_seed(setting: Setting, data: dict, seed: int, bar, models=MODELS, train_idx=None) -> dict:
    """Train ``models`` for one seed on ``train_idx`` (default: every training INR); accuracies as
    fitted and on permuted test INRs."""
    test_idx = np.flatnonzero(data["is_test"])
    train_idx = np.flatnonzero(~data["is_test"]) if train_idx is None else train_idx
    test = take(data["params"], test_idx)
    permuted = permute_each(test, np.random.default_rng(seed + 1000))  # fresh elements of G per seed
    y_train, y_test = data["labels"][train_idx], data["labels"][test_idx]
    out = {}
    for name, (init, apply, inputs, augment) in build_models(setting, data, seed).items():
        if name not in models:
            continue
        start = time.perf_counter()
        if name not in data["train_inputs"]:  # canonical forms and renderings: once per setting
            data["train_inputs"][name] = inputs(take(data["params"], np.flatnonzero(~data["is_test"])))
        position = np.searchsorted(np.flatnonzero(~data["is_test"]), train_idx)
        trained = train(
            apply,
            init,
            jax.tree_util.tree_map(lambda v, position=position: v[position], data["train_inputs"][name]),
            y_train,
            steps=setting.train_steps,
            batch=setting.batch,
            seed=seed,
            augment=augment,
        )
        predict = _predictor(apply)
        logits = np.asarray(predict(trained, inputs(test)))
        logits_perm = np.asarray(predict(trained, inputs(permuted)))
        train_inputs = jax.tree_util.tree_map(
            lambda v, position=position: v[position], data["train_inputs"][name]
        )
        out[name] = {
            "train_accuracy": accuracy(np.asarray(predict(trained, train_inputs)), y_train),
            "accuracy": accuracy(logits, y_test),
            "accuracy_permuted": accuracy(logits_perm, y_test),
            "max_logit_change": float(np.max(np.abs(logits_perm - logits))),
            "max_abs_logit": float(np.max(np.abs(logits))),
            "train_s": time.perf_counter() - start,
        }
        bar.update(1)
    return out


def summarise(per_seed: list[dict]) -> dict:
    """mean and std (population, over seeds) of each model's accuracies, plus the raw values."""
    summary = {}
    for name in per_seed[0]:
        row = {}
        for key in ("train_accuracy", "accuracy", "accuracy_permuted"):
            values = [s[name][key] for s in per_seed]
            row[key] = {"mean": float(np.mean(values)), "std": float(np.std(values)), "per_seed": values}
        row["max_logit_change"] = max(s[name]["max_logit_change"] for s in per_seed)
        row["max_abs_logit"] = max(s[name]["max_abs_logit"] for s in per_seed)
        row["train_s_mean"] = float(np.mean([s[name]["train_s"] for s in per_seed]))
        summary[name] = row
    return summary


def run(
    *,
    settings=("published",),
    seeds: int = 3,
    is_quick: bool = False,
    omega0=None,
    shared_init=False,
    controls=True,
    num_images=None,
    train_steps=None,
    out_dir=None,
    show=False,
) -> dict:
    start = time.perf_counter()
    out_dir = None if out_dir is None else Path(out_dir)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    results = {
        "quick": is_quick,
        "seeds": list(range(seeds)),
        "chance": 1 / NUM_CLASSES,
        "models": list(MODELS),
        "reference_model": REFERENCE,
        "settings": {},
    }
    for name in settings:
        setting = quick(SETTINGS[name]) if is_quick else SETTINGS[name]
        setting = setting if omega0 is None else replace(setting, omega0=omega0)
        setting = replace(setting, shared_init=shared_init)
        setting = setting if num_images is None else replace(setting, num_images=num_images)
        setting = setting if train_steps is None else replace(setting, train_steps=train_steps)
        data = fit_setting(name, setting, seed=0, out_dir=out_dir, show=show)
        errors = data["errors"]
        row = {
            "setting": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(setting).items()},
            "num_images": len(data["labels"]),
            "num_train": int(np.sum(~data["is_test"])),
            "num_test": int(np.sum(data["is_test"])),
            "weight_space_dim": int(sum(w[0].size + b[0].size for w, b in data["params"])),
            "fit_mse": {
                "median": float(np.median(errors)),
                "max": float(np.max(errors)),
                "mean": float(np.mean(errors)),
            },
            "fit_s": data["fit_s"],
            "npz": f"dws_digits_{name}.npz",
        }
        t0 = time.perf_counter()
        total = seeds * len(MODELS)
        with tqdm(total=total, desc=f"{name}: train models", file=sys.stderr, disable=not show) as bar:
            per_seed = [run_seed(setting, data, seed, bar) for seed in range(seeds)]
        row["train_s"] = time.perf_counter() - t0
        row["models"] = summarise(per_seed)
        if data["spec"] is not None:
            row["inr_spec"] = data["spec"]
            row["inr_steps_used"] = {
                "median": float(np.median(data["steps"])),
                "fraction_reached_psnr_stop": float(np.mean(data["steps"] < setting.inr_steps)),
            }
        if controls and not shared_init:
            row["shared_init"] = shared_init_control(name, setting, seeds, out_dir, show)
            row["data_regime"] = data_regime(name, setting, data, per_seed[0], show)
        results["settings"][name] = row
    results["total_s"] = time.perf_counter() - start
    if out_dir is not None:
        (out_dir / "dws_digits.json").write_text(json.dumps(results, indent=1))
        plot(results, out_dir / "dws_digits.png")
    return results


def shared_init_control(name: str, setting: Setting, seeds: int, out_dir, show: bool) -> dict:
    """The same images, every INR fitted from one shared initialisation; CONTROL_MODELS retrained."""
    shared = replace(setting, shared_init=True)
    data = fit_setting(name, shared, seed=0, out_dir=out_dir, show=show)
    with tqdm(total=seeds * len(CONTROL_MODELS), desc=f"{name}: shared init", disable=not show) as bar:
        per_seed = [run_seed(shared, data, s, bar, models=CONTROL_MODELS) for s in range(seeds)]
    return {"fit_mse_median": float(np.median(data["errors"])), "models": summarise(per_seed)}


def data_regime(name: str, setting: Setting, data: dict, full: dict, show: bool) -> dict:
    """Test accuracy (seed 0) of CONTROL_MODELS against the number of training INRs (random
    subsets) and against INRs per training image (each training image refitted from a second
    initialisation, seed 1, as augmentation; the test INRs are unchanged)."""
    train_idx = np.flatnonzero(~data["is_test"])
    rng = np.random.default_rng(DATA_SEED + 1)
    by_size = {}
    for fraction in TRAIN_FRACTIONS:
        subset = np.sort(rng.choice(train_idx, round(fraction * len(train_idx)), replace=False))
        with tqdm(
            total=len(CONTROL_MODELS), desc=f"{name}: {fraction:.0%} of the data", disable=not show
        ) as bar:
            out = run_seed(setting, data, 0, bar, models=CONTROL_MODELS, train_idx=subset)
        by_size[str(len(subset))] = {m: out[m]["accuracy"] for m in CONTROL_MODELS}
    by_size[str(len(train_idx))] = {m: full[m]["accuracy"] for m in CONTROL_MODELS}
    images = data["images"][train_idx]
    params, errors, _, _, _ = fit_images(f"{name} (view 2)", setting, images, seed=1, show=show)
    both = [
        (np.concatenate([w, w2]), np.concatenate([b, b2]))
        for (w, b), (w2, b2) in zip(data["params"], params, strict=True)
    ]
    labels = np.concatenate([data["labels"], data["labels"][train_idx]])
    is_test = np.concatenate([data["is_test"], np.zeros(len(train_idx), bool)])
    all_images = np.concatenate([data["images"], images])
    doubled = prepare(both, np.concatenate([data["errors"], errors]), labels, is_test, all_images, 0.0)
    with tqdm(total=len(CONTROL_MODELS), desc=f"{name}: 2 INRs per image", disable=not show) as bar:
        out = run_seed(setting, doubled, 0, bar, models=CONTROL_MODELS)
    by_views = {"1": by_size[str(len(train_idx))], "2": {m: out[m]["accuracy"] for m in CONTROL_MODELS}}
    return {"seed": 0, "test_accuracy_by_train_inrs": by_size, "test_accuracy_by_inrs_per_image": by_views}


# ------------------------------------------------------------------------------------- figure


TICK_LABELS = {
    "DWS": "DWS",
    "MLP": "MLP",
    "MLP + perm. augmentation": "MLP\n+ perm. aug.",
    "MLP on canonical form": "MLP on\ncanonical form",
    "statistics": "statistics\n(mean, std,\nquantiles)",
    REFERENCE: "MLP on\nrendered INR\n(reference)",
}


def plot(results: dict, path: Path) -> Path:
    """Grouped bars with error bars: for each setting, every model's test accuracy as fitted and
    with permuted hidden neurons (mean ± std over seeds, the mean written above); chance dashed.
    The reference (it reads the INR's function, not its weights) is hatched."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    settings = results["settings"]
    fig, axes = plt.subplots(1, len(settings), figsize=(6.4 * len(settings), 5.0), sharey=True, squeeze=False)
    colours = {"accuracy": "#3b6ea8", "accuracy_permuted": "#e08a3c"}
    labels = {"accuracy": "test INRs as fitted", "accuracy_permuted": "test INRs, hidden neurons permuted"}
    for ax, (name, row) in zip(axes[0], settings.items(), strict=True):
        models = list(row["models"])
        x = np.arange(len(models))
        for k, key in enumerate(("accuracy", "accuracy_permuted")):
            means = np.array([100 * row["models"][m][key]["mean"] for m in models])
            stds = np.array([100 * row["models"][m][key]["std"] for m in models])
            bars = ax.bar(
                x + (k - 0.5) * 0.38, means, 0.38, yerr=stds, capsize=3, color=colours[key], label=labels[key]
            )
            bars[models.index(REFERENCE)].set_hatch("//")
            for bar, mean, std in zip(bars, means, stds, strict=True):
                ax.text(
                    bar.get_x() + bar.get_width() / 2, mean + std + 1, f"{mean:.0f}", ha="center", fontsize=7
                )
        ax.axhline(100 * results["chance"], color="k", ls="--", lw=1, label="chance (10 %)")
        widths = "-".join(str(w) for w in row["setting"]["widths"])
        ax.set_title(
            f"{name}: SIREN {widths} (N = {row['weight_space_dim']}), {row['num_train']} train / "
            f"{row['num_test']} test",
            fontsize=10,
        )
        ax.set_xticks(x, [TICK_LABELS.get(m, m) for m in models], fontsize=8)
        ax.set_ylim(0, 108)
        ax.grid(axis="y", alpha=0.3)
    axes[0][0].set_ylabel("test accuracy (%), mean ± std over seeds")
    handles, names = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=3, fontsize=9, frameon=False)
    seeds = len(results["seeds"])
    init = "one shared initialisation (control)" if row["setting"]["shared_init"] else "independent inits"
    fig.suptitle(f"Classifying 8×8 digits from the weights of INRs fitted from {init} ({seeds} seeds)")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    path = Path(path)
    fig.savefig(path, dpi=150)
    plt.close(fig)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).parent / "out"), help="output folder")
    parser.add_argument("--seeds", type=int, default=3, help="model seeds 0..SEEDS-1 (default 3)")
    parser.add_argument(
        "--setting",
        choices=[*SETTINGS, "all"],
        default="published",
        help="which INR setting (default published)",
    )
    parser.add_argument("--quick", action="store_true", help="toy size (300 images, few steps)")
    parser.add_argument("--omega0", type=float, default=None, help="SIREN frequency (default 10)")
    parser.add_argument(
        "--shared-init", action="store_true", help="control: fit every INR from one shared initialisation"
    )
    parser.add_argument(
        "--num-images", type=int, default=None, help="use the first N digits (default all 1,797)"
    )
    parser.add_argument(
        "--train-steps", type=int, default=None, help="classifier training steps (default per setting)"
    )
    parser.add_argument(
        "--no-controls", action="store_true", help="skip the shared-init rows and the data-regime curve"
    )
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error(f"--seeds must be at least 1, got {args.seeds} instead")
    for flag, value in (("--num-images", args.num_images), ("--train-steps", args.train_steps)):
        if value is not None and value < 20:
            parser.error(f"{flag} must be at least 20, got {value} instead")
    if args.omega0 is not None and not args.omega0 > 0:
        parser.error(f"--omega0 must be positive, got {args.omega0} instead")
    settings = tuple(SETTINGS) if args.setting == "all" else (args.setting,)
    print(f"settings: {settings}", file=sys.stderr, flush=True)
    results = run(
        settings=settings,
        seeds=args.seeds,
        is_quick=args.quick,
        omega0=args.omega0,
        shared_init=args.shared_init,
        controls=not args.no_controls,
        num_images=args.num_images,
        train_steps=args.train_steps,
        out_dir=args.out,
        show=sys.stderr.isatty(),
    )
    for name, row in results["settings"].items():
        print(f"{name}: INR {row['setting']['widths']}, fit MSE median {row['fit_mse']['median']:.2e}")
        for model, r in row["models"].items():
            a, p, t = r["accuracy"], r["accuracy_permuted"], r["train_accuracy"]
            print(
                f"  {model:26s} {100 * a['mean']:5.1f} ± {100 * a['std']:4.1f} %   permuted "
                f"{100 * p['mean']:5.1f} ± {100 * p['std']:4.1f} %   (train {100 * t['mean']:5.1f} %)"
            )
    print(f"total {results['total_s']:.0f} s; wrote {args.out}/dws_digits.json and dws_digits.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
