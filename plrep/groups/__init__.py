"""Finite groups: one ``Group`` vocabulary, two families, the spec grammar.

* ``CyclicProduct``: C_{n_1} x ... x C_{n_r}; its simples are frequency classes and its
  permutation modules decompose by real FFTs.
* ``PermutationGroup``: any group given by permutations (S_n, A_n, D_n, Q_8, products);
  character tables by Burnside–Dixon–Schneider, real simples with their Frobenius–Schur type.

Both are frozen values with value equality and satisfy the ``Group`` protocol, which is
all that G-sets, decompositions and graphs need. ``as_group`` turns a spec string, a group or
a G-set into a group; ``parse_group`` reads specs such as ``"C4xC6"`` or ``"S3xC2"``.
"""

from plrep.groups._characters import TYPE_WEIGHTS, CharacterTable
from plrep.groups._cyclic import MAX_GROUP_ORDER, CyclicProduct, cyclic, cyclic_product
from plrep.groups._families import (
    alternating,
    as_permutation_group,
    clear_group_cache,
    cyclic_perm,
    dihedral,
    direct_product,
    quaternion,
    symmetric,
)
from plrep.groups._homomorphism import CayleyWalk, HomomorphismReport, cayley_walk, check_homomorphism
from plrep.groups._perms import MAX_ELEMENTS, as_generators, perm_from_cycles
from plrep.groups._permutation import PermutationGroup
from plrep.groups._protocol import Group
from plrep.groups._simple import SimpleRep
from plrep.groups._spec import MAX_SPEC_DEGREE, as_group, character_table, parse_group

__all__ = [
    "MAX_ELEMENTS",
    "MAX_GROUP_ORDER",
    "MAX_SPEC_DEGREE",
    "TYPE_WEIGHTS",
    "CayleyWalk",
    "CharacterTable",
    "CyclicProduct",
    "Group",
    "HomomorphismReport",
    "PermutationGroup",
    "SimpleRep",
    "alternating",
    "as_generators",
    "as_group",
    "as_permutation_group",
    "cayley_walk",
    "character_table",
    "check_homomorphism",
    "clear_group_cache",
    "cyclic",
    "cyclic_perm",
    "cyclic_product",
    "dihedral",
    "direct_product",
    "parse_group",
    "perm_from_cycles",
    "quaternion",
    "symmetric",
]
