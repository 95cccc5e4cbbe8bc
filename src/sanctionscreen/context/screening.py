"""The screening context: one shipment as every check reads it, each part read once.

A :class:`~sanctionscreen.Screener` builds one :class:`ScreeningContext` per shipment
and hands it to each of its checks. The context holds what the screener lends its
checks (:class:`Resources`: the matcher over the lists, the rate chain, the place
settings) and reads the shipment once, on first use: its parties with their roles, the
countries it touches, the embargoed countries and occupied regions found in its fields
and addresses, its goods lines, and its values in US dollars. No check reads another
check's results or re-reads what the context holds, so two checks cannot disagree about
the same address or convert the same value twice.
"""

from __future__ import annotations

import datetime
import functools

import attrs

from .._fields import instance_or_default
from ..errors import FieldTypeError, RateUnavailableError, ValidationError
from ..matching.matcher import Matcher
from ..models import Entity, Money, Shipment
from ..rates import Conversion, RateChain, default_rates
from .lines import GoodsLine, read_line
from .places import (
    EmbargoFinding,
    PlaceConfig,
    RegionExposure,
    RegionFinding,
    countries_by_role,
    embargoes_found,
    labelled_parties,
    receiving_countries,
    region_exposures,
    regions_found,
)

__all__ = ["Resources", "ScreeningContext", "convert_value"]


def _places(value: object) -> PlaceConfig:
    return instance_or_default("places", value, PlaceConfig, PlaceConfig, "a PlaceConfig")


def _rates(value: object) -> RateChain:
    return instance_or_default("rates", value, RateChain, default_rates, "a RateChain")


@attrs.frozen
class Resources:
    """What a screener lends its checks: its matcher, rate chain and place settings.

    ``matcher`` is None for a context built without lists (a check run on its own);
    the party check then refuses to run.
    """

    matcher: Matcher | None = None
    rates: RateChain = attrs.field(factory=default_rates, converter=_rates)
    places: PlaceConfig = attrs.field(factory=PlaceConfig, converter=_places)


class ScreeningContext:
    """One shipment as the checks read it: every part read once, and only when asked.

    A screener gives one to its checks (``screener.context(shipment)`` returns it); one
    built with the defaults runs a check on its own:
    ``GoodsCheck().run(ScreeningContext(shipment))``.
    """

    def __init__(self, shipment: Shipment, resources: Resources | None = None) -> None:
        if not isinstance(shipment, Shipment):
            raise FieldTypeError("shipment", shipment, "must be a Shipment")
        self.shipment = shipment
        self.resources = resources if resources is not None else Resources()
        self._embargoes: dict[bool, tuple[EmbargoFinding, ...]] = {}
        self._regions: dict[bool, tuple[RegionFinding, ...]] = {}

    @property
    def date(self) -> datetime.date | None:
        """The shipment's date, which decides rates and which measures were in force."""
        return self.shipment.date

    @property
    def matcher(self) -> Matcher:
        """The matcher over the screener's lists."""
        if self.resources.matcher is None:
            raise ValidationError("lists", None, "party screening needs a matcher over lists")
        return self.resources.matcher

    @functools.cached_property
    def parties(self) -> tuple[tuple[str, Entity], ...]:
        """Every party with its role as a label: exporter, consignee, then the others."""
        return labelled_parties(self.shipment)

    @functools.cached_property
    def countries_by_role(self) -> dict[str, list[str]]:
        """Each country the shipment touches with its roles, in route order."""
        return countries_by_role(self.shipment)

    @functools.cached_property
    def receiving(self) -> dict[str, list[str]]:
        """The countries on the receiving side, with their roles."""
        return receiving_countries(self.countries_by_role)

    def embargoes(self, *, origin: bool = False) -> tuple[EmbargoFinding, ...]:
        """Return the embargoed countries the goods go to or through (``origin``: come from)."""
        if origin not in self._embargoes:
            places = self.resources.places
            self._embargoes[origin] = embargoes_found(self.shipment, places, origin=origin)
        return self._embargoes[origin]

    def regions(self, *, origin: bool = False) -> tuple[RegionFinding, ...]:
        """Return the occupied regions the goods go to or through (``origin``: come from)."""
        if origin not in self._regions:
            places = self.resources.places
            self._regions[origin] = regions_found(self.shipment, places, origin=origin)
        return self._regions[origin]

    @functools.cached_property
    def region_exposures(self) -> tuple[RegionExposure, ...]:
        """The occupied regions on the receiving side, each weighed by how it was found."""
        return region_exposures(self.regions(origin=False))

    @functools.cached_property
    def lines(self) -> tuple[GoodsLine, ...]:
        """The goods lines, each read once."""
        return tuple(read_line(number, item) for number, item in enumerate(self.shipment.goods, 1))

    @functools.cached_property
    def value(self) -> Conversion | RateUnavailableError | None:
        """The shipment's value in US dollars, or why it could not be converted; None: no value."""
        money = self.shipment.value
        return None if money is None else convert_value(self.resources.rates, money, self.date)

    @functools.cached_property
    def line_values(self) -> tuple[Conversion | RateUnavailableError | None, ...]:
        """Each goods line's value in US dollars, as :attr:`value` (None: the line has none)."""
        rates = self.resources.rates
        return tuple(
            None if item.value is None else convert_value(rates, item.value, self.date)
            for item in self.shipment.goods
        )

    @property
    def value_usd(self) -> Conversion | None:
        """The shipment's value in US dollars, when it has one and it could be converted."""
        value = self.value
        return value if isinstance(value, Conversion) else None


def convert_value(
    rates: RateChain, money: Money, date: datetime.date | None
) -> Conversion | RateUnavailableError:
    """Convert money at a shipment's date; the error instead of raising when no rate."""
    if date is None:
        if money.currency == "USD":
            return rates.convert(money, None)
        return RateUnavailableError(money.currency, None, [])
    try:
        return rates.convert(money, date)
    except RateUnavailableError as exc:
        return exc
