"""Recording screened shipments: the result, its parties, the list entries met, its alerts.

One :class:`ChunkWriter` writes a chunk of shipments in one transaction, under the
store's write lock, so each shipment is recorded whole or not at all. Parties and list
entries are kept once each (by a key over the party's normalized name, country and
identifiers; by the sha256 of the entry's content). A party match becomes an alert
unless a false-positive decision on the same party and the same entry content covers
it (the alert is then recorded as suppressed, naming that decision); a match on an
entry whose content changed since such a decision opens, saying what changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import sqlalchemy as sa

from ..kinds import EntityKind
from ..lists.model import ListEntry, SanctionsList
from ..names import normalize_name
from ..results import Severity
from .audit import AuditEntry, canonical, chain, row_payload
from .models import FALSE_POSITIVE, FINAL, status_of
from .reading import events_by_alert
from .schema import tables

__all__ = [
    "ChunkWriter",
    "Verdict",
    "apply_verdict",
    "entry_digest",
    "entry_index",
    "new_entry_row",
    "party_key",
    "standing_verdicts",
]

EntryIndex = Mapping[tuple[str, str], ListEntry]


def entry_index(lists: Sequence[SanctionsList]) -> dict[tuple[str, str], ListEntry]:
    """Index the entries of the lists by (list name, entry id)."""
    return {(item.name, entry.id): entry for item in lists for entry in item.entries}


def entry_digest(entry: ListEntry) -> str:
    """Return the sha256 of an entry's content: any changed field changes it."""
    return hashlib.sha256(canonical(entry.to_dict())).hexdigest()


