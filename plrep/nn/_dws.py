"""DWS layers (Navon et al., ICML 2023) in JAX: equivariant maps on an MLP's weight space (docs/math.md §7).

Inputs are weight sets of an MLP with widths (d_0, ..., d_M) as a list ``[(W_1, b_1), ...]``
with channels last: W_m of shape (..., d_m, d_{m-1}, c) and b_m of shape (..., d_m, c), batch
axes first. G = S_{d_1} x ... x S_{d_{M-1}} permutes hidden neurons (``plrep.weightspace``).

The layer never builds an orbit basis. For a block A -> B (``plrep.weightspace``) each neuron
layer l is one of:

- on neither side: nothing; on the source side only: hidden -> mean over that axis,
  input/output -> contract the axis with a learned vector of length d_l;
- on the target side only: hidden -> broadcast, input/output -> a learned output axis;
- on both sides: hidden of width >= 2 -> two terms, *keep* the axis (identity) or *pool* it
  (mean, then broadcast); input/output -> a learned d_l x d_l matrix on that axis.

One term is: means over the pooled axes, one ``einsum`` with a parameter tensor of shape
(fixed target axes..., fixed source axes..., c_in, c_out), then a broadcast. The terms of a
block span exactly its equivariant maps: their parameter count per channel pair is
prod_l c_l(k_l), the closed formula of ``plrep.weightspace`` (tests check rank and span against
the numerical nullspace). Means instead of sums only rescale. A G-invariant bias (learned over
the input/output axes, broadcast over hidden axes) is added per output object.

The invariant read-out pools every hidden axis (mean) and keeps the input/output axes, so its
features are the G-invariant linear functionals of each channel (``invariant_dimension``).

All functions are pure and jittable; ``init(key, ...)`` / ``apply(params, weights)``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

import jax
import jax.numpy as jnp
import numpy as np

from plrep._validate import check_int
from plrep.nn._validate import check_key, describe_value, real_array
from plrep.weightspace import check_widths, object_layers, object_names

__all__ = ["MAX_PARAMETERS", "dws_layer_apply", "dws_layer_init", "widths_of"]

_MAX_LAYERS = 20  # einsum letters: a.. for source axes, A.. for target axes
MAX_PARAMETERS = 2**26  # floats of one network or layer (256 MiB of float32), checked before XLA allocates


def _terms(widths: tuple[int, ...]) -> list[tuple[str, str, str, tuple[int, ...]]]:
    """(key, target, source, pooled shared hidden layers) for every term of every block."""
    hidden = set(range(1, len(widths) - 1))
    out = []
    for target in object_names(widths):
        for source in object_names(widths):
            shared = [ly for ly in object_layers(widths, target) if ly in object_layers(widths, source)]
            choosable = [ly for ly in shared if ly in hidden and widths[ly] >= 2]
            for pooled in itertools.product((False, True), repeat=len(choosable)):
                tag = "".join("p" if p else "k" for p in pooled)
                out.append(
                    (
                        f"{target}<-{source}:{tag}",
                        target,
                        source,
                        tuple(ly for ly, p in zip(choosable, pooled, strict=True) if p),
                    )
                )
    return out


def _fixed(widths, layers) -> list[int]:
    return [ly for ly in layers if ly in (0, len(widths) - 1)]


def dws_layer_init(key, widths, in_channels: int, out_channels: int, *, bias: bool = True) -> dict:
    """Parameters of one equivariant layer weight space (c_in) -> weight space (c_out).

    Returns ``{"terms": {key: array}, "bias": {object: array}}``; a term's array has shape
    (fixed target axes..., fixed source axes..., c_in, c_out), a bias (fixed axes..., c_out).
    Scaled so that outputs have roughly unit variance for unit-variance inputs. Drawn with numpy
    from the key's bits (the same key gives the same layer; nothing is compiled), so ``key``
    must be concrete, not traced under ``jit`` or ``vmap``.

    Raises:
        TypeError, ValueError: a bad key, widths or channel counts; more than 20 layers.

    Example:
        >>> import jax
        >>> layer = dws_layer_init(jax.random.key(0), (2, 3, 1), 1, 2)
        >>> len(layer["terms"]), sorted(layer["bias"])
        (25, ['W1', 'W2', 'b1', 'b2'])
        >>> sum(v.size for v in layer["terms"].values()) // 2  # per channel pair: dws_blocks(...).total
        41
        >>> layer["terms"]["W1<-W1:k"].shape  # the input axis d_0 = 2 is fixed on both sides
        (2, 2, 1, 2)
    """
    key = check_key(key)
    widths = check_widths(widths)
    c_in = check_int(in_channels, "in_channels", minimum=1)
    c_out = check_int(out_channels, "out_channels", minimum=1)
    if len(widths) - 1 > _MAX_LAYERS:
        raise ValueError(
            f"`widths` must describe at most {_MAX_LAYERS} layers, got {len(widths) - 1} instead"
        )
    count = _term_entries(widths) * c_in * c_out
    if count > MAX_PARAMETERS:
        raise ValueError(
            f"`in_channels` and `out_channels` must give at most {MAX_PARAMETERS} parameters for widths "
            f"{widths}, got {count} instead"
        )
    return _draw_layer(_generator(key), widths, c_in, c_out, bias=bias)


def _generator(key) -> np.random.Generator:
    """A numpy generator seeded by the bits of a concrete ``jax.random`` key (same key, same draws).

    The initialisers draw with numpy: ``jax.random.normal`` compiles once per array shape, and a
    DWS network has dozens of block shapes (about 14 s of CPU for a two-layer network on
    2-32-32-1 INRs, the first time in a process, against a few milliseconds here).
    """
    if isinstance(key, jax.core.Tracer):
        raise TypeError(
            "`key` must be a concrete key from jax.random.key(seed) (the DWS initialisers draw with "
            "numpy, outside jit and vmap), got a traced key instead"
        )
    is_typed = jax.dtypes.issubdtype(key.dtype, jax.dtypes.prng_key)
    with jax.ensure_compile_time_eval():  # a concrete key stays concrete inside eval_shape
        words = np.asarray(jax.random.key_data(key) if is_typed else key, dtype=np.uint32)
    return np.random.default_rng(words.ravel().tolist())


def _float_dtype():
    """float32, or float64 where jax_enable_x64 is on (what ``jax.random.normal`` would give)."""
    return jax.dtypes.canonicalize_dtype(np.float64)


def _draw_layer(rng: np.random.Generator, widths, c_in: int, c_out: int, *, bias: bool) -> dict:
    """``dws_layer_init``'s parameters from ``rng``: each term N(0, 1 / fan-in), biases zero."""
    dtype = _float_dtype()
    terms = _terms(widths)
    per_target = {t: sum(1 for _, tt, _, _ in terms if tt == t) for t in object_names(widths)}
    params = {"terms": {}, "bias": {}}
    for name, target, source, _ in terms:
        t_fixed = [widths[ly] for ly in _fixed(widths, object_layers(widths, target))]
        s_fixed = [widths[ly] for ly in _fixed(widths, object_layers(widths, source))]
        fan_in = c_in * per_target[target] * math.prod(s_fixed)
        draw = rng.standard_normal((*t_fixed, *s_fixed, c_in, c_out)) / math.sqrt(fan_in)
        params["terms"][name] = jax.device_put(draw.astype(dtype))
    if bias:
        for name in object_names(widths):
            shape = (*(widths[ly] for ly in _fixed(widths, object_layers(widths, name))), c_out)
            params["bias"][name] = jax.device_put(np.zeros(shape, dtype))
    return params


