"""plrep.weightspace: orbit counting = closed formula = numerical nullspace (= plrep.equivariant)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plrep.weightspace import (
    block_dimension,
    dws_blocks,
    equivariant_nullspace,
    invariant_dimension,
    object_names,
    weight_space,
)

# one hidden layer, hidden widths of 1, no hidden layer, deep nets
SMALL = [(2, 3, 1), (1, 2, 1), (3, 1, 2), (2, 1, 1, 2), (3, 2), (1, 1), (2, 2, 2, 2, 1), (1, 3, 2, 3, 1, 2)]


@pytest.mark.parametrize("widths", SMALL)
def test_three_methods_agree(widths):
    tables = [dws_blocks(widths, method=m) for m in ("formula", "orbits", "nullspace")]
    for table in tables[1:]:
        np.testing.assert_array_equal(table.dims, tables[0].dims)
        np.testing.assert_array_equal(table.invariants, tables[0].invariants)


@given(widths=st.lists(st.integers(1, 40), min_size=2, max_size=7))
@settings(max_examples=60, deadline=None)
def test_formula_equals_orbit_count(widths):
    for target in object_names(widths):
        for source in object_names(widths):
            assert block_dimension(widths, target, source) == block_dimension(
                widths, target, source, method="orbits"
            )


def test_known_values():
    # docs/math.md §7: internal W_m -> W_m blocks (both layers hidden, widths >= 2) have dimension 4
    assert block_dimension((2, 5, 7, 9, 1), "W3", "W3") == 4
    assert block_dimension((2, 5, 7, 1), "W1", "W1") == 2 * 2**2  # input layer: d_0^2 per hidden pattern
    assert block_dimension((2, 5, 7, 3), "W3", "W3") == 2 * 3**2
    assert block_dimension((3, 4), "W1", "W1") == 12**2  # no hidden layer: G trivial, all maps
    assert block_dimension((2, 1, 3), "W1", "W1") == 2**2  # hidden width 1: equal = different
    table = dws_blocks((2, 3, 4, 1))  # also printed by `plrep dws 2,3,4,1`
    assert (table.total, table.total_invariant) == (75, 7)


def test_nullspace_of_the_whole_space_is_the_sum_of_blocks():
    for widths in [(2, 3, 1), (1, 2, 2, 1)]:
        basis = equivariant_nullspace(widths)
        assert len(basis) == dws_blocks(widths).total
        gens = weight_space(widths).generators()
        for t in basis[:5]:
            for q in gens:
                np.testing.assert_allclose(t[np.ix_(q, q)], t, atol=1e-10)


def test_against_general_orbit_bases():
    """plrep.equivariant (orbit bases of a permutation group) counts the same blocks."""
    from plrep.equivariant import orbit_basis
    from plrep.groups import PermutationGroup
    from plrep.gsets import GSet

    for widths in [(2, 3, 1), (2, 3, 2, 1), (1, 4, 2)]:
        space = weight_space(widths)
        gens = space.generators()
        group = PermutationGroup(gens)
        sets = {}
        for name, offset, shape in space.layout:
            idx = np.arange(offset, offset + int(np.prod(shape)))
            sets[name] = GSet(group, np.searchsorted(idx, gens[:, idx]), check=False)
        for t in sets:
            for s in sets:
                assert orbit_basis(sets[s], sets[t]).count == block_dimension(widths, t, s)


def test_invariant_dimension():
    assert invariant_dimension((2, 3, 4, 1), "W1") == 2
    assert invariant_dimension((2, 3, 4, 1), "W2") == 1
    assert invariant_dimension((2, 3, 4, 5), "W3", method="nullspace") == 5


def test_errors():
    with pytest.raises(
        ValueError, match=r"^`method` must be one of 'formula', 'orbits', 'nullspace', got 'x' instead$"
    ):
        dws_blocks((2, 3, 1), method="x")
    with pytest.raises(ValueError, match=r"`target` must be one of 'W1', 'b1', 'W2', 'b2'"):
        block_dimension((2, 3, 1), "W3", "W1")
    with pytest.raises(ValueError, match="must be positive integers"):
        dws_blocks((2, 0, 1))
    with pytest.raises(ValueError, match="nullspace method handles blocks of at most 4096 entries"):
        block_dimension((2, 32, 32, 1), "W2", "W2", method="nullspace")
