"""Reading the store back: alerts with their events, and audited rows as payloads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import sqlalchemy as sa

from ..errors import DecisionConflictError
from .audit import row_payload, subject_row
from .models import ESCALATE, FINAL, Alert, AlertEvent, status_of
from .schema import tables

__all__ = ["check_allowed", "events_by_alert", "load_alerts", "payload", "tables_of"]


def check_allowed(
    alert: Alert, kind: str, outcome: str | None, reviewer: str, seen: int | None
) -> None:
    """Refuse an event the alert's state does not allow, with the reason.

    ``seen`` (the number of events the reviewer saw) must still be the number recorded.
    A decided or closed alert takes no new decision. While a decision awaits its
    second reviewer, another reviewer may confirm it, or escalate it if they disagree;
    nobody reviews their own decision a second time (names compared without case).
    """
    if seen is not None and seen != len(alert.events):
        if not alert.events or seen > len(alert.events):
            raise DecisionConflictError(
                f"alert {alert.id} has {len(alert.events)} event(s), not {seen}"
            )
        last = alert.events[-1]
        raise DecisionConflictError(
            f"alert {alert.id} changed since you saw it: {last.reviewer} recorded "
            f"{last.outcome or last.kind} at {last.at}"
        )
    if alert.status == "awaiting_second_review" and (kind == "confirmation" or outcome == ESCALATE):
        if alert.events[-1].reviewer.casefold() == reviewer.strip().casefold():
            raise DecisionConflictError(
                f"alert {alert.id}: the second review must be by someone other than "
                f"{alert.events[-1].reviewer}"
            )
        return
    if kind == "confirmation":
        raise DecisionConflictError(f"alert {alert.id} is {alert.status}: nothing to confirm")
    if alert.status in FINAL or alert.status in ("closed", "awaiting_second_review"):
        decided = [e for e in alert.events if e.kind == "decision"]
        by = f" by {decided[-1].reviewer} at {decided[-1].at}" if decided else ""
        raise DecisionConflictError(f"alert {alert.id} is already {alert.status}{by}")


_EVENT_FIELDS = tuple(field.name for field in attrs.fields(AlertEvent))


def events_by_alert(
    connection: sa.Connection, alert_ids: Sequence[int] | sa.Select[Any]
) -> dict[int, list[AlertEvent]]:
    """Return the events of the alerts (ids, or a query selecting them), oldest first."""
    events = tables["alert_events"]
    query = sa.select(events.c.alert_id, *(events.c[f] for f in _EVENT_FIELDS)).where(
        events.c.alert_id.in_(alert_ids)
    )
    history: dict[int, list[AlertEvent]] = {}
    for row in connection.execute(query.order_by(events.c.alert_id, events.c.seq)).mappings():
        event = AlertEvent(**{f: row[f] for f in _EVENT_FIELDS})
        history.setdefault(row["alert_id"], []).append(event)
    return history


def load_alerts(connection: sa.Connection, ids: list[int], four_eyes: bool) -> list[Alert]:
    """Load alerts by id with their party's name, shipment id and events."""
    alerts, parties, screenings = tables["alerts"], tables["parties"], tables["screenings"]
    found: list[Alert] = []
    for start in range(0, len(ids), 5000):
        part = ids[start : start + 5000]
        history = events_by_alert(connection, part)
        query = (
            sa.select(alerts, parties.c.name.label("party"), screenings.c.shipment_id)
            .outerjoin(parties, alerts.c.party_id == parties.c.id)
            .outerjoin(screenings, alerts.c.screening_id == screenings.c.id)
            .where(alerts.c.id.in_(part))
            .order_by(alerts.c.id)
        )
        for row in connection.execute(query).mappings():
            own = tuple(history.get(row["id"], ()))
            found.append(
                Alert(
                    status=status_of(row["suppressed_by"], own, four_eyes),
                    events=own,
                    **{f.name: row[f.name] for f in attrs.fields(Alert) if f.name in row},
                )
            )
    return found


def payload(connection: sa.Connection, kind: str, subject: str) -> dict[str, Any]:
    """Rebuild an audit entry's payload from the rows as they are now."""
    rows = subject_row(connection, kind, subject)
    if not rows:
        raise LookupError(subject)
    row = rows[0]
    if kind == "screening":
        sightings = tables["sightings"]
        seen = connection.execute(
            sa.select(sightings)
            .where(sightings.c.screening_id == row["id"])
            .order_by(sightings.c.party_id, sightings.c.role)
        ).mappings()
        return {
            "screening": row_payload("screenings", row),
            "sightings": [dict(s) for s in seen],
        }
    if kind == "settings":
        return {"key": row["key"], "value": row["value"]}
    return row_payload(tables_of(kind), row)


def tables_of(kind: str) -> str:
    """Return the table an audit subject's kind lives in."""
    return {"party": "parties", "entry": "entries", "alert": "alerts", "event": "alert_events"}[
        kind
    ]
