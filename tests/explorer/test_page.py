"""The explorer page without a browser: data against the library, self-containment, packaging."""

import json
import re
import tomllib
from pathlib import Path

import pytest

from plrep.explorer import explorer_activations, explorer_data, explorer_html
from plrep.explorer._graphs import group_data
from plrep.graphs import interaction_graph
from plrep.plotting._graph_layout import RADIUS, clearance, layout

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "plrep" / "explorer" / "static"


@pytest.fixture(scope="module")
def small():
    return explorer_data(["C6", "D4"], max_n=6)


def test_every_fixed_activation_of_the_registry_is_offered():
    from plrep.activations import activation_names

    offered = explorer_activations()
    assert {name for name in activation_names() if ":" not in name} <= set(offered)
    assert {"pow:2", "pow:3", "prelu:-0.5", "prelu:0", "prelu:-1"} <= set(offered)


def test_graph_data_is_the_library_graph_and_its_drawing(small):
    c6 = small["groups"][0]
    graph = interaction_graph("C6", "relu")
    assert [[e.source, e.target] for e in graph.edges] == [edge[:2] for edge in c6["graphs"]["relu"]["edges"]]
    positions = layout(graph)
    for vertex, (x, y) in positions.items():
        assert c6["positions"][str(vertex)] == pytest.approx([x, y], abs=1e-3)
    # The page's curves come from the static drawings' router: clear of every other vertex.
    assert clearance(graph) >= RADIUS
    for source, target, _ in c6["graphs"]["relu"]["edges"]:
        both = [target, source] in [e[:2] for e in c6["graphs"]["relu"]["edges"]]
        assert f"{source},{target},{int(both)}" in c6["routes"]


def test_page_is_self_contained(small):
    page = explorer_html(small)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page and "fetch(" not in page
    assert "default-src 'none'" in page  # the page itself forbids loading anything
    data = page.split('id="plrep-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["maps"]["cyclic"] == [2, 3, 4, 5, 6]


def test_data_cannot_close_its_script_element():
    data = explorer_data(["C2"], max_n=2)
    data["groups"][0]["vertices"][0]["name"] = "</script><script>alert(1)</script>"
    page = explorer_html(data)
    assert page.count("</script>") == 2  # the data block's and the code's, nothing injected


def test_undrawable_graphs_keep_their_edges(monkeypatch):
    import plrep.explorer._graphs as graphs

    monkeypatch.setattr(graphs, "MAX_PAGE_EDGES", 3)
    entry = group_data("C6", ["relu"])["graphs"]["relu"]
    assert "too many to draw" in entry["error"] and len(entry["edges"]) > 3


def test_static_files_are_package_data():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    patterns = globs["plrep.explorer"]
    for path in STATIC.iterdir():
        assert any(path.match(pattern) for pattern in patterns), path.name


def test_a_new_registry_activation_appears_by_itself(monkeypatch):
    """A fixed activation added to plrep.activations (as sawtooth is) needs no change here."""
    import numpy as np

    import plrep.activations as activations

    def triangle(x, xp):
        return xp.abs(xp.mod(x + 1.0, 4.0) - 2.0) - 1.0

    kinks = (-5.0, -3.0, -1.0, 1.0, 3.0, 5.0)
    extra = {"triangle": lambda: activations._builtin("triangle", triangle, True, False, kinks=kinks)}
    monkeypatch.setattr(activations, "_FIXED", {**activations._FIXED, **extra})
    assert "triangle" in explorer_activations()
    data = explorer_data(["C4"], max_n=4)
    info = next(a for a in data["activations"] if a["name"] == "triangle")
    assert info["kinks"] == list(kinks) and "table" in info  # no JavaScript formula: samples
    x = np.linspace(-6.0, 6.0, len(info["table"]["values"]))
    np.testing.assert_allclose(info["table"]["values"], triangle(x, np), atol=1e-8)
    assert "triangle" in data["groups"][0]["graphs"] and "a" in data["spectra"]["grids"]["triangle"]


def test_a_spectrum_that_fails_is_reported_not_fatal(monkeypatch):
    import plrep.explorer._page as page

    def refuse(*args):
        raise ValueError("quadrature did not converge")

    monkeypatch.setattr(page, "spectrum_grid", refuse)
    grids = explorer_data(["C2"], max_n=2)["spectra"]["grids"]
    assert grids["relu"] == {"error": "no spectrum: quadrature did not converge"}
