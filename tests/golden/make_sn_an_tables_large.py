"""Collect GAP's character tables of S_13..S_20 and A_11..A_14 into sn_an_character_tables_large.npz.

Provenance: GAP 4 (the ``gap`` binary of the PyPI wheel ``passagemath-gap`` 10.8.13, installed in
a throw-away virtual environment, not a dependency of plrep), running make_sn_an_tables_large.g:
``CharacterTable(SymmetricGroup(n))`` / ``CharacterTable(AlternatingGroup(n))`` and, per class,
the cycle type of its representative on [1..n]. S_n values are integers; A_n values are kept
as GAP prints them (exact cyclotomics such as ``E(13)-E(13)^3-...``); tests evaluate them.

Usage: gap -q make_sn_an_tables_large.g (after replacing OUT/ by a folder), then
python make_sn_an_tables_large.py FOLDER tests/golden/sn_an_character_tables_large.npz
Members per group X (S13, A11, ...): X_cycle_types (classes x n, zero-padded int16) and
X_values (irreducibles x classes: int64 for S_n, decimal/cyclotomic strings for A_n).
"""

import sys
from pathlib import Path

import numpy as np


def main() -> None:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    arrays = {"source": np.array(" ".join(__doc__.strip().splitlines()[2:8]))}
    for path in sorted(folder.glob("*.txt"), key=lambda p: (p.stem[0], int(p.stem[1:]))):
        n = int(path.stem[1:])
        classes, characters = path.read_text().replace("\\\n", "").split("#\n")
        types = [[int(p) for p in line.split()] for line in classes.strip().splitlines()]
        padded = np.zeros((len(types), n), dtype=np.int16)
        for i, mu in enumerate(types):
            padded[i, : len(mu)] = mu
        values = [line.split() for line in characters.strip().splitlines()]
        arrays[f"{path.stem}_cycle_types"] = padded
        arrays[f"{path.stem}_values"] = (
            np.array(values, dtype=np.int64) if path.stem[0] == "S" else np.array(values, dtype=str)
        )
    np.savez_compressed(out, **arrays)


if __name__ == "__main__":
    main()
