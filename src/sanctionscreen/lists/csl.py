"""The US Consolidated Screening List (trade.gov) as CSV.

One row per entry of one of thirteen US lists, named in the ``source`` column: Treasury
sanctions (SDN, SSI, CMIC...), State (ISN, ITAR debarred) and Commerce export controls
(Entity List, Denied Persons, Unverified, Military End-User). Each entry keeps its
sub-list and gets the list type that sub-list has (``data/csl_sources.csv``), so a
match on the Entity List reads as a restricted party and one on the SDN list as a
sanctioned party. Cells holding several values separate them with "; ".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from .._caching import cache
from .._data import read_table
from ..errors import ListFormatError
from ..models import EntityKind, Identifier
from ._identifiers import identifier
from ._io import CountryResolver, CsvTable, decode, parse_date, read_file, unique_entries
from .model import Address, Alias, ListEntry, ListType, SanctionsList

__all__ = ["HEADER", "load_csl"]

HEADER = ("source", "entity_number", "type", "programs", "name")
URL = "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"
_KINDS = {
    "individual": EntityKind.PERSON,
    "entity": EntityKind.ORGANIZATION,
    "vessel": EntityKind.VESSEL,
    "aircraft": EntityKind.AIRCRAFT,
    "": EntityKind.UNKNOWN,
}
_CODE = re.compile(r"\(([^()]+)\)")


def load_csl(path: Path, *, max_bytes: int) -> SanctionsList:
    """Load the Consolidated Screening List CSV."""
    raw, source = read_file(path, max_bytes=max_bytes)
    notes: list[str] = []
    table = CsvTable(decode(raw, path, notes), path)
    missing = [c for c in (*HEADER, "alt_names", "addresses") if c not in table.header]
    if missing:
        raise ListFormatError(path, f"not a CSL file: columns {missing} missing", line=1)
    countries = CountryResolver()
    unknown_sources: dict[str, int] = {}
    entries = unique_entries(
        path,
        (
            (line, _entry(row, path, line, countries, unknown_sources))
            for line, row in table.records()
        ),
    )
    table.note_repeated_headers(notes)
    for name, count in sorted(unknown_sources.items()):
        notes.append(f"unknown sub-list {name!r} ({count} entries) treated as a sanctions list")
    return SanctionsList(
        name="US Consolidated Screening List",
        publisher="US International Trade Administration (trade.gov)",
        list_type=None,
        format="csl",
        entries=tuple(entries),
        source_url=URL,
        files=(source,),
        notes=(*notes, *countries.note()),
    )


def _entry(
    row: Mapping[str, str],
    path: Path,
    line: int,
    countries: CountryResolver,
    unknown_sources: dict[str, int],
) -> ListEntry:
    name = row["name"].strip()
    if not name:
        raise ListFormatError(path, "entry has no name", line=line)
    number = (row.get("entity_number") or "").strip() or (row.get("_id") or "").strip()
    if not number:  # older files: BIS rows have neither; derive a stable id from the row
        key = "|".join((name, row.get("addresses") or "", row.get("start_date") or ""))
        number = hashlib.sha256(key.encode()).hexdigest()[:16]
    kind = _KINDS.get(row["type"].strip().lower())
    if kind is None:
        raise ListFormatError(path, f"unknown entry type {row['type']!r}", line=line)
    source = row["source"].strip()
    code, list_type = _sublist(source)
    if list_type is None:
        unknown_sources[source] = unknown_sources.get(source, 0) + 1
        list_type = ListType.SANCTIONS
    # One OFAC entity can sit on two sub-lists (SSI and NS-MBS): the sub-list is part of
    # the id.
    entry_id = f"{code}:{number}" if code else number
    addresses = tuple(_address(text, countries) for text in _split(row.get("addresses")))
    entry_countries = [a.country for a in addresses if a.country]
    for column in ("citizenships", "nationalities"):
        entry_countries += [c for c in map(countries, _split(row.get(column))) if c]
    if row.get("vessel_flag"):
        flag = countries(row["vessel_flag"])
        if flag:
            entry_countries.append(flag)
    identifiers = [i for i in (_identifier(t, countries) for t in _split(row.get("ids"))) if i]
    return ListEntry(
        id=entry_id,
        name=name,
        list_type=list_type,
        aliases=tuple(dict.fromkeys(Alias(n) for n in _split(row.get("alt_names")))),
        kind=kind,
        countries=tuple(dict.fromkeys(entry_countries)),
        programs=tuple(_split(row.get("programs"))),
        identifiers=tuple(dict.fromkeys(identifiers)),
        addresses=addresses,
        remarks=(row.get("remarks") or "").strip() or None,
        sublist=source,
        authority=_agencies().get(code or ""),
        listed_on=parse_date(row.get("start_date"), path, line),
        end_date=parse_date(row.get("end_date"), path, line),
        url=(row.get("source_information_url") or "").strip() or None,
    )


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _address(text: str, countries: CountryResolver) -> Address:
    # CSL addresses end with the country as an ISO alpha-2 code ("..., Moscow, RU");
    # some older rows end with a postal code instead and have no country.
    last = text.rsplit(",", 1)[-1].strip()
    if len(last) != 2 or not last.isalpha():
        return Address(text)
    return Address(text, countries(last), last)


def _identifier(text: str, countries: CountryResolver) -> Identifier | None:
    # "Type, Number, CC": the country, when present, is an ISO alpha-2 code; other
    # trailing parts are dates of issue or expiry.
    parts = [part.strip() for part in text.split(",")]
    if len(parts) < 2:
        return None
    country = countries(parts[2]) if len(parts) > 2 and len(parts[2]) == 2 else None
    return identifier(parts[0], parts[1], country)


@cache
def _sources() -> Mapping[str, ListType]:
    return {row["code"]: ListType(row["list_type"]) for row in read_table("csl_sources.csv")}


@cache
def _agencies() -> Mapping[str, str]:
    return {row["code"]: f"US {row['agency']}" for row in read_table("csl_sources.csv")}


def _sublist(source: str) -> tuple[str | None, ListType | None]:
    """Return the code and list type of a source like "Entity List (EL) - Bureau of ..."."""
    codes = [code.strip() for code in _CODE.findall(source)]
    for code in codes:
        if code in _sources():
            return code, _sources()[code]
    return (codes[0] if codes else None), None
