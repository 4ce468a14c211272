"""Figures, drawn with matplotlib (imported lazily by each submodule, never by ``import plrep``).

Submodules: ``spectra`` (activation spectra), ``graphs`` (interaction graphs), ``maps``
(PL maps and decompositions), ``networks`` (frequency flow through networks).
"""