def _term_entries(widths: tuple[int, ...]) -> int:
    """Parameters of one layer per (input, output) channel pair: sum over terms of the fixed axes."""
    total = 0
    for _, target, source, _ in _terms(widths):
        t_fixed = [widths[ly] for ly in _fixed(widths, object_layers(widths, target))]
        s_fixed = [widths[ly] for ly in _fixed(widths, object_layers(widths, source))]
        total += math.prod(t_fixed) * math.prod(s_fixed)
    return total


def _is_list(value: object) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def _as_pairs(weights) -> list[tuple[jax.Array, jax.Array]]:
    """``weights`` as a non-empty list of (W, b) real arrays, or raise naming the bad entry."""
    if not _is_list(weights):
        raise TypeError(
            f"`weights` must be a list of (W, b) array pairs, got {describe_value(weights)} instead"
        )
    if len(weights) == 0:
        raise ValueError("`weights` must be a non-empty list of (W, b) array pairs, got [] instead")
    pairs = []
    for i, pair in enumerate(weights):
        if not _is_list(pair) or len(pair) != 2:
            raise TypeError(
                f"`weights[{i}]` must be a pair (W_{i + 1}, b_{i + 1}), got {describe_value(pair)} instead"
            )
        pairs.append(tuple(real_array(a, f"weights[{i}]") for a in pair))
    return pairs


