"""The review store: screenings recorded, alerts to review, decisions that stick, audited.

>>> store = ReviewStore("reviews.db")                       # doctest: +SKIP
>>> report = screener.screen_file("register.csv", progress=store.recording(
...     lists=screener.lists, batch="register-2026-12"))     # doctest: +SKIP
>>> store.alerts(status="open")                             # doctest: +SKIP
>>> store.decide(12, "false_positive", reviewer="asha", reason="other company")  # doctest: +SKIP
>>> store.verify()                                          # doctest: +SKIP
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import sqlalchemy as sa

from ..batch.report import Outcome
from ..errors import UnknownAlertError, ValidationError
from ..lists.model import SanctionsList
from ..matching.allowlist import Allowlist, AllowlistEntry
from ..matching.logic import MatchConfig
from ..models import Entity
from ..results import ScreeningResult, Severity
from .audit import chain, row_payload, verify
from .database import database_url, open_engine, write_lock
from .models import OUTCOMES, Alert
from .reading import check_allowed, load_alerts, payload
from .recording import ChunkWriter, entry_digest, entry_index, standing_verdicts
from .rescreen import RescreenSummary, rescreen, stored_parties
from .schema import tables

if TYPE_CHECKING:
    import pandas

__all__ = ["RecordSummary", "ReviewStore"]

_CHUNK = 500  # shipments per transaction: each recorded whole, a killed run loses one chunk


@attrs.frozen
class RecordSummary:
    """What recording a batch wrote."""

    recorded: int
    skipped: int
    """Rows of the batch already in the store (a resumed run), not recorded again."""
    alerts: int
    suppressed: int
    """Alerts recorded as suppressed by an earlier false-positive decision."""


class ReviewStore:
    """A review store in an SQLite file (a path) or PostgreSQL (``postgresql://...``).

    ``four_eyes`` (set when the store is created) makes a true-match or false-positive
    decision wait for a second reviewer's confirmation. ``alert_severity`` (default
    HIGH) is the severity from which a flag that is not a party match becomes an alert;
    every party match does. ``create=False`` opens only an existing store and writes
    nothing on opening (for reading and verifying: a mistyped path is an error, not a
    new empty store).
    """

    def __init__(
        self,
        target: str | os.PathLike[str],
        *,
        create: bool = True,
        four_eyes: bool | None = None,
        alert_severity: Severity | str | None = None,
    ) -> None:
        self.url = database_url(target)
        self._engine = open_engine(self.url, create=create)
        self._create = create
        wanted = {
            "four_eyes": None if four_eyes is None else json.dumps(bool(four_eyes)),
            "alert_severity": None
            if alert_severity is None
            else Severity.parse(alert_severity, field="alert_severity").name,
        }
        try:
            settings = self._settings(wanted)
        except BaseException:
            self._engine.dispose()  # a refused store leaves no connection open
            raise
        self.four_eyes: bool = json.loads(settings["four_eyes"])
        self.head: str | None = None
        """``N:HASH`` of the log's last entry, once :meth:`verify` has run: note it elsewhere."""
        self.recorded = RecordSummary(0, 0, 0, 0)
        """What this store object has recorded since it was opened."""
        self.alert_severity = Severity[settings["alert_severity"]]

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        shown = sa.engine.make_url(self.url).render_as_string(hide_password=True)
        return f"<ReviewStore {shown} four_eyes={self.four_eyes}>"

    # -- recording ---------------------------------------------------------------------

    def record(
        self,
        result: ScreeningResult,
        *,
        lists: Sequence[SanctionsList],
        batch: str | None = None,
        row: int = 1,
    ) -> RecordSummary:
        """Record one screening result (``lists``: the screener's, to keep entry contents).

        Without ``batch`` each call is a batch of its own; with one, (``batch``, ``row``)
        is recorded once.
        """
        name = batch if batch is not None else f"single-{uuid.uuid4().hex}"
        return self.record_outcomes([Outcome(row, result=result)], lists=lists, batch=name)

    def record_outcomes(
        self, outcomes: Iterable[Outcome], *, lists: Sequence[SanctionsList], batch: str
    ) -> RecordSummary:
        """Record a batch's screened rows, a chunk per transaction.

        Rows already recorded for ``batch`` are skipped, so a killed run resumes
        without duplicates; rows that could not be read are not recorded.
        """
        totals = [0, 0, 0, 0]
        for counts in self._record_chunks(iter(outcomes), lists, batch):
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
        summary = RecordSummary(*totals)
        self.recorded = RecordSummary(
            *(a + b for a, b in zip(attrs.astuple(self.recorded), totals, strict=True))
        )
        return summary

    def recording(
        self, *, lists: Sequence[SanctionsList], batch: str, then: Callable[..., Any] | None = None
    ) -> Callable[..., Iterator[Outcome]]:
        """Return a ``progress=`` wrapper for ``screen_many`` that records as rows finish.

        ``then`` wraps the stream further (``tqdm.tqdm`` for a progress bar).
        """

        def wrap(outcomes: Iterable[Outcome], total: int | None = None) -> Iterator[Outcome]:
            shown: Iterable[Outcome] = outcomes if then is None else then(outcomes, total=total)
            buffer: list[Outcome] = []
            for outcome in shown:
                buffer.append(outcome)
                if len(buffer) >= _CHUNK:
                    self.record_outcomes(buffer, lists=lists, batch=batch)
                    yield from buffer
                    buffer = []
            self.record_outcomes(buffer, lists=lists, batch=batch)
            yield from buffer

        return wrap

    def _record_chunks(
        self, outcomes: Iterator[Outcome], lists: Sequence[SanctionsList], batch: str
    ) -> Iterator[tuple[int, int, int, int]]:
        index = entry_index(lists)
        while chunk := list(itertools.islice(outcomes, _CHUNK)):
            screened = [o for o in chunk if o.error is None]
            with self._engine.begin() as connection:
                write_lock(connection)
                done = self._recorded_rows(connection, batch, [o.row for o in screened])
                writer = ChunkWriter(
                    connection,
                    index,
                    alert_floor=self.alert_severity,
                    four_eyes=self.four_eyes,
                    at=_now(),
                )
                for outcome in screened:
                    if outcome.row not in done:
                        record = outcome.record()
                        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                        writer.add(batch, outcome.row, record, text)
                writer.flush()
            yield len(screened) - len(done), len(done), writer.alerts, writer.suppressed

    @staticmethod
    def _recorded_rows(connection: sa.Connection, batch: str, rows: list[int]) -> set[int]:
        screenings = tables["screenings"]
        found = connection.execute(
            sa.select(screenings.c.row).where(
                screenings.c.batch == batch, screenings.c.row.in_(rows)
            )
        ).scalars()
        return set(found)

    # -- alerts and decisions ------------------------------------------------------------

    def alert(self, alert_id: int) -> Alert:
        """Return one alert with its events; :class:`UnknownAlertError` if there is none."""
        with self._engine.connect() as connection:
            return self._alert(connection, alert_id)

    def alerts(
        self,
        *,
        status: str | Sequence[str] | None = None,
        severity: Severity | str | None = None,
        list_name: str | None = None,
        reviewer: str | None = None,
    ) -> list[Alert]:
        """Return the alerts, oldest first, filtered.

        By status (one or several), least severity, list name and last reviewer.
        """
        alerts = tables["alerts"]
        query = sa.select(alerts.c.id)
        if list_name is not None:
            query = query.where(alerts.c.list_name == list_name)
        with self._engine.connect() as connection:
            ids = list(connection.execute(query.order_by(alerts.c.id)).scalars())
            found = load_alerts(connection, ids, self.four_eyes)
        wanted = {status} if isinstance(status, str) else set(status or ())
        floor = None if severity is None else Severity.parse(severity, field="severity")
        return [
            a
            for a in found
            if (not wanted or a.status in wanted)
            and (floor is None or Severity[a.severity] >= floor)
            and (reviewer is None or a.reviewer == reviewer)
        ]

    def decide(
        self, alert_id: int, outcome: str, *, reviewer: str, reason: str, seen: int | None = None
    ) -> Alert:
        """Record a decision (``true_match``, ``false_positive`` or ``escalate``) on an alert.

        ``seen`` is the number of events the reviewer saw on the alert: if another
        decision came first, :class:`DecisionConflictError` says so and nothing is
        written. A decided or closed alert cannot be decided again.
        """
        if outcome not in OUTCOMES:
            raise ValidationError("outcome", outcome, f"must be one of {', '.join(OUTCOMES)}")
        return self._event(alert_id, "decision", outcome, reviewer, reason, seen)

    def confirm(self, alert_id: int, *, reviewer: str, reason: str) -> Alert:
        """Confirm a decision awaiting a second reviewer (four eyes): someone else's."""
        return self._event(alert_id, "confirmation", None, reviewer, reason, None)

    def _event(
        self,
        alert_id: int,
        kind: str,
        outcome: str | None,
        reviewer: str,
        reason: str,
        seen: int | None,
    ) -> Alert:
        for field, value in (("reviewer", reviewer), ("reason", reason)):
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(field, value, "is required: say who decided and why")
        with self._engine.begin() as connection:
            write_lock(connection)
            alert = self._alert(connection, alert_id)
            check_allowed(alert, kind, outcome, reviewer, seen)
            events = tables["alert_events"]
            next_id = connection.execute(sa.select(sa.func.max(events.c.id))).scalar() or 0
            at = _now()
            row = {
                "id": int(next_id) + 1,
                "alert_id": alert.id,
                "seq": len(alert.events) + 1,
                "kind": kind,
                "outcome": outcome,
                "reviewer": reviewer.strip(),
                "reason": reason.strip(),
                "at": at,
            }
            connection.execute(sa.insert(events), [row])
            entry = ("event", f"event:{row['id']}", row_payload("alert_events", row))
            chain(connection, [entry], at)
            return self._alert(connection, alert_id)

    def _alert(self, connection: sa.Connection, alert_id: int) -> Alert:
        if isinstance(alert_id, bool) or not isinstance(alert_id, int):
            raise ValidationError("alert_id", alert_id, "must be a whole number")
        found = load_alerts(connection, [alert_id], self.four_eyes)
        if not found:
            raise UnknownAlertError(f"no alert {alert_id} in {self!r}")
        return found[0]

    # -- list changes --------------------------------------------------------------------

    def rescreen(
        self, old: SanctionsList, new: SanctionsList, *, config: MatchConfig | None = None
    ) -> RescreenSummary:
        """Re-screen every stored party against what changed from ``old`` to ``new``.

        Matches on added or changed entries become alerts naming the change (or are
        suppressed by a standing false-positive decision on the same entry content);
        alerts still to review on removed entries are closed.
        """
        return rescreen(
            self._engine,
            old,
            new,
            four_eyes=self.four_eyes,
            config=config,
            now=_now,
            lock=write_lock,
        )

    # -- audit, views --------------------------------------------------------------------

    def parties(self) -> list[Entity]:
        """Return every party the store has seen (name, country, kind, identifiers)."""
        with self._engine.connect() as connection:
            return [entity for _, entity in stored_parties(connection)]

    def allowlist(self, lists: Sequence[SanctionsList] | None = None) -> Allowlist:
        """Return the standing false-positive decisions as an :class:`Allowlist`.

        For a screener without a store (``Screener(lists, allowlist=store.allowlist(lists))``):
        each party name cleared for a list entry, with the decision's reviewer, date and
        reason. A decision a later true match overrode is left out; with ``lists``, so is
        one whose entry has changed since (the store would reopen it). An allowlist keys
        on the normalized name only: unlike the store, it clears that name in any country.
        """
        current = None if lists is None else entry_index(lists)
        cleared = []
        with self._engine.connect() as connection:
            verdicts = standing_verdicts(connection, self.four_eyes)
            names = dict(
                connection.execute(
                    sa.select(tables["parties"].c.id, tables["parties"].c.name)
                ).all()
            )
            events = tables["alert_events"]
            decided = {
                row.id: row
                for row in connection.execute(
                    sa.select(events).where(
                        events.c.id.in_([v.event_id for v in verdicts.values()])
                    )
                )
            }
        for (party_id, list_name, entry_id), verdict in sorted(verdicts.items()):
            entry = None if current is None else current.get((list_name, entry_id))
            if current is not None and (entry is None or entry_digest(entry) != verdict.digest):
                continue
            event = decided[verdict.event_id]
            cleared.append(
                AllowlistEntry(
                    name=names[party_id],
                    entry_id=entry_id,
                    list_name=list_name,
                    reason=event.reason,
                    added_by=event.reviewer,
                    added_on=event.at[:10],
                )
            )
        return Allowlist(cleared)

    def entry_content(self, digest: str) -> dict[str, Any] | None:
        """Return a list entry's content as recorded (``Alert.entry_digest``), or None."""
        entries = tables["entries"]
        with self._engine.connect() as connection:
            stored = connection.execute(
                sa.select(entries.c.content).where(entries.c.digest == digest)
            ).scalar()
        return None if stored is None else dict(json.loads(stored))

    def verify(self, head: str | None = None) -> int:
        """Check the audit log's chain and every recorded row; return the entries checked.

        ``head`` is ``"N:HASH"`` as :attr:`head` gave it after an earlier verification,
        kept outside the store (a ticket, a signed e-mail): entry N must still have that
        hash, so a log whose newest entries were removed is caught too. Raises
        :class:`~sanctionscreen.errors.AuditError` naming the first broken entry.
        """
        noted = None
        if head is not None:
            number, _, digest = head.partition(":")
            if not number.isdigit() or len(digest) != 64:
                raise ValidationError("head", head, "must be N:HASH as verify printed it")
            noted = (int(number), digest)
        with self._engine.connect() as connection:
            checked, last = verify(
                connection, lambda kind, subject: payload(connection, kind, subject), noted
            )
        self.head = f"{checked}:{last}"
        return checked

    def queue(self, **filters: Any) -> pandas.DataFrame:
        """Return :meth:`alerts` as a DataFrame (needs pandas), one row per alert."""
        import pandas

        rows = [{**a.to_dict(), "reviewer": a.reviewer} for a in self.alerts(**filters)]
        columns = [f.name for f in attrs.fields(Alert)] + ["reviewer"]
        frame = pandas.DataFrame.from_records(rows, columns=columns)
        return frame.drop(columns=["events"]).set_index("id")

    def _settings(self, wanted: dict[str, str | None]) -> dict[str, str]:
        meta = tables["meta"]
        defaults = {"four_eyes": "false", "alert_severity": Severity.HIGH.name}
        with self._engine.begin() as connection:
            write_lock(connection)
            stored = dict(connection.execute(sa.select(meta.c.key, meta.c.value)).all())
            for key, value in wanted.items():
                if key in stored and value is not None and stored[key] != value:
                    raise ValidationError(
                        key, value, f"the store was created with {key}={stored[key]}"
                    )
            missing = {k: wanted[k] or defaults[k] for k in defaults if k not in stored}
            if missing and not self._create:
                return {**missing, **stored}  # read as defaults; verify() says they are gone
            if missing:
                connection.execute(
                    sa.insert(meta), [{"key": k, "value": v} for k, v in missing.items()]
                )
                chain(
                    connection,
                    [
                        ("settings", f"settings:{k}", {"key": k, "value": v})
                        for k, v in missing.items()
                    ],
                    _now(),
                )
            return {**stored, **missing}


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
