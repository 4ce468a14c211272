"""docs/notebook.ipynb runs, cell by cell, and every result it shows displays inline offline.

Plain execution (no Jupyter kernel needed): the code cells run in order in one namespace, as a
kernel would; a cell ending in an expression is displayed the way Jupyter does, through its
``_repr_html_`` (checked: self-contained, nothing loaded, no script) with ``repr`` as the text.
"""

import ast
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import numpy as np

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebook.ipynb"


class _Checker(HTMLParser):
    """Collects tags and attributes; HTMLParser raises nothing, so the checks are on what it saw."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)


def _run_cells():
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    namespace, shown = {"__name__": "__main__"}, []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(NOTEBOOK), "exec"), namespace)  # the notebook's own code
        if last is not None:
            value = eval(compile(ast.Expression(last.value), str(NOTEBOOK), "eval"), namespace)
            if value is not None:  # Jupyter shows no None (a print() ending a cell)
                shown.append(value)
    return namespace, shown


def test_notebook_runs_and_displays_inline():
    namespace, shown = _run_cells()
    kinds = [type(value).__name__ for value in shown]
    assert kinds == ["InteractionGraph", "Decomposition", "InspectionReport", "FrequencyFlow"]
    for value in shown:
        page = value._repr_html_()
        text = repr(value)  # the plain-text fallback
        assert isinstance(page, str) and page.startswith('<div class="plrep-inline"') and text
        checker = _Checker()
        checker.feed(page)
        assert "script" not in checker.tags and "iframe" not in checker.tags and "link" not in checker.tags
        for name, attribute in checker.attributes:  # nothing fetched: no src/href to anywhere
            assert name not in ("src", "href"), (name, attribute)
        assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page
    graph, decomposition, report, flow = shown
    # The drawing holds the graph's edges, the tables the objects' own energies.
    svg = graph._repr_html_()
    drawn = {(int(s), int(t)) for s, t in _pairs(svg)}
    assert drawn == {(e.source, e.target) for e in graph.edges}
    assert _energies(decomposition._repr_html_()) == list(decomposition.energies())
    rows = [list(s.totals) for s in report.summaries.values()]
    assert _energies(report._repr_html_()) == [e for row in rows for e in row]
    assert np.allclose(_energies(flow._repr_html_()), flow.post.reshape(-1, flow.post.shape[-1]).ravel())
    assert namespace["p"] == 5
    written = json.loads((namespace["folder"] / "mlp.json").read_text())
    assert [a["name"] for a in written["arrays"]] == list(report.summaries)
    shutil.rmtree(namespace["folder"])


def _pairs(svg: str):
    import re

    return re.findall(r'class="edge" data-source="(\d+)" data-target="(\d+)"', svg)


def _energies(page: str) -> list[float]:
    import re

    return [float(v) for v in re.findall(r'data-energy="([^"]+)"', page)]


def test_inline_display_of_summaries_and_big_graphs():
    """Beyond the notebook: an energy summary's table, and a graph too big to draw inline."""
    from plrep import interaction_graph, summarize

    t = np.arange(12)
    summary = summarize("C12", np.stack([np.cos(2 * np.pi * 2 * t / 12), np.ones(12)], axis=1), axis=0)
    page = summary._repr_html_()
    assert _energies(page) == list(summary.totals) and "key simples" in page
    big = interaction_graph("C23xC23", "relu")._repr_html_()
    assert "too many to draw inline" in big and "<svg" not in big
