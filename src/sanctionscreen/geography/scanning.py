"""Finding reference terms (place names) in free text such as addresses.

An address is split into its comma-separated parts; each part is folded (case, accents,
punctuation) and searched for whole-word terms, longest first. A term that is part of
a street name ("Russia Street", "Rue de Cuba", "ул. Москва") is still reported, but
marked ``in_street_name`` so a check can weigh it down instead of dropping it. The street
words in several languages come from ``data/street_words.csv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

import attrs

from .._caching import cache
from .._data import read_table
from .._text import fold
from ..errors import DataError

__all__ = ["Hit", "TermScanner"]

T = TypeVar("T")

# How far either side of a term a street word is looked for, in characters.
_CONTEXT = 100
# Address parts are separated by these; a street word only counts inside the same part.
_PARTS = re.compile(r"[,;\n\r|/]+")


@attrs.frozen
class Hit(Generic[T]):
    """A term found in text: the term as listed, what it stands for, and its context."""

    term: str
    value: T
    in_street_name: bool


class TermScanner(Generic[T]):
    """Finds any of a fixed set of terms in text, on whole words, longest term first."""

    def __init__(self, terms: Iterable[tuple[str, T]], *, source: str) -> None:
        self._terms: dict[str, tuple[str, T]] = {}
        for term, value in terms:
            key = fold(term)
            if not key:
                continue
            known = self._terms.setdefault(key, (term, value))
            if known[1] != value:
                raise DataError(f"{source}: {term!r} stands for both {known[1]!r} and {value!r}")
        alternatives = "|".join(
            re.escape(key) for key in sorted(self._terms, key=lambda k: (-len(k), k))
        )
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if self._terms else None

    def exact(self, text: str) -> T | None:
        """Return what ``text`` stands for when the whole of it is one of the terms."""
        found = self._terms.get(fold(text))
        return None if found is None else found[1]

    def find(self, text: str) -> list[Hit[T]]:
        """Return every term found in ``text``, in order of appearance."""
        if self._pattern is None:
            return []
        hits: list[Hit[T]] = []
        for part in _PARTS.split(text):
            folded = fold(part)
            for match in self._pattern.finditer(folded):
                term, value = self._terms[match.group(0)]
                # Street words are short and next to the term: look a little way either
                # side, not at the whole text (a long text holds many terms).
                before = folded[max(0, match.start() - _CONTEXT) : match.start()].split()
                after = folded[match.end() : match.end() + _CONTEXT].split()
                if match.start() > _CONTEXT and before:
                    before = before[1:]  # the first word may be cut
                if len(folded) - match.end() > _CONTEXT and after:
                    after = after[:-1]
                hits.append(Hit(term, value, _in_street_name(before, after)))
        return hits


def _in_street_name(before: list[str], after: list[str]) -> bool:
    words = _street_words()
    if after and after[0] in words["after"]:
        return True
    preceding = [w for w in before[-3:] if w not in words["filler"]]
    return bool(preceding) and preceding[-1] in words["before"]


@cache
def _street_words() -> Mapping[str, frozenset[str]]:
    grouped: dict[str, set[str]] = {"after": set(), "before": set(), "filler": set()}
    for row in read_table("street_words.csv"):
        if row["position"] not in grouped:
            raise DataError(f"street_words.csv: unknown position {row['position']!r}")
        grouped[row["position"]].update(fold(row["word"]).split())
    return {position: frozenset(words) for position, words in grouped.items()}
