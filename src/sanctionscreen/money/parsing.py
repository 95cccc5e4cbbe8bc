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

import attrs
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
from .locales import (
    CYRILLIC_MARKS,
    NumberMarks,
    country_currencies,
    locale_currency_words,
    locale_scale_words,
    number_marks,
)
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
# "de"/"d'"/"of" join a scale word to its currency ("1,2 milliards d'euros").
# "+" before or after the digits is a plus sign or "more than" ("Rs. 55+ Crores").
_FILLERS = frozenset({"only", "/", ".", ",", ":", "॰", "de", "d", "'", "’", "of", "+"})
# Marks that end an amount with no minor units: Swiss "1'250.–", German "1.250,- €".
_NO_CENTS = re.compile(r"(?<=\d)[.,][-–—]{1,2}(?![\d\w])")
# A hyphen joining a scale or currency word to the number: "5-crore", "10-lakh".
_JOINED = re.compile(r"(?<=\d)[-–](?=[^\W\d_])")
# The Arabic comma and quotation marks written as grouping marks ("1،796", "30‘000").
_ARABIC_COMMA = re.compile(r"(?<=\d)،(?=\d{3})")
_QUOTE_GROUPS = re.compile(r"(?<=\d)[‘`´](?=\d{3})")
# Arabic decimal and thousands separators, written as the Latin marks they stand for.
_ARABIC_MARKS = str.maketrans({"٫": ".", "٬": ","})
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
    written = _plain(text)
    written, minor = _minor_units(written)  # "145 030 руб. 20 коп.": the kopecks apart
    if not _DIGIT.search(written):
        # An amount in words ("Rupees Five Lakh Forty Thousand Only") reads as in digits.
        written = words_as_digits(written, _documented_scales()) or written
    else:
        written = compound_as_digits(written, _any_exponent) or written  # "5 crore 50 lakh"
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
    # A minus sign, or accounting parentheses; "Rs :- 1,50,000/-" has no minus.
    if re.search(r"(?<!:)[-−–]\s*$", before) or (before.lstrip().startswith("(") and ")" in after):
        raise ValidationError(field, text, "must not be negative")
    tokens = [*_tokens(before), ("#", "#"), *_tokens(after)]
    currencies, scales, cyrillic = _read_words(tokens, text, field)
    alpha2 = None if country is None else normalize_country(country, field="country")
    code = _settle(currencies, alpha2, text, field, hint)
    places = frozenset({alpha2}) if alpha2 else frozenset(_currency_countries().get(code, ()))
    given = alpha2 is not None
    exponent = sum(_exponent(word, places, given, text, field) for word in scales)
    marks = CYRILLIC_MARKS if cyrillic else number_marks(alpha2) if alpha2 else None
    reading = _Reading(marks, alpha2 or _home_of(code), tuple(scales))
    value = _number(digits, reading, text, field)
    amount = value.scaleb(exponent)
    if minor is not None:
        cents, currencies = minor
        if code not in currencies or exponent or amount != amount.to_integral_value():
            raise ValidationError(field, text, f"the minor units do not belong to {amount} {code}")
        amount += cents
    # Plain digits, not "8.2E+10": amounts are shown and stored as written out.
    return Decimal(format(amount, "f")), code


_MINOR = re.compile(r"\s+(\d{1,2})\s*([^\W\d_][^\s\d.]*)\.?(?:\s+only)?\s*$", re.IGNORECASE)


def _minor_units(written: str) -> tuple[str, tuple[Decimal, frozenset[str]] | None]:
    """Split off a trailing count of minor units ("20 коп.", "29 kuruş", "50 paise")."""
    match = _MINOR.search(written)
    if match is None or not _DIGIT.search(written[: match.start()]):
        return written, None
    currencies = _subunit_words().get(_fold(match.group(2)))
    if currencies is None:
        return written, None
    return written[: match.start()], (Decimal(match.group(1)).scaleb(-2), currencies)


