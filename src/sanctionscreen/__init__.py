"""sanctionscreen: screen trade shipments for sanctions and export-control risk.

>>> import sanctionscreen as ss
>>> shipment = ss.Shipment(exporter="Example Exports Pvt Ltd", consignee="OOO Example",
...                        origin="India", destination="Russia")
>>> ss.Screener().screen(shipment).risk
<Severity.HIGH: 40>

The public API is exactly ``__all__``; modules whose names start with an underscore
are private.
"""

from __future__ import annotations

import logging

from ._data import DataFile
from ._version import __version__
from .countries import normalize_country
from .errors import (
    DataError,
    FieldTypeError,
    InvalidCurrencyError,
    InvalidHSCodeError,
    SanctionScreenError,
    UnknownCountryError,
    ValidationError,
)
from .hs import HSCode
from .models import Entity, EntityKind, GoodsItem, Identifier, Money, PartyRole, Shipment
from .results import CheckResult, Flag, ScreeningResult, Severity
from .screener import Screener

__all__ = [
    "CheckResult",
    "DataError",
    "DataFile",
    "Entity",
    "EntityKind",
    "FieldTypeError",
    "Flag",
    "GoodsItem",
    "HSCode",
    "Identifier",
    "InvalidCurrencyError",
    "InvalidHSCodeError",
    "Money",
    "PartyRole",
    "SanctionScreenError",
    "Screener",
    "ScreeningResult",
    "Severity",
    "Shipment",
    "UnknownCountryError",
    "ValidationError",
    "__version__",
    "bundled_data",
    "normalize_country",
    "reset_caches",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def bundled_data() -> tuple[DataFile, ...]:
    """Return the provenance of every bundled reference data file (source, date, sha256...)."""
    from ._data import manifest

    return tuple(manifest().values())


def reset_caches() -> None:
    """Forget all loaded reference data; the next use reads the files again.

    For long-running services that replace data files in place.
    """
    from . import _data, _scan, addresses, countries, jurisdictions, places, regions

    for module in (_data, _scan, addresses, countries, jurisdictions, places, regions):
        module.reset_caches()
