"""The Model panel and the linked views in a real headless chromium, driven by mouse and keys.

The reports are made by plrep's own CLI and API in separate processes (`plrep inspect --format
json`, `plrep.nn.probe(...).to_dict()`), the pages by `plrep explore --report`; what the page
draws is read back from its DOM and compared with the JSON files themselves. Reachability
comes from `plrep graph --format json` and the harmonic targets from modular arithmetic.
"""

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from plrep.spectra import activation_spectrum, harmonic_magnitudes

MARGIN = 1e-6  # the page's default support margin


def _run(*arguments, cwd=None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, *arguments], capture_output=True, text=True, timeout=600, cwd=cwd)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def c12_report(tmp_path_factory) -> dict:
    """`plrep inspect ARCHIVE.npz --group C12 --format json` on three made-up layers."""
    folder = tmp_path_factory.mktemp("report")
    rng = np.random.default_rng(3)
    x = np.arange(12)
    first = np.stack([np.cos(2 * np.pi * x / 12 + p) for p in rng.uniform(0, 6, 8)], 1)  # L1 only
    second = np.maximum(first, 0.0)  # relu: L0, L1, L2, L4, L6 ... by the graph
    third = second @ rng.normal(size=(8, 5)) + 1e-3 * rng.normal(size=(12, 5))  # noise everywhere
    np.savez(folder / "acts.npz", a_input=first, b_relu=second, c_mixed=third)
    done = _run("-m", "plrep", "inspect", str(folder / "acts.npz"), "--group", "C12", "--format", "json")
    path = folder / "c12.json"
    path.write_text(done.stdout)
    return {"path": path, "json": json.loads(done.stdout)}


@pytest.fixture(scope="module")
def c12_page(c12_report, tmp_path_factory, chromium):
    out = tmp_path_factory.mktemp("page")
    command = ["-m", "plrep", "explore", "--out", str(out), "--groups", "C12,D6", "--max-n", "12"]
    _run(*command, "--report", str(c12_report["path"]))
    return out / "index.html"


@pytest.fixture
def browser(chromium, tmp_path, devtools_browser):
    opened = []

    def open_page(path, fragment):
        page = devtools_browser(
            chromium, tmp_path / f"profile{len(opened)}", f"{path.resolve().as_uri()}#{fragment}"
        )
        opened.append(page)
        page.ready()
        return page

    yield open_page
    for page in opened:
        page.close()


def _vertices(page) -> dict:
    return page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#model-graph .model-vertex')].map((g) =>"
        " [g.dataset.id, [Number(g.dataset.energy), Number(g.dataset.share), g.getAttribute('class')]]))"
    )


def _quiet(page):
    assert page.evaluate("document.getElementById('errors').dataset.count") == "0"
    assert page.console == []


def _reachable(group: str, activation: str, support: set) -> set:
    graph = json.loads(
        _run("-m", "plrep", "graph", group, "--activation", activation, "--format", "json").stdout
    )
    return {e["target"] for e in graph["edges"] if e["source"] in support}


def test_model_panel_shades_the_reports_numbers_layer_by_layer(c12_page, c12_report, browser):
    report = c12_report["json"]
    page = browser(c12_page, "panel=model&layer=0&activation=relu")
    _quiet(page)
    for layer, array in enumerate(report["arrays"]):
        shown = _vertices(page)
        assert sorted(map(int, shown)) == list(range(7))
        for simple, (energy, share, _) in shown.items():
            assert energy == pytest.approx(array["totals"][int(simple)], rel=1e-12, abs=1e-300)
            assert share == pytest.approx(array["relative"][int(simple)], rel=1e-9, abs=1e-15)
        assert page.evaluate("location.hash").count(f"layer={layer}") == 1
        if layer:
            # The measured energy outside what the previous layer's support reaches, recomputed.
            previous = np.array(report["arrays"][layer - 1]["relative"])
            support = set(np.flatnonzero(previous >= MARGIN).tolist())
            reach = _reachable("C12", "relu", support)
            outside = sum(s for j, s in enumerate(array["relative"]) if j not in reach)
            shown_outside = float(page.evaluate("document.getElementById('model-summary').dataset.outside"))
            assert shown_outside == pytest.approx(outside, rel=1e-9, abs=1e-15)
            ringed = {int(j) for j, (_, share, cls) in shown.items() if "outside" in cls.split()}
            assert ringed == {j for j, s in enumerate(array["relative"]) if j not in reach and s >= MARGIN}
        if layer + 1 < len(report["arrays"]):  # the slider, by keyboard as a user would
            page.evaluate("document.getElementById('model-layer').focus()")
            page.key("ArrowRight", key_code=39)
            page.wait(f"document.getElementById('model-summary').dataset.layer === '{layer + 1}'")
    # relu of a pure L1 layer stays inside the graph's reach: nothing ringed at layer 1.
    _quiet(page)


