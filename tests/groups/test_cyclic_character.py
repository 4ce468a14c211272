"""Issue 25 item 12: the character of a cyclic-product simple is a trace, checked by hand.

The mutation np.cos -> np.sin in CyclicProduct.character survived every test. The reference is
the trace of the shift by g on the span of cos and sin of the simple's frequency in the regular
module, from an orthonormal basis made with numpy (no plrep character code).
"""

from __future__ import annotations

import numpy as np
import pytest

from plrep.groups import CyclicProduct


@pytest.mark.parametrize("factors", [(8,), (5,), (3, 4), (2, 2, 3)])
def test_character_is_the_trace_of_the_shift_on_the_simple(factors):
    group = CyclicProduct(factors)
    grid = np.stack(np.unravel_index(np.arange(group.order), factors), axis=-1)  # elements, row-major
    for simple_id in range(group.num_simples):
        xi = group.simple_frequencies[simple_id]
        angle = 2 * np.pi * (grid * xi / np.asarray(factors)).sum(axis=-1)
        span = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        u, singular, _ = np.linalg.svd(span, full_matrices=False)
        basis = u[:, singular > 1e-9]  # orthonormal basis of the simple (1 or 2 columns)
        assert basis.shape[1] == group.simple_dims[simple_id]
        traces = []
        for g in grid:
            shifted = np.ravel_multi_index(tuple(((grid + g) % np.asarray(factors)).T), factors)
            shift = np.zeros((group.order, group.order))
            shift[shifted, np.arange(group.order)] = 1.0  # (g . f)(x + g) = f(x)
            traces.append(np.trace(basis.T @ shift @ basis))
        assert np.allclose(group.character(simple_id, grid), traces, atol=1e-12), (factors, simple_id)
