"""plrep: representation theory of equivariant neural networks, computed and shown.

Importing plrep is light: numpy and scipy only. JAX (``plrep.nn``) and matplotlib
(``plrep.plotting``) load when those modules are imported.
"""

from plrep.activations import Activation, activation
from plrep.equivariant import OrbitBasis, hom_basis, orbit_basis
from plrep.fourier import Decomposition, decompose, dense_projector, energies, multiplicities
from plrep.graphs import InteractionGraph, condensed_graph, interaction_graph
from plrep.groups import CyclicProduct, SimpleRep, cyclic, direct_product, parse_group
from plrep.gsets import GSet, coset_space, disjoint_union, product_action, regular, tensor_power
from plrep.permgroups import PermutationGroup, alternating, dihedral, quaternion, symmetric
from plrep.permgsets import PermGSet, natural_gset, symmetric_power
from plrep.projectors import standard_plane, standard_to_trivial
from plrep.sharing import check_action, check_homomorphism, check_sharing
from plrep.spectra import Spectrum, activation_spectrum, decay_rate, harmonic_magnitudes, nonzero_harmonics
from plrep.spectra_discrete import aliased_energies, discrete_energies

__version__ = "0.1.0"

__all__ = [
    "Activation",
    "CyclicProduct",
    "Decomposition",
    "GSet",
    "InteractionGraph",
    "OrbitBasis",
    "PermGSet",
    "PermutationGroup",
    "SimpleRep",
    "Spectrum",
    "activation",
    "activation_spectrum",
    "aliased_energies",
    "alternating",
    "check_action",
    "check_homomorphism",
    "check_sharing",
    "condensed_graph",
    "coset_space",
    "cyclic",
    "decay_rate",
    "decompose",
    "dense_projector",
    "dihedral",
    "direct_product",
    "discrete_energies",
    "disjoint_union",
    "energies",
    "harmonic_magnitudes",
    "hom_basis",
    "interaction_graph",
    "multiplicities",
    "natural_gset",
    "nonzero_harmonics",
    "orbit_basis",
    "parse_group",
    "product_action",
    "quaternion",
    "regular",
    "standard_plane",
    "standard_to_trivial",
    "symmetric",
    "symmetric_power",
    "tensor_power",
]
