"""Places given as text: a country, or a region inside one.

Route fields and party countries accept a country ("Russia", "RU") and also an ISO
3166-2 subdivision ("UA-43") or the name of an embargoed region ("Crimea",
"Севастополь"). The country is always kept as ISO alpha-2; the subdivision, when the
text named one, is kept beside it so that a region under sanctions is not lost by
rounding it up to its country.
"""

from __future__ import annotations

import re

import attrs
import pycountry

from .._caching import cache
from ..errors import FieldTypeError, UnknownCountryError, ValidationError
from .countries import lookup_country, suggest_countries
from .regions import region_named

__all__ = ["Place", "normalize_subdivision", "resolve_place", "settle_place"]

_SUBDIVISION_CODE = re.compile(r"^\s*([A-Za-z]{2})-([A-Za-z0-9]{1,3})\s*$")


@attrs.frozen
class Place:
    """A country (ISO 3166-1 alpha-2) and, when known, a subdivision (ISO 3166-2).

    ``locality`` keeps the place name as given when it was a region or city rather than
    a code ("Mariupol"): a city can be under occupation while its oblast is only partly.
    """

    country: str
    subdivision: str | None = None
    locality: str | None = None


def resolve_place(value: object, *, field: str) -> Place:
    """Resolve a country or region given as text; raise a ValidationError otherwise."""
    country = lookup_country(value, field=field)  # refuses non-text, empty and long values
    assert isinstance(value, str)
    place = _place_of(value) if country is None else Place(country)
    if place is None:
        raise UnknownCountryError(field, value, suggest_countries(value))
    return place


def _place_of(value: str) -> Place | None:
    subdivision = _lookup_subdivision(value)
    if subdivision is None:
        return None
    named = not _SUBDIVISION_CODE.match(value)
    return Place(subdivision.split("-")[0], subdivision, " ".join(value.split()) if named else None)


def normalize_subdivision(value: object, *, field: str, country: str | None) -> str:
    """Resolve an ISO 3166-2 code or an embargoed region's name to an ISO 3166-2 code.

    When ``country`` is given the subdivision must lie in it.
    """
    if not isinstance(value, str):
        raise FieldTypeError(field, value, "a subdivision must be given as text")
    subdivision = _lookup_subdivision(value)
    if subdivision is None:
        raise ValidationError(field, value, "not an ISO 3166-2 subdivision code or known region")
    if country is not None and not subdivision.startswith(country + "-"):
        raise ValidationError(field, value, f"subdivision {subdivision} is not in {country}")
    return subdivision


@cache
def _subdivision_codes() -> frozenset[str]:
    return frozenset(subdivision.code for subdivision in pycountry.subdivisions)


def _lookup_subdivision(text: str) -> str | None:
    match = _SUBDIVISION_CODE.match(text)
    if match:
        code = f"{match.group(1)}-{match.group(2)}".upper()
        return code if code in _subdivision_codes() else None
    mention = region_named(text)
    return mention.region.subdivision if mention else None


def settle_place(
    field: str, sub_field: str, value: object, subdivision: object, locality: str | None
) -> tuple[str | None, str | None, str | None]:
    """Resolve a country (or region) field with its optional subdivision and locality.

    A region given as the country ("Crimea") fills in the subdivision and, when it was
    named rather than coded, the locality; an explicit subdivision must agree with it.
    """
    explicit = (
        None
        if subdivision is None
        else normalize_subdivision(subdivision, field=sub_field, country=None)
    )
    country: str | None = None
    if value is not None:
        place = resolve_place(value, field=field)
        country = place.country
        if place.subdivision is not None:
            if explicit is not None and explicit != place.subdivision:
                raise ValidationError(sub_field, subdivision, f"conflicts with {field}={value!r}")
            explicit = place.subdivision
        locality = locality or place.locality
    if explicit is not None:
        if country is not None and not explicit.startswith(country + "-"):
            raise ValidationError(
                sub_field, subdivision, f"subdivision {explicit} is not in {country}"
            )
        country = explicit.split("-")[0]
    return country, explicit, locality
