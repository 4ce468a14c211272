"""frequency_flow's device pass: energies against a float64 numpy reference, one compile per shape."""

import numpy as np
import pytest

from plrep.decomposition import energies
from plrep.nn import NetworkSpec, circulant_matrix, frequency_flow, simple_inputs
from plrep.nn._flow_pass import TRACES

# Float32 forward passes and sums: a few hundred ulps of each layer's total energy at these sizes
# (|G| <= 16, <= 4 channels, 2 layers); the errors measured were below 3e-6 relative.
EPS32 = float(np.finfo(np.float32).eps)
TOLERANCE = 256 * EPS32


def reference(params, x):
    """Energies of input, pre and post in float64 numpy: dense circulant matmuls, projector energies."""
    spec = params.spec
    sigma = spec.sigma
    v = np.asarray(x, np.float64)
    pre, post = [], []
    for layer in range(spec.num_layers):
        matrix = circulant_matrix(np.asarray(params.weight(layer), np.float64), spec.group)
        z = (v.reshape(len(v), -1) @ matrix.T).reshape(len(v), -1, spec.group.order)
        z = z + np.asarray(params.bias(layer), np.float64)[:, None]
        v = sigma(z)  # the numpy float64 form of the activation
        pre.append(energies(spec.group, z).sum(axis=(0, 1)))
        post.append(energies(spec.group, v).sum(axis=(0, 1)))
    return energies(spec.group, x).sum(axis=(0, 1)), np.array(pre), np.array(post)


def assert_energies_close(got, want):
    """Each entry within TOLERANCE of the total energy of its row (a layer), and of itself."""
    got, want = np.asarray(got), np.asarray(want)
    total = want.sum(axis=-1, keepdims=True)
    error = np.abs(got - want)
    assert np.all(error <= TOLERANCE * (total + np.abs(want))), np.max(error / total)


@pytest.mark.parametrize(("group", "activation"), [("C16", "relu"), ("C4xC3", "tanh"), ("C2xC2xC3", "gelu")])
def test_data_flow_equals_the_float64_reference(group, activation, random_params):
    spec = NetworkSpec(group, (2, 4, 3), activation)
    params = random_params(spec, seed=3)
    # float32 inputs, so the reference sees exactly what the device sees
    x = np.random.default_rng(4).normal(size=(37, 2, spec.group.order)).astype(np.float32)
    flow = frequency_flow(params, x, batch_size=8)  # five batches, the last one padded
    inputs, pre, post = reference(params, x)
    assert_energies_close(flow.input[0], inputs)
    assert_energies_close(flow.pre[0], pre)
    assert_energies_close(flow.post[0], post)


def test_simple_sources_equal_the_float64_reference(random_params):
    spec = NetworkSpec("C12", (1, 3, 3), "relu")
    params = random_params(spec, seed=5)
    flow = frequency_flow(params, samples=5, seed=7, batch_size=16)
    for simple in range(spec.group.num_simples):
        x = simple_inputs(spec.group, simple, (5, 1), seed=7 + simple).astype(np.float32)
        inputs, pre, post = reference(params, x)
        assert_energies_close(flow.input[simple], inputs)
        assert_energies_close(flow.pre[simple], pre)
        assert_energies_close(flow.post[simple], post)


def test_results_do_not_depend_on_the_batch_size(random_params):
    params = random_params(NetworkSpec("C8", (1, 3, 2), "elu"), seed=1)
    x = np.random.default_rng(2).normal(size=(50, 8))
    small, whole = frequency_flow(params, x, batch_size=7), frequency_flow(params, x, batch_size=64)
    for stage in ("input", "pre", "post"):
        assert_energies_close(getattr(small, stage), getattr(whole, stage))


def test_a_second_call_compiles_nothing(random_params):
    spec = NetworkSpec("C10", (1, 2, 2), "relu")
    params = random_params(spec, seed=9)
    x = np.random.default_rng(0).normal(size=(40, 1, 10))
    frequency_flow(params, x, batch_size=16)
    traced = TRACES[(spec, 1)]
    assert traced >= 1
    frequency_flow(params, x[:35], batch_size=16)  # other data, same batch shape (padded)
    other = random_params(spec, seed=10)  # other values, same shapes
    frequency_flow(other, x * 2.0, batch_size=16)
    assert TRACES[(spec, 1)] == traced


def test_float64_data_is_not_copied_to_float64_and_ints_are_accepted(random_params):
    params = random_params(NetworkSpec("C6", (1, 2)), seed=2)
    x = np.arange(24).reshape(4, 6) % 5
    flow = frequency_flow(params, x)
    assert_energies_close(flow.input[0], energies("C6", x.astype(np.float64)).sum(0))
