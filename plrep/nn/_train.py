"""A small, real trainer for ``plrep.nn`` classifiers: optax, a jitted update step, seeds.

Loss: mean softmax cross-entropy of the invariant read-out's logits. Mini-batches are drawn
with a ``numpy.random.Generator`` seeded by ``seed``, so a run is reproducible on one machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax.sharding import PartitionSpec as P

from plrep._validate import check_finite_array, check_finite_real, check_int, describe
from plrep.nn._network import NetworkParams, apply
from plrep.nn._sharding import batch_mesh, padded_size, replicate, shard_batch
from plrep.nn._validate import MAX_SEED

__all__ = ["TrainResult", "accuracy", "cross_entropy", "train"]


@dataclass(frozen=True)
class TrainResult:
    """Trained parameters and the loss after every step (shape (steps,)).

    Example:
        >>> import jax
        >>> from plrep.nn import NetworkSpec, frequency_bands, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> x, y = frequency_bands("C4", 8, num_classes=2)
        >>> result = train(params, x, y, steps=5, batch_size=8, progress=False)
        >>> result.losses.shape, result.params.spec == params.spec
        ((5,), True)
    """

    params: NetworkParams
    losses: np.ndarray = field(repr=False)


def cross_entropy(params: NetworkParams, x, y):
    """Mean softmax cross-entropy; x (batch, c_0, |G|), integer labels y (batch,). Jittable.

    Raises:
        TypeError, ValueError: ``params`` without a read-out; ``y`` not of shape (batch,).

    Example:
        >>> import jax
        >>> import jax.numpy as jnp
        >>> from plrep.nn import NetworkParams, NetworkSpec, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> flat = NetworkParams(params.spec, {**params.arrays, "readout.weight": jnp.zeros((2, 2))})
        >>> round(float(cross_entropy(flat, jnp.ones((3, 1, 4)), jnp.array([0, 1, 1]))), 6)  # log 2
        0.693147
    """
    _check_classifier(params)
    if jnp.shape(y) != jnp.shape(x)[:1]:
        raise ValueError(
            f"`y` must have shape ({jnp.shape(x)[0]},), one label per row of `x`, got {jnp.shape(y)} instead"
        )
    logits = apply(params, x)
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()


def accuracy(params: NetworkParams, x, y, *, batch_size: int = 4096) -> float:
    """Fraction of samples whose arg-max logit equals the label.

    Args:
        params: a network with a read-out.
        x: inputs, shape (N, c_0, |G|); y: integer labels (N,).
        batch_size: samples per forward pass.

    Example:
        >>> import jax
        >>> import jax.numpy as jnp
        >>> from plrep.nn import NetworkParams, NetworkSpec, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> always_0 = NetworkParams(
        ...     params.spec,
        ...     {**params.arrays, "readout.weight": jnp.zeros((2, 2)), "readout.bias": jnp.array([1.0, 0.0])},
        ... )
        >>> accuracy(always_0, jnp.ones((4, 1, 4)), [0, 0, 0, 1])
        0.75
    """
    x, y = _check_data(params, x, y)
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    forward = jax.jit(apply)
    hits = 0
    for start in range(0, len(y), batch_size):
        logits = forward(params, x[start : start + batch_size])
        hits += int(jnp.sum(jnp.argmax(logits, axis=-1) == jnp.asarray(y[start : start + batch_size])))
    return hits / len(y)


def _check_classifier(params) -> None:
    if not isinstance(params, NetworkParams):
        raise TypeError(f"`params` must be NetworkParams, got {describe(params)} instead")
    if params.spec.readout is None:
        raise ValueError("`params` must belong to a network with a read-out (spec.readout), got readout None")


def _check_data(params, x, y):
    _check_classifier(params)
    x = check_finite_array(x, "x").astype(np.float32)
    y = np.asarray(y)
    expected = (params.spec.widths[0], params.spec.group.order)
    if x.ndim != 3 or x.shape[1:] != expected:
        raise ValueError(
            f"`x` must have shape (N, {expected[0]}, {expected[1]}), got shape {x.shape} instead"
        )
    if len(x) == 0:
        raise ValueError("`x` must hold at least one sample, got none")
    if len(y) != len(x) or y.ndim != 1:
        raise ValueError(
            f"`x` and `y` must have shapes (N, c, |G|) and (N,), got {x.shape} and {y.shape} instead"
        )
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= params.spec.readout:
        raise ValueError(
            f"`y` must hold integer labels in 0..{params.spec.readout - 1}, got {describe(y)} instead"
        )
    return x, y.astype(np.int32)


def _summed_loss(mesh):
    """(params, x, y, weight) -> sum of weight * cross-entropy over the batch, rows split over the mesh.

    ``jax.shard_map`` runs the plain one-device network on each device's rows and ``psum`` adds
    the partial sums (gradients follow); under the SPMD partitioner instead, XLA's CPU FFT
    rejects the layouts it picks for irfft -> activation -> rfft.
    """

    def local(params, x, y, weight):
        losses = optax.softmax_cross_entropy_with_integer_labels(apply(params, x), y)
        return jax.lax.psum(jnp.sum(weight * losses), "batch")

    return jax.shard_map(local, mesh=mesh, in_specs=(P(), P("batch"), P("batch"), P("batch")), out_specs=P())


def train(
    params: NetworkParams,
    x,
    y,
    *,
    steps: int = 500,
    batch_size: int = 64,
    learning_rate: float = 3e-3,
    seed: int = 0,
    progress: bool = True,
    devices=None,
) -> TrainResult:
    """Train a classifier with Adam on mini-batches, data-parallel over ``devices``.

    Each mini-batch is split across the devices of a 1-D ``jax.sharding`` mesh and the
    parameters are replicated; XLA sums the gradients across devices, so the result equals a
    one-device run up to float32 summation order. A ``batch_size`` that the device count does
    not divide is padded with rows of weight 0 (same numbers).

    Args:
        params: initial parameters (``plrep.nn.init``), with a read-out.
        x: inputs, shape (N, c_0, |G|).
        y: integer labels, shape (N,).
        steps: number of update steps.
        batch_size: samples per step (drawn without replacement within a step).
        learning_rate: Adam step size.
        seed: seed of the mini-batch sampler.
        progress: show a tqdm progress bar with the running loss (on a terminal only).
        devices: the devices to shard over (default: every local device; docs/devices.md).

    Returns:
        ``TrainResult`` with the final parameters and the per-step losses.

    Raises:
        TypeError, ValueError: data or parameters as in ``accuracy``; ``steps`` < 1,
            ``batch_size`` outside 1..N, ``learning_rate`` <= 0, ``progress`` not a bool or
            an empty ``devices``.

    Example:
        >>> import jax
        >>> from plrep.nn import NetworkSpec, frequency_bands, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> x, y = frequency_bands("C4", 8, num_classes=2)
        >>> result = train(params, x, y, steps=20, batch_size=8, learning_rate=0.05, progress=False)
        >>> bool(result.losses[-1] < result.losses[0])
        True
    """
    x, y = _check_data(params, x, y)
    steps = check_int(steps, "steps", minimum=1)
    batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=len(y))
    learning_rate = check_finite_real(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"`learning_rate` must be positive, got {learning_rate} instead")
    rng = np.random.default_rng(check_int(seed, "seed", minimum=0, maximum=MAX_SEED))
    optimizer = optax.adam(learning_rate)

    mesh = batch_mesh(devices)
    rows = padded_size(batch_size, mesh)
    summed_loss = _summed_loss(mesh)

    @jax.jit
    def update(params, state, xb, yb, weight):
        def loss_of(p):  # the mean over the batch_size real rows (padding rows weigh 0)
            return summed_loss(p, xb, yb, weight) / batch_size

        loss, grads = jax.value_and_grad(loss_of)(params)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    from tqdm.auto import tqdm

    params = replicate(params, mesh)
    weight = shard_batch((np.arange(rows) < batch_size).astype(np.float32), mesh)
    state = optimizer.init(params)
    losses = np.empty(steps)
    if not isinstance(progress, bool):  # "no" would be truthy and show the bar
        raise TypeError(f"`progress` must be a bool, got {describe(progress)} instead")
    # on stderr, and only when it is a terminal (disable=None), so logs and pipes stay clean
    bar = tqdm(range(steps), disable=None if progress else True, desc="training", leave=False)
    for step in bar:
        batch = rng.choice(len(y), size=batch_size, replace=False)
        batch = np.concatenate([batch, np.zeros(rows - batch_size, dtype=batch.dtype)])  # padding rows
        params, state, loss = update(
            params, state, shard_batch(x[batch], mesh), shard_batch(y[batch], mesh), weight
        )
        losses[step] = float(loss)
        if step % 50 == 0:
            bar.set_postfix(loss=f"{losses[step]:.4f}")
    return TrainResult(params, losses)
