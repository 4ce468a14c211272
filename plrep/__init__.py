"""plrep: representation theory of equivariant neural networks, computed and shown.

The package is organised by concept (each a folder with a curated ``__init__``):
``groups`` (one Group vocabulary), ``gsets`` (one GSet class), ``decompose`` (one front,
FFT and character backends), ``equivariant`` (orbit bases, sharing checks), ``spectra``,
``graphs``, ``maps``, ``weightspace``, ``testing``, and the JAX wing ``nn``.

Importing plrep is light: numpy and scipy only. JAX (``plrep.nn``) and matplotlib
(``plrep.plotting``) load when those folders are imported.
"""

from plrep.activations import Activation, activation
from plrep.decomposition import (
    Decomposition,
    EnergySummary,
    by_simple,
    decompose,
    dense_projector,
    energies,
    gini,
    multiplicities,
    random_baseline,
    summarize,
    unit_measures,
)
from plrep.equivariant import (
    OrbitBasis,
    PatternBasis,
    check_action,
    check_homomorphism,
    check_sharing,
    hom_basis,
    orbit_basis,
)
from plrep.graphs import InteractionGraph, condensed_graph, interaction_graph
from plrep.groups import (
    CyclicProduct,
    Group,
    PermutationGroup,
    SimpleRep,
    alternating,
    as_group,
    character,
    character_table,
    cyclic,
    cyclic_product,
    dihedral,
    direct_product,
    parse_group,
    quaternion,
    symmetric,
)
from plrep.gsets import (
    GSet,
    as_gset,
    coset_space,
    disjoint_union,
    natural_gset,
    parse_space,
    product_action,
    regular,
    subsets,
    symmetric_power,
    tensor_power,
)
from plrep.maps import standard_plane, standard_to_trivial
from plrep.spectra import (
    Spectrum,
    activation_spectrum,
    aliased_energies,
    decay_rate,
    discrete_energies,
    harmonic_magnitudes,
    nonzero_harmonics,
)

__version__ = "0.2.0"

__all__ = [
    "Activation",
    "CyclicProduct",
    "Decomposition",
    "EnergySummary",
    "GSet",
    "Group",
    "InteractionGraph",
    "OrbitBasis",
    "PatternBasis",
    "PermutationGroup",
    "SimpleRep",
    "Spectrum",
    "activation",
    "activation_spectrum",
    "aliased_energies",
    "alternating",
    "as_group",
    "as_gset",
    "by_simple",
    "character",
    "character_table",
    "check_action",
    "check_homomorphism",
    "check_sharing",
    "condensed_graph",
    "coset_space",
    "cyclic",
    "cyclic_product",
    "decay_rate",
    "decompose",
    "dense_projector",
    "dihedral",
    "direct_product",
    "discrete_energies",
    "disjoint_union",
    "energies",
    "gini",
    "harmonic_magnitudes",
    "hom_basis",
    "interaction_graph",
    "multiplicities",
    "natural_gset",
    "nonzero_harmonics",
    "orbit_basis",
    "parse_group",
    "parse_space",
    "product_action",
    "quaternion",
    "random_baseline",
    "regular",
    "standard_plane",
    "standard_to_trivial",
    "subsets",
    "summarize",
    "symmetric",
    "symmetric_power",
    "tensor_power",
    "unit_measures",
]
