"""Regression tests of the validation sweep: bad input to public entry points gets a clear error.

Each case is (call, exception type, a substring of the message naming the argument). Before the
sweep these raised IndexError, AttributeError, KeyError or numpy errors, ran out of memory, or
returned a meaningless answer.
"""

from __future__ import annotations

import numpy as np
import pytest

import plrep
from plrep import spectra
from plrep.characters import character_table
from plrep.equivariant import hom_dimension_from_characters, nullspace_basis, orbit_labels
from plrep.permgroups import perm_from_cycles
from plrep.projectors import dense_perm_projector

C8 = plrep.cyclic(8)
R8 = plrep.regular(C8)
S3 = plrep.symmetric(3)
X3 = plrep.natural_gset(S3)

CASES = {
    # G-sets of cyclic products
    "tensor_power of a group": (lambda: plrep.tensor_power(C8, 2), TypeError, "`gset` must be a GSet"),
    "tensor_power too large": (lambda: plrep.tensor_power(R8, 50), ValueError, "`k` must keep |X|^k"),
    "product_action of an int": (lambda: plrep.product_action(R8, 3), TypeError, "`second` must be a GSet"),
    "disjoint_union of an int": (lambda: plrep.disjoint_union(R8, 3), TypeError, "`gsets` must be a GSet"),
    "coset_space of a spec": (
        lambda: plrep.coset_space("C8", [(2,)]),
        TypeError,
        "`group` must be a CyclicProduct",
    ),
    "coset_space float exponent": (
        lambda: plrep.coset_space(C8, [(2.5,)]),
        ValueError,
        "`subgroup_generators` must be integer exponent tuples of length 1",
    ),
    "coset_space wrong length": (
        lambda: plrep.coset_space(C8, [(1, 2)]),
        ValueError,
        "`subgroup_generators` must be integer exponent tuples",
    ),
    "GSet.permutation float": (lambda: R8.permutation((1.5,)), ValueError, "`element` must have 1 integer"),
    "GSet.act wrong length": (
        lambda: R8.act((1,), np.ones(3)),
        ValueError,
        "`values` must have shape (..., 8)",
    ),
    "GSet.act string": (lambda: R8.act((1,), "a"), ValueError, "`values` must have shape"),
    "character of simple 99": (lambda: C8.character(99, np.zeros((1, 1))), ValueError, "`simple_id` must be"),
    # dense references
    "dense_projector too large": (
        lambda: plrep.dense_projector(plrep.cyclic(10**6), 1),
        ValueError,
        "`space` must have at most 4096 points",
    ),
    "dense_perm_projector too large": (
        lambda: dense_perm_projector(plrep.symmetric(8), 1),
        ValueError,
        "`space` must have at most 4096 points",
    ),
    "nullspace_basis too large": (
        lambda: nullspace_basis(
            plrep.natural_gset(plrep.symmetric(40)),
            plrep.symmetric_power(plrep.natural_gset(plrep.symmetric(40)), 2),
        ),
        ValueError,
        "`source` and `target` must have |Y| |X| <= 4096",
    ),
    "nullspace_basis different groups": (
        lambda: nullspace_basis(X3, R8),
        ValueError,
        "`target` must be a G-set of S3",
    ),
    "nullspace_basis tol nan": (
        lambda: nullspace_basis(X3, X3, tol=float("nan")),
        ValueError,
        "`tol` must be",
    ),
    "nullspace_basis tol negative": (
        lambda: nullspace_basis(X3, X3, tol=-1.0),
        ValueError,
        "`tol` must be a positive real number",
    ),
    # spectra
    "complex_coefficients of a string": (
        lambda: spectra.complex_coefficients("relu"),
        TypeError,
        "`spectrum` must be a Spectrum",
    ),
    "decay_rate start beyond harmonics": (
        lambda: plrep.decay_rate(plrep.activation_spectrum("relu", harmonics=16), start=99),
        ValueError,
        "`start` must be an integer <= 16",
    ),
    # graphs
    "condensed_graph huge n": (
        lambda: plrep.condensed_graph(10**30, "relu"),
        ValueError,
        "`n` must be an integer <=",
    ),
    "graph vertex True": (
        lambda: plrep.interaction_graph("C8", "relu").successors(True),
        ValueError,
        "`vertex` must be a vertex id",
    ),
    # permutation groups
    "contains out of range": (lambda: S3.contains([3, 1, 0]), ValueError, "`perms` must be integer arrays"),
    "index_of float": (lambda: S3.index_of([[1.5, 0, 2]]), ValueError, "`perms` must be integer arrays"),
    "contains nan": (lambda: S3.contains([np.nan, 1, 2]), ValueError, "`perms` must be integer arrays"),
    "PermGSet.permutation out of range": (lambda: X3.permutation([3, 1, 0]), ValueError, "`perms` must be"),
    "PermGSet.act string": (lambda: X3.act([1, 0, 2], "a"), ValueError, "`values` must have shape (..., 3)"),
    "perm_from_cycles overlapping": (
        lambda: perm_from_cycles(3, [(0, 1), (1, 2)]),
        ValueError,
        "`cycles` must be disjoint cycles",
    ),
    "perm_from_cycles repeated point": (
        lambda: perm_from_cycles(3, [(0, 0)]),
        ValueError,
        "`cycles` must be disjoint",
    ),
    "character_table of a spec": (
        lambda: character_table("S3"),
        TypeError,
        "`group` must be a PermutationGroup",
    ),
    "multiplicities nan": (
        lambda: character_table(S3).multiplicities([np.nan, 0, 0]),
        ValueError,
        "`permutation_character` must contain only finite values",
    ),
    "natural_gset of a spec": (
        lambda: plrep.natural_gset("S3"),
        TypeError,
        "`group` must be a PermutationGroup",
    ),
    "symmetric_power of a GSet": (
        lambda: plrep.symmetric_power(R8, 2),
        TypeError,
        "`gset` must be a PermGSet",
    ),
    "symmetric_power too large, before listing": (
        lambda: plrep.symmetric_power(plrep.natural_gset(plrep.symmetric(30)), 12),
        ValueError,
        "`symmetric power` must have at most",
    ),
    # equivariant maps and sharing
    "orbit_labels of nothing": (lambda: orbit_labels(), ValueError, "`spaces` must name at least one G-set"),
    "weight_matrix nan": (
        lambda: plrep.orbit_basis(X3, X3).weight_matrix([np.nan, 2.0]),
        ValueError,
        "`coefficients` must contain only finite values",
    ),
    "hom_dimension_from_characters of a string": (
        lambda: hom_dimension_from_characters(X3, "a"),
        TypeError,
        "`target` must be a PermGSet",
    ),
    "hom_dimension_from_characters different groups": (
        lambda: hom_dimension_from_characters(X3, plrep.natural_gset(plrep.symmetric(4))),
        ValueError,
        "`target` must be a G-set of S3",
    ),
    "check_action of a spec": (
        lambda: plrep.check_action("S3", lambda e: e, 3),
        TypeError,
        "`group` must be",
    ),
    "check_action not callable": (
        lambda: plrep.check_action(S3, 5, 3),
        TypeError,
        "`action` must be a callable",
    ),
    "check_sharing seed negative": (
        lambda: plrep.check_sharing(np.arange(9).reshape(3, 3), S3, seed=-1),
        ValueError,
        "`seed` must be an integer >= 0",
    ),
    "check_sharing string space": (
        lambda: plrep.check_sharing(np.eye(3, dtype=int), [X3, "a"]),
        TypeError,
        "`spaces` must be G-sets",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_a_clear_error(name):
    call, error, message = CASES[name]
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)
