"""The value check: the shipment's value in US dollars and what its money says."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from .._data import data_version
from ..context import GoodsLine, Resources, ScreeningContext
from ..errors import FieldTypeError, RateUnavailableError
from ..models import Money
from ..money.settlement import SettlementCurrency, settlement_currency
from ..rates import Conversion
from ..results import CheckResult, Flag, Severity, to_severity
from .base import BaseCheck

__all__ = ["ValueCheck", "ValueConfig"]

VALUE_UNCONVERTED = "VALUE_UNCONVERTED"
VALUE_ABOVE_THRESHOLD = "VALUE_ABOVE_THRESHOLD"
VALUE_LINES_MISMATCH = "VALUE_LINES_MISMATCH"
SETTLEMENT_CURRENCY = "SETTLEMENT_CURRENCY"
UNIT_PRICE = "UNIT_PRICE"


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
    unconverted: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    unit_price: Severity = attrs.field(default=Severity.INFO, converter=to_severity)


class ValueCheck(BaseCheck):
    """Value: the shipment in US dollars, and what its currency and prices say.

    Flags it raises:

    - ``VALUE_UNCONVERTED`` (LOW) when a value cannot be converted: no shipment date,
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
    DATA_FILES = ("settlement_currencies.csv",)

    def __init__(self, config: ValueConfig | None = None) -> None:
        if config is not None and not isinstance(config, ValueConfig):
            # ValueCheck(rates) was the old signature: rates are now the screener's.
            raise FieldTypeError(
                "config", config, "must be a ValueConfig; give rates to the Screener (rates=)"
            )
        self.config = config or ValueConfig()

    def data_versions(self, resources: Resources) -> tuple[str, ...]:
        """Return the audit labels of the screener's rate data and the settlement table."""
        return (*resources.rates.versions, *super().data_versions(resources))

    def run(self, context: ScreeningContext) -> CheckResult:
        """Look at the shipment's and lines' values, as the context converted them."""
        shipment = context.shipment
        flags: list[Flag] = []
        total = context.value
        if isinstance(total, Conversion):
            flags += self._threshold(total)
        elif total is not None:
            assert shipment.value is not None
            flags.append(self._unconverted("The shipment value", shipment.value, total, None))
        lines = []
        for line, converted in zip(context.lines, context.line_values, strict=True):
            if isinstance(converted, Conversion):
                lines.append((line.number, converted))
                flags += self._unit_price(line, converted)
            elif converted is not None:
                assert line.item.value is not None
                what = f"Line {line.number}'s value"
                flags.append(self._unconverted(what, line.item.value, converted, line.number))
        if isinstance(total, Conversion) and lines and len(lines) == len(shipment.goods):
            flags += self._lines_mismatch(total, lines)
        flags += self._settlement(context)
        return self.result(flags, context)

    def _unconverted(
        self, what: str, money: Money, error: RateUnavailableError, line: int | None
    ) -> Flag:
        if error.date is None:
            why = "the shipment has no date, and the rate depends on it. Give its date"
        else:
            reasons = "; ".join(f"{name}: {reason}" for name, reason in error.tried)
            why = f"{reasons}. Supply a rate table (TableRates) or add a provider that has it"
        return self.flag(
            VALUE_UNCONVERTED,
            self.config.unconverted,
            f"{what} {money} was not converted to US dollars: {why}.",
            {
                "line": line,
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

    def _unit_price(self, line: GoodsLine, converted: Conversion) -> Iterator[Flag]:
        item, number = line.item, line.number
        if item.quantity is None or not line.sensitive:
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

    def _settlement(self, context: ScreeningContext) -> Iterator[Flag]:
        for currency in dict.fromkeys(money.currency for money in _moneys(context)):
            row = settlement_currency(currency)
            if row is None:
                continue
            linked = _links(context, row)
            if not (row.always or linked):
                continue
            where = f" for a shipment linked to {', '.join(linked)}" if linked else ""
            yield self.flag(
                SETTLEMENT_CURRENCY,
                self.config.settlement,
                f"The value is stated in {currency}{where}: {row.note}.",
                {
                    "currency": currency,
                    "russia_links": linked,
                    "note": row.note,
                    "source": row.source,
                    "data_version": data_version("settlement_currencies.csv"),
                },
            )


def _moneys(context: ScreeningContext) -> Iterator[Money]:
    if context.shipment.value is not None:
        yield context.shipment.value
    for item in context.shipment.goods:
        if item.value is not None:
            yield item.value


def _links(context: ScreeningContext, row: SettlementCurrency) -> list[str]:
    """Where the shipment touches the currency's countries: receiving countries, parties."""
    links = [
        f"{country} ({', '.join(role.replace('_', ' ') for role in roles)})"
        for country, roles in context.receiving.items()
        if country in row.linked_to
    ]
    for label, party in context.parties:
        known = any(link.startswith(str(party.country)) for link in links)
        if party.country in row.linked_to and not known:
            links.append(f"{party.country} ({label.replace('_', ' ')})")
    return links
