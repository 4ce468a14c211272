"""Closed-form interaction rules for C_n (docs/math.md §4), in terms of orders of simples.

Every rule here says whether L_i -> L_j, given d = ord(i), e = ord(j) and whether i = j.
Because the rules see i only through ord(i), they also give the condensed graph on the
divisors of n without touching n-sized arrays.

* ReLU (authors' notebooks): i -> j iff i = j or e | ord'(i), where ord'(i) = d/2 for d even
  and d otherwise.  abs: i -> j iff e | ord'(i).
* Parity rule (derived). Split sigma = sigma_even + sigma_odd. If d is odd, sigma reaches
  every e | d. If d is even, the shift by d/2 acts on v in L_i as -1, so sigma_even(v) has
  only orders e | d/2 and sigma_odd(v) only orders with d/e odd: the first set is reached
  iff sigma_even is not constant (a nonzero constant reaches L_0 alone), the second iff
  sigma_odd is not linear (a nonzero linear odd part gives the loop alone).
  Condition, sharper than a plain parity statement: each part must be affine or *not a
  polynomial*. sigma(A cos t) has harmonic m only through the Taylor terms of degree >= m
  of the same parity, so a polynomial part of degree q creates harmonics <= q only. A
  counterexample to the plain parity rule: x^2 + tanh x on C_8 sends L_1 to L_0,
  L_1, L_2, L_3 but not to L_4 (ord 2 | 8/2), because x^2 creates only the 2nd harmonic.
  The rule is applied only to named activations, whose parts are known to qualify.
* Affine sigma(x) = c + m x: the loop iff m != 0, L_0 iff c != 0.
* Powers x^p (finite Fourier series): v^p has frequencies (2a - p) i, a = 0..p, with
  nonzero coefficients, so i -> j iff j = +-(2a - p) i (mod n); in orders,
  e = d / gcd(d, |2a - p|).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plrep._validate import check_int
from plrep.activations import Activation

__all__ = [
    "NoClosedForm",
    "OrderRule",
    "count_from_totient",
    "divisors",
    "divisors_with_totients",
    "factorise",
    "order_rule",
    "simples_of_order",
]

# Trial division to sqrt(n): 10^15 needs ~10^7 candidates at worst, a few seconds.
MAX_FACTORISE = 10**15


class NoClosedForm(ValueError):
    """Raised when no closed form is known for an activation (use the numeric method).

    A ``ValueError``, so callers that catch ``ValueError`` catch it too.

    Example:
        >>> from plrep.graphs import interaction_graph
        >>> try:
        ...     interaction_graph("C8", lambda x: x**3 + x, method="exact")
        ... except NoClosedForm:
        ...     print("no closed form: use method='numeric'")
        no closed form: use method='numeric'
    """


@dataclass(frozen=True)
class OrderRule:
    """An interaction rule in terms of orders.

    ``reaches(d, e, same=...)`` decides L_i -> L_j from d = ord(i), e = ord(j) and i = j.
    """

    name: str
    kind: str  # "relu", "abs", "parity", "affine", "pow"
    activation: Activation
    even_part: str = ""  # "nonconstant" | "nonzero-constant" | "zero"
    odd_part: str = ""  # "nonlinear" | "nonzero-linear" | "zero"

    def reaches(self, d: int, e, *, same: bool):
        """Whether a simple of order d reaches the simples of order e (``same``: itself).

        ``e`` may be an int or an integer array (a bool array comes back). For
        non-polynomial activations the answer is the same for every j of order e other
        than i. Powers have no order rule (their targets are single frequencies).
        """
        if self.kind == "pow":  # powers reach single frequencies: see _exact (exact_adjacency, _pow_row)
            raise ValueError("`rule` must not be a power: x^p is decided by frequencies, not by orders")
        e = np.asarray(e, dtype=np.int64)
        divides = d % e == 0  # kernel containment: e must divide d
        if self.kind == "affine":
            loop = same and self.odd_part != "zero"
            return divides & ((e == 1) & (self.even_part != "zero") | loop)
        if d % 2 == 1:
            return divides  # non-affine, odd order: every divisor
        even = {
            "nonconstant": (d // 2) % e == 0,
            "nonzero-constant": e == 1,
            "zero": np.zeros(e.shape, bool),
        }[self.even_part]
        odd = {
            "nonlinear": (d // e) % 2 == 1,
            "nonzero-linear": np.full(e.shape, same),
            "zero": np.zeros(e.shape, bool),
        }[self.odd_part]
        return divides & (even | odd)


def order_rule(sigma: Activation) -> OrderRule:
    """The closed-form rule for an activation, or ``NoClosedForm`` with the reason."""
    if not sigma.is_builtin or not sigma.parity.exact:
        raise NoClosedForm(
            f"`method` must be 'numeric' for {sigma.name!r}: the parity of a Python callable is "
            "only detected numerically, so no closed form applies; got 'exact' instead"
        )
    if sigma.closed_form == "pow":
        return OrderRule(sigma.name, "pow", sigma)
    if sigma.closed_form == "prelu" and sigma.slope == 0.0:
        return OrderRule(sigma.name, "relu", sigma, "nonconstant", "nonzero-linear")
    if sigma.closed_form == "prelu" and sigma.slope == -1.0:
        return OrderRule(sigma.name, "abs", sigma, "nonconstant", "zero")
    even, odd = _parity_parts(sigma)
    kind = "affine" if sigma.parity.is_affine else "parity"
    return OrderRule(sigma.name, kind, sigma, even, odd)


def _parity_parts(sigma: Activation) -> tuple[str, str]:
    # Constants of the degenerate parts: sigma_even = sigma(0), sigma_odd = m x.
    zero, one, minus_one = (float(v) for v in sigma(np.array([0.0, 1.0, -1.0])))
    if sigma.parity.even_constant:
        even = "zero" if zero == 0.0 else "nonzero-constant"
    else:
        even = "nonconstant"
    if sigma.parity.odd_linear:
        odd = "zero" if one == minus_one else "nonzero-linear"
    else:
        odd = "nonlinear"
    return even, odd


def factorise(n: int) -> dict[int, int]:
    """Prime factorisation by trial division (n <= ~10^14 in well under a second).

    Returns:
        {prime: exponent}, in increasing primes; ``factorise(1)`` is ``{}``.

    Raises:
        TypeError, ValueError: ``n`` is not an integer in 1..10^15 (trial division stays fast).

    Example:
        >>> factorise(360)  # 2^3 3^2 5
        {2: 3, 3: 2, 5: 1}
    """
    n = check_int(n, "n", minimum=1, maximum=MAX_FACTORISE)
    factors: dict[int, int] = {}
    for p in (2, 3):
        while n % p == 0:
            factors[p] = factors.get(p, 0) + 1
            n //= p
    p, step = 5, 2
    while p * p <= n:
        while n % p == 0:
            factors[p] = factors.get(p, 0) + 1
            n //= p
        p += step
        step = 6 - step  # candidates 5, 7, 11, 13, ...: skip multiples of 2 and 3
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors


def divisors(n: int) -> list[int]:
    """All positive divisors of n, sorted.

    Example:
        >>> divisors(12)
        [1, 2, 3, 4, 6, 12]
    """
    return [d for d, _ in divisors_with_totients(n)]


def divisors_with_totients(n: int) -> list[tuple[int, int]]:
    """(d, phi(d)) for every divisor d of n, sorted by d; one factorisation of n in all."""
    result = [(1, 1)]
    for p, k in factorise(n).items():
        powers = [(1, 1)] + [(p**e, p ** (e - 1) * (p - 1)) for e in range(1, k + 1)]
        result = [(d * q, phi * f) for d, phi in result for q, f in powers]
    return sorted(result)


def simples_of_order(n: int, d: int) -> int:
    """How many real simples L_k of C_n have ord(k) = d (d | n): phi(d) / 2, or 1 for d <= 2."""
    if d <= 2:
        return 1
    return count_from_totient(d, dict(divisors_with_totients(d))[d])


def count_from_totient(d: int, phi: int) -> int:
    """Real simples of order d from phi(d): the complex characters of order d pair up."""
    return 1 if d <= 2 else phi // 2
