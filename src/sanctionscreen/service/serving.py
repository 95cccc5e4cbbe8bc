"""What the service answers with: one screener, swapped whole when the lists reload.

A request reads :attr:`Serving.current` once and uses that screener to the end, so a
reload never changes an answer mid-request: requests in flight finish on the old lists
while the new ones are loaded and indexed beside them, and the next requests get the
new ones. A reload that fails leaves the old screener serving and says why.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

from ..errors import ValidationError
from ..screener import Screener

__all__ = ["Serving"]


class Serving:
    """The current screener, how to build a new one, and how the last reload went."""

    def __init__(self, screener: Screener, rebuild: Callable[[], Screener] | None = None) -> None:
        self.current = screener
        self._rebuild = rebuild
        self._reloading = threading.Lock()
        self.last_reload: dict[str, Any] = {"status": "none"}
        """``status`` (none, ok, failed), ``at`` and the new versions, or the ``error``."""

    def reload(self) -> dict[str, Any]:
        """Load and index the lists again, then swap them in; return how it went."""
        if self._rebuild is None:
            raise ValidationError("reload", None, "this service has no list files to read again")
        if not self._reloading.acquire(blocking=False):
            raise ValidationError("reload", None, "a reload is already running")
        try:
            at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
            try:
                fresh = self._rebuild()
            except Exception as exc:  # the old lists keep serving; the failure is reported
                self.last_reload = {"status": "failed", "at": at, "error": str(exc)}
                return self.last_reload
            self.current = fresh  # one assignment: a request sees the old or the new, whole
            versions = [item.version for item in fresh.lists]
            self.last_reload = {"status": "ok", "at": at, "versions": versions}
            return self.last_reload
        finally:
            self._reloading.release()
