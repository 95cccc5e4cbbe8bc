"""The words of money: currency symbols and names, scale words and minor units, as tokens.

Tables: ``currency_words.csv`` (documented tokens with their currencies and defaults),
``amount_words.csv`` (documented scale words), ``subunit_words.csv`` (kopecks, paise...)
and the CLDR tables of :mod:`.locales`. Tokens are compared folded: no accents, case
folded, a word's combining vowel signs kept in it ("करोड़", "درهمًا").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

import pycountry

from .._caching import cache, lru_cache
from .._data import read_table
from ..errors import DataError
from .locales import country_currencies, locale_currency_words, locale_scale_words

__all__ = [
    "FILLERS",
    "NO_CURRENCY",
    "CurrencyReading",
    "currency_countries",
    "currency_words",
    "documented_scales",
    "documented_spellings",
    "fold",
    "glued_spans",
    "is_cyrillic",
    "iso_code",
    "issuer",
    "local_symbols",
    "locale_scales",
    "locale_scales_as_written",
    "minor_digits",
    "phrase_sizes",
    "plain",
    "scale_currencies",
    "scale_words",
    "slang_scales",
    "subunit_words",
    "tokens",
]

# Tokens around the number: "US$"-style symbols, single CJK characters (万元 is two
# words), words of any script, or one symbol.
_TOKEN = re.compile(r"[^\W\d_]{1,4}\$|[\u3400-\u9fff]|[^\W\d_]+|\S")
# Words that add nothing to the amount: "Rs 5,000 only", "Rs. 5000/-".
# "de"/"d'"/"of" join a scale word to its currency ("1,2 milliards d'euros").
# "+" before or after the digits is a plus sign or "more than" ("Rs. 55+ Crores").
# "@" is a unit price's "at" ("@1,000円").
FILLERS = frozenset({"only", "/", ".", ",", ":", "॰", "de", "d", "'", "’", "of", "+", "@"})
# Marks that end an amount with no minor units: Swiss "1'250.–", German "1.250,- €".
_NO_CENTS = re.compile(r"(?<=\d)[.,][-–—]{1,2}(?![\d\w])")
# A hyphen joining a scale or currency word to the number: "5-crore", "10-lakh".
_JOINED = re.compile(r"(?<=\d)[-–](?=[^\W\d_])")
# The Arabic comma and quotation marks written as grouping marks ("1،796", "30‘000").
_ARABIC_COMMA = re.compile(r"(?<=\d)،(?=\d{3})")
_QUOTE_GROUPS = re.compile(r"(?<=\d)[‘`´](?=\d{3})")
# Arabic decimal and thousands separators, written as the Latin marks they stand for.
_ARABIC_MARKS = str.maketrans({"٫": ".", "٬": ","})


def plain(text: str) -> str:
    """Fold the text: compatibility forms, digits of any script as ASCII, no format marks."""
    plain = unicodedata.normalize("NFKC", text)
    if not plain.isascii():  # ASCII has no other digits, Arabic marks or invisible marks
        plain = "".join(
            str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch
            for ch in plain.translate(_ARABIC_MARKS)
            if unicodedata.category(ch) != "Cf"  # right-to-left and other invisible marks
        )
        plain = _QUOTE_GROUPS.sub("'", _ARABIC_COMMA.sub(",", plain))
    plain = _abbreviations().sub(lambda m: " " + _written_out()[m.group(0).casefold()], plain)
    # "1.250,- €" and "1'250.–" are written with their no-cents mark as ",00" and ".00":
    # the mark says which of "." and "," is the decimal one.
    plain = _NO_CENTS.sub(lambda m: m.group(0)[0] + "00", plain)
    return _JOINED.sub(" ", plain).strip()


@cache
def _written_out() -> Mapping[str, str]:
    return {
        row["abbreviation"].casefold(): row["written_out"]
        for row in read_table("amount_abbreviations.csv")
    }


@cache
def _abbreviations() -> re.Pattern[str]:
    """Abbreviations joining a scale and a currency ("550 mdd", "437MDH"), as whole words."""
    alternatives = "|".join(sorted(map(re.escape, _written_out()), key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)


def tokens(text: str) -> list[tuple[str, str]]:
    """Return (token as written, folded token) pairs; abbreviation dots ("руб.") go."""
    found = []
    for token in _words_with_marks(text):
        if token == ".":
            continue
        if token.endswith("$") and len(token) > 1 and fold(token[:-1]) in scale_words():
            found += [(token[:-1], fold(token[:-1])), ("$", "$")]  # "5m$"
            continue
        found.append((token, fold(token)))
    return found


def _words_with_marks(text: str) -> list[str]:
    """Split into tokens, keeping a word's combining vowel signs in it ("करोड़", "درهمًا")."""
    if text.isascii():  # no combining marks to glue
        return _TOKEN.findall(text)
    return [token for _, _, token in glued_spans(_TOKEN.finditer(text))]


