"""What the weight-space studies (``dws_sines.py``, ``dws_digits.py``) share: inputs and models.

Batched INR weights are lists ``[(W_m (N, d_m, d_{m-1}), b_m (N, d_m))]`` in the
``plrep.weightspace`` layout. Here: picking and transforming INRs one by one, the per-object
normaliser and the statistics baseline (Unterthiner et al. 2020), random hidden-neuron
permutations in JAX (the "MLP + perm. augmentation" model), the MLP and DWS models and one
Adam training loop, for classification (cross-entropy) or regression (mean squared error).
The studies import it as a sibling module (``python analysis/<study>.py`` puts this folder on
the path).
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import optax

from plrep.nn import dws_init, layer_statistics

QUANTILES = (0.0, 0.25, 0.5, 0.75, 1.0)  # of every weight and bias object: the statistics baseline
LOSSES = ("cross_entropy", "mse")


def compile_for_toy_sizes() -> None:
    """Compile without most XLA optimisations: at ``--quick`` (test-suite) sizes compiling the
    jitted training steps, not running them, is the cost (a DWS step: 27 s of CPU with, 11 s
    without, measured on 2-32-32-1 INRs), and the numbers there only check the code paths."""
    jax.config.update("jax_disable_most_optimizations", True)


# ------------------------------------------------------------------------------------- inputs


def take(params, index):
    """The INRs at ``index`` of batched params [(W (N, ...), b (N, ...))]."""
    return [(w[index], b[index]) for w, b in params]


def each(transform, params):
    """Apply an unbatched transform (one INR -> one INR) to every INR; the results stacked, float32."""
    out = [transform(take(params, i)) for i in range(params[0][0].shape[0])]
    return [
        (
            np.stack([p[m][0] for p in out]).astype(np.float32),
            np.stack([p[m][1] for p in out]).astype(np.float32),
        )
        for m in range(len(params))
    ]


def normaliser(params, train):
    """Per-object scalar standardisation: W_m and b_m each by its own mean and std over the
    training INRs (``plrep.nn.layer_statistics``). One scalar pair per object, so it commutes with
    neuron permutations and keeps every model's symmetry (or lack of it). Returns ``apply(batch)``."""
    stats = [tuple((mean, std + 1e-8) for mean, std in pair) for pair in layer_statistics(params, train)]

    def apply(batch):
        return [
            tuple(jnp.asarray((v - mu) / sd, jnp.float32) for v, (mu, sd) in zip(pair, s, strict=True))
            for pair, s in zip(batch, stats, strict=True)
        ]

    return apply


def statistics(params) -> np.ndarray:
    """Mean, std and the QUANTILES of every weight and bias object of each INR (Unterthiner et al.
    2020): (N, 7 x objects) float32; invariant to neuron permutations."""
    feats = []
    for pair in params:
        for v in pair:
            flat = np.asarray(v).reshape(v.shape[0], -1)
            feats += [flat.mean(1), flat.std(1), *np.quantile(flat, QUANTILES, axis=1)]
    return np.stack(feats, axis=1).astype(np.float32)


def standardiser(train_features: np.ndarray):
    """``apply(features)``: features (n, F) standardised column by column with the mean and std of
    ``train_features`` (N, F)."""
    mean, std = train_features.mean(0), train_features.std(0) + 1e-8

    def apply(features):
        return jnp.asarray((features - mean) / std)

    return apply


def apply_perms(weights, perms):
    """JAX version of ``plrep.weightspace.permute_neurons`` for one unbatched INR:
    W_h -> W_h[p_h][:, p_{h-1}], b_h -> b_h[p_h]; ``perms`` holds one index array per hidden layer
    (input and output fixed)."""
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


# ------------------------------------------------------------------------------------- models


def flatten(weights) -> jax.Array:
    """[(W (B, ...), b (B, ...))] -> (B, N) in the ``plrep.weightspace`` layout (W1, b1, W2, ...)."""
    return jnp.concatenate([v.reshape(v.shape[0], -1) for pair in weights for v in pair], axis=1)


