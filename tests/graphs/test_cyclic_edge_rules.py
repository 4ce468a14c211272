"""Numeric C_n graphs against the exact frequency rules: every edge present AND every non-edge
absent (an empty or a complete graph fails), the same for every seed, strengths as maxima.

Rules (independent of plrep: periodicity and parity of the sampled signal). A vector of L_i of
C_n is v(x) = R cos(2 pi i x / n + phi): it has period d = n / g, g = gcd(i, n), so sigma(v)
has frequencies j that are multiples of g only; generically all of them. When d is even,
v(x + d/2) = -v(x), hence for an odd sigma only j/g odd survives, for an even sigma only j/g even,
and relu = x/2 + |x|/2 gives the even ones plus j = i itself (the linear part); so does
softplus = x/2 + log(2 cosh(x/2)) (an even function plus x/2).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import plrep
from plrep.cli import main


def expected_edges(n: int, rule: str) -> set[tuple[int, int]]:
    edges = set()
    for i in range(n // 2 + 1):
        g = math.gcd(i, n)
        d = n // g
        for j in range(0, n // 2 + 1, g):
            m = j // g
            if d % 2 == 0 and rule == "odd" and m % 2 == 0:
                continue
            if d % 2 == 0 and rule == "even" and m % 2 == 1:
                continue
            if d % 2 == 0 and rule == "relu" and m % 2 == 1 and j != i:
                continue
            edges.add((i, j))
    return edges


RULES = {"relu": "relu", "tanh": "odd", "abs": "even", "softplus": "relu"}


@pytest.mark.parametrize("activation", sorted(RULES))
@pytest.mark.parametrize("n", [1, 2, 5, 6, 8, 9, 12, 16])
def test_numeric_cyclic_graph_equals_the_frequency_rules(n, activation):
    graph = plrep.interaction_graph(f"C{n}", activation)
    assert set(graph.edge_set) == expected_edges(n, RULES[activation])
    assert not graph.uncertain


def test_the_rules_are_not_vacuous():
    # the expectation itself distinguishes the activations (so a wrong rule cannot pass silently)
    assert expected_edges(8, "odd") != expected_edges(8, "even") != expected_edges(8, "relu")
    assert (3, 1) not in expected_edges(8, "relu") and (3, 3) in expected_edges(8, "relu")
    assert len(expected_edges(12, "generic")) > len(expected_edges(12, "relu"))


@pytest.mark.parametrize("seed", range(6))
def test_sign_sensitive_activations_give_the_same_graph_for_every_seed(seed):
    # relu and min(x, 0) kill constants of one sign: the samples must take both signs, whatever
    # sign the seed's random constant has.
    negative_part = plrep.activation(lambda x: np.minimum(x, 0.0), kinks=[0.0])
    for sigma, rule in (("relu", "relu"), (negative_part, "relu")):
        graph = plrep.interaction_graph("C6", sigma, seed=seed)
        assert (0, 0) in graph.edge_set
        assert set(graph.edge_set) == expected_edges(6, rule)


def test_strength_is_the_maximum_over_sample_amplitudes():
    # sigma(x) = x + c x^3 with c = 1e-3 / 32768^2: on R cos(theta), cos^3 = (3 cos + cos 3 theta)/4,
    # so the L3 share of the output of L1 (C_8) is s(R) = (c R^2/4) / |((1 + 3c R^2/4), c R^2/4)|.
    # Samples are scaled to peak 32768 at most; a cosine sampled on 8 points peaks at
    # R cos(delta), delta <= pi/8, so the largest sample has R in [32768, 32768 / cos(pi/8)].
    c = 1e-3 / 32768.0**2
    cubic = plrep.activation(lambda x: x + c * x**3)

    def share(radius):
        t = c * radius**2 / 4
        return t / math.hypot(1 + 3 * t, t)

    graph = plrep.interaction_graph("C8", cubic, threshold=5e-6)
    assert {(1, 3), (3, 1)} <= set(graph.edge_set)
    strength = {(e.source, e.target): e.strength for e in graph.edges}
    assert (
        share(32768.0) * (1 - 1e-6) <= strength[(1, 3)] <= share(32768.0 / math.cos(math.pi / 8)) * (1 + 1e-6)
    )


def test_cli_json_edges_equal_the_rules(capsys):
    assert main(["graph", "C12", "--activation", "abs", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {(e["source"], e["target"]) for e in payload["edges"]} == expected_edges(12, "even")
