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
            c, error, scale = rule(activation, amplitude[chunk], bias[chunk], harmonics, resolution)
            done = last | (error <= _RELATIVE_TOLERANCE * scale)
            coefficients[chunk[done]], errors[chunk[done]] = c[done], error[done]
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


def _fft_rule(activation, amplitude, bias, harmonics, n):
    x = 2.0 * np.pi * np.arange(n) / n
    f = evaluate(activation, amplitude[:, None] * np.sin(x) + bias[:, None])
    c = np.fft.rfft(f, axis=-1) / n
    tail = 2.0 * np.abs(c[:, n // 4 :]).max(axis=-1)
    return c[:, : harmonics + 1], tail, np.abs(f).max(axis=-1)


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
    f = evaluate(activation, amplitude[:, None, None] * np.sin(x) + bias[:, None, None])
    f = np.where(is_special[:, :, None], 0.0, f)
    spectrum = np.fft.fft(f, axis=1)[:, k % panels, :]  # (B, K+1, q)
    phase = np.exp(-1j * width * np.outer(_TAU, k)) * (width * _W)[:, None]  # (q, K+1)
    c = np.einsum("bkq,qk->bk", spectrum, phase)
    error = width * np.abs(f @ _TAIL.T).sum(axis=(1, 2))

    lo, hi = _split_special(cuts, special, width)
    nodes = lo[..., None] + (hi - lo)[..., None] * _TAU  # (B, I, q)
    g = evaluate(activation, amplitude[:, None, None] * np.sin(nodes) + bias[:, None, None])
    error += ((hi - lo) * np.abs(g @ _TAIL.T).sum(axis=-1)).sum(axis=-1)
    weighted = (hi - lo)[..., None] * _W * g
    c += _exp_sums(nodes.reshape(size, -1), weighted.reshape(size, -1), k)
    scale = np.maximum(np.abs(f).max(axis=(1, 2)), np.abs(g).max(axis=(1, 2)))
    return c / (2.0 * np.pi), error / np.pi, scale


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
