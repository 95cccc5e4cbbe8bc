"""Keys under which romanization variants of a word coincide.

Cyrillic, Arabic and other names reach Latin script through several systems and
habits: Khodorkovsky / Hodorkovskij, Yuriy / Iurii / Jurij, Tschernow / Chernov,
Testkomplect / Testkomplekt, Aleksandr / Alexandr, Yevgeniy / Evgeniy, Zhuravlyova /
Zhuravleva. :func:`skeleton` maps such variants
to one key; :func:`consonants` keeps only a word's consonants (Mohammed / Muhammad /
Mohamad, Yevgeny / Evgeniy), a looser key for a weaker match.
"""

from __future__ import annotations

import re

from .._caching import lru_cache

__all__ = ["consonants", "skeleton"]

# Applied in order; upper-case letters are placeholders that later rules leave alone.
_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "S"),
    ("tsch", "C"),
    ("sch", "S"),
    ("tch", "C"),
    ("dzh", "J"),
    ("zh", "J"),
    ("dj", "J"),
    ("sh", "S"),
    ("ch", "C"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("ks", "x"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
)
_DOUBLE = re.compile(r"(.)\1+")
_YO = re.compile(r"(?<=[lnvz])yo")
_VOWELS = re.compile(r"[aeiou]")
# Words up to this long are one syllable ("Ye", "Yen"): their "ye" is not Russian "е".
_SYLLABLE = 3


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Return the romanization-independent key of a lower-case ASCII word."""
    if not word.isalpha():
        return word
    # Russian "ё" after a soft consonant, which passports write "e": "Zhuravlyova" /
    # "Zhuravleva", "Solovyov" / "Solovev" (not Korean "Kyong", "Myong", "Hyok").
    key = _YO.sub("e", word)
    # Russian "е" at a word's start: "Yevgeniy" / "Evgeniy", "Yekaterinburg"; not a
    # syllable of its own (Korean "Ye"), which would become a one-letter word.
    if key.startswith("ye") and len(key) > _SYLLABLE:
        key = key[1:]
    for old, new in _RULES:
        key = key.replace(old, new)
    key = _DOUBLE.sub(r"\1", key)
    # "-iy", "-ij", "-ii" endings of Russian adjectives and names all read as "-i".
    if key.endswith("ii"):
        key = key[:-1]
    return key.lower()


@lru_cache(maxsize=65536)
def consonants(word: str) -> str:
    """Return the consonants of a word's skeleton ("Mohammed" -> "mhmd", "Evgeniy" -> "vgn")."""
    key = skeleton(word)
    if not key.isalpha():
        return key
    # "x" stands for "ks" in skeletons; consonant keys spell it out so that "Qasem"
    # and a vowelless "qsm" (from Arabic script) keep the same consonants.
    return _VOWELS.sub("", key).replace("x", "ks")
