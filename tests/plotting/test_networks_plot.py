"""Frequency-flow pictures stay readable: aggregated panels for many inputs, a data-driven colour range."""

import jax
import matplotlib
import numpy as np

from plrep.flow import frequency_flow
from plrep.nn import NetworkSpec, init, kernel_closure
from plrep.plotting.networks import MAX_PANELS, plot_frequency_flow

matplotlib.use("Agg")


def _images(fig):
    return [ax for ax in fig.axes if ax.images]


def test_many_input_simples_are_drawn_one_panel_per_order():
    import matplotlib.pyplot as plt

    flow = frequency_flow(init(jax.random.key(0), NetworkSpec("C32", (1, 4), "relu")))
    assert len(flow.sources) == 17 > MAX_PANELS
    fig = plot_frequency_flow(flow, closure=kernel_closure(flow.group))
    panels = _images(fig)
    orders = sorted({s.order for s in flow.group.simples})
    assert [ax.get_title() for ax in panels] == [
        f"inputs of order {d} ({n} simple{'s' if n > 1 else ''})"
        for d in orders
        for n in [sum(s.order == d for s in flow.group.simples)]
    ]
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
