"""Maps between simples: pi_L' ∘ sigma ∘ iota_L in Fourier coordinates (C_n) and the S_n
standard -> trivial map on a plane.
"""

from plrep.maps._cyclic import fourier_basis, kink_directions, simple_map
from plrep.maps._standard import standard_plane, standard_to_trivial

__all__ = ["fourier_basis", "kink_directions", "simple_map", "standard_plane", "standard_to_trivial"]
