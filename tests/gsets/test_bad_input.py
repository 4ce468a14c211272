"""Bad input to the public entry points of plrep.gsets: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import numpy as np
import pytest

import plrep

C8 = plrep.cyclic(8)
R8 = plrep.regular(C8)
S3 = plrep.symmetric(3)
X3 = plrep.natural_gset(S3)

BAD_INPUT = {
    "tensor_power of a group": (lambda: plrep.tensor_power(C8, 2), TypeError, "`gset` must be a GSet"),
    "tensor_power too large": (lambda: plrep.tensor_power(R8, 50), ValueError, "`k` must keep |X|^k"),
    "product_action of an int": (lambda: plrep.product_action(R8, 3), TypeError, "`second` must be a GSet"),
    "disjoint_union of an int": (lambda: plrep.disjoint_union(R8, 3), TypeError, "`gsets` must be a GSet"),
    "coset_space of a spec": (
        lambda: plrep.coset_space("C8", [(2,)]),
        TypeError,
        "`group` must be a plrep group, got 'C8' instead",
    ),
    "coset_space float exponent": (
        lambda: plrep.coset_space(C8, [(2.5,)]),
        ValueError,
        "`subgroup_generators` must be elements of C8",
    ),
    "coset_space wrong length": (
        lambda: plrep.coset_space(C8, [(1, 2)]),
        ValueError,
        "`subgroup_generators` must be elements of C8",
    ),
    "GSet.permutation float": (lambda: R8.permutation((1.5,)), ValueError, "`element` must have 1 integer"),
    "GSet.act wrong length": (
        lambda: R8.act((1,), np.ones(3)),
        ValueError,
        "`values` must have shape (..., 8)",
    ),
    "GSet.act string": (lambda: R8.act((1,), "a"), ValueError, "`values` must have shape"),
    "GSet.permutation out of range": (lambda: X3.permutation([3, 1, 0]), ValueError, "`perms` must be"),
    "GSet.act string (S_n)": (
        lambda: X3.act([1, 0, 2], "a"),
        ValueError,
        "`values` must have shape (..., 3)",
    ),
    "natural_gset of a spec": (
        lambda: plrep.natural_gset("S3"),
        TypeError,
        "`group` must be a plrep group, got 'S3' instead",
    ),
    "symmetric_power of a GSet": (
        lambda: plrep.symmetric_power(C8, 2),
        TypeError,
        "`gset` must be a GSet",
    ),
    "symmetric_power too large, before listing": (
        lambda: plrep.symmetric_power(plrep.natural_gset(plrep.symmetric(30)), 12),
        ValueError,
        "`k` must keep the number of multisets at most",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name, refuses):
    refuses(*BAD_INPUT[name])
