"""Russian names romanized by the scholarly and official systems, read the way lists write them.

Lists write Russian names in English-style romanization (BGN/PCGN and its informal
kin: "Shcherbakov", "Tsifrovye Tekhnologii"). Trade documents and registers also use
ISO 9 and GOST 7.79 ("Ŝerbakov", "Cifrovye Tehnologii", "Texnologii"), the Library of
Congress system ("Obʺedinënnai͡a") and passports' ICAO system. Their letters fold to
ASCII otherwise than the lists' ("č" to "c", not "ch"; "c" for "ts"; "x" for "kh"), so
a name in one of them is also screened as :func:`scholarly_readings` reads it.

The reading is an addition, never a replacement: "Karadžić" stays "Karadzic" as lists
write Balkan names, and is read as "Karadzhich" too.
"""

from __future__ import annotations

import re

from .._caching import lru_cache

__all__ = ["scholarly_readings"]

# Letters only the scholarly systems use, with the digraphs lists write for them.
_LETTERS = str.maketrans(
    {
        "ŝ": "shch",
        "Ŝ": "Shch",
        "č": "ch",
        "Č": "Ch",
        "ĉ": "ch",
        "Ĉ": "Ch",
        "š": "sh",
        "Š": "Sh",
        "ž": "zh",
        "Ž": "Zh",
        "â": "ya",
        "Â": "Ya",
        "û": "yu",
        "Û": "Yu",
        "ë": "yo",
        "Ë": "Yo",
        "è": "e",
        "È": "E",
        "ʺ": "",
        "ʹ": "",
        "\u0361": "",  # the tie bar of the Library of Congress system: "i͡a"
    }
)
# ASCII spellings of GOST 7.79 (system B) and ISO 9: "shh" (щ), "cz" (ц), "x" (х),
# "c" before a front vowel (ц), hard and soft signs written as quotes.
_ASCII = (
    (re.compile(r"shh", re.IGNORECASE), "shch"),
    (re.compile(r"jj", re.IGNORECASE), "y"),
    (re.compile(r"cz", re.IGNORECASE), "ts"),
    (re.compile(r"(?<=[a-z])x|x(?=[aeiouy])", re.IGNORECASE), "kh"),
    (re.compile(r"c(?=[ieyj])", re.IGNORECASE), "ts"),
    # "j" for the "y" of iotated vowels after a consonant: "Djumin" / "Dyumin".
    (re.compile(r"(?<=[bcdfghklmnprstvz])j(?=[aeiou])", re.IGNORECASE), "y"),
    (re.compile(r"(?<=[a-z])[`'\"”’]+(?=[a-z])", re.IGNORECASE), ""),
)
# What only a scholarly romanization writes: its letters, "shh", "cz", "jj", an "x"
# that starts a syllable (Uzbek Latin: "Xabarovsk"), hard signs as quotes, and Russian
# endings English does not have ("Aleksej", "Vasilij",
# "korporacija", "Cifrovye", "Tehnologii"). "c" before a vowel or an "x" alone says
# nothing ("Services", "Alexander").
_SCHOLARLY = re.compile(
    r"[ŝŜčČĉĈšŠžŽâÂûÛëËʺʹ\u0361]|shh|cz|jj|\bx[aeiou]|[a-z](?:''|``|\")[a-z]"
    r"|\w(?:ij|ej|yj|ii|yy|ye|oe|ija|aja|oje|ije|iia|aia)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def scholarly_readings(name: str) -> tuple[str, ...]:
    """Return the name as lists would romanize it, if it reads as a scholarly romanization.

    Empty when nothing in the name is read otherwise, or when it is not in Latin letters.
    """
    if not _SCHOLARLY.search(name):
        return ()
    read = name.translate(_LETTERS)
    for pattern, replacement in _ASCII:
        read = pattern.sub(replacement, read)
    return (read,) if read != name else ()
