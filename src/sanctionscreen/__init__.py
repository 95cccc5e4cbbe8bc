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

import importlib
import logging
from typing import TYPE_CHECKING, Any

from ._caching import clear_caches
from ._data import manifest
from ._version import __version__
from .errors import (
    AmbiguousCurrencyError,
    AuditError,
    DataError,
    DecisionConflictError,
    FieldTypeError,
    InvalidCurrencyError,
    InvalidHSCodeError,
    ListFormatError,
    ListTooLargeError,
    ListUpdateError,
    ListUpdateWarning,
    RateUnavailableError,
    ReviewError,
    SampleListWarning,
    SanctionScreenError,
    StoreSchemaError,
    UnknownAlertError,
    UnknownCountryError,
    UnsafeXMLError,
    ValidationError,
)

if TYPE_CHECKING:  # what type checkers and editors see; at run time, see __getattr__
    from ._data import DataFile
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
    from .geography.countries import normalize_country
    from .goods.hs import HSCode
    from .goods.nomenclature import describe as describe_hs_code
    from .lists import Alias, AliasType, ListEntry, ListType, SanctionsList, load_list, sample_list
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
    from .review import ReviewStore
    from .screener import Screener

# Each public name and the module that defines it: imported when first used, so that
# `import sanctionscreen` stays cheap (a command line's --help, a worker's start).
_LAZY: dict[str, tuple[str, str]] = {
    "Alias": (".lists", "Alias"),
    "AliasType": (".lists", "AliasType"),
    "Allowlist": (".matching.allowlist", "Allowlist"),
    "AllowlistEntry": (".matching.allowlist", "AllowlistEntry"),
    "BatchReport": (".batch", "BatchReport"),
    "CheckResult": (".results", "CheckResult"),
    "ColumnMap": (".batch", "ColumnMap"),
    "Conversion": (".rates", "Conversion"),
    "DataFile": ("._data", "DataFile"),
    "EcbRates": (".rates", "EcbRates"),
    "Entity": (".models", "Entity"),
    "EntityKind": (".models", "EntityKind"),
    "Flag": (".results", "Flag"),
    "GoodsCheck": (".checks", "GoodsCheck"),
    "GoodsConfig": (".checks", "GoodsConfig"),
    "GoodsItem": (".models", "GoodsItem"),
    "HSCode": (".goods.hs", "HSCode"),
    "HmrcRates": (".rates", "HmrcRates"),
    "Identifier": (".models", "Identifier"),
    "ListEntry": (".lists", "ListEntry"),
    "ListType": (".lists", "ListType"),
    "LiveRates": (".rates", "LiveRates"),
    "MatchConfig": (".matching.logic", "MatchConfig"),
    "Money": (".models", "Money"),
    "PartyCheck": (".checks", "PartyCheck"),
    "PartyConfig": (".checks", "PartyConfig"),
    "PartyRole": (".models", "PartyRole"),
    "PegRates": (".rates", "PegRates"),
    "PlaceConfig": (".context", "PlaceConfig"),
    "Rate": (".rates", "Rate"),
    "RateChain": (".rates", "RateChain"),
    "ReviewStore": (".review", "ReviewStore"),
    "RouteCheck": (".checks", "RouteCheck"),
    "RouteConfig": (".checks", "RouteConfig"),
    "SanctionsList": (".lists", "SanctionsList"),
    "Screener": (".screener", "Screener"),
    "ScreeningContext": (".context", "ScreeningContext"),
    "ScreeningResult": (".results", "ScreeningResult"),
    "Severity": (".results", "Severity"),
    "Shipment": (".models", "Shipment"),
    "TableRates": (".rates", "TableRates"),
    "UpdateResult": (".lists.update", "UpdateResult"),
    "ValueCheck": (".checks", "ValueCheck"),
    "ValueConfig": (".checks", "ValueConfig"),
    "cached_list": (".lists.update", "cached_list"),
    "cached_lists": (".lists.update", "cached_lists"),
    "describe_hs_code": (".goods.nomenclature", "describe"),
    "load_list": (".lists", "load_list"),
    "normalize_country": (".geography.countries", "normalize_country"),
    "sample_list": (".lists", "sample_list"),
    "update_lists": (".lists.update", "update_lists"),
}


__all__ = [
    "Alias",
    "AliasType",
    "Allowlist",
    "AllowlistEntry",
    "AmbiguousCurrencyError",
    "AuditError",
    "BatchReport",
    "CheckResult",
    "ColumnMap",
    "Conversion",
    "DataError",
    "DataFile",
    "DecisionConflictError",
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
    "ReviewError",
    "ReviewStore",
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
    "StoreSchemaError",
    "TableRates",
    "UnknownAlertError",
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


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first used (PEP 562)."""
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), attribute)
    globals()[name] = value  # later uses are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def bundled_data() -> tuple[DataFile, ...]:
    """Return the provenance of every bundled reference data file (source, date, sha256...)."""
    return tuple(manifest().values())


def reset_caches() -> None:
    """Forget all loaded reference data; the next use reads the files again.

    For long-running services that replace data files in place. Every cache of the
    package is registered in one place (:mod:`sanctionscreen._caching`), so none is missed.
    """
    clear_caches()