def _any_exponent(word: str) -> int | None:
    """A scale word's power of ten wherever it is written, if it has one (for amounts in parts)."""
    documented = _documented_scales().get(_fold(word))
    if documented is not None:
        return documented
    meanings = _locale_scales().get(_fold(word).strip(".'॰"), {})
    return next(iter(meanings)) if len(meanings) == 1 else None


def _plain(text: str) -> str:
    """Fold the text: compatibility forms, digits of any script as ASCII, no format marks."""
    folded = unicodedata.normalize("NFKC", text).translate(_ARABIC_MARKS)
    plain = "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch
        for ch in folded
        if unicodedata.category(ch) != "Cf"  # right-to-left and other invisible marks
    )
    plain = _QUOTE_GROUPS.sub("'", _ARABIC_COMMA.sub(",", plain))
    return _JOINED.sub(" ", _NO_CENTS.sub("", plain)).strip()


def _tokens(text: str) -> list[tuple[str, str]]:
    """Return (token as written, folded token) pairs; abbreviation dots ("руб.") go."""
    found = []
    for token in _words_with_marks(text):
        if token == ".":
            continue
        if token.endswith("$") and len(token) > 1 and _fold(token[:-1]) in _scale_words():
            found += [(token[:-1], _fold(token[:-1])), ("$", "$")]  # "5m$"
            continue
        found.append((token, _fold(token)))
    return found


