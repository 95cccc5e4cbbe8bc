"""The UN Security Council Consolidated List as XML.

``CONSOLIDATED_LIST`` holds ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``; each
has a ``REFERENCE_NUMBER`` (e.g. "KPe.001", used as the entry id), names in
``FIRST_NAME`` to ``FOURTH_NAME``, ``NAME_ORIGINAL_SCRIPT``, aliases with a
``QUALITY`` ("Good", "a.k.a.", "f.k.a." or "Low", the UN's weak alias), nationalities,
addresses, documents, the regime in ``UN_LIST_TYPE`` and ``LISTED_ON``. The root's
``dateGenerated`` attribute is the publication date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ListFormatError
from ..models import EntityKind, Identifier
from ._identifiers import identifier
from ._io import CountryResolver, parse_date, parse_xml, read_file, unique_entries
from .model import Address, Alias, AliasType, ListEntry, ListType, SanctionsList

__all__ = ["load_un"]

URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
_QUALITY = {
    "good": AliasType.AKA,
    "a.k.a.": AliasType.AKA,
    "": AliasType.AKA,
    "f.k.a.": AliasType.FKA,
    "low": AliasType.WEAK_AKA,
}


def load_un(path: Path, *, max_bytes: int) -> SanctionsList:
    """Load the UN consolidated list XML."""
    raw, source = read_file(path, max_bytes=max_bytes)
    root = parse_xml(raw, path)
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(path, f"not the UN consolidated list: root is <{root.tag}>")
    generated = (root.get("dateGenerated") or "")[:10]
    published = parse_date(generated, path, None) if generated else None
    countries = CountryResolver()
    groups = (
        ("INDIVIDUALS", "INDIVIDUAL", EntityKind.PERSON),
        ("ENTITIES", "ENTITY", EntityKind.ORGANIZATION),
    )
    entries = unique_entries(
        path,
        (
            (None, _entry(node, tag, kind, path, position, countries))
            for group, tag, kind in groups
            for position, node in enumerate(root.findall(f"{group}/{tag}"), start=1)
        ),
        label="reference number",
    )
    return SanctionsList(
        name="UN Security Council Consolidated List",
        publisher="United Nations Security Council",
        list_type=ListType.SANCTIONS,
        format="un",
        entries=tuple(entries),
        source_url=URL,
        published=published,
        files=(source,),
        notes=tuple(countries.note()),
    )


def _text(node: Any, tag: str) -> str:
    found = node.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def _entry(
    node: Any, tag: str, kind: EntityKind, path: Path, position: int, countries: CountryResolver
) -> ListEntry:
    reference = _text(node, "REFERENCE_NUMBER") or _text(node, "DATAID")
    where = f"{tag.lower()} {position}"
    if not reference:
        raise ListFormatError(path, f"{where} has no REFERENCE_NUMBER or DATAID")
    parts = [_text(node, n) for n in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    name = " ".join(part for part in parts if part)
    if not name:
        raise ListFormatError(path, f"{where} ({reference}) has no name")
    aliases: list[Alias] = []
    original = _text(node, "NAME_ORIGINAL_SCRIPT")
    if original:
        aliases.append(Alias(original, AliasType.ORIGINAL_SCRIPT))
    for alias in node.findall(f"{tag}_ALIAS"):
        alias_name = _text(alias, "ALIAS_NAME")
        quality = _text(alias, "QUALITY").lower()
        if alias_name:
            aliases.append(Alias(alias_name, _QUALITY.get(quality, AliasType.AKA)))
    entry_countries = [c for c in map(countries, _values(node, "NATIONALITY")) if c]
    addresses: list[Address] = []
    for address in node.findall(f"{tag}_ADDRESS"):
        country_text = _text(address, "COUNTRY")
        fields = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
        text = ", ".join(part for part in (_text(address, f) for f in fields) if part)
        if text:
            country = countries(country_text or None)
            addresses.append(Address(text, country, country_text or None))
            if country:
                entry_countries.append(country)
    identifiers: list[Identifier] = []
    for document in node.findall(f"{tag}_DOCUMENT"):
        number = _text(document, "NUMBER")
        label = _text(document, "TYPE_OF_DOCUMENT")
        if number and label:
            issuer = countries(_text(document, "ISSUING_COUNTRY") or None)
            found = identifier(label, number, issuer)
            if found is not None:
                identifiers.append(found)
    regime = _text(node, "UN_LIST_TYPE")
    return ListEntry(
        id=reference,
        name=name,
        list_type=ListType.SANCTIONS,
        aliases=tuple(dict.fromkeys(aliases)),
        kind=kind,
        countries=tuple(dict.fromkeys(entry_countries)),
        programs=(regime,) if regime else (),
        identifiers=tuple(dict.fromkeys(identifiers)),
        addresses=tuple(addresses),
        remarks=_text(node, "COMMENTS1") or None,
        sublist=regime or None,
        authority="UN Security Council",
        # Some dates carry a time-zone offset ("2015-04-07-04:00"): the day is enough.
        listed_on=parse_date(_text(node, "LISTED_ON")[:10] or None, path, None),
    )


def _values(node: Any, tag: str) -> list[str]:
    return [" ".join((v.text or "").split()) for v in node.findall(f"{tag}/VALUE") if v.text]
