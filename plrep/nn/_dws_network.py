"""The DWS network: equivariant DWS layers, an invariant read-out of the weight space and an MLP head.

``dws_init`` / ``dws_apply`` stack ``plrep.nn``'s DWS layers (``_dws``), pool every weight and bias
object to its invariant features (means over the permuted axes) and map them with an MLP; the
result does not change when the hidden neurons of the input MLP are permuted.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import jax
import jax.numpy as jnp
import numpy as np

from plrep._validate import check_int, describe
from plrep.nn._dws import (
    _MAX_LAYERS,
    MAX_PARAMETERS,
    _as_pairs,
    _check_layer,
    _draw_layer,
    _fixed,
    _float_dtype,
    _generator,
    _is_list,
    _layer_apply,
    _term_entries,
    _widths,
)
from plrep.nn._validate import check_finite_if_concrete, check_key, describe_value, real_array
from plrep.weightspace import check_widths, object_layers, object_names

__all__ = ["dws_apply", "dws_init", "invariant_features"]


def invariant_features(weights) -> jax.Array:
    """G-invariant features (..., F): each object pooled (mean) over its hidden axes, flattened.

    F = c * sum over objects of prod of their input/output widths (``invariant_dimension``).
    ``weights`` are checked as in ``widths_of``.

    Example:
        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> weights = [  # an MLP with widths (2, 3, 1), one channel, channels last
        ...     (rng.normal(size=(3, 2, 1)), rng.normal(size=(3, 1))),
        ...     (rng.normal(size=(1, 3, 1)), rng.normal(size=(1, 1))),
        ... ]
        >>> invariant_features(weights).shape  # W1: 2, b1: 1, W2: 1, b2: 1
        (5,)
        >>> p = np.array([2, 0, 1])
        >>> moved = [(weights[0][0][p], weights[0][1][p]), (weights[1][0][:, p], weights[1][1])]
        >>> bool(np.allclose(invariant_features(moved), invariant_features(weights), atol=1e-6))
        True
    """
    pairs = _as_pairs(weights)
    return _invariant_features(pairs, _widths(pairs, channels=True))


def _max_over(x: jax.Array, axis: tuple[int, ...]) -> jax.Array:
    """``jnp.max(x, axis)`` whose gradient goes to one maximising element (the first), by ``argmax``.

    ``jnp.max``'s gradient finds the maximisers by comparing ``x`` with the max once more and
    divides by their count. Under ``jit`` with XLA's optimisations off (``jax_disable_most_
    optimizations``, which the studies' ``--quick`` runs use) the values compared can differ in
    the last bit from those reduced, no element matches, and the gradient is 0 / 0 = NaN: a
    one-layer DWS network with the mean_max read-out trained to NaN logits. Taking the argmax
    element gives the same value and a valid subgradient with no division.
    """
    axis = tuple(a % x.ndim for a in axis)
    moved = jnp.moveaxis(x, axis, tuple(range(x.ndim - len(axis), x.ndim)))
    flat = moved.reshape(*moved.shape[: x.ndim - len(axis)], -1)
    index = jnp.argmax(jax.lax.stop_gradient(flat), axis=-1, keepdims=True)
    return jnp.take_along_axis(flat, index, axis=-1)[..., 0]


def _invariant_features(pairs, widths: tuple[int, ...], pools=("mean",)) -> jax.Array:
    feats = []
    for pool in pools:  # "mean", and "max" for the stronger read-out (both G-invariant)
        reduce = jnp.mean if pool == "mean" else _max_over
        for m, pair in enumerate(pairs, start=1):
            for name, x in zip((f"W{m}", f"b{m}"), pair, strict=True):
                layers = object_layers(widths, name)
                axes = tuple(i - len(layers) - 1 for i, ly in enumerate(layers) if 0 < ly < len(widths) - 1)
                pooled = reduce(x, axis=axes) if axes else x
                feats.append(pooled.reshape(*pooled.shape[: pooled.ndim - len(layers) - 1 + len(axes)], -1))
    return jnp.concatenate(feats, axis=-1)


READOUTS = {"mean": ("mean",), "mean_max": ("mean", "max")}


def _num_fixed(widths: tuple[int, ...]) -> int:
    """Invariant features per channel: sum over objects of the product of their input/output widths."""
    return sum(
        math.prod(widths[ly] for ly in _fixed(widths, object_layers(widths, n))) for n in object_names(widths)
    )


def dws_init(
    key, widths, *, channels=(16, 16), out_dim: int = 1, head_width: int = 64, readout: str = "mean"
) -> dict:
    """A DWS network: equivariant layers 1 -> channels[0] -> ... with ReLU, then an invariant
    read-out (``invariant_features``) and an MLP head (head_width) to ``out_dim`` outputs.

    ``readout="mean_max"`` pools every object by its mean and its max over the hidden axes (the
    head's input doubles; ``dws_apply`` reads the choice from the head's shape).

    Args:
        key: a ``jax.random`` key.
        widths: (d_0, ..., d_M) of the MLPs whose weights are the inputs.
        channels: channel counts of the equivariant layers.
        out_dim, head_width: outputs and hidden width of the head.

    Returns:
        ``{"layers": [dws_layer_init ...], "head": [(W, b), (W, b)]}``, drawn with numpy from
        the key's bits (nothing compiled; ``key`` must be concrete, not traced).

    Example:
        >>> import jax
        >>> net = dws_init(jax.random.key(0), (2, 3, 1), channels=(2,), head_width=4)
        >>> len(net["layers"]), [w.shape for w, _ in net["head"]]  # 2 channels x 5 features
        (1, [(10, 4), (4, 1)])
    """
    key = check_key(key)
    widths = check_widths(widths)
    if not _is_list(channels):
        raise TypeError(
            f"`channels` must be a sequence of positive integers, got {describe(channels)} instead"
        )
    channels = [check_int(c, "channels", minimum=1) for c in channels]
    out_dim = check_int(out_dim, "out_dim", minimum=1)
    head_width = check_int(head_width, "head_width", minimum=1)
    if readout not in READOUTS:
        raise ValueError(f"`readout` must be one of {list(READOUTS)}, got {describe(readout)} instead")
    sizes = [1, *channels]
    features = sizes[-1] * _num_fixed(widths) * len(READOUTS[readout])
    if len(widths) - 1 > _MAX_LAYERS:
        raise ValueError(
            f"`widths` must describe at most {_MAX_LAYERS} layers, got {len(widths) - 1} instead"
        )
    per_channel_pair = _term_entries(widths)
    count = sum(a * b for a, b in itertools.pairwise(sizes)) * per_channel_pair
    count += (features + 1 + out_dim) * head_width
    if count > MAX_PARAMETERS:
        raise ValueError(
            f"`channels`, `head_width` and `out_dim` must give at most {MAX_PARAMETERS} parameters, "
            f"got about {count} instead"
        )
    # One numpy generator per layer and head matrix, spawned from the key's; device_put, unlike
    # jnp.asarray, compiles nothing per shape.
    rngs = _generator(key).spawn(len(channels) + 2)
    layers = [
        _draw_layer(rng, widths, a, b, bias=True)
        for rng, a, b in zip(rngs, sizes[:-1], sizes[1:], strict=False)
    ]
    dtype = _float_dtype()

    def normal(rng, rows: int, cols: int) -> jax.Array:
        return jax.device_put((rng.standard_normal((rows, cols)) / math.sqrt(rows)).astype(dtype))

    head = [
        (normal(rngs[-2], features, head_width), jax.device_put(np.zeros(head_width, dtype))),
        (normal(rngs[-1], head_width, out_dim), jax.device_put(np.zeros(out_dim, dtype))),
    ]
    return {"layers": layers, "head": head}


def _check_net(params, widths: tuple[int, ...]) -> tuple[str, ...]:
    """Check a ``dws_init`` network against the widths of the weights (static shapes only)."""
    if (
        not isinstance(params, Mapping)
        or not _is_list(params.get("layers"))
        or not _is_list(params.get("head"))
    ):
        raise TypeError(
            f"`params` must be a dict {{'layers': [...], 'head': [...]}} from dws_init, got {describe_value(params)} instead"
        )
    channels = 1
    for i, layer in enumerate(params["layers"]):
        channels = _check_layer(layer, widths, channels, f"params['layers'][{i}]")
    head = params["head"]
    shapes = [tuple(real_array(a, "params['head']").shape) for pair in head if _is_list(pair) for a in pair]
    features = channels * _num_fixed(widths)
    if len(head) != 2 or len(shapes) != 4 or [len(s) for s in shapes] != [2, 1, 2, 1]:
        raise ValueError(
            f"`params['head']` must be [(W (F, H), b (H,)), (W (H, O), b (O,))], got shapes {shapes} instead"
        )
    (f, h), (h1,), (h2, o), (o1,) = shapes
    if f not in (features, 2 * features) or h != h1 or h != h2 or o != o1:
        raise ValueError(
            f"`params['head']` must be [(W ({features}, H), b (H,)), (W (H, O), b (O,))] for widths {widths} "
            f"and {channels} channels ({2 * features} rows with the mean_max read-out), got shapes {shapes} "
            "instead"
        )
    return READOUTS["mean" if f == features else "mean_max"]


def dws_apply(params: dict, weights) -> jax.Array:
    """Invariant prediction (..., out_dim) from raw weight sets [(W_m (..., d_m, d_{m-1}), b_m (..., d_m))].

    Raises:
        TypeError, ValueError: ``weights`` not a list of (W, b) real arrays with chaining shapes
            and one batch shape; ``params`` not a ``dws_init`` network for these widths.

    Example:
        >>> import jax
        >>> import numpy as np
        >>> from plrep.weightspace import permute_neurons
        >>> rng = np.random.default_rng(0)
        >>> mlp = [(rng.normal(size=(3, 2)), rng.normal(size=3)), (rng.normal(size=(1, 3)), rng.normal(size=1))]
        >>> net = dws_init(jax.random.key(0), (2, 3, 1), channels=(2,), head_width=4)
        >>> dws_apply(net, mlp).shape
        (1,)
        >>> bool(np.allclose(dws_apply(net, permute_neurons(mlp, [[2, 0, 1]])), dws_apply(net, mlp), atol=1e-5))
        True
    """
    pairs = _as_pairs(weights)
    widths = _widths(pairs, channels=False)
    pools = _check_net(params, widths)
    for m, (w, b) in enumerate(pairs, start=1):  # eagerly only: tracers under jit pass unchecked
        check_finite_if_concrete(w, f"weights[{m - 1}][0]")
        check_finite_if_concrete(b, f"weights[{m - 1}][1]")
    for path, leaf in jax.tree_util.tree_leaves_with_path(params):
        check_finite_if_concrete(leaf, f"params{jax.tree_util.keystr(path)}")
    x = [(w[..., None], b[..., None]) for w, b in pairs]
    for i, layer in enumerate(params["layers"]):
        x = _layer_apply(layer, x, widths)
        if i < len(params["layers"]) - 1:
            x = [(jax.nn.relu(w), jax.nn.relu(b)) for w, b in x]
    h = _invariant_features(x, widths, pools)
    (w1, b1), (w2, b2) = params["head"]
    hidden = jax.nn.relu(jnp.matmul(h, w1, precision="highest") + b1)
    return jnp.matmul(hidden, w2, precision="highest") + b2
