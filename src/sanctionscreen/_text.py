"""Text folding shared by the lookups that compare free text with reference terms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NON_ALNUM = re.compile(r"[^\w]+|_+")


def fold(text: str, *, delete: str = "") -> str:
    """Return ``text`` as a comparison key: no accents, case-folded, words split by one space.

    Characters in ``delete`` are removed outright (so "U.A.E." can become "uae"); any
    other character that is not a letter or digit becomes a word break. Letters of
    every script are kept, so Cyrillic terms fold the same way as Latin ones.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold()
    if delete:
        folded = folded.translate({ord(ch): None for ch in delete})
    return " ".join(_NON_ALNUM.sub(" ", folded).split())


def is_latin(text: str) -> bool:
    """Return whether every letter of ``text`` is a Latin letter (accented ones included)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def unique(items: Iterable[str]) -> list[str]:
    """Return ``items`` without repeats, in the order first seen."""
    return list(dict.fromkeys(items))


def join_words(items: Iterable[str], word: str = "or") -> str:
    """Join "84", "85", "90" as "84, 85 or 90" (or with ``word``)."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} {word} {listed[-1]}"
