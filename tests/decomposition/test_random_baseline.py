"""The random baseline of energy shares, and enrichment against it.

References: the trace of the dense isotypic projector (built from characters, not from the
multiplicity code) gives the dimension of each isotypic component; a Monte-Carlo mean of random
vectors' shares must approach it.
"""

import numpy as np
import pytest

from plrep import dense_projector, random_baseline, summarize
from plrep.decomposition import summarize_energies
from plrep.groups import cyclic

SPACES = ["C4", "C12", "C3xC3", "D5", "D6", "S4", "S4:natural", "A4", "Q8", "S3:natural^2"]


@pytest.mark.parametrize("spec", SPACES)
def test_baseline_is_the_projector_trace_over_the_size(spec):
    from plrep import as_gset

    gset = as_gset(spec)
    traces = [np.trace(dense_projector(gset, i)) for i in range(gset.group.num_simples)]
    np.testing.assert_allclose(random_baseline(gset), np.array(traces) / gset.size, atol=1e-12)


def test_random_vectors_have_enrichment_one_and_chosen_simples_stand_out():
    rng = np.random.default_rng(7)
    noise = rng.normal(size=(4000, 24))
    s = summarize("S4", noise)
    np.testing.assert_allclose(s.enrichment(), 1.0, atol=0.1)
    assert s.enriched_simples() == []
    # Units that live in the sign representation (1b, share 1/24 of a random vector): enriched
    # 24-fold, though it holds less energy than the 3-dim simples do for noise.
    from plrep import as_gset

    sign = dense_projector(as_gset("S4"), 1) @ rng.normal(size=(24, 50))
    s = summarize("S4", sign.T + 0.05 * rng.normal(size=(50, 24)))
    assert s.enriched_simples()[0] == 1
    assert s.enrichment()[1] > 10


def test_absent_simples_have_no_enrichment():
    s = summarize("S4:natural", np.random.default_rng(0).normal(size=(10, 4)))
    ratio = s.enrichment()
    assert np.isnan(ratio[[1, 2, 4]]).all() and np.isfinite(ratio[[0, 3]]).all()
    d = s.to_dict(units=False)
    assert d["enrichment"][1] is None and d["baseline"][3] == pytest.approx(0.75)


def test_summary_without_space_has_no_baseline():
    s = summarize_energies(cyclic(4), [[1.0, 1.0, 0.0]])
    with pytest.raises(ValueError, match="no random baseline"):
        s.enrichment()
    assert s.to_dict()["baseline"] is None


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"baseline": [0.5, 0.5]}, "baseline"),
        ({"baseline": [0.5, 0.5, 0.5]}, "summing to 1"),
        ({"baseline": [-0.5, 1.0, 0.5]}, "non-negative"),
    ],
)
def test_bad_baseline_is_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        summarize_energies(cyclic(4), [[1.0, 1.0, 0.0]], **kwargs)


@pytest.mark.parametrize("threshold", [0, -1.0, float("nan")])
def test_bad_threshold_is_refused(threshold):
    s = summarize("C4", np.eye(4))
    with pytest.raises(ValueError, match="threshold"):
        s.enriched_simples(threshold)
