"""The JAX wing: everything in plrep that imports jax lives in this folder.

* networks: C_n and C_n x C_m convolutional networks by FFT (``NetworkSpec``, ``init``,
  ``apply``, ``apply_with_intermediates``), their dense references, the invariant read-out;
* training: ``train`` (optax, progress bar), the toy task ``frequency_bands``; group
  composition (Chughtai et al.'s MLP, seeds vmapped): ``train_composition``, ``learned_simples``;
* weights files: ``save`` / ``load`` (``docs/weights_format.md``);
* frequency flow: ``frequency_flow``, ``filter_spectra``, ``check_containment``;
* any JAX model: ``probe`` (energies per simple of every activation, reduced on the device and
  sharded over the local devices), ``device_energies``;
* progress measures of any JAX model: ``ablate`` (restricted / excluded loss with a named
  intermediate projected onto or cleared of simples), ``progress`` (those and the key simples'
  energy share and Gini coefficient over a run's checkpoints), ``load_checkpoints``;
* weight-space networks: DWS layers (``dws_init``, ``dws_apply``) and INRs of sines
  (``fit_inrs``) and of images (``fit_image_inrs``, one independent initialisation each).

``import plrep`` does not import this folder; ``import plrep.nn`` imports jax.
"""

from plrep.nn._ablate import OUTPUT, Ablation, ablate, ablate_logits, cross_entropy_stable, device_projection
from plrep.nn._composition import (
    LEARNED_ENRICHMENT,
    MAX_COMPOSITION_STEPS,
    MAX_COMPOSITION_WORK,
    CompositionRun,
    composition_enrichment,
    composition_split,
    composition_table,
    learned_simples,
    train_composition,
)
from plrep.nn._containment import (
    ContainmentReport,
    FilterSpectra,
    check_containment,
    empirical_graph,
    filter_spectra,
    kernel_closure,
)
from plrep.nn._datasets import band_of_simples, frequency_bands
from plrep.nn._dws import dws_layer_apply, dws_layer_init, widths_of
from plrep.nn._dws_network import dws_apply, dws_init, invariant_features
from plrep.nn._energies import device_energies
from plrep.nn._flow import (
    DEFAULT_TOLERANCE,
    FrequencyFlow,
    frequency_flow,
    simple_inputs,
)
from plrep.nn._inr import (
    MAX_GRID_POINTS,
    fit_inrs,
    fit_inrs_loop,
    inr_apply,
    inr_grid,
    inr_init,
    sine_targets,
)
from plrep.nn._inr_dataset import (
    INR_DATASETS,
    INR_DEFAULT_SPECS,
    INRSpec,
    fit_sirens,
    layer_statistics,
    load_inr_dataset,
    make_inr_dataset,
    save_inr_dataset,
)
from plrep.nn._inr_images import (
    MAX_CHUNK_ACTIVATIONS,
    MAX_TOTAL_PARAMETERS,
    fit_image_inrs,
    image_grid,
    image_inr_apply,
    image_inr_init,
    image_inr_inits,
    num_parameters,
)
from plrep.nn._network import (
    LayerOutputs,
    NetworkParams,
    NetworkSpec,
    apply,
    apply_dense,
    apply_with_intermediates,
    circulant_matrix,
    conv_layer,
    init,
    invariant_readout,
)
from plrep.nn._probe import local_device_count, probe
from plrep.nn._progress import MAX_CHECKPOINTS, Progress, load_checkpoints, progress
from plrep.nn._train import TrainResult, accuracy, cross_entropy, train
from plrep.nn._weights_file import FORMAT_NAME, FORMAT_VERSION, load, load_arrays, save

__all__ = [
    "DEFAULT_TOLERANCE",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "INR_DATASETS",
    "INR_DEFAULT_SPECS",
    "LEARNED_ENRICHMENT",
    "MAX_CHECKPOINTS",
    "MAX_CHUNK_ACTIVATIONS",
    "MAX_COMPOSITION_STEPS",
    "MAX_COMPOSITION_WORK",
    "MAX_GRID_POINTS",
    "MAX_TOTAL_PARAMETERS",
    "OUTPUT",
    "Ablation",
    "CompositionRun",
    "ContainmentReport",
    "FilterSpectra",
    "FrequencyFlow",
    "INRSpec",
    "LayerOutputs",
    "NetworkParams",
    "NetworkSpec",
    "Progress",
    "TrainResult",
    "ablate",
    "ablate_logits",
    "accuracy",
    "apply",
    "apply_dense",
    "apply_with_intermediates",
    "band_of_simples",
    "check_containment",
    "circulant_matrix",
    "composition_enrichment",
    "composition_split",
    "composition_table",
    "conv_layer",
    "cross_entropy",
    "cross_entropy_stable",
    "device_energies",
    "device_projection",
    "dws_apply",
    "dws_init",
    "dws_layer_apply",
    "dws_layer_init",
    "empirical_graph",
    "filter_spectra",
    "fit_image_inrs",
    "fit_inrs",
    "fit_inrs_loop",
    "fit_sirens",
    "frequency_bands",
    "frequency_flow",
    "image_grid",
    "image_inr_apply",
    "image_inr_init",
    "image_inr_inits",
    "init",
    "inr_apply",
    "inr_grid",
    "inr_init",
    "invariant_features",
    "invariant_readout",
    "kernel_closure",
    "layer_statistics",
    "learned_simples",
    "load",
    "load_arrays",
    "load_checkpoints",
    "load_inr_dataset",
    "local_device_count",
    "make_inr_dataset",
    "num_parameters",
    "probe",
    "progress",
    "save",
    "save_inr_dataset",
    "simple_inputs",
    "sine_targets",
    "train",
    "train_composition",
    "widths_of",
]
