"""Given names that are one name in Greek, Hebrew, Arabic and Latin letters.

"Yosef", "Yusuf", "Iosif", "Joseph", "יוסף" and "يوسف" are one name; so are "Musa" and
"Moshe", "Mehmet" and "Muhammad". No spelling rule joins them (Arabic and Hebrew
script write few vowels, and each language says the name its own way), so a table
does: ``data/given_name_equivalents.csv``, each name with its spellings, those in
Greek, Hebrew and Arabic script read as the normalizer reads them. Two persons' words
in one row meet under the rule "same given name" (never in a company's name, where
"Joseph Trading" is not "Yusuf Trading").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .._caching import cache
from .._data import read_table
from ..errors import ValidationError
from ..kinds import EntityKind
from ..names import normalize_name

__all__ = ["GIVEN_NAME_RULE", "given_names"]

GIVEN_NAME_RULE = "same given name"


_NONE: frozenset[str] = frozenset()


def given_names(word: str) -> frozenset[str]:
    """Return the names (rows of the table) a normalized word is a spelling of."""
    return _spellings().get(word, _NONE)


@cache
def _spellings() -> Mapping[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in read_table("given_name_equivalents.csv"):
        for spelling in row["spellings"].split("|"):
            try:
                tokens = normalize_name(spelling, kind=EntityKind.PERSON).tokens
            except ValidationError:
                continue
            if len(tokens) == 1:  # "عبد الله" is two words: met as written apart
                found[tokens[0].text].add(row["name"])
    return {word: frozenset(names) for word, names in found.items()}