def glued_spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int, str]]:
    """Return (start, end, token) of ``matches``, a word's combining marks glued to it.

    Regular expressions split "करोड़" at its vowel signs, which are no letters to them.
    """
    found: list[tuple[int, int, str]] = []
    for match in matches:
        token = match.group(0)
        last = found[-1][2][-1] if found else ""
        touching = bool(found) and found[-1][1] == match.start()
        if (
            touching
            and (_is_mark(token[0]) or _is_mark(last))
            and (last.isalpha() or _is_mark(last))
        ):
            start, _, glued = found.pop()
            found.append((start, match.end(), glued + token))
        else:
            found.append((match.start(), match.end(), token))
    return found


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


@lru_cache(maxsize=8192)  # few distinct words; folding is the hot path
def fold(token: str) -> str:
    """Return ``token`` case-folded without accents, as the tables are compared.

    The Arabic hamza stays: it tells "د.إ." (the UAE dirham) from "د.أ." (the Jordanian
    dinar).
    """
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(ch for ch in decomposed if ch in _HAMZA or not unicodedata.combining(ch))


_HAMZA = frozenset({"\u0654", "\u0655"})


def iso_code(token: str) -> str | None:
    """Return a token written in capitals that is an ISO 4217 code ("XOF"), else None."""
    if len(token) == 3 and token.isascii() and token.isupper() and token not in NO_CURRENCY:
        return token if pycountry.currencies.get(alpha_3=token) is not None else None
    return None


# ISO 4217 codes that name no currency: "no currency" and the code reserved for tests.
NO_CURRENCY = frozenset({"XXX", "XTS"})


def is_cyrillic(token: str) -> bool:
    """Return whether ``token`` has a Cyrillic letter."""
    return not token.isascii() and any("CYRILLIC" in unicodedata.name(ch, "") for ch in token)


# The currencies a token can mean, and the one it means when nothing says otherwise.
CurrencyReading = tuple[frozenset[str], str | None]


@cache
def currency_words() -> Mapping[tuple[str, ...], CurrencyReading]:
    """Return each documented or CLDR token (folded) with its currencies and default."""
    words = dict(_documented_currency_words())
    # Symbols and names as each country's locales write them ("R$", "د.إ.", "сом"), from
    # CLDR: they widen a documented token's currencies and add the ones it lacks ("K"
    # before a number is the kwacha or kyat; after it, a thousand).
    for written, codes in locale_currency_words().items():
        key = tuple(folded for _, folded in tokens(plain(written)))
        if not key or (len(key) == 1 and key[0] in FILLERS) or key in local_symbols():
            continue
        known, default = words.get(key, (frozenset(), None))
        words[key] = (known | codes, default)
    return words


@cache
def _documented_currency_words() -> Mapping[tuple[str, ...], CurrencyReading]:
    """Return the tokens of ``currency_words.csv`` (folded) with their currencies and default."""
    words: dict[tuple[str, ...], CurrencyReading] = {}
    for row in read_table("currency_words.csv"):
        codes = frozenset(row["currencies"].split(";"))
        unknown = [c for c in codes if pycountry.currencies.get(alpha_3=c) is None]
        if unknown:
            raise DataError(f"currency_words.csv: {row['token']!r} names unknown codes {unknown}")
        default = row["default"] or None
        if default is not None and default not in codes:
            raise DataError(f"currency_words.csv: {row['token']!r} default is not a candidate")
        key = tuple(folded for _, folded in tokens(plain(row["token"])))
        if key in words:
            raise DataError(f"currency_words.csv: {row['token']!r} is listed twice")
        words[key] = (codes, default)
    return words


@cache
def subunit_words() -> Mapping[str, frozenset[str]]:
    """Return each minor-unit word (folded) with the currencies it is a hundredth of."""
    return {
        fold(row["word"]): frozenset(row["currencies"].split(";"))
        for row in read_table("subunit_words.csv")
    }


@cache
def scale_currencies() -> Mapping[str, frozenset[str]]:
    """Return the documented scale words read so only with some currencies ("cr": rupees)."""
    return {
        fold(row["word"]): frozenset(row["currencies"].split(";"))
        for row in read_table("amount_words.csv")
        if row["currencies"]
    }


