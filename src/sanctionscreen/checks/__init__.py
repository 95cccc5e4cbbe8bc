"""The checks a :class:`~sanctionscreen.Screener` runs, and the default registry.

Each check reads a shipment's :class:`~sanctionscreen.context.ScreeningContext` and
returns its flags; none imports another check or the screener. The registry is an
explicit tuple of the check classes run by default, in the order their flags are
computed; nothing registers itself at import. To run a subset, or checks with their own
configuration, pass instances: ``Screener(checks=[PartyCheck(PartyConfig(...)),
RouteCheck()])``.
"""

from __future__ import annotations

from .base import BaseCheck, Check
from .goods import GoodsCheck, GoodsConfig
from .parties import PartyCheck, PartyConfig
from .routes import RouteCheck, RouteConfig
from .value import ValueCheck, ValueConfig

__all__ = [
    "DEFAULT_CHECKS",
    "BaseCheck",
    "Check",
    "GoodsCheck",
    "GoodsConfig",
    "PartyCheck",
    "PartyConfig",
    "RouteCheck",
    "RouteConfig",
    "ValueCheck",
    "ValueConfig",
    "default_checks",
]

DEFAULT_CHECKS: tuple[type[BaseCheck], ...] = (PartyCheck, RouteCheck, GoodsCheck, ValueCheck)
"""The checks a screener runs when none are given, in order."""


def default_checks() -> tuple[Check, ...]:
    """Return a fresh instance of every registered check, with default configuration."""
    return tuple(check() for check in DEFAULT_CHECKS)
