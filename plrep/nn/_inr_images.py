"""INRs of 2-D grey-scale images, each from its own random initialisation, fitted with ``jax.vmap``.

An implicit neural representation (INR) of an image of shape (H, W) is an MLP g_θ: R^2 -> R with
g_θ(c_k) ≈ image[k] at the pixel centres c_k of ``image_grid(H, W)`` (coordinates in [-1, 1],
row-major: pixel (i, j) is c_{i W + j} = (y_i, x_j)). The MLP has widths (2, d_1, ..., d_{M-1}, 1)
and sin after every layer but the last (SIREN style, Sitzmann et al. 2020), with the frequency
ω_0 folded into the weights so that g_θ is exactly ``plrep.weightspace.mlp_forward(θ, c,
activation="sin")``; its parameters are [(W_m (d_m, d_{m-1}), b_m (d_m,))], the layout of
``plrep.weightspace`` and ``plrep.nn`` (DWS layers).

Image i starts from its own initialisation, drawn from ``jax.random.fold_in(key(seed), i)``:
independent across images and unchanged by the chunk size. This is how weight-space data sets
are made in practice (Navon et al., ICML 2023): the hidden-neuron order of one fitted INR says
nothing about that of another, unlike ``plrep.nn.fit_inrs(shared_init=True)``.

Fitting minimises the mean squared error over the pixels with Adam for a fixed number of steps
(``jax.lax.scan``); ``jax.vmap`` fits a chunk of images in one jitted call, and chunks bound
the memory. The same arguments give the same arrays.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
import optax

from plrep._validate import check_finite_array, check_finite_real, check_int
from plrep.nn._validate import MAX_SEED, check_key
from plrep.weightspace import check_params, check_widths
from plrep.weightspace._permute import _infer_widths  # the widths a parameter list chains

__all__ = [
    "MAX_CHUNK_ACTIVATIONS",
    "MAX_TOTAL_PARAMETERS",
    "fit_image_inrs",
    "image_grid",
    "image_inr_apply",
    "image_inr_init",
    "image_inr_inits",
    "num_parameters",
]

MAX_CHUNK_ACTIVATIONS = 10**8  # hidden activations of one chunk per step (400 MB of float32)
MAX_TOTAL_PARAMETERS = 10**9  # all fitted parameters together (4 GB of float32)
MAX_STEPS = 10**6  # Adam steps per INR: beyond this a fit runs for hours


def image_grid(height: int, width: int) -> np.ndarray:
    """Pixel-centre coordinates (height * width, 2) in [-1, 1], float32, row-major (y, x) pairs.

    Example:
        >>> image_grid(2, 3).tolist()
        [[-1.0, -1.0], [-1.0, 0.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 0.0], [1.0, 1.0]]
    """
    height = check_int(height, "height", minimum=2)
    width = check_int(width, "width", minimum=2)
    ys, xs = np.meshgrid(np.linspace(-1, 1, height), np.linspace(-1, 1, width), indexing="ij")
    return np.stack([ys.ravel(), xs.ravel()], axis=1).astype(np.float32)


def _check_image_widths(widths) -> tuple[int, ...]:
    widths = check_widths(widths)
    if len(widths) < 3 or widths[0] != 2 or widths[-1] != 1:
        raise ValueError(
            f"`widths` must be (2, d_1, ..., d_{{M-1}}, 1) with at least one hidden layer (an INR "
            f"R^2 -> R), got {widths} instead"
        )
    return widths


def num_parameters(widths) -> int:
    """sum_m d_m (d_{m-1} + 1): the parameters of one INR with these widths.

    Example:
        >>> num_parameters((2, 16, 16, 1))  # 16*3 + 16*17 + 1*17
        337"""
    widths = check_widths(widths)
    return sum(d * (e + 1) for d, e in zip(widths[1:], widths[:-1], strict=True))


def _check_omega(omega0) -> float:
    omega0 = check_finite_real(omega0, "omega0")
    if omega0 <= 0:
        raise ValueError(f"`omega0` must be a positive real number, got {omega0} instead")
    return omega0


def _init(key, widths: tuple[int, ...], omega0: float) -> list[tuple[jax.Array, jax.Array]]:
    """SIREN init with ω_0 folded in: first layer ω_0 U(±1/d_0), later hidden layers U(±sqrt(6/d)),
    so every pre-activation has the spread SIREN intends; last layer U(±sqrt(6/d)) / ω_0, small."""
    params = []
    for m in range(1, len(widths)):
        key, kw, kb = jax.random.split(key, 3)
        fan_in = widths[m - 1]
        if m == 1:
            bound = omega0 / fan_in
        elif m < len(widths) - 1:
            bound = math.sqrt(6 / fan_in)
        else:
            bound = math.sqrt(6 / fan_in) / omega0
        shape = (widths[m], fan_in)
        weight = jax.random.uniform(kw, shape, minval=-bound, maxval=bound)
        # the first layer's bias spreads the phases over one period; later ones stay small
        spread = math.pi if m == 1 else bound
        bias = jax.random.uniform(kb, (widths[m],), minval=-spread, maxval=spread)
        params.append((weight, bias))
    return params


def image_inr_init(key, widths=(2, 16, 16, 1), *, omega0: float = 10.0) -> list[tuple[jax.Array, jax.Array]]:
    """One INR's initial parameters [(W_m (d_m, d_{m-1}), b_m (d_m,))], float32.

    Raises:
        TypeError: ``key`` is not one ``jax.random`` key.
        ValueError: ``widths`` not (2, d_1, ..., 1) with a hidden layer, or ``omega0`` <= 0.

    Example:
        >>> import jax
        >>> [w.shape for w, b in image_inr_init(jax.random.key(0), (2, 8, 1))]
        [(8, 2), (1, 8)]
    """
    return _init(check_key(key), _check_image_widths(widths), _check_omega(omega0))


def image_inr_inits(num_images: int, widths=(2, 16, 16, 1), *, seed: int = 0, omega0: float = 10.0, start=0):
    """Initialisations of images start..start+num_images-1, each from ``fold_in(key(seed), i)``.

    Returns [(W_m (num_images, d_m, d_{m-1}), b_m (num_images, d_m))] as JAX arrays.

    Raises:
        TypeError, ValueError: a non-integer or negative ``num_images``/``seed``/``start``;
            ``widths`` and ``omega0`` as in ``image_inr_init``.

    Example:
        >>> inits = image_inr_inits(3, (2, 8, 1))
        >>> inits[0][0].shape  # three independent first-layer weight matrices
        (3, 8, 2)
        >>> bool((inits[0][0][0] != inits[0][0][1]).any())
        True
    """
    num_images = check_int(num_images, "num_images", minimum=1)
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    start = check_int(start, "start", minimum=0)
    widths, omega0 = _check_image_widths(widths), _check_omega(omega0)
    return _inits(jax.random.key(seed), start, num_images=num_images, widths=widths, omega0=omega0)


@partial(jax.jit, static_argnames=("num_images", "widths", "omega0"))
def _inits(base, start, *, num_images: int, widths: tuple[int, ...], omega0: float):
    """Jitted: eager dispatch of the many small random draws costs seconds; ``start`` is traced,
    so every chunk reuses one compilation."""
    keys = jax.vmap(lambda i: jax.random.fold_in(base, i))(start + jnp.arange(num_images))
    return jax.vmap(lambda k: _init(k, widths, omega0))(keys)


def _apply(params, coords: jax.Array) -> jax.Array:
    h = coords
    for m, (weight, bias) in enumerate(params):
        h = h @ weight.T + bias
        h = jnp.sin(h) if m < len(params) - 1 else h
    return h[..., 0]


def image_inr_apply(params, coords) -> np.ndarray:
    """g_θ at ``coords`` (P, 2) for one INR [(W_m (d_m, d_{m-1}), b_m (d_m,))]; result (P,) float32.

    Raises:
        TypeError, ValueError: ``params`` not a list of (W, b) pairs of finite arrays that chain
            from 2 inputs to 1 output; ``coords`` not a finite real array of shape (P, 2).

    Example:
        >>> import jax
        >>> params = image_inr_init(jax.random.key(0), (2, 8, 1))
        >>> image_inr_apply(params, image_grid(4, 4)).shape
        (16,)
    """
    widths = _check_image_widths(_infer_widths(params))
    params = check_params(params, widths)
    if params[0][0].ndim != 2:
        raise ValueError(f"`params` must be one unbatched INR, got W_1 of shape {params[0][0].shape} instead")
    coords = check_finite_array(coords, "coords", last_axis=2)
    if coords.ndim != 2:
        raise ValueError(f"`coords` must have shape (P, 2), got shape {coords.shape} instead")
    as32 = [(jnp.asarray(w, jnp.float32), jnp.asarray(b, jnp.float32)) for w, b in params]
    return np.asarray(_apply(as32, jnp.asarray(coords, jnp.float32)))


@partial(jax.jit, static_argnames=("steps", "learning_rate"))
def _fit_chunk(params, targets, coords, *, steps: int, learning_rate: float):
    """Adam on the pixel MSE for every INR of a chunk: params batched (C, ...), targets (C, P)."""
    optimizer = optax.adam(learning_rate)

    def fit_one(p, y):
        def loss(q):
            return jnp.mean((_apply(q, coords) - y) ** 2)

        def step(carry, _):
            q, state = carry
            grads = jax.grad(loss)(q)
            updates, state = optimizer.update(grads, state, q)
            return (optax.apply_updates(q, updates), state), None

        (p, _), _ = jax.lax.scan(step, (p, optimizer.init(p)), None, length=steps)
        return p, loss(p)

    return jax.vmap(fit_one)(params, targets)


def _check_images(images) -> np.ndarray:
    images = check_finite_array(images, "images")
    if images.ndim != 3 or images.shape[0] < 1 or min(images.shape[1:]) < 2:
        raise ValueError(
            f"`images` must have shape (N, H, W) with N >= 1 and H, W >= 2, got shape {images.shape} instead"
        )
    return images.astype(np.float32)


def _check_size(num_images: int, pixels: int, widths: tuple[int, ...], chunk_size: int) -> None:
    """Refuse work that would not fit in memory, from the shapes alone (before allocating)."""
    per_chunk = min(chunk_size, num_images) * pixels * sum(widths[1:-1])
    if per_chunk > MAX_CHUNK_ACTIVATIONS:
        raise ValueError(
            f"`chunk_size` must keep chunk_size x pixels x hidden units <= {MAX_CHUNK_ACTIVATIONS}, got "
            f"{per_chunk} instead (lower chunk_size or the widths)"
        )
    total = num_images * num_parameters(widths)
    if total > MAX_TOTAL_PARAMETERS:
        raise ValueError(
            f"`images` must keep N x parameters per INR <= {MAX_TOTAL_PARAMETERS}, got {num_images} x "
            f"{num_parameters(widths)} = {total} instead"
        )


def fit_image_inrs(
    images,
    *,
    widths=(2, 16, 16, 1),
    steps: int = 500,
    learning_rate: float = 1e-3,
    omega0: float = 10.0,
    seed: int = 0,
    chunk_size: int = 256,
    shared_init: bool = False,
    progress: Callable[[int], object] | None = None,
):
    """Fit one INR per image, each from its own initialisation (``image_inr_inits``), chunk by chunk.

    Args:
        images: (N, H, W) finite real values (scale them first: the INR fits them as given).
        widths: (2, d_1, ..., d_{M-1}, 1).
        steps, learning_rate: Adam steps per INR and step size (full batch: all H W pixels).
        omega0: the SIREN frequency folded into the first layer's initialisation.
        seed: the base of every image's key; image i always gets ``fold_in(key(seed), i)``.
        chunk_size: INRs fitted per jitted call (bounds memory; the result does not depend on it);
            a short last chunk is padded, so every call has one shape and compiles once.
        shared_init: start every image from image 0's initialisation instead (a control: the
            fitted INRs then share one hidden-neuron order, the flattened-weights MLP's best case).
        progress: called with the number of images finished after each chunk (e.g. tqdm.update).

    Returns:
        (params, errors): params [(W_m (N, d_m, d_{m-1}), b_m (N, d_m))] float32 numpy arrays,
        errors (N,) the final mean squared error per image.

    Raises:
        TypeError, ValueError: ``images`` not a finite real array (N, H, W); bad ``widths``,
            ``steps``, ``learning_rate``, ``omega0``, ``seed`` or ``chunk_size``; or work that
            exceeds ``MAX_CHUNK_ACTIVATIONS`` / ``MAX_TOTAL_PARAMETERS``.

    Example:
        >>> import numpy as np
        >>> images = np.random.default_rng(0).uniform(size=(2, 4, 4))
        >>> params, errors = fit_image_inrs(images, widths=(2, 8, 1), steps=200, learning_rate=1e-2)
        >>> params[0][0].shape, bool(errors.max() < images.var())
        ((2, 8, 2), True)
    """
    images = _check_images(images)
    widths = _check_image_widths(widths)
    steps = check_int(steps, "steps", minimum=1, maximum=MAX_STEPS)
    learning_rate = check_finite_real(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"`learning_rate` must be a positive real number, got {learning_rate} instead")
    omega0 = _check_omega(omega0)
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    chunk_size = check_int(chunk_size, "chunk_size", minimum=1)
    if not isinstance(shared_init, bool):
        raise TypeError(f"`shared_init` must be a bool, got {shared_init!r} instead")
    if progress is not None and not callable(progress):
        raise TypeError(f"`progress` must be callable or None, got {progress!r} instead")
    n, height, width = images.shape
    _check_size(n, height * width, widths, chunk_size)
    coords = jnp.asarray(image_grid(height, width))
    targets = images.reshape(n, height * width)
    size = min(chunk_size, n)
    pieces, errors = [], []
    for start in range(0, n, size):
        count = min(size, n - start)
        # pad a short last chunk to the common size: a few wasted fits instead of a recompilation
        chunk = targets[np.minimum(np.arange(start, start + size), n - 1)]
        init = image_inr_inits(size, widths, seed=seed, omega0=omega0, start=0 if shared_init else start)
        if shared_init:
            init = jax.tree_util.tree_map(lambda v: jnp.broadcast_to(v[:1], v.shape), init)
        fitted, loss = _fit_chunk(init, jnp.asarray(chunk), coords, steps=steps, learning_rate=learning_rate)
        pieces.append([(np.asarray(w)[:count], np.asarray(b)[:count]) for w, b in fitted])
        errors.append(np.asarray(loss)[:count])
        if progress is not None:
            progress(count)
    params = [
        (np.concatenate([p[m][0] for p in pieces]), np.concatenate([p[m][1] for p in pieces]))
        for m in range(len(widths) - 1)
    ]
    return params, np.concatenate(errors)
