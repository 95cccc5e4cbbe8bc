"""Alert review and audit trail in a database (the ``review`` extra: SQLAlchemy 2).

A :class:`ReviewStore` records screenings, raises alerts for party matches and serious
flags, keeps reviewers' decisions (a false positive stays cleared while the list entry
it was about is unchanged), re-screens stored parties when a list changes, and chains
every write in an audit log that :meth:`ReviewStore.verify` checks. SQLite in a file
by default; PostgreSQL through a ``postgresql://`` URL (the ``postgres`` extra).

The names that need SQLAlchemy are imported when first used, so the command line and
:mod:`sanctionscreen.review.models` work without it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .models import ALERT_STATUSES, OUTCOMES, Alert, AlertEvent

if TYPE_CHECKING:
    from .rescreen import ListChange, RescreenSummary, diff_lists
    from .store import RecordSummary, ReviewStore

__all__ = [
    "ALERT_STATUSES",
    "OUTCOMES",
    "Alert",
    "AlertEvent",
    "ListChange",
    "RecordSummary",
    "RescreenSummary",
    "ReviewStore",
    "diff_lists",
]

_LAZY = {
    "ListChange": ".rescreen",
    "RescreenSummary": ".rescreen",
    "diff_lists": ".rescreen",
    "RecordSummary": ".store",
    "ReviewStore": ".store",
}


def __getattr__(name: str) -> Any:
    """Import the module of a name that needs SQLAlchemy when the name is first used."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module(_LAZY[name], __name__)
    except ModuleNotFoundError as exc:
        if exc.name not in ("sqlalchemy", "psycopg"):
            raise
        raise ImportError(
            f"the review store needs {exc.name}: pip install 'sanctionscreen[review]' "
            "(and 'sanctionscreen[postgres]' for PostgreSQL)"
        ) from exc
    value = getattr(module, name)
    globals()[name] = value
    return value
