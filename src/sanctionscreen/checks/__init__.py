"""The registry of checks that :class:`~sanctionscreen.Screener` runs by default.

The registry is an explicit tuple of factories, each taking the screener's
:class:`~sanctionscreen.matching.matcher.Matcher` (the loaded lists) and returning a
check, in the order their flags are computed. Nothing registers itself at import.
"""

from __future__ import annotations

from collections.abc import Callable

from ..matching.matcher import Matcher
from .base import BaseCheck, Check
from .goods import GoodsCheck, GoodsConfig
from .parties import PartyCheck, PartyConfig
from .routes import RouteCheck, RouteConfig

__all__ = [
    "DEFAULT_CHECKS",
    "BaseCheck",
    "Check",
    "CheckFactory",
    "GoodsCheck",
    "GoodsConfig",
    "PartyCheck",
    "PartyConfig",
    "RouteCheck",
    "RouteConfig",
    "default_checks",
]

CheckFactory = Callable[[Matcher], Check]

DEFAULT_CHECKS: tuple[CheckFactory, ...] = (
    PartyCheck,
    lambda matcher: RouteCheck(),
    lambda matcher: GoodsCheck(),
)


def default_checks(matcher: Matcher) -> tuple[Check, ...]:
    """Return a fresh instance of every registered check, with default configuration."""
    return tuple(factory(matcher) for factory in DEFAULT_CHECKS)
