"""The custom CSV list format, for a company's own watch lists (and the bundled sample).

Columns ``id`` and ``name`` are required; the others are optional:

========== ==============================================================================
column     meaning
========== ==============================================================================
id         the entry's id, unique in the file
name       the primary name
aliases    other names separated by ";"; a prefix ``aka:``, ``fka:``, ``nka:``,
           ``weak:`` or ``original:`` (original-script name) gives the alias type
country    ISO code or name of the entry's country; several separated by ";"
kind       organization, person, vessel, aircraft (empty: unknown)
list       the list or sub-list the entry comes from ("US OFAC SDN")
list_type  ``sanctions`` (the default) or ``export_control``
programs   sanctions programs separated by ";"
identifiers  ``SCHEME:VALUE`` pairs separated by ";" ("INN:7701234567;OGRN:1027700...")
authority  who designated the entry ("US Treasury (OFAC)")
listed_on  the designation date, YYYY-MM-DD
source     where the designation is published (URL or reference)
remarks    free text
========== ==============================================================================

Other columns are allowed and listed in the list's notes as not used.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..errors import ListFormatError, ValidationError
from ..models import EntityKind, Identifier
from ._io import CountryResolver, CsvTable, decode, parse_date, read_file, unique_entries
from .model import Alias, AliasType, ListEntry, ListType, SanctionsList

__all__ = ["COLUMNS", "REQUIRED", "load_custom"]

REQUIRED = ("id", "name")
COLUMNS = (
    "id",
    "name",
    "aliases",
    "country",
    "kind",
    "list",
    "list_type",
    "programs",
    "identifiers",
    "authority",
    "listed_on",
    "source",
    "remarks",
)
_PREFIXES = {
    "aka": AliasType.AKA,
    "fka": AliasType.FKA,
    "nka": AliasType.NKA,
    "weak": AliasType.WEAK_AKA,
    "original": AliasType.ORIGINAL_SCRIPT,
}


def load_custom(
    path: Path,
    *,
    max_bytes: int,
    name: str | None = None,
    list_type: ListType | None = None,
) -> SanctionsList:
    """Load a list in the custom CSV format.

    ``list_type`` is the default for rows without a ``list_type`` cell (``sanctions``
    when not given: a match on an unknown list is treated as the more serious kind).
    """
    raw, source = read_file(path, max_bytes=max_bytes)
    notes: list[str] = []
    table = CsvTable(decode(raw, path, notes), path, lower_header=True)
    missing = [column for column in REQUIRED if column not in table.header]
    if missing:
        raise ListFormatError(
            path, f"columns {missing} are required (optional: {', '.join(COLUMNS[2:])})", line=1
        )
    unused = [column for column in table.header if column not in COLUMNS]
    for column in unused:
        # A misspelt column would drop its data silently ("contry" for "country").
        close = difflib.get_close_matches(column, COLUMNS, n=1, cutoff=0.8)
        if close:
            raise ListFormatError(
                path, f"unknown column {column!r}: did you mean {close[0]!r}?", line=1
            )
    if unused:
        notes.append(f"columns not used: {', '.join(unused)}")
    default_type = list_type or ListType.SANCTIONS
    countries = CountryResolver()
    entries = unique_entries(
        path,
        ((line, _entry(row, path, line, default_type, countries)) for line, row in table.records()),
    )
    table.note_repeated_headers(notes)
    return SanctionsList(
        name=name or path.stem,
        publisher="custom list",
        list_type=_common_type(entries, default_type),
        format="csv",
        entries=tuple(entries),
        files=(source,),
        notes=(*notes, *countries.note()),
    )


def _entry(
    row: dict[str, str],
    path: Path,
    line: int,
    default_type: ListType,
    countries: CountryResolver,
) -> ListEntry:
    if not row["id"]:
        raise ListFormatError(path, "empty id", line=line)
    if not row["name"]:
        raise ListFormatError(path, f"entry {row['id']!r} has no name", line=line)
    try:
        kind = EntityKind(row.get("kind", "").lower() or "unknown")
    except ValueError:
        kinds = ", ".join(member.value for member in EntityKind)
        raise ListFormatError(
            path, f"unknown kind {row['kind']!r} (one of: {kinds})", line=line
        ) from None
    try:
        entry_type = ListType(row.get("list_type", "").lower() or default_type)
    except ValueError:
        raise ListFormatError(
            path, f"unknown list_type {row['list_type']!r} (sanctions or export_control)", line=line
        ) from None
    entry_countries = []
    for text in _split(row.get("country")):
        code = countries(text)
        if code is None:
            raise ListFormatError(path, f"unknown country {text!r}", line=line)
        entry_countries.append(code)
    return ListEntry(
        id=row["id"],
        name=" ".join(row["name"].split()),
        list_type=entry_type,
        aliases=tuple(dict.fromkeys(_alias(text) for text in _split(row.get("aliases")))),
        kind=kind,
        countries=tuple(dict.fromkeys(entry_countries)),
        programs=tuple(_split(row.get("programs"))),
        identifiers=tuple(_identifiers(row.get("identifiers"), path, line)),
        remarks=row.get("remarks") or None,
        sublist=row.get("list") or None,
        authority=row.get("authority") or None,
        listed_on=parse_date(row.get("listed_on"), path, line),
        url=row.get("source") or None,
    )


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _alias(text: str) -> Alias:
    prefix, sep, rest = text.partition(":")
    if sep and prefix.strip().lower() in _PREFIXES and rest.strip():
        return Alias(" ".join(rest.split()), _PREFIXES[prefix.strip().lower()])
    return Alias(" ".join(text.split()))


def _identifiers(text: str | None, path: Path, line: int) -> list[Identifier]:
    found = []
    for item in _split(text):
        scheme, sep, value = item.partition(":")
        if not sep:
            raise ListFormatError(path, f"identifier {item!r} is not SCHEME:VALUE", line=line)
        try:
            found.append(Identifier(scheme, value))
        except ValidationError as exc:
            raise ListFormatError(path, f"identifier {item!r}: {exc.reason}", line=line) from None
    return found


def _common_type(entries: list[ListEntry], default: ListType) -> ListType | None:
    """Return the list type all entries share; None for a list that mixes both."""
    types = {entry.list_type for entry in entries}
    if not types:
        return default
    return types.pop() if len(types) == 1 else None
