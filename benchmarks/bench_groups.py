"""General finite groups: orbit bases vs a numerical nullspace; decomposing D_32 and S_5 modules.

Cold timings build everything from the generators (a fresh group object: stabiliser chain,
elements, classes, character table, projectors); warm timings reuse the per-G-set cache.
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks._timing import best_of, row, side_by_side
from plrep.decomposition import decompose
from plrep.equivariant import hom_basis, nullspace_basis, orbit_basis, orbit_labels
from plrep.groups import PermutationGroup, dihedral, symmetric
from plrep.gsets import natural_gset, regular, tensor_power


def _fresh(group: PermutationGroup) -> PermutationGroup:
    return PermutationGroup(np.array(group.generators), name=group.name)


def s32_orbit_basis() -> dict:
    ours = best_of(lambda: hom_basis(_fresh(symmetric(32)), 2, 1), repeats=5)
    return row(
        "orbit basis Hom_{S_32}(R^{32x32}, R^32) (dim 5, 32768 entries), from generators",
        ours,
        None,
        "numerical nullspace infeasible here (dense SVD of a 65536 x 32768 system); see the n = 8, 12 rows",
        "target < 0.5 s",
    )


def s_n_patterns_vs_orbit_graph(n: int, k: int, l: int) -> dict:  # noqa: E741
    """hom_basis of S_n on tuples (equality patterns) vs labelling the generator graph."""
    X = natural_gset(symmetric(n))
    source, target = tensor_power(X, k), tensor_power(X, l)
    assert np.array_equal(hom_basis(f"S{n}", k, l).labels, orbit_labels(target, source))
    ours, base = side_by_side(
        lambda: hom_basis(f"S{n}", k, l).labels,  # built on request since issue 26 (PatternBasis)
        lambda: orbit_labels(target, source),
        repeats=1 if n > 32 else 3,
    )
    return row(
        f"hom_basis S_{n}, K = {k}, L = {l} ({n ** (k + l)} entries): equality patterns vs orbit graph",
        ours,
        base,
        "connected components of the generator graph (the general path; G-sets prebuilt)",
        "same labels; target < 1 s at S_64" if n == 64 else "same labels",
    )


def orbit_vs_nullspace(n: int) -> dict:
    X = natural_gset(symmetric(n))
    source = tensor_power(X, 2)
    ours, base = side_by_side(lambda: orbit_basis(source, X), lambda: nullspace_basis(source, X), repeats=3)
    assert orbit_basis(source, X).count == len(nullspace_basis(source, X)) == 5
    return row(
        f"orbit basis Hom_(S_{n})(R^({n}x{n}), R^{n}) ({n**3} unknowns)",
        ours,
        base,
        "in-project numerical nullspace (dense SVD of the stacked constraints, plrep.equivariant.nullspace_basis)",
    )


def _naive_components(group: PermutationGroup, x: np.ndarray) -> np.ndarray:
    """Reference: P_L = (1/|G|) sum over all g of c_L(g) rho(g), dense, element by element."""
    gset = regular(group)
    table, labels = group.character_table, group.class_labels
    size = gset.size
    stack = np.zeros((len(table.real_simples), size, size))
    rows = np.arange(size)
    for element, perm in enumerate(gset.element_perms):
        rho = np.zeros((size, size))
        rho[rows, perm] = 1.0
        stack += table.projector_coefficients[:, labels[element], None, None] * rho
    return np.einsum("sxy,by->bsx", stack / group.order, x)


def regular_decomposition(group: PermutationGroup) -> list[dict]:
    x = np.random.default_rng(0).normal(size=(16, group.order))

    def cold():
        return decompose(_fresh(group), x).energies()

    cold_s, naive = side_by_side(cold, lambda: _naive_components(group, x), repeats=3)
    warm = best_of(lambda: decompose(group, x).energies(), repeats=5)
    assert np.allclose(decompose(group, x).components(), _naive_components(group, x))
    dim = group.order
    return [
        row(
            f"decompose the regular module of {group.name} (dim {dim}), batch 16, cold from generators",
            cold_s,
            naive,
            "dense projectors summed element by element, O(|G| |X|^2), character table given for free",
            "target < 1 s; ours includes classes, character table and projector construction",
        ),
        row(
            f"decompose the regular module of {group.name} (dim {dim}), batch 16, warm (cached projectors)",
            warm,
            None,
            "none (absolute time)",
        ),
    ]


def run() -> list[dict]:
    rows = [s32_orbit_basis(), orbit_vs_nullspace(8), orbit_vs_nullspace(12)]
    rows += [s_n_patterns_vs_orbit_graph(32, 2, 2), s_n_patterns_vs_orbit_graph(64, 2, 2)]
    for group in (dihedral(32), symmetric(5)):
        rows += regular_decomposition(group)
    return rows


if __name__ == "__main__":
    start = time.perf_counter()
    for result in run():
        ratio = "n/a" if result["ratio"] is None else f"{result['ratio']:.3g}"
        base = "n/a" if result["baseline_s"] is None else f"{result['baseline_s']:.4g}"
        print(f"{result['name']}: ours {result['ours_s']:.4g} s, baseline {base} s, ratio {ratio}")
        print(f"    baseline: {result['baseline']}; {result['note']}")
    print(f"total {time.perf_counter() - start:.1f} s")
