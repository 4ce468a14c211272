"""Equivariant linear maps: orbit bases of Hom_G, and checks of weight sharing and actions."""

from plrep.equivariant._orbits import (
    MAX_ENTRIES,
    OrbitBasis,
    hom_basis,
    hom_dimension_from_characters,
    nullspace_basis,
    orbit_basis,
    orbit_labels,
)
from plrep.equivariant._patterns import MAX_APPLY_ENTRIES, MAX_APPLY_PATTERNS, PatternBasis
from plrep.equivariant._sharing import (
    ActionReport,
    SharingReport,
    check_action,
    check_sharing,
    pair_preserving_group,
)
from plrep.equivariant._tuple_orbits import growth_strings
from plrep.groups import HomomorphismReport, check_homomorphism

__all__ = [
    "MAX_APPLY_ENTRIES",
    "MAX_APPLY_PATTERNS",
    "MAX_ENTRIES",
    "ActionReport",
    "HomomorphismReport",
    "OrbitBasis",
    "PatternBasis",
    "SharingReport",
    "check_action",
    "check_homomorphism",
    "check_sharing",
    "growth_strings",
    "hom_basis",
    "hom_dimension_from_characters",
    "nullspace_basis",
    "orbit_basis",
    "orbit_labels",
    "pair_preserving_group",
]
