"""The README's Python examples run as written, and its claimed outputs hold."""

import re
from pathlib import Path

import numpy as np

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_blocks_run():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 4
    namespace: dict = {}
    exec(compile("\n".join(blocks), str(README), "exec"), namespace)  # our own README, in the repository
    # spot-check the values the README states in its comments
    assert namespace["B"].count == 5
    assert np.allclose(
        namespace["plrep"].decompose(namespace["X"], np.arange(4.0)).energies(), [9, 0, 0, 5, 0]
    )
    assert namespace["plrep"].nonzero_harmonics(namespace["s"]) == (0, 1, 2, 4, 6, 8)


# Shell examples run at full size except the training script, which gets toy sizes here (its
# full run is timed in the README; tests/test_analysis.py checks what it produces).
_TOY = {
    "train_cyclic_net.py --out cyclic_net.npz": "train_cyclic_net.py --out cyclic_net.npz --steps 30 --widths 1,4"
}


def test_readme_shell_examples_run_from_a_fresh_directory(tmp_path):
    """The ```bash blocks run as written with the venv's `plrep` and python first on PATH.

    They run in a copy of the layout (analysis/ and examples/ linked in), so anything they write outside
    scratch/ would show up as a stray file. ```sh blocks (installation) are not run.
    """
    import os
    import subprocess
    import sys

    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the README has no shell examples"
    script = "\n".join(blocks)
    for line, toy in _TOY.items():
        assert line in script
        script = script.replace(line, toy)
    root = tmp_path / "repo"
    root.mkdir()
    (root / "analysis").symlink_to(README.parent / "analysis")
    (root / "examples").symlink_to(README.parent / "examples")
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    env.pop("MPLBACKEND", None)  # the CLI must choose its backend itself
    done = subprocess.run(
        ["bash", "-eux", "-o", "pipefail", "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in root.iterdir()) == [
        "analysis",
        "examples",
        "scratch",
    ]  # outputs stay in scratch/
    scratch = root / "scratch"
    for name in ("x.npy", "pattern.npy", "cyclic_net.npz", "c12.png", "d6.png", "gelu.png"):
        assert (scratch / name).stat().st_size > 0, name
    assert any((scratch / "inspect").glob("*.png"))
    assert (scratch / "graphs" / "results.parquet").stat().st_size > 0  # the sweep example
    assert "24 done, 0 failed, 0 left" in done.stdout
    # claims in the comments: the condensed graph of C_10^12 and the equivariant DeepSets pattern
    assert "C1000000000000" in done.stdout
    assert "equivariant" in done.stdout