def _widths(pairs, *, channels: bool) -> tuple[int, ...]:
    """Widths (d_0, ..., d_M) from the static shapes of validated pairs; shapes must agree.

    W_m: (..., d_m, d_{m-1}[, c]), b_m: (..., d_m[, c]); one batch shape and one c throughout.
    """
    tail, c = (1, ", c") if channels else (0, "")
    widths: list[int] = []
    first = None
    for i, (w, b) in enumerate(pairs):
        m = i + 1
        if w.ndim < 2 + tail or b.ndim < 1 + tail:
            raise ValueError(
                f"`weights[{i}]` must hold W_{m} of shape (..., d_{m}, d_{m - 1}{c}) and b_{m} of shape "
                f"(..., d_{m}{c}), got {w.shape} and {b.shape} instead"
            )
        rows, cols = w.shape[w.ndim - 2 - tail : w.ndim - tail]
        if 0 in (rows, cols):
            raise ValueError(
                f"`weights[{i}]` must have positive widths, got W_{m} of shape {w.shape} instead"
            )
        want = widths[-1] if widths else cols
        if cols != want or b.shape[b.ndim - 1 - tail] != rows:
            raise ValueError(
                f"`weights[{i}]` must hold W_{m} of shape (..., {rows}, {want}{c}) and b_{m} of shape "
                f"(..., {rows}{c}), got {w.shape} and {b.shape} instead"
            )
        widths += [cols, rows] if not widths else [rows]
        for label, array, axes in ((f"W_{m}", w, 2), (f"b_{m}", b, 1)):
            split = array.ndim - axes - tail
            here = (label, array.shape[:split], array.shape[array.ndim - tail :])
            first = first or here
            if here[1] != first[1]:
                raise ValueError(
                    f"`weights` must share one batch shape, got {first[1]} (at {first[0]}) and "
                    f"{here[1]} (at {label}) instead"
                )
            if here[2] != first[2]:
                raise ValueError(
                    f"`weights` must have one channel count c, got {first[2][0]} (at {first[0]}) and "
                    f"{here[2][0]} (at {label}) instead"
                )
    return tuple(widths)


def widths_of(weights) -> tuple[int, ...]:
    """Widths (d_0, ..., d_M) of channel-last weights [(W (..., d_m, d_{m-1}, c), b (..., d_m, c)), ...].

    Raises:
        TypeError: ``weights`` is not a list of (W, b) pairs of real arrays.
        ValueError: shapes that do not chain (d_{m-1} of W_m must match W_{m-1}), a bias that
            does not match its W, or batch shapes or channel counts that differ between arrays.

    Example:
        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> weights = [  # an MLP with widths (2, 3, 1), one channel, channels last
        ...     (rng.normal(size=(3, 2, 1)), rng.normal(size=(3, 1))),
        ...     (rng.normal(size=(1, 3, 1)), rng.normal(size=(1, 1))),
        ... ]
        >>> widths_of(weights)
        (2, 3, 1)
    """
    return _widths(_as_pairs(weights), channels=True)


def _check_layer(params, widths: tuple[int, ...], c_in: int, name: str) -> int:
    """Check one layer's parameters against the static shapes; returns c_out."""
    if not isinstance(params, Mapping) or not all(
        isinstance(params.get(k), Mapping) for k in ("terms", "bias")
    ):
        raise TypeError(
            f"`{name}` must be a dict {{'terms': {{...}}, 'bias': {{...}}}} from dws_layer_init, "
            f"got {describe_value(params)} instead"
        )
    expected = {}
    for key, target, source, _ in _terms(widths):
        t_fixed = [widths[ly] for ly in _fixed(widths, object_layers(widths, target))]
        s_fixed = [widths[ly] for ly in _fixed(widths, object_layers(widths, source))]
        expected[key] = (*t_fixed, *s_fixed, c_in)
    got = set(params["terms"])
    if got != set(expected):
        lack, extra = sorted(set(expected) - got, key=str)[:3], sorted(got - set(expected), key=str)[:3]
        raise ValueError(
            f"`{name}` must hold the terms of a layer for widths {widths} (dws_layer_init), got terms "
            f"lacking {lack} and with unexpected {extra} instead"
        )
    biases = set(params["bias"])
    if biases and biases != set(object_names(widths)):
        raise ValueError(
            f"`{name}['bias']` must be empty or have the keys {list(object_names(widths))}, "
            f"got {sorted(biases, key=str)} instead"
        )
    c_out = None
    for group, shapes in (
        ("terms", expected),
        ("bias", {n: tuple(widths[ly] for ly in _fixed(widths, object_layers(widths, n))) for n in biases}),
    ):
        for key, lead in shapes.items():
            shape = real_array(params[group][key], f"{name}['{group}']").shape
            c_out = shape[-1] if c_out is None and len(shape) == len(lead) + 1 else c_out
            if shape != (*lead, c_out):
                raise ValueError(
                    f"`{name}['{group}'][{key!r}]` must have shape {(*lead, c_out or 'c_out')} for widths "
                    f"{widths} and {c_in} input channels, got {shape} instead"
                )
    return c_out


