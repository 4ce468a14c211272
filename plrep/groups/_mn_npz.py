"""The integer character table of S_n (n <= 38) written to .npz in column blocks.

The archive holds ``characters`` (p(n) x p(n) int64, stored in Fortran order so that it can be
written column block by column block: S_38's 5.4 GB are never in memory), ``partitions`` (one
row per simple, zero-padded to n) and ``cycle_types`` (one row per class, zero-padded), in the
order of ``symmetric(n).character_table``: rows by simple id (dimension, then reverse lex),
columns by class ((1^n) first). Values of absolute value >= 2^63 (S_36 on: dimensions and
columns with many fixed points) are stored exactly as decimal strings in ``big_values`` at
``big_index`` (row, column); ``characters`` holds -2^63 there. Everything loads with
``np.load(path, allow_pickle=False)``.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import numpy as np
from numpy.lib import format as npy_format

from plrep.groups._mn_table import BIG, class_order_types, column_blocks, partition_array

__all__ = ["write_symmetric_npz"]


def _member(archive: zipfile.ZipFile, name: str, array: np.ndarray) -> None:
    with archive.open(f"{name}.npy", "w", force_zip64=True) as stream:
        npy_format.write_array(stream, np.asarray(array), allow_pickle=False)


def _row_order(n: int, dimensions: list[int]) -> list[int]:
    """Rows in simple id order: as ``symmetric(n).simples`` (element listing for n <= 8)."""
    if n <= 8:
        from plrep.groups import symmetric

        position = {tuple(int(p) for p in row if p): i for i, row in enumerate(partition_array(n)[n])}
        return [position[shape] for shape in symmetric(n).character_table.partitions]
    return sorted(range(len(dimensions)), key=lambda i: (dimensions[i], i))


def write_symmetric_npz(n: int, path: Path, progress: bool = False) -> dict:
    """Write the table of S_n to ``path`` (a new file; the caller makes it atomic); returns a summary.

    Raises:
        ValueError: n outside [1, 38].
    """
    blocks = column_blocks(n)
    first = next(blocks)  # the column of (1^n): the dimensions, which fix the row order
    dimensions = [int(v) for v in first.values[:, 0]]
    for (row, _), value in first.big.items():
        dimensions[row] = value
    order = _row_order(n, dimensions)
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[order] = np.arange(len(order))
    shapes = partition_array(n)[n].astype(np.int64)
    types = class_order_types(n)
    if n <= 8:  # the element-listing class order of small groups
        from plrep.groups import symmetric

        position = {tuple(int(p) for p in row if p): j for j, row in enumerate(types)}
        columns = [position[mu] for mu in symmetric(n).class_cycle_types]
    else:
        columns = None
    count = len(shapes)
    big = {}
    bar = None
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=count, desc=f"S{n} character table", unit="class", file=sys.stderr, leave=False)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("characters.npy", "w", force_zip64=True) as stream:
            header = {"descr": npy_format.dtype_to_descr(np.dtype(np.int64)), "fortran_order": True}
            npy_format.write_array_header_2_0(stream, {**header, "shape": (count, count)})
            if columns is not None:  # n <= 8: the whole table is tiny, permute its columns
                whole = np.concatenate([first.values, *(b.values for b in blocks)], axis=1)
                stream.write(whole[order][:, columns].tobytes(order="F"))
            else:
                for block in _chain(first, blocks):
                    stream.write(block.values[order].tobytes(order="F"))
                    for (row, column), value in block.big.items():
                        big[(int(inverse[row]), column)] = value
                    if bar is not None:
                        bar.update(block.values.shape[1])
        _member(archive, "partitions", shapes[order])
        _member(archive, "cycle_types", types if columns is None else types[columns])
        if big:
            keys = sorted(big)
            _member(archive, "big_index", np.array(keys, dtype=np.int64))
            _member(archive, "big_values", np.array([str(big[k]) for k in keys]))
    if bar is not None:
        bar.close()
    return {"group": f"S{n}", "classes": count, "big_entries": len(big), "sentinel": BIG}


def _chain(first, rest):
    yield first
    yield from rest
