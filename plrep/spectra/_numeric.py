"""Numerical Fourier coefficients of f(x) = sigma(a sin x + b), accurate near kinks.

Two methods, both vectorised over a batch of (a, b) pairs and both adaptive:

* Smooth sigma (no kinks): f is periodic and analytic, so the trapezoidal rule, i.e. the
  FFT of N samples, gives c_k with an aliasing error sum_{j != 0} c_{k + jN} that decays
  geometrically in N. N doubles until the computed |c_m| for N/4 <= m <= N/2 (an estimate
  of the aliased tail) is below the tolerance; K <= N/4 keeps the wanted k clear of it.
* Kinked sigma: f is analytic between the breakpoints x where a sin x + b hits a kink kappa
  of sigma (sin x = (kappa - b)/a: two points per crossed kink). A plain FFT would converge
  only like N^-2 there. Instead [0, 2 pi) is cut into M equal panels of width H = 2 pi/M,
  each integrated by q-point Gauss-Legendre. Panels free of breakpoints share their nodes
  x = H (p + tau_j) across the batch, so their contribution
  sum_j H w_j e^{-ik H tau_j} sum_p f(x_{p,j}) e^{-2 pi i k p / M} is one FFT over p per node
  j. Panels containing breakpoints are split there and summed directly. A panel is resolved
  when the last two Legendre coefficients of f on it are below the tolerance (the error of
  the q-point rule on an analytic piece is bounded by them); M starts at K H <= 16 (so
  e^{-ikx} itself is integrated to ~1e-20 by 20 points) and doubles until every panel is.
  Next to a kink, sigma may change on the scale of its own argument (ELU: e^u - 1 for u < 0),
  which in x is a layer of width s = 1/|du/dx| = 1/|a cos x_0| (1/sqrt|a| where the kink sits
  at an extremum): for a = 1e5 far thinner than any panel, so it would fall between the nodes
  and the Legendre tail would not see it. Each breakpoint therefore also cuts at
  x_0 +- s (1, 2, 4, 8, 16, 24, ..., 48): every sub-interval spans at most 8 units of u, where
  20 points integrate e^u to ~1e-20, and past 48 units e^u < 1e-20.

Both return complex c_k = (1/2 pi) int f(x) e^{-ikx} dx, k = 0..K, and an error estimate.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

__all__ = ["breakpoints", "numeric_complex_coefficients"]

_Q = 20
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(_Q)
_TAU = (_GL_NODES + 1.0) / 2.0  # nodes on [0, 1]
_W = _GL_WEIGHTS / 2.0
# Rows: Legendre coefficients q-2 and q-1 of the interpolant through the q nodes.
_TAIL = np.stack(
    [
        (2 * m + 1) / 2 * _GL_WEIGHTS * np.polynomial.legendre.Legendre.basis(m)(_GL_NODES)
        for m in (_Q - 2, _Q - 1)
    ]
)
_PANEL_FREQUENCY = 16.0  # largest k H on one panel
_RELATIVE_TOLERANCE = 1e-14
_MAX_SAMPLES = 2**22  # per pair, a bound on the work one call may do
_CHUNK_ELEMENTS = 2**21
_BATCH_ELEMENTS = 2**23  # samples held at once across a batch


def numeric_complex_coefficients(
    activation, amplitude: np.ndarray, bias: np.ndarray, harmonics: int
) -> tuple[np.ndarray, np.ndarray]:
    """c_k, k = 0..K, of sigma(a sin x + b) for pairs of shape (B,); returns (c (B, K+1), error (B,)).

    ``activation`` is a ``plrep.activations.Activation``. The error is an estimate of the
    largest absolute error of the real coefficients a_k, b_k.
    """
    if activation.kinks:
        return _adaptive(_panel_rule, activation, amplitude, bias, harmonics)
    return _adaptive(_fft_rule, activation, amplitude, bias, harmonics)


def _adaptive(rule, activation, amplitude, bias, harmonics):
    size = amplitude.shape[0]
    coefficients = np.zeros((size, harmonics + 1), dtype=np.complex128)
    errors = np.zeros(size)
    pending = np.arange(size)
    resolution = rule.initial(harmonics)
    while pending.size:
        last = rule.samples(resolution * 2) > _MAX_SAMPLES
        rows = max(1, _BATCH_ELEMENTS // rule.samples(resolution))
        unresolved = []
        for first in range(0, pending.size, rows):
            chunk = pending[first : first + rows]
            c, error, scale, rounding = rule(activation, amplitude[chunk], bias[chunk], harmonics, resolution)
            done = last | (error <= _RELATIVE_TOLERANCE * scale)
            # Refinement answers the truncation error only (a finer grid cannot lower rounding);
            # the reported error adds the rounding bound, which dominates at large amplitude.
            coefficients[chunk[done]], errors[chunk[done]] = c[done], error[done] + rounding[done]
            unresolved.append(chunk[~done])
            if last and np.any(error > _RELATIVE_TOLERANCE * scale):
                warnings.warn(
                    f"activation spectrum not resolved to machine precision (estimated error "
                    f"{error.max():.2e}); if the activation has kinks, pass them: activation(fn, kinks=[...])",
                    RuntimeWarning,
                    stacklevel=4,
                )
        pending = np.concatenate(unresolved)
        resolution *= 2
    return coefficients, errors


def evaluate(activation, u: np.ndarray) -> np.ndarray:
    """sigma(u) with the checks a user callable needs: same shape, finite values."""
    values = np.asarray(activation(u))
    if values.shape != u.shape:
        raise ValueError(
            f"`activation` must return an array of its input's shape {u.shape}, got shape {values.shape} instead"
        )
    if not np.isrealobj(values) or not np.issubdtype(values.dtype, np.number):
        raise TypeError(f"`activation` must return real numbers, got dtype {values.dtype} instead")
    values = values.astype(np.float64, copy=False)
    if not np.all(np.isfinite(values)):
        bad = u[~np.isfinite(values)]
        raise ValueError(
            f"`activation` must return finite values, got NaN or infinity at input {float(bad.flat[0])!r}"
        )
    return values


_EPS = np.finfo(np.float64).eps


def _argument_error(amplitude, bias, x, *, batched: bool = False):
    """A bound on the float64 error of u = a sin x + b at the nodes x, shape (B, ...).

    x itself is rounded (relative eps; its error moves u by |a cos x| eps |x|), sin x carries
    about one ulp, and the product and the sum one rounding each. ``batched``: x has the batch
    axis first already.
    """
    trailing = [1] * (x.ndim - 1 if batched else x.ndim)
    a = np.abs(amplitude).reshape(-1, *trailing)
    b = np.abs(bias).reshape(-1, *trailing)
    return _EPS * (a * (np.abs(x * np.cos(x)) + 3.0 * np.abs(np.sin(x))) + 2.0 * b)


def _local_slopes(u, f, axis=-1):
    """|sigma'| at each node, from the steeper of its two neighbouring difference quotients.

    Exact for piecewise linear sigma between kinks; a resolved grid (the refinement's goal)
    samples a smooth sigma finely enough for the quotient to stand for the derivative.
    """
    du = np.diff(u, axis=axis)
    df = np.abs(np.diff(f, axis=axis))
    quotient = np.divide(df, np.abs(du), out=np.zeros_like(df), where=du != 0)
    pad = [(0, 0)] * quotient.ndim
    pad[axis] = (1, 0)
    before = np.pad(quotient, pad)
    pad[axis] = (0, 1)
    return np.maximum(before, np.pad(quotient, pad))


def _rounding_bound(abs_integral, slope_error, samples, direct=0.0, block=0):
    """An estimate from above of the rounding error of the real coefficients a_k, b_k.

    ``slope_error``: (1/pi) sum_j w_j |sigma'(u_j)| |delta u_j|, the arguments' rounding carried
    through sigma. ``abs_integral``: (1/pi) sum_j w_j |f_j|, which bounds every |a_k|, |b_k|; a
    sum of N terms by FFT or pairwise summation errs by about log2(N) roundings of it. ``direct``: the part summed with powers z^l,
    l < ``block``, built by cumulative products (l roundings each). The total is doubled: checked
    against mpmath (tests/spectra/test_error_bounds.py), the undoubled sum came within a factor
    1.5 of the true error at amplitude 1e4.
    """
    summation = _EPS * max(1.0, math.log2(samples)) * abs_integral
    return 2.0 * (slope_error + summation + block * _EPS * direct)


def _fft_rule(activation, amplitude, bias, harmonics, n):
    x = 2.0 * np.pi * np.arange(n) / n
    u = amplitude[:, None] * np.sin(x) + bias[:, None]
    f = evaluate(activation, u)
    c = np.fft.rfft(f, axis=-1) / n
    tail = 2.0 * np.abs(c[:, n // 4 :]).max(axis=-1)
    # Periodic grid: quotient j joins node j to node j + 1 (the last to the first).
    du = np.roll(u, -1, axis=-1) - u
    quotient = np.divide(np.abs(np.roll(f, -1, axis=-1) - f), np.abs(du), out=np.zeros_like(f), where=du != 0)
    slopes = np.maximum(quotient, np.roll(quotient, 1, axis=-1))
    slope_error = 2.0 * (slopes * _argument_error(amplitude, bias, x)).mean(axis=-1)
    rounding = _rounding_bound(2.0 * np.abs(f).mean(axis=-1), slope_error, n)
    return c[:, : harmonics + 1], tail, np.abs(f).max(axis=-1), rounding


_fft_rule.initial = lambda harmonics: max(64, 1 << math.ceil(math.log2(4 * (harmonics + 1))))
_fft_rule.samples = lambda n: n


def breakpoints(amplitude: np.ndarray, bias: np.ndarray, kinks: tuple[float, ...]) -> np.ndarray:
    """Points of [0, 2 pi) where a sin x + b equals a kink, shape (B, 2 len(kinks)).

    A kink that is not crossed (|kappa - b| > |a|) yields two dummy points at 0, where an
    extra cut of a smooth panel changes nothing.
    """
    points = []
    safe = np.where(amplitude == 0, 1.0, amplitude)
    for kink in kinks:
        s = (kink - bias) / safe
        crossed = (amplitude != 0) & (np.abs(s) <= 1.0)
        first = np.arcsin(np.clip(s, -1.0, 1.0))
        for x in (first, np.pi - first):
            points.append(np.where(crossed, np.mod(x, 2.0 * np.pi), 0.0))
    return np.stack(points, axis=-1) if points else np.zeros((amplitude.shape[0], 0))


_LAYER_OFFSETS = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 24.0, 32.0, 40.0, 48.0])


def graded_cuts(amplitude: np.ndarray, bias: np.ndarray, kinks: tuple[float, ...]) -> np.ndarray:
    """Breakpoints and, around each, cuts at +- s (1, 2, 4, ..., 48) with s = 1/|du/dx| there.

    Shape (B, C) with C = 2 len(kinks) (1 + 2 len(_LAYER_OFFSETS)); all in [0, 2 pi).
    """
    points = breakpoints(amplitude, bias, kinks)
    if points.shape[1] == 0:
        return points
    slope = np.maximum(np.abs(amplitude[:, None] * np.cos(points)), np.sqrt(np.abs(amplitude))[:, None])
    scale = 1.0 / np.maximum(slope, 1e-300)
    offsets = scale[..., None] * _LAYER_OFFSETS  # (B, P, L)
    # Offsets of a panel width or more add nothing (the panels already resolve that scale).
    offsets = np.where(offsets < np.pi, offsets, 0.0)
    graded = np.concatenate(
        [points[..., None], points[..., None] + offsets, points[..., None] - offsets], axis=-1
    )
    return np.mod(graded, 2.0 * np.pi).reshape(points.shape[0], -1)


def _panel_rule(activation, amplitude, bias, harmonics, panels):
    size, width = amplitude.shape[0], 2.0 * np.pi / panels
    k = np.arange(harmonics + 1)
    cuts = graded_cuts(amplitude, bias, activation.kinks)
    special = np.minimum((cuts / width).astype(np.int64), panels - 1)  # (B, C)
    is_special = np.zeros((size, panels), dtype=bool)
    is_special[np.arange(size)[:, None], special] = True

    x = width * (np.arange(panels)[:, None] + _TAU)  # (M, q)
    u = amplitude[:, None, None] * np.sin(x) + bias[:, None, None]
    f = evaluate(activation, u)
    # Quotients along all nodes in x order (panels are consecutive): before special panels are
    # zeroed, so no false jump; their own nodes are handled with the sub-intervals below.
    slopes = _local_slopes(u.reshape(size, -1), f.reshape(size, -1)).reshape(f.shape)
    f = np.where(is_special[:, :, None], 0.0, f)
    node_weight = width * _W  # (q,)
    slope_error = (slopes * _argument_error(amplitude, bias, x) * node_weight).sum(axis=(1, 2))
    abs_integral = (np.abs(f) * node_weight).sum(axis=(1, 2))
    spectrum = np.fft.fft(f, axis=1)[:, k % panels, :]  # (B, K+1, q)
    phase = np.exp(-1j * width * np.outer(_TAU, k)) * (width * _W)[:, None]  # (q, K+1)
    c = np.einsum("bkq,qk->bk", spectrum, phase)
    error = width * np.abs(f @ _TAIL.T).sum(axis=(1, 2))

    lo, hi = _split_special(cuts, special, width)
    nodes = lo[..., None] + (hi - lo)[..., None] * _TAU  # (B, I, q)
    v = amplitude[:, None, None] * np.sin(nodes) + bias[:, None, None]
    g = evaluate(activation, v)
    error += ((hi - lo) * np.abs(g @ _TAIL.T).sum(axis=-1)).sum(axis=-1)
    weighted = (hi - lo)[..., None] * _W * g
    c += _exp_sums(nodes.reshape(size, -1), weighted.reshape(size, -1), k)
    scale = np.maximum(np.abs(f).max(axis=(1, 2)), np.abs(g).max(axis=(1, 2)))
    special_slopes = _local_slopes(v, g)  # within each sub-interval (no kink inside one)
    sub_weight = (hi - lo)[..., None] * _W  # (B, I, q)
    slope_error += (special_slopes * _argument_error(amplitude, bias, nodes, batched=True) * sub_weight).sum(
        axis=(1, 2)
    )
    abs_special = np.abs(weighted).sum(axis=(1, 2))
    rounding = _rounding_bound(
        (abs_integral + abs_special) / np.pi,
        slope_error / np.pi,
        panels * _Q + weighted[0].size,
        direct=abs_special / np.pi,
        block=min(64, k.size),
    )
    return c / (2.0 * np.pi), error / np.pi, scale, rounding


_panel_rule.initial = lambda harmonics: max(8, math.ceil(2.0 * np.pi * harmonics / _PANEL_FREQUENCY))
_panel_rule.samples = lambda panels: panels * _Q


def _split_special(cuts: np.ndarray, special: np.ndarray, width: float) -> tuple[np.ndarray, np.ndarray]:
    """Sub-intervals (lo, hi), shape (B, I), that tile the panels holding breakpoints.

    Sorting the cuts with the edges of their panels gives consecutive intervals; those
    whose midpoint lies in an ordinary panel get zero length, and so zero weight.
    """
    starts = special * width
    ends = np.minimum((special + 1) * width, 2.0 * np.pi)
    points = np.sort(np.concatenate([cuts, starts, ends], axis=-1), axis=-1)
    lo, hi = points[:, :-1], points[:, 1:]
    middle = ((lo + hi) / 2 / width).astype(np.int64)
    inside = (middle[:, :, None] == special[:, None, :]).any(axis=-1)
    return lo, np.where(inside, hi, lo)


def _exp_sums(x: np.ndarray, g: np.ndarray, k: np.ndarray) -> np.ndarray:
    """sum_j g[b, j] e^{-i k x[b, j]} for k = 0..K, shape (B, K+1), in memory-bounded chunks.

    Blocks of L consecutive k share the powers z^l, z = e^{-ix}, l < L (a cumulative product,
    relative error <= L eps); each block starts from an exact e^{-i k0 x}.
    """
    size, count = x.shape
    block = min(64, k.size)
    out = np.empty((size, k.size), dtype=np.complex128)
    rows = max(1, _CHUNK_ELEMENTS // max(1, count * block))
    for first in range(0, size, rows):
        xs, gs = x[first : first + rows], g[first : first + rows]
        powers = np.cumprod(np.broadcast_to(np.exp(-1j * xs)[..., None], (*xs.shape, block)), axis=-1)
        powers /= np.exp(-1j * xs)[..., None]  # z^0 .. z^(L-1)
        for start in range(0, k.size, block):
            anchor = gs * np.exp(-1j * k[start] * xs)
            width = min(block, k.size - start)
            out[first : first + rows, start : start + width] = np.einsum(
                "bj,bjl->bl", anchor, powers[..., :width]
            )
    return out
