"""What a goods description gives away: dual-use words, chip part numbers, accessories.

A description is folded (case, accents, punctuation; every script kept) and searched
for the words of ``data/dual_use_terms.csv`` on whole words: English terms also in the
plural, Russian ones as stems ("беспилотн" finds "беспилотный"), abbreviations only
exactly. Phrases that cancel a word ("wood router", "salad server") win over the word
because the longest phrase is tried first. Part numbers of well-known chip families
("STM32F103C8T6", "XC7A35T") are matched on the text as written, from
``data/part_numbers.csv``. A hit suggests a category of goods and indicative control
entries; it never classifies the goods.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping

import attrs

from .._caching import cache, lru_cache
from .._fields import MAX_TEXT_LENGTH
from .._text import fold
from ..errors import DataError, ValidationError
from ..names._scripts import lookalikes
from .vocabulary import (
    Accessory,
    DualUseCategory,
    PartNumberHit,
    TermHit,
    categories_indicated_by,
    dual_use_categories,
    listed_exceptions,
    listed_families,
    listed_terms,
)

__all__ = [
    "MAX_DESCRIPTION_LENGTH",
    "Accessory",
    "DescriptionReading",
    "DualUseCategory",
    "PartNumberHit",
    "TermHit",
    "categories_indicated_by",
    "dual_use_categories",
    "read_description",
]

MAX_DESCRIPTION_LENGTH = MAX_TEXT_LENGTH
"""The longest description read, as :class:`~sanctionscreen.GoodsItem` accepts it."""
# Words as fold() splits them, when no character decomposes into several.
_WORDS = re.compile(r"[^\W_]+")
# "Parts for drones", "кронштейн для осциллографа": what follows names what the goods serve.
_PURPOSE = re.compile(r"(?<!\w)(?:for|для)(?!\w)")
# "Robot vacuum cleaner with autopilot sensor" (or the Russian for "with"): what follows
# names the goods' features, not the goods.
_FEATURE = re.compile(
    r"(?<!\w)(?:with|including|incorporating|containing|consisting of|built in|featuring"
    r"|\u0441|\u0441\u043e|включая|встроенн\w*|оснащенн\w*)(?!\w)"  # Russian "with"
)
_PART_EFFECTS = ("part", "spare", "assembly")
# The word after a hit, if only spaces come between.
_NEXT_WORD = re.compile(r"[ \t]+([^\W_]+)")
# Words that may follow the name of complete goods without making it a modifier.
_JOINING_WORDS = frozenset(
    (
        "with",
        "for",
        "and",
        "or",
        "model",
        "models",
        "series",
        "type",
        "set",
        "sets",
        "kit",
        "including",
        "from",
        "by",
        "in",
        "of",
        "system",
        "systems",
        "unit",
        "units",
        "made",
    )
)
# Words holding a digit, where part numbers are ("M83513/01-AN").
_CODE_WORDS = re.compile(r"[\w/-]*\d[\w/-]*")


@attrs.frozen
class DescriptionReading:
    """Everything found in one description."""

    terms: tuple[TermHit, ...] = ()
    part_numbers: tuple[PartNumberHit, ...] = ()
    accessories: tuple[Accessory, ...] = ()
    set_aside: tuple[TermHit, ...] = ()
    """Words a context word set aside ("carbon fiber" in a bicycle's description)."""
    part_words: tuple[Accessory, ...] = ()
    """Words saying the goods are a part, a board or a module ("spare", "board")."""
    text: str = ""
    """The description read."""

    @property
    def assembled(self) -> bool:
        """Whether the goods are a board or module, so chips on it are not the goods."""
        return any(word.effect == "assembly" for word in self.part_words)

    @property
    def spare_parts(self) -> bool:
        """Whether a word says the goods are parts in general ("spare parts", "запчасти")."""
        return any(word.effect == "spare" for word in self.part_words)

    @property
    def a_part(self) -> bool:
        """Whether a word says the goods are a part, an accessory, a board or a module."""
        return bool(self.part_words) or any(not a.context for a in self.accessories)

    @property
    def features_only(self) -> bool:
        """Whether every word found names a feature of the goods ("... with X")."""
        return bool(self.terms) and not self.part_numbers and all(t.feature for t in self.terms)

    def accessory_explains(self, category: DualUseCategory, chapters: Iterable[str]) -> bool:
        """Whether an accessory word explains goods of ``category`` declared in ``chapters``.

        Never goods a part number names: "LQFP48 case" is the chip's package.
        """
        if any(hit.category is category for hit in self.part_numbers):
            return False
        return any(word.explains(category, chapters) for word in self.accessories)

    @property
    def categories(self) -> tuple[DualUseCategory, ...]:
        """The categories found, in order of first appearance."""
        found = [hit.category for hit in self.terms]
        found += [hit.category for hit in self.part_numbers]
        return tuple(dict.fromkeys(found))

    def __bool__(self) -> bool:
        return bool(self.terms or self.part_numbers)


# Customs extracts repeat the same descriptions; the readings are immutable.
@lru_cache(maxsize=8192)
def read_description(text: str) -> DescriptionReading:
    """Return the dual-use words, part numbers and accessory words found in ``text``.

    Text over :data:`MAX_DESCRIPTION_LENGTH` characters, or twice that once compatibility
    forms are expanded, is refused (a :class:`~sanctionscreen.errors.ValidationError`)
    before it is read: the cost of reading grows with the text.
    """
    if len(text) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError(
            "description", text, f"is longer than {MAX_DESCRIPTION_LENGTH} characters"
        )
    if not text:
        return DescriptionReading()
    scanner = _scanner()
    folded = fold(text)
    if len(folded) > 2 * MAX_DESCRIPTION_LENGTH:  # ligatures expand up to eighteenfold
        raise ValidationError(
            "description",
            text,
            f"is longer than {2 * MAX_DESCRIPTION_LENGTH} characters once expanded",
        )
    written = unicodedata.normalize("NFC", text)
    words = list(_WORDS.finditer(written))
    # Where each folded word starts: a hit's word number is found by bisection.
    spaces = [i for i, ch in enumerate(folded) if ch == " "]
    aligned = len(words) == len(spaces) + 1
    terms: list[TermHit] = []
    purpose = _PURPOSE.search(folded)
    feature = _FEATURE.search(folded)
    for index, match in scanner.terms.finditer(folded):
        hit = scanner.hits[index]
        if hit is None:
            continue
        after_purpose = purpose is not None and match.start() > purpose.start()
        after_feature = feature is not None and match.start() > feature.start()
        if after_purpose or after_feature:
            hit = attrs.evolve(hit, purpose=after_purpose, feature=after_feature)
        found = match.group(0)
        if aligned:
            # Show the words as written ("Полётный"), not their folded key ("полетныи").
            first = bisect.bisect_left(spaces, match.start())
            last = first + found.count(" ")
            found = written[words[first].start() : words[last].end()]
            if (
                hit.complete
                and found.isascii()
                and not _names_the_goods(written, words[last].end())
            ):
                hit = attrs.evolve(hit, complete=False)  # "drone motors", "server fan"
        terms.append(attrs.evolve(hit, found=found))
    # An accessory or part word after "with" is packed with the goods, not the goods.
    found_words = [
        scanner.accessories[i]
        for i, where in scanner.accessory_words.finditer(folded)
        if feature is None or where.start() < feature.start() or scanner.accessories[i].whole
    ]
    accessories = [a for a in found_words if a.effect in ("accessory", "context")]
    parts: dict[str, PartNumberHit] = {}
    for match in scanner.part_numbers.finditer(_as_latin(unicodedata.normalize("NFKC", text))):
        number = match.group(0).upper()
        family = scanner.families[int(str(match.lastgroup)[1:])]
        parts.setdefault(number, attrs.evolve(family, part_number=number))
    contexts = [a for a in accessories if a.context]
    aside = [t for t in terms if any(t.category.name in c.categories for c in contexts)]
    kept = [t for t in terms if t not in aside]
    return DescriptionReading(
        _unique_terms(kept),
        tuple(parts.values()),
        tuple(dict.fromkeys(accessories)),
        _unique_terms(aside),
        tuple(dict.fromkeys(a for a in found_words if a.effect in _PART_EFFECTS)),
        text,
    )


def _names_the_goods(written: str, end: int) -> bool:
    """Whether an English word ending at ``end`` is the goods, not a modifier of the next.

    "Drone motors", "server fan": a noun right after the word is the goods. A model
    code, punctuation, the end, or a joining word ("with", "model") keep it the goods.
    Callers leave words of other scripts as found (Russian puts modifiers after the noun).
    """
    following = _NEXT_WORD.match(written, end)
    if following is None:
        return True
    word = following.group(1)
    return not word.isascii() or not word.isalpha() or word.lower() in _JOINING_WORDS


def _as_latin(text: str) -> str:
    """Write look-alike letters of other scripts as Latin in words that hold a digit.

    Russian documents often type a part number's letters in Cyrillic ("M83513" with a
    Cyrillic capital EM), which looks the same and matches nothing.
    """
    if text.isascii():
        return text
    table = lookalikes()
    return _CODE_WORDS.sub(lambda m: "".join(table.get(ch, ch) for ch in m.group(0)), text)


def _unique_terms(terms: list[TermHit]) -> tuple[TermHit, ...]:
    """Keep the first hit of each listed term ("drone ... drones" is one hit)."""
    seen: dict[str, TermHit] = {}
    for hit in terms:
        seen.setdefault(hit.term, hit)
    return tuple(seen.values())


@attrs.frozen
class _Scanner:
    terms: _Alternation
    hits: tuple[TermHit | None, ...]
    accessory_words: _Alternation
    accessories: tuple[Accessory, ...]
    part_numbers: re.Pattern[str]
    families: tuple[PartNumberHit, ...]


def _word_pattern(key: str, kind: str) -> str:
    """Build the regex for a folded term: plural for English words, any ending for stems."""
    words = key.split()
    parts = [re.escape(word) for word in words]
    if kind == "stem":
        parts = [part + r"\w*" for part in parts]
    elif kind == "word" and re.search(r"[^aeiou\W]y$", words[-1]):
        parts[-1] = re.escape(words[-1][:-1]) + "(?:y|ies)"  # assembly, assemblies
    elif kind == "word" and words[-1][-1].isalpha():
        parts[-1] += "(?:s|es)?"
    return " ".join(parts)


_WORD_START = re.compile(r"(?<!\w)(?=\w)")


@attrs.frozen
class _Alternation:
    """Folded keys to find in a text, the longest first at each word start.

    Tried only where a word starts, and only the keys that begin with that word's first
    letter: one large regex alternation tries every key at every word (hundreds of terms
    made it the goods check's main cost).
    """

    by_first: Mapping[str, tuple[tuple[int, re.Pattern[str]], ...]]

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        """Yield (key number, match) for each key found, left to right, not overlapping."""
        resume = 0
        for start in _WORD_START.finditer(text):
            position = start.start()
            if position < resume:
                continue
            for index, pattern in self.by_first.get(text[position], ()):
                found = pattern.match(text, position)
                if found is not None:
                    yield index, found
                    resume = found.end()
                    break


def _alternation(patterns: list[tuple[str, str]]) -> _Alternation:
    """Index the patterns by their key's first letter, the longest key first."""
    order = sorted(range(len(patterns)), key=lambda i: (-len(patterns[i][0]), patterns[i][0]))
    by_first: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
    for i in order:
        key, pattern = patterns[i]
        if not re.match(r"\w", key):
            raise DataError(f"a description term must start with a letter or digit: {key!r}")
        by_first.setdefault(key[0], []).append((i, re.compile(rf"(?:{pattern})(?!\w)")))
    return _Alternation({first: tuple(found) for first, found in by_first.items()})


@cache
def _scanner() -> _Scanner:
    patterns: list[tuple[str, str]] = []
    hits: list[TermHit | None] = []
    for term, kind, hit in listed_terms():
        key = fold(term)
        if not key:
            raise DataError(f"dual_use_terms.csv: the term {term!r} has no letters")
        patterns.append((key, _word_pattern(key, kind)))
        hits.append(hit)
    word_patterns: list[tuple[str, str]] = []
    words: list[Accessory] = []
    for phrase in listed_exceptions():
        key = fold(phrase.phrase)
        if phrase.effect == "not_dual_use":
            patterns.append((key, _word_pattern(key, "word")))
            hits.append(None)
        else:
            word_patterns.append((key, _word_pattern(key, "word")))
            words.append(phrase)
    families = listed_families()
    part_patterns = [f"(?P<p{i}>{pattern})" for i, (pattern, _) in enumerate(families)]
    # File order decides between families that could both match (AD9361 before AD9xxx).
    part_numbers = re.compile(
        rf"(?<![A-Za-z0-9])(?:{'|'.join(part_patterns)})(?![A-Za-z0-9])", re.IGNORECASE
    )
    return _Scanner(
        _alternation(patterns),
        tuple(hits),
        _alternation(word_patterns),
        tuple(words),
        part_numbers,
        tuple(hit for _, hit in families),
    )