def _term(widths, x, param, target: str, source: str, pooled: tuple[int, ...]) -> jax.Array:
    """One term of the block source -> target applied to x (..., source axes..., c_in)."""
    s_layers, t_layers = object_layers(widths, source), object_layers(widths, target)
    fixed, hidden = _fixed(widths, range(len(widths))), set(range(1, len(widths) - 1))
    drop = [i for i, ly in enumerate(s_layers) if ly in hidden and (ly in pooled or ly not in t_layers)]
    x = jnp.mean(x, axis=tuple(i - len(s_layers) - 1 for i in drop)) if drop else x
    kept = [ly for i, ly in enumerate(s_layers) if i not in drop]
    src = "".join(chr(97 + ly) for ly in kept)
    par = "".join(chr(65 + ly) for ly in t_layers if ly in fixed)
    par += "".join(chr(97 + ly) for ly in s_layers if ly in fixed)
    out_layers = [ly for ly in t_layers if ly in fixed or ly in kept]
    out = "".join(chr(65 + ly) if ly in fixed else chr(97 + ly) for ly in out_layers)
    # HIGHEST: full float32 on GPUs too (their default is TF32-like), so jit and eager agree.
    y = jnp.einsum(f"...{src}y,{par}yz->...{out}z", x, param, precision="highest")
    batch = y.shape[: y.ndim - len(out_layers) - 1]  # the target's missing hidden axes get size 1
    y = y.reshape(*batch, *(widths[ly] if ly in out_layers else 1 for ly in t_layers), y.shape[-1])
    shape = (*batch, *(widths[ly] for ly in t_layers), y.shape[-1])
    return jnp.broadcast_to(y, shape)


def dws_layer_apply(params: dict, weights) -> list[tuple[jax.Array, jax.Array]]:
    """Apply one equivariant layer to channel-last weights; returns the same structure (c_out).

    Equivariant: permuting hidden neurons of the input permutes the output the same way.

    Raises:
        TypeError, ValueError: ``weights`` as in ``widths_of``; ``params`` not built by
            ``dws_layer_init`` for these widths and this channel count (static shapes only).

    Example:
        >>> import jax
        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> weights = [  # an MLP with widths (2, 3, 1), one channel, channels last
        ...     (rng.normal(size=(3, 2, 1)), rng.normal(size=(3, 1))),
        ...     (rng.normal(size=(1, 3, 1)), rng.normal(size=(1, 1))),
        ... ]
        >>> layer = dws_layer_init(jax.random.key(0), (2, 3, 1), 1, 2)
        >>> out = dws_layer_apply(layer, weights)
        >>> [(w.shape, b.shape) for w, b in out]
        [((3, 2, 2), (3, 2)), ((1, 3, 2), (1, 2))]
        >>> p = np.array([2, 0, 1])  # reorder the hidden neurons: the output follows
        >>> moved = dws_layer_apply(layer, [(weights[0][0][p], weights[0][1][p]), (weights[1][0][:, p], weights[1][1])])
        >>> bool(np.allclose(moved[0][0], out[0][0][p], atol=1e-5))
        True
    """
    pairs = _as_pairs(weights)
    widths = _widths(pairs, channels=True)
    _check_layer(params, widths, pairs[0][0].shape[-1], "params")
    return _layer_apply(params, pairs, widths)


def _layer_apply(params: dict, pairs, widths: tuple[int, ...]) -> list[tuple[jax.Array, jax.Array]]:
    values = {}
    for m, (w, b) in enumerate(pairs, start=1):
        values[f"W{m}"], values[f"b{m}"] = w, b
    outs: dict[str, jax.Array] = {}
    for name, target, source, pooled in _terms(widths):
        y = _term(widths, values[source], params["terms"][name], target, source, pooled)
        outs[target] = y if target not in outs else outs[target] + y
    for name, bias in params["bias"].items():
        layers = object_layers(widths, name)
        expand = tuple(i for i, ly in enumerate(layers) if ly not in (0, len(widths) - 1))
        outs[name] = outs[name] + jnp.expand_dims(bias, expand) if expand else outs[name] + bias
    return [(outs[f"W{m}"], outs[f"b{m}"]) for m in range(1, len(widths))]
