"""Known false positives: a party name that does not designate a list entry, with why.

An :class:`Allowlist` suppresses an alert for the same normalized party name and list
entry; the suppressed match is still reported (``PARTY_MATCH_ALLOWLISTED``), so the
audit trail keeps it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from ..errors import FieldTypeError, ListFormatError
from ..names import NormalizedName, normalize_name

__all__ = ["Allowlist", "AllowlistEntry"]


@attrs.frozen
class AllowlistEntry:
    """A known false positive: this party name does not designate this list entry."""

    name: str
    entry_id: str
    list_name: str | None = None
    reason: str = ""
    added_by: str = ""
    added_on: str = ""


class Allowlist:
    """Known false positives, keyed by the party's normalized name and the entry id.

    Load one with :meth:`from_csv` (columns ``name,entry_id`` and optionally
    ``list_name,reason,added_by,added_on``) or build it from :class:`AllowlistEntry`
    objects. A suppressed alert is still reported, as such, so the audit trail keeps it.
    """

    def __init__(self, entries: Iterable[AllowlistEntry] = ()) -> None:
        self._entries: dict[tuple[str, str], list[AllowlistEntry]] = {}
        for entry in entries:
            if not isinstance(entry, AllowlistEntry):
                raise FieldTypeError("allowlist", entry, "each entry must be an AllowlistEntry")
            key = (normalize_name(entry.name, field="allowlist.name").text, entry.entry_id)
            self._entries.setdefault(key, []).append(entry)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> Allowlist:
        """Read an allowlist CSV; errors name the file and line."""
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ListFormatError(file, f"cannot read: {exc}") from None
        reader = csv.DictReader(text.splitlines())
        missing = {"name", "entry_id"} - set(reader.fieldnames or ())
        if missing:
            raise ListFormatError(file, f"columns {sorted(missing)} are required", line=1)
        entries = []
        for line, row in enumerate(reader, start=2):
            if not (row.get("name") or "").strip() or not (row.get("entry_id") or "").strip():
                raise ListFormatError(file, "name and entry_id must not be empty", line=line)
            entries.append(
                AllowlistEntry(
                    name=row["name"].strip(),
                    entry_id=row["entry_id"].strip(),
                    list_name=(row.get("list_name") or "").strip() or None,
                    reason=(row.get("reason") or "").strip(),
                    added_by=(row.get("added_by") or "").strip(),
                    added_on=(row.get("added_on") or "").strip(),
                )
            )
        return cls(entries)

    def find(self, query: NormalizedName, entry_id: str, list_name: str) -> AllowlistEntry | None:
        """Return the allowlist entry covering this query and list entry, if any."""
        for entry in self._entries.get((query.text, entry_id), ()):
            if entry.list_name in (None, list_name):
                return entry
        return None

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._entries.values())
