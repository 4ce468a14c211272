"""Weight-space symmetries of MLPs (DWSNets): the weights as a permutation module.

Permuting hidden neurons leaves an MLP's function unchanged, so its parameters form a
permutation module of S_{d_1} x ... x S_{d_{M-1}}. ``permute_neurons`` and ``canonical_form``
act on parameters; ``dws_blocks`` counts the equivariant blocks (orbits, closed formula and
numerical nullspace). Sine networks (SIRENs) have a larger group, signs x permutations:
``flip_signs``, ``shift_phases``, ``is_sign_invariant``, ``sine_canonical_form``. numpy only;
the JAX layers are in ``plrep.nn``.
"""

from plrep.weightspace._blocks import (
    MAX_NULLSPACE_ENTRIES,
    DWSBlocks,
    block_dimension,
    dws_blocks,
    equivariant_nullspace,
    invariant_dimension,
    object_layers,
    object_names,
)
from plrep.weightspace._permute import (
    WeightSpace,
    canonical_form,
    check_params,
    check_widths,
    function_change,
    input_permutation_changes_function,
    is_function_invariant,
    mlp_forward,
    permute_neurons,
    weight_space,
)
from plrep.weightspace._signs import (
    flip_signs,
    is_sign_invariant,
    shift_phases,
    sign_canonical_form,
    sine_canonical_form,
    sine_group_order,
)

__all__ = [
    "MAX_NULLSPACE_ENTRIES",
    "DWSBlocks",
    "WeightSpace",
    "block_dimension",
    "canonical_form",
    "check_params",
    "check_widths",
    "dws_blocks",
    "equivariant_nullspace",
    "flip_signs",
    "function_change",
    "input_permutation_changes_function",
    "invariant_dimension",
    "is_function_invariant",
    "is_sign_invariant",
    "mlp_forward",
    "object_layers",
    "object_names",
    "permute_neurons",
    "shift_phases",
    "sign_canonical_form",
    "sine_canonical_form",
    "sine_group_order",
    "weight_space",
]
