"""Identifiers as lists publish them ("Tax ID No. 7701234567 (Russia)") to Identifier."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .._caching import cache
from .._data import read_table
from .._text import fold
from ..models import Identifier

__all__ = ["identifier", "identifier_in_text"]

_IMO = re.compile(r"^IMO\s*(\d{7})$", re.IGNORECASE)
# "<label> <value> (<country>)" with optional trailing "issued ..."/"expires ...".
_VALUE = re.compile(r"^\s*(?P<value>[^()]+?)\s*(?:\((?P<country>[^)]*)\))?\s*(?:issued|expires|$)")


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
    found = _label_pattern().match(item.strip())
    if found is None:
        return None
    # Punctuation that belongs to the label ("NIT #", "No.:") is dropped from the value.
    rest = item.strip()[found.end() :].lstrip("#:. ")
    match = _VALUE.match(rest)
    if match is None:
        return None
    country = resolve_country(match.group("country")) if match.group("country") else None
    return identifier(found.group(0), match.group("value"), country)


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
