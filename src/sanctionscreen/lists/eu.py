"""The EU Financial Sanctions Files (FSF) full XML, ``xmlFullSanctionsList_1_1``.

Root ``export`` (namespace ``http://eu.europa.ec/fpi/fsd/export``, ``generationDate``
attribute) holds one ``sanctionEntity`` per designation: its ``logicalId`` (the entry id)
and ``euReferenceNumber``, ``regulation`` elements with the programme, a ``subjectType``
(``P`` person, ``E`` enterprise), ``nameAlias`` elements (``strong="false"`` marks a
weak alias; ``nameLanguage`` the language of a translated or original-script name),
``citizenship``, ``address`` and ``identification`` elements. Country code ``00`` means
unknown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._text import is_latin
from ..errors import ListFormatError
from ..models import EntityKind, Identifier
from ._identifiers import identifier
from ._io import CountryResolver, parse_date, parse_xml, read_file, unique_entries
from .model import Address, Alias, AliasType, ListEntry, ListType, SanctionsList

__all__ = ["load_eu"]

URL = (
    "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
    "content?token=dG9rZW4tMjAxNw"
)
_NS = "{http://eu.europa.ec/fpi/fsd/export}"
_KINDS = {"P": EntityKind.PERSON, "E": EntityKind.ORGANIZATION}
_SCHEMES = {
    "passport": "PASSPORT",
    "id": "NATIONAL_ID",
    "ssn": "NATIONAL_ID",
    "regnumber": "REGISTRATION",
    "tradelic": "REGISTRATION",
    "fiscalcode": "TAX_ID",
    "swiftbic": "SWIFT",
    "imo": "IMO",
    "other": "ID_NUMBER",
}
_UNKNOWN_COUNTRY = "00"


def load_eu(path: Path, *, max_bytes: int) -> SanctionsList:
    """Load the EU Financial Sanctions Files XML."""
    raw, source = read_file(path, max_bytes=max_bytes)
    root = parse_xml(raw, path)
    if root.tag != f"{_NS}export":
        raise ListFormatError(path, f"not an EU FSF export: root is <{root.tag}>")
    generated = (root.get("generationDate") or "")[:10]
    countries = CountryResolver()
    entries = unique_entries(
        path,
        (
            (None, _entry(node, path, position, countries))
            for position, node in enumerate(root.iter(f"{_NS}sanctionEntity"), start=1)
        ),
        label="logicalId",
    )
    return SanctionsList(
        name="EU Financial Sanctions Files",
        publisher="European Commission (DG FISMA), for the Council of the EU",
        list_type=ListType.SANCTIONS,
        format="eu",
        entries=tuple(entries),
        source_url=URL,
        published=parse_date(generated or None, path, None),
        files=(source,),
        notes=tuple(countries.note()),
    )


def _entry(node: Any, path: Path, position: int, countries: CountryResolver) -> ListEntry:
    logical_id = (node.get("logicalId") or "").strip()
    if not logical_id:
        raise ListFormatError(path, f"sanctionEntity {position} has no logicalId")
    names: list[tuple[str, bool, str]] = []
    for alias in node.findall(f"{_NS}nameAlias"):
        whole = _attr(alias, "wholeName") or " ".join(
            part
            for part in (_attr(alias, k) for k in ("firstName", "middleName", "lastName"))
            if part
        )
        if whole:
            weak = _attr(alias, "strong").lower() == "false"
            names.append((whole, weak, _attr(alias, "nameLanguage")))
    if not names:
        raise ListFormatError(path, f"sanctionEntity {logical_id} has no name")
    primary = next((n for n in names if not n[1]), names[0])
    aliases = [
        Alias(name, _alias_type(name, weak, language))
        for name, weak, language in names
        if (name, weak, language) != primary
    ]
    subject = node.find(f"{_NS}subjectType")
    kind = _KINDS.get(_attr(subject, "classificationCode"), EntityKind.UNKNOWN)
    entry_countries = [
        c for c in (_country(e, countries) for e in node.findall(f"{_NS}citizenship")) if c
    ]
    addresses: list[Address] = []
    for element in node.findall(f"{_NS}address"):
        keys = ("street", "poBox", "zipCode", "city", "region", "place", "countryDescription")
        text = ", ".join(part for part in (_attr(element, k) for k in keys) if part)
        country = _country(element, countries)
        if text or country:
            addresses.append(Address(text, country, _attr(element, "countryDescription") or None))
        if country:
            entry_countries.append(country)
    identifiers: list[Identifier] = []
    for element in node.findall(f"{_NS}identification"):
        number = _attr(element, "number") or _attr(element, "latinNumber")
        scheme = _SCHEMES.get(_attr(element, "identificationTypeCode").lower(), "ID_NUMBER")
        if number:
            found = identifier("", number, _country(element, countries), scheme=scheme)
            if found is not None:
                identifiers.append(found)
    regulations = node.findall(f"{_NS}regulation")
    programs = tuple(
        dict.fromkeys(_attr(r, "programme") for r in regulations if _attr(r, "programme"))
    )
    designated = _attr(node, "designationDate") or next(
        (_attr(r, "entryIntoForceDate") for r in regulations if _attr(r, "entryIntoForceDate")), ""
    )
    remarks = " ".join(" ".join((r.text or "").split()) for r in node.findall(f"{_NS}remark"))
    reference = _attr(node, "euReferenceNumber")
    return ListEntry(
        id=logical_id,
        name=primary[0],
        list_type=ListType.SANCTIONS,
        aliases=tuple(dict.fromkeys(aliases)),
        kind=kind,
        countries=tuple(dict.fromkeys(entry_countries)),
        programs=programs,
        identifiers=tuple(dict.fromkeys(identifiers)),
        addresses=tuple(addresses),
        remarks=(f"EU reference {reference}. " if reference else "") + remarks or None,
        sublist=programs[0] if programs else None,
        authority="Council of the European Union",
        listed_on=parse_date(designated[:10] or None, path, None),
    )


def _attr(element: Any, key: str) -> str:
    if element is None:
        return ""
    return " ".join((element.get(key) or "").split())


def _country(element: Any, countries: CountryResolver) -> str | None:
    code = _attr(element, "countryIso2Code").upper()
    if not code or code == _UNKNOWN_COUNTRY:
        return None
    return countries(code)


def _alias_type(name: str, weak: bool, language: str) -> AliasType:
    if weak:
        return AliasType.WEAK_AKA
    if language and not is_latin(name):
        return AliasType.ORIGINAL_SCRIPT
    return AliasType.AKA
