"""Country names and codes resolved to ISO 3166-1 alpha-2.

Accepted: ISO alpha-2, alpha-3 and numeric codes, the ISO short, official and common
names (from pycountry), the same names with a trailing ", Republic of" turned around,
and the aliases in ``data/country_aliases.csv`` (former names, abbreviations, local
spellings such as "Россия" or "Kirghizia"). Case, accents, dots and apostrophes do
not matter. Anything else is an :class:`UnknownCountryError` with close matches; the
resolver never guesses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pycountry
from rapidfuzz import fuzz, process

from .._caching import cache, lru_cache
from .._data import read_table
from .._text import fold, join_words, unique
from ..errors import DataError, FieldTypeError, UnknownCountryError, ValidationError
from .regions import region_named

__all__ = [
    "country_name",
    "country_names",
    "country_names_phrase",
    "is_country_code",
    "lookup_country",
    "normalize_country",
]

# Longer input cannot be a country name; refusing it keeps fuzzy suggestions cheap.
MAX_COUNTRY_LENGTH = 100

# Suggestions within this many points (of 100) of the best one are shown.
_SUGGESTION_SPREAD = 10

# Dots and apostrophes are dropped rather than split on, so "U.A.E." meets "UAE".
_DELETE = ".'\u2019\u02bc`"  # full stop, apostrophes (straight, curly, modifier), grave


def country_key(text: str) -> str:
    """Return the comparison key under which country names are indexed."""
    key = fold(text.replace("&", " and "), delete=_DELETE)
    # "The Gambia" and "Bahamas, The" are "Gambia" and "Bahamas".
    key = key[4:] if key.startswith("the ") else key
    return key[:-4] if key.endswith(" the") else key


def normalize_country(value: object, *, field: str = "country") -> str:
    """Resolve a country name or code to its ISO 3166-1 alpha-2 code.

    >>> normalize_country("Kyrgyz Republic")
    'KG'
    >>> normalize_country("Россия")
    'RU'

    Raises :class:`FieldTypeError` for a non-string and :class:`UnknownCountryError`
    (a ``ValueError``) naming ``field`` and the value when nothing matches.
    """
    code = lookup_country(value, field=field)
    if code is None:
        assert isinstance(value, str)  # lookup_country rejected everything else
        raise UnknownCountryError(field, value, suggest_countries(value), _region_hint(value))
    return code


def _region_hint(value: str) -> str:
    mention = region_named(value)
    if mention is None:
        return ""
    region = mention.region
    return (
        f"{value.strip()!r} is in {region.name} ({region.subdivision}), a region of "
        f"{country_name(region.subdivision[:2])}; Entity and Shipment accept it as a place"
    )


def lookup_country(value: object, *, field: str = "country") -> str | None:
    """Like :func:`normalize_country` but return ``None`` when nothing matches."""
    if not isinstance(value, str):
        raise FieldTypeError(field, value, "a country must be given as text")
    if not value.strip():
        raise ValidationError(field, value, "country is empty")
    if len(value) > MAX_COUNTRY_LENGTH:
        raise ValidationError(
            field, value, f"longer than {MAX_COUNTRY_LENGTH} characters, not a country"
        )
    return _code_of(value)


@lru_cache(maxsize=4096)  # a register writes the same few countries on every row
def _code_of(value: str) -> str | None:
    return _index().get(country_key(value))


def country_name(alpha2: str) -> str:
    """Return the common English name of an ISO alpha-2 code ("RU" -> "Russia")."""
    return _names()[alpha2]


def country_names_phrase(codes: Iterable[str], word: str = "and") -> str:
    """Name countries in a sentence: ("RU", "BY") -> "Russia and Belarus"."""
    return join_words((country_name(code) for code in unique(codes)), word)


def is_country_code(alpha2: str) -> bool:
    """Return whether ``alpha2`` is an assigned ISO 3166-1 alpha-2 code."""
    return alpha2 in _names()


def suggest_countries(value: str, *, limit: int = 3) -> tuple[tuple[str, str], ...]:
    """Return up to ``limit`` ``(alpha2, name)`` pairs that look like ``value``."""
    key = country_key(value[:MAX_COUNTRY_LENGTH])
    if len(key) < 3:
        return ()
    keys, codes = _suggestion_keys()
    found: list[tuple[str, str]] = []
    best = 0.0
    for _choice, score, position in process.extract(
        key, keys, scorer=_suggestion_score, processor=None, limit=limit * 4, score_cutoff=72
    ):
        best = max(best, score)
        code = codes[position]
        # Far weaker matches than the best are noise ("Rusia" is not "Persia").
        if score >= best - _SUGGESTION_SPREAD and all(code != seen for seen, _ in found):
            found.append((code, country_name(code)))
        if len(found) == limit:
            break
    return tuple(found)


def _suggestion_score(query: str, choice: str, **_: object) -> float:
    # WRatio alone rewards any shared word ("Georgia (US state)" ~ "Bolivia, State of");
    # averaging with the plain ratio keeps suggestions to names that look alike overall.
    return (fuzz.WRatio(query, choice) + fuzz.ratio(query, choice)) / 2


@cache
def _names() -> Mapping[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.alpha_2] = getattr(country, "common_name", None) or country.name
    # ISO names that read oddly in a compliance message get their usual English form.
    for row in read_table("country_aliases.csv"):
        if row["note"] == "common English name":
            names[row["alpha2"]] = row["alias"]
    return names


def country_names(alpha2: str) -> tuple[str, ...]:
    """Return the names and aliases of a country as written, without its ISO codes.

    Used to find a country named in free text, where "RU" or "643" would mostly be
    noise (a web domain, a house number) rather than the country.
    """
    return tuple(
        sorted({text for text, code, is_code in _entries() if code == alpha2 and not is_code})
    )


@cache
def _entries() -> tuple[tuple[str, str, bool], ...]:
    """Every (text, alpha2, is_code) the resolver knows: ISO data first, then aliases."""
    entries: list[tuple[str, str, bool]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("alpha_2", "alpha_3", "numeric"):
            entries.append((getattr(country, attr), code, True))
        for attr in ("name", "official_name", "common_name"):
            text = getattr(country, attr, None)
            if not text:
                continue
            entries.append((text, code, False))
            # "Korea, Republic of" is also written "Republic of Korea".
            head, sep, tail = text.partition(", ")
            if sep:
                entries.append((f"{tail} {head}", code, False))
    for row in read_table("country_aliases.csv"):
        code = row["alpha2"]
        if pycountry.countries.get(alpha_2=code) is None:
            raise DataError(f"country_aliases.csv: {row['alias']!r} names unknown code {code}")
        entries.append((row["alias"], code, False))
    return tuple(entries)


@cache
def _index() -> Mapping[str, str]:
    index: dict[str, str] = {}
    for text, code, _ in _entries():
        key = country_key(text)
        if key and index.setdefault(key, code) != code:
            raise DataError(f"country name {text!r} means both {index[key]} and {code}")
    return index


@cache
def _suggestion_keys() -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Codes are left out: a two-letter typo would "suggest" half the world.
    pairs = sorted((key, code) for key, code in _index().items() if len(key) > 3)
    return tuple(key for key, _ in pairs), tuple(code for _, code in pairs)
