"""analysis/explore_screenshots.py writes the page and one PNG per panel (needs chromium)."""

import struct
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "analysis" / "explore_screenshots.py"


def test_one_screenshot_per_panel(chromium, tmp_path):
    import json

    from plrep.groups import parse_group

    simples = [{"id": s.id, "name": s.name} for s in parse_group("C12").simples]
    arrays = [{"name": "h", "totals": [1.0] * 7}, {"name": "g", "totals": [0.5] * 7}]
    (tmp_path / "toy.json").write_text(json.dumps({"group": "C12", "simples": simples, "arrays": arrays}))
    folders = [
        "--page",
        str(tmp_path / "page"),
        "--out",
        str(tmp_path / "shots"),
        "--report",
        str(tmp_path / "toy.json"),
    ]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *folders, "--groups", "C12", "--max-n", "12"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "page" / "index.html").is_file()
    for name in (
        "explore_graph.png",
        "explore_maps.png",
        "explore_spectra.png",
        "explore_model_toy.png",
        "explore_linked_toy.png",
    ):
        header = (tmp_path / "shots" / name).read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", header[16:24]) == (1400, 1000), (
            name
        )
