"""Amounts of money as people write them: "82 billion rupees", "Rs 8,200 crore", "1,5 млн руб.".

One amount per text: a number, scale words after it (thousand, lakh, crore, тыс., млн,
Mio., milyar, 万...; "lakh crore" multiplies) and a currency before or after it, as an
ISO 4217 code ("INR", in capitals), a symbol ("₹", "US$", "R$") or a word ("rupees",
"рублей", "درهم"), from ``data/currency_words.csv`` and CLDR (:mod:`.vocabulary`,
:mod:`.locales`). Amounts in words, in parts, with minor units or stated twice are first
written in digits (:mod:`.words`); the digits are then read (:mod:`.digits`).

Ambiguity is an error, never a guess: "Rs" or "rupees" alone may be Indian, Pakistani,
Sri Lankan or Nepalese rupees, "¥" yen or yuan, "dirhams" the UAE's or Morocco's; give
``country=`` to settle it, or write the code. A few readings are documented defaults,
as in most trade records: "$" and "dollars" alone are US dollars, "£" is sterling, and
plain "rubles" are Russian rubles. The country also settles what its locales agree on:
the decimal and grouping marks, what a shared symbol ("$" in Mexico) and a scale word
("B" in Türkiye) mean there. The period of an abbreviation run into the digits
("Rs.12") is no decimal point. Negative, NaN and infinite amounts and floats are refused.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import NoReturn

from ..errors import (
    AmbiguousCurrencyError,
    FieldTypeError,
    InvalidCurrencyError,
    ValidationError,
)
from ..geography.countries import country_name, normalize_country
from .digits import DigitsReading, read_digits, two_readings
from .locales import CYRILLIC_MARKS, number_marks
from .scales import describe_readings, is_scale_word, scale_meaning
from .vocabulary import (
    FILLERS,
    CurrencyReading,
    currency_countries,
    currency_words,
    documented_scales,
    fold,
    is_cyrillic,
    iso_code,
    issuer,
    local_symbols,
    minor_digits,
    phrase_sizes,
    plain,
    scale_currencies,
    scale_words,
    subunit_words,
    tokens,
)
from .words import UNSURE, amount_as_digits, is_number_word, number_in, trailing_number

__all__ = ["read_amount"]

_MAX_TEXT = 200
# A run of digits with grouping or decimal separators inside it (".5" included).
_NUMBER = re.compile(r"(?:[.,](?=\d))?\d(?:[\d,.'’ ]*\d)?")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
_MAX_SCALE_WORDS = 2


def read_amount(
    text: object, *, country: object = None, field: str = "money", hint: str | None = None
) -> tuple[Decimal, str]:
    """Read one amount from text: its value and ISO 4217 code (see the module docstring).

    ``country`` (a name or code) settles an ambiguous currency word or symbol. Errors
    are :class:`~sanctionscreen.errors.ValidationError` subclasses naming ``field``:
    :class:`~sanctionscreen.errors.AmbiguousCurrencyError` lists the candidates and
    ends with ``hint`` (by default: give country= or write the code).
    """
    if isinstance(text, float):
        raise FieldTypeError(field, text, "floats are not accepted; give text such as 'USD 1.5'")
    if not isinstance(text, str):
        raise FieldTypeError(field, text, "must be text such as '82 billion rupees'")
    if len(text) > _MAX_TEXT:
        raise ValidationError(field, text, f"is longer than {_MAX_TEXT} characters")
    written = plain(text)
    if _SCIENTIFIC.search(written):
        raise ValidationError(field, text, "scientific notation is not accepted; write the digits")
    alpha2 = None if country is None else normalize_country(country, field="country")
    if not text.isascii() and any(unicodedata.category(ch) == "No" for ch in text):
        raise ValidationError(
            field, text, "has a superscript, subscript or fraction (¹, ½); write plain digits"
        )
    # The currencies named, looked for only when an amount in parts needs them.
    mentioned = _Later(lambda: _named_currencies(written))
    exponent_of = functools.partial(_part_exponent, country=alpha2, named=mentioned)
    written, stated = _stated_apart(written, exponent_of)  # "10,000/- (Rupees Ten Thousand)"
    written, minor = _minor_units(written, exponent_of)  # "145 030 руб. 20 коп."
    # An amount in words or in parts ("Rupees Five Lakh Forty Thousand Only", "5 crore
    # 50 lakh") reads as in digits.
    written = amount_as_digits(written, exponent_of) or written
    if not _DIGIT.search(written):
        for word in _WORD.findall(written):  # "tres mil euros": say which word is unsure
            if exponent_of(word) == UNSURE:
                _refuse_scale(word, alpha2, text, field)
    digits, before, after = _the_number(written, text, field)
    around = [*tokens(before), ("#", "#"), *tokens(after)]
    currencies, named, scales, cyrillic = _read_words(around, alpha2, text, field)
    if minor is not None and not currencies:
        if alpha2 is not None and not _tender(minor[1], alpha2):
            raise ValidationError(
                field, text, f"its minor unit is not a hundredth of {country_name(alpha2)}'s money"
            )
        currencies = [(minor[1], None)]  # "50 თეთრი": the minor unit names the currency
        named = ["its minor unit"]
    code = _settle(currencies, named, alpha2, text, field, hint)
    _check_rupee_abbreviations(scales, code, digits, text, field)
    exponent = sum(_exponent(word, alpha2, code, text, field) for word in scales)
    marks = CYRILLIC_MARKS if cyrillic else number_marks(alpha2) if alpha2 else None
    scaled = tuple(fold(w) for w in scales)
    reading = DigitsReading(
        marks,
        alpha2 or issuer(code),
        scaled,
        minor_digits().get(code, 2),
        alpha2 is not None,
        currency_countries().get(code, ()),
    )
    try:
        amount = read_digits(digits, reading, text, field).scaleb(exponent)
    except ValidationError:
        # "EUR 1.000 (one thousand euros)": the amount stated again settles the digits.
        readings = {value.scaleb(exponent) for value in two_readings(digits)}
        if stated is None or stated not in readings:
            raise
        amount = stated
    if minor is not None:
        cents, owners = minor
        if code not in owners or exponent or amount != amount.to_integral_value():
            raise ValidationError(field, text, f"the minor units do not belong to {amount} {code}")
        amount += cents
    if stated is not None and stated != amount:
        raise ValidationError(
            field,
            text,
            f"the amount in brackets ({stated:f}) is not the amount outside them ({amount:f})",
        )
    # Plain digits, not "8.2E+10": amounts are shown and stored as written out.
    return Decimal(format(amount, "f")), code


def _the_number(written: str, text: str, field: str) -> tuple[str, str, str]:
    """Return the one number in ``written`` and the text before and after it."""
    numbers = list(_NUMBER.finditer(written))
    if not numbers:
        reason = "has no amount" if written else "is empty"
        if any(word in written.casefold() for word in ("nan", "inf")):
            reason = "must be a finite number"
        raise ValidationError(field, text, reason)
    if len(numbers) > 1:
        raise ValidationError(
            field,
            text,
            f"holds more than one number ({', '.join(n.group(0) for n in numbers[:4])}); "
            "give one amount",
        )
    number = numbers[0]
    digits, start = number.group(0), number.start()
    if digits[0] in ".," and start and unicodedata.category(written[start - 1])[0] in "LMP":
        # The period that ends an abbreviation run into the digits ("Rs.12 lakh",
        # "INR.5000", Sinhala "රු.12", Panama's "B/.45") is the abbreviation's.
        digits, start = digits[1:], start + 1
    before, after = written[:start], written[number.end() :]
    # A minus sign, or accounting parentheses; "Rs :- 1,50,000/-" has no minus.
    if re.search(r"(?<!:)[-−–]\s*$", before) or (before.lstrip().startswith("(") and ")" in after):
        raise ValidationError(field, text, "must not be negative")
    return digits, before, after


_STATED = re.compile(r"\(([^()]*)\)")


def _stated_apart(
    written: str, exponent_of: Callable[[str], int | None]
) -> tuple[str, Decimal | None]:
    """Split off the amount stated again in brackets: "10,000/- (Rupees Ten Thousand Only)".

    Cheques, invoices and contracts state an amount twice, in digits and in words; both
    must agree. Only a bracket whose number can be read, beside an amount outside it,
    is split off (accounting brackets around the only amount still mean negative).
    """
    found = list(_STATED.finditer(written))
    if len(found) != 1:
        return written, None
    inside = found[0]
    outside = (written[: inside.start()] + " " + written[inside.end() :]).strip()
    stated = number_in(inside.group(1), exponent_of)
    if stated is None or number_in(outside, exponent_of) is None:
        return written, None
    # The words around the number in brackets stay: "(Rupees Ten Thousand Only)" may be
    # where the currency is named.
    words = _NUMBER.sub(" ", amount_as_digits(inside.group(1), exponent_of) or inside.group(1))
    return f"{outside} {words}".strip(), stated


_MINOR = re.compile(r"([^\W\d_][^\s\d.]*)\.?(?:\s+only)?\s*$", re.IGNORECASE)
_LAST_AND = re.compile(r"(?:\s+|^)(?:and|и)$", re.IGNORECASE)
_CENTS = 100


def _minor_units(
    written: str, exponent_of: Callable[[str], int | None]
) -> tuple[str, tuple[Decimal, frozenset[str]] | None]:
    """Split off a trailing count of minor units ("20 коп.", "двадцать копеек", "50 paise").

    What is left is the main amount ("145 030 руб.", "Rupees Forty Five Thousand"), or
    "0" when the amount is in minor units alone ("50 თეთრი").
    """
    match = _MINOR.search(written)
    if match is None:
        return written, None
    owners = subunit_words().get(fold(match.group(1)))
    head = written[: match.start()].rstrip()
    if owners is None or (is_number_word(match.group(1)) and not head[-1:].isdigit()):
        return written, None  # "deux cents": two hundred, not two cents ("90 Cent" is)
    found = trailing_number(head, exponent_of)
    if found is None or not 0 <= found[1] < _CENTS or found[1] != found[1].to_integral_value():
        return written, None
    main = _LAST_AND.sub("", head[: found[0]].rstrip())
    return (main if main.strip() else "0"), (found[1].scaleb(-2), owners)


class _Later:
    """A value worked out on first use, then kept (for one reading, not a cache)."""

    def __init__(self, work: Callable[[], frozenset[str]]) -> None:
        self._work: Callable[[], frozenset[str]] | None = work
        self._value: frozenset[str] = frozenset()

    def __call__(self) -> frozenset[str]:
        if self._work is not None:
            self._value, self._work = self._work(), None
        return self._value


def _part_exponent(
    word: str, country: str | None, named: Callable[[], frozenset[str]]
) -> int | None:
    """Return a scale word's power of ten in an amount in parts (see :mod:`.scales`).

    :data:`~.words.UNSURE` for a scale word whose meaning the place leaves open, so that
    the amount in parts is refused rather than read at the wrong size. ``named`` gives
    the currencies the text names, looked at only when a scale word needs them.
    """
    if not is_scale_word(word):
        return None  # most words: no need to look at the currencies named
    places, home = _where_written(named() if country is None else frozenset())
    exponent = scale_meaning(word, country=country, places=places, issuer=home)
    return UNSURE if exponent is None else exponent


def _named_currencies(written: str) -> frozenset[str]:
    """Return every currency the text names (before the amount is read)."""
    found = tokens(written)
    words, sizes = currency_words(), phrase_sizes()
    codes: set[str] = set()
    for position, (text, key) in enumerate(found):
        if iso_code(text) is not None:
            codes.add(text)
        for size in (n for n in sizes.get(key, ()) if n <= len(found) - position):
            reading = words.get(tuple(k for _, k in found[position : position + size]))
            if reading is not None:
                codes |= reading[0]
                break
    return frozenset(codes)


def _read_words(
    found: list[tuple[str, str]], country: str | None, text: str, field: str
) -> tuple[list[CurrencyReading], list[str], list[str], bool]:
    """Return the currency readings, their words, the scale words and whether it is Cyrillic.

    A symbol of one or two Latin letters ("Ft", "Q", "Le") names a currency only where
    ``country`` has it as legal tender; elsewhere it is a unit or a word ("12 kg").
    """
    words, scales, sizes = currency_words(), scale_words(), phrase_sizes()
    currencies: list[CurrencyReading] = []
    named: list[str] = []
    seen_scales: list[str] = []
    undecided: list[tuple[str, frozenset[str]]] = []
    cyrillic = any(is_cyrillic(written) for written, _ in found)
    seen_number = False
    position = 0
    while position < len(found):
        written, key = found[position]
        if key == "#":
            seen_number = True
            position += 1
            continue
        # A documented scale word after the number is a scale even where it is also a
        # symbol ("5 L" is lakh; "L 1,500" Honduran lempiras).
        first = 1 if seen_number and key in documented_scales() else 0
        for size in (n for n in sizes.get(key, ()) if first < n <= len(found) - position):
            phrase = tuple(k for _, k in found[position : position + size])
            if phrase in words:
                currencies.append(words[phrase])
                named.append(" ".join(w for w, _ in found[position : position + size]))
                position += size
                break
        else:
            local = _tender(local_symbols().get((key,), frozenset()), country)
            if local and key in scales and seen_number:
                undecided.append((written, local))  # "1.500,00 KM" marks, "LSL 1.23M" million
            elif local:
                currencies.append((local, None))
                named.append(written)
            elif key in scales and seen_number:
                seen_scales.append(written)
                if len(seen_scales) > _MAX_SCALE_WORDS:
                    raise ValidationError(field, text, "has too many scale words")
            elif iso_code(written) is not None:
                currencies.append((frozenset({written}), None))
                named.append(written)
            elif key == "/" and position + 1 < len(found) and found[position + 1][1] not in "-=":
                unit = found[position + 1][0]
                raise ValidationError(
                    field, text, f"is a price per unit ('/{unit}'), not an amount"
                )
            elif key == "+" and seen_number:
                raise ValidationError(
                    field, text, "'+' after the amount means more than it; give the amount"
                )
            elif key in "-=" and position > 0 and found[position - 1][1] in ("/", ":"):
                pass  # "Rs. 5000/-", "Rs :- 5000", "Rs. 600,000/=": closing an amount
            elif key not in FILLERS:
                raise ValidationError(field, text, f"does not read as money: {written!r}")
            position += 1
    for written, local in undecided:  # a symbol when nothing else names the currency
        if currencies:
            seen_scales.append(written)
        else:
            currencies.append((local, None))
            named.append(written)
    if len(seen_scales) > _MAX_SCALE_WORDS:
        raise ValidationError(field, text, "has too many scale words")
    return currencies, named, seen_scales, cyrillic


def _check_rupee_abbreviations(
    scales: list[str], code: str, digits: str, text: str, field: str
) -> None:
    """Refuse "CR" or "L" where they are not crore or lakh: a credit mark, litres."""
    for written in scales:
        only_with = scale_currencies().get(fold(written))
        if only_with is None:
            continue
        if code not in only_with:
            raise ValidationError(
                field,
                text,
                f"{written!r} after a {code} amount may be a credit mark or a unit, "
                "not crore or lakh; write the word out",
            )
        if "," in digits and "." in digits:
            raise ValidationError(
                field,
                text,
                f"{written!r} after '{digits}' reads as a credit mark on a statement "
                "as well as crore or lakh; write the word out",
            )


def _tender(codes: frozenset[str], country: str | None) -> frozenset[str]:
    """Return the currencies among ``codes`` that are legal tender in ``country``."""
    if country is None:
        return frozenset()
    users = currency_countries()
    return frozenset(code for code in codes if country in users.get(code, ()))


def _exponent(written: str, country: str | None, code: str, text: str, field: str) -> int:
    """Return a scale word's power of ten (see :mod:`.scales`), or refuse an unsure one."""
    places, home = _where_written(frozenset({code}))
    exponent = scale_meaning(written, country=country, places=places, issuer=home)
    if exponent is None:
        _refuse_scale(written, country, text, field)
    return exponent


