"""The vocabulary of dual-use goods: categories, words, part-number families, exceptions.

Reads ``data/dual_use_categories.csv`` (what kinds of goods there are and which HS
headings hold them), ``data/dual_use_terms.csv`` (the words that name them),
``data/part_numbers.csv`` (chip and module families by part number) and
``data/description_exceptions.csv`` (phrases that cancel a word, accessories, context
words and words saying the goods are a part). :mod:`.descriptions` searches texts for
them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import attrs

from .._caching import cache, lru_cache
from .._data import read_table
from .._text import join_words
from ..errors import DataError
from ..severity import Severity

__all__ = [
    "Accessory",
    "DualUseCategory",
    "PartNumberHit",
    "TermHit",
    "categories_indicated_by",
    "dual_use_categories",
    "listed_exceptions",
    "listed_families",
    "listed_terms",
    "scope_of",
    "version_held_by",
]

MATCH_KINDS = ("word", "stem", "exact")
"""How a listed term is matched: plural-aware word, Russian stem, or exactly."""
_REFERENCE = re.compile(r"as ([^(;]+?)\s*(?:[(;]\s*(.*?)\)?)?$")
EXCEPTION_EFFECTS = ("not_dual_use", "accessory", "context", "part", "spare", "assembly", "ignore")
"""What a phrase of ``description_exceptions.csv`` does to a description's reading."""


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
    on_boards: bool = False
    """Chips and components that boards and modules carry: on a board they are not the
    goods, which may be classified wherever boards of their function go."""

    def foreign_to(self, chapters: Iterable[str]) -> bool:
        """Whether none of ``chapters`` holds any goods of this kind (a checked kind only).

        A broad word ("server", "connector") under such a code names everyday goods: a
        server cabinet of 9403, a garden hose connector of 3917.
        """
        own = {prefix[:2] for prefix in self.covered_by}
        return bool(own) and own.isdisjoint(chapters)

    def scope(self) -> str:
        """Say where such goods belong: "chapters 84, 85 or 90", "heading 8542"."""
        return scope_of(self.covered_by)

    def covers(self, codes: Iterable[str]) -> bool | None:
        """Whether any of ``codes`` falls where such goods belong; None if not checked."""
        if not self.covered_by:
            return None
        return any(code.startswith(prefix) for code in codes for prefix in self.covered_by)


def scope_of(prefixes: tuple[str, ...]) -> str:
    """Say where HS ``prefixes`` are: "chapters 84, 85 or 90", "heading 8542"."""
    lengths = {len(prefix) for prefix in prefixes}
    kind = {2: "chapter", 4: "heading", 6: "subheading"}.get(lengths.pop(), "code")
    kind = kind if not lengths else "code"
    shown = [f"{p[:4]}.{p[4:]}" if len(p) > 4 else p for p in prefixes]
    return f"{kind}{'s' if len(shown) > 1 else ''} {join_words(shown)}"


# Chapters of machines, electrical equipment and instruments: where a board or module
# carrying such goods may be classified, by what the board does.
_ASSEMBLY_CHAPTERS = ("84", "85", "90")


def _homes(
    category: DualUseCategory, belongs_in: tuple[str, ...], assembled: bool
) -> tuple[str, ...]:
    if not category.covered_by:
        return ()
    if assembled and category.on_boards:
        chapters = {prefix[:2] for prefix in category.covered_by}
        return tuple(sorted(chapters.union(_ASSEMBLY_CHAPTERS)))
    return belongs_in or category.covered_by


@attrs.frozen
class TermHit:
    """A dual-use word found in a description.

    ``belongs_in`` narrows the category's headings for a word that names goods of one
    heading only (a microcontroller is a chip of 8542, a ball bearing is in 8482).
    ``complete`` says the word names a complete apparatus (an oscilloscope, a drone), not
    a part or a component.
    """

    term: str
    found: str
    category: DualUseCategory
    broad: bool
    control_reference: str
    source: str
    belongs_in: tuple[str, ...] = ()
    complete: bool = False
    purpose: bool = False
    """The word comes after "for" ("spare parts for drones"): it names what the goods
    serve, not the goods."""
    feature: bool = False
    """The word comes after "with", "containing" (or their Russian): it names a feature."""

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
            "purpose": self.purpose,
            "feature": self.feature,
        }

    def homes(self, assembled: bool) -> tuple[str, ...]:
        """Return the HS prefixes the goods belong in (any electrical chapter on a board)."""
        return _homes(self.category, self.belongs_in, assembled)


@attrs.frozen
class PartNumberHit:
    """A manufacturer part number of a well-known chip or module family."""

    part_number: str
    family: str
    manufacturer: str
    category: DualUseCategory
    source: str
    belongs_in: tuple[str, ...] = ()
    """The headings of the family's own goods (8542 for a chip family), if narrower."""

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

    def homes(self, assembled: bool) -> tuple[str, ...]:
        """Return the HS prefixes the goods belong in (any electrical chapter on a board)."""
        return _homes(self.category, self.belongs_in, assembled)


