"""Former import path of the DWS layers, deprecated (a DeprecationWarning on import); new code imports ``plrep.nn``."""

import warnings

# Kept for one deprecation period (issue 25): earlier READMEs and notebooks imported this path.
warnings.warn(
    "plrep.dws is deprecated and will be removed in a later release; import the same names from plrep.nn",
    DeprecationWarning,
    stacklevel=2,
)

from plrep.nn._dws import dws_layer_apply, dws_layer_init, widths_of  # noqa: E402 - after the warning
from plrep.nn._dws_network import dws_apply, dws_init, invariant_features  # noqa: E402

__all__ = ["dws_apply", "dws_init", "dws_layer_apply", "dws_layer_init", "invariant_features", "widths_of"]
