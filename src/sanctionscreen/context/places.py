"""Where a shipment touches the world: its countries by role, and the sanctioned places in it.

Every place of a shipment is read here once: the origin, transit and destination
countries with their subdivisions and localities, and each party's country,
subdivision, locality and address. Countries under embargo and occupied regions of
Ukraine are found in the country fields, the ISO 3166-2 subdivisions and the free text,
and each finding is weighed as :class:`PlaceConfig` says: a place named only in an
address weighs less when the party's country is another one, and least inside a street
name. The route check turns the findings into flags; the goods check weighs goods
against the same findings, so the two can never disagree about a place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .._text import unique
from ..geography.jurisdictions import Embargo, embargo
from ..geography.mentions import find_embargoed_country_mentions
from ..geography.regions import (
    EmbargoedRegion,
    RegionMention,
    embargoed_region,
    find_region_mentions,
    status_severity,
)
from ..models import Entity, Shipment
from ..severity import Severity, to_severity

__all__ = [
    "SENDING_ROLES",
    "EmbargoFinding",
    "PlaceConfig",
    "PlaceFinding",
    "RegionExposure",
    "RegionFinding",
    "countries_by_role",
    "embargoes_found",
    "labelled_parties",
    "receiving_countries",
    "region_exposures",
    "regions_found",
]

SENDING_ROLES = frozenset({"origin", "exporter", "seller", "manufacturer"})
"""Roles on the sending side: a diversion point there is context, not a red flag."""


@attrs.frozen
class PlaceConfig:
    """How much a sanctioned place found in free text weighs when it may be something else.

    One setting for the whole screener (``Screener(places=PlaceConfig(...))``): the
    route check's embargo flags and the goods check's diversion flags weigh the same
    address the same way.
    """

    address_elsewhere: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """The most an address mention can weigh when the party's country is another one
    ("Moscow, Idaho" for a US party): worth a look, not a stop."""
    street_name: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A sanctioned place named only inside a street name ("Russia Street, Berlin")."""

    def weigh(self, severity: Severity, in_street_name: bool, *, elsewhere: bool) -> Severity:
        """Weigh down a place found in text when its context says it may be something else."""
        if in_street_name:
            return min(severity, self.street_name)
        if elsewhere:
            return min(severity, self.address_elsewhere)
        return severity


@attrs.frozen
class PlaceFinding:
    """One sign that the shipment touches a sanctioned place, and how much it weighs."""

    role: str
    """The part of the shipment: "destination", "transit 2", "consignee"..."""
    how: str
    """Where it was found: "country", "subdivision", "locality" or "address"."""
    severity: Severity
    term: str | None = None
    in_street_name: bool = False

    def evidence(self) -> dict[str, Any]:
        """Return the finding as JSON-safe evidence."""
        found: dict[str, Any] = {"role": self.role, "how": self.how}
        if self.term is not None:
            found["term"] = self.term
        if self.in_street_name:
            found["in_street_name"] = True
        return found

    @property
    def label(self) -> str:
        """Say where it was found: "consignee address ('Sevastopol')"."""
        label = self.role.replace("_", " ")
        if self.how in ("address", "locality"):
            label += f" {self.how}"
        if self.term is not None and self.how != "country":
            label += f" ({self.term!r}{', in a street name' if self.in_street_name else ''})"
        return label


@attrs.frozen
class EmbargoFinding:
    """A country under embargo that the shipment touches, with every sign of it."""

    country: str
    rule: Embargo
    findings: tuple[PlaceFinding, ...]


@attrs.frozen
class RegionFinding:
    """An occupied region the shipment touches (as a place of one status), with every sign."""

    region: EmbargoedRegion
    status: str
    findings: tuple[PlaceFinding, ...]


@attrs.frozen
class RegionExposure:
    """An occupied region on a shipment's receiving side, weighed by how it was found."""

    region: EmbargoedRegion
    status: str
    roles: tuple[str, ...]
    """Where it was found: "destination", "consignee" ...; the sending side included."""
    labels: tuple[str, ...]
    """The same with how it was found: "consignee address ('Sevastopol')"."""
    severity: Severity


def labelled_parties(shipment: Shipment) -> tuple[tuple[str, Entity], ...]:
    """Return each party with its role as a label ("consignee"; "party" when it has none)."""
    return tuple(
        ((party.role.value if party.role else "party"), party) for party in shipment.all_parties
    )


def countries_by_role(shipment: Shipment) -> dict[str, list[str]]:
    """Return each country the shipment touches with its roles ("origin", "transit", ...).

    Countries appear in route order (origin, transit, destination, then the parties').
    """
    roles: dict[str, list[str]] = {}
    if shipment.origin:
        roles.setdefault(shipment.origin, []).append("origin")
    for role, _, country, _, _ in _places(shipment, origin=False):
        if country is not None:
            roles.setdefault(country, []).append(role)
    return roles


def receiving_countries(by_role: dict[str, list[str]]) -> dict[str, list[str]]:
    """Return the countries on the receiving side (transit, destination, receiving parties).

    The origin and the exporter's, seller's and manufacturer's countries are left out.
    """
    receiving = {}
    for country, roles in by_role.items():
        kept = unique(role for role in roles if role not in SENDING_ROLES)
        if kept:
            receiving[country] = kept
    return receiving


