"""Large groups past the anchors (issue 26): S_n tables by levels, D_n and C_n in closed forms.

CPU seconds (``time.process_time``, interleaved best of N): the shared 2-core machine's wall
times move by several times under load, its CPU times much less. Baselines are the paths
these replace, rebuilt here from public pieces: the memoised entry-by-entry
Murnaghan–Nakayama table (plrep's S_n path until this change), the dense closed-form D_n
table, and one breadth-first closure per vertex for the filtration. GAP's times (not a
dependency) are measured by ``benchmarks/gap_symmetric_tables.g`` and quoted in the notes.
"""

from __future__ import annotations

import random

from benchmarks._timing import best_cpu
from plrep.groups import _symmetric as combinatorics
from plrep.groups import dihedral
from plrep.groups._mn_table import integer_table
from plrep.groups._permutation import PermutationGroup


def _side_by_side(ours, baseline, repeats: int = 3) -> tuple[float, float]:
    ours_times, base_times = [], []
    for _ in range(repeats):
        ours_times.append(best_cpu(ours))
        base_times.append(best_cpu(baseline))
    return min(ours_times), min(base_times)


def _row(name, ours_s, base_s, baseline, note=""):
    ratio = None if base_s in (None, 0) else ours_s / base_s
    return {
        "name": name,
        "ours_s": ours_s,
        "baseline_s": base_s,
        "baseline": baseline,
        "ratio": ratio,
        "note": note,
    }


def _entrywise_table(n: int):
    """The former path: every entry by the memoised recursion, cold."""
    combinatorics._mn.cache_clear()
    combinatorics._removals.cache_clear()
    shapes = combinatorics.partitions(n)
    types = [shapes[-1], *shapes[:-1]]
    return [[combinatorics._mn(shape, mu) for mu in types] for shape in shapes]


# GAP 4 (passagemath-gap 10.8.13), CharacterTable(SymmetricGroup(n)) + Irr, CPU ms by Runtime(),
# measured on this machine in the same session as the rows below (gap_symmetric_tables.g).
GAP_MS = {16: 30, 18: 98, 20: 230}


def symmetric_tables() -> list[dict]:
    rows = []
    for n in (16, 18, 20):
        ours, base = _side_by_side(lambda n=n: integer_table(n), lambda n=n: _entrywise_table(n))
        gap = GAP_MS[n] / 1000
        rows.append(
            _row(
                f"character table of S_{n} (levels of sparse MN products), CPU",
                ours,
                base,
                "memoised entry-by-entry Murnaghan–Nakayama (plrep before)",
                f"GAP {gap:.3f} CPU-s: plrep / GAP = {ours / gap:.2g}",
            )
        )
    for n, target in ((25, ""), (30, "target < 3.3 s; anchor: a Go MN program 12.3 s on 1 thread, 3.3 s on 4"),
                      (34, "")):  # fmt: skip
        rows.append(_row(f"character table of S_{n}, whole, CPU", best_cpu(lambda n=n: integer_table(n)), None,
                         "former path refused n > 20", target))  # fmt: skip
    return rows


def single_values() -> dict:
    rng = random.Random(26)

    def random_partition(n, largest):
        parts = []
        while n:
            part = rng.randint(1, min(n, largest))
            parts.append(part)
            n -= part
        return tuple(sorted(parts, reverse=True))

    pairs = [(random_partition(100, rng.choice([100, 30])), random_partition(100, rng.choice([100, 20, 10])))
             for _ in range(20)]  # fmt: skip

    from plrep.groups import _mn_blocks
    from plrep.groups._sn_character import character

    def ours():
        _mn_blocks._sub_partitions.cache_clear()
        return [character("S100", lam, mu) for lam, mu in pairs]

    def base():
        combinatorics._mn.cache_clear()
        combinatorics._removals.cache_clear()
        return [combinatorics._mn(lam, mu) for lam, mu in pairs]

    ours_s, base_s = _side_by_side(ours, base, repeats=2)
    assert ours() == base()
    return _row("20 single values chi^lambda(mu) of S_100, cold, CPU", ours_s, base_s,
                "memoised rim-hook recursion, one cycle at a time (plrep before)",
                "random lambda, mu with parts <= 10..100; same values (asserted); worst cases in the next row")  # fmt: skip


def worst_single_values() -> list[dict]:
    """Near-square lambda with many 2- and 3-cycles: the former recursion's worst cases, side by side."""
    from plrep.groups import _mn_blocks
    from plrep.groups._sn_character import character

    cases = [
        ((10,) * 10, (2,) * 50),
        ((10,) * 10, (2,) * 40 + (1,) * 20),
        ((10,) * 10, (2,) * 25 + (1,) * 50),
        ((11,) * 9 + (1,), (2,) * 45 + (1,) * 10),
        ((10,) * 9 + (9, 1), (3,) * 10 + (2,) * 35),
        ((10,) * 10, (4,) * 5 + (2,) * 40),
    ]

    def ours():
        _mn_blocks._sub_partitions.cache_clear()
        return [character("S100", lam, mu) for lam, mu in cases]

    def base():
        combinatorics._mn.cache_clear()
        combinatorics._removals.cache_clear()
        return [combinatorics._mn(lam, mu) for lam, mu in cases]

    ours_s, base_s = _side_by_side(ours, base, repeats=2)
    assert ours() == base()
    return [_row("6 worst-case single values chi^lambda(mu) of S_100 (near-square lambda, 2^k 1^f ...), cold, CPU",
                 ours_s, base_s, "memoised rim-hook recursion, one cycle at a time (plrep before)",
                 "same values (asserted); blocks of equal cycles removed at once through r-quotients")]  # fmt: skip


