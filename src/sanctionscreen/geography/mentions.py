"""What free text (an address, a place name) says about sanctioned places.

Two kinds of mentions matter to screening: the Russian-occupied regions of
Ukraine (see :mod:`sanctionscreen.geography.regions`) and the countries under embargo, named by
their names and aliases in any script or by their capitals, main cities and ports
(``data/embargoed_cities.csv``). Both are found on whole words, with names inside
street names marked rather than dropped.
"""

from __future__ import annotations

import attrs

from .._caching import cache, lru_cache
from .._data import read_table
from ..errors import DataError
from .countries import country_names
from .jurisdictions import embargoed_countries
from .regions import RegionMention, find_region_mentions
from .scanning import TermScanner

__all__ = [
    "CountryMention",
    "RegionMention",
    "find_embargoed_country_mentions",
    "find_region_mentions",
]


@attrs.frozen
class CountryMention:
    """A name in free text that points to a country under embargo."""

    term: str
    country: str
    kind: str
    in_street_name: bool = False


@lru_cache(maxsize=8192)
def find_embargoed_country_mentions(text: str) -> tuple[CountryMention, ...]:
    """Return each embargoed country named in ``text`` once, in order of appearance.

    Of several mentions of one country, one outside a street name is preferred.
    Remembered per text: registers repeat their addresses.
    """
    found: dict[str, CountryMention] = {}
    for hit in _scanner().find(text):
        mention = attrs.evolve(hit.value, in_street_name=hit.in_street_name)
        known = found.get(mention.country)
        if known is None or (known.in_street_name and not mention.in_street_name):
            found[mention.country] = mention
    return tuple(found.values())


@cache
def _scanner() -> TermScanner[CountryMention]:
    embargoed = set(embargoed_countries())
    terms: list[tuple[str, CountryMention]] = [
        (name, CountryMention(term=name, country=code, kind="country name"))
        for code in sorted(embargoed)
        for name in country_names(code)
    ]
    for row in read_table("embargoed_cities.csv"):
        if row["alpha2"] not in embargoed:
            raise DataError(f"embargoed_cities.csv: {row['term']!r} is in a country not embargoed")
        terms.append(
            (row["term"], CountryMention(term=row["term"], country=row["alpha2"], kind=row["kind"]))
        )
    return TermScanner(terms, source="country names and embargoed_cities.csv")
