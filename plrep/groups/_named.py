"""S_n and A_n as permutation groups that know their order and classes in closed form.

``SymmetricGroup`` (and ``AlternatingGroup``) are ``PermutationGroup`` values with the same
generators as before, so small groups behave exactly as they did (classes numbered by first
element, the element-listing character table, ATLAS names 1a, 1b, 2a, ...); what changes:

* ``order`` is n! (n!/2) in closed form, so no stabiliser chain is built to size a request;
* every simple of S_n carries its partition lambda (``SimpleRep.partition``), every class its
  cycle type (``class_cycle_types``);
* when |G| exceeds ``MAX_ELEMENTS`` (S_n, n >= 9), classes (cycle types, sizes n!/z_mu, orders
  lcm(mu)) and the character table (Murnaghan–Nakayama, ``_symmetric``) are computed without
  elements, for p(n) up to ``MAX_TABLE_CLASSES`` (n <= 30). Columns are then the cycle types
  in reverse lexicographic order with (1^n) first; rows are sorted as for small groups (by
  degree, then by values), so names follow the same ATLAS rule.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from plrep._validate import size_text
from plrep.groups._characters import CharacterTable, _letters
from plrep.groups._perms import MAX_ELEMENTS
from plrep.groups._permutation import PermutationGroup
from plrep.groups._row_ids import row_id, row_partition
from plrep.groups._simple import LazySimples, SimpleRep
from plrep.groups._symmetric import (
    MAX_TABLE_CLASSES,
    alternating_table,
    class_size,
    conjugate_partition,
    cycle_type_of,
    hook_product,
    mn_character,
    partition_count,
    partitions,
    power_cycle_type,
    symmetric_table,
)

__all__ = [
    "MAX_DIHEDRAL_TABLE_CLASSES",
    "MAX_PARTITIONS",
    "AlternatingGroup",
    "DihedralGroup",
    "SymmetricGroup",
]

# D_n with n above this lists no elements for its classes (closed forms instead).
SMALL_DIHEDRAL = 64
# The dense closed-form table of D_n: classes^2 complex values; 2051 classes (D_4096, D_4097) 64 MiB.
MAX_DIHEDRAL_TABLE_CLASSES = 2051
# Simples of S_n are listed from partitions (hook products only): p(51) = 239,943 of them,
# ~0.5 KiB each (SimpleRep, partition, name); S_50 (204,226) in a few seconds. Beyond, ids
# are ranked by the boxes below the first row (``_row_ids``) and nothing is listed.
MAX_PARTITIONS = 2**18


def partition_name(shape: tuple[int, ...]) -> str:
    """The name of a simple of large S_n: its partition, runs of 3 or more equal parts as a^k.

    >>> partition_name((998, 1, 1)), partition_name((2,) + (1,) * 998)
    ('(998,1,1)', '(2,1^998)')
    """
    parts, i = [], 0
    while i < len(shape):
        j = i
        while j < len(shape) and shape[j] == shape[i]:
            j += 1
        parts += [f"{shape[i]}^{j - i}"] if j - i >= 3 else [str(shape[i])] * (j - i)
        i = j
    return "(" + ",".join(parts) + ")"


class _RowSimples(LazySimples):
    """The simples of S_n (p(n) > ``MAX_PARTITIONS``) in id order by boxes below the first row.

    ``len()`` is refused beyond sys.maxsize (p(n) from n = 406 on); ``group.num_simples`` is exact.
    """

    def __len__(self) -> int:
        if self._count > sys.maxsize:
            raise OverflowError(
                f"{self._label} has {size_text(self._count)} simples, too many for len(); use "
                "group.num_simples (an exact int)"
            )
        return self._count


@dataclass(frozen=True, eq=False, repr=False)
class _ClosedFormGroup(PermutationGroup):
    @property
    def n(self) -> int:
        """The number of points acted on."""
        return self.degree

    @property
    def _listable(self) -> bool:
        return self.order <= MAX_ELEMENTS

    @cached_property
    def class_cycle_types(self) -> tuple[tuple[int, ...], ...]:
        """Cycle type on {0..n-1} of each class, in the group's class order."""
        reps = self.elements[self.class_representatives]
        return tuple(cycle_type_of(rep) for rep in reps)


