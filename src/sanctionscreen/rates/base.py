"""Exchange rates to US dollars: what a rate records, the provider interface, the chain.

Every rate says which provider gave it, the rate itself (US dollars per unit), the date
it was published for, how many days before the asked date that is, and its source. A
:class:`RateChain` asks its providers in order and takes the first that knows the rate;
when none does, :class:`~sanctionscreen.errors.RateUnavailableError` names each provider
and its reason. Arithmetic is Decimal with a fixed precision, so the same money, date and
data always give the same dollars.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

import attrs

from ..errors import FieldTypeError, RateUnavailableError, ValidationError
from ..money import Money

__all__ = ["Conversion", "Rate", "RateChain", "RateNotFound", "RateProvider"]

# Enough digits for any amount and rate in trade records; fixed so results never vary.
_CONTEXT = decimal.Context(prec=34, rounding=decimal.ROUND_HALF_EVEN)
_CENT = Decimal("0.01")
# Market convention quotes these in dollars per unit (EUR/USD 1.08), whatever the level.
_QUOTED_IN_DOLLARS = frozenset({"EUR", "GBP", "AUD", "NZD"})


class RateNotFound(Exception):  # noqa: N818 - a provider's answer, not an error to users
    """Raised by a provider that does not know a rate; the message says why."""


_QUOTES = ("usd_per_unit", "units_per_usd")


def _quoted_as(value: str) -> str:
    if value not in _QUOTES:
        raise ValueError(f"quoted_as must be one of {_QUOTES}, got {value!r}")
    return value


@attrs.frozen
class Rate:
    """A rate of ``currency`` in US dollars, and where it comes from.

    ``quote`` is the number as published, ``quoted_as`` says which way round
    ("units_per_usd": 3.6725 dirhams per dollar; "usd_per_unit"), so conversions use
    the published number itself, not a rounded inverse. ECB rates are cross rates
    through the euro. ``rate_date`` is the day the rate is for, ``days_back`` how many
    days before the asked date that is; ``period`` names a monthly rate's month.
    """

    currency: str
    quote: Decimal
    quoted_as: str = attrs.field(converter=_quoted_as)
    rate_date: datetime.date | None
    """None only for the US dollar itself, which needs no date."""
    days_back: int
    provider: str
    source: str
    period: str | None = None

    @property
    def usd_per_unit(self) -> Decimal:
        """US dollars for one unit of the currency."""
        if self.quoted_as == "usd_per_unit":
            return self.quote
        return _CONTEXT.divide(Decimal(1), self.quote)

    @property
    def units_per_usd(self) -> Decimal:
        """Units of the currency for one US dollar, the usual quote for most currencies."""
        if self.quoted_as == "units_per_usd":
            return self.quote
        return _CONTEXT.divide(Decimal(1), self.quote)

    def usd(self, amount: Decimal) -> Decimal:
        """Convert ``amount`` of the currency with the published number, exactly as can be."""
        if self.quoted_as == "units_per_usd":
            return _CONTEXT.divide(amount, self.quote)
        return _CONTEXT.multiply(amount, self.quote)

    def to_dict(self) -> dict[str, Any]:
        """Return the rate as JSON-safe data."""
        found: dict[str, Any] = {
            "currency": self.currency,
            "quote": str(self.quote),
            "quoted_as": self.quoted_as,
            "units_per_usd": str(
                self.units_per_usd.quantize(Decimal("0.000001"), context=_CONTEXT)
            ),
            "rate_date": self.rate_date.isoformat() if self.rate_date else None,
            "days_back": self.days_back,
            "provider": self.provider,
            "source": self.source,
        }
        if self.period is not None:
            found["period"] = self.period
        return found


@attrs.frozen
class Conversion:
    """An amount converted to US dollars on a date, with the rate that did it.

    ``usd`` is rounded to the cent (half to even); ``usd_exact`` keeps every digit.
    """

    money: Money
    on: datetime.date | None
    """The date whose rate applies; None only for US dollars on an undated shipment."""
    usd_exact: Decimal
    rate: Rate

    @property
    def usd(self) -> Decimal:
        """The amount in US dollars, to the cent."""
        return self.usd_exact.quantize(_CENT, context=_CONTEXT)

    def __str__(self) -> str:
        rate = self.rate
        if rate.currency == "USD":
            return f"{self.money} = USD {self.usd:,f}"
        # Quote the way traders read it: 82.30 rupees per dollar, but 0.97 dollars per euro.
        if rate.currency not in _QUOTED_IN_DOLLARS and rate.units_per_usd >= 1:
            quoted = f"{rate.units_per_usd:,.4f} {rate.currency} per USD"
        else:
            quoted = f"USD {rate.usd_per_unit:,.4f} per {rate.currency}"
        when = rate.period or (rate.rate_date.isoformat() if rate.rate_date else "")
        return f"{self.money} = USD {self.usd:,f} at {quoted} ({rate.provider}, {when})"

    def to_dict(self) -> dict[str, Any]:
        """Return the conversion as JSON-safe data."""
        return {
            "amount": str(self.money.amount),
            "currency": self.money.currency,
            "on": self.on.isoformat() if self.on else None,
            "usd": str(self.usd),
            "rate": self.rate.to_dict(),
        }


_IDENTITY = Rate("USD", Decimal(1), "usd_per_unit", None, 0, "identity", "the US dollar")


@runtime_checkable
class RateProvider(Protocol):
    """A source of rates: a table, fixed pegs, the ECB, HMRC, a live service.

    ``rate`` returns the rate of ``currency`` for ``on`` or raises :class:`RateNotFound`
    saying why; it never looks ahead of ``on``. ``version`` labels the data for audits.
    """

    name: str

    @property
    def version(self) -> str:
        """An audit label of the provider's data."""
        ...

    def rate(self, currency: str, on: datetime.date) -> Rate:
        """Return the rate of ``currency`` in US dollars for ``on``."""
        ...


