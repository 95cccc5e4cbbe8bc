"""OpenSanctions exports: FollowTheMoney entities (JSON lines) and ``targets.simple.csv``.

``entities.ftm.json`` has one JSON object per line: ``id``, ``schema`` (Person, Company,
Organization, LegalEntity, Vessel, Airplane, and non-target schemata such as Address or
Sanction), ``properties`` (every value a list of strings: ``name``, ``alias``,
``weakAlias``, ``previousName``, ``country``, ``innCode``, ``imoNumber``...), ``datasets``,
``first_seen``, ``target``. ``targets.simple.csv`` flattens the targets to one row each,
with multi-valued cells written as a second, ";"-separated CSV record.

OpenSanctions data is licensed CC BY-NC 4.0: commercial use needs a licence from them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .._text import is_latin
from ..errors import ListFormatError
from ..models import EntityKind, Identifier
from ._identifiers import identifier
from ._io import CountryResolver, CsvTable, StreamedFile, unique_entries
from .model import Address, Alias, AliasType, ListEntry, ListType, SanctionsList

__all__ = [
    "FTM_COUNTRY_PROPERTIES",
    "FTM_IDENTIFIER_SCHEMES",
    "FTM_KINDS",
    "FTM_NAME_PROPERTIES",
    "SIMPLE_HEADER",
    "load_opensanctions_ftm",
    "load_opensanctions_simple",
]

URL = "https://data.opensanctions.org/datasets/latest/sanctions/"
SIMPLE_HEADER = ("id", "schema", "name", "aliases")
_PUBLISHER = "OpenSanctions (CC BY-NC 4.0)"
# The FollowTheMoney vocabulary read here, and by the service's yente protocol: one
# reading of a schema or property whether it comes from a list or from a query.
FTM_KINDS = {
    "Person": EntityKind.PERSON,
    "Company": EntityKind.ORGANIZATION,
    "Organization": EntityKind.ORGANIZATION,
    "PublicBody": EntityKind.ORGANIZATION,
    "LegalEntity": EntityKind.UNKNOWN,
    "Vessel": EntityKind.VESSEL,
    "Airplane": EntityKind.AIRCRAFT,
}
FTM_NAME_PROPERTIES = {
    "name": AliasType.AKA,
    "alias": AliasType.AKA,
    "previousName": AliasType.FKA,
    "weakAlias": AliasType.WEAK_AKA,
}
FTM_COUNTRY_PROPERTIES = ("country", "nationality", "citizenship", "jurisdiction", "flag")
FTM_IDENTIFIER_SCHEMES = {
    "innCode": "INN",
    "ogrnCode": "OGRN",
    "okpoCode": "OKPO",
    "leiCode": "LEI",
    "swiftBic": "SWIFT",
    "imoNumber": "IMO",
    "registrationNumber": "REGISTRATION",
    "taxNumber": "TAX_ID",
    "vatCode": "VAT",
    "dunsCode": "DUNS",
    "passportNumber": "PASSPORT",
    "idNumber": "ID_NUMBER",
    "mmsi": "MMSI",
    "callSign": "CALL_SIGN",
}


def load_opensanctions_ftm(path: Path, *, max_bytes: int) -> SanctionsList:
    """Load target entities from an OpenSanctions FollowTheMoney JSON-lines export.

    Read line by line: the consolidated export is gigabytes, mostly records that are
    not screening targets (addresses, sanctions, relations), which are never all held.
    """
    file = StreamedFile(path, max_bytes=max_bytes)
    notes: list[str] = []
    countries = CountryResolver()
    numbered: list[tuple[int | None, ListEntry]] = []
    skipped = 0
    for line, text in enumerate(file.lines(), start=1):
        if not text.strip():
            continue
        record = _record(text, path, line)
        if record.get("schema") not in FTM_KINDS or not _is_target(record):
            skipped += 1
            continue
        numbered.append((line, _ftm_entry(record, path, line, countries)))
    entries = unique_entries(path, numbered, label="entity")
    if skipped:
        notes.append(f"{skipped} records that are not screening targets (addresses, sanctions...)")
    return _list("OpenSanctions", "opensanctions", entries, file.source, notes, countries)


def _record(text: str, path: Path, line: int) -> dict[str, Any]:
    """Read one line as a FollowTheMoney entity, checking the types the loader relies on.

    Properties are lists of text ("name": ["Rosoboronexport"], never a bare string, which
    would be read letter by letter); id, schema and caption are text.
    """
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ListFormatError(path, f"not JSON: {exc.msg}", line=line) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, deep nesting
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ListFormatError(path, f"not a usable JSON record: {reason}", line=line) from None
    if not isinstance(record, dict) or not isinstance(record.get("properties"), dict):
        raise ListFormatError(path, "not a FollowTheMoney entity", line=line)
    for key in ("id", "schema", "caption"):
        if key in record and record[key] is not None and not isinstance(record[key], str):
            raise ListFormatError(path, f"{key!r} must be text", line=line)
    fields = {f"property {key!r}": value for key, value in record["properties"].items()}
    if "datasets" in record:
        fields["'datasets'"] = record["datasets"]
    for where, value in fields.items():
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ListFormatError(path, f"{where} must be a list of text", line=line)
    return record


def _is_target(record: Mapping[str, Any]) -> bool:
    if "target" in record:
        return bool(record["target"])
    topics = record["properties"].get("topics", [])
    return "sanction" in topics or "export.control" in topics


def _ftm_entry(
    record: Mapping[str, Any], path: Path, line: int, countries: CountryResolver
) -> ListEntry:
    props: Mapping[str, list[str]] = record["properties"]
    entity_id = str(record.get("id") or "").strip()
    if not entity_id:
        raise ListFormatError(path, "entity without id", line=line)
    names = [
        (value, kind) for prop, kind in FTM_NAME_PROPERTIES.items() for value in props.get(prop, [])
    ]
    caption = str(record.get("caption") or "").strip() or (names[0][0] if names else "")
    if not caption:
        raise ListFormatError(path, f"entity {entity_id} has no name", line=line)
    aliases = [_alias(n, kind) for n, kind in names if n.strip() and n != caption]
    entry_countries = [
        c
        for prop in FTM_COUNTRY_PROPERTIES
        for c in (countries(value) for value in props.get(prop, []))
        if c
    ]
    identifiers = [
        found
        for prop, scheme in FTM_IDENTIFIER_SCHEMES.items()
        for found in (identifier("", value, scheme=scheme) for value in props.get(prop, []))
        if found is not None
    ]
    topics = props.get("topics", [])
    list_type = (
        ListType.EXPORT_CONTROL
        if "export.control" in topics and "sanction" not in topics
        else ListType.SANCTIONS
    )
    programs = tuple(props.get("programId", []) or props.get("program", []))
    return ListEntry(
        id=entity_id,
        name=" ".join(caption.split()),
        list_type=list_type,
        aliases=tuple(dict.fromkeys(aliases)),
        kind=FTM_KINDS[record["schema"]],
        countries=tuple(dict.fromkeys(entry_countries)),
        programs=programs,
        identifiers=tuple(dict.fromkeys(identifiers)),
        addresses=tuple(Address(a) for a in props.get("address", []) if a.strip()),
        remarks="; ".join(props.get("notes", [])) or None,
        sublist=", ".join(record.get("datasets", [])) or None,
        url=next(iter(props.get("sourceUrl", [])), None),
    )


def load_opensanctions_simple(path: Path, *, max_bytes: int) -> SanctionsList:
    """Load OpenSanctions' ``targets.simple.csv``, line by line (it is hundreds of MB)."""
    file = StreamedFile(path, max_bytes=max_bytes)
    notes: list[str] = []
    table = CsvTable(file.lines(), path)
    if tuple(table.header[: len(SIMPLE_HEADER)]) != SIMPLE_HEADER:
        raise ListFormatError(path, f"not targets.simple.csv: header {table.header[:4]}", line=1)
    countries = CountryResolver()
    entries = unique_entries(
        path, ((line, _simple_entry(row, path, line, countries)) for line, row in table.records())
    )
    table.note_repeated_headers(notes)
    return _list(
        "OpenSanctions (simple)", "opensanctions_simple", entries, file.source, notes, countries
    )