@dataclass(frozen=True, eq=False, repr=False)
class SymmetricGroup(_ClosedFormGroup):
    """S_n on {0..n-1}: order n!, simples labelled by partitions (docs/math.md §5).

    Example:
        >>> from plrep.groups import symmetric
        >>> g = symmetric(12); g.order, g.num_simples, g.simples[1].partition
        (479001600, 77, (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
    """

    @cached_property
    def order(self) -> int:
        """n! (exact Python int)."""
        return math.factorial(self.degree)

    @property
    def num_simples(self) -> int:
        """p(n) (exact int): every complex irreducible of S_n is real."""
        return partition_count(self.degree)

    @cached_property
    def ranks_by_rows(self) -> bool:
        """Whether ids order partitions by boxes below the first row (p(n) > ``MAX_PARTITIONS``, n >= 52).

        Otherwise ids follow the dimension order (element listing for n <= 8, hook lengths
        beyond). Ranked by rows, the simples of natural^K and subsets^K are ids 0 .. r - 1
        (``plrep.groups._row_ids``) and no partition of n is listed.
        """
        return partition_count(self.degree) > MAX_PARTITIONS

    @property
    def simples(self) -> Sequence[SimpleRep]:
        """The real simples: from the character table up to listing size, else from partitions.

        Beyond listing size (n >= 9) no table is needed: id order is by dimension (hook length
        formula), ties in reverse lexicographic order of the partitions; names are ATLAS-style
        (``"1a"``, ``"1b"``, ``"8a"``, ...). Beyond ``MAX_PARTITIONS`` partitions (n >= 52) a
        lazy sequence in the order by boxes below the first row (``ranks_by_rows``), named by
        partition (``"(98,1,1)"``): no partition of n is listed.
        """
        if self.ranks_by_rows:
            return self._row_simples
        return self._listed_simples

    @cached_property
    def _row_simples(self) -> _RowSimples:
        n = self.degree

        def make(index: int) -> SimpleRep:
            shape = row_partition(n, index)
            dim = math.factorial(n) // hook_product(shape)
            image = 1 if shape == (n,) else 2 if shape == (1,) * n else self.order  # faithful, n >= 5
            return SimpleRep(index, partition_name(shape), dim, image, type="real", partition=shape)

        return _RowSimples(partition_count(n), make, self.name)

    def simple_id(self, partition) -> int:
        """The id of the simple S^partition (a partition of n), without listing the others when ranked by rows.

        >>> from plrep.groups import symmetric
        >>> symmetric(5).simple_id((4, 1)), symmetric(1000).simple_id((998, 1, 1))
        (2, 3)
        """
        shape = tuple(int(p) for p in partition)
        if (
            sum(shape) != self.degree
            or any(p <= 0 for p in shape)
            or list(shape) != sorted(shape, reverse=True)
        ):
            raise ValueError(f"`partition` must be a partition of {self.degree}, got {partition!r} instead")
        if self.ranks_by_rows:
            return row_id(shape)
        return self._listed_ids[shape]

    @cached_property
    def _listed_ids(self) -> dict[tuple[int, ...], int]:
        return {s.partition: s.id for s in self._listed_simples}

    @cached_property
    def _listed_simples(self) -> tuple[SimpleRep, ...]:
        if self._listable:
            return self.character_table.real_simples  # the table's rows carry their partitions
        n = self.degree
        count = partition_count(n)
        if count > MAX_PARTITIONS:  # ranks_by_rows: never listed
            raise ValueError(
                f"`group` S{n} must have at most {MAX_PARTITIONS} partitions of n to list its simples, "
                f"got p({n}) = {size_text(count)} instead"
            )
        shapes = partitions(n)
        factorial = math.factorial(n)
        dims = [factorial // hook_product(shape) for shape in shapes]
        order = sorted(range(len(shapes)), key=lambda i: (dims[i], i))
        simples, seen = [], {}
        for index, i in enumerate(order):
            letter = seen.get(dims[i], 0)
            seen[dims[i]] = letter + 1
            shape = shapes[i]
            image = 1 if shape == (n,) else 2 if shape == (1,) * n else self.order  # faithful, n >= 5
            simples.append(
                SimpleRep(index, f"{dims[i]}{_letters(letter)}", dims[i], image, type="real", partition=shape)
            )
        return tuple(simples)

    @cached_property
    def _combinatorial(self):
        return symmetric_table(self.degree)

    @cached_property
    def class_cycle_types(self) -> tuple[tuple[int, ...], ...]:
        if self._listable:
            return super().class_cycle_types
        return tuple(self._combinatorial[1])

    @cached_property
    def class_sizes(self) -> np.ndarray:
        if self._listable:
            return super().class_sizes
        sizes = [class_size(mu) for mu in self.class_cycle_types]
        # n!/z_mu leaves int64 from S_21 on: exact Python ints there (an object array)
        return np.array(sizes, dtype=np.int64 if self.degree <= 20 else object)

    @cached_property
    def class_element_orders(self) -> np.ndarray:
        if self._listable:
            return super().class_element_orders
        return np.array([math.lcm(*mu) for mu in self.class_cycle_types], dtype=np.int64)

    def power_map(self, k: int) -> np.ndarray:
        if self._listable:
            return super().power_map(k)
        column = {mu: j for j, mu in enumerate(self.class_cycle_types)}
        return np.array([column[power_cycle_type(mu, k)] for mu in self.class_cycle_types], dtype=np.int64)

    @cached_property
    def character_table(self) -> CharacterTable:
        """The character table with a partition per row; by Murnaghan–Nakayama beyond listing size.

        Raises:
            ValueError: p(n) > ``MAX_TABLE_CLASSES`` (n > 30), before any computation.
        """
        if self._listable:
            table = super().character_table
            types = self.class_cycle_types
            real = np.rint(table.values.real).astype(np.int64)
            labels = {}
            for shape in partitions(self.degree):
                row = tuple(mn_character(shape, mu) for mu in types)
                labels[row] = shape
            rows = tuple(labels[tuple(int(v) for v in row)] for row in real)
            return replace(table, partitions=rows)
        shapes, _, values = self._combinatorial
        position = {shape: i for i, shape in enumerate(shapes)}
        order = [position[simple.partition] for simple in self.simples]  # rows in simple id order
        values = values[order].astype(np.complex128)
        values.setflags(write=False)
        indicators = np.ones(len(order), dtype=np.int64)
        return CharacterTable(self, values, indicators, partitions=tuple(shapes[i] for i in order))


@dataclass(frozen=True, eq=False, repr=False)
class AlternatingGroup(_ClosedFormGroup):
    """A_n on {0..n-1}: order n!/2; characters by restriction from S_n beyond listing size.

    Classes are the even cycle types, those with distinct odd parts split in two (``+``/``-``
    in ``class_split_signs``); each simple carries the partition lambda of the S_n character it
    restricts from (lambda and lambda' restrict alike: the first in reverse lexicographic
    order is named; a self-conjugate lambda gives two simples, or one of complex type).

    Example:
        >>> from plrep.groups import alternating
        >>> [s.partition for s in alternating(5).simples]
        [(5,), (3, 1, 1), (3, 1, 1), (4, 1), (3, 2)]
    """

    @cached_property
    def order(self) -> int:
        """n!/2 for n >= 2, 1 for n <= 1 (exact Python int)."""
        return max(math.factorial(self.degree) // 2, 1)

    @cached_property
    def _combinatorial(self):
        # A_n's classes and characters come from S_n's p(n) partitions: refused here under A_n's
        # own name (alternating_table would name S_n, which the user never asked for).
        count = partition_count(self.degree)
        if count > MAX_TABLE_CLASSES:
            raise ValueError(
                f"`group` {self.name} must have at most {MAX_TABLE_CLASSES} conjugacy classes (partitions of "
                f"n; its classes and characters come from those of S{self.degree}) for a character table, got "
                f"p({self.degree}) = {size_text(count)} instead; single values of S{self.degree} are "
                "available from plrep.groups.mn_character"
            )
        return alternating_table(self.degree)

    @cached_property
    def class_cycle_types(self) -> tuple[tuple[int, ...], ...]:
        if self._listable:
            return super().class_cycle_types
        return tuple(mu for mu, _ in self._combinatorial[1])

    @cached_property
    def class_sizes(self) -> np.ndarray:
        if self._listable:
            return super().class_sizes
        sizes = [class_size(mu) // (2 if half else 1) for mu, half in self._combinatorial[1]]
        return np.array(sizes, dtype=np.int64 if self.degree <= 20 else object)

    @cached_property
    def class_element_orders(self) -> np.ndarray:
        if self._listable:
            return super().class_element_orders
        return np.array([math.lcm(*mu) for mu in self.class_cycle_types], dtype=np.int64)

    @cached_property
    def character_table(self) -> CharacterTable:
        """The character table with the restricting partition per row (see the class docstring).

        Raises:
            ValueError: p(n) > ``MAX_TABLE_CLASSES`` (n > 30), before any computation.
        """
        if self._listable:
            table = super().character_table
            sizes, types = self.class_sizes, self.class_cycle_types
            labels = []
            for row in table.values:
                for shape in partitions(self.degree):
                    restricted = np.array([mn_character(shape, mu) for mu in types], dtype=float)
                    if abs((sizes * restricted) @ np.conj(row)) > 0.5:
                        labels.append(max(shape, conjugate_partition(shape)))
                        break
            return replace(table, partitions=tuple(labels))
        labels, _, values = self._combinatorial
        keys = [(v[0].real, *np.round(-v.real, 6), *np.round(-v.imag, 6)) for v in values]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        values = values[order]
        values.setflags(write=False)
        indicators = np.where(np.abs(values.imag).max(axis=1) > 1e-9, 0, 1).astype(np.int64)
        return CharacterTable(self, values, indicators, partitions=tuple(labels[i] for i in order))


@dataclass(frozen=True, eq=False, repr=False)
class DihedralGroup(PermutationGroup):
    """D_n (n >= 3) on the n-gon's vertices: order 2n, characters in closed form (docs/math.md §5).

    Generators r: x -> x + 1 and s: x -> -x. Complex irreducibles: chi_0 (trivial) and
    chi_0^- (s -> -1); for even n also r -> -1 with s -> +-1; and the 2-dim rho_k,
    0 < k < n/2, with rho_k(r^t) = 2 cos(2 pi k t / n) and 0 on reflections. So a real simple
    is a band of C_n frequencies {+-k} (``bands``: (k, eps), eps = chi(s) for the 1-dim ones,
    0 for rho_k). No class algebra is diagonalised, so large n (n = 4096 and beyond) work.
    For n <= ``SMALL_DIHEDRAL`` classes are numbered by listing elements (as for other groups);
    beyond, without elements: identity, rotations r^t (t = 1..n/2), reflections; simples
    are then ordered 1-dim first, then rho_1, rho_2, ... (names 1a, 1b, ..., 2a, 2b, ...).

    Example:
        >>> from plrep.groups import dihedral
        >>> dihedral(5).bands
        ((0, 1), (0, -1), (1, 0), (2, 0))
    """

    @cached_property
    def order(self) -> int:
        """2n."""
        return 2 * self.degree

    @cached_property
    def _regular_images(self) -> np.ndarray:
        images = super().regular_images()
        images.setflags(write=False)
        return images

    def regular_images(self) -> np.ndarray:
        """As for any permutation group, computed once (graphs ask for it once per sample batch)."""
        return self._regular_images

    @property
    def _by_elements(self) -> bool:
        """Small n keep the element-listing class order (the golden D5, D6 tables fix it)."""
        return self.degree <= SMALL_DIHEDRAL

    @cached_property
    def _class_parameters(self) -> tuple[np.ndarray, np.ndarray]:
        """(shift t, is reflection) per class: r^t, or the reflection x -> t - x."""
        n = self.degree
        if self._by_elements:
            reps = self.elements[self.class_representatives]
            return reps[:, 0], reps[:, 1] != (reps[:, 0] + 1) % n
        shifts = list(range(n // 2 + 1)) + ([0, 1] if n % 2 == 0 else [0])
        reflection = [False] * (n // 2 + 1) + [True] * (2 if n % 2 == 0 else 1)
        return np.array(shifts, dtype=np.int64), np.array(reflection)

    @cached_property
    def class_sizes(self) -> np.ndarray:
        if self._by_elements:
            return super().class_sizes
        n = self.degree
        shifts, reflection = self._class_parameters
        rotation_sizes = np.where((shifts == 0) | (2 * shifts == n), 1, 2)
        return np.where(reflection, n // 2 if n % 2 == 0 else n, rotation_sizes).astype(np.int64)

    @cached_property
    def class_element_orders(self) -> np.ndarray:
        if self._by_elements:
            return super().class_element_orders
        shifts, reflection = self._class_parameters
        return np.where(reflection, 2, self.degree // np.gcd(self.degree, shifts)).astype(np.int64)

    def power_map(self, k: int) -> np.ndarray:
        if self._by_elements:
            return super().power_map(k)
        n = self.degree
        shifts, reflection = self._class_parameters
        target = (shifts * k) % n
        rotation = np.minimum(target, n - target)
        classes = np.arange(len(shifts))
        return np.where(reflection, np.where(k % 2 == 0, 0, classes), rotation).astype(np.int64)

    @cached_property
    def _closed_form(self):
        n = self.degree
        shift, reflection = self._class_parameters
        labels = [(0, 1), (0, -1)]
        if n % 2 == 0:
            labels += [(n // 2, 1), (n // 2, -1)]
        labels += [(k, 0) for k in range(1, (n + 1) // 2)]
        rows = []
        for k, eps in labels:
            if eps == 0:
                rows.append(np.where(reflection, 0.0, 2 * np.cos(2 * np.pi * k * shift / n)))
            else:
                sign = np.where(reflection, float(eps), 1.0)
                rows.append(sign * (np.where(shift % 2 == 1, -1.0, 1.0) if k else 1.0))
        values = np.array(rows).astype(np.complex128)
        if not self._by_elements:  # 1-dim (trivial, s -> -1, r -> -1 with s -> +-1), then rho_k by k
            return values, labels
        keys = [(v[0].real, *np.round(-v.real, 6), *np.round(-v.imag, 6)) for v in values]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return values[order], [labels[i] for i in order]

    @cached_property
    def character_table(self) -> CharacterTable:
        """The character table in closed form, rows sorted as for other groups (by degree, values).

        Raises:
            ValueError: more than ``MAX_DIHEDRAL_TABLE_CLASSES`` classes (n > 4097), at once:
                simples, classes and single characters stay available in closed form.
        """
        if self.num_classes > MAX_DIHEDRAL_TABLE_CLASSES:
            raise ValueError(
                f"`group` {self.name} must have at most {MAX_DIHEDRAL_TABLE_CLASSES} conjugacy classes for a "
                f"dense character table, got {self.num_classes} instead; its simples, class sizes and "
                "single values (group.character_values(k, eps)) are closed forms"
            )
        values, _ = self._closed_form
        values.setflags(write=False)
        return CharacterTable(self, values, np.ones(len(values), dtype=np.int64))

    @property
    def num_classes(self) -> int:
        """n/2 + 3 classes for even n, (n + 3)/2 for odd n (identity, rotation pairs, reflections)."""
        n = self.degree
        return n // 2 + 3 if n % 2 == 0 else (n + 3) // 2

    @cached_property
    def _labels(self) -> list[tuple[int, int]]:
        """(k, eps) in closed-form order: 1-dim ones first, then rho_k by k (n > ``SMALL_DIHEDRAL``)."""
        n = self.degree
        labels = [(0, 1), (0, -1)]
        if n % 2 == 0:
            labels += [(n // 2, 1), (n // 2, -1)]
        return labels + [(k, 0) for k in range(1, (n + 1) // 2)]

    @cached_property
    def bands(self) -> tuple[tuple[int, int], ...]:
        """(k, eps) of each real simple, in id order: C_n frequencies +-k; eps = chi(s) or 0."""
        if not self._by_elements:  # the closed-form order is already id order (by dimension)
            return tuple(self._labels)
        _, labels = self._closed_form
        return tuple(labels[row] for row, _ in self.character_table._real_rows)

    @property
    def simples(self) -> Sequence[SimpleRep]:
        """The real simples (all of real type); beyond ``SMALL_DIHEDRAL`` a lazy sequence (O(1))."""
        if self._by_elements:
            return super().simples
        return self._closed_simples

    @property
    def num_simples(self) -> int:
        n = self.degree
        return (n + 1) // 2 + (3 if n % 2 == 0 else 1)

    @cached_property
    def _closed_simples(self) -> LazySimples:
        """1a, 1b (1c, 1d for even n) of image order 1, 2, 2, 2; then rho_k (k = 1 .. (n-1)/2),
        named 2a, 2b, ... with image order 2n / gcd(n, k)."""
        n = self.degree
        linear = 4 if n % 2 == 0 else 2

        def make(index: int) -> SimpleRep:
            if index < linear:
                return SimpleRep(index, f"1{_letters(index)}", 1, 1 if index == 0 else 2, type="real")
            k = index - linear + 1
            return SimpleRep(index, f"2{_letters(k - 1)}", 2, 2 * n // math.gcd(n, k), type="real")

        return LazySimples(self.num_simples, make, self.name)

    def character_values(self, k: int, eps: int) -> np.ndarray:
        """The character of the simple (k, eps) (see ``bands``) on the classes, float array (O(n)).

        >>> from plrep.groups import dihedral
        >>> dihedral(100).character_values(1, 0)[:3].round(4).tolist()  # identity, r, r^2
        [2.0, 1.9961, 1.9842]
        """
        if (int(k), int(eps)) not in set(self._labels if not self._by_elements else self._closed_form[1]):
            raise ValueError(
                f"`k, eps` must label a simple of {self.name} (see .bands), got {(k, eps)} instead"
            )
        shift, reflection = self._class_parameters
        if eps == 0:
            return np.where(reflection, 0.0, 2 * np.cos(2 * np.pi * k * shift / self.degree))
        sign = np.where(reflection, float(eps), 1.0)
        return sign * (np.where(shift % 2 == 1, -1.0, 1.0) if k else 1.0)

    @cached_property
    def class_labels(self) -> np.ndarray:
        """Class of each listed element, numbered as ``class_sizes`` (closed forms beyond ``SMALL_DIHEDRAL``).

        An element is r^t (0 -> t, 1 -> t + 1) or the reflection x -> t - x; its class is
        min(t, n - t) for a rotation, then the reflections (by the parity of t for even n).
        """
        if self._by_elements:
            return super().class_labels
        elements, n = self.elements, self.degree
        shift = elements[:, 0]
        reflection = elements[:, 1] != (shift + 1) % n
        rotation_class = np.minimum(shift, n - shift)
        reflection_class = n // 2 + 1 + (shift % 2 if n % 2 == 0 else 0)
        return np.where(reflection, reflection_class, rotation_class).astype(np.int64)

    @cached_property
    def class_representatives(self) -> np.ndarray:
        """Element index of r^t, or of the reflection x -> t - x, for each class (its parameters)."""
        if self._by_elements:
            return super().class_representatives
        shift, reflection = self._class_parameters
        points = np.arange(self.degree)
        perms = np.where(reflection[:, None], shift[:, None] - points, shift[:, None] + points) % self.degree
        return self.index_of(perms)
