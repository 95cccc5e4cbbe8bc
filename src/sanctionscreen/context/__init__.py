"""The screening context: what a shipment says, read once for every check.

- :mod:`.screening`: :class:`ScreeningContext` (one shipment, read lazily and once) and
  :class:`Resources` (what a screener lends its checks: matcher, rates, place settings);
- :mod:`.places`: the countries a shipment touches and the sanctioned places found in
  its fields and addresses, weighed by :class:`PlaceConfig`;
- :mod:`.lines`: each goods line's HS reading, CHPL items and description.

Checks read the context and nothing else; they never import one another.
"""

from __future__ import annotations

from .lines import GoodsLine
from .places import (
    SENDING_ROLES,
    EmbargoFinding,
    PlaceConfig,
    PlaceFinding,
    RegionExposure,
    RegionFinding,
)
from .screening import Resources, ScreeningContext, convert_value

__all__ = [
    "SENDING_ROLES",
    "EmbargoFinding",
    "GoodsLine",
    "PlaceConfig",
    "PlaceFinding",
    "RegionExposure",
    "RegionFinding",
    "Resources",
    "ScreeningContext",
    "convert_value",
]
