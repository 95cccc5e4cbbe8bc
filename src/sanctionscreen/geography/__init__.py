"""Geography: countries, places and what the law says about them.

- :mod:`.countries`: country names and codes to ISO 3166-1 alpha-2 (pycountry plus
  ``data/country_aliases.csv``);
- :mod:`.places`: a country or a region inside one, as route fields accept them;
- :mod:`.regions`: the Russian-occupied regions of Ukraine and the names that point to
  them;
- :mod:`.mentions`: embargoed countries and occupied regions named in free text;
- :mod:`.scanning`: the whole-word term scanner the mentions use;
- :mod:`.jurisdictions`: country-level rules from data: embargoes, diversion points,
  partner countries, restricted HS chapters, and which countries those rules protect.
"""

from __future__ import annotations

from .countries import country_name, lookup_country, normalize_country
from .jurisdictions import (
    ChapterRestriction,
    DiversionNaming,
    Embargo,
    PartnerCountry,
    chapter_restriction,
    diversion_namings,
    embargo,
    partner_country,
)
from .mentions import CountryMention, find_embargoed_country_mentions
from .places import Place, resolve_place
from .regions import EmbargoedRegion, RegionMention, embargoed_region, find_region_mentions

__all__ = [
    "ChapterRestriction",
    "CountryMention",
    "DiversionNaming",
    "Embargo",
    "EmbargoedRegion",
    "PartnerCountry",
    "Place",
    "RegionMention",
    "chapter_restriction",
    "country_name",
    "diversion_namings",
    "embargo",
    "embargoed_region",
    "find_embargoed_country_mentions",
    "find_region_mentions",
    "lookup_country",
    "normalize_country",
    "partner_country",
    "resolve_place",
]
