"""The registry of checks that :class:`~sanctionscreen.Screener` runs by default.

The registry is an explicit tuple: adding a check means adding it here, in the order
its flags should be computed. Nothing registers itself at import.
"""

from __future__ import annotations

from .base import BaseCheck, Check
from .routes import RouteCheck, RouteConfig

__all__ = ["DEFAULT_CHECKS", "BaseCheck", "Check", "RouteCheck", "RouteConfig", "default_checks"]

DEFAULT_CHECKS: tuple[type[BaseCheck], ...] = (RouteCheck,)


def default_checks() -> tuple[Check, ...]:
    """Return a fresh instance of every registered check, with default configuration."""
    return tuple(check() for check in DEFAULT_CHECKS)
