"""The DWS initialisers draw with numpy from the key's bits: reproducible, and nothing compiled.

``jax.random.normal`` (and ``jnp.asarray``) compile once per array shape, and a DWS network has
dozens of block shapes: ``dws_init`` for a two-layer network on 2-32-32-1 INRs took about 14 s
of CPU the first time in a process (the suite's studies each paid it). The check here is
behavioural, not a timing: with ``jax.log_compiles`` on, initialising a network of shapes never
seen before logs no compilation.
"""

from __future__ import annotations

import logging

import jax
import numpy as np
import pytest

from plrep.nn import dws_init, dws_layer_init


def _leaves(tree) -> list[np.ndarray]:
    return [np.asarray(leaf) for leaf in jax.tree_util.tree_leaves(tree)]


def test_same_key_same_network_and_other_keys_other_networks():
    widths = (2, 5, 4, 1)
    first = _leaves(dws_init(jax.random.key(7), widths, channels=(3, 2), out_dim=2, head_width=5))
    again = _leaves(dws_init(jax.random.key(7), widths, channels=(3, 2), out_dim=2, head_width=5))
    other = _leaves(dws_init(jax.random.key(8), widths, channels=(3, 2), out_dim=2, head_width=5))
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    drawn = [i for i, a in enumerate(first) if np.any(a)]  # biases start at zero
    assert drawn and all(not np.array_equal(first[i], other[i]) for i in drawn)
    # typed keys and raw PRNGKey data with the same bits give the same layer
    typed = _leaves(dws_layer_init(jax.random.key(3), widths, 1, 2))
    raw = _leaves(dws_layer_init(jax.random.PRNGKey(3), widths, 1, 2))
    assert all(np.array_equal(a, b) for a, b in zip(typed, raw, strict=True))


def test_the_layers_and_head_of_a_network_are_drawn_independently():
    """Two layers with the same shapes (channels 3 -> 3 twice) must not share their draws."""
    net = dws_init(jax.random.key(0), (2, 5, 4, 1), channels=(3, 3, 3), head_width=4)
    second, third = (net["layers"][i]["terms"] for i in (1, 2))
    assert all(not np.array_equal(second[name], third[name]) for name in second)


def test_draws_have_the_documented_scale():
    """Every term N(0, 1 / fan-in): fan-in = c_in x (terms of the target object) x (fixed source
    widths), counted here from the term names; the pooled sample of z-scores has unit variance."""
    widths, c_in, c_out = (3, 6, 5, 2), 8, 8
    layer = dws_layer_init(jax.random.key(1), widths, c_in, c_out)
    per_target: dict[str, int] = {}
    for name in layer["terms"]:
        target = name.split("<-")[0]
        per_target[target] = per_target.get(target, 0) + 1
    fixed = {"W1": 3, "b1": 1, "W2": 1, "b2": 1, "W3": 2, "b3": 2}  # input width 3, output width 2
    z = []
    for name, value in layer["terms"].items():
        target, source = name.split(":")[0].split("<-")
        fan_in = c_in * per_target[target] * fixed[source]
        z.append(np.asarray(value, np.float64).ravel() * np.sqrt(fan_in))
    z = np.concatenate(z)
    # thousands of draws: the sample variance of N(0, 1) lies within 0.1 of 1 (over 6 sigma)
    assert z.size > 3000 and abs(np.var(z) - 1.0) < 0.1 and abs(np.mean(z)) < 0.1
    assert all(not np.any(np.asarray(b)) for b in layer["bias"].values())


def test_initialising_compiles_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="jax"), jax.log_compiles(True):
        net = dws_init(jax.random.key(0), (3, 7, 5, 2), channels=(3, 6), out_dim=4, head_width=9)
        dws_layer_init(jax.random.key(1), (2, 9, 1), 5, 7)
    compiles = [r.getMessage()[:120] for r in caplog.records if "Compiling" in r.getMessage()]
    assert compiles == []
    assert len(net["layers"]) == 2 and net["head"][0][0].shape == (6 * 10, 9)  # 10 invariant features


def test_a_traced_key_is_refused_with_a_clear_error():
    with pytest.raises(TypeError, match="`key` must be a concrete key"):
        jax.jit(lambda key: dws_layer_init(key, (1, 2, 1), 1, 1))(jax.random.key(0))
