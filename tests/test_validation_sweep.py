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
from plrep.decomposition import dense_projector
from plrep.equivariant import hom_dimension_from_characters, nullspace_basis, orbit_labels
from plrep.groups import character_table, perm_from_cycles

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
    "character of simple 99": (lambda: C8.character(99, np.zeros((1, 1))), ValueError, "`simple_id` must be"),
    # dense references
    "dense_projector too large": (
        lambda: plrep.dense_projector(plrep.cyclic(10**6), 1),
        ValueError,
        "`space` must have at most 4096 points",
    ),
    "dense_projector too large (S_n)": (
        lambda: dense_projector(plrep.symmetric(8), 1),
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
    "GSet.permutation out of range": (lambda: X3.permutation([3, 1, 0]), ValueError, "`perms` must be"),
    "GSet.act string (S_n)": (
        lambda: X3.act([1, 0, 2], "a"),
        ValueError,
        "`values` must have shape (..., 3)",
    ),
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
        lambda: character_table(3),
        TypeError,
        "`group` must be a group spec such as 'S4', a group or a G-set, got 3 instead",
    ),
    "multiplicities nan": (
        lambda: character_table(S3).multiplicities([np.nan, 0, 0]),
        ValueError,
        "`permutation_character` must contain only finite values",
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
        "`target` must be a GSet",
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


def _classifier():
    import jax

    from plrep.nn import NetworkSpec, init

    return init(jax.random.key(0), NetworkSpec("C8", (1, 4), "relu", readout=3))


def _data():
    x = np.random.default_rng(0).normal(size=(20, 1, 8)).astype(np.float32)
    return x, np.arange(20) % 3


def _nn_cases():
    from plrep import nn

    flow = nn_train = trained = nn
    from plrep.nn import NetworkParams, band_of_simples

    params = _classifier()
    x, y = _data()
    nan_params = NetworkParams(params.spec, {k: v * np.nan for k, v in params.arrays.items()})
    simple_flow = flow.frequency_flow(params, samples=2)
    return {
        "apply of a string": (lambda: nn.apply("p", x), TypeError, "`params` must be NetworkParams"),
        "apply_dense of None": (lambda: nn.apply_dense(None, x), TypeError, "`params` must be NetworkParams"),
        "apply complex input": (lambda: nn.apply(params, x * 1j), TypeError, "`x` must be a real array"),
        "weight of layer 5": (lambda: params.weight(5), ValueError, "`layer` must be an integer <= 0"),
        "circulant_matrix of a spec": (
            lambda: nn.circulant_matrix(np.ones((2, 2, 8)), "C8"),
            TypeError,
            "`group` must be a CyclicProduct",
        ),
        "circulant_matrix 2-d weight": (
            lambda: nn.circulant_matrix(np.ones((2, 8)), C8),
            ValueError,
            "`weight` must have shape (c_out, c_in, 8)",
        ),
        "conv_layer bias shape": (
            lambda: nn.conv_layer(np.ones((2, 1, 8)), np.zeros(3), np.ones((1, 8)), C8),
            ValueError,
            "`bias` must have shape (2,)",
        ),
        "conv_layer input channels": (
            lambda: nn.conv_layer(np.ones((2, 1, 8)), np.zeros(2), np.ones((2, 8)), C8),
            ValueError,
            "`x` must have shape (..., 1, 8)",
        ),
        "accuracy batch_size -1": (
            lambda: nn_train.accuracy(params, x, y, batch_size=-1),
            ValueError,
            "`batch_size` must be an integer >= 1",
        ),
        "accuracy empty": (
            lambda: nn_train.accuracy(params, x[:0], y[:0]),
            ValueError,
            "`x` must hold at least one",
        ),
        "accuracy labels out of range": (
            lambda: nn_train.accuracy(params, x, y + 5),
            ValueError,
            "`y` must hold integer labels in 0..2",
        ),
        "cross_entropy short labels": (
            lambda: nn_train.cross_entropy(params, x, y[:5]),
            ValueError,
            "`y` must have shape (20,)",
        ),
        "train nan input": (
            lambda: nn_train.train(params, np.full_like(x, np.nan), y, steps=1, batch_size=4, progress=False),
            ValueError,
            "`x` must contain only finite values",
        ),
        "train negative learning rate": (
            lambda: nn_train.train(params, x, y, steps=1, batch_size=4, learning_rate=-1.0, progress=False),
            ValueError,
            "`learning_rate` must be positive",
        ),
        "simple_inputs of a spec": (
            lambda: flow.simple_inputs("C8", 1, (2, 1)),
            TypeError,
            "`group` must be a CyclicProduct",
        ),
        "simple_inputs negative size": (
            lambda: flow.simple_inputs(C8, 1, (2, -1)),
            ValueError,
            "`shape` must be",
        ),
        "simple_inputs nan scale": (
            lambda: flow.simple_inputs(C8, 1, (2, 1), scale=float("nan")),
            ValueError,
            "`scale` must be a finite real number",
        ),
        "frequency_flow negative seed": (
            lambda: flow.frequency_flow(params, seed=-1),
            ValueError,
            "`seed` must be an integer >= 0",
        ),
        "frequency_flow empty data": (
            lambda: flow.frequency_flow(params, np.ones((0, 1, 8))),
            ValueError,
            "`data` must hold at least one sample",
        ),
        "relative of an unknown stage": (
            lambda: simple_flow.relative("foo"),
            ValueError,
            "`stage` must be one of",
        ),
        "check_containment negative tolerance": (
            lambda: flow.check_containment(simple_flow, tolerance=-1.0),
            ValueError,
            "`tolerance` must be a relative energy in [0, 1)",
        ),
        "empirical_graph tolerance 2": (
            lambda: flow.empirical_graph(simple_flow, tolerance=2.0),
            ValueError,
            "`tolerance` must be a relative energy in [0, 1)",
        ),
        "band_of_simples of a spec": (
            lambda: band_of_simples("C8", 3),
            TypeError,
            "`group` must be a CyclicProduct",
        ),
        "save non-finite weights": (
            lambda: trained.save("/nonexistent/never-written.npz", nan_params),
            ValueError,
            "`layers.0.weight` must contain only finite values",
        ),
        "save extra not JSON": (
            lambda: trained.save("/nonexistent/never-written.npz", params, extra={"x": object()}),
            TypeError,
            "`extra` must be JSON-serialisable",
        ),
    }


NN_CASES = (
    "apply of a string",
    "apply_dense of None",
    "apply complex input",
    "weight of layer 5",
    "circulant_matrix of a spec",
    "circulant_matrix 2-d weight",
    "conv_layer bias shape",
    "conv_layer input channels",
    "accuracy batch_size -1",
    "accuracy empty",
    "accuracy labels out of range",
    "cross_entropy short labels",
    "train nan input",
    "train negative learning rate",
    "simple_inputs of a spec",
    "simple_inputs negative size",
    "simple_inputs nan scale",
    "frequency_flow negative seed",
    "frequency_flow empty data",
    "relative of an unknown stage",
    "check_containment negative tolerance",
    "empirical_graph tolerance 2",
    "band_of_simples of a spec",
    "save non-finite weights",
    "save extra not JSON",
)


@pytest.fixture(scope="module")
def nn_cases():
    return _nn_cases()


@pytest.mark.parametrize("name", NN_CASES)
def test_bad_network_input_gets_a_clear_error(nn_cases, name):
    call, error, message = nn_cases[name]
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)
