"""Screenshots of the explorer's three panels, taken by headless chromium (for notes and docs).

    python analysis/explore_screenshots.py                  # figures/explore/index.html + figures/screenshots/
    python analysis/explore_screenshots.py --out /tmp/shots --groups C12,D6,S4 --max-n 12

Writes the page with `plrep explore` (replacing an existing one: --force), then one PNG per panel:
explore_graph.png (C12, x², L1 pinned: what it reaches after 1, 2, ... layers), explore_maps.png
(ReLU on the plane of L1 of C12 coloured by the L2 component, its kink lines and the
projections to every simple; S4 standard -> trivial) and explore_spectra.png (the guitar string of GELU at a = 2, b = 0.5).
With ``--report REPORT.json`` (repeatable; see ``plrep explore --report``) also one Model panel view
per report, explore_model_<label>.png, at its ``--model-view``, and explore_linked_<label>.png (the
graphs panel over the report's group, vertex 1 clicked: its spectrum row and energy through the layers) (default ``layer=1``: the first
step, with the energy outside the reachable set ringed purple). The docs/screenshots views:

    python analysis/modular_addition.py --quick --out /tmp/ma    # writes modular_addition_report.json
    python analysis/explore_screenshots.py --out docs/screenshots --groups C12,D6,S4 --max-n 12 \
        --report /tmp/ma/modular_addition_report.json --model-view "layer=1&margin=0.001&mvertex=157" \
        --report c8_relu_flow.json --model-view "layer=2&input=1&mvertex=3"

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


def model_data(report):
    from plrep.explorer import model_data as read

    return read(report)


def read_report(path):
    from plrep.explorer import read_report as read

    return read(path)


def _labels(paths) -> list[str]:
    """The labels plrep explore gives the reports (file names, made unique, in order)."""
    import re

    labels = []
    for path in paths:
        base = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(path).stem)[:60] or "report"
        label, count = base, 1
        while label in labels:
            count += 1
            label = f"{base}-{count}"
        labels.append(label)
    return labels


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
    parser.add_argument(
        "--report", action="append", default=[], help="a report for the Model panel (repeatable)"
    )
    parser.add_argument(
        "--model-view",
        action="append",
        default=[],
        help="URL state of the Model panel view of each report, in order (default layer=1)",
    )
    args = parser.parse_args(argv)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print(
            "no chromium found: run `make browser` (as root) or `apt-get install chromium`", file=sys.stderr
        )
        return 1
    command = [sys.executable, "-m", "plrep", "explore", "--out", args.page, "--max-n", args.max_n, "--force"]
    for report in args.report:
        command += ["--report", report]
    subprocess.run(command + (["--groups", args.groups] if args.groups else []), check=True)
    views = dict(VIEWS)
    for index, label in enumerate(_labels(args.report)):
        state = args.model_view[index] if index < len(args.model_view) else "layer=1"
        views[f"explore_model_{label}.png"] = f"panel=model&report={label}&{state}"
        # The graphs panel's linked view: vertex 1 pinned, its spectrum row and energy trace.
        group = model_data(read_report(args.report[index]))["group"]
        views[f"explore_linked_{label}.png"] = f"panel=graphs&group={group}&report={label}&{state}&focus=1"
    page = (Path(args.page) / "index.html").resolve()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, fragment in views.items():
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
