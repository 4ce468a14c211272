"""Former home of the graph drawings' geometry, now ``plrep.graphs._layout`` (numpy only), so that
interaction graphs can draw themselves inline (``InteractionGraph._repr_html_``); kept so existing
imports run."""

from plrep.graphs._layout import RADIUS, Route, clearance, extent, layout, route_edges, sample

__all__ = ["RADIUS", "Route", "clearance", "extent", "layout", "route_edges", "sample"]
