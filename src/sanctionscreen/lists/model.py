"""Sanctions and restricted-party lists as loaded: one model for every official format.

A :class:`SanctionsList` records where it came from (publisher, URL, publication or
retrieval date, sha256 of each source file) so every match can name the exact list
version it was found in. Its :class:`ListEntry` objects carry the names and aliases
that matching compares against, and the facts (countries, programs, identifiers,
addresses) that explain and weigh a match.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
from collections.abc import Iterator, Mapping

import attrs

from ..models import EntityKind, Identifier

__all__ = ["Address", "Alias", "AliasType", "ListEntry", "ListType", "SanctionsList", "SourceFile"]


class ListType(enum.StrEnum):
    """What a match against the list means.

    ``SANCTIONS``: asset freezes and prohibitions (SDN, EU, UK, UN) -> ``SANCTIONED_PARTY``.
    ``EXPORT_CONTROL``: licence requirements or denials (Entity List, DPL, UVL, MEU, ITAR
    debarred) -> ``RESTRICTED_PARTY``.
    """

    SANCTIONS = "sanctions"
    EXPORT_CONTROL = "export_control"


class AliasType(enum.StrEnum):
    """How an alias relates to the primary name.

    ``WEAK_AKA`` is what OFAC calls a low-quality a.k.a. (and the UN a "Low" quality
    alias): broad or short names that alone should not produce a match.
    """

    AKA = "aka"
    FKA = "fka"
    NKA = "nka"
    WEAK_AKA = "weak_aka"
    ORIGINAL_SCRIPT = "original_script"


@attrs.frozen
class Alias:
    """Another name of a list entry, and its type."""

    name: str
    type: AliasType = AliasType.AKA


@attrs.frozen
class Address:
    """An address of a list entry: the text as published and its country, if known.

    ``country`` is ISO alpha-2 when the published country could be resolved; the
    published text is kept in ``country_text`` either way.
    """

    text: str
    country: str | None = None
    country_text: str | None = None


@attrs.frozen
class ListEntry:
    """One designated person, organization, vessel or aircraft.

    ``list_type`` and ``sublist`` matter for aggregated lists such as the US
    Consolidated Screening List, whose rows come from sanctions and export-control
    lists alike. ``end_date`` is set when the designation has an expiry (BIS Denied
    Persons orders).
    """

    id: str
    name: str
    list_type: ListType
    aliases: tuple[Alias, ...] = ()
    kind: EntityKind = EntityKind.UNKNOWN
    countries: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    addresses: tuple[Address, ...] = ()
    remarks: str | None = None
    sublist: str | None = None
    authority: str | None = None
    listed_on: datetime.date | None = None
    end_date: datetime.date | None = None
    url: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The primary name followed by every alias."""
        return (self.name, *(alias.name for alias in self.aliases))

    def to_dict(self) -> dict[str, object]:
        """Return the entry as JSON-safe data."""
        return {
            "id": self.id,
            "name": self.name,
            "list_type": self.list_type.value,
            "aliases": [[a.name, a.type.value] for a in self.aliases],
            "kind": self.kind.value,
            "countries": list(self.countries),
            "programs": list(self.programs),
            "identifiers": [[i.scheme, i.value] for i in self.identifiers],
            "addresses": [a.text for a in self.addresses],
            "remarks": self.remarks,
            "sublist": self.sublist,
            "authority": self.authority,
            "listed_on": self.listed_on.isoformat() if self.listed_on else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "url": self.url,
        }


@attrs.frozen
class SourceFile:
    """A file a list was read from: its name, size and sha256."""

    name: str
    sha256: str
    size: int


@attrs.frozen(eq=False)
class SanctionsList:
    """A loaded list with its provenance and entries.

    ``published`` is the date the publisher gives (the UN's dateGenerated, say);
    ``retrieved`` the date it was downloaded, when known. ``version`` combines the
    name, the date and a hash of the source files, and is recorded in every match:
    ``OFAC SDN@2026-02-27#...`` for a publication date, ``@retrieved-2026-11-25#...``
    when only the download date is known (OFAC's and trade.gov's CSV files carry
    none), ``@undated#...`` when neither is.
    ``notes`` says what the loader had to decide (a repeated header line skipped, a
    file decoded as Windows-1252...), so nothing happens silently.
    """

    name: str
    publisher: str
    list_type: ListType | None
    format: str
    entries: tuple[ListEntry, ...]
    source_url: str | None = None
    published: datetime.date | None = None
    retrieved: datetime.date | None = None
    files: tuple[SourceFile, ...] = ()
    notes: tuple[str, ...] = ()
    is_sample: bool = False
    _ids: Mapping[str, ListEntry] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        ids: dict[str, ListEntry] = {}
        for entry in self.entries:
            ids.setdefault(entry.id, entry)
        object.__setattr__(self, "_ids", ids)

    @property
    def version(self) -> str:
        """``name@date#hash``: the list's name, its date and a hash of its source files."""
        if self.published is not None:
            date = self.published.isoformat()
        elif self.retrieved is not None:
            date = f"retrieved-{self.retrieved.isoformat()}"
        else:
            date = "undated"
        digest = hashlib.sha256("".join(f.sha256 for f in self.files).encode()).hexdigest()
        return f"{self.name}@{date}#{digest[:12]}"

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ListEntry]:
        return iter(self.entries)

    def get(self, entry_id: str) -> ListEntry | None:
        """Return the entry with this id, or None."""
        return self._ids.get(entry_id)

    def __repr__(self) -> str:
        kind = self.list_type.value if self.list_type else "mixed"
        sample = " SAMPLE" if self.is_sample else ""
        return f"<SanctionsList{sample} {self.version} {kind} entries={len(self.entries)}>"
