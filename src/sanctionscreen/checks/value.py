"""The value check: the shipment's value in US dollars and what its money says."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from decimal import Decimal

import attrs

from .._caching import cache
from .._data import data_version, read_table
from ..errors import RateUnavailableError
from ..goods.chpl import high_priority_items
from ..goods.descriptions import read_description
from ..goods.hs2022 import read_as_hs2022
from ..models import Entity, GoodsItem, Money, Shipment
from ..rates import Conversion, RateChain, default_rates
from ..results import CheckResult, Flag, Severity, to_severity
from .base import BaseCheck
from .routes import receiving_countries

__all__ = ["ValueCheck", "ValueConfig", "convert_value"]

VALUE_UNCONVERTED = "VALUE_UNCONVERTED"
VALUE_ABOVE_THRESHOLD = "VALUE_ABOVE_THRESHOLD"
VALUE_LINES_MISMATCH = "VALUE_LINES_MISMATCH"
SETTLEMENT_CURRENCY = "SETTLEMENT_CURRENCY"
UNIT_PRICE = "UNIT_PRICE"

# Settlement in these currencies is a signal only for trade with Russia or Belarus.
_RUSSIA_LINKED = frozenset({"RU", "BY"})
# Rubles are a signal wherever the goods go: they keep payment inside Russia's banks.
_ALWAYS_SIGNAL = frozenset({"RUB", "BYN"})


def _optional_amount(value: object) -> Decimal | None:
    if value is None:
        return None
    amount = Decimal(str(value)) if isinstance(value, int | str) else value
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
        raise ValueError(f"threshold_usd must be a non-negative amount, got {value!r}")
    return amount


@attrs.frozen
class ValueConfig:
    """What the value check looks for and how much each finding weighs.

    ``threshold_usd`` flags shipments worth that much or more (off by default: set it
    to your own review threshold, e.g. ``Decimal("2500")``, the US EEI filing value).
    ``lines_tolerance`` is how far the goods lines' total may differ from the declared
    value before it is noted (1%: rounding and freight lines stay quiet).
    """

    threshold_usd: Decimal | None = attrs.field(default=None, converter=_optional_amount)
    above_threshold: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    settlement: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    lines_mismatch: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    lines_tolerance: Decimal = Decimal("0.01")
    unconverted: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    unit_price: Severity = attrs.field(default=Severity.INFO, converter=to_severity)


def convert_value(
    rates: RateChain, money: Money, date: datetime.date | None
) -> Conversion | RateUnavailableError:
    """Convert a shipment's money at its date; the error instead of raising when no rate."""
    if date is None:
        if money.currency == "USD":
            return rates.convert(money, None)
        return RateUnavailableError(money.currency, None, [])
    try:
        return rates.convert(money, date)
    except RateUnavailableError as exc:
        return exc


