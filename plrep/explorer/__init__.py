"""An interactive explorer: one self-contained web page of interaction graphs, maps and spectra.

``explorer_data`` precomputes what the page shows (graphs with the static drawings' geometry,
activation facts, spectrum grids); ``explorer_html`` wraps it with the page's own JavaScript
(``static/``, no libraries, nothing fetched). ``plrep explore`` writes the file; with
``--report`` (``model_data``) a Model panel draws a network's energies on the interaction graph.
"""

from plrep.explorer._choices import (
    DEFAULT_MAX_N,
    MAX_EXPLORE_GROUPS,
    MAX_EXPLORE_N,
    MAX_EXPLORE_ORDER,
    default_groups,
    explorer_activations,
    explorer_groups,
)
from plrep.explorer._model import MAX_REPORT_BYTES, MAX_REPORT_ORDER, model_data, read_report
from plrep.explorer._page import MAX_MAP_N, explorer_data, explorer_html

__all__ = [
    "DEFAULT_MAX_N",
    "MAX_EXPLORE_GROUPS",
    "MAX_EXPLORE_N",
    "MAX_EXPLORE_ORDER",
    "MAX_MAP_N",
    "MAX_REPORT_BYTES",
    "MAX_REPORT_ORDER",
    "default_groups",
    "explorer_activations",
    "explorer_data",
    "explorer_groups",
    "explorer_html",
    "model_data",
    "read_report",
]