def test_step_kind_changes_the_reachable_set(c12_page, c12_report, browser):
    report = c12_report["json"]
    page = browser(c12_page, "panel=model&layer=2&activation=relu&steps=sigma,linear")
    relative = np.array(report["arrays"][2]["relative"])
    previous = np.array(report["arrays"][1]["relative"])
    support = set(np.flatnonzero(previous >= MARGIN).tolist())
    outside = relative[[j for j in range(7) if j not in support]].sum()
    assert float(page.evaluate("document.getElementById('model-summary').dataset.outside")) == pytest.approx(
        outside, rel=1e-9, abs=1e-15
    )
    assert page.evaluate("document.getElementById('model-step').value") == "linear"


def test_linked_views_click_and_hover_for_real(c12_page, c12_report, browser):
    page = browser(c12_page, "group=C12&activation=abs&amp=1.5&bias=0")
    _quiet(page)
    # Hover: the info box switches to what L2 reaches; leaving restores the summary.
    page.hover("#graph .vertex[data-id='2']")
    page.wait("document.getElementById('graph-info').textContent.startsWith('L2:')")
    assert page.evaluate("document.getElementById('graph-linked').hidden") is True
    # Click L1: pinned, its spectrum row and its energy through the report's layers appear.
    page.click("#graph .vertex[data-id='1']")
    page.wait("!document.getElementById('graph-linked').hidden")
    assert "focus=1" in page.evaluate("location.hash")
    targets = json.loads(page.evaluate("document.getElementById('spectrum-row').dataset.targets"))
    magnitudes = harmonic_magnitudes(activation_spectrum("abs", harmonics=12, amplitude=1.5, bias=0.0))
    for entry in targets:  # harmonic m of a vector of L1 lands in L_{m mod 12}, folded to 0..6
        folded = entry["k"] % 12
        assert entry["target"] == min(folded, 12 - folded)
        assert entry["magnitude"] == pytest.approx(magnitudes[entry["k"]], rel=1e-5, abs=1e-9)
    assert [e["k"] for e in targets if e["magnitude"] > 0] == [0, 2, 4, 6, 8, 10, 12]  # abs is even
    dots = page.evaluate(
        "[...document.querySelectorAll('#graph-trace .trace-dot')].map((d) => Number(d.dataset.share))"
    )
    expected = [array["relative"][1] for array in c12_report["json"]["arrays"]]
    assert page.evaluate("getComputedStyle(document.getElementById('graph-trace')).display") != "none"
    np.testing.assert_allclose(dots, expected, rtol=1e-9, atol=1e-15)
    # D6 has no frequencies: the row says so instead of inventing one.
    page.click("#group")
    page.evaluate(
        "(() => { const s = document.getElementById('group'); s.value = 'D6'; s.dispatchEvent(new Event('change')); })()"
    )
    page.click("#graph .vertex[data-id='4']")
    page.wait("!document.getElementById('graph-linked').hidden")
    assert "no harmonic row" in page.evaluate("document.getElementById('spectrum-row').textContent")
    # No report over D6: no energy trace is shown (an empty chart would suggest zeros).
    assert page.evaluate("getComputedStyle(document.getElementById('graph-trace')).display") == "none"
    _quiet(page)


