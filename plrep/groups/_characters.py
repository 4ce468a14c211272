"""Complex character tables, Frobenius–Schur indicators and real simples (docs/math.md §5).

Method (Burnside; Dixon, Numer. Math. 10, 1967; Schneider, J. Symb. Comp. 9, 1990): the class
sums K_i of G multiply as K_i K_j = sum_k c_ijk K_k, with c_ijk = #{x in C_i : x^-1 z_k in C_j}
for a fixed z_k in C_k. An irreducible chi gives the central character
omega(K_k) = |C_k| chi(g_k) / chi(1), and omega(K_i) omega = M_i omega with
(M_i)_{jk} = c_ijk: the vectors omega are the common eigenvectors of the class matrices. plrep
splits the class space by random combinations of the M_i until every common eigenspace is a line,
gets chi(1) from sum_k |C_k| |chi_k|^2 = |G|, and then makes the values exact: for g of order
m the eigenvalue multiplicities a_t = (1/m) sum_j chi(g^j) zeta_m^{-jt} of rho(g) must be
non-negative integers, so they are rounded and chi(g) = sum_t a_t zeta_m^t is recomputed
(an algebraic number, evaluated to machine precision). Both orthogonality relations are then
verified to 1e-9.

Real simples (Frobenius–Schur indicator nu = (1/|G|) sum_g chi(g^2) in {1, 0, -1}):
real (nu = 1): L with L (x) C = chi, dim chi(1), End = R (weight 1);
complex (nu = 0): chi and its conjugate give one L of dim 2 chi(1), End = C (weight 2);
quaternionic (nu = -1): L (x) C = 2 chi, dim 2 chi(1), End = H (weight 4).
The character of L is chi_L = chi, chi + conj(chi) or 2 chi, and its isotypic projector on any
real G-module is P_L = dim L / (w_L |G|) sum_g chi_L(g) rho(g).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from plrep._validate import check_finite_array, describe
from plrep.groups._simple import SimpleRep

__all__ = ["TYPE_WEIGHTS", "CharacterTable", "compute_character_table"]

TYPE_WEIGHTS = {"real": 1, "complex": 2, "quaternionic": 4}
_ATTEMPTS = 6
MAX_CLASS_CONSTANTS = 2**26  # r^3 int64 class algebra constants (512 MiB): r <= 406 classes


@dataclass(frozen=True, eq=False)
class CharacterTable:
    """The complex character table of a permutation group, and its real simples.

    Attributes:
        group: the ``PermutationGroup``.
        values: complex array (num_classes, num_classes); row = irreducible character,
            column = conjugacy class (the group's class numbering, identity class first).
        indicators: Frobenius–Schur indicator of each row, int array (1, 0 or -1).
        partitions: for S_n and A_n, the partition labelling each row (chi^lambda, or the
            restriction of chi^lambda to A_n); None for other groups.

    Example:
        >>> from plrep.groups import symmetric
        >>> table = symmetric(3).character_table
        >>> table.degrees.tolist(), table.indicators.tolist()
        ([1, 1, 2], [1, 1, 1])
    """

    group: object
    values: np.ndarray
    indicators: np.ndarray
    partitions: tuple | None = None

    @property
    def degrees(self) -> np.ndarray:
        """chi(1) of each irreducible, int array."""
        return np.rint(self.values[:, 0].real).astype(np.int64)

    @cached_property
    def _real_rows(self) -> list[tuple[int, str]]:
        """(row of chi, type) per real simple, by real dimension; a complex pair is listed once."""
        rows, skip = [], set()
        conjugates = np.conj(self.values)
        for row, nu in enumerate(self.indicators):
            if row in skip:
                continue
            kind = {1: "real", 0: "complex", -1: "quaternionic"}[int(nu)]
            if kind == "complex":
                partner = int(np.argmin(np.abs(self.values - conjugates[row]).sum(axis=1)))
                skip.add(partner)
            rows.append((row, kind))
        return sorted(rows, key=lambda item: self.values[item[0], 0].real * (1 if item[1] == "real" else 2))

    @cached_property
    def real_characters(self) -> np.ndarray:
        """chi_L on each class for each real simple L, float array (num_real_simples, num_classes)."""
        factor = {"real": 1.0, "complex": 2.0, "quaternionic": 2.0}
        return np.array([factor[kind] * self.values[row].real for row, kind in self._real_rows])

    @cached_property
    def real_types(self) -> tuple[str, ...]:
        """'real', 'complex' or 'quaternionic' for each real simple."""
        return tuple(kind for _, kind in self._real_rows)

    @cached_property
    def type_weights(self) -> np.ndarray:
        """dim End_G(L) = 1, 2 or 4 for each real simple."""
        return np.array([TYPE_WEIGHTS[kind] for kind in self.real_types], dtype=np.int64)

    @cached_property
    def real_dims(self) -> np.ndarray:
        """Real dimension of each real simple: chi_L(1)."""
        return np.rint(self.real_characters[:, 0]).astype(np.int64)

    @cached_property
    def projector_coefficients(self) -> np.ndarray:
        """c_L(C_k) with P_L = (1/|G|) sum_g c_L(g) rho(g): dim L chi_L / w_L, shape (s, r)."""
        scale = self.real_dims / self.type_weights
        return scale[:, None] * self.real_characters

    @cached_property
    def real_simples(self) -> tuple[SimpleRep, ...]:
        """``SimpleRep`` per real simple, named ATLAS-style by real dimension: 1a, 1b, 2a, ..."""
        group, sizes = self.group, self.group.class_sizes
        simples, seen = [], {}
        for index, ((row, kind), dim) in enumerate(zip(self._real_rows, self.real_dims, strict=True)):
            degree = self.values[row, 0].real
            kernel = int(sizes[np.abs(self.values[row] - degree) < 1e-8].sum())
            letter = seen.get(int(dim), 0)
            seen[int(dim)] = letter + 1
            name = f"{dim}{_letters(letter)}"
            partition = tuple(self.partitions[row]) if self.partitions is not None else ()
            simples.append(
                SimpleRep(index, name, int(dim), group.order // kernel, type=kind, partition=partition)
            )
        return tuple(simples)

    def multiplicities(self, permutation_character: np.ndarray) -> np.ndarray:
        """m_L = <chi_V, chi_L> / w_L for a real character chi_V on classes, int array (s,)."""
        permutation_character = check_finite_array(
            permutation_character, "permutation_character", last_axis=self.group.num_classes
        )
        if permutation_character.ndim != 1:
            raise ValueError(
                f"`permutation_character` must have shape ({self.group.num_classes},), "
                f"got {describe(permutation_character)} instead"
            )
        inner = (self.real_characters * self.group.class_sizes) @ permutation_character / self.group.order
        counts = inner / self.type_weights
        rounded = np.rint(counts)
        if np.abs(counts - rounded).max(initial=0) > 1e-6:
            raise ValueError(
                f"`permutation_character` must be the character of a representation, got "
                f"non-integral multiplicities {describe(counts.round(4).tolist())} instead"
            )
        return rounded.astype(np.int64)


def _letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, ..."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def class_matrices(group) -> np.ndarray:
    """c[i, j, k] = #{x in C_i : x^-1 z_k in C_j}, the class algebra constants, shape (r, r, r)."""
    elements, labels = group.elements, group.class_labels
    r = group.num_classes
    if r**3 > MAX_CLASS_CONSTANTS:
        raise ValueError(
            f"`group` must have at most {round(MAX_CLASS_CONSTANTS ** (1 / 3))} conjugacy classes for a "
            f"character table (r^3 class constants), got {group.name} with {r} classes instead"
        )
    inverses = np.argsort(elements, axis=1)
    constants = np.zeros((r, r, r), dtype=np.int64)
    for k, rep in enumerate(group.class_representatives):
        # (x^-1 z)[p] = x^-1[z[p]]
        products = inverses[:, elements[rep]]
        j_classes = labels[group.index_of(products)]
        np.add.at(constants[:, :, k], (labels, j_classes), 1)
    return constants


def _clusters(values: np.ndarray, tolerance: float) -> list[np.ndarray]:
    """Indices of ``values`` grouped by chains of neighbours closer than ``tolerance``."""
    order = np.argsort(values.real + 1e-3 * values.imag)
    groups, current = [], [order[0]]
    for previous, index in itertools.pairwise(order):
        if np.abs(values[index] - values[previous]) < tolerance or any(
            np.abs(values[index] - values[j]) < tolerance for j in current
        ):
            current.append(index)
        else:
            groups.append(np.array(current))
            current = [index]
    groups.append(np.array(current))
    return groups


def _central_characters(constants: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Rows omega(K_k) of the central characters (identity class = 1), complex (r, r).

    Simultaneous diagonalisation by splitting: the class matrices commute and are
    diagonalisable, so each random combination of them splits every common invariant subspace
    into its eigenspaces; subspaces whose eigenvalues are too close to tell apart wait for the
    next combination. One combination with r separated eigenvalues (all that the first version
    accepted) is the case of one step; products such as S4xS4xS4 need several.
    """
    r = constants.shape[0]
    scale = float(np.abs(constants).max())
    tolerance = 1e-6 * scale * r
    pending, found = [np.eye(r, dtype=np.complex128)], []
    if r == 1:
        pending, found = [], pending
    for _ in range(_ATTEMPTS * 4):
        if not pending:
            break
        combination = np.tensordot(rng.normal(size=r), constants, axes=1).astype(np.float64)
        still = []
        for basis in pending:
            restricted = np.linalg.lstsq(basis, combination @ basis, rcond=None)[0]
            values, vectors = np.linalg.eig(restricted)
            groups = _clusters(values, tolerance)
            if len(groups) == 1:
                still.append(basis)
                continue
            for group in groups:
                sub, _ = np.linalg.qr(basis @ vectors[:, group])
                (found if sub.shape[1] == 1 else still).append(sub)
        pending = still
    if pending or not found:
        raise RuntimeError("the class matrices did not give separated common eigenvectors")
    vectors = np.concatenate(found, axis=1)
    if np.any(np.abs(vectors[0]) < 1e-12):
        raise RuntimeError("the class matrices did not give separated common eigenvectors")
    omega = (vectors / vectors[0]).T
    # A random combination checks that the eigenvectors are common to all M_i; exactness and
    # orthogonality are verified again on the final table.
    weights = rng.normal(size=r)
    check = np.tensordot(weights, constants, axes=1).astype(np.float64)
    residual = omega @ check.T - (omega @ weights)[:, None] * omega
    if np.abs(residual).max() >= 1e-6 * scale * r:
        raise RuntimeError("the class matrices did not give separated common eigenvectors")
    return omega


def _exact_values(group, approximate: np.ndarray) -> np.ndarray:
    """Round characters to sums of roots of unity via eigenvalue multiplicities of rho(g)."""
    exact = np.empty(approximate.shape, dtype=np.complex128)
    reps = group.elements[group.class_representatives]
    for k, (rep, m) in enumerate(zip(reps, group.class_element_orders, strict=True)):
        powers, power = [], np.arange(group.degree)
        for _ in range(m):
            powers.append(power)
            power = rep[power]
        classes = group.class_labels[group.index_of(np.stack(powers))]
        zeta = np.exp(2j * np.pi * np.outer(np.arange(m), np.arange(m)) / m)  # zeta^(j t)
        counts = approximate[:, classes] @ np.conj(zeta) / m  # a_t for each character
        rounded = np.rint(counts.real)
        if np.abs(counts - rounded).max() > 1e-4 or rounded.min() < 0:
            raise RuntimeError(f"character values on class {k} are not sums of {m}-th roots of unity")
        exact[:, k] = rounded @ np.exp(2j * np.pi * np.arange(m) / m)
    return exact


def compute_character_table(group) -> CharacterTable:
    """The complex character table of a permutation group (see the module docstring).

    Rows are sorted by degree, then by values (the trivial character first), columns follow
    ``group.class_labels``. Cost O(|G| r) permutation products for r classes. Reached through
    ``PermutationGroup.character_table``, which caches it on the group.

    Raises:
        ValueError: for a group too large to list (``MAX_ELEMENTS``).
        RuntimeError: if the numerical table fails its exactness or orthogonality checks.
    """
    sizes, order = group.class_sizes, group.order
    omega = _central_characters(class_matrices(group), np.random.default_rng(20240801))
    degrees = np.rint(np.sqrt(order / (np.abs(omega) ** 2 / sizes).sum(axis=1)))
    values = _exact_values(group, degrees[:, None] * omega / sizes)
    keys = [(v[0].real, *np.round(-v.real, 6), *np.round(-v.imag, 6)) for v in values]
    values = values[sorted(range(len(keys)), key=keys.__getitem__)]
    gram = (values * sizes) @ np.conj(values).T / order
    columns = np.conj(values).T @ values
    if not (
        np.allclose(gram, np.eye(len(values)), atol=1e-9)
        and np.allclose(columns, np.diag(order / sizes), atol=1e-9 * order)
    ):
        raise RuntimeError(f"the character table of {group.name} failed the orthogonality check")
    squares = group.power_map(2)
    indicators = np.rint(((values[:, squares] * sizes).sum(axis=1) / order).real).astype(np.int64)
    values.setflags(write=False)
    return CharacterTable(group, values, indicators)
