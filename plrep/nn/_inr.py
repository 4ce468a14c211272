"""Many small sine INRs at once: fit f(x) = a sin(b x) with an MLP per function, vmapped (JAX, optax).

An implicit neural representation (INR) of f is an MLP g_θ: R -> R with g_θ ≈ f on a grid of
``num_points`` points x_k = -π + 2π k / (num_points - 1). Each INR has widths (1, d_1, ..., 1)
and the activation sin (SIREN style); its parameters are a list [(W_m, b_m)] in the layout of
``plrep.weightspace`` (W_m of shape (d_m, d_{m-1})). Fitting minimises the mean squared error
with Adam for a fixed number of steps (``jax.lax.scan``), and ``jax.vmap`` fits a whole batch
in one jitted call. With ``shared_init=True`` every INR starts from the same initialisation
(seeded by ``seed``), which makes the hidden-neuron order of the fitted INRs consistent
across the data set; neuron permutations then move an INR far from that common order.

Everything is reproducible: the same arguments give the same arrays.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
import optax

from plrep._validate import check_finite_array, check_finite_real, check_int
from plrep.nn._validate import MAX_SEED, check_finite_if_concrete, check_key, describe_value, real_array
from plrep.weightspace import check_widths

__all__ = [
    "MAX_GRID_POINTS",
    "fit_inrs",
    "fit_inrs_loop",
    "inr_apply",
    "inr_grid",
    "inr_init",
    "sine_targets",
]

MAX_STEPS = 100_000  # Adam steps of fit_inrs
MAX_FIT_WORK = 10**12  # multiply-adds of one fit_inrs call: minutes on a CPU
MAX_GRID_POINTS = 10**7  # 40 MB of float32; every INR is evaluated on the whole grid at each step


def inr_grid(num_points: int) -> np.ndarray:
    """x_k = -π + 2π k / (num_points - 1), k = 0..num_points-1 (float32).

    Raises:
        ValueError: ``num_points`` < 2 or > ``MAX_GRID_POINTS``.

    Example:
        >>> inr_grid(5).astype(float).round(4).tolist()
        [-3.1416, -1.5708, 0.0, 1.5708, 3.1416]
    """
    num_points = check_int(num_points, "num_points", minimum=2, maximum=MAX_GRID_POINTS)
    return np.linspace(-np.pi, np.pi, num_points, dtype=np.float32)


def sine_targets(a, b, x) -> np.ndarray:
    """a_i sin(b_i x_k), shape (len(a), len(x)); a, b and x are 1-D.

    Raises:
        ValueError: arrays that are not 1-D and finite, or ``a`` and ``b`` of different lengths.

    Example:
        >>> import numpy as np
        >>> sine_targets([1.0, 2.0], [1.0, 3.0], [0.0, np.pi / 2]).round(6) + 0.0
        array([[ 0.,  1.],
               [ 0., -2.]], dtype=float32)
    """
    a = check_finite_array(a, "a")
    b = check_finite_array(b, "b", last_axis=a.shape[-1])
    x = check_finite_array(x, "x")
    for name, array in (("a", a), ("b", b), ("x", x)):
        if array.ndim != 1:
            raise ValueError(f"`{name}` must be 1-D, got shape {array.shape} instead")
    return (a[:, None] * np.sin(b[:, None] * x[None, :])).astype(np.float32)


def _check_inr_widths(widths) -> tuple[int, ...]:
    widths = check_widths(widths)
    if widths[0] != 1 or widths[-1] != 1:
        raise ValueError(f"`widths` must start and end with 1 (an INR R -> R), got {widths} instead")
    return widths


def inr_init(key, widths) -> list[tuple[jax.Array, jax.Array]]:
    """Gaussian weights W_m ~ N(0, 1/d_{m-1}); uniform phases for the biases.

    The first layer's bias is U(-π, π), so its sinusoid-like features start at spread-out
    phases; later hidden biases are U(-π/10, π/10) (small, to keep the deeper layers near
    linear at the start); the output bias is 0. As d_0 = 1 the first weights are N(0, 1).

    Returns:
        [(W_m (d_m, d_{m-1}), b_m (d_m,))], float32 JAX arrays.

    Raises:
        TypeError, ValueError: a bad key, or widths that do not start and end with 1.

    Example:
        >>> import jax
        >>> params = inr_init(jax.random.key(0), (1, 4, 1))
        >>> [(w.shape, b.shape) for w, b in params]
        [((4, 1), (4,)), ((1, 4), (1,))]
    """
    key = check_key(key)
    widths = _check_inr_widths(widths)
    params = []
    for m in range(1, len(widths)):
        key, kw, kb = jax.random.split(key, 3)
        weight = jax.random.normal(kw, (widths[m], widths[m - 1])) / np.sqrt(widths[m - 1])
        hidden = m < len(widths) - 1
        bias = jax.random.uniform(kb, (widths[m],), minval=-np.pi, maxval=np.pi) if hidden else jnp.zeros(1)
        params.append((weight, bias * (1.0 if m == 1 else 0.1)))
    return params


def _check_inr_params(params) -> list[tuple[jax.Array, jax.Array]]:
    """Unbatched [(W_m (d_m, d_{m-1}), b_m (d_m,))] with d_0 = d_M = 1 (static shapes only)."""
    if isinstance(params, (str, bytes)) or not isinstance(params, Sequence) or len(params) == 0:
        raise TypeError(
            f"`params` must be a non-empty list of (W, b) pairs, got {describe_value(params)} instead"
        )
    out, previous = [], 1
    for i, pair in enumerate(params):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise TypeError(
                f"`params[{i}]` must be a pair (W_{i + 1}, b_{i + 1}), got {describe_value(pair)} instead"
            )
        weight, bias = (real_array(a, f"params[{i}]") for a in pair)
        rows = weight.shape[0] if weight.ndim == 2 else "d"
        last = i == len(params) - 1
        if weight.shape != (rows, previous) or bias.shape != (rows,) or rows == 0 or (last and rows != 1):
            want = 1 if last else f"d_{i + 1}"
            raise ValueError(
                f"`params[{i}]` must hold W_{i + 1} of shape ({want}, {previous}) and b_{i + 1} of shape "
                f"({want},) (an unbatched INR R -> R), got {weight.shape} and {bias.shape} instead"
            )
        out.append((weight, bias))
        previous = rows
    return out


def inr_apply(params, x) -> jax.Array:
    """g_θ(x) for x of shape (P,), result (P,): sin after every layer but the last.

    Raises:
        TypeError, ValueError: ``params`` not an unbatched INR [(W_m (d_m, d_{m-1}), b_m (d_m,))]
            with d_0 = d_M = 1, or ``x`` not a real array of shape (P,). Only static shapes
            and dtypes are checked, so this runs under ``jax.jit``.

    Example:
        >>> import jax
        >>> params = inr_init(jax.random.key(0), (1, 4, 1))
        >>> inr_apply(params, inr_grid(8)).shape
        (8,)
    """
    params = _check_inr_params(params)
    x = real_array(x, "x")
    if x.ndim != 1:
        raise ValueError(f"`x` must have shape (P,), got shape {x.shape} instead")
    check_finite_if_concrete(x, "x")  # eagerly only: tracers under jit pass unchecked
    for i, pair in enumerate(params):
        for j, array in enumerate(pair):
            check_finite_if_concrete(array, f"params[{i}][{j}]")
    h = x[:, None]
    for m, (weight, bias) in enumerate(params):
        h = h @ weight.T + bias
        h = jnp.sin(h) if m < len(params) - 1 else h
    return h[:, 0]


@partial(jax.jit, static_argnames=("steps", "learning_rate"))
def _fit_one(params, y, x, *, steps: int, learning_rate: float):
    optimizer = optax.adam(learning_rate)

    def loss(p):
        return jnp.mean((inr_apply(p, x) - y) ** 2)

    def step(carry, _):
        p, state = carry
        value, grads = jax.value_and_grad(loss)(p)
        updates, state = optimizer.update(grads, state, p)
        return (optax.apply_updates(p, updates), state), value

    (params, _), _ = jax.lax.scan(step, (params, optimizer.init(params)), None, length=steps)
    return params, loss(params)


@partial(jax.jit, static_argnames=("steps", "learning_rate", "shared"))
def _fit_many(params, ys, x, *, steps: int, learning_rate: float, shared: bool):
    fit = partial(_fit_one, steps=steps, learning_rate=learning_rate)
    return jax.vmap(fit, in_axes=(None if shared else 0, 0, None))(params, ys, x)


def _setup(a, b, widths, steps, learning_rate, num_points, seed, shared_init):
    widths = _check_inr_widths(widths)
    steps = check_int(steps, "steps", minimum=1, maximum=MAX_STEPS)
    learning_rate = check_finite_real(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"`learning_rate` must be positive, got {learning_rate} instead")
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    if not isinstance(shared_init, bool):
        raise TypeError(f"`shared_init` must be a bool, got {shared_init!r} instead")
    x = inr_grid(num_points)
    ys = sine_targets(a, b, x)
    work = steps * ys.shape[0] * x.size * sum(p * q for p, q in itertools.pairwise(widths))
    if work > MAX_FIT_WORK:
        raise ValueError(
            f"`steps`, the number of INRs, `num_points` and `widths` must keep steps x INRs x points x "
            f"weights at most {MAX_FIT_WORK:.0e}, got {work:.1e} instead"
        )
    key = jax.random.key(seed)
    if shared_init:
        init = inr_init(key, widths)
    else:
        init = jax.vmap(lambda k: inr_init(k, widths))(jax.random.split(key, ys.shape[0]))
    return widths, steps, learning_rate, x, ys, init


def fit_inrs(
    a,
    b,
    *,
    widths=(1, 32, 1),
    steps: int = 500,
    learning_rate: float = 1e-2,
    num_points: int = 64,
    seed: int = 0,
    shared_init: bool = True,
):
    """Fit one INR per (a_i, b_i) to a_i sin(b_i x) on ``inr_grid(num_points)``, all in one vmap.

    Returns:
        (params, losses): params [(W_m (N, d_m, d_{m-1}), b_m (N, d_m))] as numpy float32 arrays,
        losses (N,) the final mean squared errors.

    Args:
        a, b: 1-D arrays of amplitudes and frequencies, one INR per pair.
        widths: (1, d_1, ..., 1), the INR architecture.
        steps, learning_rate: Adam steps and step size.
        num_points: size of the grid.
        seed: seed of the initialisation.
        shared_init: start every INR from the same parameters.

    Raises:
        TypeError, ValueError: bad widths (not starting and ending with 1), steps, learning
            rate, grid size, seed, ``shared_init`` not a bool, or a and b not 1-D of one length.

    Example:
        >>> params, losses = fit_inrs([1.0, 0.5], [1.0, 2.0], widths=(1, 8, 1), steps=50, num_points=16)
        >>> [(w.shape, b.shape) for w, b in params], losses.shape  # a batch of N = 2 INRs
        ([((2, 8, 1), (2, 8)), ((2, 1, 8), (2, 1))], (2,))
        >>> _, start = fit_inrs([1.0, 0.5], [1.0, 2.0], widths=(1, 8, 1), steps=1, num_points=16)
        >>> bool((losses < start).all())  # 50 steps fit better than 1
        True
    """
    widths, steps, lr, x, ys, init = _setup(a, b, widths, steps, learning_rate, num_points, seed, shared_init)
    params, losses = _fit_many(
        init, jnp.asarray(ys), jnp.asarray(x), steps=steps, learning_rate=lr, shared=shared_init
    )
    return [(np.asarray(w), np.asarray(c)) for w, c in params], np.asarray(losses)


def fit_inrs_loop(a, b, **options):
    """Same result as ``fit_inrs`` (same keyword options), one jitted fit per INR in a Python loop:
    the benchmark baseline.

    Raises:
        TypeError: an option that ``fit_inrs`` does not take; otherwise as ``fit_inrs``.

    Example:
        >>> import numpy as np
        >>> options = dict(widths=(1, 8, 1), steps=50, num_points=16)
        >>> _, looped = fit_inrs_loop([1.0, 0.5], [1.0, 2.0], **options)
        >>> _, vmapped = fit_inrs([1.0, 0.5], [1.0, 2.0], **options)
        >>> bool(np.allclose(looped, vmapped, rtol=1e-3, atol=1e-6))
        True
    """
    unknown = sorted(set(options) - set(fit_inrs.__kwdefaults__))
    if unknown:
        raise TypeError(f"`options` must be keyword options of fit_inrs, got unknown {unknown} instead")
    options = {**fit_inrs.__kwdefaults__, **options}
    shared_init = options["shared_init"]
    widths, steps, lr, x, ys, init = _setup(a, b, **options)
    results = []
    for i in range(ys.shape[0]):
        start = init if shared_init else jax.tree_util.tree_map(lambda v, i=i: v[i], init)
        results.append(_fit_one(start, jnp.asarray(ys[i]), jnp.asarray(x), steps=steps, learning_rate=lr))
    params = [
        (
            np.stack([np.asarray(r[0][m][0]) for r in results]),
            np.stack([np.asarray(r[0][m][1]) for r in results]),
        )
        for m in range(len(widths) - 1)
    ]
    return params, np.array([float(r[1]) for r in results])