def embargoes_found(
    shipment: Shipment, config: PlaceConfig, *, origin: bool
) -> tuple[EmbargoFinding, ...]:
    """Return the embargoed countries of the route (``origin``: of the origin side)."""
    found: dict[str, tuple[Embargo, list[PlaceFinding]]] = {}
    date = shipment.date
    for role, how, country, text, party_country in _places(shipment, origin=origin):
        if country is not None:
            rule = embargo(country)
            if rule is not None:
                severity = rule.severity_on(date, origin=origin)
                found.setdefault(country, (rule, []))[1].append(PlaceFinding(role, how, severity))
        if text is None:
            continue
        for mention in find_embargoed_country_mentions(text):
            rule = embargo(mention.country)
            assert rule is not None  # the scanner only knows embargoed countries
            severity = config.weigh(
                rule.severity_on(date, origin=origin),
                mention.in_street_name,
                elsewhere=party_country not in (None, mention.country),
            )
            finding = PlaceFinding(role, how, severity, mention.term, mention.in_street_name)
            found.setdefault(mention.country, (rule, []))[1].append(finding)
    return tuple(
        EmbargoFinding(country, rule, tuple(findings))
        for country, (rule, findings) in found.items()
    )


def regions_found(
    shipment: Shipment, config: PlaceConfig, *, origin: bool
) -> tuple[RegionFinding, ...]:
    """Return the occupied regions of the route (``origin``: of the origin side)."""
    found: dict[tuple[str, str], tuple[EmbargoedRegion, list[PlaceFinding]]] = {}

    def add(mention: RegionMention, finding: PlaceFinding) -> None:
        key = (mention.region.subdivision, mention.status)
        found.setdefault(key, (mention.region, []))[1].append(finding)

    for role, how, subdivision in _subdivisions(shipment, origin=origin):
        region = embargoed_region(subdivision)
        if region is not None:
            mention = RegionMention(region.subdivision, "subdivision", region.status, region)
            add(mention, PlaceFinding(role, how, status_severity(region.status), subdivision))
    for role, how, _, text, party_country in _places(shipment, origin=origin):
        for mention in find_region_mentions(text or ""):
            severity = config.weigh(
                status_severity(mention.status),
                mention.in_street_name,
                elsewhere=party_country not in (None, mention.region.subdivision[:2]),
            )
            add(mention, PlaceFinding(role, how, severity, mention.term, mention.in_street_name))
    return tuple(
        RegionFinding(region, status, tuple(findings))
        for (_, status), (region, findings) in found.items()
    )


def region_exposures(regions: tuple[RegionFinding, ...]) -> tuple[RegionExposure, ...]:
    """Sum each occupied region up: where it was found, and its most severe finding."""
    return tuple(
        RegionExposure(
            region=found.region,
            status=found.status,
            roles=tuple(unique(finding.role for finding in found.findings)),
            labels=tuple(unique(finding.label for finding in found.findings)),
            severity=max(finding.severity for finding in found.findings),
        )
        for found in regions
    )


# -- the places of a shipment -------------------------------------------------------


def _transit_label(shipment: Shipment, position: int) -> str:
    return "transit" if len(shipment.transit) == 1 else f"transit {position + 1}"


def _places(
    shipment: Shipment, *, origin: bool
) -> Iterator[tuple[str, str, str | None, str | None, str | None]]:
    """Yield (role, how, country, text, country of the text's owner) for each place.

    ``country`` is a country field; ``text`` free text to scan (an address or a
    locality), whose owner's country tells whether a place named in it is elsewhere.
    """
    if origin:
        if shipment.origin is not None or shipment.origin_locality is not None:
            yield "origin", "country", shipment.origin, None, None
            if shipment.origin_locality:
                yield "origin", "locality", None, shipment.origin_locality, shipment.origin
        return
    for position, country in enumerate(shipment.transit):
        yield _transit_label(shipment, position), "country", country, None, None
    for locality in shipment.transit_localities:
        yield "transit", "locality", None, locality, None
    yield "destination", "country", shipment.destination, None, None
    if shipment.destination_locality:
        yield "destination", "locality", None, shipment.destination_locality, shipment.destination
    for label, party in labelled_parties(shipment):
        yield label, "country", party.country, None, None
        for how, text in (("locality", party.locality), ("address", party.address)):
            if text:
                yield label, how, None, text, party.country


def _subdivisions(shipment: Shipment, *, origin: bool) -> Iterator[tuple[str, str, str]]:
    if origin:
        if shipment.origin_subdivision:
            yield "origin", "subdivision", shipment.origin_subdivision
        return
    for subdivision in shipment.transit_subdivisions:
        yield "transit", "subdivision", subdivision
    if shipment.destination_subdivision:
        yield "destination", "subdivision", shipment.destination_subdivision
    for label, party in labelled_parties(shipment):
        if party.subdivision:
            yield label, "subdivision", party.subdivision
