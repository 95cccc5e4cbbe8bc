"""What a shipment's goods lines say: each line's HS reading, CHPL items and description.

Read once per shipment and shared by every check that looks at goods: the goods check
flags them, the value check prices the sensitive ones.
"""

from __future__ import annotations

import attrs

from .._text import unique
from ..goods.chpl import ChplItem, high_priority_items
from ..goods.descriptions import (
    DescriptionReading,
    DualUseCategory,
    categories_indicated_by,
    read_description,
)
from ..goods.hs import HSCode
from ..goods.hs2022 import HSReading, read_as_hs2022
from ..goods.nomenclature import EDITION, official_text
from ..goods.placement import everyday
from ..models import GoodsItem
from ..severity import Severity

__all__ = ["GoodsLine", "read_line"]


@attrs.frozen
class GoodsLine:
    """One goods line as read: its HS 2022 reading, CHPL items, description and code."""

    number: int
    """The line's position in the shipment, from 1."""
    item: GoodsItem
    hs: HSReading | None
    chpl: tuple[ChplItem, ...]
    description: DescriptionReading
    code_categories: tuple[DualUseCategory, ...]
    """Dual-use categories the code itself points to (8806: drones)."""

    @property
    def label(self) -> str:
        """Name the line in a message: "Line 2 ('Microcontrollers')"."""
        text = self.item.description
        shown = text if len(text) <= 60 else text[:57] + "..."
        return f"Line {self.number}" + (f" ({shown!r})" if shown else "")

    @property
    def code(self) -> str:
        """The declared code, dotted ("8542.31"), or "" when none was declared."""
        return str(self.hs.declared) if self.hs else ""

    @property
    def official_text(self) -> str | None:
        """The declared code's HS 2022 text ("HS 8473.30: Machinery; parts ..."), if any."""
        return official_text(self.hs.declared) if self.hs else None

    def official_evidence(self) -> str | None:
        """Return the declared code's text as evidence, naming the edition it is from."""
        text = self.official_text
        return None if text is None else f"{EDITION} text of {text}"

    @property
    def top_tier(self) -> bool:
        """Whether the line is on the CHPL in a tier of highest concern."""
        return any(item.top_tier for item in self.chpl)

    @property
    def dual_use_severity(self) -> Severity:
        """The weight of the dual-use signs: words, part numbers, the code itself."""
        severities = [hit.severity for hit in self.description.terms]
        severities += [hit.severity for hit in self.description.part_numbers]
        severities += [category.severity for category in self.code_categories]
        return max(severities, default=Severity.NONE)

    @property
    def ordinary_by_code(self) -> bool:
        """Whether only broad words name the goods, and the declared code says they are ordinary.

        "Lathe", "multimeter", "bearings" name controlled goods only in some forms: under
        a code of their own heading that is not on the CHPL (a manual lathe in 8458.19, a
        multimeter in 9030.31) they are ordinary goods; so are they under a code of a
        chapter that holds no such goods when the description says what the code's text
        says ("garden hose connector" in 3917.40), and "walkie-talkies" under a toy code
        of chapter 95 are toys (see ``everyday``).
        """
        reading = self.description
        if self.hs is None or self.chpl or reading.part_numbers or self.code_categories:
            return False
        codes = self.hs.codes
        return bool(reading.terms) and all(
            hit.broad
            and (hit.category.covers(codes) is True or everyday(hit.category, reading, self.hs))
            for hit in reading.terms
        )

    @property
    def accessory_only(self) -> bool:
        """Whether the goods are an accessory or a toy version of what the words name.

        A bag for a drone under 4202, toy walkie-talkies "for ages 5 and up" under 9503:
        every category named is explained by an accessory word, and the declared code
        lies outside the headings of the goods themselves.
        """
        reading = self.description
        if self.hs is None or not reading.terms or reading.part_numbers:
            return False
        codes, chapters = self.hs.codes, self.hs.chapters
        return all(
            category.covers(codes) is False and reading.accessory_explains(category, chapters)
            for category in reading.categories
        )

    def in_chapters(self, chapters: frozenset[str]) -> bool:
        """Whether the declared code, read in HS 2022, is in one of ``chapters``."""
        return self.hs is not None and bool(self.hs.chapters & chapters)

    @property
    def sensitive(self) -> bool:
        """Whether the goods are high-priority or dual-use: what diversion is about."""
        return bool(self.chpl) or self.dual_use_severity > Severity.NONE

    def why_sensitive(self) -> str:
        """Sum the line up for diversion messages: "line 2 HS 8542.31 (CHPL tier 1)"."""
        reasons = []
        if self.chpl:
            reasons.append(f"CHPL tier {self.chpl[0].tier}")
        categories = (*self.description.categories, *self.code_categories)
        if categories:
            titles = unique(c.title for c in categories)
            reasons.append("dual-use: " + ", ".join(titles))
        code = f" HS {self.code}" if self.code else ""
        if self.hs is not None and self.hs.converted_from is not None:
            code += f" (HS 2022 {' or '.join(str(HSCode(c)) for c in self.hs.codes)})"
        return f"line {self.number}{code} ({'; '.join(reasons)})"


def read_line(number: int, item: GoodsItem) -> GoodsLine:
    """Read one goods line: its code in HS 2022, its CHPL items and its description."""
    hs = read_as_hs2022(item.hs_code) if item.hs_code is not None else None
    codes = hs.codes if hs is not None else ()
    return GoodsLine(
        number=number,
        item=item,
        hs=hs,
        chpl=high_priority_items(codes),
        description=read_description(item.description),
        code_categories=categories_indicated_by(codes),
    )
