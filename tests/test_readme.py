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