class RateChain:
    """Providers asked in order; the first that knows a rate gives it.

    ``RateChain([TableRates.from_csv("pinned.csv"), PegRates(), EcbRates()])``.
    """

    def __init__(self, providers: RateProvider | Iterable[RateProvider]) -> None:
        if _is_provider(providers):
            providers = [providers]  # type: ignore[list-item]
        if isinstance(providers, str | bytes) or not isinstance(providers, Iterable):
            raise FieldTypeError("rates", providers, "must be a list of rate providers")
        self._providers = tuple(providers)
        for provider in self._providers:
            if not _is_provider(provider):
                raise FieldTypeError("rates", provider, "must implement RateProvider")
        if not self._providers:
            raise ValidationError("rates", [], "no rate provider given; pass None for the defaults")

    @property
    def providers(self) -> tuple[RateProvider, ...]:
        """The providers, in the order they are asked."""
        return self._providers

    @property
    def versions(self) -> tuple[str, ...]:
        """The audit labels of every provider's data."""
        return tuple(provider.version for provider in self._providers)

    def rate(self, currency: str, on: datetime.date) -> Rate:
        """Return the first provider's rate for ``currency`` on ``on``.

        Raises :class:`~sanctionscreen.errors.RateUnavailableError` naming every
        provider tried and its reason when none knows it.
        """
        if currency == "USD":
            return Rate("USD", Decimal(1), "usd_per_unit", on, 0, "identity", "the US dollar")
        tried = []
        for provider in self._providers:
            try:
                return provider.rate(currency, on)
            except RateNotFound as exc:
                tried.append((provider.name, str(exc)))
        raise RateUnavailableError(currency, on, tried)

    def convert(self, money: Money, on: datetime.date | None) -> Conversion:
        """Convert ``money`` to US dollars at the rate for ``on``.

        ``on`` may be None only for US dollars (an undated shipment's dollars are still
        dollars); any other currency needs the date whose rate applies.
        """
        if not isinstance(money, Money):
            raise FieldTypeError("money", money, "must be a Money")
        if on is None and money.currency == "USD":
            return Conversion(money, None, money.amount, _IDENTITY)
        if not isinstance(on, datetime.date):
            raise FieldTypeError("on", on, "must be a date")
        if isinstance(on, datetime.datetime):
            on = on.date()
        rate = self.rate(money.currency, on)
        return Conversion(money, on, rate.usd(money.amount), rate)

    def __repr__(self) -> str:
        return f"RateChain([{', '.join(provider.name for provider in self._providers)}])"


def _is_provider(candidate: object) -> bool:
    """Check the RateProvider members on the class.

    ``isinstance(x, RateProvider)`` would read ``version`` on the instance, and for the
    ECB that loads the whole history: building a chain must stay free.
    """
    kind = type(candidate)
    return hasattr(kind, "version") and hasattr(kind, "rate") and hasattr(candidate, "name")


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Divide at the fixed precision every provider uses."""
    return _CONTEXT.divide(numerator, denominator)
