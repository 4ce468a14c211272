"""The explorer page in a real headless browser: what it draws matches the CLI and the library.

References are independent of the page's code: the edge sets come from running `plrep graph
... --format json`, the projections from plrep.maps.simple_map (numpy), the S_n values from
plrep.maps.standard_to_trivial, the spectra from plrep.activation_spectrum.
"""

import json
import re
import struct
import subprocess
import sys

import numpy as np
import pytest

from plrep.activations import activation
from plrep.explorer import explorer_activations, explorer_data, explorer_html
from plrep.groups import cyclic
from plrep.maps import fourier_basis, simple_map, standard_to_trivial
from plrep.spectra import activation_spectrum, harmonic_magnitudes


def _cli_graph(group: str, name: str, *extra: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "plrep", "graph", group, "--activation", name, "--format", "json", *extra],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout)


def _assert_quiet(page):
    assert page.console == [], page.console  # the page logs nothing, errors least of all
    (errors,) = page.find(id="errors")
    assert errors[0].get("data-count") == "0", errors[1]
    assert page.find(tag="body")[0][0].get("data-ready") == "true"


@pytest.mark.parametrize(
    ("group", "name", "label"), [("C12", "abs", "order"), ("D6", "tanh", None), ("S4", "relu", "dim")]
)
def test_drawn_graph_is_the_cli_graph(page_path, render, group, name, label):
    fragment = f"group={group}&activation={name}&focus=1" + (f"&label={label}" if label else "")
    page = render(page_path, fragment)
    _assert_quiet(page)
    expected = _cli_graph(group, name, "--layers", "64")
    drawn_edges = {(int(a["data-source"]), int(a["data-target"])) for a, _ in page.find(cls="edge")}
    assert drawn_edges == {(e["source"], e["target"]) for e in expected["edges"]}
    assert len(page.find(cls="edge")) == len(expected["edges"])  # each edge drawn once
    vertices = {int(a["data-id"]): a["data-name"] for a, _ in page.find(cls="vertex")}
    assert vertices == {v["id"]: v["name"] for v in expected["vertices"]}
    # The labels chosen in the URL (restored on load): the vertex texts are those fields.
    texts = sorted(text.strip() for a, text in page.find(tag="text") if a.get("font-size"))
    field = {"order": "order", "dim": "dim", None: "name"}[label]
    assert texts == sorted(str(v[field]) for v in expected["vertices"])
    # focus=1 (restored from the URL) pins vertex 1: what it reaches after k layers, as the CLI says.
    names = {v["id"]: v["name"] for v in expected["vertices"]}
    (info,) = page.find(id="graph-info")
    shown = dict(re.findall(r"after (\d+) layers?: \{([^}]*)\}", info[1]))
    assert shown, info[1]
    reachable = expected["reachable"]["1"]
    for k, listed in shown.items():
        assert {n for n in listed.split(", ") if n} == {names[v] for v in reachable[int(k)]}, k
    sources = [a["data-id"] for a, _ in page.find(cls="vertex") if "source" in a["class"].split()]
    assert sources == ["1"]


def test_maps_and_spectra_match_the_library(page_path, render):
    point, n, source, name = (0.3, -0.7), 12, 1, "abs"
    fragment = (
        f"panel=maps&n={n}&source={source}&target=2&activation={name}&point={point[0]},{point[1]}"
        "&sn=5&snpoint=0.5,0.25&amp=1.5&bias=0.5&selftest=1"
    )
    page = render(page_path, fragment)
    _assert_quiet(page)
    # C_n: ||P_j sigma(v)|| from the library's Fourier coordinates (basis rows have norm^2 n or n/2).
    group = cyclic(n)
    bars = {int(a["data-id"]): float(a["data-value"]) for a, _ in page.find(cls="bar")}
    assert sorted(bars) == list(range(n // 2 + 1))
    for target, shown in bars.items():
        coordinates = simple_map(group, name, source, target, [point])[0]
        norms = (fourier_basis(group, target) ** 2).sum(axis=1)
        assert shown == pytest.approx(float(np.sqrt((coordinates**2 * norms).sum())), abs=1e-12)
    # The chosen target's coordinates (target=2 in the URL), as simple_map returns them.
    (shown,) = page.find(id="target-value")
    np.testing.assert_allclose(
        json.loads(shown[0]["data-value"]), simple_map(group, name, source, 2, [point])[0], atol=1e-12
    )
    # S_n standard -> trivial at the pointer (the other coordinates 0).
    (value,) = page.find(id="sn-value")
    assert float(value[0]["data-value"]) == pytest.approx(
        float(standard_to_trivial(5, [[0.5, 0.25]], name)[0]), abs=1e-12
    )
    # Spectra: the stems are |c_k| of the activation at the slider's (a, b).
    magnitudes = harmonic_magnitudes(activation_spectrum(name, harmonics=12, amplitude=1.5, bias=0.5))
    stems = {int(a["data-k"]): float(a["data-value"]) for a, _ in page.find(cls="stem")}
    zeros = {int(a["data-k"]) for a, _ in page.find(cls="zero")}
    assert sorted([*stems, *zeros]) == list(range(13))
    for k, shown in stems.items():
        assert shown == pytest.approx(magnitudes[k], rel=1e-5)  # the page keeps 6 digits
    assert all(magnitudes[k] < 1e-9 for k in zeros)
    # sigma as the page computes it, for every activation it offers, against plrep's.
    _assert_sigma_matches(page, page_path)


def _assert_sigma_matches(page, path):
    (selftest,) = page.find(id="selftest")
    found = json.loads(selftest[1])
    sampled = {a["name"] for a in json.loads(_data(path))["activations"] if "table" in a}
    xs = np.array(found["xs"])
    assert set(found["values"]) == set(explorer_activations())
    for spec, values in found["values"].items():
        expected = activation(spec)(xs)
        if spec not in sampled:  # a closed form in JavaScript: the same float64 formula
            np.testing.assert_allclose(values, expected, rtol=1e-12, atol=1e-12, err_msg=spec)
            continue
        # Linear interpolation of samples 0.005 apart: close where sigma is smooth around x.
        nearby = activation(spec)(xs[:, None] + np.array([-0.01, 0.0, 0.01]))
        smooth = np.abs(nearby[:, 0] - 2 * nearby[:, 1] + nearby[:, 2]) < 1e-3
        np.testing.assert_allclose(np.array(values)[smooth], expected[smooth], atol=1e-5, err_msg=spec)


def test_sampled_activations_are_interpolated(render, tmp_path, monkeypatch):
    """An activation without a JavaScript formula (a new one of the registry) travels as samples."""
    import plrep.explorer._panels as panels

    monkeypatch.setattr(panels, "JS_FORMULAS", frozenset())
    path = tmp_path / "index.html"
    path.write_text(explorer_html(explorer_data(["C2"], max_n=2)), encoding="utf-8")
    assert '"table"' in path.read_text(encoding="utf-8")
    page = render(path, "selftest=1&activation=gelu&panel=maps")
    _assert_quiet(page)
    _assert_sigma_matches(page, path)


def _data(path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="plrep-data">') + len(
        '<script type="application/json" id="plrep-data">'
    )
    return text[start : text.index("</script>", start)]


def test_screenshot(page_path, render, tmp_path):
    shot = tmp_path / "graphs.png"
    page = render(page_path, "group=D6&activation=relu&focus=1", screenshot=shot)
    assert page.console == []
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1400, 1000)
    assert shot.stat().st_size > 20_000  # a drawing, not a blank page
