"""The page's activations equal plrep's everywhere: page, library and mpmath agree on [-50, 50].

The page is driven over the DevTools protocol: PLREP.sigma(name) evaluated in chromium at every
point, for every activation the page offers, then checked against 50-digit mpmath and the library.
"""

import json

import numpy as np
import pytest

from plrep.activations import activation
from plrep.explorer import explorer_activations
from plrep.groups import cyclic
from plrep.maps import fourier_basis, simple_map

POINTS = np.unique(
    np.concatenate([np.linspace(-50.0, 50.0, 1001), [-40, -37.5, -10, -8, -4.16, -3, 0, 3, 10]])
)


@pytest.fixture(scope="module")
def page(page_path, chromium, devtools_browser, tmp_path_factory):
    profile = tmp_path_factory.mktemp("profile")
    url = f"{page_path.resolve().as_uri()}#panel=maps&activation=sawtooth&n=12&source=1&target=0&point=10,0"
    browser = devtools_browser(chromium, profile, url)
    browser.ready()
    yield browser
    browser.close()


def test_page_activations_match_mpmath_and_the_library(page, assert_activation_accurate):
    values = page.evaluate(
        f"(() => {{ const xs = {json.dumps(POINTS.tolist())}; const out = {{}};"
        " for (const info of PLREP.DATA.activations) out[info.name] = xs.map((x) => PLREP.sigma(info.name)(x));"
        " return JSON.stringify(out); })()"
    )
    values = json.loads(values)
    assert set(values) == set(explorer_activations())
    for spec, shown in values.items():
        assert_activation_accurate(spec, POINTS, shown)
        # The page and the library: each within its bound of the truth, so within twice of each other.
        library = activation(spec)(POINTS)
        scale = np.maximum(np.abs(library), np.finfo(float).tiny)
        bound = 2e-15 * (1 + POINTS**2) if spec == "gelu" else 4e-15
        assert np.all(
            (np.abs(np.array(shown) - library) <= 2 * bound * scale) | (scale <= 2 * np.finfo(float).tiny)
        ), spec


def test_page_erf_and_erfc_keep_their_digits(page):
    import mpmath

    xs = np.linspace(-6.0, 26.0, 641)
    shown = json.loads(
        page.evaluate(f"JSON.stringify({json.dumps(xs.tolist())}.map((x) => [PLREP.erf(x), PLREP.erfc(x)]))")
    )
    with mpmath.workdps(40):
        for x, (erf, erfc) in zip(xs, shown, strict=True):
            assert erf == pytest.approx(float(mpmath.erf(x)), rel=1e-15, abs=1e-300)
            expected = float(mpmath.erfc(x))
            if expected > np.finfo(float).tiny:
                assert erfc == pytest.approx(expected, rel=1e-15 * (1 + x * x)), x


def test_maps_point_from_the_url_beyond_the_table(page):
    """#...&activation=sawtooth&point=10,0: the bars are plrep's at c = (10, 0), unclamped."""
    bars = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#bars .bar')].map((b) => [b.dataset.id, Number(b.dataset.value)]))"
    )
    group = cyclic(12)
    for target, shown in bars.items():
        coordinates = simple_map(group, "sawtooth", 1, int(target), [(10.0, 0.0)])[0]
        norms = (fourier_basis(group, int(target)) ** 2).sum(axis=1)
        assert shown == pytest.approx(float(np.sqrt((coordinates**2 * norms).sum())), rel=1e-12, abs=1e-12)
    assert bars["0"] == pytest.approx(7.07, abs=0.01)  # the value (the old page showed 3.03)
