"""Whether a declared HS code can hold the goods its description names.

Two ways a code can be wrong for the goods, judged on the HS 2022 reading of the code:

- **outside**: no word or part number naming the goods points to a heading that holds
  the code. A chip declared as a computer part (8473.30), a microcontroller as a control
  panel (8537.10), a ball bearing as a bearing housing (8483.30), aircraft parts as
  vehicle parts (8708). Each category of goods knows its headings; a word or a chip
  family's part number may narrow them (a microcontroller is a chip of 8542), except
  on a board or module, which holds chips without being one.
- **whole as parts**: a word naming a complete apparatus (an oscilloscope, a server, a
  drone) under a subheading for parts (9030.90, 8473.30, 8529.90), while nothing in
  the description says the goods are a part, a board, a module or an accessory, and no
  other goods named could have the apparatus as their part. A finished instrument
  declared as parts escapes the code-based lists that name the instrument.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .descriptions import DescriptionReading
from .hs2022 import HSReading
from .nomenclature import for_parts, text_agrees
from .vocabulary import DualUseCategory, PartNumberHit, TermHit, scope_of, version_held_by

__all__ = ["Misplacement", "everyday", "misplacements"]

Hit = TermHit | PartNumberHit
# Goods "for" an aircraft or a drone that stay in their own chapter: parts of general
# use of base metal and articles of plastics or rubber (Section XV Note 2, Section XVII
# Note 2), and machines and electrical goods of chapters 84 and 85 (Section XVII Note 2).
_GENERAL_USE_CHAPTERS = frozenset(
    ("39", "40", "73", "74", "75", "76", "78", "79", "80", "81", "82", "83", "84", "85")
)


@attrs.frozen
class Misplacement:
    """Goods of one category declared under a code that cannot hold them."""

    category: DualUseCategory
    homes: tuple[str, ...]
    """The HS prefixes where such goods belong."""
    hits: tuple[Hit, ...]
    """The words and part numbers that name the goods."""
    whole_as_parts: bool
    """A complete apparatus declared under a subheading for parts."""

    @property
    def precise(self) -> bool:
        """Whether a word that is not broad, or a part number, names the goods."""
        return any(isinstance(hit, PartNumberHit) or not hit.broad for hit in self.hits)

    def where(self) -> str:
        """Say where the goods belong: "heading 8542", "headings 9030 or 8543.20"."""
        return scope_of(self.homes)

    def evidence(self) -> dict[str, object]:
        """Return the misplacement as JSON-safe evidence."""
        return {
            "category": self.category.name,
            "belongs_in": list(self.homes),
            "whole_as_parts": self.whole_as_parts,
            "note": self.category.note,
        }


def misplacements(reading: DescriptionReading, hs: HSReading) -> tuple[Misplacement, ...]:
    """Return the goods that ``reading`` names and the code ``hs`` cannot hold."""
    codes = hs.codes
    found = _outside(reading, hs)
    if reading.a_part or not all(for_parts(code) for code in codes):
        return found
    judged = {m.category.name for m in found}
    for category in reading.categories:
        complete = tuple(
            hit
            for hit in _hits_of(reading, category)
            if isinstance(hit, TermHit) and hit.complete and not hit.purpose
        )
        # "GPS receiver for drones" under 8807: the receiver is a part of a drone.
        holders = [
            other
            for other in reading.categories
            if other is not category and category.name in other.includes and other.covers(codes)
        ]
        if complete and not holders and category.name not in judged:
            homes = category.covered_by
            found += (Misplacement(category, homes, complete, whole_as_parts=True),)
    return found


def _outside(reading: DescriptionReading, hs: HSReading) -> tuple[Misplacement, ...]:
    codes, chapters = hs.codes, hs.chapters
    assembled = reading.assembled
    # A whole item under its own code may name its features: a drone "with thermal
    # camera" under 8806 is a drone, not a misdeclared camera.
    wholes = [c for c in reading.categories if c.includes and c.covers(codes)]
    hits_of = {c.name: _hits_of(reading, c) for c in reading.categories}
    # The categories named before any "with": what the goods are.
    named = [c for c in reading.categories if not all(map(_is_feature, hits_of[c.name]))]
    found = []
    for category in reading.categories:
        # A word that names goods of one heading (a ball bearing) outweighs the
        # category's broad words ("bearing") that a neighbouring heading also holds.
        hits = tuple(hit for hit in hits_of[category.name] if hit.belongs_in)
        hits = hits or hits_of[category.name]
        if not all(_holds(hit.homes(assembled), codes) is False for hit in hits):
            continue
        if reading.accessory_explains(category, chapters):
            continue
        if (
            all(isinstance(hit, TermHit) and hit.purpose for hit in hits)
            and not reading.spare_parts
            and chapters <= _GENERAL_USE_CHAPTERS
        ):
            continue  # "bolts for Boeing 737" serve aircraft; "запчасти для ..." are parts
        if all(isinstance(hit, TermHit) and hit.broad for hit in hits) and everyday(
            category, reading, hs
        ):
            continue  # "garden hose connector" under 3917, "walkie-talkies" under 9503
        if any(category.name in whole.includes for whole in wholes):
            continue
        if all(_is_feature(hit) for hit in hits) and (
            reading.features_only or any(c.covers(codes) for c in named)
        ):
            continue  # "monocular with rangefinder" under the monocular's heading
        homes = tuple(dict.fromkeys(p for hit in hits for p in hit.homes(assembled)))
        found.append(Misplacement(category, homes, hits, whole_as_parts=False))
    return tuple(found)


def everyday(category: DualUseCategory, reading: DescriptionReading, hs: HSReading) -> bool:
    """Whether a broad word of ``category`` names everyday goods under the declared code.

    So under a code of the goods' toy version ("walkie-talkies" under 9503, see
    ``version_held_by``), and when the code lies in a chapter that holds no such goods
    and the description says what the code's text says ("garden hose connector" under
    3917.40: "tube, pipe and hose fittings"); chips under a plastics code with no word
    of plastics stay suspect.
    """
    return version_held_by(category, hs.chapters) or (
        category.foreign_to(hs.chapters) and text_agrees(hs.codes, reading.text)
    )


def _is_feature(hit: Hit) -> bool:
    return isinstance(hit, TermHit) and hit.feature


def _hits_of(reading: DescriptionReading, category: DualUseCategory) -> tuple[Hit, ...]:
    hits: tuple[Hit, ...] = (*reading.terms, *reading.part_numbers)
    return tuple(hit for hit in hits if hit.category is category)


def _holds(homes: tuple[str, ...], codes: Iterable[str]) -> bool | None:
    """Whether ``codes`` fall in ``homes``; None when the goods have no set place."""
    if not homes:
        return None
    return any(code.startswith(prefix) for code in codes for prefix in homes)
