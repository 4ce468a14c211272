"""Results read well in a REPL: one-line reprs and tables keyed by simple names."""

import numpy as np
import pytest

import plrep


def test_decomposition_table_is_keyed_by_names():
    x = np.maximum(np.cos(2 * np.pi * np.arange(8) / 8), 0)
    d = plrep.decompose(plrep.cyclic(8), x)
    table = d.table()
    assert list(table) == [s.name for s in d.group.simples]
    assert np.allclose(list(table.values()), d.energies())
    batch = plrep.decompose("S4:natural", np.arange(8.0).reshape(2, 4)).table()
    assert batch["3a"].shape == (2,) and np.allclose(batch["1b"], 0)


def test_by_simple_labels_plain_arrays_and_checks_length():
    X = plrep.natural_gset(plrep.symmetric(4))
    assert plrep.by_simple(X, plrep.multiplicities(X)) == {"1a": 1, "1b": 0, "2a": 0, "3a": 1, "3b": 0}
    energies = plrep.discrete_energies("relu", 12, 1)
    assert list(plrep.by_simple(plrep.cyclic(12), energies).values()) == energies.tolist()
    with pytest.raises(ValueError, match=r"`values` must have one entry per simple on its last axis \(7\)"):
        plrep.by_simple(plrep.cyclic(12), [1.0, 2.0])


def test_short_reprs():
    grid = plrep.activation_spectrum("gelu", harmonics=64, amplitude=[0.5, 1, 2], bias=[[0.0], [0.3]])
    graph = plrep.interaction_graph("C12", "relu")
    for text in (repr(grid), repr(graph), repr(plrep.activation_spectrum("relu", harmonics=8))):
        assert "\n" not in text and len(text) < 200, text
    assert "(2, 3, 65)" in repr(grid)  # the axis order is stated
    assert "7 vertices" in repr(graph)


def test_graph_and_spectrum_tables():
    graph = plrep.interaction_graph("C8", "relu", method="exact")
    table = graph.table()
    assert table["L1"] == ["L0", "L1", "L2", "L4"]
    assert sum(len(t) for t in table.values()) == len(graph.edges)
    spectrum = plrep.activation_spectrum("relu", harmonics=4)
    assert spectrum.table()[1] == (0.0, 0.5)
    assert len(spectrum.table(2)) == 3


def test_flow_repr_and_table():
    import jax

    from plrep.nn import NetworkSpec, frequency_flow, init

    flow = frequency_flow(init(jax.random.key(0), NetworkSpec("C16", (1, 8, 8), "relu", readout=3)))
    text = repr(flow)
    assert "\n" not in text and len(text) < 200 and "(source, layer, simple)" in text
    table = flow.table()
    assert list(table) == [f"L{k}" for k in range(9)]
    assert len(table["L1"]) == flow.num_layers
    assert np.isclose(sum(table["L1"][0].values()), 1.0)