def _words_with_marks(text: str) -> list[str]:
    """Split into tokens, keeping a word's combining vowel signs in it ("करोड़", "درهمًا")."""
    tokens: list[str] = []
    end = -1
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        glued = tokens and match.start() == end and (_is_mark(token[0]) or _is_mark(tokens[-1][-1]))
        if glued and (tokens[-1][-1].isalpha() or _is_mark(tokens[-1][-1])):
            tokens[-1] += token
        else:
            tokens.append(token)
        end = match.end()
    return tokens


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _fold(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _read_words(
    tokens: list[tuple[str, str]], text: str, field: str
) -> tuple[list[_Currency], list[str], bool]:
    """Return the currency readings, the scale words and whether the text is Cyrillic."""
    words, scales = _currency_words(), _scale_words()
    longest = max(len(key) for key in words)
    currencies: list[_Currency] = []
    scale_words: list[str] = []
    cyrillic = any(_is_cyrillic(written) for written, _ in tokens)
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
                scale_words.append(key)
                if len(scale_words) > _MAX_SCALE_WORDS:
                    raise ValidationError(field, text, "has too many scale words")
            elif _iso_code(written) is not None:
                currencies.append((frozenset({written}), None))
            elif key == "-" and position > 0 and tokens[position - 1][1] == "/":
                pass  # "Rs. 5000/-": the Indian way of closing an amount
            elif key not in _FILLERS:
                raise ValidationError(field, text, f"does not read as money: {written!r}")
            position += 1
    return currencies, scale_words, cyrillic


def _exponent(word: str, places: frozenset[str], country: bool, text: str, field: str) -> int:
    """The power of ten of a scale word, as written where the amount comes from.

    A word whose meaning depends on the language ("B" is a thousand in Turkish, "mil" a
    thousand in Spanish and Portuguese) takes the given country's meaning, else the
    documented one of ``amount_words.csv``, else the one the currency's countries share
    ("3 mil dólares" is 3,000); otherwise it is refused, naming the readings.
    """
    meanings = _locale_scales().get(word, {})
    local = {exponent for exponent, where in meanings.items() if where & places}
    if country and len(local) == 1:
        return local.pop()
    documented = _documented_scales().get(word)
    if documented is not None:
        return documented
    if len(local) == 1:
        return local.pop()
    if len(meanings) == 1:  # one meaning wherever CLDR writes it ("億" is 10^8)
        return next(iter(meanings))
    readings = ", ".join(f"10^{e} ({_users_of_scale(p)})" for e, p in sorted(meanings.items()))
    raise ValidationError(field, text, f"the scale word {word!r} may mean {readings}; give country=")


def _users_of_scale(places: frozenset[str]) -> str:
    ordered = sorted(places)
    shown = ", ".join(ordered[:3])
    return shown + (" ..." if len(ordered) > 3 else "")


@cache
def _mark_roles(word: str, place: str | None) -> Mapping[str, frozenset[str | None]]:
    """What "." and "," are where a scale word is written ("Mio.": German, "bn": English).

    Where the amount comes from (``place``) writes the word itself, its own marks count.
    """
    places = frozenset().union(*_locale_scales().get(word, {}).values())
    if place in places:
        places = frozenset({place})
    if places:
        found = [marks for place in sorted(places) if (marks := number_marks(place))]
    elif _is_cyrillic(word):
        found = [CYRILLIC_MARKS]
    else:
        found = [_ENGLISH_MARKS]  # the documented words are English ("crore", "mn")
    return {mark: frozenset(marks.role(mark) for marks in found) for mark in ".,"}


_ENGLISH_MARKS = NumberMarks(frozenset({"."}), frozenset({","}), ("en",))


def _iso_code(token: str) -> str | None:
    """Return a token written in capitals that is an ISO 4217 code ("XOF"), else None."""
    if len(token) == 3 and token.isascii() and token.isupper():
        return token if pycountry.currencies.get(alpha_3=token) is not None else None
    return None


def _is_cyrillic(token: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in token)


@attrs.frozen
class _Reading:
    """What settles a lone "." or ",": the marks in use, the place and the scale words."""

    marks: NumberMarks | None
    place: str | None
    scales: tuple[str, ...]


def _number(raw: str, reading: _Reading, text: str, field: str) -> Decimal:
    """Read the digits with their grouping; raise when the decimal separator is unclear.

    One separator followed by exactly three digits is where conventions clash: "1.500"
    is 1.5 in English and 1,500 in German, "1,500" is 1,500 in English and 1.5 in
    Russian (see :func:`_one_mark`). Other forms read the same in every convention.
    """
    if any(ch in raw for ch in " '’"):
        if not _SPACED.fullmatch(raw):
            raise ValidationError(field, text, f"the digits {raw!r} are not grouped in threes")
        if re.search(r"[.,]\d{3}$", raw):
            raise ValidationError(field, text, _unclear(raw, reading))
        raw = re.sub(r"['’ ]", "", raw)
    commas, dots = raw.count(","), raw.count(".")
    comma_decimal = reading.marks is not None and reading.marks.role(",") == "decimal"
    if commas + dots == 1 and re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", raw):
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


def _one_mark(raw: str, reading: _Reading, text: str, field: str) -> str:
    """Read "1.500" or "1,500": grouping or a decimal mark, as the writer's conventions say.

    Two things say it: the country's locales (or Cyrillic script), and the language of
    the scale words ("Mio." is German, "bn" English, "млн" Russian). The mark is read
    only when all that speaks agrees: grouping ("45.000 EUR" in Germany, "1.500 Mio.
    EUR"), or a decimal mark followed by a scale word ("1,5 млн", "Rs1.324tr"; three
    decimals of a currency alone are unlikely). Without a country or scale word, a
    comma groups (the English reading) unless the currency's own country writes it as
    its decimal mark ("R$ 7,189"); everything else is refused as ambiguous.
    """
    mark = "," if "," in raw else "."
    grouped, decimal = raw.replace(mark, ""), raw.replace(mark, ".")
    roles: set[str | None] = set()
    for word in reading.scales:
        roles |= _mark_roles(word, reading.place)[mark]
    if reading.marks is not None:
        roles.add(reading.marks.role(mark))
    elif not roles and mark == ",":
        home = number_marks(reading.place) if reading.place else None
        roles.add(None if home is not None and home.role(",") == "decimal" else "group")
    if roles == {"group"}:
        return grouped
    if roles == {"decimal"} and reading.scales and not raw.endswith("000"):
        return decimal  # "48.000 millones" is no decimal: nobody writes three zeros after it
    raise ValidationError(field, text, _unclear(raw, reading))


def _unclear(raw: str, reading: _Reading) -> str:
    where = ""
    if reading.marks is not None and reading.place is not None:
        where = f" even in {country_name(reading.place)} ({', '.join(reading.marks.locales)})"
    return (
        f"{raw!r} could be read two ways (1.500 is 1.5 or 1,500){where}; "
        "write it unambiguously"
    )


def _grouped(digits: str, mark: str) -> bool:
    """Whether the digits are grouped by ``mark`` in Western or Indian style (or not at all)."""
    if mark not in digits:
        return digits.isdigit()
    plain = digits.replace(mark, ",")
    return bool(_WESTERN.fullmatch(plain) or (mark == "," and _INDIAN.fullmatch(plain)))


def _settle(
    currencies: list[_Currency], country: str | None, text: str, field: str, hint: str | None
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
        users = _currency_countries()
        narrowed = [code for code in ordered if country in users.get(code, ())]
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


def _home_of(code: str) -> str | None:
    """The one country whose currency ``code`` is (BRL: Brazil), or None (EUR, USD...)."""
    users = _currency_countries().get(code, ())
    return users[0] if len(users) == 1 else None


# The currencies a token can mean, and the one it means when nothing says otherwise.
_Currency = tuple[frozenset[str], str | None]


@cache
def _currency_words() -> Mapping[tuple[str, ...], _Currency]:
    words: dict[tuple[str, ...], _Currency] = {}
    for row in read_table("currency_words.csv"):
        codes = frozenset(row["currencies"].split(";"))
        unknown = [c for c in codes if pycountry.currencies.get(alpha_3=c) is None]
        if unknown:
            raise DataError(f"currency_words.csv: {row['token']!r} names unknown codes {unknown}")
        default = row["default"] or None
        if default is not None and default not in codes:
            raise DataError(f"currency_words.csv: {row['token']!r} default is not a candidate")
        key = tuple(folded for _, folded in _tokens(_plain(row["token"])))
        if key in words:
            raise DataError(f"currency_words.csv: {row['token']!r} is listed twice")
        words[key] = (codes, default)
    # Symbols and names as each country's locales write them ("R$", "د.إ.", "сом"), from
    # CLDR: they widen a documented token's currencies and add the ones it lacks. A
    # symbol that is also a scale word ("K", kwacha or thousand) stays a scale word.
    for written, codes in locale_currency_words().items():
        key = tuple(folded for _, folded in _tokens(_plain(written)))
        if not key or (len(key) == 1 and (key[0] in _scale_words() or key[0] in _FILLERS)):
            continue
        known, default = words.get(key, (frozenset(), None))
        words[key] = (known | codes, default)
    return words


@cache
def _subunit_words() -> Mapping[str, frozenset[str]]:
    return {
        _fold(row["word"]): frozenset(row["currencies"].split(";"))
        for row in read_table("subunit_words.csv")
    }


@cache
def _documented_scales() -> Mapping[str, int]:
    scales = {}
    for row in read_table("amount_words.csv"):
        if not row["exponent"].isdigit():
            raise DataError(f"amount_words.csv: bad exponent for {row['word']!r}")
        scales[_fold(row["word"])] = int(row["exponent"])
    return scales


@cache
def _locale_scales() -> Mapping[str, Mapping[int, frozenset[str]]]:
    """CLDR's scale words, folded as tokens are ("Mio." is "mio"), with where each is meant."""
    folded: dict[str, dict[int, frozenset[str]]] = {}
    for written, meanings in locale_scale_words().items():
        key = _fold(written).strip(".'॰")
        if not key or len(_words_with_marks(key)) != 1:
            continue  # more than one token: not a word the reader meets on its own
        merged = folded.setdefault(key, {})
        for exponent, places in meanings.items():
            merged[exponent] = merged.get(exponent, frozenset()) | places
    return folded


@cache
def _scale_words() -> frozenset[str]:
    """Every scale word, documented or from CLDR."""
    return frozenset(_documented_scales()) | frozenset(_locale_scales())


@cache
def _currency_countries() -> Mapping[str, tuple[str, ...]]:
    """Each currency's countries: the documented table first, then CLDR's legal tender."""
    users = {
        row["currency"]: tuple(row["countries"].split(";"))
        for row in read_table("currency_countries.csv")
    }
    for code, places in country_currencies().items():
        users[code] = tuple(dict.fromkeys((*users.get(code, ()), *places)))
    return users
