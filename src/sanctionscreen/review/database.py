"""Opening a review store: SQLite files or PostgreSQL URLs, checked, created or migrated.

A database is opened only when it is empty (a store is created in it), already a store
of this or an older schema (migrated forward), or refused unchanged: a database of
another application, a file that is not SQLite, or a store from a newer library.
Writers are serialized (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so two
reviewers deciding the same alert at once are ordered, and the audit log's chain never
forks.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ..errors import StoreSchemaError
from .schema import MIGRATIONS, SCHEMA_VERSION, STORE_MARK, tables

__all__ = ["database_url", "open_engine", "write_lock"]

# Any constant: the PostgreSQL advisory lock that serializes the store's writers.
_WRITE_LOCK = 0x5C4EE2
_BUSY_MS = 30_000  # how long an SQLite writer waits for another before giving up


def database_url(target: str | os.PathLike[str]) -> str:
    """Return a SQLAlchemy URL: a URL as given, a path as an SQLite file."""
    text = os.fspath(target)
    for scheme in ("postgresql://", "postgres://"):
        if text.startswith(scheme):
            return "postgresql+psycopg://" + text[len(scheme) :]
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).resolve()}"


def open_engine(url: str, *, create: bool = True) -> Engine:
    """Create the engine, then check the database and create or migrate the store.

    ``create=False`` refuses a database that is not a store yet (a mistyped path).
    """
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        path = Path(parsed.database)
        if not path.parent.is_dir():
            raise StoreSchemaError(f"{path}: no such folder for a review store")
        if not create and not path.is_file():
            raise StoreSchemaError(f"{path}: no review store there (no such file)")
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        _serialize_sqlite(engine)
    try:
        with engine.connect() as connection:
            version = _version(connection)
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise StoreSchemaError(f"{_shown(url)} cannot be read as a database: {exc.orig}") from None
    if version == 0 and not create:
        engine.dispose()
        raise StoreSchemaError(f"{_shown(url)} is empty: no review store there")
    if version > SCHEMA_VERSION:
        engine.dispose()
        raise StoreSchemaError(
            f"{_shown(url)} is a review store of schema version {version}; this library "
            f"reads up to {SCHEMA_VERSION}: upgrade sanctionscreen"
        )
    if engine.dialect.name == "sqlite":
        # Readers then never wait for a writer. Set only once the file is known to be
        # ours (it changes the file), outside any transaction (SQLite refuses it inside).
        with engine.connect() as connection:
            driver = connection.connection.driver_connection
            driver.execute("PRAGMA journal_mode=WAL")  # type: ignore[union-attr]
    for step in range(version, SCHEMA_VERSION):
        with engine.begin() as connection:
            write_lock(connection)
            MIGRATIONS[step](connection)
            _set_version(connection, step + 1)
    return engine


def write_lock(connection: sa.Connection) -> None:
    """Take the store's writer lock for this transaction (SQLite takes it at BEGIN)."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})


def _serialize_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling would begin lazily and deferred; a deferred
    # transaction that reads, then writes, can deadlock against another writer.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _version(connection: sa.Connection) -> int:
    """Return the store's schema version, 0 for an empty database; refuse any other."""
    names = set(sa.inspect(connection).get_table_names())
    if not names:
        return 0
    if "meta" not in names:
        raise StoreSchemaError(_foreign(connection, names))
    meta = tables["meta"]
    try:
        rows = dict(connection.execute(sa.select(meta.c.key, meta.c.value)).all())
    except sa.exc.DBAPIError:  # a "meta" table of another application
        raise StoreSchemaError(_foreign(connection, names)) from None
    if rows.get("store") != STORE_MARK:
        raise StoreSchemaError(_foreign(connection, names))
    return int(rows.get("schema_version", "0"))


def _set_version(connection: sa.Connection, version: int) -> None:
    meta = tables["meta"]
    connection.execute(sa.delete(meta).where(meta.c.key == "schema_version"))
    connection.execute(sa.insert(meta), [{"key": "schema_version", "value": str(version)}])
    if version == 1:
        connection.execute(sa.insert(meta), [{"key": "store", "value": STORE_MARK}])


def _foreign(connection: sa.Connection, names: set[str]) -> str:
    shown = ", ".join(sorted(names)[:5])
    return (
        f"{_shown(str(connection.engine.url))} is not a sanctionscreen review store (it has "
        f"the tables {shown}); it was left unchanged"
    )


def _shown(url: str) -> str:
    """Return the URL without its password, for messages."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)