def test_vertices_by_keyboard_and_back_undoes_a_group_change(c12_page, browser):
    page = browser(c12_page, "group=C12&activation=relu")
    for _ in range(40):  # Tab through the controls until a vertex has the focus
        page.key("Tab", key_code=9)
        if page.evaluate("document.activeElement.classList.contains('vertex')"):
            break
    else:
        pytest.fail("no vertex of the graph is reachable with Tab")
    vertex = page.evaluate("document.activeElement.dataset.id")
    page.key("Enter", key_code=13)
    page.wait(f"location.hash.includes('focus={vertex}')")
    page.evaluate(
        "(() => { const s = document.getElementById('group'); s.value = 'D6'; s.dispatchEvent(new Event('change')); })()"
    )
    assert "group=D6" in page.evaluate("location.hash")
    page.back()
    page.wait("location.hash.includes('group=C12') && document.body.dataset.ready === 'true'")
    page.wait("document.getElementById('group').value === 'C12'")
    _quiet(page)


def test_bad_hash_is_said_on_the_page(c12_page, browser):
    page = browser(
        c12_page, "group=%3Cscript%3Ealert(1)%3C/script%3E&activation=nope&panel=model&report=missing&zoom=3"
    )
    notice = page.evaluate("document.getElementById('notice').textContent")
    assert "group “<script>alert(1)</script>”" in notice and "does not have" in notice
    assert "activation “nope”" in notice and "report “missing”" in notice and "“zoom”" in notice
    assert page.evaluate("document.getElementById('notice').hidden") is False
    assert page.evaluate("document.querySelectorAll('script').length") == 2  # nothing injected
    _quiet(page)


PROBE = textwrap.dedent(
    """
    import json, sys
    import jax, jax.numpy as jnp, numpy as np
    from plrep.nn import probe
    p = 5
    key_a, key_b, key_u = jax.random.split(jax.random.key(0), 3)
    wa, wb = jax.random.normal(key_a, (p, 6)), jax.random.normal(key_b, (p, 6))
    u = jax.random.normal(key_u, (6, p))
    def mlp(pairs):
        pre = wa[pairs // p] + wb[pairs % p]
        hidden = pre ** 2
        return {"pre": pre, "hidden": hidden, "logits": hidden @ u}
    report = probe(mlp, f"C{p}xC{p}").to_dict()
    report.update(activation="pow:2", layers=["pre", "hidden", "logits"], steps=["sigma", "linear"])
    json.dump(report, open(sys.argv[1], "w"))
    """
)


def test_probe_report_of_a_modular_addition_mlp(tmp_path, browser):
    """A probe's JSON over C5 x C5 (the modular-addition layout, small): numbers and the x^2 rule."""
    path = tmp_path / "mlp.json"
    _run("-c", PROBE, str(path))
    report = json.loads(path.read_text())
    out = tmp_path / "page"
    _run("-m", "plrep", "explore", "--out", str(out), "--groups", "C4", "--max-n", "4", "--report", str(path))
    page = browser(out / "index.html", "panel=model&layer=1")
    _quiet(page)
    assert page.evaluate("document.getElementById('activation').value") == "pow:2"  # the report's
    arrays = {a["name"]: a for a in report["arrays"]}
    for layer, name in enumerate(["pre", "hidden", "logits"]):
        page.evaluate(
            f"(() => {{ const s = document.getElementById('model-layer'); s.value = '{layer}';"
            " s.dispatchEvent(new Event('input')); })()"
        )
        shown = _vertices(page)
        assert len(shown) == 13  # the real simples of C5 x C5
        for simple, (energy, _, _) in shown.items():
            assert energy == pytest.approx(arrays[name]["totals"][int(simple)], rel=1e-12, abs=1e-300)
    # pre lives in (k, 0) + (0, k); x^2 of one simple reaches (2k, 0), (0, 2k), (0, 0) only, so
    # the mixtures (k, +-k) are energy outside the reachable set: the page measures it.
    page.evaluate(
        "(() => { const s = document.getElementById('model-layer'); s.value = '1'; s.dispatchEvent(new Event('input')); })()"
    )
    support = {j for j, s in enumerate(arrays["pre"]["relative"]) if s >= MARGIN}
    reach = _reachable("C5xC5", "pow:2", support)
    outside = sum(s for j, s in enumerate(arrays["hidden"]["relative"]) if j not in reach)
    assert outside > 0.01
    shown_outside = float(page.evaluate("document.getElementById('model-summary').dataset.outside"))
    assert shown_outside == pytest.approx(outside, rel=1e-9)