def party_key(party: Mapping[str, Any]) -> tuple[str, str]:
    """Return (key, normalized name) of a party as a result's JSON holds it."""
    kind = party.get("kind") or "unknown"
    normalized = normalize_name(party["name"], kind=EntityKind(kind)).text
    identifiers = sorted(tuple(str(part or "") for part in i) for i in party["identifiers"])
    text = json.dumps([normalized, party.get("country"), identifiers], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest(), normalized


class ChunkWriter:
    """Writes shipments' rows in the caller's transaction; :meth:`flush` writes them."""

    def __init__(
        self,
        connection: sa.Connection,
        entries: EntryIndex,
        *,
        alert_floor: Severity,
        four_eyes: bool,
        at: str,
    ) -> None:
        self.connection, self.entries, self.at = connection, entries, at
        self.alert_floor, self.four_eyes = alert_floor, four_eyes
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
        self.audit: list[AuditEntry] = []
        self.next_id = {name: _max_id(connection, name) + 1 for name in _COUNTED}
        self.parties: dict[str, int] = {}
        self.digests: set[str] = set()
        self.verdicts = standing_verdicts(connection, four_eyes)
        self.alerts = self.suppressed = 0

    def add(self, batch: str, row: int, record: Mapping[str, Any], result_json: str) -> None:
        """Add one screened shipment (its ``ScreeningResult.to_dict()`` and JSON)."""
        screening = {
            "id": self._id("screenings"),
            "batch": batch,
            "row": row,
            "shipment_id": record["shipment_id"],
            "risk": record["risk"],
            "result_json": result_json,
            "result_sha256": hashlib.sha256(result_json.encode()).hexdigest(),
            "lists": json.dumps(record["lists"], ensure_ascii=False),
            "recorded_at": self.at,
        }
        self.rows["screenings"].append(screening)
        sightings, by_role = [], {}
        for role, party in _parties(record["shipment"]):
            party_id = self._party(party)
            by_role[(role, party["name"])] = party_id
            sighting = {"screening_id": screening["id"], "party_id": party_id, "role": role}
            if sighting not in sightings:
                sightings.append(sighting)
        # In key order, as verify() reads them back.
        sightings.sort(key=lambda seen: (seen["party_id"], seen["role"]))
        self.rows["sightings"] += sightings
        payload = {"screening": row_payload("screenings", screening), "sightings": sightings}
        self.audit.append(("screening", f"screening:{screening['id']}", payload))
        for flag in record["flags"]:
            self._alert(screening, flag, by_role)

    def flush(self) -> None:
        """Insert the rows and append their audit entries."""
        for name in ("entries", "parties", "screenings", "sightings", "alerts"):
            if self.rows[name]:
                self.connection.execute(sa.insert(tables[name]), self.rows[name])
        chain(self.connection, self.audit, self.at)

    # -- internals -------------------------------------------------------------------

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def _party(self, party: Mapping[str, Any]) -> int:
        key, normalized = party_key(party)
        known = self.parties.get(key)
        if known is None:
            known = self._lookup_party(key)
        if known is None:
            known = self._id("parties")
            row = {
                "id": known,
                "party_key": key,
                "name": party["name"],
                "normalized": normalized,
                "country": party.get("country"),
                "kind": party.get("kind") or "unknown",
                "aliases": json.dumps(party.get("aliases") or [], ensure_ascii=False),
                "identifiers": json.dumps(party["identifiers"], ensure_ascii=False),
            }
            self.rows["parties"].append(row)
            self.audit.append(("party", f"party:{known}", row_payload("parties", row)))
        self.parties[key] = known
        return known

    def _lookup_party(self, key: str) -> int | None:
        parties = tables["parties"]
        found = self.connection.execute(
            sa.select(parties.c.id).where(parties.c.party_key == key)
        ).scalar()
        return None if found is None else int(found)

    def _alert(
        self,
        screening: Mapping[str, Any],
        flag: Mapping[str, Any],
        by_role: Mapping[tuple[str, str], int],
    ) -> None:
        evidence = flag["evidence"]
        matched = "entry_id" in evidence and "party" in evidence
        if flag["code"] == "PARTY_MATCH_ALLOWLISTED":
            return  # suppressed by the caller's allowlist; the result records it
        if not matched and Severity[flag["severity"]] < self.alert_floor:
            return
        alert: dict[str, Any] = {
            "id": self._id("alerts"),
            "screening_id": screening["id"],
            "party_id": None,
            "role": None,
            "code": flag["code"],
            "severity": flag["severity"],
            "list_name": None,
            "list_version": None,
            "entry_id": None,
            "entry_digest": None,
            "matched_name": None,
            "score": None,
            "message": flag["message"],
            "source": "screening",
            "cause": f"screening {screening['id']} (batch {screening['batch']!r}, row "
            f"{screening['row']})",
            "suppressed_by": None,
            "opened_at": self.at,
        }
        if matched:
            self._matched(alert, evidence, by_role)
        self.rows["alerts"].append(alert)
        self.audit.append(("alert", f"alert:{alert['id']}", row_payload("alerts", alert)))
        self.alerts += 1
        self.suppressed += alert["suppressed_by"] is not None

    def _matched(
        self,
        alert: dict[str, Any],
        evidence: Mapping[str, Any],
        by_role: Mapping[tuple[str, str], int],
    ) -> None:
        """Fill a party match's columns, and suppress or reopen it by earlier verdicts."""
        party_id = by_role[(evidence["role"], evidence["party"])]
        list_name, entry_id = evidence["list"], evidence["entry_id"]
        entry = self.entries.get((list_name, entry_id))
        digest = None if entry is None else self._entry(list_name, entry)
        alert.update(
            party_id=party_id,
            role=evidence["role"],
            list_name=list_name,
            list_version=evidence["list_version"],
            entry_id=entry_id,
            entry_digest=digest,
            matched_name=evidence["matched_name"],
            score=float(evidence["score"]),
        )
        apply_verdict(
            self.connection, alert, self.verdicts.get((party_id, list_name, entry_id)), entry
        )

    def _entry(self, list_name: str, entry: ListEntry) -> str:
        digest, row = new_entry_row(self.connection, self.digests, list_name, entry)
        if row is not None:
            self.rows["entries"].append(row)
            self.audit.append(("entry", f"entry:{digest}", row_payload("entries", row)))
        return digest


_COUNTED = ("screenings", "parties", "alerts")


def _max_id(connection: sa.Connection, table: str) -> int:
    return int(connection.execute(sa.select(sa.func.max(tables[table].c.id))).scalar() or 0)


def _parties(shipment: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, Any]]]:
    yield "exporter", shipment["exporter"]
    yield "consignee", shipment["consignee"]
    for party in shipment["parties"]:
        yield party.get("role") or "other", party


