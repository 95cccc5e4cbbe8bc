"""Identifiers as lists publish them ("Tax ID No. 7701234567 (Russia)") to Identifier."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .._caching import cache
from .._data import read_table
from .._text import fold
from ..models import Identifier

__all__ = ["MAX_ITEM_LENGTH", "identifier", "identifier_in_text", "split_value"]

_IMO = re.compile(r"^IMO\s*(\d{7})$", re.IGNORECASE)
# What may follow a value (and its country): "... issued 2010", "... expires 2020".
_AFTER_VALUE = ("issued", "expires")
# A remark item longer than this is prose, not "<label> <value> (<country>)".
MAX_ITEM_LENGTH = 1_000


def identifier(
    label: str, value: str, country: str | None = None, *, scheme: str | None = None
) -> Identifier | None:
    """Return the Identifier for a published label and value, or None if not an identifier.

    ``country`` is ISO alpha-2 or None; ``scheme`` skips the label lookup when the
    format already says what the value is. Russian tax and registration numbers get
    their national schemes (INN, OGRN, OKPO), and "IMO 1234567" values the IMO scheme,
    whatever label they were published under.
    """
    scheme = scheme or _labels().get(fold(label))
    value = " ".join(value.split()).strip(" .;,")
    if scheme is None or not value:
        return None
    imo = _IMO.match(value)
    if imo:
        scheme, value = "IMO", imo.group(1)
    digits = "".join(ch for ch in value if ch.isdigit())
    if country == "RU":
        if scheme == "TAX_ID" and len(digits) in (10, 12):
            scheme = "INN"
        elif scheme == "REGISTRATION" and len(digits) == 13:
            scheme = "OGRN"
        elif scheme == "REGISTRATION" and len(digits) == 15:
            scheme = "OGRNIP"
        elif scheme == "GOVERNMENT_GAZETTE":
            scheme = "OKPO"
    if scheme == "LEGAL_ENTITY_NUMBER":
        scheme = "LEI" if re.fullmatch(r"[A-Z0-9]{20}", value.upper()) else "REGISTRATION"
    try:
        return Identifier(scheme, value, country=country)
    except ValueError:
        return None


def identifier_in_text(
    item: str, resolve_country: Callable[[str | None], str | None]
) -> Identifier | None:
    """Read one remark item such as "Passport A123 (Iran) expires 2020" as an Identifier."""
    if len(item) > MAX_ITEM_LENGTH:
        return None
    found = _label_pattern().match(item.strip())
    if found is None:
        return None
    # Punctuation that belongs to the label ("NIT #", "No.:") is dropped from the value.
    rest = item.strip()[found.end() :].lstrip("#:. ")
    split = split_value(rest)
    if split is None:
        return None
    value, written_country = split
    country = resolve_country(written_country) if written_country else None
    return identifier(found.group(0), value, country)


def split_value(text: str) -> tuple[str, str | None] | None:
    """Split "<value> (<country>) issued ..." into the value and the country as written.

    The value is the shortest start of ``text`` (no parentheses in it) after which come,
    spaces aside, an optional "(country)" and then "issued", "expires" or the end. Read
    in one pass over the text, however many spaces it holds.
    """
    size = len(text)
    # next_word[i]: the first position at or after i that is not a space.
    next_word = [size] * (size + 1)
    for i in range(size - 1, -1, -1):
        next_word[i] = next_word[i + 1] if text[i].isspace() else i
    start = next_word[0]
    end = start
    while end < size and text[end] not in "()":
        end += 1
    closing = text.find(")", end) if end < size and text[end] == "(" else -1
    for stop in range(start + 1, end + 1):
        after = next_word[stop]
        if after == end and closing >= 0 and _ends(text, next_word[closing + 1]):
            return text[start:stop].rstrip(), text[end + 1 : closing]
        if _ends(text, after):
            return text[start:stop].rstrip(), None
    return None


def _ends(text: str, at: int) -> bool:
    return at == len(text) or text.startswith(_AFTER_VALUE, at)


@cache
def _labels() -> Mapping[str, str]:
    return {fold(row["label"]): row["scheme"] for row in read_table("identifier_labels.csv")}


@cache
def _label_pattern() -> re.Pattern[str]:
    # Longest label first so "Registration ID" is not read as "Registration" + "ID ...".
    labels = sorted({row["label"] for row in read_table("identifier_labels.csv")}, key=len)
    alternatives = "|".join(
        r"\s+".join(map(re.escape, label.split())) for label in reversed(labels)
    )
    return re.compile(rf"(?:{alternatives})(?=[\s#:.]|$)", re.IGNORECASE)
