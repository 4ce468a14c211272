"""Collect GAP's character tables of S_2..S_12 and A_3..A_10 into sn_an_character_tables.json.

Provenance: GAP 4 (the ``gap`` binary of the PyPI wheel ``passagemath-gap`` 10.8.13, installed in
a throw-away virtual environment, not a dependency of plrep), running make_sn_an_tables.g:
``CharacterTable(SymmetricGroup(n))`` / ``CharacterTable(AlternatingGroup(n))`` and, per class,
the cycle type of its representative on [1..n]. Values are kept as GAP prints them (exact
cyclotomics such as ``-E(5)-E(5)^4``); tests evaluate them.

Usage: gap -q make_sn_an_tables.g (after replacing OUT/ by a folder), then
python make_sn_an_tables.py FOLDER > sn_an_character_tables.json
"""

import json
import sys
from pathlib import Path


def main() -> None:
    folder = Path(sys.argv[1])
    tables = {}
    for path in sorted(folder.glob("*.json"), key=lambda p: (p.stem[0], int(p.stem[1:]))):
        tables[path.stem] = json.loads(path.read_text())
    print(
        json.dumps(
            {"_source": " ".join(__doc__.strip().splitlines()[2:7]), "tables": tables}, separators=(",", ":")
        )
    )


if __name__ == "__main__":
    main()
