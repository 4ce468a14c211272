"""Regenerable INR data sets: SIRENs fitted from a seed, every choice recorded next to the weights.

Weight-space learning results depend on how the INRs were made (widths, ω₀, initialisation,
output offset, stopping rule, learning rate, shared or independent starts): users who refit the
DWSNets data with other choices report very different accuracies. ``INRSpec`` holds all of
these; ``fit_sirens`` fits one SIREN per target signal under a spec, ``make_inr_dataset`` builds a
whole named data set (``"sines"``: a·sin(b·x), ``"digits"``: scikit-learn's 8×8 digits) from a
seed, and ``save_inr_dataset`` writes the weights together with the spec as JSON (inside the
``.npz`` and beside it), so a data set can always be regenerated and compared.

The SIREN (Sitzmann et al. 2020) computes h ← sin(ω₀ (W h + b)) in every hidden layer and
W h + b + ``output_offset`` at the end. It is fitted in that parametrisation (so Adam's step
sizes are the published ones) and returned with ω₀ and the offset folded in, W' = ω₀ W,
b' = ω₀ b in hidden layers and b'_M = b_M + offset, so that the stored INR is exactly
``plrep.weightspace.mlp_forward(θ', c, activation="sin")``. Folding rescales each layer by one
scalar, which per-layer normalisation (``layer_statistics``) removes again.

Initialisation ("siren"): W_1 ~ U(±1/d_0), later W_m ~ U(±sqrt(6/d_{m-1})/ω₀) (the SIREN
scheme); biases zero (``bias_init="zero"``, the DWSNets recipe) or U(±1/sqrt(d_{m-1}))
(``"uniform"``, PyTorch's default). Each INR i starts from ``fold_in(key(seed), i)`` unless
``shared_init``. Stopping: Adam with ``learning_rate`` for at most ``max_steps``; an INR stops
(its parameters freeze) at the first step whose PSNR = 10 log10(peak² / MSE) reaches
``psnr_stop`` dB, with peak the target's range max − min (1 for an image spanning [0, 1]).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from functools import partial
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax

from plrep._validate import check_finite_array, check_finite_real, check_int, describe
from plrep.nn._validate import MAX_SEED
from plrep.weightspace import check_widths

__all__ = [
    "INR_DATASETS",
    "INR_DEFAULT_SPECS",
    "MAX_DATASET_ENTRIES",
    "MAX_DATASET_FIT_WORK",
    "INRSpec",
    "fit_sirens",
    "layer_statistics",
    "load_inr_dataset",
    "make_inr_dataset",
    "save_inr_dataset",
]

MAX_DATASET_FIT_WORK = 10**13  # multiply-adds of one fit (steps x INRs x points x weights): hours on a CPU
# Entries of one fit's targets and fitted weights together: 2^27, 1 GiB as float64.
MAX_DATASET_ENTRIES = 2**27
INR_DATASETS = ("sines", "digits")
_BIAS_INITS = ("zero", "uniform")


@dataclass(frozen=True)
class INRSpec:
    """Every choice that makes an INR data set (the defaults are the DWSNets image recipe).

    Attributes:
        widths: (d_0, ..., d_M) of the SIREN.
        omega0: the SIREN frequency ω₀ (30 in SIREN and DWSNets).
        bias_init: ``"zero"`` (DWSNets) or ``"uniform"`` (U(±1/sqrt(fan-in))).
        output_offset: added to the output (DWSNets: 0.5, so images in [0, 1] start centred).
        learning_rate, max_steps: Adam, full batch.
        psnr_stop: stop an INR once its PSNR (dB) reaches this; None: always ``max_steps``.
        shared_init: every INR from the initialisation of INR 0 (a control, not the practice).

    Example:
        >>> spec = INRSpec(widths=(2, 32, 32, 1))
        >>> spec.omega0, spec.bias_init, spec.output_offset, spec.psnr_stop, spec.max_steps
        (30.0, 'zero', 0.5, 40.0, 1000)
    """

    widths: tuple[int, ...]
    omega0: float = 30.0
    bias_init: str = "zero"
    output_offset: float = 0.5
    learning_rate: float = 5e-4
    max_steps: int = 1000
    psnr_stop: float | None = 40.0
    shared_init: bool = False

    def __post_init__(self):
        object.__setattr__(self, "widths", check_widths(self.widths))
        for name in ("omega0", "learning_rate"):
            value = check_finite_real(getattr(self, name), name)
            if value <= 0:
                raise ValueError(f"`{name}` must be a positive real number, got {value} instead")
            object.__setattr__(self, name, value)
        object.__setattr__(self, "output_offset", check_finite_real(self.output_offset, "output_offset"))
        if self.bias_init not in _BIAS_INITS:
            raise ValueError(f"`bias_init` must be one of {_BIAS_INITS}, got {self.bias_init!r} instead")
        object.__setattr__(
            self, "max_steps", check_int(self.max_steps, "max_steps", minimum=1, maximum=10**6)
        )
        if self.psnr_stop is not None:
            object.__setattr__(self, "psnr_stop", check_finite_real(self.psnr_stop, "psnr_stop"))
        if not isinstance(self.shared_init, bool):
            raise TypeError(f"`shared_init` must be a bool, got {describe(self.shared_init)} instead")

    def to_dict(self) -> dict:
        """JSON-ready: the fields, widths as a list."""
        return {**asdict(self), "widths": list(self.widths)}

    @classmethod
    def from_dict(cls, data: dict) -> INRSpec:
        """The inverse of ``to_dict`` (unknown keys are an error)."""
        names = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or set(data) - names:
            raise ValueError(f"`data` must be a dict with keys among {sorted(names)}, got {describe(data)}")
        return cls(**{**data, "widths": tuple(data["widths"])})


def _init_one(key, spec: INRSpec) -> list[tuple[jax.Array, jax.Array]]:
    widths, params = spec.widths, []
    for m in range(1, len(widths)):
        key, kw, kb = jax.random.split(key, 3)
        fan_in = widths[m - 1]
        bound = 1.0 / fan_in if m == 1 else math.sqrt(6.0 / fan_in) / spec.omega0
        weight = jax.random.uniform(kw, (widths[m], fan_in), minval=-bound, maxval=bound)
        if spec.bias_init == "zero":
            bias = jnp.zeros(widths[m])
        else:
            bias = jax.random.uniform(kb, (widths[m],), minval=-1.0, maxval=1.0) / math.sqrt(fan_in)
        params.append((weight, bias))
    return params


def _forward(params, coords, omega0: float, offset: float):
    h = coords
    for m, (weight, bias) in enumerate(params):
        h = h @ weight.T + bias
        h = jnp.sin(omega0 * h) if m < len(params) - 1 else h
    return h[..., 0] + offset


SEGMENT_STEPS = 50  # steps per jitted call: a chunk stops early once every INR has reached the PSNR stop


@partial(jax.jit, static_argnames=("spec", "length"))
def _fit_segment(carry, targets, coords, peaks, *, spec: INRSpec, length: int):
    """``length`` Adam steps for every INR of a chunk; an INR freezes (parameters and optimiser
    state) at the first step whose loss is at or below its PSNR threshold."""
    optimizer = optax.adam(spec.learning_rate)
    stop_mse = -1.0 if spec.psnr_stop is None else 10.0 ** (-spec.psnr_stop / 10.0)

    def fit_one(carry, y, peak):
        def loss(p):
            return jnp.mean((_forward(p, coords, spec.omega0, spec.output_offset) - y) ** 2)

        def step(carry, _):
            p, state, done, used = carry
            value, grads = jax.value_and_grad(loss)(p)
            done = done | (value <= stop_mse * peak**2)
            updates, new_state = optimizer.update(grads, state, p)
            new_p = optax.apply_updates(p, updates)
            keep = partial(jnp.where, done)
            p = jax.tree_util.tree_map(keep, p, new_p)
            state = jax.tree_util.tree_map(keep, state, new_state)
            return (p, state, done, used + (~done).astype(jnp.int32)), None

        carry, _ = jax.lax.scan(step, carry, None, length=length)
        return carry, loss(carry[0])

    return jax.vmap(fit_one)(carry, targets, peaks)


def _fit_chunk(init, targets, coords, peaks, *, spec: INRSpec):
    """Fit a chunk segment by segment (``SEGMENT_STEPS``), stopping when every INR has stopped."""
    optimizer = optax.adam(spec.learning_rate)
    n = targets.shape[0]
    carry = (init, jax.vmap(optimizer.init)(init), jnp.zeros(n, bool), jnp.zeros(n, jnp.int32))
    done_steps = 0
    while done_steps < spec.max_steps:
        length = min(SEGMENT_STEPS, spec.max_steps - done_steps)
        carry, mse = _fit_segment(carry, targets, coords, peaks, spec=spec, length=length)
        done_steps += length
        if spec.psnr_stop is not None and bool(
            np.all(np.asarray(mse) <= 10.0 ** (-spec.psnr_stop / 10.0) * np.asarray(peaks) ** 2)
        ):
            break
    params, _, _, used = carry
    mse = jax.vmap(lambda p, y: jnp.mean((_forward(p, coords, spec.omega0, spec.output_offset) - y) ** 2))(
        params, targets
    )
    return params, mse, used


@partial(jax.jit, static_argnames=("count", "spec"))
def _inits(base, start, *, count: int, spec: INRSpec):
    keys = jax.vmap(lambda i: jax.random.fold_in(base, i))(start + jnp.arange(count))
    return jax.vmap(lambda k: _init_one(k, spec))(keys)


def _check_fit_size(num: int, points: int, spec: INRSpec, what: str) -> None:
    """Refuse a fit whose work or whose arrays (targets and fitted weights) are too large."""
    weights = sum(a * b for a, b in zip(spec.widths[:-1], spec.widths[1:], strict=True))
    work = spec.max_steps * num * points * weights
    if work > MAX_DATASET_FIT_WORK:
        raise ValueError(
            f"{what} must keep steps x INRs x points x weights <= {MAX_DATASET_FIT_WORK:.0e}, got {work:.1e} instead"
        )
    entries = num * (points + weights + sum(spec.widths[1:]))
    if entries > MAX_DATASET_ENTRIES:
        raise ValueError(
            f"{what} must keep INRs x (points + weights + biases) <= {MAX_DATASET_ENTRIES:.2e} "
            f"(1 GiB as float64), got {entries:.2e} instead"
        )


def _check_progress(progress) -> None:
    if progress is not None and not callable(progress):
        raise TypeError(
            f"`progress` must be None or a callable taking the number of INRs just fitted, got {describe(progress)} instead"
        )


def fit_sirens(
    targets,
    coords,
    spec: INRSpec,
    *,
    seed: int = 0,
    chunk_size: int = 512,
    progress: Callable[[int], object] | None = None,
):
    """Fit one SIREN per row of ``targets`` (N, P) at ``coords`` (P, d_0) under ``spec``.

    Returns:
        (params, fit_mse, steps): params [(W_m (N, d_m, d_{m-1}), b_m (N, d_m))] float32 with ω₀
        and the offset folded in (module docstring), fit_mse (N,), steps (N,) the Adam steps
        each INR took before its PSNR stop (``max_steps`` if it never reached it).

    Raises:
        TypeError, ValueError: ``spec`` not an ``INRSpec``; targets or coords not finite 2-D
            arrays matching each other and the widths; work above ``MAX_DATASET_FIT_WORK``.

    Example:
        >>> import numpy as np
        >>> coords = np.linspace(-1, 1, 16, dtype=np.float32)[:, None]
        >>> spec = INRSpec(widths=(1, 8, 1), omega0=3.0, output_offset=0.0, learning_rate=1e-2,
        ...                max_steps=300, psnr_stop=30.0)
        >>> params, mse, steps = fit_sirens(np.sin(2 * coords.T), coords, spec)
        >>> from plrep.weightspace import mlp_forward
        >>> folded = [(w[0], b[0]) for w, b in params]
        >>> bool(np.allclose(mlp_forward(folded, coords, activation="sin")[:, 0], np.sin(2 * coords[:, 0]), atol=0.1))
        True
    """
    if not isinstance(spec, INRSpec):
        raise TypeError(f"`spec` must be an INRSpec, got {describe(spec)} instead")
    targets = check_finite_array(targets, "targets")
    coords = check_finite_array(coords, "coords", last_axis=spec.widths[0])
    if targets.ndim != 2 or coords.ndim != 2 or targets.shape[1] != coords.shape[0] or len(targets) < 1:
        raise ValueError(
            f"`targets` must have shape (N, P) with N >= 1 and P = len(coords) = {coords.shape[0]}, "
            f"got shape {targets.shape} instead"
        )
    if spec.widths[-1] != 1:
        raise ValueError(f"`spec.widths` must end with 1 (one output), got {spec.widths} instead")
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    chunk_size = check_int(chunk_size, "chunk_size", minimum=1)
    _check_progress(progress)
    n, points = targets.shape
    _check_fit_size(n, points, spec, "`targets` and `spec`")
    size = min(chunk_size, n)
    base = jax.random.key(seed)
    peaks = np.maximum(targets.max(axis=1) - targets.min(axis=1), 1e-6).astype(np.float32)
    coords_j = jnp.asarray(coords, jnp.float32)
    pieces, mses, used = [], [], []
    for start in range(0, n, size):
        count = min(size, n - start)
        rows = np.minimum(np.arange(start, start + size), n - 1)  # pad: one shape, one compilation
        init = _inits(base, 0 if spec.shared_init else start, count=size, spec=spec)
        if spec.shared_init:
            init = jax.tree_util.tree_map(lambda v: jnp.broadcast_to(v[:1], v.shape), init)
        fitted, mse, steps = _fit_chunk(
            init, jnp.asarray(targets[rows], jnp.float32), coords_j, jnp.asarray(peaks[rows]), spec=spec
        )
        pieces.append([(np.asarray(w)[:count], np.asarray(b)[:count]) for w, b in fitted])
        mses.append(np.asarray(mse)[:count])
        used.append(np.asarray(steps)[:count])
        if progress is not None:
            progress(count)
    params = []
    last = len(spec.widths) - 2
    for m in range(len(spec.widths) - 1):
        w = np.concatenate([p[m][0] for p in pieces])
        b = np.concatenate([p[m][1] for p in pieces])
        if m < last:  # fold ω₀ into the hidden layers and the offset into the output bias
            w, b = spec.omega0 * w, spec.omega0 * b
        else:
            b = b + spec.output_offset
        params.append((w.astype(np.float32), b.astype(np.float32)))
    return params, np.concatenate(mses), np.concatenate(used)


def layer_statistics(params, index=None) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Per-layer normalisation constants [((mean W_m, std W_m), (mean b_m, std b_m))] over the INRs
    ``index`` (all when None): one scalar pair per object, so it commutes with neuron permutations
    and sign flips of the standardised inputs up to the mean (DWSNets normalise inputs this way).

    Example:
        >>> import numpy as np
        >>> params = [(np.ones((4, 3, 1)), np.zeros((4, 3))), (2 * np.ones((4, 1, 3)), np.zeros((4, 1)))]
        >>> layer_statistics(params)[1][0]
        (2.0, 0.0)
    """
    index = slice(None) if index is None else index
    return [tuple((float(np.mean(v[index])), float(np.std(v[index]))) for v in pair) for pair in params]