@functools.partial(jax.jit, static_argnames=("size", "out", "hidden"))
def mlp_init(key, size: int, out: int, hidden: int = 256):
    """An MLP size-hidden-hidden-out (ReLU), weights N(0, 1/fan-in), zero biases."""
    keys = jax.random.split(key, 3)
    dims = [size, hidden, hidden, out]
    return [
        (jax.random.normal(k, (a, c)) / np.sqrt(a), jnp.zeros(c))
        for k, a, c in zip(keys, dims[:-1], dims[1:], strict=True)
    ]


def mlp_apply(params, x: jax.Array) -> jax.Array:
    """Outputs (B, out) from features (B, F)."""
    for i, (w, b) in enumerate(params):
        x = x @ w + b
        x = jax.nn.relu(x) if i < len(params) - 1 else x
    return x


def flat_mlp_apply(params, weights) -> jax.Array:
    """Outputs (B, out) of the MLP on flattened weights [(W (B, ...), b (B, ...))]."""
    return mlp_apply(params, flatten(weights))


def dws_model(key, widths, channels, out: int, readout: str = "mean"):
    """``plrep.nn.dws_init`` with a head of width 128 (eager: compiling it as one jitted
    function took minutes)."""
    return dws_init(key, widths, channels=channels, out_dim=out, head_width=128, readout=readout)


def _loss_value(loss: str, outputs, targets):
    if loss == "cross_entropy":
        return optax.softmax_cross_entropy_with_integer_labels(outputs, targets).mean()
    return jnp.mean((outputs - targets) ** 2)


@functools.cache
def _trainer(apply, augment, loss: str, steps: int, learning_rate: float):
    """(optimizer, jitted step) per model type and setting: compiled once, reused by every seed."""
    optimizer = optax.adam(optax.cosine_decay_schedule(learning_rate, steps))

    @jax.jit
    def step(params, state, inputs, targets, idx, key):
        x = jax.tree_util.tree_map(lambda v: v[idx], inputs)
        x = augment(key, x) if augment is not None else x

        def objective(p):
            return _loss_value(loss, apply(p, x), targets[idx])

        grads = jax.grad(objective)(params)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state

    return optimizer, step


def train(
    apply, params, inputs, targets, *, loss, steps, batch, learning_rate, seed, augment=None, rows=None
):
    """Adam (cosine decay from ``learning_rate``) on ``loss`` ("cross_entropy": integer class
    targets; "mse"), batches drawn with replacement; ``augment(key, batch_inputs)`` per step.

    ``inputs`` is a pytree of arrays with the examples on axis 0, ``targets`` (n, ...) theirs;
    ``rows`` (default: all) the examples to train on. Training on a subset by ``rows`` rather
    than by slicing keeps the array shapes, so the jitted step compiles once for every subset.
    """
    if loss not in LOSSES:
        raise ValueError(f"`loss` must be one of {list(LOSSES)}, got {loss!r} instead")
    optimizer, step = _trainer(apply, augment, loss, steps, learning_rate)
    state, y = optimizer.init(params), jnp.asarray(targets)
    rng, key = np.random.default_rng(seed), jax.random.key(seed)
    rows = np.arange(len(targets)) if rows is None else np.asarray(rows)
    for i in range(steps):
        idx = jnp.asarray(rows[rng.integers(0, len(rows), batch)])
        params, state = step(params, state, inputs, y, idx, jax.random.fold_in(key, i))
    return params


@functools.cache
def predictor(apply):
    """``apply`` jitted once per model type."""
    return jax.jit(apply)


def render(params, coords) -> np.ndarray:
    """Every INR evaluated at ``coords`` (P, d_0): (N, P) float32, computed in float64; sin after
    every layer but the last (``plrep.weightspace.mlp_forward(..., activation="sin")``)."""
    h = np.asarray(coords, np.float64)[None]
    for m, (w, b) in enumerate(params):
        h = np.einsum("npi,noi->npo", h, np.asarray(w, np.float64)) + np.asarray(b, np.float64)[:, None, :]
        h = np.sin(h) if m < len(params) - 1 else h
    return h[..., 0].astype(np.float32)