def test_flow_report_of_a_saved_network(tmp_path, browser):
    """`plrep inspect WEIGHTS.npz --format json` (a C8 relu network fed one simple at a time)."""
    weights = tmp_path / "c8.npz"
    _run(
        "-c",
        "import jax, sys; from plrep.nn import NetworkSpec, init, save; "
        "save(sys.argv[1], init(jax.random.key(1), NetworkSpec('C8', (1, 4, 4))))",
        str(weights),
    )
    path = tmp_path / "flow.json"
    path.write_text(_run("-m", "plrep", "inspect", str(weights), "--format", "json", "--samples", "8").stdout)
    flow = json.loads(path.read_text())["flow"]
    out = tmp_path / "page"
    _run("-m", "plrep", "explore", "--out", str(out), "--groups", "C8", "--max-n", "8", "--report", str(path))
    source = flow["sources"].index(1)  # inputs in L1
    page = browser(out / "index.html", f"panel=model&input={source}&layer=0")
    _quiet(page)
    expected = [flow["input"][source]]
    for layer in range(len(flow["pre"][source])):
        expected += [flow["pre"][source][layer], flow["post"][source][layer]]
    for layer, row in enumerate(expected):
        page.evaluate(
            f"(() => {{ const s = document.getElementById('model-layer'); s.value = '{layer}';"
            " s.dispatchEvent(new Event('input')); })()"
        )
        shown = _vertices(page)
        for simple, (energy, _, _) in shown.items():
            assert energy == pytest.approx(row[int(simple)], rel=1e-12, abs=1e-300)
    # Inputs in one simple: relu's first layer puts (almost) nothing outside the graph's reach.
    page.evaluate(
        "(() => { const s = document.getElementById('model-layer'); s.value = '2'; s.dispatchEvent(new Event('input')); })()"
    )
    assert page.evaluate("document.getElementById('model-step').value") == "sigma"
    assert float(page.evaluate("document.getElementById('model-summary').dataset.outside")) < 1e-9


def test_dihedral_and_symmetric_reports(tmp_path, browser):
    """Reports over D6 and S4 (`plrep inspect --group`): the report selector, the numbers, the graph."""
    rng = np.random.default_rng(5)
    paths = []
    for group, order in (("D6", 12), ("S4", 24)):
        archive = tmp_path / f"{group}.npz"
        first = rng.normal(size=(order, 4))
        np.savez(archive, a_first=first, b_second=np.tanh(first @ rng.normal(size=(4, 3))))
        done = _run("-m", "plrep", "inspect", str(archive), "--group", group, "--format", "json")
        paths.append(tmp_path / f"{group.lower()}_report.json")
        paths[-1].write_text(done.stdout)
    out = tmp_path / "page"
    command = ["-m", "plrep", "explore", "--out", str(out), "--groups", "C4", "--max-n", "4"]
    _run(*command, "--report", str(paths[0]), "--report", str(paths[1]))
    page = browser(out / "index.html", "panel=model&report=s4_report&layer=1&activation=tanh")
    _quiet(page)
    for label, path in (("s4_report", paths[1]), ("d6_report", paths[0])):
        if label == "d6_report":  # switch reports with the selector
            page.evaluate(
                "(() => { const s = document.getElementById('model-report'); s.value = 'd6_report';"
                " s.dispatchEvent(new Event('change')); })()"
            )
            page.evaluate(
                "(() => { const s = document.getElementById('model-layer'); s.value = '1';"
                " s.dispatchEvent(new Event('input')); })()"
            )
        report = json.loads(path.read_text())
        shown = _vertices(page)
        assert sorted(map(int, shown)) == list(range(len(report["simples"])))
        for simple, (energy, _, _) in shown.items():
            assert energy == pytest.approx(report["arrays"][1]["totals"][int(simple)], rel=1e-12, abs=1e-300)
        assert f"report={label}" in page.evaluate("location.hash")
        assert page.evaluate("document.querySelectorAll('#model-graph path.model-edge').length") > 0
    _quiet(page)
