"""plrep.nn: kernel containment in random and trained nets, empirical graphs, filter spectra."""

import math

import jax.numpy as jnp
import numpy as np
import pytest

from plrep.decomposition import energies
from plrep.graphs import interaction_graph
from plrep.groups import cyclic, parse_group
from plrep.nn import (
    DEFAULT_TOLERANCE,
    FrequencyFlow,
    NetworkParams,
    NetworkSpec,
    apply_with_intermediates,
    check_containment,
    circulant_matrix,
    empirical_graph,
    filter_spectra,
    frequency_bands,
    frequency_flow,
    init,
    kernel_closure,
    simple_inputs,
    train,
)


def closed_form_graph(n, activation):
    """docs/math.md §4, the authors' closed form: with ord'(k) = ord(k)/2 for even ord(k), else ord(k),
    ReLU: i -> j iff i = j or ord(j) | ord'(i); abs: i -> j iff ord(j) | ord'(i)."""
    order = [n // math.gcd(n, k) for k in range(n // 2 + 1)]
    half = [d // 2 if d % 2 == 0 else d for d in order]
    adjacency = np.zeros((len(order), len(order)), dtype=bool)
    for i in range(len(order)):
        for j in range(len(order)):
            adjacency[i, j] = half[i] % order[j] == 0 or (activation == "relu" and i == j)
    return adjacency


def brute_force_closure(group):
    """allowed[i, j] iff ker L_i ⊆ ker L_j, with kernels read off the characters element by element."""
    elements = np.stack(np.unravel_index(np.arange(group.order), group.factors), axis=-1)
    kernels = [
        np.isclose(group.character(i, elements), group.simple_dims[i]) for i in range(group.num_simples)
    ]
    return np.array([[not np.any(ki & ~kj) for kj in kernels] for ki in kernels])


@pytest.mark.parametrize("group", ["C1", "C8", "C12", "C30", "C2xC6", "C4xC4", "C3xC5"])
def test_kernel_closure_equals_kernel_inclusion(group):
    group = parse_group(group)
    np.testing.assert_array_equal(kernel_closure(group), brute_force_closure(group))


def test_kernel_closure_c8_is_divisibility_of_orders():
    # docs/math.md §4: L_i -> L_j allowed iff ord(j) | ord(i); C_8 orders 1, 8, 4, 8, 2.
    orders = [1, 8, 4, 8, 2]
    expected = [[oi % oj == 0 for oj in orders] for oi in orders]
    assert kernel_closure(cyclic(8)).tolist() == expected


def test_simple_inputs_lie_in_one_simple():
    x = simple_inputs(parse_group("C3xC4"), 4, (5, 2), seed=1)
    power = energies(parse_group("C3xC4"), x)
    assert x.shape == (5, 2, 12)
    np.testing.assert_allclose(power[..., 4], power.sum(-1))
    assert np.all(power.sum(-1) > 0)


@pytest.mark.parametrize(
    ("group", "activation"),
    [("C8", "relu"), ("C12", "tanh"), ("C2xC6", "elu"), ("C3xC4", "pow:2"), ("C9", "softplus")],
)
def test_random_networks_respect_kernel_containment(group, activation, random_params):
    spec = NetworkSpec(group, (2, 3, 3, 3), activation)
    flow = frequency_flow(random_params(spec, seed=len(group)), samples=6, seed=2)
    report = check_containment(flow)
    assert report.ok, report.violations[:3]
    assert report.max_forbidden < 1e-12 < DEFAULT_TOLERANCE
    # A deep random net reaches every target the closure allows (so the check is not vacuous).
    adjacency, _ = empirical_graph(flow)
    np.testing.assert_array_equal(adjacency, kernel_closure(spec.group))


def test_briefly_trained_network_respects_kernel_containment():
    spec = NetworkSpec("C12", (1, 4, 4), "relu", readout=3)
    x, y = frequency_bands(spec.group, 256, seed=0)
    trained = train(
        init(__import__("jax").random.key(0), spec), x, y, steps=40, batch_size=32, progress=False
    )
    report = check_containment(frequency_flow(trained.params, samples=6))
    assert report.ok and report.max_forbidden < 1e-12


@pytest.mark.parametrize("n", [6, 8, 12, 15])
@pytest.mark.parametrize("activation", ["relu", "abs"])
def test_one_layer_network_graph_equals_the_activation_graph(n, activation):
    spec = NetworkSpec(f"C{n}", (1, 3), activation)
    rng = np.random.default_rng(n)
    weight = rng.normal(size=(3, 1, n))
    # Generic: every channel matrix W(xi) is far from zero, so each channel sees a generic vector of L_k.
    assert np.abs(np.fft.fft(weight, axis=-1)).min() > 1e-2
    params = NetworkParams(
        spec,
        {"layers.0.weight": jnp.asarray(weight, jnp.float32), "layers.0.bias": jnp.zeros(3, jnp.float32)},
    )
    adjacency, _ = empirical_graph(frequency_flow(params, samples=8), stages=("post",))
    np.testing.assert_array_equal(adjacency, closed_form_graph(n, activation))


def test_c8_relu_golden_edges():
    # docs/math.md §4 (the authors' notebooks): C_8 ReLU 0->0; 1->0,1,2,4; 2->0,2,4; 3->0,2,3,4; 4->0,4.
    spec = NetworkSpec("C8", (1, 2), "relu")
    weight = np.random.default_rng(0).normal(size=(2, 1, 8))
    params = NetworkParams(
        spec,
        {"layers.0.weight": jnp.asarray(weight, jnp.float32), "layers.0.bias": jnp.zeros(2, jnp.float32)},
    )
    adjacency, _ = empirical_graph(frequency_flow(params, samples=8), stages=("post",))
    edges = sorted(zip(*np.nonzero(adjacency), strict=True))
    assert [(int(i), int(j)) for i, j in edges] == [
        (0, 0),
        (1, 0),
        (1, 1),
        (1, 2),
        (1, 4),
        (2, 0),
        (2, 2),
        (2, 4),
        (3, 0),
        (3, 2),
        (3, 3),
        (3, 4),
        (4, 0),
        (4, 4),
    ]


@pytest.mark.parametrize("n", [8, 12])
def test_one_layer_graph_matches_plrep_graphs(n):
    graph = interaction_graph(cyclic(n), "relu", method="exact")
    expected = np.zeros((n // 2 + 1, n // 2 + 1), dtype=bool)
    for source, target in graph.edge_set:
        expected[source, target] = True
    weight = np.random.default_rng(n).normal(size=(2, 1, n))
    params = NetworkParams(
        NetworkSpec(f"C{n}", (1, 2)),
        {"layers.0.weight": jnp.asarray(weight, jnp.float32), "layers.0.bias": jnp.zeros(2, jnp.float32)},
    )
    adjacency, _ = empirical_graph(frequency_flow(params, samples=8), stages=("post",))
    np.testing.assert_array_equal(adjacency, expected)


def test_data_flow_energies_are_those_of_the_layer_outputs(random_params):
    spec = NetworkSpec("C4xC3", (2, 3, 2), "silu")
    params = random_params(spec)
    data = np.random.default_rng(5).normal(size=(7, 2, 12))
    flow = frequency_flow(params, data, batch_size=3)  # three chunks, the last one padded
    assert flow.sources == ("data",) and flow.pre.shape == (1, 2, spec.group.num_simples)
    _, outs = apply_with_intermediates(params, data)
    # input energies on the device: float32 data and sums, so float32 tolerance (64 ulps)
    rtol = 64 * float(np.finfo(np.float32).eps)
    np.testing.assert_allclose(flow.input[0], energies(spec.group, data).sum(axis=(0, 1)), rtol=rtol)
    for layer in range(2):
        np.testing.assert_allclose(
            flow.post[0, layer], energies(spec.group, np.asarray(outs.post[layer])).sum((0, 1)), rtol=1e-6
        )
        # Parseval: energies over simples add up to the squared norm.
        np.testing.assert_allclose(
            flow.pre[0, layer].sum(), np.sum(np.asarray(outs.pre[layer], np.float64) ** 2), rtol=1e-5
        )


def test_data_of_the_wrong_length_is_rejected(random_params):
    params = random_params(NetworkSpec("C8", (1, 2)))
    message = r"^`data` must have shape \(N, 1, 8\) or \(N, 8\) for a network on C8 with 1 input channel\(s\), got shape \(4, 9\) instead$"
    with pytest.raises(ValueError, match=message):
        frequency_flow(params, np.zeros((4, 9)))


def test_check_containment_reports_energy_outside_the_closure():
    group = cyclic(4)  # orders 1, 4, 2: L_2 -> L_1 is forbidden
    post = np.zeros((3, 1, 3))
    post[0, 0, 0] = post[1, 0, 1] = post[2, 0, 2] = 1.0
    post[2, 0, 1] = 1e-3
    flow = FrequencyFlow(group, (0, 1, 2), np.eye(3), post.copy(), post)
    report = check_containment(flow)
    assert not report.ok
    assert report.violations == (
        {
            "source": 2,
            "layer": 0,
            "stage": "pre",
            "target": 1,
            "relative_energy": pytest.approx(1e-3 / 1.001),
        },
        {
            "source": 2,
            "layer": 0,
            "stage": "post",
            "target": 1,
            "relative_energy": pytest.approx(1e-3 / 1.001),
        },
    )
    with pytest.raises(ValueError, match=r"^`flow` must be a FrequencyFlow computed from simple inputs"):
        check_containment(FrequencyFlow(group, ("data",), np.ones((1, 3)), post[:1], post[:1]))


@pytest.mark.parametrize("group", ["C6", "C2xC4"])
def test_filter_spectra_are_the_singular_values_of_the_circulant(group, random_params):
    spec = NetworkSpec(group, (2, 3))
    params = random_params(spec)
    spectra = filter_spectra(params)
    dims = spec.group.simple_dims
    # The dense layer is the direct sum over simples L of W(xi) acting on L ⊗ R^c, where each
    # complex singular value appears dim L times as a real one.
    expected = np.sort(
        np.concatenate([np.repeat(s, d) for s, d in zip(spectra.singular_values[0], dims, strict=True)])
    )
    dense = np.linalg.svd(circulant_matrix(params.weight(0), spec.group), compute_uv=False)
    np.testing.assert_allclose(np.sort(dense)[-expected.size :], expected, rtol=1e-5)
    np.testing.assert_allclose(
        spectra.frobenius[0], np.sqrt((spectra.singular_values[0] ** 2).sum(-1)), rtol=1e-10
    )


def test_filter_spectrum_of_a_single_channel_is_the_dft_modulus():
    weight = np.array([[[1.0, 2.0, 0.0, -1.0, 0.5]]])
    params = NetworkParams(
        NetworkSpec("C5", (1, 1)),
        {"layers.0.weight": jnp.asarray(weight, jnp.float32), "layers.0.bias": jnp.zeros(1, jnp.float32)},
    )
    expected = np.abs(np.fft.fft(weight[0, 0]))[:3]
    np.testing.assert_allclose(filter_spectra(params).frobenius[0], expected, rtol=1e-6)
