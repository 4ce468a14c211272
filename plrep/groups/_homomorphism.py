"""Do proposed generator images define an action? (docs/math.md §6)

Images t_i of the generators s_i of G define an action iff every relation of G holds for
them. The Cayley walk from the identity carries the images along; two words equal in G whose
images differ show up as an element reached twice with different images (a violated
relation). For groups too large to list, the order of the diagonal group <(s_i, t_i)> is
compared with |G| instead: the images define an action iff the projection of the diagonal
group onto G is injective, i.e. iff both orders agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plrep._validate import describe
from plrep.groups._cyclic import CyclicProduct
from plrep.groups._perms import MAX_ELEMENTS, as_generators
from plrep.groups._protocol import Group

__all__ = ["CayleyWalk", "HomomorphismReport", "cayley_walk", "check_homomorphism"]


@dataclass(frozen=True)
class CayleyWalk:
    """Images of all elements under proposed generator images, or the first conflict.

    ``perms[e]`` is the image of ``group.elements[e]``; ``parent``/``parent_gen`` give the walk's
    tree (element e = s_{parent_gen[e]} o parent[e]). ``conflict = (g, s, a)``: s o g = a in G
    but t_s o image(g) != image(a).

    Example:
        >>> import numpy as np
        >>> from plrep.groups import symmetric
        >>> cayley_walk(symmetric(3), np.array([[1, 0], [1, 0]])).conflict  # (g, s, a)
        (4, 0, 5)
    """

    perms: np.ndarray
    parent: np.ndarray
    parent_gen: np.ndarray
    conflict: tuple[int, int, int] | None


def cayley_walk(group, images: np.ndarray) -> CayleyWalk:
    """Walk the Cayley graph of a permutation group from the identity, carrying ``images``.

    Args:
        group: a ``PermutationGroup`` small enough to list its elements.
        images: int array (r, |Y|), one permutation of Y per generator (not validated here;
            ``check_homomorphism`` validates).

    Returns:
        A ``CayleyWalk``; ``conflict`` is None iff the images define an action.

    Example:
        >>> import numpy as np
        >>> from plrep.groups import symmetric
        >>> walk = cayley_walk(symmetric(3), np.array([[1, 0], [0, 1]]))  # the sign action
        >>> walk.conflict is None, walk.perms.shape
        (True, (6, 2))
    """
    size, points = group.order, images.shape[1]
    elements = group.elements
    perms = np.full((size, points), -1, dtype=np.int64)
    parent = np.full(size, -1, dtype=np.int64)
    parent_gen = np.full(size, -1, dtype=np.int64)
    perms[0] = np.arange(points)
    known = np.zeros(size, dtype=bool)
    known[0] = True
    frontier = np.array([0])
    while frontier.size:
        discovered = []
        for s, (gen, image) in enumerate(zip(group.generators, images, strict=True)):
            targets = group.index_of(gen[elements[frontier]])
            mapped = image[perms[frontier]]
            old = known[targets]
            differs = np.any(perms[targets[old]] != mapped[old], axis=1)
            if differs.any():
                where = np.flatnonzero(old)[np.argmax(differs)]
                return CayleyWalk(perms, parent, parent_gen, (int(frontier[where]), s, int(targets[where])))
            new = ~old
            perms[targets[new]] = mapped[new]
            parent[targets[new]], parent_gen[targets[new]] = frontier[new], s
            known[targets[new]] = True
            discovered.append(targets[new])
        frontier = np.concatenate(discovered)
    return CayleyWalk(perms, parent, parent_gen, None)


@dataclass(frozen=True)
class HomomorphismReport:
    """Result of ``check_homomorphism``.

    ``relation = (lhs, rhs)``: words of generator indices, (i_1, ..., i_k) meaning
    s_{i_k} ... s_{i_1} (i_1 applied first), equal in G but with different images.

    Example:
        >>> from plrep.groups import symmetric
        >>> report = check_homomorphism(symmetric(3), [[1, 0], [1, 0]])  # (0 1 2) cannot act as a swap
        >>> report.is_homomorphism, report.relation
        (False, ((0, 1, 0), (1, 1)))
        >>> report.reason
        'the relation s0*s1*s0 = s1*s1 holds in S3 but not for the images'
    """

    is_homomorphism: bool
    group_order: int
    image_graph_order: int | None
    relation: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    reason: str = ""


def _word(walk: CayleyWalk, element: int) -> tuple[int, ...]:
    word = []
    while walk.parent[element] >= 0:
        word.append(int(walk.parent_gen[element]))
        element = int(walk.parent[element])
    return tuple(reversed(word))


def _format(word: tuple[int, ...]) -> str:
    return "*".join(f"s{i}" for i in reversed(word)) or "e"


def _permutation_report(group, images: np.ndarray) -> HomomorphismReport:
    # a plain permutation group: S_n, A_n, D_n subclasses would assume their closed-form order
    diagonal = group.generated_by(np.concatenate([group.generators, images + group.degree], axis=1))
    if diagonal.order == group.order:
        return HomomorphismReport(True, group.order, diagonal.order)
    reason = f"<(s_i, t_i)> has order {diagonal.order}, not |G| = {group.order}"
    if group.order > MAX_ELEMENTS:
        return HomomorphismReport(False, group.order, diagonal.order, None, reason)
    walk = cayley_walk(group, images)
    g, s, a = walk.conflict
    lhs, rhs = (*_word(walk, g), s), _word(walk, a)
    reason = f"the relation {_format(lhs)} = {_format(rhs)} holds in {group.name} but not for the images"
    return HomomorphismReport(False, group.order, diagonal.order, (lhs, rhs), reason)


def permutation_action_violation(group, images: np.ndarray) -> str | None:
    """``Group.action_violation`` for permutation groups (the report's reason)."""
    report = _permutation_report(group, images)
    return None if report.is_homomorphism else report.reason


def check_homomorphism(group: Group, images) -> HomomorphismReport:
    """Do the permutations ``images[i]`` of Y, one per generator of G, define an action?

    Args:
        group: any plrep group (cyclic products check orders and commutation; permutation
            groups compare |<(s_i, t_i)>| with |G| and name a violated relation).
        images: int array (r, |Y|) of permutations.

    Example:
        >>> from plrep.groups import symmetric
        >>> check_homomorphism(symmetric(3), [[1, 0], [0, 1]]).is_homomorphism  # the sign action
        True
    """
    if not isinstance(group, Group):
        raise TypeError(f"`group` must be a plrep group, got {describe(group)} instead")
    images = as_generators(images)
    if images.shape[0] != group.num_generators:
        raise ValueError(
            f"`images` must give one permutation per generator of {group.name} ({group.num_generators}), "
            f"got {images.shape[0]} instead"
        )
    if isinstance(group, CyclicProduct):
        reason = group.action_violation(images)
        return HomomorphismReport(reason is None, group.order, None, None, reason or "")
    return _permutation_report(group, images)
