"""The DWSNets sine-wave experiment, data-free: regress (a, b) from the weights of INRs of a·sin(b·x).

Navon et al. (ICML 2023, §7.1) fit INRs to a·sin(b·x) on [-π, π] and regress the parameters
from the weights. Here:

1. ``plrep.nn.make_inr_dataset("sines", ...)``: a, b ~ U(0, 10); one SIREN per function (widths,
   ω₀, stopping rule in ``plrep.nn.INR_DEFAULT_SPECS["sines"]``), **each from its own random
   initialisation**, fitted with ``jax.vmap``; the spec is written next to the data.
2. Regress the standardised (a, b) with the mean squared error from: DWS (``plrep.nn``, invariant
   to neuron permutations), DWS on sign-canonical weights (``plrep.weightspace.
   sign_canonical_form``: invariant to signs x permutations, the full symmetry of a SIREN), an MLP
   on the flattened weights, the MLP with random neuron permutations of every batch, the MLP on
   ``canonical_form`` (neurons sorted by bias) and on ``sine_canonical_form`` (signs fixed, then
   sorted), the statistics baseline (mean, std and quantiles of every weight and bias object,
   Unterthiner et al. 2020) and, as a ceiling, an MLP on the INR rendered on its grid.
3. Self-supervised: a DWS encoder and an MLP encoder trained contrastively (NT-Xent; views by
   Gaussian noise and random masking of the weights), then a linear probe (ridge) of (a, b).

Every model is trained for several seeds (model init, batches, augmentations); the INRs are
fitted once. Writes ``dws_sines.json`` (per model ``test_mse`` and ``test_r2`` mean and std over
seeds), ``dws_sines.png`` and the data set ``dws_sines_inrs.npz`` (+ ``.json`` spec) to ``--out``.

    python analysis/dws_sines.py            # 3 seeds (docs/dws.md gives the time)
    python analysis/dws_sines.py --quick    # toy size for the test suite
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax
from _weightspace_models import (
    compile_for_toy_sizes,
    dws_model,
    each,
    flat_mlp_apply,
    flatten,
    mlp_apply,
    mlp_init,
    normaliser,
    predictor,
    random_permute_batch,
    render,
    standardiser,
    statistics,
    take,
)
from _weightspace_models import train as shared_train
from tqdm import tqdm

from plrep.nn import INR_DEFAULT_SPECS, dws_apply, load_inr_dataset, make_inr_dataset, save_inr_dataset
from plrep.weightspace import canonical_form, permute_neurons, sign_canonical_form, sine_canonical_form

TEST_FRACTION = 0.2
DATA_SEED = 0
TARGETS = ("a", "b")
# The published setting next to ours, recorded in the JSON: the DWSNets code's sine INRs
# (github.com/AvivNavon/DWSNets, experiments/ssl/inr_trainer.py and data/sine_data.py).
PUBLISHED = {
    "source": "Navon et al., ICML 2023 (DWSNets), experiments/ssl: sine-wave INRs",
    "target": "a sin(b x), a, b ~ U(0, 10)",
    "grid": "2000 points, x = arange(-pi, pi, pi / 1000)",
    "inr_widths": [1, 32, 32, 1],
    "fit": "Adam lr 1e-3, weight decay 1e-4, full batch, up to 1500 epochs, stop at MSE <= 1e-4",
    "plrep_deviations": (
        "widths 1-32-1 (one hidden layer), 64 grid points, SIREN omega0 30 on t = x / pi, "
        "Adam lr 2e-3 for at most 500 steps, stop at 40 dB PSNR; chosen so that thousands of "
        "INRs fit in minutes on 2 shared CPU cores"
    ),
}


@dataclass(frozen=True)
class Config:
    num_inrs: int = 3000
    widths: tuple[int, ...] = (1, 32, 1)
    inr_steps: int = 500
    inr_learning_rate: float = 2e-3
    train_steps: int = 3000
    batch: int = 128
    learning_rate: float = 2e-3
    dws_channels: tuple[int, ...] = (16, 16, 16)
    ssl_steps: int = 400
    ssl_noise: float = 0.1
    ssl_mask: float = 0.2


QUICK = Config(
    num_inrs=160,
    widths=(1, 4, 1),
    inr_steps=20,
    train_steps=40,
    batch=32,
    dws_channels=(4,),
    ssl_steps=10,
)

MODELS = (
    "DWS",
    "DWS on sign-canonical weights",
    "MLP",
    "MLP + perm. augmentation",
    "MLP on canonical form",
    "MLP on sign+perm canonical form",
    "statistics",
    "MLP on rendered INR",
)
CEILING = "MLP on rendered INR"  # reads the function, not the weights
EXTRA = ("DWS on sign-canonical weights",)  # with the SSL encoders: the "extra" group of a part
SIGNED = ("DWS on sign-canonical weights", "MLP on sign+perm canonical form")
GROUPS = {  # parts of one seed that can run as parallel processes (--group)
    "main": tuple(m for m in MODELS if m not in EXTRA),
    "dws": ("DWS",),
    "mlps": tuple(m for m in MODELS if m not in EXTRA and m != "DWS"),
    "extra": EXTRA,
}
SSL_MODELS = ("SSL DWS + linear probe", "SSL MLP + linear probe")
NOT_INVARIANT = ("MLP", "MLP + perm. augmentation")  # weight-space baselines without the symmetry
SYMMETRY = {
    "DWS": "permutations",
    "DWS on sign-canonical weights": "signs x permutations",
    "MLP": "none",
    "MLP + perm. augmentation": "none (learned approximately)",
    "MLP on canonical form": "permutations (distinct biases)",
    "MLP on sign+perm canonical form": "signs x permutations (distinct biases)",
    "statistics": "permutations",
    "MLP on rendered INR": "all (reads the function)",
}


# ------------------------------------------------------------------------------------- models


def train(apply, params, inputs, targets, config: Config, seed: int, augment=None):
    """The mean squared error, Adam from ``config.learning_rate`` for ``config.train_steps``."""
    return shared_train(
        apply,
        params,
        inputs,
        targets,
        loss="mse",
        steps=config.train_steps,
        batch=config.batch,
        learning_rate=config.learning_rate,
        seed=seed,
        augment=augment,
    )


def r2_scores(pred: np.ndarray, true: np.ndarray) -> np.ndarray:
    """Per-target R² = 1 - SSE / SST on the given set."""
    return 1 - ((pred - true) ** 2).sum(0) / ((true - true.mean(0)) ** 2).sum(0)


# -------------------------------------------------------------------------- self-supervision


def _views(key, weights, config: Config):
    """A view: Gaussian noise (std ``ssl_noise`` in normalised units) plus masking (each entry
    zeroed with probability ``ssl_mask``); both are equivariant, so DWS views stay invariant."""
    leaves, tree = jax.tree_util.tree_flatten(weights)
    keys = jax.random.split(key, 2 * len(leaves))
    out = []
    for i, v in enumerate(leaves):
        noisy = v + config.ssl_noise * jax.random.normal(keys[2 * i], v.shape)
        keep = jax.random.bernoulli(keys[2 * i + 1], 1 - config.ssl_mask, v.shape)
        out.append(jnp.where(keep, noisy, 0.0))
    return jax.tree_util.tree_unflatten(tree, out)


def _nt_xent(z1, z2, temperature=0.1):
    z = jnp.concatenate([z1, z2]) / (jnp.linalg.norm(jnp.concatenate([z1, z2]), axis=1, keepdims=True) + 1e-8)
    sim = z @ z.T / temperature
    n = z1.shape[0]
    sim = sim - 1e9 * jnp.eye(2 * n)
    partner = jnp.concatenate([jnp.arange(n, 2 * n), jnp.arange(n)])
    return optax.softmax_cross_entropy_with_integer_labels(sim, partner).mean()


def ssl_embed(encoder: str, inputs, n_train: int, config: Config, seed: int, widths):
    """Train an encoder contrastively on the training INRs; embeddings (N, E) of all INRs."""
    key = jax.random.key(seed + 100)
    if encoder == "DWS":
        params = dws_model(key, widths, config.dws_channels, 32)
        apply = dws_apply
    else:
        params = mlp_init(key, int(flatten(take(inputs, slice(0, 1))).shape[1]), out=32)
        apply = flat_mlp_apply
    optimizer = optax.adam(optax.cosine_decay_schedule(config.learning_rate, config.ssl_steps))

    @jax.jit
    def step(params, state, idx, key):
        batch = jax.tree_util.tree_map(lambda v: v[idx], inputs)
        k1, k2 = jax.random.split(key)

        def loss(p):
            return _nt_xent(apply(p, _views(k1, batch, config)), apply(p, _views(k2, batch, config)))

        grads = jax.grad(loss)(params)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state

    state = optimizer.init(params)
    rng = np.random.default_rng(seed)
    for i in range(config.ssl_steps):
        idx = jnp.asarray(rng.choice(n_train, config.batch, replace=False))
        params, state = step(params, state, idx, jax.random.fold_in(key, i))
    return np.asarray(predictor(apply)(params, inputs))


def linear_probe(train_x, train_y, test_x, alpha: float = 1e-3):
    """Ridge regression (closed form) on standardised embeddings."""
    mu, sd = train_x.mean(0), train_x.std(0) + 1e-8
    a = np.hstack([(train_x - mu) / sd, np.ones((len(train_x), 1))])
    coef = np.linalg.solve(a.T @ a + alpha * len(a) * np.eye(a.shape[1]), a.T @ train_y)
    return np.hstack([(test_x - mu) / sd, np.ones((len(test_x), 1))]) @ coef


# --------------------------------------------------------------------------------- experiment


def make_data(config: Config, out_dir: Path | None, show: bool, force: bool, inrs=None) -> dict:
    if inrs is not None:  # a data set fitted before (save_inr_dataset): its spec must be this config's
        return _loaded(config, inrs)
    spec = replace(
        INR_DEFAULT_SPECS["sines"],
        widths=config.widths,
        max_steps=config.inr_steps,
        learning_rate=config.inr_learning_rate,
    )
    start = time.perf_counter()
    with tqdm(total=config.num_inrs, desc="fit sine INRs", file=sys.stderr, disable=not show) as bar:
        data = make_inr_dataset("sines", config.num_inrs, spec=spec, seed=DATA_SEED, progress=bar.update)
    fit_s = time.perf_counter() - start
    if out_dir is not None:
        save_inr_dataset(data, out_dir / "dws_sines_inrs.npz", force=force)
    return _split(data, config, fit_s)


def _loaded(config: Config, path) -> dict:
    data = load_inr_dataset(path)
    spec = replace(
        INR_DEFAULT_SPECS["sines"],
        widths=config.widths,
        max_steps=config.inr_steps,
        learning_rate=config.inr_learning_rate,
    )
    if data["dataset"] != "sines" or data["spec"] != spec.to_dict() or data["seed"] != DATA_SEED:
        raise SystemExit(f"--inrs must hold sine INRs made with {spec.to_dict()} and seed {DATA_SEED}")
    return _split(data, config, fit_s=None)


def _split(data, config: Config, fit_s) -> dict:
    params = [(data[f"W{m}"], data[f"b{m}"]) for m in range(1, len(config.widths))]
    n = len(data["a"])
    rng = np.random.default_rng(DATA_SEED)
    is_test = np.zeros(n, bool)
    is_test[rng.permutation(n)[: round(TEST_FRACTION * n)]] = True
    targets = np.stack([data["a"], data["b"]], axis=1).astype(np.float64)
    return {"data": data, "params": params, "is_test": is_test, "targets": targets, "fit_s": fit_s}


def model_inputs(params, train_idx, coords, names=MODELS):
    """name -> the inputs of every INR for that model (only ``names`` are computed)."""
    norm = normaliser(params, train_idx)
    sign = each(lambda p: sign_canonical_form(p)[0], params) if set(names) & set(SIGNED) else None
    norm_sign = normaliser(sign, train_idx) if sign is not None else None

    def stats():
        values = statistics(params)
        return standardiser(values[train_idx])(values)

    def rendered():
        values = render(params, coords)
        return jnp.asarray((values - values[train_idx].mean()) / values[train_idx].std())

    makers = {
        "DWS": lambda: norm(params),
        "DWS on sign-canonical weights": lambda: norm_sign(sign),
        "MLP": lambda: norm(params),
        "MLP + perm. augmentation": lambda: norm(params),
        "MLP on canonical form": lambda: norm(each(lambda p: canonical_form(p)[0], params)),
        "MLP on sign+perm canonical form": lambda: norm_sign(
            each(lambda p: sine_canonical_form(p)[0], params)
        ),
        "statistics": stats,
        CEILING: rendered,
    }
    return {name: makers[name]() for name in names}


def build(name: str, inputs, key, config: Config):
    if name.startswith("DWS"):
        return dws_model(key, config.widths, config.dws_channels, 2), dws_apply, None
    if name in ("statistics", CEILING):
        return mlp_init(key, int(inputs.shape[1]), out=2), mlp_apply, None
    size = int(flatten(take(inputs, slice(0, 1))).shape[1])
    augment = random_permute_batch if name == "MLP + perm. augmentation" else None
    return mlp_init(key, size, out=2), flat_mlp_apply, augment


def run(
    config: Config,
    *,
    seeds: int = 3,
    is_quick=False,
    out_dir=None,
    show=False,
    force=False,
    inrs=None,
    only_seed=None,
    group=None,
    merge=False,
) -> dict:
    """Fit (or load) the INRs and train every model for seeds 0..seeds-1.

    ``only_seed``: train that seed only and write ``dws_sines_part<seed>.json`` (and, for seed 0,
    the figure's inputs ``dws_sines_part0.npz``), so that seeds run as parallel processes;
    ``group`` ("main": DWS, the MLPs, statistics and the ceiling; "extra": DWS on sign-canonical
    weights and the self-supervised encoders) splits a seed further (parts ``<seed><group>``);
    ``merge``: combine the parts of seeds 0..seeds-1 into ``dws_sines.json`` and the figure.
    """
    start = time.perf_counter()
    out_dir = None if out_dir is None else Path(out_dir)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    made = make_data(config, out_dir, show, force, inrs)
    config = replace(config, num_inrs=len(made["targets"]))
    if merge:
        return _merge(config, made, seeds, is_quick, out_dir, force)
    params, is_test, targets = made["params"], made["is_test"], made["targets"]
    train_idx, test_idx = np.flatnonzero(~is_test), np.flatnonzero(is_test)
    mu, sd = targets[train_idx].mean(0), targets[train_idx].std(0)
    y = ((targets - mu) / sd).astype(np.float32)
    names = MODELS if group is None else GROUPS[group]
    ssl = group in (None, "extra")
    names = tuple(dict.fromkeys([*names, *(("DWS", "MLP") if ssl else ())]))
    inputs = model_inputs(params, train_idx, made["data"]["coords"], names)
    pick = lambda x, idx: jax.tree_util.tree_map(lambda v: v[idx], x)  # noqa: E731
    per_seed: dict[str, list[dict]] = {name: [] for name in MODELS}
    predictions = {}
    permuted_test = permute_neurons(
        take(params, test_idx),
        [np.random.default_rng(7).permutation(d) for d in config.widths[1:-1]],
    )
    seed_list = range(seeds) if only_seed is None else [only_seed]
    bar = tqdm(
        total=len(seed_list) * (len(MODELS) + 2), desc="train models", file=sys.stderr, disable=not show
    )
    for seed in seed_list:
        keys = jax.random.split(jax.random.key(seed), len(MODELS))
        for key, name in zip(keys, MODELS, strict=True):
            if group is not None and name not in GROUPS[group]:
                continue
            t0 = time.perf_counter()
            init, apply, augment = build(name, inputs[name], key, config)
            trained = train(apply, init, pick(inputs[name], train_idx), y[train_idx], config, seed, augment)
            pred = np.asarray(predictor(apply)(trained, pick(inputs[name], test_idx))) * sd + mu
            r2 = r2_scores(pred, targets[test_idx])
            row = {
                "test_mse": float(np.mean((pred - targets[test_idx]) ** 2)),
                "test_r2": float(r2.mean()),
                "test_r2_a": float(r2[0]),
                "test_r2_b": float(r2[1]),
                "train_s": time.perf_counter() - t0,
            }
            if name == "DWS":  # the same test INRs with their hidden neurons permuted
                perm = normaliser(params, train_idx)(permuted_test)
                moved = np.asarray(predictor(apply)(trained, perm)) * sd + mu
                row["max_prediction_change_permuted"] = float(np.max(np.abs(moved - pred)))
            per_seed[name].append(row)
            if not show:  # a log line per model when there is no progress bar
                print(f"seed {seed} {name}: test R² {row['test_r2']:.3f}", file=sys.stderr, flush=True)
            if seed == 0:
                predictions[name] = pred
            bar.update(1)
        for encoder in ("DWS", "MLP") if ssl else ():
            emb = _ssl(encoder, inputs, train_idx, test_idx, config, seed)
            pred = linear_probe(emb[train_idx], targets[train_idx], emb[test_idx])
            r2 = r2_scores(pred, targets[test_idx])
            per_seed.setdefault(f"SSL {encoder} + linear probe", []).append(
                {
                    "test_mse": float(np.mean((pred - targets[test_idx]) ** 2)),
                    "test_r2": float(r2.mean()),
                    "test_r2_a": float(r2[0]),
                    "test_r2_b": float(r2[1]),
                }
            )
            if seed == 0:
                predictions[f"SSL {encoder} embedding"] = emb[test_idx]
            bar.update(1)
    bar.close()
    if only_seed is not None:
        tag = f"{only_seed}{group or ''}"
        per_seed = {name: rows for name, rows in per_seed.items() if rows}
        part = {"seed": only_seed, "per_seed": per_seed, "total_s": time.perf_counter() - start}
        _write_json(out_dir / f"dws_sines_part{tag}.json", part, force)
        if predictions:
            np.savez(out_dir / f"dws_sines_part{tag}.npz", **predictions)
        return part
    results = summarise(config, per_seed, made, seeds, is_quick)
    results["total_s"] = time.perf_counter() - start
    if out_dir is not None:
        _write_json(out_dir / "dws_sines.json", results, force)
        plot(results, predictions, targets[test_idx], out_dir / "dws_sines.png")
    return results


def _merge(config, made, seeds, is_quick, out_dir: Path, force: bool) -> dict:
    """dws_sines.json and the figure from the parts written with ``only_seed`` (seeds 0..seeds-1)."""
    per_seed: dict[str, list[dict]] = {}
    times = []
    predictions = {}
    for seed in range(seeds):
        for path in sorted(out_dir.glob(f"dws_sines_part{seed}*.json")):
            part = json.loads(path.read_text())
            for name, rows in part["per_seed"].items():
                per_seed.setdefault(name, []).extend(rows)
            times.append(part["total_s"])
            if seed == 0:
                with np.load(path.with_suffix(".npz"), allow_pickle=False) as stored:
                    predictions.update(stored)
    missing = [name for name in (*MODELS, *SSL_MODELS) if len(per_seed.get(name, [])) < seeds]
    per_seed = {name: per_seed[name] for name in (*MODELS, *SSL_MODELS) if name in per_seed}
    results = summarise(config, per_seed, made, seeds, is_quick)
    results["total_s"] = float(max(times))
    results["parallel_parts_s"] = times
    results["models_with_fewer_seeds"] = {name: len(per_seed.get(name, [])) for name in missing}
    _write_json(out_dir / "dws_sines.json", results, force)
    plot(results, predictions, made["targets"][made["is_test"]], out_dir / "dws_sines.png")
    return results


def _ssl(encoder, inputs, train_idx, test_idx, config, seed):
    """Contrastive encoder trained on the training INRs (ordered first), embeddings of every INR."""
    order = np.concatenate([train_idx, test_idx])
    ordered = jax.tree_util.tree_map(lambda v: v[order], inputs[encoder])
    emb = ssl_embed(encoder, ordered, len(train_idx), config, seed, config.widths)
    out = np.empty_like(emb)
    out[order] = emb
    return out


def summarise(config, per_seed, made, seeds, is_quick) -> dict:
    models = {}
    for name, rows in per_seed.items():
        entry = {"symmetry": SYMMETRY.get(name, "permutations" if "DWS" in name else "none")}
        for key in rows[0]:
            values = [r[key] for r in rows]
            entry[key] = {"mean": float(np.mean(values)), "std": float(np.std(values)), "per_seed": values}
        models[name] = entry
    dws = models["DWS"]["test_r2"]["mean"]
    best_non_invariant = max(models[m]["test_r2"]["mean"] for m in NOT_INVARIANT)
    data = made["data"]
    return {
        "quick": is_quick,
        "seeds": list(range(seeds)),
        "config": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(config).items()},
        "inr_spec": data["spec"],
        "published": PUBLISHED,
        "num_inrs": len(made["targets"]),
        "num_test": int(made["is_test"].sum()),
        "fit": {
            "mse_median": float(np.median(data["fit_mse"])),
            "mse_max": float(np.max(data["fit_mse"])),
            "steps_median": float(np.median(data["steps"])),
            "fraction_reached_psnr_stop": float(np.mean(data["steps"] < config.inr_steps)),
            "fit_s": made["fit_s"],
        },
        "models": models,
        "target": {
            "dws_test_r2_at_least": 0.9,
            "margin_over_non_invariant_at_least": 0.2,
            "non_invariant_models": list(NOT_INVARIANT),
            "dws_test_r2": dws,
            "best_non_invariant_test_r2": best_non_invariant,
            "met": bool(dws >= 0.9 and dws - best_non_invariant >= 0.2),
        },
    }


def _write_json(path: Path, results: dict, force: bool) -> None:
    from plrep.commands._common import write_output

    write_output(path, lambda tmp: tmp.write_text(json.dumps(results, indent=1) + "\n"), "--out", force=force)


# ------------------------------------------------------------------------------------- figure


def plot(results: dict, predictions: dict, true: np.ndarray, path: Path) -> Path:
    """Predicted vs true b (seed 0) for the regression models; the SSL DWS embedding (PCA to 2-D)
    coloured by a and by b."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = ["DWS", "DWS on sign-canonical weights", "MLP", "MLP + perm. augmentation", "statistics", CEILING]
    shown = [name for name in shown if name in predictions]  # a merge of incomplete parts
    fig, axes = plt.subplots(2, 4, figsize=(16, 8))
    for ax in axes.ravel()[len(shown) : 6]:
        ax.axis("off")
    for ax, name in zip(axes.ravel()[:6], shown, strict=False):
        ax.scatter(true[:, 1], predictions[name][:, 1], s=4, alpha=0.5)
        ax.plot([0, 10], [0, 10], "k--", lw=1)
        r2 = results["models"][name]["test_r2_b"]["mean"]
        ax.set_title(f"{name}\nR²(b) = {r2:.2f} (mean over seeds)", fontsize=9)
        ax.set_xlabel("true b")
        ax.set_ylabel("predicted b")
    emb = predictions.get("SSL DWS embedding", np.zeros((len(true), 2)))
    centred = emb - emb.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    xy = centred @ vt[:2].T
    for ax, k, label in zip(axes.ravel()[6:], (0, 1), TARGETS, strict=True):
        points = ax.scatter(xy[:, 0], xy[:, 1], c=true[:, k], s=4, cmap="viridis")
        fig.colorbar(points, ax=ax, label=label)
        ax.set_title(f"SSL DWS embedding (PCA), coloured by {label}", fontsize=9)
        ax.set_xlabel("PC 1")
        ax.set_ylabel("PC 2")
    widths = "-".join(map(str, results["config"]["widths"]))
    fig.suptitle(
        f"Regressing (a, b) of a·sin(b·x) from the weights of {results['num_inrs']} SIRENs {widths} "
        f"(independent inits), test set of {results['num_test']}"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).parent / "out"), help="output folder")
    parser.add_argument("--seeds", type=int, default=3, help="model seeds 0..SEEDS-1 (default 3)")
    parser.add_argument("--quick", action="store_true", help="toy size for the test suite")
    parser.add_argument("--force", action="store_true", help="overwrite existing outputs")
    parser.add_argument("--only-seed", type=int, default=None, help="train one seed, write a part")
    parser.add_argument(
        "--group",
        choices=["main", "dws", "mlps", "extra"],
        default=None,
        help="with --only-seed: a part of the models",
    )
    parser.add_argument("--merge", action="store_true", help="combine the parts of seeds 0..SEEDS-1")
    parser.add_argument("--num-inrs", type=int, default=None, help="INRs to fit (default 3000)")
    parser.add_argument(
        "--inrs", default=None, help="use a data set saved before (save_inr_dataset) instead of fitting"
    )
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error(f"--seeds must be at least 1, got {args.seeds} instead")
    config = QUICK if args.quick else Config()
    if args.quick:
        compile_for_toy_sizes()
    if args.num_inrs is not None:
        if args.num_inrs < 10:
            parser.error(f"--num-inrs must be at least 10, got {args.num_inrs} instead")
        config = replace(config, num_inrs=args.num_inrs)
    results = run(
        config,
        seeds=args.seeds,
        is_quick=args.quick,
        out_dir=args.out,
        show=sys.stderr.isatty(),
        force=args.force,
        inrs=args.inrs,
        only_seed=args.only_seed,
        group=args.group,
        merge=args.merge,
    )
    if args.only_seed is not None:
        print(f"wrote {args.out}/dws_sines_part{args.only_seed}{args.group or ''}.json")
        return 0
    for name, row in results["models"].items():
        r2, mse = row["test_r2"], row["test_mse"]
        print(
            f"{name:34s} R² {r2['mean']:6.3f} ± {r2['std']:.3f}   MSE {mse['mean']:8.3f} ± {mse['std']:.3f}"
        )
    target = results["target"]
    print(
        f"target met: {target['met']} (DWS {target['dws_test_r2']:.3f}, best non-invariant "
        f"{target['best_non_invariant_test_r2']:.3f}); total {results['total_s']:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