# -------------------------------------------------------------------------------- named data sets


SINE_GRID_POINTS = 64
SINE_RANGE = 10.0
# Grid points of each named data set's functions (8 x 8 digits).
DATASET_POINTS = {"sines": SINE_GRID_POINTS, "digits": 64}


def _sines(num: int, seed: int):
    """a, b ~ U(0, 10) and a·sin(b·x) at x_k on [-π, π]; the SIREN sees t = x / π in [-1, 1]."""
    rng = np.random.default_rng([seed, 1])
    a = rng.uniform(0, SINE_RANGE, num)
    b = rng.uniform(0, SINE_RANGE, num)
    t = np.linspace(-1, 1, SINE_GRID_POINTS)
    targets = a[:, None] * np.sin(b[:, None] * np.pi * t[None, :])
    return targets, t[:, None], {"a": a.astype(np.float32), "b": b.astype(np.float32)}


def _digits(num: int, seed: int):
    """scikit-learn's bundled 8×8 digits (no download), intensities / 16 in [0, 1], in file order."""
    from sklearn.datasets import load_digits  # the optional extra `analysis`

    from plrep.nn._inr_images import image_grid

    digits = load_digits()
    if num > len(digits.target):
        raise ValueError(f"`num` must be at most {len(digits.target)} for digits, got {num} instead")
    images = (digits.images[:num] / 16.0).astype(np.float32)
    labels = digits.target[:num].astype(np.int64)
    return images.reshape(num, -1), image_grid(8, 8), {"images": images, "labels": labels}