def dihedral_graphs() -> list[dict]:
    """ReLU graphs of D_n's regular module: per-divisor rows against the former dense path."""
    import warnings

    import numpy as np

    from plrep.activations import activation
    from plrep.decomposition import clear_cache
    from plrep.graphs import interaction_graph
    from plrep.graphs._graph import THRESHOLD, _decide_dense
    from plrep.graphs._numeric import present_strengths

    def ours(n):
        dihedral.cache_clear()
        clear_cache()
        return (
            set(interaction_graph(f"D{n}", "relu").edge_set)
            if n <= 4096
            else interaction_graph(f"D{n}", "relu")
        )

    def base(n):  # projected Gaussians in R[D_n], energies of every simple, (n/2)^2 strengths
        dihedral.cache_clear()
        clear_cache()
        group = dihedral(n)
        present = np.arange(len(group.simples))
        strengths = present_strengths(group, present, activation("relu"), np.random.default_rng(0))
        sources, targets, _ = _decide_dense(strengths, present, THRESHOLD)[0].arrays()
        return set(zip(sources.tolist(), targets.tolist(), strict=True))

    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for n in (256, 1024):
            ours_s, base_s = _side_by_side(lambda n=n: ours(n), lambda n=n: base(n), repeats=1)
            assert ours(n) == base(n)
            rows.append(_row(f"ReLU graph of D_{n} (regular module), CPU", ours_s, base_s,
                             "dense path (plrep before): projected Gaussians, all energies, simples^2 strengths",
                             "same edges (asserted here; tests compare 13 n and 9 activations)"))  # fmt: skip
        rows.append(_row("ReLU graph of D_65536 (regular module), CPU", best_cpu(lambda: ours(65536)), None,
                         "former path refused (32,771^2 strengths)", "target < 60 s and 1 GB"))  # fmt: skip
    return rows


def dihedral_simples() -> list[dict]:
    def ours():
        dihedral.cache_clear()
        group = dihedral(4096)
        return [s.order for s in group.simples], group.class_sizes

    def base():
        dihedral.cache_clear()
        group = dihedral(4096)
        return PermutationGroup.simples.fget(group)  # the dense closed-form table and its real rows

    ours_s, base_s = _side_by_side(ours, base, repeats=2)
    rows = [_row("simples and class sizes of D_4096, CPU", ours_s, base_s,
                 "dense closed-form table (plrep before; D_10000: 2.7 s, 839 MB)")]  # fmt: skip

    def huge():
        dihedral.cache_clear()
        group = dihedral(1_000_000)
        return len(group.simples), group.simples[-1], group.class_sizes.sum()

    rows.append(_row("D_1000000: simples (lazy), last simple, class sizes, CPU", best_cpu(huge), None,
                     "former path refused n > 10000", "target < 1 s (the CLI's text prints 500,003 lines on top)"))  # fmt: skip
    return rows


def cyclic_filtration() -> list[dict]:
    import warnings

    from plrep.graphs import interaction_graph

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        graph = interaction_graph("C4096", "relu")

    def ours():
        graph._cache.pop("order_closures", None)
        return graph.filtration()

    def base():
        return sorted({graph.closure(v.id) for v in graph.vertices}, key=lambda s: (len(s), sorted(s)))

    ours_s, base_s = _side_by_side(ours, base, repeats=1)
    assert ours() == base()
    return [_row("filtration of the ReLU graph of C_4096, CPU", ours_s, base_s,
                 "one breadth-first closure per vertex (plrep before)", "same closed sets (asserted)")]  # fmt: skip


def symmetric_regular_graphs() -> list[dict]:
    import warnings

    from plrep.decomposition import _young, clear_cache
    from plrep.graphs import interaction_graph

    def graph(spec):
        clear_cache()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return interaction_graph(spec, "relu").edge_set

    def ours():
        saved, _young.YOUNG_DEGREES = _young.YOUNG_DEGREES, (6, 7)
        try:
            return graph("S6")
        finally:
            _young.YOUNG_DEGREES = saved

    ours_s, base_s = _side_by_side(ours, lambda: graph("S6"), repeats=1)
    return [
        _row("ReLU graph of the regular module of S_6 by Young's form, CPU", ours_s, base_s,
             "character projectors, |G|^2 per sample and simple (kept for S_6)", "same edges (tested)"),
        _row("ReLU graph of the regular module of S_7, CPU", best_cpu(lambda: graph("S7")), None,
             "before: ~290 s (issue 26)", "target < 30 s; S_8 refused at once (|G|^2 = 1.6e9 table entries)"),
    ]  # fmt: skip


def run() -> list[dict]:
    return [
        *symmetric_tables(),
        single_values(),
        *worst_single_values(),
        *dihedral_simples(),
        *dihedral_graphs(),
        *cyclic_filtration(),
        *symmetric_regular_graphs(),
    ]


if __name__ == "__main__":  # python -m benchmarks.bench_large_groups [section ...]: rows as they come
    import sys

    sections = {
        "tables": symmetric_tables,
        "values": lambda: [single_values(), *worst_single_values()],
        "dihedral": dihedral_simples,
        "dihedral-graphs": dihedral_graphs,
        "filtration": cyclic_filtration,
        "regular": symmetric_regular_graphs,
    }
    for key in sys.argv[1:] or sections:
        for result in sections[key]():
            print(result, flush=True)
