"""Kernel containment and filter spectra: what a frequency flow and a network's filters say.

Kernel containment (docs/math.md §4, §9): an equivariant map, linear or not, sends L_i only into
simples L_j whose kernel contains ker L_i; for a cyclic product the allowed targets are the
simples of the multiples a xi_i (for C_n: ord(j) divides ord(i)). ``kernel_closure`` builds that
relation, ``empirical_graph`` reads a network's graph off a flow, and ``check_containment``
reports every energy outside the closure above a relative tolerance as a violation.

Filter spectra: layer l acts on the frequency xi by its complex channel matrix
W_l(xi) = sum_t w_l[:, :, t] exp(-2 pi i <xi, t>); ``filter_spectra`` returns its singular
values and Frobenius norm per simple (the gains of the layer on L ⊗ R^c).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plrep._validate import check_finite_real, describe
from plrep.groups import CyclicProduct
from plrep.nn._flow import DEFAULT_TOLERANCE, FrequencyFlow
from plrep.nn._network import NetworkParams

__all__ = [
    "ContainmentReport",
    "FilterSpectra",
    "check_containment",
    "empirical_graph",
    "filter_spectra",
    "kernel_closure",
]


@dataclass(frozen=True, eq=False)
class ContainmentReport:
    """Result of ``check_containment``.

    Attributes:
        ok: no violation.
        tolerance: the relative-energy threshold used.
        max_forbidden: largest relative energy found outside the closure (noise level).
        violations: dicts with source, layer, stage, target, relative_energy.

    Example:
        >>> import jax
        >>> from plrep.nn import NetworkSpec, frequency_flow, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2)))  # one relu layer, zero bias
        >>> report = check_containment(frequency_flow(params, samples=4))
        >>> report.ok, report.violations, report.max_forbidden < report.tolerance
        (True, (), True)
    """

    ok: bool
    tolerance: float
    max_forbidden: float
    violations: tuple

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "tolerance": self.tolerance,
            "max_forbidden": self.max_forbidden,
            "violations": list(self.violations),
        }


@dataclass(frozen=True, eq=False)
class FilterSpectra:
    """Per-layer, per-simple gains of the conv layers.

    Attributes:
        frobenius: ||W_l(xi)||_F, shape (num_layers, num_simples).
        singular_values: one array per layer, shape (num_simples, min(c_out, c_in)), descending.

    Attributes:
        group: the network's group.

    Example:
        >>> import jax
        >>> from plrep.nn import NetworkSpec, frequency_flow, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2)))  # one relu layer, zero bias
        >>> spectra = filter_spectra(params)
        >>> spectra.frobenius.shape, [s.shape for s in spectra.singular_values]  # (layers, simples)
        ((1, 3), [(3, 1)])
    """

    group: CyclicProduct
    frobenius: np.ndarray
    singular_values: tuple

    def to_dict(self) -> dict:
        return {
            "group": self.group.name,
            "frobenius": self.frobenius.tolist(),
            "singular_values": [s.tolist() for s in self.singular_values],
        }


def kernel_closure(group: CyclicProduct) -> np.ndarray:
    """allowed[i, j] is True iff ker L_i ⊆ ker L_j, shape (num_simples, num_simples) bool.

    Computed as: xi_j (up to sign) is a multiple a xi_i, a = 0..ord(i) - 1.

    Raises:
        TypeError: ``group`` is not a CyclicProduct.

    Example:
        >>> from plrep.groups import cyclic
        >>> kernel_closure(cyclic(8)).astype(int).tolist()  # rows i, columns j: ord(j) | ord(i)
        [[1, 0, 0, 0, 0], [1, 1, 1, 1, 1], [1, 0, 1, 0, 1], [1, 1, 1, 1, 1], [1, 0, 0, 0, 1]]
    """
    if not isinstance(group, CyclicProduct):
        raise TypeError(f"`group` must be a CyclicProduct, got {describe(group)} instead")
    allowed = np.zeros((group.num_simples, group.num_simples), dtype=bool)
    for i, (freq, order) in enumerate(zip(group.simple_frequencies, group.simple_orders, strict=True)):
        multiples = np.arange(order)[:, None] * freq[None, :]
        allowed[i, group.simple_ids(multiples)] = True
    return allowed


def _check_tolerance(tolerance) -> float:
    """A relative energy lies in [0, 1], so only a tolerance in [0, 1) can tell edges apart."""
    tolerance = check_finite_real(tolerance, "tolerance")
    if not 0 <= tolerance < 1:
        raise ValueError(f"`tolerance` must be a relative energy in [0, 1), got {tolerance} instead")
    return tolerance


def empirical_graph(flow: FrequencyFlow, *, tolerance: float = DEFAULT_TOLERANCE, stages=("pre", "post")):
    """The network's interaction graph: k -> j iff input in L_k reaches L_j at some layer.

    Args:
        flow: a ``FrequencyFlow`` from simple inputs.
        tolerance: relative energy above which an edge counts.
        stages: which of ``"pre"`` and ``"post"`` to look at; ``("post",)`` on a one-layer
            network without bias gives the activation's own interaction graph.

    Returns:
        ``(adjacency, strength)``, both (num_simples, num_simples): strength[k, j] is the
        largest relative energy on L_j over all layers and the chosen stages; adjacency is
        ``strength > tolerance``.

    Raises:
        TypeError, ValueError: ``flow`` not from simple inputs, ``tolerance`` outside [0, 1),
            or bad ``stages``.

    Example:
        >>> import jax
        >>> from plrep.nn import NetworkSpec, frequency_flow, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2)))  # one relu layer, zero bias
        >>> adjacency, strength = empirical_graph(frequency_flow(params, samples=4))
        >>> adjacency.astype(int).tolist()  # ReLU on C4: L1 -> L0, L1, L2 and L2 -> L0, L2
        [[1, 0, 0], [1, 1, 1], [1, 0, 1]]
    """
    _check_simple_flow(flow)
    tolerance = _check_tolerance(tolerance)
    if isinstance(stages, str) or not stages or any(s not in ("pre", "post") for s in stages):
        raise ValueError(
            f"`stages` must be a non-empty subset of ('pre', 'post'), got {describe(stages)} instead"
        )
    strength = np.max([flow.relative(stage).max(axis=1) for stage in stages], axis=0)
    return strength > tolerance, strength


def _check_simple_flow(flow) -> None:
    if not isinstance(flow, FrequencyFlow):
        raise TypeError(f"`flow` must be a FrequencyFlow, got {describe(flow)} instead")
    if not flow.from_simples:
        raise ValueError("`flow` must be a FrequencyFlow computed from simple inputs (no `data`)")


def check_containment(flow: FrequencyFlow, *, tolerance: float = DEFAULT_TOLERANCE) -> ContainmentReport:
    """Check that no layer puts energy from L_k outside the kernel-containment closure of k.

    Returns:
        A ``ContainmentReport``.

    Raises:
        TypeError, ValueError: ``flow`` not from simple inputs, or ``tolerance`` outside [0, 1).

    Example:
        >>> import jax
        >>> from plrep.nn import NetworkSpec, frequency_flow, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2)))  # one relu layer, zero bias
        >>> check_containment(frequency_flow(params, samples=4)).ok
        True
    """
    _check_simple_flow(flow)
    tolerance = _check_tolerance(tolerance)
    forbidden = ~kernel_closure(flow.group)
    violations, largest = [], 0.0
    for stage in ("pre", "post"):
        relative = flow.relative(stage) * forbidden[:, None, :]
        largest = max(largest, float(relative.max(initial=0.0)))
        for source, layer, target in zip(*np.nonzero(relative > tolerance), strict=True):
            violations.append(
                {
                    "source": int(source),
                    "layer": int(layer),
                    "stage": stage,
                    "target": int(target),
                    "relative_energy": float(relative[source, layer, target]),
                }
            )
    return ContainmentReport(not violations, tolerance, largest, tuple(violations))


def filter_spectra(params) -> FilterSpectra:
    """Singular values and Frobenius norm of each conv layer's channel matrix per simple.

    The channel matrix of a simple is W_l(xi) at its canonical frequency xi (numpy's
    unnormalised DFT of the filters, float64); W_l(-xi) is its conjugate, with the same values.

    Raises:
        TypeError: ``params`` not NetworkParams.

    Example:
        >>> import jax
        >>> import jax.numpy as jnp
        >>> from plrep.nn import NetworkParams, NetworkSpec, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 1)))
        >>> delta = jnp.zeros((1, 1, 4)).at[0, 0, 0].set(1.0)  # the identity filter: gain 1 everywhere
        >>> identity = NetworkParams(params.spec, {**params.arrays, "layers.0.weight": delta})
        >>> filter_spectra(identity).frobenius.tolist()
        [[1.0, 1.0, 1.0]]
    """

    if not isinstance(params, NetworkParams):
        raise TypeError(f"`params` must be NetworkParams, got {describe(params)} instead")
    group = params.spec.group
    index = tuple(group.simple_frequencies.T)
    frobenius, singular = [], []
    for layer in range(params.spec.num_layers):
        weight = np.asarray(params.weight(layer), dtype=np.float64)
        spectrum = np.fft.fftn(
            weight.reshape(*weight.shape[:2], *group.factors), axes=tuple(range(2, 2 + len(index)))
        )
        blocks = np.moveaxis(spectrum[(slice(None), slice(None), *index)], -1, 0)  # (S, c_out, c_in)
        singular.append(np.linalg.svd(blocks, compute_uv=False))
        frobenius.append(np.linalg.norm(blocks, axis=(-2, -1)))
    return FilterSpectra(group, np.stack(frobenius), tuple(singular))
