"""The audit log: every write to the store appended as an entry whose hash chains them.

An entry holds its number, time, kind, subject (``screening:12``, ``event:40``...), the
sha256 of the rows it wrote (their canonical JSON) and the hash of the entry before it;
its own hash covers all of these. :func:`verify` walks the chain and recomputes every
payload from the rows as they are now, so an edited or deleted row, an edited, removed
or reordered entry, and a row written without an entry are each found, and the first
broken entry is named.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from ..errors import AuditError
from .schema import tables

__all__ = ["AuditEntry", "canonical", "chain", "last_link", "verify"]

GENESIS = "0" * 64
"""The ``prev_hash`` of the first entry."""

AuditEntry = tuple[str, str, Mapping[str, Any]]
"""(kind, subject, payload) of one entry to append."""

# What each kind of subject names: its table and key column.
_SUBJECTS = {
    "screening": ("screenings", "id"),
    "party": ("parties", "id"),
    "entry": ("entries", "digest"),
    "alert": ("alerts", "id"),
    "event": ("alert_events", "id"),
    "settings": ("meta", "key"),
}


def canonical(payload: Mapping[str, Any]) -> bytes:
    """Return the payload as canonical JSON bytes (sorted keys, no spaces)."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def row_payload(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Return a row's audited content: every column, in the table's order."""
    return {column.name: row[column.name] for column in tables[table].columns}


def last_link(connection: sa.Connection) -> tuple[int, str]:
    """Return the last entry's number and hash, (0, GENESIS) for an empty log."""
    audit = tables["audit_log"]
    last = connection.execute(
        sa.select(audit.c.seq, audit.c.hash).order_by(audit.c.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if last is None else (last.seq, last.hash)


def chain(connection: sa.Connection, entries: Iterable[AuditEntry], at: str) -> None:
    """Append the entries to the log (in the caller's transaction, under the write lock)."""
    seq, previous = last_link(connection)
    rows = []
    for kind, subject, payload in entries:
        seq += 1
        digest = hashlib.sha256(canonical(payload)).hexdigest()
        own = _hash(seq, at, kind, subject, digest, previous)
        rows.append(
            {
                "seq": seq,
                "at": at,
                "kind": kind,
                "subject": subject,
                "payload_sha256": digest,
                "prev_hash": previous,
                "hash": own,
            }
        )
        previous = own
    if rows:
        connection.execute(sa.insert(tables["audit_log"]), rows)


def verify(
    connection: sa.Connection,
    payload_of: Callable[[str, str], Mapping[str, Any]],
    head: tuple[int, str] | None = None,
) -> tuple[int, str]:
    """Check the chain and every payload; return the last entry's number and hash.

    ``payload_of(kind, subject)`` rebuilds an entry's payload from the rows as they are
    now (raising LookupError for a row that is gone). ``head``, a (number, hash) noted
    from an earlier verification and kept outside the store, must still be in the log:
    a chain alone cannot show that its newest entries were cut off. Raises
    :class:`AuditError` naming the first broken entry, or the first row no entry covers.
    """
    audit = tables["audit_log"]
    previous, expected, covered = GENESIS, 1, set()
    for row in connection.execute(sa.select(audit).order_by(audit.c.seq)):
        where = f"audit entry {row.seq} ({row.kind} {row.subject}, {row.at})"
        if row.seq != expected:
            raise AuditError(f"audit entry {expected} is missing (the next is {row.seq})")
        if row.prev_hash != previous or row.hash != _hash(
            row.seq, row.at, row.kind, row.subject, row.payload_sha256, row.prev_hash
        ):
            raise AuditError(f"{where}: the entry was changed (its hash does not chain)")
        try:
            payload = payload_of(row.kind, row.subject)
        except LookupError:
            raise AuditError(f"{where}: what it recorded is gone") from None
        if hashlib.sha256(canonical(payload)).hexdigest() != row.payload_sha256:
            raise AuditError(f"{where}: what it recorded was changed after it was written")
        covered.add(row.subject)
        if head is not None and row.seq == head[0] and row.hash != head[1]:
            raise AuditError(f"{where}: its hash is not the {head[1][:16]}... noted earlier")
        previous, expected = row.hash, expected + 1
    if head is not None and head[0] >= expected:
        raise AuditError(
            f"the log ends at entry {expected - 1}, before entry {head[0]} noted earlier: "
            "its newest entries were removed"
        )
    _all_covered(connection, covered)
    return expected - 1, previous


def _all_covered(connection: sa.Connection, covered: set[str]) -> None:
    """Refuse rows written without an audit entry (inserted behind the store's back)."""
    for kind, (table, key) in _SUBJECTS.items():
        if kind == "settings":
            continue
        column = tables[table].c[key]
        for (value,) in connection.execute(sa.select(column).order_by(column)):
            if f"{kind}:{value}" not in covered:
                raise AuditError(f"{kind} {value} is in the store but not in the audit log")


def subject_row(connection: sa.Connection, kind: str, subject: str) -> Sequence[Mapping[str, Any]]:
    """Return the rows an entry's subject names (empty when they are gone)."""
    table_name, key = _SUBJECTS[kind]
    table = tables[table_name]
    value: object = subject.split(":", 1)[1]
    if isinstance(table.c[key].type, sa.Integer):
        value = int(str(value))
    rows = connection.execute(sa.select(table).where(table.c[key] == value)).mappings()
    return [dict(row) for row in rows]


def _hash(seq: int, at: str, kind: str, subject: str, payload: str, previous: str) -> str:
    text = f"{seq}\n{at}\n{kind}\n{subject}\n{payload}\n{previous}"
    return hashlib.sha256(text.encode()).hexdigest()
