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

from ._caching import clear_caches
from ._data import DataFile, manifest
from ._version import __version__
from .batch import BatchReport, ColumnMap
from .checks import (
    GoodsCheck,
    GoodsConfig,
    PartyCheck,
    PartyConfig,
    RouteCheck,
    RouteConfig,
    ValueCheck,
    ValueConfig,
)
from .context import PlaceConfig, ScreeningContext
from .errors import (
    AmbiguousCurrencyError,
    DataError,
    FieldTypeError,
    InvalidCurrencyError,
    InvalidHSCodeError,
    ListFormatError,
    ListTooLargeError,
    ListUpdateError,
    ListUpdateWarning,
    RateUnavailableError,
    SampleListWarning,
    SanctionScreenError,
    UnknownCountryError,
    UnsafeXMLError,
    ValidationError,
)
from .geography.countries import normalize_country
from .goods.hs import HSCode
from .goods.nomenclature import describe as describe_hs_code
from .lists import (
    Alias,
    AliasType,
    ListEntry,
    ListType,
    SanctionsList,
    load_list,
    sample_list,
)
from .lists.update import UpdateResult, cached_list, cached_lists, update_lists
from .matching.allowlist import Allowlist, AllowlistEntry
from .matching.logic import MatchConfig
from .models import Entity, EntityKind, GoodsItem, Identifier, Money, PartyRole, Shipment
from .rates import (
    Conversion,
    EcbRates,
    HmrcRates,
    LiveRates,
    PegRates,
    Rate,
    RateChain,
    TableRates,
)
from .results import CheckResult, Flag, ScreeningResult, Severity
from .screener import Screener

__all__ = [
    "Alias",
    "AliasType",
    "Allowlist",
    "AllowlistEntry",
    "AmbiguousCurrencyError",
    "BatchReport",
    "CheckResult",
    "ColumnMap",
    "Conversion",
    "DataError",
    "DataFile",
    "EcbRates",
    "Entity",
    "EntityKind",
    "FieldTypeError",
    "Flag",
    "GoodsCheck",
    "GoodsConfig",
    "GoodsItem",
    "HSCode",
    "HmrcRates",
    "Identifier",
    "InvalidCurrencyError",
    "InvalidHSCodeError",
    "ListEntry",
    "ListFormatError",
    "ListTooLargeError",
    "ListType",
    "ListUpdateError",
    "ListUpdateWarning",
    "LiveRates",
    "MatchConfig",
    "Money",
    "PartyCheck",
    "PartyConfig",
    "PartyRole",
    "PegRates",
    "PlaceConfig",
    "Rate",
    "RateChain",
    "RateUnavailableError",
    "RouteCheck",
    "RouteConfig",
    "SampleListWarning",
    "SanctionScreenError",
    "SanctionsList",
    "Screener",
    "ScreeningContext",
    "ScreeningResult",
    "Severity",
    "Shipment",
    "TableRates",
    "UnknownCountryError",
    "UnsafeXMLError",
    "UpdateResult",
    "ValidationError",
    "ValueCheck",
    "ValueConfig",
    "__version__",
    "bundled_data",
    "cached_list",
    "cached_lists",
    "describe_hs_code",
    "load_list",
    "normalize_country",
    "reset_caches",
    "sample_list",
    "update_lists",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def bundled_data() -> tuple[DataFile, ...]:
    """Return the provenance of every bundled reference data file (source, date, sha256...)."""
    return tuple(manifest().values())


def reset_caches() -> None:
    """Forget all loaded reference data; the next use reads the files again.

    For long-running services that replace data files in place. Every cache of the
    package is registered in one place (:mod:`sanctionscreen._caching`), so none is missed.
    """
    clear_caches()
