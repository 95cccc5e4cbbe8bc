"""Amounts of money as people write them: "82 billion rupees", "Rs 8,200 crore", "1,5 млн руб.".

One amount per text: a number, scale words after it (thousand, lakh, crore, million,
billion, тыс., млн, млрд; "lakh crore" multiplies) and a currency before or after it, as
an ISO 4217 code ("INR", any code pycountry knows, in capitals), a symbol ("₹", "US$")
or a word in English or Russian ("rupees", "рублей"), from ``data/currency_words.csv``.

Ambiguity is an error, never a guess: "Rs" or "rupees" alone may be Indian, Pakistani,
Sri Lankan or Nepalese rupees, "¥" yen or yuan, "dirhams" the UAE's or Morocco's; give
``country=`` to settle it, or write the code. Three readings are documented defaults, as
in most trade records: "$" and "dollars" alone are US dollars, "£" is sterling, and
plain "rubles" are Russian rubles. Digit grouping may be Western ("8,200,000"),
Indian ("82,00,00,00,000"), with spaces or apostrophes ("1 250 000"), or with dots
("1.250.000"); a comma is the decimal separator when the text is Russian ("1,5 млн") or
when one comma has one or two digits after it ("1,5 million"); a single dot is always
a decimal point, except the period of an abbreviation run into the digits ("Rs.12").
An amount in English words ("Rupees Five Lakh Forty Thousand Only") is read as in
digits (:mod:`.words`). Negative, NaN and infinite amounts and floats are refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

import pycountry

from .._caching import cache
from .._data import read_table
from ..errors import (
    AmbiguousCurrencyError,
    DataError,
    FieldTypeError,
    InvalidCurrencyError,
    ValidationError,
)
from ..geography.countries import country_name, normalize_country
from .words import compound_as_digits, words_as_digits

__all__ = ["read_amount"]

_MAX_TEXT = 200
# A run of digits with grouping or decimal separators inside it (".5" included).
_NUMBER = re.compile(r"(?:[.,](?=\d))?\d(?:[\d,.'’ ]*\d)?")
_DIGIT = re.compile(r"\d")
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
# Tokens around the number: "US$"-style symbols, single CJK characters (万元 is two
# words), words of any script, or one symbol.
_TOKEN = re.compile(r"[^\W\d_]{1,4}\$|[\u3400-\u9fff]|[^\W\d_]+|\S")
# Words that add nothing to the amount: "Rs 5,000 only", "Rs. 5000/-".
_FILLERS = frozenset({"only", "/", ".", ",", ":"})
_MAX_SCALE_WORDS = 2

_WESTERN = re.compile(r"\d{1,3}(?:,\d{3})+")
_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})*,\d{3}")
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SPACED = re.compile(r"\d{1,3}(?:['’ ]\d{3})+(?:[.,]\d+)?")


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
    written = unicodedata.normalize("NFKC", text).strip()
    if not _DIGIT.search(written):
        # An amount in words ("Rupees Five Lakh Forty Thousand Only") reads as in digits.
        written = words_as_digits(written, _scale_words()) or written
    else:
        written = compound_as_digits(written, _scale_words()) or written  # "5 crore 50 lakh"
    numbers = list(_NUMBER.finditer(written))
    if not numbers:
        reason = "has no amount" if written else "is empty"
        if any(word in written.casefold() for word in ("nan", "inf")):
            reason = "must be a finite number"
        raise ValidationError(field, text, reason)
    if _SCIENTIFIC.search(written):
        raise ValidationError(field, text, "scientific notation is not accepted; write the digits")
    if len(numbers) > 1:
        raise ValidationError(
            field, text, "holds more than one number; give one amount ('INR 5.5 crore')"
        )
    number = numbers[0]
    digits, start = number.group(0), number.start()
    if digits[0] in ".," and start and written[start - 1].isalpha():
        # The period that ends an abbreviation run into the digits ("Rs.12 lakh",
        # "INR.5000") is the abbreviation's, not a decimal point: 12 lakh, not 0.12.
        digits, start = digits[1:], start + 1
    before, after = written[:start], written[number.end() :]
    if re.search(r"[-−–]\s*$", before) or (before.lstrip().startswith("(") and ")" in after):
        raise ValidationError(field, text, "must not be negative")
    tokens = [*_tokens(before), ("#", "#"), *_tokens(after)]
    currencies, exponent, russian = _read_words(tokens, text, field)
    value = _number(digits, russian=russian, text=text, field=field)
    code = _settle(currencies, country, text, field, hint)
    amount = value.scaleb(exponent)
    # Plain digits, not "8.2E+10": amounts are shown and stored as written out.
    return Decimal(format(amount, "f")), code


def _tokens(text: str) -> list[tuple[str, str]]:
    """Return (token as written, folded token) pairs; abbreviation dots ("руб.") go."""
    found = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token == ".":
            continue
        if token.endswith("$") and len(token) > 1 and _fold(token[:-1]) in _scale_words():
            found += [(token[:-1], _fold(token[:-1])), ("$", "$")]  # "5m$"
            continue
        found.append((token, _fold(token)))
    return found


def _fold(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _read_words(
    tokens: list[tuple[str, str]], text: str, field: str
) -> tuple[list[_Reading], int, bool]:
    """Return the currency readings, the power of ten and whether the text is Russian."""
    words, scales = _currency_words(), _scale_words()
    longest = max(len(key) for key in words)
    currencies: list[_Reading] = []
    exponent = 0
    scale_words = 0
    russian = any(_is_cyrillic(written) for written, _ in tokens)
    seen_number = False
    position = 0
    while position < len(tokens):
        written, key = tokens[position]
        if key == "#":
            seen_number = True
            position += 1
            continue
        for size in range(min(longest, len(tokens) - position), 0, -1):
            phrase = tuple(k for _, k in tokens[position : position + size])
            if phrase in words:
                currencies.append(words[phrase])
                position += size
                break
        else:
            if key in scales and seen_number:
                exponent += scales[key]
                scale_words += 1
                if scale_words > _MAX_SCALE_WORDS:
                    raise ValidationError(field, text, "has too many scale words")
            elif _iso_code(written) is not None:
                currencies.append((frozenset({written}), None))
            elif key == "-" and position > 0 and tokens[position - 1][1] == "/":
                pass  # "Rs. 5000/-": the Indian way of closing an amount
            elif key not in _FILLERS:
                raise ValidationError(field, text, f"does not read as money: {written!r}")
            position += 1
    return currencies, exponent, russian


def _iso_code(token: str) -> str | None:
    """Return a token written in capitals that is an ISO 4217 code ("XOF"), else None."""
    if len(token) == 3 and token.isascii() and token.isupper():
        return token if pycountry.currencies.get(alpha_3=token) is not None else None
    return None


def _is_cyrillic(token: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in token)


def _number(raw: str, *, russian: bool, text: str, field: str) -> Decimal:
    """Read the digits with their grouping; raise when the decimal separator is unclear.

    One separator followed by exactly three digits is where conventions clash: "1.500"
    is 1.5 in English and 1,500 in German, "1,500" is 1,500 in English and 1.5 in
    Russian. English grouping is assumed for a comma in text that is not Russian; every
    other such case is an error asking for the amount without ambiguity.
    """
    unclear = f"{raw!r} could be read two ways (1.500 is 1.5 or 1,500); write it unambiguously"
    if any(ch in raw for ch in " '’"):
        if not _SPACED.fullmatch(raw):
            raise ValidationError(field, text, f"the digits {raw!r} are not grouped in threes")
        if re.search(r"[.,]\d{3}$", raw):
            raise ValidationError(field, text, unclear)
        raw = re.sub(r"['’ ]", "", raw)
    commas, dots = raw.count(","), raw.count(".")
    three_after_one = commas + dots == 1 and re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", raw)
    if three_after_one and (dots or russian):
        raise ValidationError(field, text, unclear)
    comma_decimal = russian
    if commas and dots:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        whole, _, fraction = raw.rpartition(decimal_mark)
        if decimal_mark in whole or not _grouped(whole, group_mark):
            raise ValidationError(field, text, f"cannot read the digits {raw!r}")
        digits = whole.replace(group_mark, "") + "." + fraction
    elif commas:
        whole, _, fraction = raw.rpartition(",")
        if commas == 1 and (comma_decimal or len(fraction) in (1, 2)):
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


def _grouped(digits: str, mark: str) -> bool:
    """Whether the digits are grouped by ``mark`` in Western or Indian style (or not at all)."""
    if mark not in digits:
        return digits.isdigit()
    plain = digits.replace(mark, ",")
    return bool(_WESTERN.fullmatch(plain) or (mark == "," and _INDIAN.fullmatch(plain)))


def _settle(
    currencies: list[_Reading], country: object, text: str, field: str, hint: str | None
) -> str:
    if not currencies:
        raise InvalidCurrencyError(
            field, text, "has no currency: write a code (INR), a symbol (₹) or a word (rupees)"
        )
    candidates = frozenset.intersection(*(codes for codes, _ in currencies))
    if not candidates:
        named = " and ".join(sorted({"/".join(sorted(codes)) for codes, _ in currencies}))
        raise InvalidCurrencyError(field, text, f"names different currencies: {named}")
    if len(candidates) == 1:
        return next(iter(candidates))
    ordered = sorted(candidates)
    if country is not None:
        alpha2 = normalize_country(country, field="country")
        users = _currency_countries()
        narrowed = [code for code in ordered if alpha2 in users.get(code, ())]
        if len(narrowed) == 1:
            return narrowed[0]
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
    users = _currency_countries().get(code, ())
    return ", ".join(country_name(c) for c in users[:2]) or code


# The currencies a token can mean, and the one it means when nothing says otherwise.
_Reading = tuple[frozenset[str], str | None]


@cache
def _currency_words() -> Mapping[tuple[str, ...], _Reading]:
    words: dict[tuple[str, ...], _Reading] = {}
    for row in read_table("currency_words.csv"):
        codes = frozenset(row["currencies"].split(";"))
        unknown = [c for c in codes if pycountry.currencies.get(alpha_3=c) is None]
        if unknown:
            raise DataError(f"currency_words.csv: {row['token']!r} names unknown codes {unknown}")
        default = row["default"] or None
        if default is not None and default not in codes:
            raise DataError(f"currency_words.csv: {row['token']!r} default is not a candidate")
        key = tuple(folded for _, folded in _tokens(row["token"]))
        if key in words:
            raise DataError(f"currency_words.csv: {row['token']!r} is listed twice")
        words[key] = (codes, default)
    return words


@cache
def _scale_words() -> Mapping[str, int]:
    scales = {}
    for row in read_table("amount_words.csv"):
        if not row["exponent"].isdigit():
            raise DataError(f"amount_words.csv: bad exponent for {row['word']!r}")
        scales[_fold(row["word"])] = int(row["exponent"])
    return scales


@cache
def _currency_countries() -> Mapping[str, tuple[str, ...]]:
    return {
        row["currency"]: tuple(row["countries"].split(";"))
        for row in read_table("currency_countries.csv")
    }
