"""Amounts written in words or in parts, as invoices and cheques write them.

"Rupees Five Lakh Forty Thousand Only", "two hundred and fifty thousand dollars",
"Twelve Crore Thirty-Four Lakh": the run of number words is read as one number, in the
international system (thousand, million, billion) or the Indian one (thousand, lakh,
crore), and the amount is then read as if written in digits ("Rupees 540000 Only").
Number words are in ``data/number_words.csv``, scale words in ``data/amount_words.csv``.
A scale after a larger one adds to it ("five crore twenty lakh"); a scale after a
smaller one multiplies what came before ("one thousand crore" is 10,000,000,000).
An amount in parts, each in digits with its scale ("INR 5 Crore 50 Lakh"), is summed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from .._caching import cache
from .._data import read_table

__all__ = ["compound_as_digits", "words_as_digits"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Words allowed inside a run of number words: "one hundred and five".
_JOINERS = frozenset({"and"})
_HUNDRED = 100


def words_as_digits(text: str, scales: Mapping[str, int]) -> str | None:
    """Return ``text`` with its run of number words written in digits; None if it has none.

    ``scales`` maps (case-folded) scale words to their power of ten.
    """
    numbers = _number_words()
    words = list(_WORD.finditer(text))
    start = next((i for i, w in enumerate(words) if w.group(0).casefold() in numbers), None)
    if start is None:
        return None
    end = start
    for i in range(start, len(words)):
        word = words[i].group(0).casefold()
        if word in numbers or (word in scales and scales[word] >= 3):
            end = i
        elif word not in _JOINERS:
            break
    run = [w.group(0).casefold() for w in words[start : end + 1]]
    value = _value(run, numbers, scales)
    if value is None:
        return None
    return text[: words[start].start()] + str(value) + text[words[end].end() :]


def _value(run: list[str], numbers: Mapping[str, int], scales: Mapping[str, int]) -> int | None:
    total = current = 0
    last_scale = None
    for word in run:
        if word in _JOINERS:
            continue
        if word in numbers:
            value = numbers[word]
            if value == _HUNDRED:
                current = (current or 1) * _HUNDRED
            else:
                current += value
            continue
        exponent = scales[word]
        if last_scale is not None and exponent > last_scale:
            total = (total + current) * 10**exponent  # "one thousand crore"
        else:
            total += (current or 1) * 10**exponent
            last_scale = exponent
        current = 0
    return total + current


# A part of an amount in parts: digits (a decimal in one or two places: "635,8 milyar"),
# an Arabic "and" written onto them ("و724"), and the word after them.
_PART = re.compile(r"(?:و)?(\d+(?:[.,]\d{1,2})?)\s*([^\W\d_][^\s\d.,]*)\.?")
# What may stand between parts: spaces, commas and the word "and" of several languages.
_BETWEEN = re.compile(r"^(?:\s|,|and|и|y|e|ve|و)*$")
_REMAINDER = re.compile(r"\s*(\d+)(?![\d.,]*\s*[^\W\d_][^\s\d]*\s*\d)")


def compound_as_digits(text: str, exponent_of: Callable[[str], int | None]) -> str | None:
    """Return ``text`` with an amount in parts ("5 crore 50 lakh") as one number.

    Each part is digits and a scale word, the scales falling ("2 crore 35 lakh 60
    thousand", "96 milyar 776 milyon", "6万8800"), with only spaces, commas or "and"
    between, and an optional remainder below the last scale ("69 हजार 498");
    ``exponent_of`` gives a (case-folded) word's power of ten, or None for a word that
    is not a scale word. None when there is no such amount.
    """
    parts = []
    for match in _PART.finditer(text):
        exponent = exponent_of(match.group(2).casefold())
        if exponent is not None and exponent >= 3:
            parts.append((match, exponent))
    if len(parts) < 2 and not (parts and _REMAINDER.match(text, parts[0][0].end())):
        return None
    for (a, x), (b, y) in itertools.pairwise(parts):
        if x <= y or not _BETWEEN.match(text[a.end() : b.start()]):
            return None
    total = sum((Decimal(m.group(1).replace(",", ".")).scaleb(e) for m, e in parts), Decimal(0))
    end = parts[-1][0].end()
    remainder = _REMAINDER.match(text, end)
    if remainder is not None:
        rest = int(remainder.group(1))
        if rest >= 10 ** parts[-1][1]:
            return None
        total += rest
        end = remainder.end()
    return text[: parts[0][0].start()] + format(total, "f") + " " + text[end:].lstrip()


@cache
def _number_words() -> Mapping[str, int]:
    return {row["word"]: int(row["value"]) for row in read_table("number_words.csv")}
