"""The keys under which the index files words and names, and a query looks them up.

Every rule of :mod:`.words` is a key comparison or an edit bound, so two words that a
rule can pair always share one of these keys (see :mod:`.index`).
"""

from __future__ import annotations

from ..names import MAX_SYLLABLES, NameToken, NormalizedName, romanized_readings
from .given_names import given_names
from .words import (
    CONSONANTS_MIN_LENGTH,
    JOINED_ONE_EDIT_MAX_LENGTH,
    JOINED_ONE_EDIT_MIN_LENGTH,
    MAX_FUZZY_LENGTH,
    ONE_EDIT_MIN_LENGTH,
    TWO_EDITS_MIN_LENGTH,
)

__all__ = ["joined_keys", "meets_by_consonants", "romanized_keys", "token_keys"]


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _joined_deletions(joined: str) -> list[str]:
    return [joined[:i] + joined[i + 1 :] for i in range(len(joined))]


def token_keys(token: NameToken) -> set[str]:
    """Return the index keys of a word (see the module docstring).

    Keys of different kinds share one key space: a word found under another word's
    key is only a candidate, which the similarity rules then accept or not.
    """
    keys = {token.text, token.skeleton}
    if token.kind in ("number", "initial") or token.syllabic:
        return keys
    keys |= {f"given name:{name}" for name in given_names(token.text)}
    size = len(token.text)  # the edit rules' length bounds are on the written word
    if ONE_EDIT_MIN_LENGTH <= size <= MAX_FUZZY_LENGTH:
        keys |= _deletions(token.skeleton, 2 if size >= TWO_EDITS_MIN_LENGTH else 1)
    if len(token.consonants) >= CONSONANTS_MIN_LENGTH:
        keys.add(token.consonants)
    return keys


def meets_by_consonants(token: NameToken) -> bool:
    """Whether a word can meet a word of the other kind of script by its consonants."""
    return token.kind not in ("number", "initial") and not token.syllabic


def joined_keys(name: NormalizedName) -> set[str]:
    """Return the keys of a whole name without word breaks (with and without forms).

    And the syllables a Chinese or Korean name can stand for (see :func:`romanized_keys`).
    """
    keys: set[str] = set(romanized_keys(name))
    for joined in {name.joined, name.joined_with_forms}:
        keys.add(joined)
        if JOINED_ONE_EDIT_MIN_LENGTH - 1 <= len(joined) <= JOINED_ONE_EDIT_MAX_LENGTH + 1:
            keys.update(_joined_deletions(joined))
    return keys


def romanized_keys(name: NormalizedName) -> frozenset[str]:
    """Return the Chinese or Korean syllables a name's words can stand for, as keys.

    Only names of plain words: a legal form, number or initial says it is no person's
    name as the two languages write one.
    """
    tokens = name.tokens
    if (
        not 2 <= len(tokens) <= MAX_SYLLABLES
        or name.legal_forms
        or any(token.kind != "word" for token in tokens)
    ):
        return frozenset()
    return romanized_readings(tuple(token.text for token in tokens), name.original)
