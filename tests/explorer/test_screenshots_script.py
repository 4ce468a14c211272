"""analysis/explore_screenshots.py writes the page and one PNG per panel (needs chromium)."""

import struct
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "analysis" / "explore_screenshots.py"


def test_one_screenshot_per_panel(chromium, tmp_path):
    folders = ["--page", str(tmp_path / "page"), "--out", str(tmp_path / "shots")]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *folders, "--groups", "C12", "--max-n", "12"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "page" / "index.html").is_file()
    for name in ("explore_graph.png", "explore_maps.png", "explore_spectra.png"):
        header = (tmp_path / "shots" / name).read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", header[16:24]) == (1400, 1000), (
            name
        )
