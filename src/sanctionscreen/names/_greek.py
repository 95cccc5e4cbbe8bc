"""Greek words in Latin letters as Greek passports write them (ELOT 743 / ISO 843).

Letter by letter, Greek reads as it looks ("Χριστοδούλου" -> "Christodoyloy"); the
standard reads its letter pairs as sounds: "ου" is "ou", "ευ" is "ev" or "ef",
"μπ" is "b" at a word's start, "γγ" is "ng" ("Christodoulou", "Evangelos",
"Bakoyannis"). The pairs are in ``data/greek_romanization.csv``; single letters are
left to the general transliteration.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from .._caching import cache
from .._data import read_table

__all__ = ["greek_pairs_read"]

# Letters after which "αυ", "ευ", "ηυ" sound "v" (vowels and voiced consonants).
_VOICED = frozenset("αεηιουωβγδζλμνρ")
_TONOS = {"\u0301", "\u0300", "\u0342"}  # accents; the diaeresis stays: it parts a pair


def greek_pairs_read(word: str) -> str:
    """Return a Greek word lower-cased, unaccented, with its letter pairs read as sounds."""
    text = unicodedata.normalize(
        "NFC",
        "".join(ch for ch in unicodedata.normalize("NFD", word.lower()) if ch not in _TONOS),
    ).replace("ς", "σ")
    pairs = _pairs()
    out: list[str] = []
    at = 0
    while at < len(text):
        pair = text[at : at + 2]
        if len(pair) == 2 and pair in pairs:
            following = text[at + 2 : at + 3]
            where = "start" if at == 0 else "inside"
            voiced = "before_voiced" if following in _VOICED else "otherwise"
            readings = pairs[pair]
            out.append(readings.get(where) or readings.get(voiced) or readings["any"])
            at += 2
        else:
            out.append(text[at])
            at += 1
    return "".join(out)


@cache
def _pairs() -> Mapping[str, Mapping[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in read_table("greek_romanization.csv"):
        table.setdefault(row["greek"], {})[row["where"]] = row["latin"]
    return table