@cache
def documented_scales() -> Mapping[str, int]:
    """Return the documented scale words (folded) with their power of ten, slang apart."""
    scales = {}
    for row in read_table("amount_words.csv"):
        if not row["exponent"].isdigit():
            raise DataError(f"amount_words.csv: bad exponent for {row['word']!r}")
        if not row["usage"]:
            scales[fold(row["word"])] = int(row["exponent"])
    return scales


@cache
def slang_scales() -> Mapping[str, int]:
    """Return the scale words whose documented meaning is slang ("$5 mil"): never trusted alone."""
    return {
        fold(row["word"]): int(row["exponent"])
        for row in read_table("amount_words.csv")
        if row["usage"] == "slang"
    }


@cache
def documented_spellings() -> frozenset[str]:
    """Return the documented scale words as written, case kept ("bn", "млн", "Mio")."""
    return frozenset(row["word"] for row in read_table("amount_words.csv") if not row["usage"])


@cache
def locale_scales() -> Mapping[str, Mapping[int, frozenset[str]]]:
    """CLDR's scale words, folded as tokens are ("Mio." is "mio"), with where each is meant."""
    return _locale_scales_by(lambda written: fold(written).strip(".'॰"))


@cache
def locale_scales_as_written() -> Mapping[str, Mapping[int, frozenset[str]]]:
    """CLDR's scale words as spelt, case kept ("m" and "M" differ in Tongan)."""
    return _locale_scales_by(lambda written: written.strip(".'॰"))


def _locale_scales_by(
    key_of: Callable[[str], str],
) -> Mapping[str, Mapping[int, frozenset[str]]]:
    """CLDR's scale words under ``key_of`` their spelling, the meanings of those that meet merged.

    A key of more than one token is left out: not a word the reader meets on its own.
    """
    merged: dict[str, dict[int, frozenset[str]]] = {}
    for written, meanings in locale_scale_words().items():
        key = key_of(written)
        if not key or len(_words_with_marks(key)) != 1:
            continue
        found = merged.setdefault(key, {})
        for exponent, places in meanings.items():
            found[exponent] = found.get(exponent, frozenset()) | places
    return merged


@cache
def scale_words() -> frozenset[str]:
    """Every scale word, documented or from CLDR."""
    return frozenset(documented_scales()) | frozenset(slang_scales()) | frozenset(locale_scales())


@cache
def currency_countries() -> Mapping[str, tuple[str, ...]]:
    """Each currency's countries: the documented table first, then CLDR's legal tender."""
    users = dict(_documented_users())
    for code, places in country_currencies().items():
        users[code] = tuple(dict.fromkeys((*users.get(code, ()), *places)))
    return users


@cache
def _documented_users() -> Mapping[str, tuple[str, ...]]:
    return {
        row["currency"]: tuple(row["countries"].split(";"))
        for row in read_table("currency_countries.csv")
    }


def issuer(code: str) -> str | None:
    """Return the currency's home country, or None for a union's (the euro, the CFA franc).

    The documented first (the United States for the dollar), or its only country
    (Brazil for the real).
    """
    documented = _documented_users().get(code)
    if documented:
        return documented[0]
    users = currency_countries().get(code, ())
    return users[0] if len(users) == 1 else None


@cache
def phrase_sizes() -> Mapping[str, tuple[int, ...]]:
    """Return, for each first token of a currency phrase, the phrases' sizes, longest first."""
    sizes: dict[str, set[int]] = {}
    for key in currency_words():
        sizes.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()}


@cache
def minor_digits() -> Mapping[str, int]:
    """Return the currencies whose minor units are not hundredths: JPY 0, BHD 3..."""
    return {row["currency"]: int(row["digits"]) for row in read_table("currency_digits.csv")}


_SHORT_LATIN = re.compile(r"[A-Za-z]{1,2}\.?")


@cache
def local_symbols() -> Mapping[tuple[str, ...], frozenset[str]]:
    """Return CLDR's symbols of one or two Latin letters ("Ft", "Q", "FC", "Le", "kr").

    They are also units, articles and codes ("12 kg", "Q3", "Le 5"), so they name a
    currency only where the caller's country has it as legal tender (see parsing).
    Documented tokens ("Rs", "Dh") are read everywhere as documented.
    """
    documented = _documented_currency_words()
    found: dict[tuple[str, ...], frozenset[str]] = {}
    for written, codes in locale_currency_words().items():
        if not _SHORT_LATIN.fullmatch(written.strip()):
            continue
        key = tuple(folded for _, folded in tokens(plain(written)))
        if key and key not in documented:
            found[key] = found.get(key, frozenset()) | codes
    return found
