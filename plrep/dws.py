"""Former import path of the DWS layers, kept so existing code runs; new code imports ``plrep.nn``."""

from plrep.nn._dws import dws_layer_apply, dws_layer_init, widths_of
from plrep.nn._dws_network import dws_apply, dws_init, invariant_features

__all__ = ["dws_apply", "dws_init", "dws_layer_apply", "dws_layer_init", "invariant_features", "widths_of"]