def _simple_entry(
    row: dict[str, str], path: Path, line: int, countries: CountryResolver
) -> ListEntry:
    if not row["id"] or not row["name"]:
        raise ListFormatError(path, "row without id or name", line=line)
    return ListEntry(
        id=row["id"],
        name=" ".join(row["name"].split()),
        list_type=ListType.SANCTIONS,
        aliases=tuple(dict.fromkeys(_alias(a, AliasType.AKA) for a in _cell(row, "aliases"))),
        kind=FTM_KINDS.get(row["schema"], EntityKind.UNKNOWN),
        countries=tuple(dict.fromkeys(c for c in map(countries, _cell(row, "countries")) if c)),
        programs=tuple(_cell(row, "program_ids")),
        identifiers=tuple(_bare_identifiers(_cell(row, "identifiers"))),
        addresses=tuple(Address(a) for a in _cell(row, "addresses")),
        remarks="; ".join(_cell(row, "sanctions")) or None,
        sublist="; ".join(_cell(row, "dataset")) or None,
    )


def _alias(name: str, kind: AliasType) -> Alias:
    # OpenSanctions does not mark original-script names; a non-Latin name is one.
    if kind is AliasType.AKA and not is_latin(name):
        kind = AliasType.ORIGINAL_SCRIPT
    return Alias(" ".join(name.split()), kind)


def _cell(row: Mapping[str, str], column: str) -> list[str]:
    """Split a multi-valued cell: itself a ";"-separated CSV record, values maybe quoted."""
    text = row.get(column) or ""
    if not text.strip():
        return []
    return [value.strip() for value in next(csv.reader([text], delimiter=";")) if value.strip()]


def _bare_identifiers(values: Iterable[str]) -> list[Identifier]:
    # The simple export drops the identifier's type; IMO numbers still say what they are.
    found = (identifier("", value, scheme="ID_NUMBER") for value in values)
    return [item for item in found if item is not None]


def _list(
    name: str,
    format: str,
    entries: list[ListEntry],
    source: Any,
    notes: list[str],
    countries: CountryResolver,
) -> SanctionsList:
    types = {entry.list_type for entry in entries}
    return SanctionsList(
        name=name,
        publisher=_PUBLISHER,
        list_type=types.pop() if len(types) == 1 else None,
        format=format,
        entries=tuple(entries),
        source_url=URL
        + ("entities.ftm.json" if format == "opensanctions" else "targets.simple.csv"),
        files=(source,),
        notes=(*notes, *countries.note()),
    )
