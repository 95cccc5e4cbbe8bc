"""What the service answers with: one screener, swapped whole when the lists reload.

A request reads :attr:`Serving.current` once and uses that screener to the end, so a
reload never changes an answer mid-request: requests in flight finish on the old lists
while the new ones are loaded and indexed beside them, and the next requests get the
new ones. A reload that fails leaves the old screener serving and says why.

The processes of one service (``serve --workers``) share an announcement file
(:class:`Announcements`): a process that reloaded writes a new token there, and the
others, which look at it about twice a second (:meth:`Serving.announced`), reload too.
"""

from __future__ import annotations

import datetime
import gc
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from ..screener import Screener

__all__ = ["Announcements", "Serving"]


class Announcements:
    """The file through which the processes of one service tell each other of reloads.

    Make it before reading the lists: a reload announced while this process was still
    reading them is then heard, and followed, once it serves.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._heard = self._token()

    def heard(self) -> bool:
        """Whether another process announced a reload since this one last looked."""
        token = self._token()
        if token == self._heard:
            return False
        self._heard = token
        return True

    def announce(self) -> None:
        """Tell the other processes this one has reloaded."""
        token = uuid.uuid4().hex
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        partial.write_text(token, encoding="utf-8")
        partial.replace(self.path)  # whole or not at all, for the readers
        self._heard = token

    def _token(self) -> str | None:
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None


class Serving:
    """The current screener, how to build a new one, and how the last reload went."""

    def __init__(
        self,
        screener: Screener,
        rebuild: Callable[[], Screener] | None = None,
        *,
        announcements: Announcements | None = None,
        freeze: bool = False,
    ) -> None:
        self.current = screener
        self._rebuild = rebuild
        self._reloading = threading.Lock()
        self._announcements = announcements
        self._freeze = freeze
        self.last_reload: dict[str, Any] = {"status": "none", "worker": os.getpid()}
        """``status`` (none, ok, failed), ``at``, ``worker`` (the process), ``cause``
        (a request, or another worker's reload) and the new ``versions``, or the ``error``."""

    def reload(self, *, cause: str = "request") -> dict[str, Any]:
        """Load and index the lists again, then swap them in; return how it went."""
        if self._rebuild is None:
            raise ValidationError("reload", None, "this service has no list files to read again")
        # Following another process waits for a reload running here, then reloads
        # again: that one may have read the lists before the other process's change.
        if not self._reloading.acquire(blocking=cause != "request"):
            raise ValidationError("reload", None, "a reload is already running")
        try:
            at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
            done = {"at": at, "worker": os.getpid(), "cause": cause}
            try:
                fresh = self._rebuild()
            except Exception as exc:  # the old lists keep serving; the failure is reported
                self.last_reload = {"status": "failed", **done, "error": str(exc)}
                return self.last_reload
            self.current = fresh  # one assignment: a request sees the old or the new, whole
            if self._freeze:  # out of the collector's reach, as the first lists were
                gc.freeze()
            if self._announcements is not None and cause == "request":
                self._announcements.announce()
            versions = [item.version for item in fresh.lists]
            self.last_reload = {"status": "ok", **done, "versions": versions}
            return self.last_reload
        finally:
            self._reloading.release()

    def announced(self) -> bool:
        """Whether another process of this service reloaded since this one last looked."""
        return self._announcements is not None and self._announcements.heard()