INR_DEFAULT_SPECS = {
    # 1-D: t in [-1, 1], a sin(b π t) has up to 10 periods; ω₀ = 30 covers them (SIREN recipe)
    "sines": INRSpec(
        widths=(1, 32, 1), omega0=30.0, output_offset=0.0, learning_rate=1e-3, max_steps=1000, psnr_stop=40.0
    ),
    "digits": INRSpec(widths=(2, 32, 32, 1)),  # the DWSNets MNIST recipe
}


def make_inr_dataset(
    name: str, num: int, *, spec: INRSpec | None = None, seed: int = 0, progress=None
) -> dict:
    """Fit a named INR data set from a seed: ``"sines"`` (a, b ~ U(0, 10), a·sin(b·x) on [-π, π]
    at 64 points) or ``"digits"`` (the first ``num`` 8×8 scikit-learn digits).

    Returns a dict of plain arrays ``W1, b1, ..., WM, bM, fit_mse, steps, coords, targets`` plus
    the labels (``a``, ``b`` or ``images``, ``labels``) and ``"spec"``, ``"dataset"``, ``"seed"``.

    Raises:
        ValueError: an unknown name, ``num`` < 1, a spec whose d_0 does not fit the data.

    Example:
        >>> from dataclasses import replace
        >>> spec = replace(INR_DEFAULT_SPECS["sines"], widths=(1, 4, 1), max_steps=5)
        >>> data = make_inr_dataset("sines", 3, spec=spec)
        >>> data["W1"].shape, data["a"].shape, data["spec"]["omega0"]
        ((3, 4, 1), (3,), 30.0)
    """
    if not isinstance(name, str) or name not in INR_DATASETS:
        raise ValueError(f"`name` must be one of {INR_DATASETS}, got {describe(name)} instead")
    num = check_int(num, "num", minimum=1, maximum=10**7)
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    spec = INR_DEFAULT_SPECS[name] if spec is None else spec
    if not isinstance(spec, INRSpec):
        raise TypeError(f"`spec` must be an INRSpec or None, got {describe(spec)} instead")
    want = 1 if name == "sines" else 2
    if spec.widths[0] != want:
        raise ValueError(f"`spec.widths` must start with {want} for {name}, got {spec.widths} instead")
    _check_progress(progress)
    # sized before the data set is drawn: 10^7 sines alone would be 5 GB of targets
    _check_fit_size(num, DATASET_POINTS[name], spec, f"`num` ({num}) and `spec`")
    targets, coords, labels = (_sines if name == "sines" else _digits)(num, seed)
    params, mse, steps = fit_sirens(targets, coords, spec, seed=seed, progress=progress)
    out = {}
    for m, (w, b) in enumerate(params, start=1):
        out[f"W{m}"], out[f"b{m}"] = w, b
    out.update(
        fit_mse=mse.astype(np.float32),
        steps=steps.astype(np.int64),
        coords=np.asarray(coords, np.float32),
        targets=np.asarray(targets, np.float32),
        **labels,
    )
    return {**out, "spec": spec.to_dict(), "dataset": name, "seed": seed}


