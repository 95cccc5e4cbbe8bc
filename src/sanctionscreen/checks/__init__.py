"""The registry of checks that :class:`~sanctionscreen.Screener` runs by default.

The registry is an explicit tuple of factories, each taking the screener's
:class:`~sanctionscreen.matching.matcher.Matcher` (the loaded lists) and its
:class:`~sanctionscreen.rates.RateChain`, and returning a check, in the order their
flags are computed. Nothing registers itself at import.
"""

from __future__ import annotations

from collections.abc import Callable

from ..matching.matcher import Matcher
from ..rates import RateChain, default_rates
from .base import BaseCheck, Check
from .goods import GoodsCheck, GoodsConfig
from .parties import PartyCheck, PartyConfig
from .routes import RouteCheck, RouteConfig
from .value import ValueCheck, ValueConfig

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
    "ValueCheck",
    "ValueConfig",
    "default_checks",
]

CheckFactory = Callable[[Matcher], Check]

DEFAULT_CHECKS: tuple[Callable[[Matcher, RateChain], Check], ...] = (
    lambda matcher, rates: PartyCheck(matcher),
    lambda matcher, rates: RouteCheck(),
    lambda matcher, rates: GoodsCheck(),
    lambda matcher, rates: ValueCheck(rates),
)


def default_checks(matcher: Matcher, rates: RateChain | None = None) -> tuple[Check, ...]:
    """Return a fresh instance of every registered check, with default configuration.

    The party check searches ``matcher``'s lists; the value check converts with
    ``rates`` (the offline default chain when None).
    """
    chain = rates or default_rates()
    return tuple(factory(matcher, chain) for factory in DEFAULT_CHECKS)