def new_entry_row(
    connection: sa.Connection, seen: set[str], list_name: str, entry: ListEntry
) -> tuple[str, dict[str, Any] | None]:
    """Return an entry's digest, and its row when the store does not hold it yet.

    ``seen`` holds the digests this transaction has already handled (and is updated).
    """
    digest = entry_digest(entry)
    if digest in seen:
        return digest, None
    seen.add(digest)
    entries = tables["entries"]
    if connection.execute(sa.select(entries.c.digest).where(entries.c.digest == digest)).first():
        return digest, None
    content = json.dumps(entry.to_dict(), ensure_ascii=False, sort_keys=True)
    return digest, {
        "digest": digest,
        "list_name": list_name,
        "entry_id": entry.id,
        "content": content,
    }


@attrs.frozen
class Verdict:
    """A standing false-positive decision: the entry content it saw, the event, the alert."""

    digest: str
    event_id: int
    alert_id: int


def apply_verdict(
    connection: sa.Connection,
    alert: dict[str, Any],
    verdict: Verdict | None,
    entry: ListEntry | None,
) -> None:
    """Suppress a new alert that a standing verdict covers, or say why it reopens."""
    if verdict is None:
        return
    decision = f"the false-positive decision on alert {verdict.alert_id} (event {verdict.event_id})"
    if alert["entry_digest"] is not None and verdict.digest == alert["entry_digest"]:
        alert["suppressed_by"] = verdict.event_id
        alert["cause"] += f"; suppressed by {decision}"
        return
    changed = changed_fields(connection, verdict.digest, entry)
    alert["cause"] += f"; reopened: the entry changed since {decision}" + (
        f" ({', '.join(changed)} changed)" if changed else ""
    )


def standing_verdicts(
    connection: sa.Connection, four_eyes: bool
) -> dict[tuple[int, str, str], Verdict]:
    """Return the standing false-positive verdicts by (party, list name, entry id).

    The latest decided alert on a party and list entry speaks for it: a false positive
    stands until a later alert on the same pair is decided a true match. Only alerts
    with a final decision are read, so this stays cheap however large the store.
    """
    alerts, events = tables["alerts"], tables["alert_events"]
    decided = sa.select(events.c.alert_id).where(events.c.outcome.in_(sorted(FINAL)))
    rows = connection.execute(
        sa.select(
            alerts.c.id,
            alerts.c.party_id,
            alerts.c.list_name,
            alerts.c.entry_id,
            alerts.c.entry_digest,
            alerts.c.suppressed_by,
        )
        .where(alerts.c.id.in_(decided), alerts.c.entry_id.is_not(None))
        .order_by(alerts.c.id)
    ).all()
    history = events_by_alert(connection, decided)
    verdicts: dict[tuple[int, str, str], Verdict] = {}
    for alert_id, party_id, list_name, entry_id, digest, suppressed_by in rows:
        own = history.get(alert_id, [])
        status = status_of(suppressed_by, own, four_eyes)
        key = (party_id, list_name, entry_id)
        if status == FALSE_POSITIVE and digest:
            cleared = [e for e in own if e.outcome == FALSE_POSITIVE][-1]
            verdicts[key] = Verdict(digest, cleared.id, alert_id)
        elif status in FINAL:
            verdicts.pop(key, None)
    return verdicts


def changed_fields(connection: sa.Connection, digest: str, entry: ListEntry | None) -> list[str]:
    """Name the fields of an entry that differ from the content stored under ``digest``."""
    if entry is None:
        return ["the entry is no longer on the list"]
    entries = tables["entries"]
    stored = connection.execute(
        sa.select(entries.c.content).where(entries.c.digest == digest)
    ).scalar()
    if stored is None:
        return []
    before, after = json.loads(stored), json.loads(json.dumps(entry.to_dict()))
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
