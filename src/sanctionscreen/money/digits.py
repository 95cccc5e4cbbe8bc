"""Digits as written: grouping and decimal marks, and when a lone "." or "," is which.

"1.500" is 1.5 in English and 1,500 in German; "1,500" the other way round. The
country's locales, the script and the scale words' language settle it (see
:func:`read_digits`); what none of them settles is refused, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

import attrs

from .._caching import cache
from ..errors import ValidationError
from ..geography.countries import country_name
from .locales import CYRILLIC_MARKS, NumberMarks, number_marks
from .vocabulary import documented_scales, is_cyrillic, locale_scales

__all__ = ["DigitsReading", "read_digits", "two_readings"]

# Grouped digits never start with a zero: "0,500" is half of something, or unclear.
_WESTERN = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_INDIAN = re.compile(r"[1-9]\d?(?:,\d{2})*,\d{3}")
_DOTTED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_SPACED = re.compile(r"[1-9]\d{0,2}(?:['’ ]\d{3})+(?:[.,]\d+)?")
# One mark before exactly three digits: "1.500", "1,500", where conventions clash.
_ONE_MARK = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")


@cache
def _mark_roles(word: str, place: str | None) -> Mapping[str, frozenset[str | None]]:
    """Return what "." and "," are where a scale word is written ("Mio.": German, "bn": English).

    Where the amount comes from (``place``) writes the word itself, its own marks count;
    elsewhere a documented word ("trillion", "crore", "млн") has its documented language's;
    with no place, every language that writes the word counts ("millions": English, French).
    """
    places = frozenset().union(*locale_scales().get(word, {}).values())
    if place in places:
        places = frozenset({place})
    elif place is not None and word in documented_scales():
        places = frozenset()  # a documented word is read as documented: English or Russian
    if places:
        found = [marks for place in sorted(places) if (marks := number_marks(place))]
    elif is_cyrillic(word):
        found = [CYRILLIC_MARKS]
    else:
        found = [_ENGLISH_MARKS]  # the documented words are English ("crore", "mn")
    return {mark: frozenset(marks.role(mark) for marks in found) for mark in ".,"}


_THREE = 3
_ENGLISH_MARKS = NumberMarks(frozenset({"."}), frozenset({","}), ("en",))


@attrs.frozen
class DigitsReading:
    """What settles a lone "." or ",": the marks in use, the place and the scale words."""

    marks: NumberMarks | None
    place: str | None
    scales: tuple[str, ...]
    minor_digits: int = 2
    given: bool = False  # whether ``place`` is the caller's country (else the currency's)
    users: tuple[str, ...] = ()  # the currency's countries, when it has no one home


def read_digits(raw: str, reading: DigitsReading, text: str, field: str) -> Decimal:
    """Read the digits with their grouping; raise when the decimal separator is unclear.

    One separator followed by exactly three digits is where conventions clash: "1.500"
    is 1.5 in English and 1,500 in German, "1,500" is 1,500 in English and 1.5 in
    Russian (see :func:`_one_mark`). Other forms read the same in every convention.
    """
    if any(ch in raw for ch in " '’"):
        if not _SPACED.fullmatch(raw):
            raise ValidationError(field, text, f"the digits {raw!r} are not grouped in threes")
        if re.search(r"[.,]\d{3}$", raw) and not _three_decimals(raw[-4], reading):
            raise ValidationError(field, text, _unclear(raw, reading))
        raw = re.sub(r"['’ ]", "", raw)
    commas, dots = raw.count(","), raw.count(".")
    comma_decimal = reading.marks is not None and reading.marks.role(",") == "decimal"
    if _ONE_MARK.fullmatch(raw):
        digits = _one_mark(raw, reading, text, field)
    elif commas and dots:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        whole, _, fraction = raw.rpartition(decimal_mark)
        if decimal_mark in whole or not _grouped(whole, group_mark):
            raise ValidationError(field, text, f"cannot read the digits {raw!r}")
        digits = whole.replace(group_mark, "") + "." + fraction
    elif commas:
        whole, _, fraction = raw.rpartition(",")
        # One comma with one or two digits after it is a decimal mark ("1,5 million");
        # with four or more, where the writer's country writes a decimal comma ("1,0969
        # CHF"), not where it groups in fours ("100,0000元" is a million in China).
        decimal_comma = comma_decimal or len(fraction) in (1, 2)
        if len(fraction) > _THREE and reading.marks is None:
            home = number_marks(reading.place) if reading.place else None
            decimal_comma = home is not None and home.role(",") == "decimal"
        if commas == 1 and decimal_comma:
            digits = whole + "." + fraction
        elif _grouped(raw, ","):
            digits = raw.replace(",", "")
        else:
            raise ValidationError(field, text, f"cannot tell the decimal separator in {raw!r}")
    elif dots > 1:
        if not _DOTTED.fullmatch(raw):
            raise ValidationError(field, text, f"cannot read the digits {raw!r}")
        digits = raw.replace(".", "")
    else:
        digits = raw
    try:
        return Decimal(digits)
    except InvalidOperation:
        raise ValidationError(field, text, f"cannot read the digits {raw!r}") from None


def _one_mark(raw: str, reading: DigitsReading, text: str, field: str) -> str:
    """Read "1.500" or "1,500": grouping or a decimal mark, as the writer's conventions say.

    Two things say it: the country's locales (or Cyrillic script), and the language of
    the scale words ("Mio." is German, "bn" English, "млн" Russian). The mark is read
    only when all that speaks agrees: grouping ("45.000 EUR" in Germany, "1.500 Mio.
    EUR"), or a decimal mark followed by a scale word ("1,5 млн", "Rs1.324tr"; three
    decimals of a currency alone are unlikely). The currency's own decimals settle it
    first: none means grouping ("¥1.500"), three a decimal where the country writes the
    mark so ("7.500 د.ب."). Without a country or scale word, a
    comma groups (the English reading) unless the currency's own country writes it as
    its decimal mark ("R$ 7,189"); everything else is refused as ambiguous.
    """
    mark = "," if "," in raw else "."
    grouped, decimal = raw.replace(mark, ""), raw.replace(mark, ".")
    if not reading.scales and reading.minor_digits == 0:
        return grouped  # a currency without minor units has no decimals: "¥1.500"
    if _three_decimals(mark, reading):
        return decimal  # "7.500 د.ب." in Bahrain: the dinar has three decimals
    roles: set[str | None] = set()
    for word in reading.scales:
        roles |= _mark_roles(word, reading.place)[mark]
    if reading.marks is not None:
        role = reading.marks.role(mark)
        if role is not None or not roles:
            roles.add(role)  # a mark the country never writes: the scale word's language says
    elif not roles and mark == ",":
        # The English reading, unless the currency's home writes a decimal comma ("R$
        # 7,189"), or, for a currency of several countries, any of them does ("1,250 €").
        homes = (reading.place,) if reading.place else reading.users
        writes_decimal_comma = any(
            (marks := number_marks(place)) is not None and marks.role(",") == "decimal"
            for place in homes
        )
        roles.add(None if writes_decimal_comma else "group")
    if roles == {"group"}:
        return grouped
    if roles == {"decimal"} and reading.scales and not raw.endswith("000"):
        return decimal  # "48.000 millones" is no decimal: nobody writes three zeros after it
    raise ValidationError(field, text, _unclear(raw, reading))


def two_readings(raw: str) -> tuple[Decimal, ...]:
    """Return both readings of a lone mark before three digits ("1.000": 1000 and 1), if any."""
    if not _ONE_MARK.fullmatch(raw):
        return ()
    mark = "," if "," in raw else "."
    return Decimal(raw.replace(mark, "")), Decimal(raw.replace(mark, "."))


def _three_decimals(mark: str, reading: DigitsReading) -> bool:
    """Whether ``mark`` before three digits is a decimal mark of a three-decimal currency."""
    three = not reading.scales and reading.minor_digits == _THREE
    return three and reading.marks is not None and reading.marks.role(mark) == "decimal"


def _unclear(raw: str, reading: DigitsReading) -> str:
    where = ""
    if reading.marks is not None and reading.given and reading.place is not None:
        where = f" even in {country_name(reading.place)} ({', '.join(reading.marks.locales)})"
    elif reading.marks is not None:
        where = " even in Cyrillic text, where the comma is the decimal mark"
    return f"{raw!r} could be read two ways (1.500 is 1.5 or 1,500){where}; write it unambiguously"


def _grouped(digits: str, mark: str) -> bool:
    """Whether the digits are grouped by ``mark`` in Western or Indian style (or not at all)."""
    if mark not in digits:
        return digits.isdigit()
    plain = digits.replace(mark, ",")
    return bool(_WESTERN.fullmatch(plain) or (mark == "," and _INDIAN.fullmatch(plain)))
