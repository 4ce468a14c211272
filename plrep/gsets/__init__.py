"""G-sets: one ``GSet`` class for every group, the constructors, and ``GROUP:GSET`` specs.

A G-set is its group plus one permutation of its points per group generator; regular
modules, natural actions, cosets, tensor and symmetric powers, subsets, products and unions
are built from those images the same way for cyclic products and permutation groups.
``as_gset`` is the one coercion every entry point uses: a spec string, a group (meaning its
regular module) or a G-set.
"""

from plrep.gsets._constructors import (
    coset_space,
    disjoint_union,
    natural_gset,
    product_action,
    regular,
    subsets,
    symmetric_power,
    tensor_power,
)
from plrep.gsets._gset import MAX_POINTS, MAX_TABLE_ENTRIES, GSet
from plrep.gsets._spec import as_gset, parse_space

__all__ = [
    "MAX_POINTS",
    "MAX_TABLE_ENTRIES",
    "GSet",
    "as_gset",
    "coset_space",
    "disjoint_union",
    "natural_gset",
    "parse_space",
    "product_action",
    "regular",
    "subsets",
    "symmetric_power",
    "tensor_power",
]
