"""The UK Sanctions List (FCDO) as XML: the single UK designations list since 2026-01-28.

Root ``Designations`` (``DateGenerated`` dd/mm/yyyy) holds one ``Designation`` per
entry: ``UniqueID`` (e.g. "RUS0123", the entry id), ``Names/Name`` with ``Name1`` to
``Name6`` (``Name6`` is the family name, or the whole name of an entity or ship) and a
``NameType`` (primary name, primary name variation, alias) with an optional
``AliasStrength`` ("Low quality a.k.a" marks a weak alias), ``NonLatinNames``,
``RegimeName``, ``IndividualEntityShip``, ``DateDesignated``, ``Addresses`` and the
identifiers under ``IndividualDetails``, ``EntityDetails`` and ``ShipDetails``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import ListFormatError
from ..models import EntityKind, Identifier
from ._identifiers import identifier
from ._io import CountryResolver, parse_date, parse_xml, read_file, unique_entries
from .model import Address, Alias, AliasType, ListEntry, ListType, SanctionsList

__all__ = ["load_uk"]

URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
_KINDS = {
    "individual": EntityKind.PERSON,
    "entity": EntityKind.ORGANIZATION,
    "ship": EntityKind.VESSEL,
}
_LABELLED = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z .()/-]{0,40}?)\s*[:\-]\s*(?P<value>\S.*)$")


def load_uk(path: Path, *, max_bytes: int) -> SanctionsList:
    """Load the UK Sanctions List XML."""
    raw, source = read_file(path, max_bytes=max_bytes)
    root = parse_xml(raw, path)
    if root.tag != "Designations":
        raise ListFormatError(path, f"not the UK Sanctions List: root is <{root.tag}>")
    generated = _text(root, "DateGenerated")
    countries = CountryResolver()
    entries = unique_entries(
        path,
        (
            (None, _entry(node, path, position, countries))
            for position, node in enumerate(root.findall("Designation"), start=1)
        ),
        label="UniqueID",
    )
    return SanctionsList(
        name="UK Sanctions List",
        publisher="UK Foreign, Commonwealth and Development Office",
        list_type=ListType.SANCTIONS,
        format="uk",
        entries=tuple(entries),
        source_url=URL,
        published=_date(generated, path),
        files=(source,),
        notes=tuple(countries.note()),
    )


def _entry(node: Any, path: Path, position: int, countries: CountryResolver) -> ListEntry:
    unique_id = _text(node, "UniqueID")
    if not unique_id:
        raise ListFormatError(path, f"designation {position} has no UniqueID")
    kind = _KINDS.get(_text(node, "IndividualEntityShip").lower(), EntityKind.UNKNOWN)
    primary: str | None = None
    aliases: list[Alias] = []
    for name in node.findall("Names/Name"):
        parts = [_text(name, f"Name{i}") for i in range(1, 7)]
        full = " ".join(part for part in parts if part)
        if not full:
            continue
        name_type = _text(name, "NameType").lower()
        if name_type == "primary name" and primary is None:
            primary = full
        elif "low" in _text(name, "AliasStrength").lower():
            aliases.append(Alias(full, AliasType.WEAK_AKA))
        else:
            aliases.append(Alias(full, AliasType.AKA))
    if primary is None:
        if not aliases:
            raise ListFormatError(path, f"designation {unique_id} has no name")
        primary = aliases.pop(0).name
    for non_latin in node.findall("NonLatinNames/NonLatinName"):
        text = _text(non_latin, "NameNonLatinScript")
        if text:
            aliases.append(Alias(text, AliasType.ORIGINAL_SCRIPT))
    entry_countries = [
        c
        for c in map(
            countries, _texts(node, "IndividualDetails/Individual/Nationalities/Nationality")
        )
        if c
    ]
    addresses: list[Address] = []
    for element in node.findall("Addresses/Address"):
        lines = [_text(element, f"AddressLine{i}") for i in range(1, 7)]
        country_text = _text(element, "AddressCountry")
        text = ", ".join(
            p for p in (*lines, _text(element, "AddressPostalCode"), country_text) if p
        )
        country = countries(country_text or None)
        if text:
            addresses.append(Address(text, country, country_text or None))
        if country:
            entry_countries.append(country)
    for flag in _texts(
        node, "ShipDetails/Ship/CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip"
    ):
        code = countries(flag)
        if code:
            entry_countries.append(code)
    regime = _text(node, "RegimeName")
    return ListEntry(
        id=unique_id,
        name=primary,
        list_type=ListType.SANCTIONS,
        aliases=tuple(dict.fromkeys(aliases)),
        kind=kind,
        countries=tuple(dict.fromkeys(entry_countries)),
        programs=(regime,) if regime else (),
        identifiers=tuple(dict.fromkeys(_identifiers(node))),
        addresses=tuple(addresses),
        remarks=_text(node, "OtherInformation") or None,
        sublist=regime or None,
        authority="UK Foreign, Commonwealth and Development Office",
        listed_on=_date(_text(node, "DateDesignated"), path),
    )


def _identifiers(node: Any) -> list[Identifier]:
    found: list[Identifier | None] = []
    individual = "IndividualDetails/Individual/"
    for number in _texts(node, individual + "PassportDetails/Passport/PassportNumber"):
        found.append(identifier("", number, scheme="PASSPORT"))
    for number in _texts(
        node, individual + "NationalIdentifierDetails/NationalIdentifier/NationalIdentifierNumber"
    ):
        found.append(identifier("", number, scheme="NATIONAL_ID"))
    for text in _texts(
        node, "EntityDetails/Entity/BusinessRegistrationNumbers/BusinessRegistrationNumber"
    ):
        # Free text, often labelled: "OGRN: 1247700291200", "INN - 7700000000".
        labelled = _LABELLED.match(text)
        made = identifier(labelled.group("label"), labelled.group("value")) if labelled else None
        found.append(made or identifier("", text, scheme="REGISTRATION"))
    for number in _texts(node, "ShipDetails/Ship/IMONumbers/IMONumber"):
        found.append(identifier("", re.sub(r"^IMO\s*", "", number, flags=re.I), scheme="IMO"))
    return [item for item in found if item is not None]


def _text(node: Any, path: str) -> str:
    found = node.find(path)
    return " ".join((found.text or "").split()) if found is not None else ""


def _texts(node: Any, path: str) -> list[str]:
    return [" ".join((e.text or "").split()) for e in node.findall(path) if (e.text or "").strip()]


def _date(text: str, path: Path) -> Any:
    # dd/mm/yyyy; unknown parts are written literally ("dd/mm/1945") and give no date.
    if not text or not re.fullmatch(r"\d{2}/\d{2}/\d{4}", text):
        return None
    return parse_date(text, path, None, "%d/%m/%Y")
