"""Issue 25 item 12: canonical_form(key="bias") breaks ties by the incoming row, first entry first.

A mutation of the lexsort keys (the row's columns in reverse, or the rows dropped) survived. The
reference orders neurons with Python's sorted by (bias, row as a tuple): lexicographic, column 0
first, on integer-valued parameters with many ties.
"""

from __future__ import annotations

import numpy as np

from plrep.weightspace import canonical_form, permute_neurons


def test_bias_ties_are_broken_lexicographically_by_the_incoming_row():
    rng = np.random.default_rng(4)
    # 12 distinct (bias, row) keys out of the 16 binary ones: two bias values, so many ties in
    # the bias, broken by the row (fully equal keys would have no canonical order).
    keys = np.array(np.unravel_index(rng.choice(16, size=12, replace=False), (2, 2, 2, 2))).T.astype(float)
    b1, w1 = keys[:, 0], keys[:, 1:]
    w2 = rng.normal(size=(2, 12))
    params = [(w1, b1), (w2, rng.normal(size=2))]
    canonical, perms = canonical_form(params, key="bias")
    expected = sorted(range(12), key=lambda i: (b1[i], *w1[i]))
    rows = [(b1[i], *w1[i]) for i in perms[0]]
    assert rows == [(b1[i], *w1[i]) for i in expected]
    assert np.array_equal(canonical[0][0], w1[expected]) and np.array_equal(canonical[1][0], w2[:, expected])
    # The canonical form does not depend on the order the neurons came in (ties included).
    shuffled = permute_neurons(params, [rng.permutation(12)])
    again, _ = canonical_form(shuffled, key="bias")
    assert all(
        np.array_equal(a, b)
        for pa, pb in zip(canonical, again, strict=True)
        for a, b in zip(pa, pb, strict=True)
    )
