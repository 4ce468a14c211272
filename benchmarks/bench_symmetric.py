"""S_n and D_n without elements: Murnaghan–Nakayama tables, Young's rule, the central-element
backend, dihedral graphs by FFTs over the rotations.

Each combinatorial path is timed cold (its memo tables and the decomposition cache cleared) and,
where the element-listing path still applies (n <= 8), side by side with it on a fresh group
built from the same generators.
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks._timing import best_of, row, side_by_side
from plrep.decomposition import clear_cache
from plrep.decomposition._central import central_parts
from plrep.decomposition._projectors import character_multiplicities, character_parts
from plrep.decomposition._symmetric import young_multiplicities
from plrep.graphs import interaction_graph
from plrep.groups import DihedralGroup, PermutationGroup, dihedral, symmetric
from plrep.groups import _symmetric as combinatorics
from plrep.groups._characters import compute_character_table
from plrep.gsets import natural_gset, regular, tensor_power


def _cold_table(n: int):
    combinatorics._mn.cache_clear()
    combinatorics._removals.cache_clear()
    return combinatorics.symmetric_table(n)


def _plain(n: int) -> PermutationGroup:
    return PermutationGroup(np.array(symmetric(n).generators), name=f"S{n}")


def table_vs_listing(n: int) -> dict:
    ours, base = side_by_side(lambda: _cold_table(n), lambda: compute_character_table(_plain(n)), repeats=3)
    return row(
        f"character table of S_{n}, cold",
        ours,
        base,
        "element listing + Burnside–Dixon–Schneider on a fresh group (plrep's path for other groups)",
    )


def table_alone(n: int, target: str) -> dict:
    return row(f"character table of S_{n} (Murnaghan–Nakayama), cold", best_of(lambda: _cold_table(n), repeats=1),
               None, "element listing infeasible (|S_n| > 200,000)", target)  # fmt: skip


def young_vs_characters() -> dict:
    def ours():
        return young_multiplicities(tensor_power(natural_gset(symmetric(8)), 3))

    def base():
        return character_multiplicities(tensor_power(natural_gset(symmetric(8)), 3))

    ours_s, base_s = side_by_side(ours, base, repeats=3)
    assert np.array_equal(ours(), base())
    return row("multiplicities in R^{X^3}, S_8 (512 points), same group (table cached)", ours_s, base_s,
               "permutation character on listed class representatives (plrep's character backend)")  # fmt: skip


def central_vs_characters() -> dict:
    space = tensor_power(natural_gset(symmetric(8)), 2)
    x = np.random.default_rng(0).normal(size=(16, space.size))

    def ours():
        clear_cache()
        return central_parts(space, x).components()

    def base():
        clear_cache()
        return character_parts(space, x).components()

    ours_s, base_s = side_by_side(ours, base, repeats=3)
    assert np.allclose(ours(), base(), atol=1e-10)
    return row("decompose R^{X^2} of S_8 (64 points), batch 16, decomposition cache cleared", ours_s, base_s,
               "character projector stack built from listed elements (same group, table cached)")  # fmt: skip


def graph_s30() -> dict:
    def ours():
        clear_cache()
        return interaction_graph("S30:natural^2", "relu")

    return row("interaction graph S30:natural^2, relu (900 points, 4 of 5,604 simples)", best_of(ours, repeats=1),
               None, "element listing infeasible (30! elements)", "target < 30 s")  # fmt: skip


def graph_s50() -> dict:
    def ours():
        clear_cache()
        return interaction_graph("S50:natural^2", "relu")

    return row("interaction graph S50:natural^2, relu (2,500 points, 4 of 204,226 simples)", best_of(ours, repeats=1),
               None, "element listing infeasible (50! elements)", "lists the 204,226 partitions for the simple ids")  # fmt: skip


def a9_refusal() -> dict:
    def ours():
        try:
            interaction_graph("A9", "relu")
        except ValueError:
            return
        raise AssertionError("A9's regular module must be refused")

    return row("refusing the graph of A9's regular module (181,440^2 table)", best_of(ours, repeats=3), None,
               "before: ~40 s (character table from listed elements, then the refusal)", "size check first")  # fmt: skip


def dihedral_graph_vs_listing(n: int) -> dict:
    gens = np.array(dihedral(n).generators)

    def ours():
        clear_cache()
        return interaction_graph(regular(DihedralGroup(gens, name=f"D{n}")), "relu")

    def base():
        clear_cache()
        return interaction_graph(regular(PermutationGroup(gens, name=f"D{n}")), "relu")

    ours_s, base_s = side_by_side(ours, base, repeats=1)
    assert ours().edge_set == base().edge_set
    return row(f"interaction graph D{n} (regular, relu), cold", ours_s, base_s,
               "character projectors + Burnside–Dixon–Schneider on the same generators")  # fmt: skip


def dihedral_graph(n: int) -> dict:
    def ours():
        clear_cache()
        return interaction_graph(
            regular(DihedralGroup(np.array(dihedral(n).generators), name=f"D{n}")), "relu"
        )

    return row(f"interaction graph D{n} (regular, relu), cold", best_of(ours, repeats=1), None,
               "element path fails from n = 180 (class-matrix eigenvectors)", "target < 10 s")  # fmt: skip


def run() -> list[dict]:
    return [
        table_vs_listing(7),
        table_vs_listing(8),
        table_alone(15, "target < 2 s"),
        table_alone(20, "target < 30 s"),
        young_vs_characters(),
        central_vs_characters(),
        graph_s30(),
        graph_s50(),
        a9_refusal(),
        dihedral_graph_vs_listing(64),
        dihedral_graph(1024),
    ]


if __name__ == "__main__":
    start = time.perf_counter()
    for result in run():
        ratio = "n/a" if result["ratio"] is None else f"{result['ratio']:.3g}"
        base = "n/a" if result["baseline_s"] is None else f"{result['baseline_s']:.4g}"
        print(f"{result['name']}: ours {result['ours_s']:.4g} s, baseline {base} s, ratio {ratio}")
    print(f"total {time.perf_counter() - start:.1f} s")
