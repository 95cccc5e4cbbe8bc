"""The Common High Priority List: the HS subheadings Russia most seeks for its weapons.

The EU, the US, the UK and Japan publish the list together; it names 50 HS 2022
subheadings in tiers (1, 2, 3.A, 3.B, 4.A, 4.B), tier 1 being the integrated circuits of
highest concern. ``data/chpl.csv`` holds the subheadings with their tiers and
``data/chpl_tiers.csv`` what each tier stands for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .._caching import cache
from .._data import manifest, read_table
from ..errors import DataError

__all__ = ["CHPL_TITLE", "ChplItem", "chpl_items", "chpl_version", "high_priority_items"]

CHPL_TITLE = "Common High Priority List of the EU, US, UK and Japan"
"""The list's name as flags quote it."""


@attrs.frozen
class ChplItem:
    """One subheading of the Common High Priority List, with its tier."""

    subheading: str
    tier: str
    tier_title: str
    tier_concern: str
    description: str
    source: str
    top_tier: bool = False
    """Whether the tier is one of highest concern (tiers 1 and 2: ``data/chpl_tiers.csv``)."""

    def evidence(self) -> dict[str, str]:
        """Return the item as JSON-safe evidence."""
        return {
            "subheading": self.subheading,
            "tier": self.tier,
            "tier_title": self.tier_title,
            "tier_concern": self.tier_concern,
            "description": self.description,
            "source": self.source,
        }

    @property
    def rank(self) -> tuple[int, str]:
        """Sort key: most serious tier first (1 < 2 < 3.A < ... < 4.B)."""
        return (int(self.tier[0]), self.tier)


def chpl_version() -> str:
    """Return the publication date of the bundled list, e.g. "2024-02-23"."""
    return manifest()["chpl.csv"].as_of


def chpl_items() -> tuple[ChplItem, ...]:
    """Return every item of the bundled list, in tier order."""
    return tuple(sorted(_items().values(), key=lambda item: (item.rank, item.subheading)))


def high_priority_items(codes: Iterable[str]) -> tuple[ChplItem, ...]:
    """Return the list items that HS 2022 ``codes`` fall in, most serious tier first.

    A 6-digit code matches its own subheading; a 4-digit heading matches every listed
    subheading under it, since the goods may be any of them.
    """
    items = _items()
    found: dict[str, ChplItem] = {}
    for code in codes:
        if len(code) >= 6:
            item = items.get(code[:6])
            if item is not None:
                found[item.subheading] = item
        else:
            found.update((s, item) for s, item in items.items() if s.startswith(code))
    return tuple(sorted(found.values(), key=lambda item: (item.rank, item.subheading)))


@cache
def _tiers() -> Mapping[str, tuple[str, str, bool]]:
    tiers = {}
    for row in read_table("chpl_tiers.csv"):
        if row["top_tier"] not in ("yes", "no"):
            raise DataError(f"chpl_tiers.csv: top_tier must be yes or no for tier {row['tier']}")
        tiers[row["tier"]] = (row["title"], row["concern"], row["top_tier"] == "yes")
    return tiers


@cache
def _items() -> Mapping[str, ChplItem]:
    tiers = _tiers()
    items = {}
    for row in read_table("chpl.csv"):
        code, tier = row["hs_code"], row["tier"]
        if len(code) != 6 or not code.isdigit() or tier not in tiers:
            raise DataError(f"chpl.csv: malformed row {code!r} (tier {tier!r})")
        title, concern, top = tiers[tier]
        items[code] = ChplItem(
            code, tier, title, concern, row["description"], row["source"], top_tier=top
        )
    return items