class ValueCheck(BaseCheck):
    """Value: the shipment in US dollars, and what its currency and prices say.

    Flags it raises:

    - ``VALUE_UNCONVERTED`` (INFO) when a value cannot be converted: no shipment date,
      or no provider knows the rate; the message names each provider's reason.
    - ``VALUE_ABOVE_THRESHOLD`` when the value in US dollars reaches the configured
      threshold (off unless ``ValueConfig(threshold_usd=...)`` is set).
    - ``SETTLEMENT_CURRENCY`` (LOW) when the value is in rubles, or, for a shipment to,
      through or with a party in Russia or Belarus, in a currency reported in evasion
      cases (rupees, yuan, dirhams, Hong Kong dollars, som, tenge, dram): payment outside
      the dollar and euro systems that banks screen.
    - ``VALUE_LINES_MISMATCH`` (LOW) when the goods lines' values add up to more than 1%
      away from the declared value.
    - ``UNIT_PRICE`` (INFO) for high-priority or dual-use goods lines with a quantity and
      a value: the price per unit in US dollars, to judge against what such goods cost
      (a "drone" at a few dollars is a toy; a "microcontroller" at thousands is not one).
    """

    NAME = "value"
    VERSION = 1
    TITLE = "Value check"

    def __init__(self, rates: RateChain | None = None, config: ValueConfig | None = None) -> None:
        self.rates = rates or default_rates()
        self.config = config or ValueConfig()

    def data_versions(self) -> tuple[str, ...]:
        """Return the audit labels of the rate data and the settlement-currency table."""
        return (*self.rates.versions, data_version("settlement_currencies.csv"))

    def run(self, shipment: Shipment) -> CheckResult:
        """Convert the shipment's and lines' values and look at what they say."""
        flags: list[Flag] = []
        total = None
        if shipment.value is not None:
            converted = convert_value(self.rates, shipment.value, shipment.date)
            if isinstance(converted, Conversion):
                total = converted
                flags += self._threshold(converted)
            else:
                flags.append(self._unconverted("The shipment value", shipment.value, converted))
        lines = []
        for number, item in enumerate(shipment.goods, 1):
            if item.value is None:
                continue
            converted = convert_value(self.rates, item.value, shipment.date)
            if isinstance(converted, Conversion):
                lines.append((number, converted))
                flags += self._unit_price(number, item, converted)
            else:
                flags.append(self._unconverted(f"Line {number}'s value", item.value, converted))
        if total is not None and lines and len(lines) == len(shipment.goods):
            flags += self._lines_mismatch(total, lines)
        flags += self._settlement(shipment)
        return self.result(flags)

    def _unconverted(self, what: str, money: Money, error: RateUnavailableError) -> Flag:
        if error.date is None:
            why = "the shipment has no date, and the rate depends on it. Give its date"
        else:
            reasons = "; ".join(f"{name}: {reason}" for name, reason in error.tried)
            why = (
                f"{reasons}. Supply a rate table (TableRates) or add a provider that has it "
                "(HmrcRates covers many currencies the ECB does not)"
            )
        return self.flag(
            VALUE_UNCONVERTED,
            self.config.unconverted,
            f"{what} {money} was not converted to US dollars: {why}.",
            {
                "money": money.to_dict(),
                "date": error.date.isoformat() if error.date else None,
                "tried": [list(t) for t in error.tried],
            },
        )

    def _threshold(self, converted: Conversion) -> Iterator[Flag]:
        threshold = self.config.threshold_usd
        if threshold is None or converted.usd < threshold:
            return
        yield self.flag(
            VALUE_ABOVE_THRESHOLD,
            self.config.above_threshold,
            f"The shipment is worth USD {converted.usd:,f}, at or above the review threshold "
            f"of USD {threshold:,f}: {converted}.",
            {"conversion": converted.to_dict(), "threshold_usd": str(threshold)},
        )

    def _lines_mismatch(
        self, total: Conversion, lines: list[tuple[int, Conversion]]
    ) -> Iterator[Flag]:
        lines_usd = sum((c.usd for _, c in lines), Decimal(0))
        if total.usd == 0:
            differs = lines_usd != 0
        else:
            differs = abs(lines_usd - total.usd) / total.usd > self.config.lines_tolerance
        if not differs:
            return
        yield self.flag(
            VALUE_LINES_MISMATCH,
            self.config.lines_mismatch,
            f"The goods lines add up to USD {lines_usd:,f} but the shipment is declared at "
            f"USD {total.usd:,f}: check the invoice for missing, split or misvalued lines.",
            {
                "declared": total.to_dict(),
                "lines": [{"line": n, **c.to_dict()} for n, c in lines],
                "lines_usd": str(lines_usd),
                "tolerance": str(self.config.lines_tolerance),
            },
        )

    def _unit_price(self, number: int, item: GoodsItem, converted: Conversion) -> Iterator[Flag]:
        if item.quantity is None or not _is_sensitive(item):
            return
        per_unit = (converted.usd_exact / item.quantity).quantize(Decimal("0.01"))
        unit = item.unit or "unit"
        yield self.flag(
            UNIT_PRICE,
            self.config.unit_price,
            f"Line {number} ({item.description!r}): {item.quantity:,f} {unit} at USD "
            f"{per_unit:,f} per {unit} ({converted}). Judge the price against what such "
            "goods cost: far too low or too high may mean other goods.",
            {
                "line": number,
                "quantity": str(item.quantity),
                "unit": unit,
                "usd_per_unit": str(per_unit),
                "conversion": converted.to_dict(),
            },
        )

    def _settlement(self, shipment: Shipment) -> Iterator[Flag]:
        currencies = [m.currency for m in _moneys(shipment)]
        linked = _russia_links(shipment)
        notes = _settlement_notes()
        found = [
            c for c in dict.fromkeys(currencies) if c in notes and (c in _ALWAYS_SIGNAL or linked)
        ]
        for currency in found:
            note, source = notes[currency]
            context = f" for a shipment linked to {', '.join(linked)}" if linked else ""
            yield self.flag(
                SETTLEMENT_CURRENCY,
                self.config.settlement,
                f"The value is stated in {currency}{context}: {note}.",
                {
                    "currency": currency,
                    "russia_links": linked,
                    "note": note,
                    "source": source,
                    "data_version": data_version("settlement_currencies.csv"),
                },
            )


def _moneys(shipment: Shipment) -> Iterator[Money]:
    if shipment.value is not None:
        yield shipment.value
    for item in shipment.goods:
        if item.value is not None:
            yield item.value


def _russia_links(shipment: Shipment) -> list[str]:
    """Where the shipment touches Russia or Belarus: receiving countries and parties."""
    links = [
        f"{country} ({', '.join(role.replace('_', ' ') for role in roles)})"
        for country, roles in receiving_countries(shipment).items()
        if country in _RUSSIA_LINKED
    ]
    party: Entity
    for party in shipment.all_parties:
        known = any(link.startswith(str(party.country)) for link in links)
        if party.country in _RUSSIA_LINKED and not known:
            role = party.role.value.replace("_", " ") if party.role else "party"
            links.append(f"{party.country} ({role})")
    return links


@cache
def _settlement_notes() -> Mapping[str, tuple[str, str]]:
    return {
        row["currency"]: (row["note"], row["source"])
        for row in read_table("settlement_currencies.csv")
    }


def _is_sensitive(item: GoodsItem) -> bool:
    """Whether the line is high-priority or dual-use goods, as the goods check reads them."""
    if read_description(item.description):
        return True
    code = item.hs_code
    return code is not None and bool(high_priority_items(read_as_hs2022(code).codes))
