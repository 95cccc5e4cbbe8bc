"""Amounts written in words or in parts, as invoices, cheques and news write them.

"Rupees Five Lakh Forty Thousand Only", "двенадцать тысяч триста сорок пять рублей",
"96 milyar 776 milyon lira", "6万8800円", "9 करोड़ 98 लाख एक हजार रुपये", "mil 172
millones": one run of numbers (in digits or words) and scale words is read as one
number, and the amount is then read as if written in digits. Number words are in
``data/number_words.csv`` (English, Russian, Hindi, Turkish, Spanish, French, German,
Arabic); scale words come from the caller. A scale after a larger one adds to it ("five
crore twenty lakh"); a scale after a smaller one multiplies what came before ("one
thousand crore", "dos mil 450 millones"); digits after the last scale are a remainder
below it ("69 हजार 498").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal

from .._caching import cache, lru_cache
from .._data import read_table
from .vocabulary import glued_spans

__all__ = ["UNSURE", "amount_as_digits", "is_number_word", "number_in", "trailing_number"]

# Numbers in digits (a decimal in one or two places, "635,8"), words, or one symbol.
_VINGT = frozenset({"vingt", "vingts"})
# A Chinese or Japanese character is a word of its own ("3千5百万円").
_ITEM = re.compile(r"\d+(?:[.,]\d+)*|[\u3400-\u9fff]|[^\W\d_]+|\S")
_SMALL_DECIMAL = re.compile(r"\d+(?:[.,]\d{1,2})?")
# Words allowed inside a run: "one hundred and five", "сто и пять", "mil y", "و" (Arabic).
# A period after an abbreviated scale word ("2 mlrd. 730 mln.") joins too.
_JOINERS = frozenset({"and", "и", "y", "e", "ve", "und", "et", "و", "-", ".", ","})
_ARABIC_AND = "و"
_HUNDRED = 100
_ONE = Decimal(1)
_UNIT = 9
_MYRIAD = 4  # 万: the largest scale a remainder may follow
# Arabic dual-looking forms: a number before them makes them accusative ("724 ملياراً").
_DUAL_LOOKING = frozenset({"الفا", "مليونا", "مليارا"})
_LAST_TEN = 90
_MIN_SCALE = 1  # 十 and 百 are scales in Chinese and Japanese (3千5百万, 二十五万)
# Scales after which a larger one multiplies all that came before: "dos mil 450
# millones" is 2,450 millions in Spanish, as "deux mille cinq cents millions" in French;
# 万 and 亿 multiply the whole number below them in Chinese and Japanese (二十五万).
_MULTIPLIED_BY_LARGER = frozenset({"mil", "mille", "十", "百", "千"})
# In Indian English and Hindi a thousand is counted in crore and lakh as well ("one
# thousand thirty-three crore", "12 हजार करोड़").
_THOUSAND_WORDS = frozenset({"thousand", "thousands", "हजार"})
_INDIAN_SCALES = frozenset(
    {"crore", "crores", "cr", "lakh", "lakhs", "lac", "lacs", "arab", "करोड", "लाख", "अरब"}
)
# A scale word of unsure size where the amount was written (see scales.scale_meaning).
UNSURE = -1
_WHOLE_WORD = 3


def amount_as_digits(text: str, exponent_of: Callable[[str], int | None]) -> str | None:
    """Return ``text`` with its amount in words or in parts written in digits, or None.

    ``exponent_of`` gives a folded word's power of ten, or None for a word that is not a
    scale word. A run qualifies when it has a number word, or two numbers in digits and
    a scale word ("5 crore 50 lakh"); a lone "5 crore" is left to the caller. None when
    no run qualifies, or when two do (two amounts are the caller's error to report).
    """
    if not _may_hold_parts(text, exponent_of):
        return None  # the common case, one number in digits: spare the tokenizing
    runs = [run for run in _runs(text, exponent_of) if _qualifies(run)]
    if not runs and not any(ch.isdigit() for ch in text):
        # A scale word alone states the amount: "تريليون درهم", "a million dollars".
        runs = [run for run in _runs(text, exponent_of) if {k for k, *_ in run} == {"scale"}]
    if len(runs) != 1:
        return None
    run = runs[0]
    value = _value(run)
    if value is None:
        return None
    start, end = run[0][1], run[-1][2]
    return text[:start] + format(value, "f") + " " + text[end:].lstrip()


_DIGIT_RUN = re.compile(r"\d(?:[\d,.'’ ]*\d)?")  # "1 250 000,50" is one
_WORD = re.compile(r"[^\W\d_]+")


def _may_hold_parts(text: str, exponent_of: Callable[[str], int | None]) -> bool:
    """Whether ``text`` may hold an amount in words or parts (a cheap check first)."""
    if len(_DIGIT_RUN.findall(text)) != 1:
        return True
    words = [_fold(word) for word in _WORD.findall(text)]
    if any(word in _number_words() for word in words):
        return True
    first = _WORD.match(text.lstrip())
    return (
        first is not None
        and len(first.group(0)) >= _WHOLE_WORD
        and (exponent_of(first.group(0)) or 0) >= _MIN_SCALE
    )


def is_number_word(word: str) -> bool:
    """Return whether ``word`` is a number word of some language ("cents" is 100 in French)."""
    return _fold(word) in _number_words()


def number_in(text: str, exponent_of: Callable[[str], int | None]) -> Decimal | None:
    """Return the one number ``text`` states in words or digits (for "(Rupees Ten Only)")."""
    written = amount_as_digits(text, exponent_of) or text
    numbers = re.findall(r"\d[\d,.'’ ]*\d|\d", written)
    if len(numbers) != 1:
        return None
    digits = numbers[0].replace(" ", "").replace("'", "").replace("’", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})*,\d{3}(?:\.\d+)?", digits):
        digits = digits.replace(",", "")
    try:
        return Decimal(digits)
    except ArithmeticError:
        return None


def trailing_number(
    text: str, exponent_of: Callable[[str], int | None]
) -> tuple[int, Decimal] | None:
    """Return where the number that ends ``text`` starts, and its value ("... 50", "двадцать")."""
    runs = _runs(text, exponent_of)
    if not runs or runs[-1][-1][2] != len(text.rstrip()):
        return None
    run = runs[-1]
    scales = [i for i, item in enumerate(run) if item[0] == "scale"]
    if scales:
        run = _trim_front(run[scales[-1] + 1 :])  # "Rs 5 crore 20": the 20 alone
    joins = [i for i, item in enumerate(run) if item[0] == "and"]
    value = _value(run) if run else None
    if value is None and joins:
        run = _trim_front(run[joins[-1] + 1 :])  # "Rs 100 and 5 paise": the 5 alone
        value = _value(run) if run else None
    return None if value is None else (run[0][1], value)


def _trim_front(run: list[_Item]) -> list[_Item]:
    while run and run[0][0] == "and":
        run = run[1:]
    return run


# An item: (kind, start, end, value, folded word); kind is "digits", "word" (a number
# word), "scale" (value: its power of ten), "unsure" (a scale word the place leaves
# open) or "and".
_Item = tuple[str, int, int, Decimal, str]


def _runs(text: str, exponent_of: Callable[[str], int | None]) -> list[list[_Item]]:
    """Split ``text`` into runs of numbers and scale words, joiners inside them."""
    runs: list[list[_Item]] = []
    current: list[_Item] = []
    for start, end, token in _tokens(text):
        item = _classify(token, start, end, exponent_of)
        if item is None:
            if current:
                runs.append(_trim(current))
            current = []
        elif item[0] != "and" or current:
            current.append(item)
    if current:
        runs.append(_trim(current))
    return [run for run in runs if run]


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Tokens with their places, marks glued to their words; "quatre-vingt(s)" is one."""
    found: list[tuple[int, int, str]] = []
    spans = (
        [(m.start(), m.end(), m.group(0)) for m in _ITEM.finditer(text)]
        if text.isascii()  # no combining marks to glue
        else glued_spans(_ITEM.finditer(text))
    )
    for start, end, token in spans:
        before = [t for _, _, t in found[-2:]]
        if _fold(token) in _VINGT and (before[-1:] == ["quatre"] or before == ["quatre", "-"]):
            first = -len(before) if before[-1] == "-" else -1
            start = found[first][0]
            del found[first:]
            token = "quatre-vingt"  # 80
        found.append((start, end, token))
    return found


def _classify(
    token: str, start: int, end: int, exponent_of: Callable[[str], int | None]
) -> _Item | None:
    if token[0].isdigit():
        if not _SMALL_DECIMAL.fullmatch(token):
            return None  # grouped digits ("1,50,000") are read by the caller
        return ("digits", start, end, Decimal(token.replace(",", ".")), token)
    key = _fold(token)
    if key in _JOINERS:
        return ("and", start, end, Decimal(0), key)
    if key.startswith(_ARABIC_AND) and len(key) > 1 and _known(token[1:], exponent_of):
        key, token = key[1:], token[1:]  # "وثلاثة": "and three" written as one word
    numbers = _number_words()
    if key in numbers:
        return ("word", start, end, Decimal(numbers[key]), key)
    exponent = exponent_of(token)  # as written: the scale tables fold it their own way
    if exponent == UNSURE:
        return ("unsure", start, end, Decimal(0), key)
    if exponent is not None and exponent >= _MIN_SCALE:
        return ("scale", start, end, Decimal(exponent), key)
    return None


def _known(word: str, exponent_of: Callable[[str], int | None]) -> bool:
    return _fold(word) in _number_words() or (exponent_of(word) or 0) >= _MIN_SCALE


def _trim(run: list[_Item]) -> list[_Item]:
    while run and run[-1][0] == "and":
        run.pop()
    return run


def _qualifies(run: list[_Item]) -> bool:
    kinds = [kind for kind, *_ in run]
    if "word" in kinds:
        return True
    # "mil 890 pesos": a scale word first states its own count (one thousand); a letter
    # or two before the digits is a symbol's business ("N262bn"), not a scale.
    counted = kinds[0] == "scale" and run[0][2] - run[0][1] >= _WHOLE_WORD
    return kinds.count("digits") + counted >= 2 and "scale" in kinds


def _value(run: list[_Item]) -> Decimal | None:
    """Read a run as one number; None when it is not one ("40 и 46", "ten ten").

    Each scale word closes a part; a larger scale after smaller ones takes them in
    ("1亿2千万" is 1亿 + 2千万; "dos mil 450 millones" is 2,450 millones), but only
    right after another scale ("lakh crore") or after the scales that do so in their
    language, with no joiner between ("5 mil - 10 millones" is a range).
    """
    parts: list[tuple[int, Decimal]] = []  # (power of ten, value) of the closed parts
    current = Decimal(0)
    last_word: Decimal | None = None  # the last number word added, for their order
    last_scale = ""
    previous: _Item | None = None
    joined = False  # a joiner since the last scale
    remainder = True  # whether trailing digits may be the last scale's remainder
    cjk = any(kind == "scale" and _is_cjk(key) for kind, *_, key in run)
    for item in run:
        kind, start, _, value, key = item
        if cjk and previous is not None and start > previous[2]:
            return None  # Chinese and Japanese numbers have no spaces: "3千 5万" is two
        if kind == "and":
            # Between parts ("5 crore and 10 crore"), not inside a number ("thirty-three").
            joined = joined or (previous is not None and previous[0] != "word")
            continue
        if kind == "unsure" or not _may_follow(previous, item):
            return None
        if kind == "digits":
            current = value
            if previous is not None and previous[0] == "scale":
                remainder = _remainder_allowed(previous, start, parts, joined)
        elif kind == "word":
            after_word = previous is not None and previous[0] == "word"
            if after_word and not _in_order(last_word, value, key):
                return None  # "twelve fifty", "двести триста": no one number
            if value == _HUNDRED and current >= _HUNDRED:
                return None  # "five hundred and six hundred"
            current = (current or _ONE) * _HUNDRED if value == _HUNDRED else current + value
            last_word = value
        else:
            taken = _close(parts, (int(value), key), current, previous, last_scale, joined)
            if taken is None:
                return None
            parts = taken
            current, last_word, last_scale, joined = Decimal(0), None, key, False
            remainder = True
        previous = item
    if not remainder or (parts and current != current.to_integral_value()):
        return None  # digits after the last scale that cannot be its remainder
    return sum((v for _, v in parts), Decimal(0)) + current


def _may_follow(previous: _Item | None, item: _Item) -> bool:
    """Whether ``item`` may come next in one number."""
    kind, _, _, _, key = item
    if previous is None:
        # "mil 890 pesos", "ألف و واحد", "万": a scale first counts one; "thousand 500"
        # does not, and "مليونا" (two million, dual) is not "a million".
        return kind != "scale" or (_states_its_count(key) and key not in _DUAL_LOOKING)
    before = previous[0]
    if before in ("digits", "word") and kind in ("digits", "word"):
        return before == kind == "word"  # two numbers side by side, unless words
    return True


def _remainder_allowed(
    previous: _Item, start: int, parts: list[tuple[int, Decimal]], joined: bool
) -> bool:
    """Whether digits after the last scale may be its remainder.

    Below a thousand or a myriad and set apart ("69 हजार 498", "6万8800"), but not
    after a joiner or a larger scale ("5 million, 2023") nor glued on ("5m3", cubic
    metres).
    """
    glued = start == previous[2] and not _is_cjk(previous[4])
    return parts[-1][0] <= _MYRIAD and not joined and not glued


def _close(
    parts: list[tuple[int, Decimal]],
    scale: tuple[int, str],
    current: Decimal,
    previous: _Item | None,
    last_scale: str,
    joined: bool,
) -> list[tuple[int, Decimal]] | None:
    """Close a part with a scale word; None when the scales say two amounts."""
    exponent, key = scale
    smaller = [part for part in parts if part[0] < exponent]
    if not smaller:
        if parts and parts[-1][0] == exponent:
            return None  # "5 crore and 10 crore"
        return [*parts, (exponent, (current or _ONE).scaleb(exponent))]
    adjacent = previous is not None and previous[0] == "scale"
    indian = last_scale in _THOUSAND_WORDS and key in _INDIAN_SCALES  # "one thousand 33 crore"
    if joined or not (adjacent or last_scale in _MULTIPLIED_BY_LARGER or indian):
        return None  # "50 lakh 5 crore": scales that rise are no one amount
    taken = sum((v for _, v in smaller), Decimal(0)) + current
    return [*(part for part in parts if part[0] >= exponent), (exponent, taken.scaleb(exponent))]


def _states_its_count(key: str) -> bool:
    return key in _MULTIPLIED_BY_LARGER or not key.isascii()


def _is_cjk(key: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in key)


def _in_order(last: Decimal | None, value: Decimal, key: str) -> bool:
    """Whether a number word may follow the last one.

    Falling ("twenty five", "сто два"), or, in Arabic, a ten after a unit ("ثلاثة
    وعشرون", three and twenty).
    """
    if last is None or value == _HUNDRED or value < last:
        return True
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in key)
    return arabic and 1 <= last <= _UNIT and value % 10 == 0 and 10 <= value <= _LAST_TEN


# Unlike vocabulary.fold, the Arabic hamza goes too: number words are written with and
# without it ("أربعة", "اربعة"), and none is told from another by it.
@lru_cache(maxsize=8192)  # few distinct words; folding is the hot path
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _number_words() -> Mapping[str, int]:
    return {_fold(row["word"]): int(row["value"]) for row in read_table("number_words.csv")}