@attrs.frozen
class Accessory:
    """A word saying the goods are an accessory for (or a toy version of) what is named."""

    phrase: str
    chapters: frozenset[str]
    categories: frozenset[str]
    reason: str
    effect: str = "accessory"
    """``accessory``; ``context`` for a word ("bicycle", "golf") after which the words of
    ``categories`` name ordinary goods ("carbon fiber fork (bicycle)"); ``part`` for a
    word naming a part ("bracket", "probe"); ``spare`` for one saying parts in general
    ("spare parts", "запчасти"); ``assembly`` for one saying they are a board or
    module, not a bare chip."""

    @property
    def context(self) -> bool:
        """Whether the word sets aside the words of its categories."""
        return self.effect == "context"

    @property
    def whole(self) -> bool:
        """Whether the word speaks of the whole line wherever it stands.

        Context words do, and toy words bound to chapter 95 ("for ages 5", "для детей").
        """
        return self.context or self.chapters == frozenset({"95"})

    def explains(self, category: DualUseCategory, chapters: Iterable[str]) -> bool:
        """Whether the word explains goods of ``category`` declared in ``chapters``.

        Unrestricted words (a case, a bag) explain any category in any chapter; "toy"
        explains only drones, and only in chapter 95.
        """
        if self.categories and category.name not in self.categories:
            return False
        return not self.chapters or bool(self.chapters.intersection(chapters))


def dual_use_categories() -> Mapping[str, DualUseCategory]:
    """Return every category of dual-use goods, by name."""
    return _categories()


def categories_indicated_by(codes: Iterable[str]) -> tuple[DualUseCategory, ...]:
    """Return the categories that HS 2022 ``codes`` by themselves point to (8806: drones)."""
    return _indicated_by(tuple(codes))


@lru_cache(maxsize=4096)  # a register repeats its codes
def _indicated_by(codes: tuple[str, ...]) -> tuple[DualUseCategory, ...]:
    found = [
        category
        for code in codes
        for category in _categories().values()
        if any(code.startswith(prefix) for prefix in category.indicated_by)
    ]
    return tuple(dict.fromkeys(found))


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
            on_boards=row["on_boards"] == "yes",
        )
    return categories


def _codes(text: str, table: str = "dual_use_categories.csv") -> tuple[str, ...]:
    codes = tuple(code for code in text.split(";") if code)
    if not all(code.isdigit() and len(code) in (2, 4, 6) for code in codes):
        raise DataError(f"{table}: bad HS prefixes {text!r}")
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
def listed_terms() -> tuple[tuple[str, str, TermHit], ...]:
    """Every listed term: (term as written, match kind, its hit with ``found`` empty)."""
    categories = _categories()
    rows = read_table("dual_use_terms.csv")
    references = _resolve_references(rows)
    listed = []
    for row in rows:
        kind = row["match"]
        if kind not in MATCH_KINDS or row["category"] not in categories or not row["term"]:
            raise DataError(f"dual_use_terms.csv: malformed row for {row['term']!r}")
        if row["broad"] not in ("yes", "no") or row["complete"] not in ("yes", "no"):
            raise DataError(f"dual_use_terms.csv: broad, complete: yes or no for {row['term']!r}")
        hit = TermHit(
            term=row["term"],
            found="",
            category=categories[row["category"]],
            broad=row["broad"] == "yes",
            control_reference=references[row["term"]],
            source=row["source"],
            belongs_in=_codes(row["belongs_in"], "dual_use_terms.csv"),
            complete=row["complete"] == "yes",
        )
        listed.append((row["term"], kind, hit))
    return tuple(listed)


@cache
def listed_exceptions() -> tuple[Accessory, ...]:
    """Every phrase of ``description_exceptions.csv``, with its effect."""
    categories = _categories()
    listed = []
    for row in read_table("description_exceptions.csv"):
        if row["effect"] not in EXCEPTION_EFFECTS:
            raise DataError(f"description_exceptions.csv: unknown effect {row['effect']!r}")
        chapters = frozenset(c for c in row["chapters"].split(";") if c)
        explained = frozenset(c for c in row["categories"].split(";") if c)
        if not explained <= categories.keys():
            raise DataError(f"description_exceptions.csv: unknown categories {explained}")
        listed.append(Accessory(row["phrase"], chapters, explained, row["reason"], row["effect"]))
    return tuple(listed)


@cache
def listed_families() -> tuple[tuple[str, PartNumberHit], ...]:
    """Every part-number family: (its regular expression, its hit with no part number)."""
    categories = _categories()
    listed = []
    for row in read_table("part_numbers.csv"):
        if row["category"] not in categories:
            raise DataError(f"part_numbers.csv: unknown category {row['category']!r}")
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise DataError(f"part_numbers.csv: bad pattern {row['pattern']!r}: {exc}") from None
        hit = PartNumberHit(
            "",
            row["family"],
            row["manufacturer"],
            categories[row["category"]],
            row["source"],
            _codes(row["belongs_in"], "part_numbers.csv"),
        )
        listed.append((row["pattern"], hit))
    return tuple(listed)


def version_held_by(category: DualUseCategory, chapters: Iterable[str]) -> bool:
    """Whether ``chapters`` hold an everyday version of the category's goods.

    Read from the accessory words bound to chapters: a "toy" drone, radio or aircraft
    belongs in chapter 95, so a broad word ("walkie-talkie") under a chapter 95 code
    names the toy.
    """
    return not _version_chapters().get(category.name, frozenset()).isdisjoint(chapters)


@cache
def _version_chapters() -> Mapping[str, frozenset[str]]:
    """Each category's chapters of everyday versions, read once from the accessory words."""
    found: dict[str, set[str]] = {}
    for word in listed_exceptions():
        if word.effect == "accessory" and word.chapters:
            for name in word.categories:
                found.setdefault(name, set()).update(word.chapters)
    return {name: frozenset(chapters) for name, chapters in found.items()}
