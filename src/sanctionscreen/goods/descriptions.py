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
from .._data import read_table
from .._fields import MAX_TEXT_LENGTH
from .._text import fold, join_words
from ..errors import DataError, ValidationError
from ..severity import Severity

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
_MATCH_KINDS = ("word", "stem", "exact")
# Words as fold() splits them, when no character decomposes into several.
_WORDS = re.compile(r"[^\W_]+")
_REFERENCE = re.compile(r"as ([^(;]+?)\s*(?:[(;]\s*(.*?)\)?)?$")


@attrs.frozen
class DualUseCategory:
    """A kind of dual-use goods, and where the HS nomenclature puts such goods.

    ``covered_by`` are the HS 2022 headings (or chapters, for goods classified in many)
    that can hold such goods, their parts and modules; empty when the kind is not tied to
    a part of the nomenclature. ``includes`` are the categories a whole item of this kind
    may name as its features ("quadcopter with thermal camera" is a drone, in 8806).
    ``indicated_by`` are codes that by themselves point to the category (8806: drones).
    """

    name: str
    title: str
    severity: Severity
    covered_by: tuple[str, ...]
    indicated_by: tuple[str, ...]
    note: str
    includes: frozenset[str] = frozenset()

    def scope(self) -> str:
        """Say where such goods belong: "chapters 84, 85 or 90", "heading 8542"."""
        lengths = {len(prefix) for prefix in self.covered_by}
        kind = {2: "chapter", 4: "heading", 6: "subheading"}.get(lengths.pop(), "code")
        kind = kind if not lengths else "code"
        shown = [f"{p[:4]}.{p[4:]}" if len(p) > 4 else p for p in self.covered_by]
        return f"{kind}{'s' if len(shown) > 1 else ''} {join_words(shown)}"

    def covers(self, codes: Iterable[str]) -> bool | None:
        """Whether any of ``codes`` falls where such goods belong; None if not checked."""
        if not self.covered_by:
            return None
        return any(code.startswith(prefix) for code in codes for prefix in self.covered_by)


@attrs.frozen
class TermHit:
    """A dual-use word found in a description."""

    term: str
    found: str
    category: DualUseCategory
    broad: bool
    control_reference: str
    source: str

    @property
    def severity(self) -> Severity:
        """The category's severity; LOW for broad words that name everyday goods too."""
        return min(self.category.severity, Severity.LOW) if self.broad else self.category.severity

    def evidence(self) -> dict[str, object]:
        """Return the hit as JSON-safe evidence."""
        return {
            "term": self.term,
            "found": self.found,
            "category": self.category.name,
            "broad": self.broad,
            "control_reference": self.control_reference,
            "source": self.source,
        }


@attrs.frozen
class PartNumberHit:
    """A manufacturer part number of a well-known chip or module family."""

    part_number: str
    family: str
    manufacturer: str
    category: DualUseCategory
    source: str

    @property
    def severity(self) -> Severity:
        """The category's severity: a part number names the goods precisely."""
        return self.category.severity

    def evidence(self) -> dict[str, object]:
        """Return the hit as JSON-safe evidence."""
        return {
            "part_number": self.part_number,
            "family": self.family,
            "manufacturer": self.manufacturer,
            "category": self.category.name,
            "source": self.source,
        }


@attrs.frozen
class Accessory:
    """A word saying the goods are an accessory for (or a toy version of) what is named."""

    phrase: str
    chapters: frozenset[str]
    categories: frozenset[str]
    reason: str
    context: bool = False
    """A context word ("bicycle", "golf"): the words of ``categories`` anywhere in the
    description name ordinary goods ("carbon fiber fork (bicycle)"), not controlled ones."""

    def explains(self, category: DualUseCategory, chapters: Iterable[str]) -> bool:
        """Whether the word explains goods of ``category`` declared in ``chapters``.

        Unrestricted words (a case, a bag) explain any category in any chapter; "toy"
        explains only drones, and only in chapter 95.
        """
        if self.categories and category.name not in self.categories:
            return False
        return not self.chapters or bool(self.chapters.intersection(chapters))


@attrs.frozen
class DescriptionReading:
    """Everything found in one description."""

    terms: tuple[TermHit, ...] = ()
    part_numbers: tuple[PartNumberHit, ...] = ()
    accessories: tuple[Accessory, ...] = ()
    set_aside: tuple[TermHit, ...] = ()
    """Words a context word set aside ("carbon fiber" in a bicycle's description)."""

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
    for index, match in scanner.terms.finditer(folded):
        hit = scanner.hits[index]
        if hit is None:
            continue
        found = match.group(0)
        if aligned:
            # Show the words as written ("Полётный"), not their folded key ("полетныи").
            first = bisect.bisect_left(spaces, match.start())
            last = first + found.count(" ")
            found = written[words[first].start() : words[last].end()]
        terms.append(attrs.evolve(hit, found=found))
    accessories = [scanner.accessories[i] for i, _ in scanner.accessory_words.finditer(folded)]
    parts: dict[str, PartNumberHit] = {}
    for match in scanner.part_numbers.finditer(unicodedata.normalize("NFKC", text)):
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
    )


