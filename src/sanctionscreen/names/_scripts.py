"""Scripts: look-alike letters inside Latin words, and transliteration to Latin.

A Latin word with a Cyrillic or Greek letter inside ("Тestkomplekt", with a Cyrillic
Т) is a classic way to slip past screening: such letters are replaced by the Latin
letter they look like, from the Unicode confusables data (UTS #39) that the
``confusable-homoglyphs`` package ships. Words wholly in another script are
transliterated to ASCII with ``anyascii`` ("Тесткомплект" -> "Testkomplekt", Greek,
Armenian, Georgian, Arabic, CJK); accents go the same way ("Société" -> "Societe").
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from importlib import resources

from anyascii import anyascii

from .._caching import cache, lru_cache
from ._greek import greek_pairs_read

__all__ = ["lookalikes", "script_of", "to_latin"]

# Scripts whose letters are look-alikes of Latin ones in the confusables data.
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")


@lru_cache(maxsize=16384)
def script_of(ch: str) -> str:
    """Return the script of a letter from its Unicode name ("LATIN", "CYRILLIC"...)."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


@lru_cache(maxsize=65536)
def to_latin(word: str) -> tuple[str, tuple[str, ...]]:
    """Return ``word`` in ASCII (case kept) and the steps that changed it.

    Mixed-script words get their look-alike letters replaced; other non-ASCII words
    are transliterated. Case is kept so that transliterated syllables stay apart
    ("BeiJing"); callers lower-case.
    """
    if word.isascii():
        return word, ()
    steps: list[str] = []
    letters = [script_of(ch) for ch in word if ch.isalpha()]
    scripts = set(letters)
    if "LATIN" in scripts and scripts & set(_LOOKALIKE_SCRIPTS):
        # A mixed word is read in its majority script: "Тestkomplekt" (one Cyrillic
        # letter) is Latin, "Тесткомплeкт" (one Latin letter) is Cyrillic.
        latin = letters.count("LATIN") >= len(letters) / 2
        if latin:
            table = _lookalikes()
        else:
            majority = max(scripts - {"LATIN"}, key=letters.count)
            table = _latin_lookalikes(majority)
        replaced = [ch for ch in word if ch in table]
        if replaced:
            word = "".join(table.get(ch, ch) for ch in word)
            shown = ", ".join(f"{ch}->{table[ch]}" for ch in dict.fromkeys(replaced))
            steps.append(f"look-alike letters replaced ({shown})")
    if not word.isascii() and scripts == {"GREEK"}:
        word = greek_pairs_read(word)  # letter pairs as sounds; single letters below
    if not word.isascii():
        foreign = sorted(
            {s.title() for ch in word if ch.isalpha() and (s := script_of(ch)) != "LATIN"}
        )
        word = anyascii(word)
        steps.append(f"transliterated from {', '.join(foreign)}" if foreign else "accents removed")
    return word, tuple(steps)


@cache
def _latin_lookalikes(script: str) -> Mapping[str, str]:
    """Map each Latin letter that has a look-alike in ``script`` to that letter."""
    table: dict[str, str] = {}
    for other, latin in sorted(_lookalikes().items()):
        if script_of(other) == script:
            table.setdefault(latin, other)
    return table


def lookalikes() -> Mapping[str, str]:
    """Map each letter of another script that looks like a Latin letter to that letter."""
    return _lookalikes()


@cache
def _lookalikes() -> Mapping[str, str]:
    """Map each non-Latin letter that has a Latin confusable to that Latin letter."""
    data = (
        resources.files("confusable_homoglyphs")
        .joinpath("confusables.json")
        .read_text(encoding="utf-8")
    )
    table: dict[str, str] = {}
    for ch, homoglyphs in json.loads(data).items():
        if len(ch) != 1 or not script_of(ch).startswith(_LOOKALIKE_SCRIPTS):
            continue
        latin = [h["c"] for h in homoglyphs if h["n"].startswith("LATIN") and len(h["c"]) == 1]
        if latin:
            # The data's prototype for every upright stroke is "l"; a capital one reads
            # as "I" ("Iran" written with a Cyrillic or Greek capital I).
            table[ch] = "I" if latin[0] == "l" and ch.isupper() else latin[0]
    return table
