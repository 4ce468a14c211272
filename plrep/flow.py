"""Former import path of the frequency-flow tools, deprecated (a DeprecationWarning on import); new code imports ``plrep.nn``."""

import warnings

# Kept for one deprecation period (issue 25): earlier READMEs and notebooks imported this path.
warnings.warn(
    "plrep.flow is deprecated and will be removed in a later release; import the same names from plrep.nn",
    DeprecationWarning,
    stacklevel=2,
)

from plrep.nn._containment import (  # noqa: E402 - after the warning
    ContainmentReport,
    FilterSpectra,
    check_containment,
    empirical_graph,
    filter_spectra,
    kernel_closure,
)
from plrep.nn._flow import DEFAULT_TOLERANCE, FrequencyFlow, frequency_flow, simple_inputs  # noqa: E402

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
