"""`make bench` (benchmarks/run.py) rewrites only the generated part of benchmarks/results.md."""

import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _runner():
    spec = importlib.util.spec_from_file_location("bench_runner", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(name, ours="1", note=""):
    return f"| {name} | {ours} | 2 | base | 0.5 | {note} |"


def test_hand_written_sections_survive_a_rewrite(monkeypatch):
    run = _runner()
    monkeypatch.setattr(run, "_hardware", lambda: "2 CPU cores")
    before = "\n".join(
        [
            "# plrep benchmarks",
            "",
            "An introduction written by hand.",
            run.BEGIN,
            "old header",
            *run.TABLE_HEAD,
            _row("old row"),
            run.END,
            "",
            "## A hand-written section",
            "",
            "| its | own | table |",
            "measured once, kept",
        ]
    )
    after = run.update_results(before, [_row("new row")], partial=False)
    lines = after.split("\n")
    assert lines[:4] == before.split("\n")[:4]  # title, text and marker above
    assert after.split(run.END)[1] == before.split(run.END)[1]  # everything below, byte for byte
    generated = after.split(run.BEGIN)[1].split(run.END)[0]
    assert _row("new row") in generated and "old row" not in generated and "old header" not in generated
    assert run.NOTES in generated and "Hardware: 2 CPU cores." in generated
    assert run.update_results(after, [_row("new row")], partial=False) == after  # idempotent


def test_a_partial_run_replaces_only_its_rows(monkeypatch):
    run = _runner()
    monkeypatch.setattr(run, "_hardware", lambda: "2 CPU cores")
    text = run.update_results(None, [_row("a"), _row("b"), _row("c")], partial=False)
    assert text.startswith("# plrep benchmarks\n") and text.count(run.BEGIN) == text.count(run.END) == 1
    again = run.update_results(text, [_row("b", ours="9"), _row("d")], partial=True)
    rows = [line for line in again.split("\n") if line.startswith("| ") and line not in run.TABLE_HEAD]
    assert rows == [_row("a"), _row("b", ours="9"), _row("c"), _row("d")]


@pytest.mark.parametrize("markers", ["none", "twice", "reversed"])
def test_a_file_without_its_markers_is_refused(markers):
    run = _runner()
    body = {"none": ["text"], "twice": [run.BEGIN, run.BEGIN, run.END], "reversed": [run.END, run.BEGIN]}[
        markers
    ]
    with pytest.raises(ValueError, match="must hold the markers"):
        run.update_results("\n".join(["# plrep benchmarks", *body]), [], partial=False)


def test_the_committed_results_file_has_its_markers():
    run = _runner()
    text = (ROOT / "benchmarks" / "results.md").read_text(encoding="utf-8")
    assert run.update_results(text, [], partial=True).split(run.END)[1] == text.split(run.END)[1]
    assert "## Large groups past the anchors" in text.split(run.END)[1]


def test_main_keeps_the_hand_written_part_on_disk(tmp_path, monkeypatch):
    run = _runner()
    monkeypatch.setattr(run, "HERE", tmp_path)
    monkeypatch.setattr(run, "_hardware", lambda: "2 CPU cores")
    (tmp_path / "bench_tiny.py").write_text(
        "def run():\n    return [{'name': 'tiny', 'ours_s': 1.0, 'baseline_s': 2.0, 'ratio': 0.5}]\n"
    )
    monkeypatch.setattr(run.importlib, "import_module", lambda name: _load(tmp_path / "bench_tiny.py"))
    kept = "\n## Kept\n\nwritten by hand\n"
    (tmp_path / "results.md").write_text(f"# plrep benchmarks\n{run.BEGIN}\n{run.END}\n{kept}")
    assert run.main([]) == 0
    text = (tmp_path / "results.md").read_text()
    assert text.endswith(f"{run.END}\n{kept}") and "| tiny | 1 | 2 |" in text
    (tmp_path / "results.md").write_text("# plrep benchmarks\nno markers\n")
    with pytest.raises(ValueError, match="must hold the markers"):
        run.main([])
    assert (tmp_path / "results.md").read_text() == "# plrep benchmarks\nno markers\n"


def _load(path):
    spec = importlib.util.spec_from_file_location("bench_tiny", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules.pop("bench_tiny", None)
    return module


@pytest.mark.parametrize("path", sorted((ROOT / "benchmarks").glob("bench_*.py")), ids=lambda p: p.stem)
def test_every_benchmark_imports_and_has_a_run(path, monkeypatch):
    # `make bench` imports each module and calls run(); bench_graphs once imported a helper that
    # had been removed from plrep as dead code, so the whole command stopped at an ImportError.
    monkeypatch.syspath_prepend(str(ROOT))
    module = importlib.import_module(f"benchmarks.{path.stem}")
    assert callable(getattr(module, "run", None)), path.stem