def dual_use_categories() -> Mapping[str, DualUseCategory]:
    """Return every category of dual-use goods, by name."""
    return _categories()


def categories_indicated_by(codes: Iterable[str]) -> tuple[DualUseCategory, ...]:
    """Return the categories that HS 2022 ``codes`` by themselves point to (8806: drones)."""
    found = [
        category
        for code in codes
        for category in _categories().values()
        if any(code.startswith(prefix) for prefix in category.indicated_by)
    ]
    return tuple(dict.fromkeys(found))


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
def _categories() -> Mapping[str, DualUseCategory]:
    categories = {}
    for row in read_table("dual_use_categories.csv"):
        try:
            severity = Severity.parse(row["severity"])
        except ValueError as exc:
            raise DataError(f"dual_use_categories.csv, {row['category']}: {exc}") from None
        categories[row["category"]] = DualUseCategory(
            name=row["category"],
            title=row["title"],
            severity=severity,
            covered_by=_codes(row["covered_by"]),
            indicated_by=_codes(row["indicated_by"]),
            note=row["note"],
            includes=frozenset(filter(None, row["includes"].split(";"))),
        )
    return categories


def _codes(text: str) -> tuple[str, ...]:
    codes = tuple(code for code in text.split(";") if code)
    if not all(code.isdigit() and len(code) in (2, 4, 6) for code in codes):
        raise DataError(f"dual_use_categories.csv: bad HS prefixes {text!r}")
    return codes


def _resolve_references(rows: tuple[Mapping[str, str], ...]) -> dict[str, str]:
    """Replace "as uav (...)" with the reference of the term "uav", keeping the remark."""
    direct = {row["term"]: row["control_reference"] for row in rows}
    resolved = {}
    for term, reference in direct.items():
        match = _REFERENCE.match(reference)
        if match is None:
            resolved[term] = reference
            continue
        target, remark = match.group(1), match.group(2)
        if target not in direct or direct[target].startswith("as "):
            raise DataError(f"dual_use_terms.csv: {term!r} refers to unknown term {target!r}")
        resolved[term] = direct[target] + (f" ({remark})" if remark else "")
    return resolved


@cache
def _scanner() -> _Scanner:
    categories = _categories()
    rows = read_table("dual_use_terms.csv")
    references = _resolve_references(rows)
    patterns: list[tuple[str, str]] = []
    hits: list[TermHit | None] = []
    for row in rows:
        key, kind = fold(row["term"]), row["match"]
        if kind not in _MATCH_KINDS or row["category"] not in categories or not key:
            raise DataError(f"dual_use_terms.csv: malformed row for {row['term']!r}")
        if row["broad"] not in ("yes", "no"):
            raise DataError(f"dual_use_terms.csv: broad must be yes or no for {row['term']!r}")
        patterns.append((key, _word_pattern(key, kind)))
        hits.append(
            TermHit(
                term=row["term"],
                found="",
                category=categories[row["category"]],
                broad=row["broad"] == "yes",
                control_reference=references[row["term"]],
                source=row["source"],
            )
        )
    accessory_patterns: list[tuple[str, str]] = []
    accessories: list[Accessory] = []
    for row in read_table("description_exceptions.csv"):
        key = fold(row["phrase"])
        if row["effect"] == "not_dual_use":
            patterns.append((key, _word_pattern(key, "word")))
            hits.append(None)
        elif row["effect"] in ("accessory", "context"):
            accessory_patterns.append((key, _word_pattern(key, "word")))
            chapters = frozenset(c for c in row["chapters"].split(";") if c)
            explained = frozenset(c for c in row["categories"].split(";") if c)
            if not explained <= categories.keys():
                raise DataError(f"description_exceptions.csv: unknown categories {explained}")
            context = row["effect"] == "context"
            accessories.append(
                Accessory(row["phrase"], chapters, explained, row["reason"], context)
            )
        else:
            raise DataError(f"description_exceptions.csv: unknown effect {row['effect']!r}")
    families: list[PartNumberHit] = []
    part_patterns: list[str] = []
    for index, row in enumerate(read_table("part_numbers.csv")):
        if row["category"] not in categories:
            raise DataError(f"part_numbers.csv: unknown category {row['category']!r}")
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise DataError(f"part_numbers.csv: bad pattern {row['pattern']!r}: {exc}") from None
        part_patterns.append(f"(?P<p{index}>{row['pattern']})")
        families.append(
            PartNumberHit(
                "", row["family"], row["manufacturer"], categories[row["category"]], row["source"]
            )
        )
    # File order decides between families that could both match (AD9361 before AD9xxx).
    part_numbers = re.compile(
        rf"(?<![A-Za-z0-9])(?:{'|'.join(part_patterns)})(?![A-Za-z0-9])", re.IGNORECASE
    )
    return _Scanner(
        _alternation(patterns),
        tuple(hits),
        _alternation(accessory_patterns),
        tuple(accessories),
        part_numbers,
        tuple(families),
    )
