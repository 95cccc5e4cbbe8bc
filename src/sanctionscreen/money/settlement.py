"""Settlement currencies: currencies whose use is a reported evasion signal, and when.

``data/settlement_currencies.csv`` names each currency with why it matters and its
source; ``signal`` says whether the currency is a signal wherever the goods go
(``always``: rubles keep a payment inside Russia's banks) or only when the shipment is
linked to one of the countries in ``linked_to`` (``linked``: rupees, yuan or dirhams
for trade with Russia or Belarus).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .._caching import cache
from .._data import country_codes, read_table
from ..errors import DataError

__all__ = ["SettlementCurrency", "settlement_currency"]

_SIGNALS = ("always", "linked")


@attrs.frozen
class SettlementCurrency:
    """A currency whose use to settle trade is a signal, with why and where it applies."""

    currency: str
    note: str
    source: str
    always: bool
    """A signal wherever the goods go, not only for shipments linked to ``linked_to``."""
    linked_to: tuple[str, ...]
    """The countries (ISO alpha-2) a shipment's link to makes the currency a signal."""


def settlement_currency(currency: str) -> SettlementCurrency | None:
    """Return the settlement-currency row of ``currency`` (ISO 4217), if it has one."""
    return _currencies().get(currency)


@cache
def _currencies() -> Mapping[str, SettlementCurrency]:
    found = {}
    for row in read_table("settlement_currencies.csv"):
        linked_to = country_codes(row["linked_to"], "settlement_currencies.csv")
        if row["signal"] not in _SIGNALS:
            raise DataError(f"settlement_currencies.csv: signal must be one of {_SIGNALS}: {row}")
        found[row["currency"]] = SettlementCurrency(
            currency=row["currency"],
            note=row["note"],
            source=row["source"],
            always=row["signal"] == "always",
            linked_to=linked_to,
        )
    return found
