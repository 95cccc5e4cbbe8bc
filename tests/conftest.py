"""Shared test setup: a reproducible hypothesis profile and the ``../shared`` data.

Tests on the real files in ``../shared`` (official lists, benchmark sets) find them
through the ``shared`` fixture: ``$SANCTIONSCREEN_SHARED`` when set (CI runs the suite on a copy
of the tree and passes the folder's path), else ``../shared`` beside the project. They
skip when it is absent, except when ``$SANCTIONSCREEN_REQUIRE_SHARED`` is set: then a
missing file fails the run, so CI cannot pass with those tests silently skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings


def _shared(*parts: str) -> Path:
    """Return a path under ``../shared/data``; skip (or fail, in CI) when it is absent."""
    root = os.environ.get("SANCTIONSCREEN_SHARED")
    base = Path(root) if root else Path(__file__).resolve().parents[2] / "shared"
    path = base.joinpath("data", *parts)
    if not path.exists():
        message = f"{path} is not available"
        if os.environ.get("SANCTIONSCREEN_REQUIRE_SHARED"):
            pytest.fail(message + " ($SANCTIONSCREEN_REQUIRE_SHARED is set)")
        pytest.skip(message)
    return path


# Derandomized by default so CI is reproducible; HYPOTHESIS_PROFILE=explore searches wider.
settings.register_profile(
    "ci", derandomize=True, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("explore", max_examples=5_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def shared() -> Callable[..., Path]:
    """``shared("lists", "ofac_sdn_2021")``: a path under ``../shared/data``, or a skip."""
    return _shared


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep what tests save (lists, indexes) out of the user's own cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SANCTIONSCREEN_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for a review store: an SQLite file, then PostgreSQL.

    PostgreSQL is the server at ``$SANCTIONSCREEN_TEST_POSTGRES`` (``tools/postgres.sh``
    starts one; CI does): each test gets a database of its own, dropped afterwards.
    Without it the PostgreSQL runs skip, or fail when ``$SANCTIONSCREEN_REQUIRE_POSTGRES``
    is set, as in CI.
    """
    if request.param == "sqlite":
        yield str(tmp_path / "reviews.db")
        return
    server = os.environ.get("SANCTIONSCREEN_TEST_POSTGRES")
    if not server:
        message = "no PostgreSQL server: set $SANCTIONSCREEN_TEST_POSTGRES (tools/postgres.sh)"
        if os.environ.get("SANCTIONSCREEN_REQUIRE_POSTGRES"):
            pytest.fail(message)
        pytest.skip(message)
    sqlalchemy = pytest.importorskip("sqlalchemy")
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        url = sqlalchemy.engine.make_url(server).set(database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
