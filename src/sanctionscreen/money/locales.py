"""How each country writes money, from CLDR: its number marks, currency symbols and scale words.

The tables are written from Babel's CLDR data by ``tools/make_locale_money.py``, for the
locales of each country's official languages, so the package needs no Babel at run time:

- a country settles what a lone "." or "," means: in Germany "45.000" is forty-five
  thousand, in India "1.500" is one and a half; where the country's locales disagree
  (Switzerland writes "1.5" in German and "1,5" in French) the mark stays ambiguous;
- a symbol can name different currencies in different countries ("$" is the peso in
  Mexico); each country's legal tender says which one it means there;
- a scale word can mean different powers of ten ("B" is a billion in English and a
  thousand in Turkish, "mil" a thousand in Spanish and Portuguese); the country, or the
  currency's own country, says which.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import attrs

from .._caching import cache
from .._data import read_table

__all__ = [
    "NumberMarks",
    "country_currencies",
    "locale_currency_words",
    "locale_scale_words",
    "number_marks",
]


@attrs.frozen
class NumberMarks:
    """The decimal and grouping marks a country's locales use, and which locales."""

    decimal: frozenset[str]
    group: frozenset[str]
    locales: tuple[str, ...]

    def role(self, mark: str) -> str | None:
        """Return "decimal" or "group" when the country's locales agree on ``mark``, else None."""
        if mark in self.decimal and mark not in self.group:
            return "decimal"
        if mark in self.group and mark not in self.decimal:
            return "group"
        return None


# Cyrillic text without a country: every Cyrillic-script locale in CLDR writes "1 250,5".
CYRILLIC_MARKS = NumberMarks(frozenset({","}), frozenset({" "}), ("ru", "uk", "be", "kk", "ky"))


def number_marks(country: str) -> NumberMarks | None:
    """Return the marks of ``country``'s locales (alpha-2), or None if CLDR has none."""
    return _marks().get(country)


@cache
def _marks() -> Mapping[str, NumberMarks]:
    found: dict[str, list[Mapping[str, str]]] = defaultdict(list)
    for row in read_table("locale_number_marks.csv"):
        found[row["country"]].append(row)
    return {
        country: NumberMarks(
            frozenset(_mark(r["decimal"]) for r in rows),
            frozenset(_mark(r["group"]) for r in rows),
            tuple(r["locale"] for r in rows),
        )
        for country, rows in found.items()
    }


def _mark(written: str) -> str:
    # No-break and narrow no-break spaces are grouping spaces; the text is NFKC-folded too.
    return " " if written.isspace() else written.replace("’", "'")


@cache
def country_currencies() -> Mapping[str, tuple[str, ...]]:
    """Return each currency's countries (alpha-2) from CLDR's legal tender data."""
    users: dict[str, list[str]] = defaultdict(list)
    for row in read_table("country_currencies.csv"):
        for code in row["currencies"].split(";"):
            users[code].append(row["country"])
    return {code: tuple(countries) for code, countries in users.items()}


@cache
def locale_currency_words() -> Mapping[str, frozenset[str]]:
    """Return each written symbol or name (as written) with the currencies it names."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in read_table("locale_currency_symbols.csv"):
        found[row["token"]].add(row["currency"])
    return {token: frozenset(codes) for token, codes in found.items()}


@cache
def locale_scale_words() -> Mapping[str, Mapping[int, frozenset[str]]]:
    """Return each scale word (as written) with its powers of ten and where each is meant."""
    found: dict[str, dict[int, frozenset[str]]] = defaultdict(dict)
    for row in read_table("locale_scale_words.csv"):
        countries = frozenset(row["countries"].split(";"))
        found[row["word"]][int(row["exponent"])] = countries
    return found
