"""Run every ``benchmarks/bench_*.py`` and rewrite ``benchmarks/results.md``.

Each benchmark measures plrep and a baseline side by side in this one process, so the
ratios are meaningful even on a noisy machine; absolute times are for orientation only.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _format(value: float | None, digits: str = ".4g") -> str:
    return "–" if value is None else format(value, digits)


# Kept under the table on every rewrite.
NOTES = (
    "Accelerators: `benchmarks/gpu_check.sh` (`make gpu-check`, docs/devices.md) runs the suite and the"
    " JAX benchmarks on whatever accelerator JAX sees. It has not yet been run on a GPU with this"
    " version; the figures above are CPU figures."
)


def _hardware() -> str:
    """CPU cores and JAX's backend and device count (JAX is imported by the nn benchmarks anyway)."""
    cores = os.cpu_count()
    try:
        import jax

        return f"{cores} CPU cores, JAX backend {jax.default_backend()} with {len(jax.devices())} device(s)"
    except ImportError:
        return f"{cores} CPU cores"


def _cell(text: object) -> str:
    """A markdown table cell: a bare | (as in |.|^2 or |G| |X|) would end the cell."""
    return str(text).replace("|", "\\|")


def main(argv: list[str]) -> int:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    lines = [
        "# plrep benchmarks",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d')}, Python {platform.python_version()},"
        f" {platform.machine()}. Times are best-of-N wall seconds; ratio = plrep / baseline"
        " (below 1 means plrep is faster).",
        "",
        f"Hardware: {_hardware()}.",
        "",
        "| benchmark | plrep (s) | baseline (s) | baseline | ratio | note |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        for result in module.run():
            name, baseline, note = (_cell(result.get(key, "")) for key in ("name", "baseline", "note"))
            lines.append(
                f"| {name} | {_format(result['ours_s'])} | {_format(result['baseline_s'])} |"
                f" {baseline} | {_format(result['ratio'], '.3g')} | {note} |"
            )
            print(lines[-1], flush=True)
    lines += ["", NOTES]
    (HERE / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'results.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
