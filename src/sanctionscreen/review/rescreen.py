"""Re-screening stored parties when a list changes: only against what changed.

The old and new versions of a list are compared entry by entry (by id, and by the
sha256 of each entry's content): added, changed and removed entries. Every party the
store has seen is matched against the added and changed entries only, which takes
seconds where screening everything again would take minutes. A new match becomes an
alert naming the list change (suppressed when a false-positive decision on the same
party covers the very same entry content); an open alert on a removed entry is closed,
with that reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import sqlalchemy as sa

from ..checks.parties import PartyConfig
from ..errors import ValidationError
from ..kinds import EntityKind
from ..lists.model import ListEntry, ListType, SanctionsList
from ..matching.logic import MatchConfig
from ..matching.matcher import Matcher, PartyMatch
from ..models import Entity, Identifier
from .audit import AuditEntry, chain, row_payload
from .models import NEEDS_REVIEW, status_of
from .reading import events_by_alert
from .recording import apply_verdict, entry_digest, new_entry_row, standing_verdicts
from .schema import tables

__all__ = ["ListChange", "RescreenSummary", "diff_lists", "rescreen", "stored_parties"]

REVIEWER = "sanctionscreen"
"""Who the store names as the author of the events it records itself (closings)."""


@attrs.frozen
class ListChange:
    """What changed between two versions of a list, by entry id."""

    list_name: str
    old_version: str
    new_version: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    def __str__(self) -> str:
        return (
            f"{self.list_name}: {self.old_version} -> {self.new_version}: "
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"
        )


@attrs.frozen
class RescreenSummary:
    """What re-screening after a list change did."""

    change: ListChange
    parties: int
    """Stored parties matched against the added and changed entries."""
    alerts: int
    suppressed: int
    closed: int
    """Alerts on removed entries closed."""


def diff_lists(old: SanctionsList, new: SanctionsList) -> ListChange:
    """Compare two versions of one list: entries added, changed (content) and removed."""
    if old.name != new.name:
        raise ValidationError("new", new.name, f"is not a version of {old.name!r}")
    before = {entry.id: entry_digest(entry) for entry in old.entries}
    after = {entry.id: entry_digest(entry) for entry in new.entries}
    return ListChange(
        list_name=new.name,
        old_version=old.version,
        new_version=new.version,
        added=tuple(sorted(set(after) - set(before))),
        changed=tuple(sorted(i for i in after.keys() & before.keys() if after[i] != before[i])),
        removed=tuple(sorted(set(before) - set(after))),
    )


def rescreen(
    engine: sa.Engine,
    old: SanctionsList,
    new: SanctionsList,
    *,
    four_eyes: bool,
    config: MatchConfig | None,
    now: Callable[[], str],
    lock: Callable[[sa.Connection], None],
) -> RescreenSummary:
    """Match the stored parties against what changed from ``old`` to ``new``; record it."""
    change = diff_lists(old, new)
    fresh = set(change.added) | set(change.changed)
    subset = attrs.evolve(new, entries=tuple(e for e in new.entries if e.id in fresh))
    with engine.connect() as connection:
        stored = list(stored_parties(connection))
    found: list[tuple[int, PartyMatch]] = []
    if subset.entries:
        matcher = Matcher([subset], config=config)
        for party_id, entity in stored:
            found += [(party_id, match) for match in matcher.match(entity, include_review=True)]
    with engine.begin() as connection:
        lock(connection)
        at = now()
        writer = _AlertWriter(connection, change, four_eyes, at)
        for party_id, match in found:
            writer.add(party_id, match)
        closed = writer.close_removed()
        writer.flush()
    return RescreenSummary(change, len(stored), writer.alerts, writer.suppressed, closed)


def stored_parties(connection: sa.Connection) -> Iterator[tuple[int, Entity]]:
    """Yield (id, Entity) of every party the store has seen, as it was screened."""
    parties = tables["parties"]
    for row in connection.execute(sa.select(parties).order_by(parties.c.id)).mappings():
        identifiers = [
            Identifier(scheme, value, country=country)
            for scheme, value, country in json.loads(row["identifiers"])
        ]
        yield (
            row["id"],
            Entity(
                row["name"],
                aliases=json.loads(row["aliases"]),
                country=row["country"],
                kind=EntityKind(row["kind"]),
                identifiers=identifiers,
            ),
        )


class _AlertWriter:
    """Alerts and closings of one re-screening, written in one transaction."""

    def __init__(
        self, connection: sa.Connection, change: ListChange, four_eyes: bool, at: str
    ) -> None:
        self.connection, self.change, self.four_eyes, self.at = connection, change, four_eyes, at
        alerts, events = tables["alerts"], tables["alert_events"]
        self.next_alert = int(connection.execute(sa.select(sa.func.max(alerts.c.id))).scalar() or 0)
        self.next_event = int(connection.execute(sa.select(sa.func.max(events.c.id))).scalar() or 0)
        self.rows: dict[str, list[dict[str, Any]]] = {
            "entries": [],
            "alerts": [],
            "alert_events": [],
        }
        self.audit: list[AuditEntry] = []
        self.digests: set[str] = set()
        self.alerts = self.suppressed = 0
        self.config = PartyConfig()
        self.verdicts = standing_verdicts(connection, four_eyes)

    def add(self, party_id: int, match: PartyMatch) -> None:
        entry = match.entry
        digest = entry_digest(entry)
        if self._known(party_id, match.list_name, entry.id, digest):
            return
        self._entry(match.list_name, entry)
        how = "added to" if entry.id in self.change.added else "changed in"
        cause = (
            f"list change {self.change.old_version} -> {self.change.new_version}: "
            f"entry {entry.id} {how} the list"
        )
        sanctions = match.list_type is ListType.SANCTIONS
        severity = self.config.sanctioned if sanctions else self.config.restricted
        if not match.is_alert:
            severity = self.config.possible
        self.next_alert += 1
        alert = {
            "id": self.next_alert,
            "screening_id": None,
            "party_id": party_id,
            "role": None,
            "code": "SANCTIONED_PARTY" if sanctions else "RESTRICTED_PARTY",
            "severity": severity.name,
            "list_name": match.list_name,
            "list_version": match.list_version,
            "entry_id": entry.id,
            "entry_digest": digest,
            "matched_name": match.matched_name,
            "score": match.score,
            "message": f"A stored party matches {entry.name!r} ({match.list_name} {entry.id}) "
            f"via {match.matched_name!r} (score {match.score:.2f}, {match.level}), after the "
            "list changed.",
            "source": "rescreen",
            "cause": cause,
            "suppressed_by": None,
            "opened_at": self.at,
        }
        apply_verdict(
            self.connection, alert, self.verdicts.get((party_id, match.list_name, entry.id)), entry
        )
        self.rows["alerts"].append(alert)
        self.audit.append(("alert", f"alert:{alert['id']}", row_payload("alerts", alert)))
        self.alerts += 1
        self.suppressed += alert["suppressed_by"] is not None

    def close_removed(self) -> int:
        """Close the alerts still needing review on entries the new version removed."""
        if not self.change.removed:
            return 0
        alerts = tables["alerts"]
        closed = 0
        for start in range(0, len(self.change.removed), 500):
            removed = self.change.removed[start : start + 500]
            ids = self.connection.execute(
                sa.select(alerts.c.id, alerts.c.suppressed_by).where(
                    alerts.c.list_name == self.change.list_name, alerts.c.entry_id.in_(removed)
                )
            ).all()
            histories = events_by_alert(self.connection, [alert_id for alert_id, _ in ids])
            for alert_id, suppressed_by in ids:
                history = histories.get(alert_id, [])
                if status_of(suppressed_by, history, self.four_eyes) not in NEEDS_REVIEW:
                    continue
                self.next_event += 1
                event = {
                    "id": self.next_event,
                    "alert_id": alert_id,
                    "seq": len(history) + 1,
                    "kind": "closed",
                    "outcome": None,
                    "reviewer": REVIEWER,
                    "reason": f"the entry was removed from the list in {self.change.new_version}",
                    "at": self.at,
                }
                self.rows["alert_events"].append(event)
                self.audit.append(
                    ("event", f"event:{event['id']}", row_payload("alert_events", event))
                )
                closed += 1
        return closed

    def flush(self) -> None:
        for name in ("entries", "alerts", "alert_events"):
            if self.rows[name]:
                self.connection.execute(sa.insert(tables[name]), self.rows[name])
        chain(self.connection, self.audit, self.at)

    def _known(self, party_id: int, list_name: str, entry_id: str, digest: str) -> bool:
        """Whether this party has an alert on this very entry content that is not closed.

        An entry removed (its alerts closed) and listed again is a new designation.
        """
        alerts = tables["alerts"]
        found = self.connection.execute(
            sa.select(alerts.c.id, alerts.c.suppressed_by).where(
                alerts.c.party_id == party_id,
                alerts.c.list_name == list_name,
                alerts.c.entry_id == entry_id,
                alerts.c.entry_digest == digest,
            )
        ).all()
        history = events_by_alert(self.connection, [alert_id for alert_id, _ in found])
        return any(
            status_of(suppressed_by, history.get(alert_id, []), self.four_eyes) != "closed"
            for alert_id, suppressed_by in found
        )

    def _entry(self, list_name: str, entry: ListEntry) -> None:
        digest, row = new_entry_row(self.connection, self.digests, list_name, entry)
        if row is not None:
            self.rows["entries"].append(row)
            self.audit.append(("entry", f"entry:{digest}", row_payload("entries", row)))
