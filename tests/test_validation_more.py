"""Regression tests for bad input found after the validation sweep (CLI sweep reports, review).

Each case is (call, exception type, a substring of the message that names the argument).
"""

from __future__ import annotations

import numpy as np
import pytest

import plrep
from plrep.groups import PermutationGroup
from plrep.nn import (
    NetworkSpec,
    check_containment,
    empirical_graph,
    frequency_bands,
    init,
    load,
    save,
    simple_inputs,
)
from plrep.spectra import aliased_energies, discrete_energies

C8 = plrep.cyclic(8)
GRAPH = plrep.interaction_graph("C8", "relu")

CASES = {
    "S0": (lambda: plrep.parse_group("S0"), ValueError, "`group` must have factors with n >= 1"),
    "exact graph of a dihedral group": (
        lambda: plrep.interaction_graph("D6", "relu", method="exact"),
        ValueError,
        "`method` must be 'numeric' for D6",
    ),
    "oversized tensor powers": (
        lambda: plrep.hom_basis("S30", 3, 3),
        ValueError,
        "`k` and `l` must keep",
    ),
    "reachable after 10^9 layers": (lambda: GRAPH.reachable(1, 10**9), ValueError, "`layers` must be"),
    "discrete energies of C_(10^9)": (lambda: discrete_energies("relu", 10**9, 1), ValueError, "`n` must be"),
    "aliased energies of C_(10^9)": (lambda: aliased_energies("relu", 10**9, 1), ValueError, "`n` must be"),
    "10^12 simple inputs": (
        lambda: simple_inputs(C8, 1, (10**6, 10**6)),
        ValueError,
        "`shape` must give at most",
    ),
    "containment of a string": (lambda: check_containment("f"), TypeError, "`flow` must be a FrequencyFlow"),
    "empirical graph of a string": (
        lambda: empirical_graph("f"),
        TypeError,
        "`flow` must be a FrequencyFlow",
    ),
    "zero boost": (lambda: frequency_bands("C8", 10, boost=0), ValueError, "`boost` must be positive"),
    "group name not a string": (
        lambda: PermutationGroup([[1, 0]], name=5),
        TypeError,
        "`name` must be a string",
    ),
    "load(None)": (lambda: load(None), TypeError, "`weights` must be a file path"),
    "save to a number": (
        lambda: save(5, init(_key(), NetworkSpec("C4", (1, 2)))),
        TypeError,
        "`path` must be a file path",
    ),
}


def _key():
    import jax

    return jax.random.key(0)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_a_clear_error(name):
    call, kind, message = CASES[name]
    with pytest.raises(kind) as raised:
        call()
    assert message in str(raised.value)


def test_load_names_a_directory_and_save_refuses_missing_folders(tmp_path):
    with pytest.raises(ValueError, match="which is a directory"):
        load(tmp_path)
    params = init(_key(), NetworkSpec("C4", (1, 2)))
    with pytest.raises(ValueError, match="which is in a folder that does not exist"):
        save(tmp_path / "missing" / "net.npz", params)
    assert not (tmp_path / "missing").exists()


def test_train_progress_must_be_a_bool():
    from plrep.nn import train

    params = init(_key(), NetworkSpec("C4", (1, 2), readout=2))
    x, y = np.zeros((4, 1, 4)), np.zeros(4, dtype=int)
    with pytest.raises(TypeError, match="`progress` must be a bool"):
        train(params, x, y, steps=1, batch_size=4, progress="no")


def test_spectrum_grids_are_capped_before_allocating():
    with pytest.raises(ValueError, match="`harmonics` times the number of"):
        plrep.activation_spectrum("relu", harmonics=4096, amplitude=np.ones(10**5))


@pytest.mark.parametrize("which", ["nn", "dws", "dws_layer", "inr"])
@pytest.mark.parametrize("bad_key", ["a", 5, np.zeros(3, dtype=np.uint32)])
def test_initialisers_want_one_jax_key(which, bad_key):
    from plrep.nn import dws_init, dws_layer_init, inr_init

    call = {
        "nn": lambda key: init(key, NetworkSpec("C4", (1, 2))),
        "dws": lambda key: dws_init(key, (1, 2, 1)),
        "dws_layer": lambda key: dws_layer_init(key, (1, 2, 1), 1, 2),
        "inr": lambda key: inr_init(key, (1, 4, 1)),
    }[which]
    with pytest.raises(TypeError, match=r"`key` must be one key from jax\.random\.key"):
        call(bad_key)
    import jax

    call(jax.random.key(0))  # typed keys and raw PRNGKey data both work
    call(jax.random.PRNGKey(0))
