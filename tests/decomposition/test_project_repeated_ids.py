"""``Decomposition.project`` counts each simple once, however often its id is repeated: the
components of all simples sum to x itself (the reference), on every backend."""

import numpy as np
import pytest

from plrep.decomposition import decompose, multiplicities
from plrep.gsets import as_gset


@pytest.mark.parametrize(
    ("space", "backend"),
    [("C6", "fft"), ("C3xC4", "fft"), ("S3:natural", "characters"), ("S4", "characters"), ("D5", "dihedral")],
)
def test_repeated_ids_are_counted_once(space, backend):
    gset = as_gset(space)
    x = np.random.default_rng(1).normal(size=(2, gset.size))
    d = decompose(gset, x)
    assert d.backend == backend
    ids = np.arange(gset.group.num_simples)
    np.testing.assert_allclose(d.project(np.concatenate([ids, ids, ids[::2]])), x, atol=1e-12)
    np.testing.assert_allclose(sum(d.project([i, i]) for i in ids), x, atol=1e-12)
    present = int(np.flatnonzero(multiplicities(gset))[-1])
    np.testing.assert_allclose(d.project([present] * 3), d.project(present), atol=1e-14)


def test_central_backend_counts_repeated_ids_once():
    from plrep.groups import symmetric
    from plrep.gsets import natural_gset

    gset = natural_gset(symmetric(10))  # S_10 beyond listing size: the central-element backend
    x = np.random.default_rng(2).normal(size=10)
    d = decompose(gset, x)
    assert d.backend == "central"
    present = np.flatnonzero(multiplicities(gset))
    np.testing.assert_allclose(d.project(np.repeat(present, 2)), x, atol=1e-12)
    np.testing.assert_allclose(d.project([int(present[0])] * 2), np.full(10, x.mean()), atol=1e-12)