def _where_written(codes: frozenset[str]) -> tuple[frozenset[str], str | None]:
    """Return the countries of ``codes`` and the home of the one currency, if one."""
    users = currency_countries()
    places = frozenset(place for code in codes for place in users.get(code, ()))
    return places, issuer(next(iter(codes))) if len(codes) == 1 else None


def _refuse_scale(written: str, country: str | None, text: str, field: str) -> NoReturn:
    """Refuse a scale word whose size the place leaves open, naming its readings."""
    where = "" if country is None else f" and {country_name(country)} does not settle it"
    settle = "give country=" if country is None else "write the amount in digits"
    raise ValidationError(
        field,
        text,
        f"the scale word {written!r} may mean {describe_readings(written)}{where}; {settle}",
    )


def _settle(
    currencies: list[CurrencyReading],
    named: list[str],
    country: str | None,
    text: str,
    field: str,
    hint: str | None,
) -> str:
    if not currencies:
        raise InvalidCurrencyError(
            field, text, "has no currency: write a code (INR), a symbol (₹) or a word (rupees)"
        )
    candidates = frozenset.intersection(*(codes for codes, _ in currencies))
    if not candidates:
        shown = " and ".join(
            f"{word!r} ({'/'.join(sorted(codes))})"
            for word, (codes, _) in zip(named, currencies, strict=True)
        )
        raise InvalidCurrencyError(field, text, f"names different currencies: {shown}")
    if len(candidates) == 1:
        return next(iter(candidates))
    ordered = sorted(candidates)
    narrowed = _tender(candidates, country)
    if len(narrowed) == 1:
        return next(iter(narrowed))
    # A documented default ("$" is US dollars) applies when nothing says otherwise.
    defaults = {default for codes, default in currencies if default in candidates}
    if len(defaults) == 1:
        return defaults.pop()
    shown = ", ".join(f"{code} ({_users_of(code)})" for code in ordered)
    settle = hint or ("give country= or write the code" if country is None else "write the code")
    raise AmbiguousCurrencyError(
        field, text, ordered, f"the currency is ambiguous: {shown}; {settle}"
    )


def _users_of(code: str) -> str:
    users = currency_countries().get(code, ())
    return ", ".join(country_name(c) for c in users[:2]) or code
