"""Alerts, and what happens to them: decisions, confirmations and closings.

An alert's status is never stored; it follows from its events, oldest first:

- no event: ``open``, or ``suppressed`` when an earlier false-positive decision on the
  same party and the same list entry content covers it;
- a decision ``escalate``: ``escalated`` (still to decide);
- a decision ``true_match`` or ``false_positive``: that outcome, or
  ``awaiting_second_review`` when the store asks for four eyes, until another reviewer
  confirms it;
- ``closed``: the list entry was removed (or the alert was closed for a stated reason).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

__all__ = [
    "ALERT_STATUSES",
    "OUTCOMES",
    "Alert",
    "AlertEvent",
    "status_of",
]

TRUE_MATCH = "true_match"
FALSE_POSITIVE = "false_positive"
ESCALATE = "escalate"
OUTCOMES = (TRUE_MATCH, FALSE_POSITIVE, ESCALATE)
"""The decisions a reviewer can take on an alert."""

FINAL = frozenset({TRUE_MATCH, FALSE_POSITIVE})
ALERT_STATUSES = (
    "open",
    "escalated",
    "awaiting_second_review",
    TRUE_MATCH,
    FALSE_POSITIVE,
    "suppressed",
    "closed",
)
"""Every status an alert can have; the first three still need a reviewer."""
NEEDS_REVIEW = frozenset(ALERT_STATUSES[:3])


@attrs.frozen
class AlertEvent:
    """One step in an alert's life: a decision, a confirmation or a closing."""

    id: int
    seq: int
    kind: str
    """``decision``, ``confirmation`` or ``closed``."""
    outcome: str | None
    reviewer: str
    reason: str
    at: str


@attrs.frozen
class Alert:
    """A finding that needs a person: a party matching a list entry, or a serious flag."""

    id: int
    status: str
    code: str
    severity: str
    message: str
    source: str
    """``screening`` or ``rescreen`` (raised by a list change)."""
    cause: str
    """Why it was raised: the screening, or the list change; and what reopened it."""
    opened_at: str
    screening_id: int | None = None
    shipment_id: str | None = None
    party: str | None = None
    role: str | None = None
    list_name: str | None = None
    list_version: str | None = None
    entry_id: str | None = None
    entry_digest: str | None = None
    matched_name: str | None = None
    score: float | None = None
    suppressed_by: int | None = None
    """The decision event whose false-positive verdict covers this alert."""
    events: tuple[AlertEvent, ...] = ()

    @property
    def needs_review(self) -> bool:
        """Whether a reviewer still has to act on the alert."""
        return self.status in NEEDS_REVIEW

    @property
    def reviewer(self) -> str | None:
        """Who decided last, if anyone did."""
        decided = [e for e in self.events if e.kind in ("decision", "confirmation")]
        return decided[-1].reviewer if decided else None

    def decision(self) -> dict[str, str | None]:
        """Return the last decision: its outcome, who took it, when, why, and who confirmed."""
        decided = [e for e in self.events if e.kind == "decision"]
        last = decided[-1] if decided else None
        confirmed = [e for e in self.events if e.kind == "confirmation"]
        later = bool(confirmed) and last is not None and confirmed[-1].seq > last.seq
        return {
            "decision": last.outcome if last else None,
            "decided_by": last.reviewer if last else None,
            "decided_at": last.at if last else None,
            "decision_reason": last.reason if last else None,
            "confirmed_by": confirmed[-1].reviewer if later else None,
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the alert as JSON-safe data, its events included."""
        data = attrs.asdict(self, recurse=True)
        data["events"] = [attrs.asdict(event) for event in self.events]
        return data

    def __repr__(self) -> str:
        about = f" {self.party!r} ~ {self.list_name} {self.entry_id}" if self.entry_id else ""
        return f"<Alert {self.id} {self.status} {self.severity} {self.code}{about}>"


def status_of(suppressed_by: int | None, events: Sequence[AlertEvent], four_eyes: bool) -> str:
    """Return the status the events add up to (see the module docstring)."""
    status = "suppressed" if suppressed_by is not None else "open"
    pending: str | None = None
    for event in events:
        if event.kind == "closed":
            status, pending = "closed", None
        elif event.kind == "confirmation" and pending is not None:
            status, pending = pending, None
        elif event.kind == "decision" and event.outcome == ESCALATE:
            status, pending = "escalated", None
        elif event.kind == "decision" and event.outcome in FINAL:
            if four_eyes:
                status, pending = "awaiting_second_review", event.outcome
            else:
                status = event.outcome
    return status
