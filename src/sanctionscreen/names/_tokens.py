"""Cutting a name into words."""

from __future__ import annotations

import re
import unicodedata

from .._caching import lru_cache

__all__ = ["split_camel_case", "split_words"]

# Apostrophes and similar marks join (Qa'ida -> Qaida); any other non-letter,
# non-digit character separates words.
# Hard and soft signs of Russian romanizations join too ("Ob\u201dyedinennaya",
# "Obʺedinennaja"); a quotation mark around a name joins nothing it should not.
_JOINERS = re.compile(r"['\u2019\u02bc\u02b9\u02ba\u02bb\u02ee\u201c\u201d\"`´]")
_SEPARATORS = re.compile(r"[^\w]+|_+")
# A lower-case letter followed by an upper-case one inside a word: "TestKomplekt".
_CAMEL = re.compile(r"(?<=[a-z\u00df-\u00ff\u0430-\u045f])(?=[A-Z\u00c0-\u00de\u0410-\u042f])")


def split_words(text: str) -> list[str]:
    """Return the words of ``text`` (any script), without punctuation.

    Combining marks belong to their word: Devanagari vowel signs, Arabic harakat and
    Thai vowels are not word characters to Python's regular expressions, but they cut
    nothing ("नरेन्द्र", "مُتولي").
    """
    text = _JOINERS.sub("", text)
    if text.isascii():
        return [word for word in _SEPARATORS.split(text) if word]
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if _in_word(ch):
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


@lru_cache(maxsize=8192)
def _in_word(ch: str) -> bool:
    return (ch.isalnum() or unicodedata.category(ch).startswith("M")) and ch != "_"


def split_camel_case(text: str) -> str:
    """Insert a space where a lower-case letter meets an upper-case one ("SiemensAG").

    A split that would leave a single letter is not made: "GmbH" and "iPhone" stay whole.
    """
    if not _CAMEL.search(text):
        return text
    words = []
    for word in text.split(" "):
        parts = _CAMEL.split(word)
        words.append(" ".join(parts) if all(len(part) > 1 for part in parts) else word)
    return " ".join(words)
