"""DWS vs MLP on INR weights: predict (a, b) of f(x) = a sin(b x) from a fitted INR's weights.

1. Fit ``num_inrs`` sine INRs (widths (1, 16, 16, 1), shared initialisation) with one vmap.
2. Train (i) a DWS network (``plrep.nn``: equivariant layers + invariant read-out) and (ii) an
   MLP on the flattened weights to regress the standardised (a, b); same optimiser and steps.
3. Evaluate on the test INRs as fitted and with every test INR's hidden neurons randomly
   permuted (``plrep.weightspace``): the function of each INR is unchanged, so a model that
   respects the symmetry must give the same error. DWS does (up to float32 rounding); the MLP
   does not.

Writes analysis/out/dws_inr.json and analysis/out/dws_inr.png. About 2.5 minutes of CPU time
(146 s measured), longer on a busy machine: ``.venv/bin/python analysis/dws_inr_experiment.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax
from tqdm import tqdm

from plrep.nn import dws_apply, dws_init, fit_inrs
from plrep.weightspace import weight_space

WIDTHS = (1, 16, 16, 1)


def _normalise(params, train):
    """Per-object scalar standardisation from the training INRs (a G-invariant rescaling)."""
    out = []
    for w, b in params:
        out.append(tuple((v - v[train].mean()) / (v[train].std() + 1e-8) for v in (w, b)))
    return out


def _mlp_init(key, size, out_dim, hidden=256):
    keys = jax.random.split(key, 3)
    dims = [size, hidden, hidden, out_dim]
    return [
        (jax.random.normal(k, (a, c)) / np.sqrt(a), jnp.zeros(c))
        for k, a, c in zip(keys, dims[:-1], dims[1:], strict=True)
    ]


def _mlp_apply(params, flat):
    for i, (w, b) in enumerate(params):
        flat = flat @ w + b
        flat = jax.nn.relu(flat) if i < len(params) - 1 else flat
    return flat


def _train(apply, params, inputs, targets, *, steps, batch, seed, lr=1e-3, desc="training"):
    optimizer = optax.adam(optax.cosine_decay_schedule(lr, steps))
    n = targets.shape[0]

    @jax.jit
    def step(params, state, idx):
        batch_in = jax.tree_util.tree_map(lambda v: v[idx], inputs)
        loss, grads = jax.value_and_grad(lambda p: jnp.mean((apply(p, batch_in) - targets[idx]) ** 2))(params)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    state = optimizer.init(params)
    rng = np.random.default_rng(seed)
    # A progress bar on stderr, only when it is a terminal (disable=None).
    for _ in tqdm(range(steps), desc=desc, disable=None, leave=False, file=sys.stderr):
        params, state, _ = step(params, state, jnp.asarray(rng.integers(0, n, batch)))
    return params


def _permute_batch(params, rng):
    """Each INR gets its own random hidden-neuron permutation (flat-index gather)."""
    space = weight_space(WIDTHS)
    flat = space.flatten(params)
    index = np.stack(
        [space.index_permutation([rng.permutation(d) for d in space.hidden]) for _ in range(flat.shape[0])]
    )
    return space.unflatten(np.take_along_axis(flat, index, axis=1).astype(np.float32))


def run(*, num_inrs=3000, inr_steps=500, train_steps=3000, batch=128, seed=0, out_dir=None) -> dict:
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    a, b = rng.uniform(0.5, 2.0, num_inrs), rng.uniform(0.5, 3.0, num_inrs)
    print(f"fitting {num_inrs} sine INRs with jax.vmap ({inr_steps} Adam steps each)...", file=sys.stderr)
    params, losses = fit_inrs(a, b, widths=WIDTHS, steps=inr_steps, learning_rate=1e-2, seed=seed)
    fit_s = time.perf_counter() - start
    n_train = int(0.8 * num_inrs)
    train, test = np.arange(n_train), np.arange(n_train, num_inrs)
    permuted = _permute_batch([(w[test], c[test]) for w, c in params], rng)
    targets = np.stack([a, b], axis=1).astype(np.float32)
    mean, std = targets[train].mean(0), targets[train].std(0)
    z = (targets - mean) / std
    full = _normalise(params, train)  # training statistics, applied to every INR
    sets = {
        "original": [(w[test], c[test]) for w, c in full],
        "permuted": _renormalise(permuted, params, train),
    }
    train_in = [(jnp.asarray(w[train]), jnp.asarray(c[train])) for w, c in full]
    space = weight_space(WIDTHS)
    models = {
        "DWS": (dws_apply, dws_init(jax.random.key(seed), WIDTHS, channels=(16, 16), out_dim=2)),
        "MLP": (
            lambda p, ws: _mlp_apply(
                p, jnp.concatenate([v.reshape(v.shape[0], -1) for pair in ws for v in pair], 1)
            ),
            _mlp_init(jax.random.key(seed + 1), space.size, 2),
        ),
    }
    results = {
        "widths": list(WIDTHS),
        "num_inrs": num_inrs,
        "num_train": n_train,
        "num_test": len(test),
        "inr_fit_mse_median": float(np.median(losses)),
        "inr_fit_s": fit_s,
        # predicting the training mean (z = 0) for every test INR: what a model that learned
        # nothing scores; a trained model must be clearly below it
        "baseline_test_mse": float(np.mean(z[test] ** 2)),
        "models": {},
    }
    for name, (apply, init) in models.items():
        t0 = time.perf_counter()
        trained = _train(
            apply,
            init,
            train_in,
            jnp.asarray(z[train]),
            steps=train_steps,
            batch=batch,
            seed=seed,
            desc=f"training {name}",
        )
        row = {"train_s": time.perf_counter() - t0}
        for label, data in sets.items():
            pred = np.asarray(jax.jit(apply)(trained, [(jnp.asarray(w), jnp.asarray(c)) for w, c in data]))
            key = "test_mse" if label == "original" else "test_permuted_mse"
            row[key] = float(np.mean((pred - z[test]) ** 2))
            if label == "permuted":
                row["pred_b_permuted"] = (pred[:, 1] * std[1] + mean[1]).tolist()
                row["true_b"] = b[test].tolist()
        row["relative_change"] = abs(row["test_permuted_mse"] - row["test_mse"]) / row["test_mse"]
        results["models"][name] = row
    results["total_s"] = time.perf_counter() - start
    if out_dir is not None:
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "dws_inr.json").write_text(json.dumps(results, indent=1))
        from plrep.plotting.dws import plot_dws_experiment

        plot_dws_experiment(results, out_dir / "dws_inr.png")
    return results


def _renormalise(permuted, params, train):
    out = []
    for (pw, pc), (w, c) in zip(permuted, params, strict=True):
        out.append(tuple((p - v[train].mean()) / (v[train].std() + 1e-8) for p, v in ((pw, w), (pc, c))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--num-inrs", type=int, default=3000)
    parser.add_argument("--train-steps", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=str(Path(__file__).parent / "out"))
    args = parser.parse_args()
    results = run(num_inrs=args.num_inrs, train_steps=args.train_steps, seed=args.seed, out_dir=args.out)
    for name, row in results["models"].items():
        print(
            f"{name}: test MSE {row['test_mse']:.4f}, permuted {row['test_permuted_mse']:.4f}, "
            f"relative change {row['relative_change']:.2e}, train {row['train_s']:.1f} s"
        )
    print(f"predict-the-mean baseline: test MSE {results['baseline_test_mse']:.4f}")
    print(f"total {results['total_s']:.1f} s; wrote {args.out}/dws_inr.json and dws_inr.png")


if __name__ == "__main__":
    main()
