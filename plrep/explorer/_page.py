"""The explorer page: plrep's data as JSON inside one self-contained HTML file.

The template, styles and scripts are package data (``plrep/explorer/static``); the page loads
nothing from anywhere (its Content-Security-Policy forbids it), so it works from a file: URL.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from importlib.metadata import version

from plrep._validate import check_int, describe
from plrep.explorer._choices import (
    DEFAULT_MAX_N,
    MAX_EXPLORE_N,
    MAX_EXPLORE_ORDER,
    SPECTRUM_AMPLITUDES,
    SPECTRUM_BIASES,
    SPECTRUM_HARMONICS,
    check_activations,
    explorer_activations,
    explorer_groups,
)
from plrep.explorer._graphs import group_data
from plrep.explorer._model import DEFAULT_MARGIN, MODEL_MARGINS, model_data
from plrep.explorer._panels import activation_info, spectrum_grid
from plrep.groups import parse_group

__all__ = ["MAX_MAP_N", "SCRIPTS", "explorer_data", "explorer_html"]

# The maps panel evaluates sigma on |C_n| points per pointer move and a DFT of n^2 terms.
MAX_MAP_N = 64
SYMMETRIC_DEGREES = (3, 4, 5, 6)
SCRIPTS = ("core.js", "graphs.js", "maps.js", "spectra.js", "model.js", "main.js")


def _progress(total: int, enabled: bool):
    """A tqdm bar on stderr when it is a terminal; otherwise a no-op step function."""
    if not enabled or not sys.stderr.isatty():
        return None, (lambda: None)
    from tqdm import tqdm

    bar = tqdm(total=total, desc="interaction graphs", unit="graph", file=sys.stderr, leave=False)
    return bar, (lambda: bar.update(1))


def _report_groups(models: list[dict], specs: tuple[str, ...], names: tuple[str, ...]) -> dict[str, tuple]:
    """The groups the reports need that the page does not have yet, with the activations to draw.

    A group within the page's limit gets every activation; a larger one (C_23 x C_23 of the
    modular-addition study) only the reports' own activations (relu where none is named): its
    graphs take seconds each to route.
    """
    have = {spec.upper() for spec in specs}
    extra: dict[str, set] = {}
    for model in models:
        spec = model["group"]
        if spec.upper() in have:
            continue
        wanted = extra.setdefault(spec, set())
        wanted.add(model["activation"] or "relu")
    out = {}
    for spec, wanted in extra.items():
        small = parse_group(spec).order <= MAX_EXPLORE_ORDER
        out[spec] = names if small else tuple(n for n in names if n in wanted) or tuple(sorted(wanted))
    return out


def explorer_data(groups=None, *, max_n: int = DEFAULT_MAX_N, progress: bool = False, reports=None) -> dict:
    """Everything the page shows, precomputed: graphs with their geometry, activations, spectra.

    Args:
        groups: group specs of the graphs panel (default ``default_groups(max_n)``).
        max_n: the largest C_n of the default groups (and of the maps panel, at most ``MAX_MAP_N``),
            2 <= max_n <= ``MAX_EXPLORE_N``.
        progress: a progress bar on stderr (only when it is a terminal).
        reports: {label: report JSON object} for the Model panel (``plrep.explorer.model_data``
            reads them); each report's group joins the graphs panel.

    Raises:
        ValueError: see ``explorer_groups`` and ``model_data``; checked before any graph is computed.

    Example:
        >>> data = explorer_data(["C4"], max_n=4)
        >>> [g["spec"] for g in data["groups"]], data["maps"]["cyclic"]
        (['C4'], [2, 3, 4])
    """
    max_n = check_int(max_n, "max_n", minimum=2, maximum=MAX_EXPLORE_N)
    specs = explorer_groups(groups, max_n)
    names = explorer_activations()
    check_activations()
    models = [model_data(report, str(label)) for label, report in _reports(reports).items()]
    spelled = {spec.upper(): spec for spec in specs}
    for model in models:  # the page keys groups by the spec as given (--groups c12 is "c12")
        model["group"] = spelled.get(model["group"].upper(), model["group"])
    extra = _report_groups(models, specs, names)
    bar, step = _progress(len(specs) * len(names) + sum(map(len, extra.values())), progress)
    try:
        graphs = [group_data(spec, names, progress=step) for spec in specs]
        graphs += [group_data(spec, chosen, progress=step) for spec, chosen in extra.items()]
    finally:
        if bar is not None:
            bar.close()
    return {
        "models": models,
        "model_margins": list(MODEL_MARGINS),
        "model_margin": DEFAULT_MARGIN,
        "plrep": version("plrep"),
        "activations": [activation_info(name) for name in names],
        "groups": graphs,
        "maps": {"cyclic": list(range(2, min(max_n, MAX_MAP_N) + 1)), "symmetric": list(SYMMETRIC_DEGREES)},
        "spectra": {
            "amplitudes": list(SPECTRUM_AMPLITUDES),
            "biases": list(SPECTRUM_BIASES),
            "harmonics": SPECTRUM_HARMONICS,
            "grids": {name: _spectrum_or_reason(name) for name in names},
        },
    }


def _reports(reports) -> dict:
    if reports is None:
        return {}
    if not isinstance(reports, dict) or any(not isinstance(k, str) or not k for k in reports):
        raise TypeError(
            f"`reports` must be a dict {{label: report JSON object}}, got {describe(reports)} instead"
        )
    return reports


def _spectrum_or_reason(name: str) -> dict:
    """The spectrum grid, or why there is none: one activation's failure must not cost the page."""
    try:
        return spectrum_grid(name, SPECTRUM_AMPLITUDES, SPECTRUM_BIASES, SPECTRUM_HARMONICS)
    except (ValueError, FloatingPointError) as error:  # e.g. quadrature that does not converge
        return {"error": f"no spectrum: {error}"}


def _static(name: str) -> str:
    return resources.files("plrep.explorer").joinpath("static", name).read_text(encoding="utf-8")


def explorer_html(data: dict) -> str:
    """The page: template, styles, scripts and ``data`` as JSON, in one string.

    Example:
        >>> page = explorer_html(explorer_data(["C4"], max_n=4))
        >>> page.startswith("<!DOCTYPE html>"), any(s in page for s in ("src=", "<link", "@import"))
        (True, False)
    """
    # "<" never appears raw inside the JSON, so no string in it can close the script element.
    payload = json.dumps(data, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")
    scripts = "\n".join(_static(name) for name in SCRIPTS)
    footer = (
        f"Generated by plrep {data.get('plrep', '')} (<code>plrep explore</code>); "
        f"{len(data['groups'])} groups, {len(data['activations'])} activations. Self-contained: nothing is loaded."
    )
    page = _static("template.html")
    for marker, text in (("/*CSS*/", _static("explore.css")), ("/*FOOTER*/", footer), ("/*JS*/", scripts)):
        page = page.replace(marker, text, 1)
    return page.replace("/*DATA*/", payload, 1)  # last: the data may contain the other markers
