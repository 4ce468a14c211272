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
from plrep.groups._named import AlternatingGroup, DihedralGroup, SymmetricGroup
from plrep.groups._perms import MAX_ELEMENTS, as_generators, perm_from_cycles
from plrep.groups._permutation import PermutationGroup
from plrep.groups._protocol import Group
from plrep.groups._simple import SimpleRep
from plrep.groups._sn_character import character
from plrep.groups._spec import MAX_SPEC_DEGREE, as_group, character_table, parse_group
from plrep.groups._symmetric import (
    MAX_TABLE_CLASSES,
    class_size,
    hook_dimension,
    mn_character,
    partition_count,
    partitions,
)

__all__ = [
    "MAX_ELEMENTS",
    "MAX_GROUP_ORDER",
    "MAX_SPEC_DEGREE",
    "MAX_TABLE_CLASSES",
    "TYPE_WEIGHTS",
    "AlternatingGroup",
    "CayleyWalk",
    "CharacterTable",
    "CyclicProduct",
    "DihedralGroup",
    "Group",
    "HomomorphismReport",
    "PermutationGroup",
    "SimpleRep",
    "SymmetricGroup",
    "alternating",
    "as_generators",
    "as_group",
    "as_permutation_group",
    "cayley_walk",
    "character",
    "character_table",
    "check_homomorphism",
    "class_size",
    "clear_group_cache",
    "cyclic",
    "cyclic_perm",
    "cyclic_product",
    "dihedral",
    "direct_product",
    "hook_dimension",
    "mn_character",
    "parse_group",
    "partition_count",
    "partitions",
    "perm_from_cycles",
    "quaternion",
    "symmetric",
]
