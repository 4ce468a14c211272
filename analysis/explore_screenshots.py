"""Screenshots of the explorer's three panels, taken by headless chromium (for notes and docs).

    python analysis/explore_screenshots.py                  # figures/explore/index.html + figures/screenshots/
    python analysis/explore_screenshots.py --out /tmp/shots --groups C12,D6,S4 --max-n 12

Writes the page with `plrep explore` (replacing an existing one: --force), then one PNG per panel:
explore_graph.png (C12, x², L1 pinned: what it reaches after 1, 2, ... layers), explore_maps.png
(ReLU on the plane of L1 of C12 coloured by the L2 component, its kink lines and the
projections to every simple; S4 standard -> trivial) and explore_spectra.png (the guitar string of GELU at a = 2, b = 0.5).
Needs chromium (`make browser`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

VIEWS = {
    "explore_graph.png": "panel=graphs&group=C12&activation=pow:2&label=name&focus=1",
    "explore_maps.png": "panel=maps&n=12&source=1&target=2&activation=relu&point=0.8,0.35&sn=4&rest=0.3&snpoint=0.6,0.3",
    "explore_spectra.png": "panel=spectra&activation=gelu&amp=2&bias=0.5",
}
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--virtual-time-budget=8000",
    "--window-size=1400,1000",
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--page", default="figures/explore", help="folder of the page (default figures/explore)"
    )
    parser.add_argument(
        "--out", default="figures/screenshots", help="folder of the PNGs (default figures/screenshots)"
    )
    parser.add_argument("--groups", help="passed to plrep explore (default: its default set)")
    parser.add_argument("--max-n", default="32", help="passed to plrep explore (default 32)")
    args = parser.parse_args(argv)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print(
            "no chromium found: run `make browser` (as root) or `apt-get install chromium`", file=sys.stderr
        )
        return 1
    command = [sys.executable, "-m", "plrep", "explore", "--out", args.page, "--max-n", args.max_n, "--force"]
    subprocess.run(command + (["--groups", args.groups] if args.groups else []), check=True)
    page = (Path(args.page) / "index.html").resolve()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, fragment in VIEWS.items():
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [
                    browser,
                    *FLAGS,
                    f"--user-data-dir={profile}",
                    f"--screenshot={out / name}",
                    f"{page.as_uri()}#{fragment}",
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        print(f"wrote {out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
