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
    lines = table.splitlines()
    assert lines[0] == "C16 frequency flow, post-activation share of each layer's energy per simple:"
    assert lines[1].split() == ["source", "layer", *(f"L{k}" for k in range(9))]
    assert len(lines) == 2 + 9 * flow.num_layers  # one row per (source, layer)
    shares = flow.relative("post")
    for line in lines[2:]:
        source, layer, *cells = line.split()
        row = shares[int(source[1:]), int(layer) - 1]
        for cell, value in zip(cells, row, strict=True):
            # round-off (below 1e-12 of the row's largest share) is printed as 0, the rest to 3 places
            assert float(cell) == (0.0 if value <= 1e-12 * row.max() else pytest.approx(value, abs=6e-4))


def test_short_reprs_of_summaries_reports_bases_and_params():
    import jax

    from plrep.inspection import inspect_arrays
    from plrep.nn import NetworkSpec, init

    x = np.random.default_rng(0).normal(size=(50, 16))
    params = init(jax.random.key(0), NetworkSpec("C8", (1, 4, 4), "relu", readout=3))
    texts = {
        "summary": repr(plrep.summarize("C16", x)),
        "report": repr(inspect_arrays("C16", {"a": x, "b": x[:3]})),
        "basis": repr(plrep.hom_basis("S4", 2, 1)),
        "orbit basis": repr(plrep.hom_basis("D4", 1, 1)),
        "params": repr(params),
    }
    for name, text in texts.items():
        assert "\n" not in text and len(text) < 200 and "array(" not in text, (name, text)
    assert "50 unit(s)" in texts["summary"] and "9 simples" in texts["summary"]
    assert "arrays [a, b]" in texts["report"]
    assert texts["basis"].startswith("PatternBasis(5 orbit matrices")  # S_4: X^2 -> X has 5 orbits
    assert texts["orbit basis"].startswith("OrbitBasis(3 orbit matrices")  # D_4 on pairs: 0, 1, 2 apart
    total = sum(int(np.size(leaf)) for leaf in jax.tree_util.tree_leaves(params))
    assert f"{total} parameters" in texts["params"]


def test_decomposition_table_shows_round_off_as_zero():
    # max(cos(2 pi x / 8), 0) has no L3 component: its energy is round-off (~1e-32) in energies().
    x = np.maximum(np.cos(2 * np.pi * np.arange(8) / 8), 0)
    d = plrep.decompose(plrep.cyclic(8), x)
    assert 0 < d.energies()[3] < 1e-20 or d.energies()[3] == 0
    assert d.table()["L3"] == 0.0 and d.table()["L1"] == pytest.approx(1.0)
