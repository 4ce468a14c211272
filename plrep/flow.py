"""Former import path of the frequency-flow tools, kept so existing code runs; new code imports ``plrep.nn``."""

from plrep.nn._containment import (
    ContainmentReport,
    FilterSpectra,
    check_containment,
    empirical_graph,
    filter_spectra,
    kernel_closure,
)
from plrep.nn._flow import DEFAULT_TOLERANCE, FrequencyFlow, frequency_flow, simple_inputs

__all__ = [
    "DEFAULT_TOLERANCE",
    "ContainmentReport",
    "FilterSpectra",
    "FrequencyFlow",
    "check_containment",
    "empirical_graph",
    "filter_spectra",
    "frequency_flow",
    "kernel_closure",
    "simple_inputs",
]
