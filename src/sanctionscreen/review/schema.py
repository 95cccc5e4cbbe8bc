"""The review store's tables and their versioned, forward-only migrations.

Every table is written by appending rows: screenings, the parties and list entries they
met, alerts, the events on alerts (decisions, confirmations, closings) and the audit
log. Nothing is ever updated in place or deleted, so an alert's status is derived from
its events. ``meta`` holds what the store is (``store``) and its schema version.

Migrations run in order from the database's version to :data:`SCHEMA_VERSION`, each in
its own transaction with the version bump; a database newer than the library is refused.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "STORE_MARK", "metadata", "tables"]

STORE_MARK = "sanctionscreen-review"
"""The value of ``meta.store``: what tells this store from any other database."""

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

screenings = sa.Table(
    "screenings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("batch", sa.String(200), nullable=False),
    sa.Column("row", sa.Integer, nullable=False),
    sa.Column("shipment_id", sa.Text),
    sa.Column("risk", sa.String(16), nullable=False),
    sa.Column("result_json", sa.Text, nullable=False),
    sa.Column("result_sha256", sa.String(64), nullable=False),
    sa.Column("lists", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.String(32), nullable=False),
    sa.UniqueConstraint("batch", "row", name="one_screening_per_row"),
)

parties = sa.Table(
    "parties",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("party_key", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("normalized", sa.Text, nullable=False),
    sa.Column("country", sa.String(2)),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("aliases", sa.Text, nullable=False),
    sa.Column("identifiers", sa.Text, nullable=False),
)

sightings = sa.Table(
    "sightings",
    metadata,
    sa.Column("screening_id", sa.ForeignKey("screenings.id"), primary_key=True),
    sa.Column("party_id", sa.ForeignKey("parties.id"), primary_key=True),
    sa.Column("role", sa.String(32), primary_key=True),
)

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("list_name", sa.Text, nullable=False),
    sa.Column("entry_id", sa.Text, nullable=False),
    sa.Column("content", sa.Text, nullable=False),
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("screening_id", sa.ForeignKey("screenings.id")),
    sa.Column("party_id", sa.ForeignKey("parties.id")),
    sa.Column("role", sa.String(32)),
    sa.Column("code", sa.String(64), nullable=False),
    sa.Column("severity", sa.String(16), nullable=False),
    sa.Column("list_name", sa.Text),
    sa.Column("list_version", sa.Text),
    sa.Column("entry_id", sa.Text),
    sa.Column("entry_digest", sa.String(64)),
    sa.Column("matched_name", sa.Text),
    sa.Column("score", sa.Float),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("source", sa.String(16), nullable=False),
    sa.Column("cause", sa.Text, nullable=False),
    sa.Column("suppressed_by", sa.Integer),
    sa.Column("opened_at", sa.String(32), nullable=False),
)

events = sa.Table(
    "alert_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("alert_id", sa.ForeignKey("alerts.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("outcome", sa.String(32)),
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.UniqueConstraint("alert_id", "seq", name="one_event_per_step"),
)

audit = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("payload_sha256", sa.String(64), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

tables = {
    table.name: table
    for table in (meta, screenings, parties, sightings, entries, alerts, events, audit)
}


def _version_1(connection: sa.Connection) -> None:
    """Create every table (the first schema)."""
    metadata.create_all(connection)


def _version_2(connection: sa.Connection) -> None:
    """Indexes for the queue (alerts by entry and party) and an alert's events."""
    # Plain DDL: an sa.Index object would attach itself to the shared table objects and
    # be created again by the next store's version 1.
    for statement in (
        "CREATE INDEX alerts_by_entry ON alerts (list_name, entry_id)",
        "CREATE INDEX alerts_by_party ON alerts (party_id)",
        "CREATE INDEX events_by_alert ON alert_events (alert_id)",
        "CREATE INDEX sightings_by_party ON sightings (party_id)",
    ):
        connection.execute(sa.text(statement))


MIGRATIONS: tuple[Callable[[sa.Connection], None], ...] = (_version_1, _version_2)
"""Step ``i`` takes a database from version ``i`` to ``i + 1`` (0: empty)."""

SCHEMA_VERSION = len(MIGRATIONS)
