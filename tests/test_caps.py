"""Every cap refuses before the work: the message names the argument and nothing large is allocated.

The table of caps is docs/limits.md. Each call below once hung or asked for gigabytes; now it
is refused from the arguments alone (peak memory measured with tracemalloc stays small).
"""

from __future__ import annotations

import tracemalloc

import pytest

import plrep
import plrep.nn
import plrep.weightspace

CASES = {
    "S100 elements (order from n!, no stabiliser chain)": (
        lambda: plrep.symmetric(100).elements,
        "elements, more than the 200000 that plrep lists",
    ),
    "A100 character table": (
        lambda: plrep.alternating(100).character_table,
        "at most 5604 conjugacy classes",
    ),
    "D5000 elements: |G| x degree": (lambda: plrep.dihedral(5000).elements, "|G| x degree at most 33554432"),
    "C10000 character table": (lambda: plrep.character_table("C10000"), "|G| x degree at most"),
    "character table with 500 classes": (
        lambda: plrep.character_table(plrep.groups.cyclic_perm(500)),
        "`group` must have at most 406 conjugacy classes",
    ),
    "symmetric(10**9)": (lambda: plrep.symmetric(10**9), "`n` must be an integer <= 10000"),
    "dihedral(10**9)": (lambda: plrep.dihedral(10**9), "`n` must be an integer <= 4194304"),
    "alternating(10**9)": (lambda: plrep.alternating(10**9), "`n` must be an integer <= 10000"),
    "hom_basis k = 10**30": (
        lambda: plrep.hom_basis("S4", 10**30, 1),
        "`k` and `l` must have k + l at most 64",
    ),
    "hom_basis symmetric k = 10**30": (
        lambda: plrep.hom_basis("S4", 10**30, 1, symmetric=True),
        "`k` and `l` must keep",
    ),
    "hom_basis at the entry cap (S8192)": (
        lambda: plrep.hom_basis("S8192", 1, 1).labels,
        "within 2048 MiB of working memory",
    ),
    "hom_basis S4, k = 12": (
        lambda: plrep.hom_basis("S4", 12, 1).labels,
        "within 2048 MiB of working memory",
    ),
    "hom_basis S64, k = 5 (the input vector)": (
        lambda: plrep.hom_basis("S64", 5, 0).apply([0.0] * 52, [0.0]),
        "`k` and `l` must keep |X|^k and |X|^l at most 16777216 points",
    ),
    "hom_basis S64, k = 11 (int64 tuple indices)": (
        lambda: plrep.hom_basis("S64", 11, 0),
        "`k` and `l` must keep |X|^k and |X|^l below 2^62 points",
    ),
    "hom_basis S1, k + l = 65 positions": (
        lambda: plrep.hom_basis("S1", 65, 0),
        "`k` and `l` must have k + l at most 64 positions",
    ),
    "hom_basis S64, k + l = 5 labels": (
        lambda: plrep.hom_basis("S64", 3, 2).labels,
        "about 2^30 entries",
    ),
    "apply with Bell(9) = 21147 maps (S9, k + l = 9)": (
        lambda: plrep.hom_basis("S9", 5, 4).apply([0.0], [0.0]),
        "`coefficients` must have at most 4140 maps to list or apply, got 21147",
    ),
    "apply S64 X -> X^4 to 5 inputs (5 x 64^4 outputs)": (
        lambda: plrep.hom_basis("S64", 1, 4).apply([0.0] * 52, [[0.0] * 64] * 5),
        "`inputs` must keep the output at most 67108864 entries",
    ),
    "tensor_power k = 10**30": (
        lambda: plrep.tensor_power(plrep.natural_gset(plrep.symmetric(4)), 10**30),
        "`k` must keep |X|^k",
    ),
    "graph of A9's regular module (before its character table)": (
        lambda: plrep.interaction_graph("A9", "relu"),
        "got 181440 x 181440 instead (the regular module of A9)",
    ),
    "graph of C4000000 (vertices)": (
        lambda: plrep.interaction_graph("C4000000", "relu"),
        "at most 1048576 vertices fit a graph",
    ),
    "dws_blocks 1000 layers": (
        lambda: plrep.weightspace.dws_blocks((2,) * 1001),
        "`widths` must have at most 65 entries",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_caps_refuse_before_allocating(name):
    call, message = CASES[name]
    tracemalloc.start()
    try:
        with pytest.raises(ValueError) as info:
            call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message in str(info.value)
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB allocated before the refusal"


def test_named_orders_agree_with_the_stabiliser_chain():
    from plrep.groups import PermutationGroup

    for group in (
        plrep.symmetric(6),
        plrep.alternating(6),
        plrep.dihedral(7),
        plrep.dihedral(2),
        plrep.groups.quaternion(),
        plrep.parse_group("S3xA4xD5"),
    ):
        assert group.order == PermutationGroup(group.generators).order, group.name


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda jax: plrep.nn.dws_init(jax.random.key(0), (2, 3, 1), head_width=10**9), "`head_width`"),
        (lambda jax: plrep.nn.dws_layer_init(jax.random.key(0), (2, 3, 1), 10**5, 10**5), "`in_channels`"),
        (lambda jax: plrep.nn.fit_inrs([1.0], [1.0], steps=10**9), "`steps` must be an integer <= 100000"),
        (
            lambda jax: plrep.nn.fit_inrs([1.0] * 1000, [1.0] * 1000, steps=100_000, widths=(1, 512, 1)),
            "must keep steps x INRs x points x weights",
        ),
    ],
)
def test_jax_entry_points_refuse_before_xla_allocates(call, message):
    import jax

    with pytest.raises(ValueError, match="must") as info:
        call(jax)
    assert message in str(info.value)
