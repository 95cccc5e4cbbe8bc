"""Embargoed regions below country level: the Russian-occupied regions of Ukraine.

A whole-country code cannot say whether goods go to Kyiv or to Sevastopol, so the route
check also looks for these regions in ISO 3166-2 subdivisions and in address text. The
regions and their legal basis are in ``data/embargoed_regions.csv``; the names that
point to them (oblasts, occupied cities, self-proclaimed entities, in Latin, Russian
and Ukrainian spellings) are in ``data/region_terms.csv``.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .._caching import cache, lru_cache
from .._data import read_table
from ..errors import DataError
from ..severity import Severity
from .scanning import TermScanner

__all__ = [
    "EmbargoedRegion",
    "RegionMention",
    "embargoed_region",
    "find_region_mentions",
    "status_severity",
]

OCCUPIED = "occupied"
PARTLY_OCCUPIED = "partly occupied"
_STATUSES = (OCCUPIED, PARTLY_OCCUPIED)


@attrs.frozen
class EmbargoedRegion:
    """A subdivision under territorial sanctions, with the law that covers it."""

    subdivision: str
    name: str
    status: str
    authorities: str
    legal_basis: str
    since: str
    note: str
    source: str


@attrs.frozen
class RegionMention:
    """A name in free text (or a field) that points to an embargoed region.

    ``status`` is that of the place named: a city under occupation inside a partly
    occupied oblast is ``occupied`` even though its oblast is not. ``in_street_name``
    is set when the name is part of a street name ("Sevastopol Street, Kyiv").
    """

    term: str
    kind: str
    status: str
    region: EmbargoedRegion
    in_street_name: bool = False


def embargoed_region(subdivision: str) -> EmbargoedRegion | None:
    """Return the embargoed region with this ISO 3166-2 code, if it is one."""
    return _regions().get(subdivision)


def status_severity(status: str) -> Severity:
    """Return how much a place of this occupation status weighs (occupation_statuses.csv)."""
    return _status_severities()[status]


@lru_cache(maxsize=8192)
def find_region_mentions(text: str) -> tuple[RegionMention, ...]:
    """Return the embargoed regions named in ``text``, once each, in order of appearance.

    Matching is on whole words after folding case and accents, longest name first, so
    "Donetsk oblast" (partly occupied) is not read as the city of Donetsk (occupied).
    A name outside a street name wins over the same region inside one. Remembered per
    text: registers repeat their addresses.
    """
    found: dict[tuple[str, str], RegionMention] = {}
    for hit in _scanner().find(text):
        mention = attrs.evolve(hit.value, in_street_name=hit.in_street_name)
        key = (mention.region.subdivision, mention.status)
        if key not in found or (found[key].in_street_name and not mention.in_street_name):
            found[key] = mention
    return tuple(found.values())


def region_named(text: str) -> RegionMention | None:
    """Return the region when ``text`` as a whole is one of its names ("Crimea")."""
    return _scanner().exact(text)


@cache
def _status_severities() -> Mapping[str, Severity]:
    severities = {
        row["status"]: Severity.parse(row["severity"], field="occupation_statuses.csv severity")
        for row in read_table("occupation_statuses.csv")
    }
    if set(severities) != set(_STATUSES):
        raise DataError(f"occupation_statuses.csv: statuses must be {_STATUSES}")
    return severities


@cache
def _regions() -> Mapping[str, EmbargoedRegion]:
    regions = {}
    for row in read_table("embargoed_regions.csv"):
        region = EmbargoedRegion(**row)
        if region.status not in _STATUSES:
            raise DataError(f"embargoed_regions.csv: unknown status {region.status!r}")
        regions[region.subdivision] = region
    return regions


@cache
def _scanner() -> TermScanner[RegionMention]:
    mentions = []
    for row in read_table("region_terms.csv"):
        region = _regions().get(row["subdivision"])
        if region is None:
            raise DataError(f"region_terms.csv: {row['term']!r} names unknown region")
        status = row["status"] or region.status
        if status not in _STATUSES:
            raise DataError(f"region_terms.csv: unknown status {status!r}")
        mention = RegionMention(term=row["term"], kind=row["kind"], status=status, region=region)
        mentions.append((row["term"], mention))
    return TermScanner(mentions, source="region_terms.csv")
