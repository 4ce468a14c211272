"""``assert_equivariant``: check a user's layer or map against a group action.

A map f: R^X -> R^Y is G-equivariant iff f(g.x) = g.f(x) for every g; checking the group's
generators suffices, because if f commutes with s and with t it commutes with st. The check
uses random inputs (a seeded numpy Generator), so a map that is equivariant only on special
inputs is caught; nonlinear maps are fine.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from plrep._validate import check_finite_real, check_int, describe
from plrep.gsets import GSet, as_gset

__all__ = ["assert_equivariant"]


def _act(images: np.ndarray, values: np.ndarray) -> np.ndarray:
    """(g.f)(x) = f(g^-1 x) on the last axis: out[..., g x] = f[..., x]."""
    out = np.empty_like(values)
    out[..., images] = values
    return out


def _evaluate(f: Callable, x: np.ndarray, target: GSet) -> np.ndarray:
    y = np.asarray(f(x), dtype=np.float64)
    if y.shape[:-1] != x.shape[:-1] or y.ndim == 0 or y.shape[-1] != target.size:
        raise AssertionError(
            f"`f` must map inputs of shape {x.shape} to shape {(*x.shape[:-1], target.size)}, "
            f"got {y.shape} instead"
        )
    return y


def assert_equivariant(
    f: Callable,
    source,
    target=None,
    *,
    inputs=None,
    num_inputs: int = 4,
    rtol: float = 1e-6,
    atol: float = 1e-6,
    seed: int = 0,
) -> None:
    """Assert f(g.x) = g.f(x) for every generator g of the group (hence every element).

    Args:
        f: maps arrays of shape (batch, |X|) to (batch, |Y|) (numpy or JAX; outputs are
            converted with ``np.asarray``).
        source: the G-set X (a ``GSet``, a group for its regular module, or a spec such as
            ``"S4:natural"``).
        target: the G-set Y of the same group (default: X).
        inputs: inputs to test, shape (batch, |X|); default ``num_inputs`` standard normal rows.
        rtol, atol: tolerances of the comparison, as in ``np.testing.assert_allclose``; choose
            them from the dtype of f (float32 maps need about 1e-5 relative).
        seed: seed of the default inputs.

    Raises:
        AssertionError: naming the generator and the largest deviation.

    Example:
        >>> import numpy as np
        >>> assert_equivariant(lambda x: np.maximum(x, 0), "C8")  # pointwise maps commute
        >>> assert_equivariant(lambda x: x.sum(-1, keepdims=True) + x, "S4:natural")
    """
    source = as_gset(source, "source")
    target = source if target is None else as_gset(target, "target")
    if target.group != source.group:
        raise ValueError(
            f"`target` must be a G-set of {source.group.name}, got one of {target.group.name} instead"
        )
    if not callable(f):
        raise TypeError(f"`f` must be callable, got {describe(f)} instead")
    rtol, atol = check_finite_real(rtol, "rtol"), check_finite_real(atol, "atol")
    if inputs is None:
        count = check_int(num_inputs, "num_inputs", minimum=1, maximum=4096)
        inputs = np.random.default_rng(check_int(seed, "seed", minimum=0)).normal(size=(count, source.size))
    x = np.asarray(inputs, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != source.size:
        raise ValueError(f"`inputs` must have shape (batch, {source.size}), got {describe(x)} instead")
    fx = _evaluate(f, x, target)
    for index, (into_source, into_target) in enumerate(
        zip(source.generators, target.generators, strict=True)
    ):
        moved_first = _evaluate(f, _act(into_source, x), target)
        moved_after = _act(into_target, fx)
        deviation = np.abs(moved_first - moved_after)
        if not np.all(deviation <= atol + rtol * np.abs(moved_after)):
            raise AssertionError(
                f"f is not equivariant for generator {index} of {source.group.name}: "
                f"max |f(g.x) - g.f(x)| = {deviation.max():.3g} (rtol {rtol:g}, atol {atol:g})"
            )
