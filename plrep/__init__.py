"""plrep: representation theory of equivariant neural networks, computed and shown.

Importing plrep is light: numpy and scipy only. JAX (``plrep.nn``) and matplotlib
(``plrep.plotting``) load when those modules are imported.
"""

from plrep.fourier import Decomposition, decompose, dense_projector, energies, multiplicities
from plrep.groups import CyclicProduct, SimpleRep, cyclic, direct_product, parse_group
from plrep.gsets import GSet, coset_space, disjoint_union, product_action, regular, tensor_power

__version__ = "0.1.0"

__all__ = [
    "CyclicProduct",
    "Decomposition",
    "GSet",
    "SimpleRep",
    "coset_space",
    "cyclic",
    "decompose",
    "dense_projector",
    "direct_product",
    "disjoint_union",
    "energies",
    "multiplicities",
    "parse_group",
    "product_action",
    "regular",
    "tensor_power",
]
