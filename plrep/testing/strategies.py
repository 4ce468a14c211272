"""Hypothesis strategies for plrep groups, G-sets and functions on them.

Sized for property tests on a laptop: groups of order at most 48, G-sets of at most 64
points. Import as ``from plrep.testing import strategies``: it needs hypothesis, a test dependency,
which ``import plrep.testing`` itself does not.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from plrep.groups import Group, alternating, cyclic_product, dihedral, quaternion, symmetric
from plrep.gsets import GSet, natural_gset, regular, subsets, tensor_power

__all__ = ["cyclic_products", "functions_on", "groups", "gsets", "permutation_groups"]

MAX_POINTS = 64


def cyclic_products() -> st.SearchStrategy[Group]:
    """C_{n_1} x ... x C_{n_r} with r <= 3 factors and order <= 48."""
    factors = st.lists(st.integers(1, 12), min_size=1, max_size=3).filter(lambda f: _prod(f) <= 48)
    return factors.map(lambda f: cyclic_product(*f))


def permutation_groups() -> st.SearchStrategy[Group]:
    """Small named permutation groups: S_2..S_4, A_3..A_5, D_3..D_8, Q_8."""
    return st.one_of(
        st.integers(2, 4).map(symmetric),
        st.integers(3, 5).map(alternating),
        st.integers(3, 8).map(dihedral),
        st.just(quaternion()),
    )


def groups() -> st.SearchStrategy[Group]:
    """Either family."""
    return st.one_of(cyclic_products(), permutation_groups())


def _prod(values) -> int:
    out = 1
    for v in values:
        out *= v
    return out


@st.composite
def gsets(draw, group: Group | None = None) -> GSet:
    """A G-set of ``group`` (or of a drawn group): regular, natural, pairs or 2-subsets."""
    group = draw(groups()) if group is None else group
    natural = natural_gset(group)
    candidates = [regular(group), natural]
    if natural.size**2 <= MAX_POINTS:
        candidates.append(tensor_power(natural, 2))
    if 2 <= natural.size and natural.size * (natural.size - 1) // 2 <= MAX_POINTS:
        candidates.append(subsets(natural, 2))
    return draw(st.sampled_from([c for c in candidates if c.size <= MAX_POINTS] or [natural]))


def functions_on(gset: GSet, *, batch: int = 3) -> st.SearchStrategy:
    """Finite float64 arrays of shape (batch, |X|) with entries in [-10, 10]."""
    return arrays("float64", (batch, gset.size), elements=st.floats(-10, 10, allow_nan=False))