def save_inr_dataset(data: dict, path, *, force: bool = False) -> Path:
    """Write ``make_inr_dataset``'s result to ``path`` (.npz, plain arrays, the spec as a JSON
    string array ``spec_json``) and the same JSON record to ``path`` with suffix ``.json``.

    Atomic, never through a symlink, never over an existing file unless ``force``.

    Raises:
        ValueError: a target that is a symlink or not a regular file, or exists without ``force``.

    Example:
        >>> import tempfile
        >>> from dataclasses import replace
        >>> spec = replace(INR_DEFAULT_SPECS["sines"], widths=(1, 4, 1), max_steps=5)
        >>> folder = Path(tempfile.mkdtemp())
        >>> path = save_inr_dataset(make_inr_dataset("sines", 3, spec=spec), folder / "sines.npz")
        >>> load_inr_dataset(path)["spec"] == spec.to_dict(), (folder / "sines.json").exists()
        (True, True)
    """
    path = Path(path)
    record = {"dataset": data["dataset"], "seed": data["seed"], "spec": data["spec"]}
    record["num"] = len(data["fit_mse"])
    arrays = {k: v for k, v in data.items() if isinstance(v, np.ndarray)}
    text = json.dumps(record, indent=1)

    def write_npz(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            np.savez_compressed(handle, spec_json=np.array(text), **arrays)

    from plrep._files import check_output_target, write_atomic

    for target in (path, path.with_suffix(".json")):  # check both before writing either
        check_output_target(target, "path", force=force)
    write_atomic(path, write_npz, argument="path", force=force)
    write_atomic(
        path.with_suffix(".json"), lambda tmp: tmp.write_text(text + "\n"), argument="path", force=force
    )
    return path


def load_inr_dataset(path) -> dict:
    """Read a ``save_inr_dataset`` file back (no pickles; every member's size checked first):
    the arrays plus ``"spec"``, ``"dataset"`` and ``"seed"`` from its recorded JSON.

    Raises:
        ValueError: not a readable .npz, or no valid ``spec_json`` record in it.

    Example:
        >>> import tempfile
        >>> from dataclasses import replace
        >>> spec = replace(INR_DEFAULT_SPECS["sines"], widths=(1, 2, 1), max_steps=2)
        >>> path = save_inr_dataset(make_inr_dataset("sines", 2, spec=spec, seed=5), Path(tempfile.mkdtemp()) / "s.npz")
        >>> data = load_inr_dataset(path)
        >>> data["seed"], data["W1"].shape
        (5, (2, 2, 1))
    """
    from plrep._files import read_npz

    arrays = read_npz(path, "path")
    try:
        record = json.loads(str(arrays.pop("spec_json")))
        spec = INRSpec.from_dict(record["spec"])
        dataset, seed = record["dataset"], int(record["seed"])
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(
            f"`path` must be an INR data set from save_inr_dataset, got {str(path)!r}: {error}"
        ) from None
    return {**arrays, "spec": spec.to_dict(), "dataset": dataset, "seed": seed}
