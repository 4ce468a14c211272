"""Frequency-flow pictures stay readable: aggregated panels for many inputs, a data-driven colour range."""

import jax
import matplotlib
import numpy as np

from plrep.nn import NetworkSpec, frequency_flow, init, kernel_closure
from plrep.plotting.networks import MAX_PANELS, plot_frequency_flow

matplotlib.use("Agg")


def _images(fig):
    return [ax for ax in fig.axes if ax.images]


def test_many_input_simples_are_drawn_one_panel_per_order():
    import matplotlib.pyplot as plt

    flow = frequency_flow(init(jax.random.key(0), NetworkSpec("C32", (1, 4), "relu")))
    assert len(flow.sources) == 17 > MAX_PANELS
    fig = plot_frequency_flow(flow, closure=kernel_closure(flow.group))
    (panel,) = _images(fig)  # six order blocks stacked in one heat map, not tiled
    orders = sorted({s.order for s in flow.group.simples})
    headers = [t.get_text() for t in panel.texts]
    assert headers == [
        f"inputs of order {d} ({n} simple{'s' if n > 1 else ''})"
        for d in orders
        for n in [sum(s.order == d for s in flow.group.simples)]
    ]
    stages = 2 * flow.num_layers + 1
    assert panel.images[0].get_array().shape == (len(orders) * (stages + 1), len(flow.group.simples))
    assert len(fig.axes) == 2  # the heat map and its colour bar
    plt.close(fig)


def test_c8xc8_is_one_heat_map_of_a_readable_size():
    import matplotlib.pyplot as plt

    flow = frequency_flow(init(jax.random.key(0), NetworkSpec("C8xC8", (1, 2), "relu")))
    fig = plot_frequency_flow(flow)
    (panel,) = _images(fig)
    width, height = fig.get_size_inches()
    assert width < 16 and height < 16  # was 34 panels, 5896 px wide
    assert panel.images[0].get_array().shape[1] == len(flow.group.simples)
    assert any("relative energy" in ax.get_ylabel() for ax in fig.axes)  # the colour bar
    plt.close(fig)


def test_data_panel_colour_range_follows_the_data():
    import matplotlib.pyplot as plt

    params = init(jax.random.key(1), NetworkSpec("C8", (1, 4), "relu"))
    x = np.random.default_rng(0).normal(size=(16, 8))
    flow = frequency_flow(params, x)
    fig = plot_frequency_flow(flow)
    (panel,) = _images(fig)
    low, high = panel.images[0].get_clim()
    shown = np.asarray(panel.images[0].get_array())
    assert high == 0.0 and low == np.floor(shown.min()) and low > -12  # not the fixed 1e-12 floor
    plt.close(fig)
