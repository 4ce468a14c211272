"""The inspection picture: a heat map with a colour bar whose range follows the data."""

import matplotlib
import numpy as np

from plrep.inspection import inspect_arrays
from plrep.plotting.inspection import plot_inspection

matplotlib.use("Agg")


def test_heat_map_has_a_colour_bar_and_a_data_driven_range(tmp_path):
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(0)
    report = inspect_arrays("C13", {"embed": rng.normal(size=(13, 5)), "other": rng.normal(size=(13, 3))})
    figure = plot_inspection(report, tmp_path / "inspect.png")
    heat = next(ax for ax in figure.axes if ax.images)
    low, high = heat.images[0].get_clim()
    shown = np.asarray(heat.images[0].get_array())
    assert high == 0 and low == min(-1.0, np.floor(shown.min())) and low > -8  # not washed out
    bars = [ax for ax in figure.axes if "log10 share" in ax.get_ylabel()]
    assert len(bars) == 1 and f"{low:g}" in bars[0].get_ylabel()
    pixels = matplotlib.image.imread(tmp_path / "inspect.png")
    assert pixels[..., :3].std() > 0.05
    plt.close(figure)
