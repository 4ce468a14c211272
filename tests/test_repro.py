"""`plrep repro --quick` in the test suite: every figure that is not pending is produced."""

import html
import json

from plrep.cli import main


def test_quick_repro_produces_every_available_figure(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    from paper_repro.runner import FIGURES

    assert [e["name"] for e in manifest["figures"]] == [f.name for f in FIGURES]
    for entry, figure in zip(manifest["figures"], FIGURES, strict=True):
        assert entry["status"] == ("done" if figure.available() else "pending")
        if entry["status"] == "done":
            assert any(f.endswith(".png") for f in entry["files"])
            assert any(f.endswith((".json", ".csv")) for f in entry["files"])
            for name in entry["files"]:
                assert (out / name).stat().st_size > 0
        else:
            assert entry["caption"].startswith("Not generated in this folder")
    gallery = (out / "index.html").read_text()
    assert all(html.escape(figure.title) in gallery for figure in FIGURES)
    # contents with anchors; every picture is a thumbnail linking to its full-size file
    for entry in manifest["figures"]:
        assert f'href="#{entry["name"]}"' in gallery and f'id="{entry["name"]}"' in gallery
        for name in entry["files"]:
            assert f'href="{name}"' in gallery
    assert not list(out.glob(".staging-*")) and not list(out.glob(".*.partial"))


def test_only_one_figure_keeps_the_others(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out), "--only", "periodic_image"]) == 0
    (out / "user_notes.txt").write_text("mine")
    assert main(["repro", "--quick", "--out", str(out), "--only", "monkey_saddles"]) == 0
    names = {e["name"]: e for e in json.loads((out / "manifest.json").read_text())["figures"]}
    assert names["periodic_image"]["status"] == "done" and names["monkey_saddles"]["status"] == "done"
    assert (out / "user_notes.txt").read_text() == "mine"  # nothing else in the folder is touched
    gallery = (out / "index.html").read_text()
    assert "Pending" not in gallery and "issue" not in gallery  # no stale development text
    assert 'id="monkey_saddles"' in gallery and 'id="guitar_string"' not in gallery
    assert "Not generated in this folder" in gallery and "guitar_string" in gallery


def test_unknown_figure_name_is_a_usage_error(tmp_path, capsys):
    assert main(["repro", "--out", str(tmp_path), "--only", "nope"]) == 2
    assert "`--only` must be one of guitar_string" in capsys.readouterr().err
