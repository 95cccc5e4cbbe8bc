"""How the words of two names that were not paired count: extras and substitutions.

Words left over after alignment add to a comparison's total weight, each by its role:

- a list name's words that the query lacks count :data:`EXTRA_WORD_FACTOR` of their
  weight (lists carry middle names, patronymics and long official names the query
  omits), except a person's family name, which counts fully; of a person with two
  family names, a query with the first counts the second at
  :data:`SECOND_FAMILY_NAME_FACTOR`;
- query words the list name lacks count :data:`QUERY_EXTRA_WORD_FACTOR` of their weight,
  generic additions to a listed organization's name less (see
  :func:`~.caps.generic_additions`);
- an identifying word left over on both sides is a substitution ("John Smith" / "John
  Brown"), and so are two words of what a business does ("Equipment" /
  "Engineering"), which count as whole words.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from ..names import NameToken, NormalizedName, is_group_word
from .caps import GENERIC_ADDITION_FACTOR
from .words import IDENTIFYING

__all__ = [
    "EXTRA_WORD_FACTOR",
    "QUERY_EXTRA_WORD_FACTOR",
    "SECOND_FAMILY_NAME_FACTOR",
    "WordWeight",
    "count_leftovers",
]

EXTRA_WORD_FACTOR = {"person": 0.3, "other": 0.4}
QUERY_EXTRA_WORD_FACTOR = {"person": 0.3, "other": 1.0}
SECOND_FAMILY_NAME_FACTOR = 0.15

_SUBSTITUTABLE = IDENTIFYING | {"initial"}


@attrs.frozen
class WordWeight:
    """How one word counted in a comparison: its side, weight and role.

    ``role`` is ``matched``, ``substitution`` (left over on both sides), ``other
    business`` (words of what a business does left over on both sides, counted as
    whole words), ``generic addition`` (see :func:`~.caps.generic_additions`), ``extra``
    (on one side only, counted at ``factor`` of its weight) or ``missing family name``.
    """

    side: str
    word: str
    weight: float
    role: str
    factor: float = 1.0


def _full(weight: float) -> float:
    """Return the factor that makes a word of ``weight`` count as a whole word."""
    return 1.0 / weight if weight else 1.0


def _business_word(token: NameToken) -> bool:
    """Whether a generic word says what a business does ("Trading"), not how it is organized."""
    return token.kind == "filler" and not is_group_word(token.text)


def count_leftovers(
    unmatched_q: list[NameToken],
    unmatched_c: list[NameToken],
    candidate: NormalizedName,
    kind: str,
    weight_of: Callable[[NameToken], float],
    words: list[WordWeight] | None,
    additions: frozenset[int] = frozenset(),
) -> float:
    """Return the weight that words left over on either side add to the denominator.

    ``additions`` are the ids of query words that are generic additions to a listed
    name the query carries whole (see :func:`~.caps.generic_additions`).
    """
    total = 0.0

    def count(side: str, token: NameToken, role: str, factor: float) -> None:
        nonlocal total
        token_weight = weight_of(token)
        total += factor * token_weight
        if words is not None:
            words.append(WordWeight(side, token.text, round(token_weight, 4), role, factor))

    # Identifying words left over on both sides are substitutions, heaviest first.
    subs_q = sorted(
        (t for t in unmatched_q if t.kind in _SUBSTITUTABLE and id(t) not in additions),
        key=weight_of,
        reverse=True,
    )
    subs_c = sorted(
        (t for t in unmatched_c if t.kind in _SUBSTITUTABLE), key=weight_of, reverse=True
    )
    swapped = min(len(subs_q), len(subs_c))
    substituted = {id(t) for t in subs_q[:swapped] + subs_c[:swapped]}
    # An identifying word left over against a generic one is a substitution too ("Bank
    # Rossiya" / "Rossiya Airlines"), and so are two words of what a business does
    # ("Equipment" / "Engineering"); two of how it is organized are not ("Group" /
    # "Concern").
    for mine, theirs in ((subs_q[swapped:], unmatched_c), (subs_c[swapped:], unmatched_q)):
        generic = [t for t in theirs if t.kind == "filler" and id(t) not in substituted]
        for token, other in zip(mine, generic, strict=False):
            substituted.update((id(token), id(other)))
    trades_q = [t for t in unmatched_q if _business_word(t) and id(t) not in substituted]
    trades_c = [t for t in unmatched_c if _business_word(t) and id(t) not in substituted]
    # Those count as much as a name's own word: another trade is another business.
    trades: set[int] = set()
    for token, other in zip(trades_q, trades_c, strict=False):
        trades.update((id(token), id(other)))
    family = candidate.surnames if kind == "person" else frozenset()
    second: frozenset[str] = frozenset()
    if len(family) > 1:
        # Two family names (Spanish and Portuguese naming): the first one met is the
        # person's usual name, the second one routinely left out ("Garcia" / "GARCIA
        # MARQUEZ, Gabriel").
        first = next(t for t in candidate.tokens if t.text in family)
        if all(t is not first for t in unmatched_c):
            family, second = frozenset(), family - {first.text}
    for token in unmatched_q:
        if id(token) in trades:
            count("query", token, "other business", _full(weight_of(token)))
        elif id(token) in substituted:
            count("query", token, "substitution", 1.0)
        elif id(token) in additions:
            count("query", token, "generic addition", GENERIC_ADDITION_FACTOR)
        else:
            count("query", token, "extra", QUERY_EXTRA_WORD_FACTOR[kind])
    for token in unmatched_c:
        if id(token) in trades:
            count("list", token, "other business", _full(weight_of(token)))
        elif id(token) in substituted:
            count("list", token, "substitution", 1.0)
        elif token.text in family:
            count("list", token, "missing family name", 1.0)
        elif token.text in second:
            count("list", token, "second family name", SECOND_FAMILY_NAME_FACTOR)
        else:
            count("list", token, "extra", EXTRA_WORD_FACTOR[kind])
    return total
