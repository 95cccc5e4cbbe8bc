"""The route check: where the goods come from, go to and pass through, and who gets them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .._caching import lru_cache
from .._data import data_version
from ..geography.countries import country_name
from ..geography.jurisdictions import DiversionNaming, Embargo, diversion_namings, embargo
from ..geography.mentions import find_embargoed_country_mentions, find_region_mentions
from ..geography.regions import OCCUPIED, EmbargoedRegion, RegionMention, embargoed_region
from ..models import Entity, PartyRole, Shipment
from ..results import CheckResult, Evidence, Flag, Severity, to_evidence, to_severity
from .base import BaseCheck

__all__ = [
    "SENDING_ROLES",
    "RegionExposure",
    "RouteCheck",
    "RouteConfig",
    "countries_by_role",
    "receiving_countries",
]

EMBARGOED_DESTINATION = "EMBARGOED_DESTINATION"
EMBARGOED_ORIGIN = "EMBARGOED_ORIGIN"
TRANSSHIPMENT_COUNTRY = "TRANSSHIPMENT_COUNTRY"
DESTINATION_MISMATCH = "DESTINATION_MISMATCH"
ROUTE_DOUBLES_BACK = "ROUTE_DOUBLES_BACK"
MISSING_DESTINATION = "MISSING_DESTINATION"

_DATA_FILES = (
    "country_aliases.csv",
    "embargoed_cities.csv",
    "embargoed_regions.csv",
    "embargoes.csv",
    "region_terms.csv",
    "street_words.csv",
    "transshipment_countries.csv",
)

SENDING_ROLES = frozenset({"origin", "exporter", "seller", "manufacturer"})
"""Roles on the sending side: a diversion point there is context, not a red flag."""
# Parties whose country should be the destination country.
_RECEIVING_ROLES = (PartyRole.CONSIGNEE, PartyRole.END_USER)


@attrs.frozen
class RouteConfig:
    """Severities of the route check's findings that reference data does not fix.

    Embargo severities come from ``data/embargoes.csv`` (HIGH for Russia, Belarus, Iran,
    North Korea and Cuba; ELEVATED for Syria since the 2025 easing); occupied regions are
    HIGH and partly occupied oblasts ELEVATED.
    """

    transshipment: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """A diversion point as destination, transit or receiving party's country."""
    transshipment_sending_side: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A diversion point only as origin or as the exporter's (seller's) country."""
    address_elsewhere: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """The most an address mention can weigh when the party's country is another one
    ("Moscow, Idaho" for a US party): worth a look, not a stop."""
    street_name: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A sanctioned place named only inside a street name ("Russia Street, Berlin")."""
    observation: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    """Destination mismatches and routes that double back."""
    missing_destination: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A shipment without a destination, which limits what this check can see."""


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


@attrs.frozen
class _Finding:
    """One sign that the shipment touches a sanctioned place, before grouping into flags."""

    role: str
    how: str
    severity: Severity
    term: str | None = None
    in_street_name: bool = False

    def evidence(self) -> dict[str, Any]:
        found: dict[str, Any] = {"role": self.role, "how": self.how}
        if self.term is not None:
            found["term"] = self.term
        if self.in_street_name:
            found["in_street_name"] = True
        return found

    @property
    def label(self) -> str:
        label = self.role.replace("_", " ")
        if self.how in ("address", "locality"):
            label += f" {self.how}"
        if self.term is not None and self.how != "country":
            label += f" ({self.term!r}{', in a street name' if self.in_street_name else ''})"
        return label


class RouteCheck(BaseCheck):
    """Route and jurisdictions: embargoed places, diversion points, odd routes.

    Flags it raises:

    - ``EMBARGOED_DESTINATION`` when the destination, a transit country or any party's
      country is under comprehensive embargo or broad sanctions and export controls
      (Russia, Belarus, Iran, North Korea, Cuba; Syria at a lower severity since the
      2025 easing); when a party's address names such a country, its capital or a main
      city; and when a destination, transit or party subdivision, locality or address
      names a Russian-occupied region of Ukraine (Crimea, Sevastopol, the occupied parts
      of Donetsk, Luhansk, Zaporizhzhia and Kherson oblasts, and their occupied cities).
      A name found only in an address weighs less when the party's country is another
      one, and least when it is part of a street name.
    - ``EMBARGOED_ORIGIN`` when the goods come from such a country or region: imports
      from them are banned or restricted, and re-exporting their goods is a red flag.
    - ``TRANSSHIPMENT_COUNTRY`` when the route or a party is in a country that an
      authority has named as a transshipment or diversion point for Russia and Belarus
      (Kyrgyzstan, Kazakhstan, Armenia, Georgia, UAE, Türkiye, Uzbekistan, China and
      Hong Kong, Serbia and others), listing who named it, when and why. Only at INFO
      when the country is just the origin or the exporter's.
    - ``DESTINATION_MISMATCH`` when the consignee or end user is in another country than
      the destination: the goods may travel on.
    - ``ROUTE_DOUBLES_BACK`` when the route returns to a country it already left.
    - ``MISSING_DESTINATION`` (INFO) when no destination is given.
    """

    NAME = "routes"
    VERSION = 1
    TITLE = "Route and jurisdiction check"

    def __init__(self, config: RouteConfig | None = None) -> None:
        self.config = config or RouteConfig()

    def data_versions(self) -> tuple[str, ...]:
        """Return the audit labels of the country, embargo, region and diversion tables."""
        return tuple(data_version(name) for name in _DATA_FILES)

    def run(self, shipment: Shipment) -> CheckResult:
        """Screen the shipment's route and the countries and addresses of its parties."""
        flags: list[Flag] = []
        flags += self._embargoed_countries(shipment, origin=False)
        flags += self._embargoed_countries(shipment, origin=True)
        flags += self._embargoed_regions(shipment, origin=False)
        flags += self._embargoed_regions(shipment, origin=True)
        flags += self._diversion_points(shipment)
        flags += self._mismatches(shipment)
        flags += self._doubling_back(shipment)
        if shipment.destination is None:
            flags.append(
                self.flag(
                    MISSING_DESTINATION,
                    self.config.missing_destination,
                    "No destination given: the route was judged from transit and party "
                    "countries only.",
                    {},
                )
            )
        return self.result(flags)

    # -- embargoed countries ------------------------------------------------------

    def _embargoed_countries(self, shipment: Shipment, *, origin: bool) -> Iterator[Flag]:
        found: dict[str, tuple[Embargo, list[_Finding]]] = {}
        for role, how, country, text, party_country in _places(shipment, origin=origin):
            if country is not None:
                rule = embargo(country)
                if rule is not None:
                    severity = rule.severity_on(shipment.date, origin=origin)
                    found.setdefault(country, (rule, []))[1].append(_Finding(role, how, severity))
            if text is None:
                continue
            for mention in find_embargoed_country_mentions(text):
                rule = embargo(mention.country)
                assert rule is not None  # the scanner only knows embargoed countries
                severity = self._text_severity(
                    rule.severity_on(shipment.date, origin=origin),
                    mention.in_street_name,
                    elsewhere=party_country not in (None, mention.country),
                )
                finding = _Finding(role, how, severity, mention.term, mention.in_street_name)
                found.setdefault(mention.country, (rule, []))[1].append(finding)
        for country, (rule, findings) in found.items():
            yield self._embargo_flag(shipment, country, rule, findings, origin=origin)

    def _embargo_flag(
        self,
        shipment: Shipment,
        country: str,
        rule: Embargo,
        findings: list[_Finding],
        *,
        origin: bool,
    ) -> Flag:
        evidence = {
            "country": country,
            "country_name": country_name(country),
            "roles": _unique(f.label for f in findings),
            "found_in": [f.evidence() for f in findings],
            "regime": rule.regime,
            "authorities": rule.authorities,
            "legal_basis": rule.legal_basis,
            "since": rule.since,
            "note": rule.note,
            "source": rule.source,
            "data_version": data_version("embargoes.csv"),
            **_in_force(shipment.date, rule.since),
        }
        if rule.eased_on:
            evidence["eased_on"] = rule.eased_on
        return self._place_flag(
            f"{country_name(country)} ({country})",
            f"under {rule.regime} ({rule.authorities})",
            findings,
            evidence,
            origin=origin,
        )

    # -- occupied regions ---------------------------------------------------------

    def _embargoed_regions(self, shipment: Shipment, *, origin: bool) -> Iterator[Flag]:
        for (_, status), (region, findings) in self._region_findings(shipment, origin).items():
            yield self._region_flag(shipment, region, status, findings, origin=origin)

    def region_exposures(self, shipment: Shipment) -> list[RegionExposure]:
        """Return the occupied regions the shipment goes to, through or to a party in.

        Each is weighed as this check weighs it: an address naming the region weighs
        less when the party's country is another one, least inside a street name.
        """
        return [
            RegionExposure(
                region=region,
                status=status,
                roles=tuple(_unique(finding.role for finding in findings)),
                labels=tuple(_unique(finding.label for finding in findings)),
                severity=max(finding.severity for finding in findings),
            )
            for (_, status), (region, findings) in self._region_findings(shipment, False).items()
        ]

    def _region_findings(
        self, shipment: Shipment, origin: bool
    ) -> dict[tuple[str, str], tuple[EmbargoedRegion, list[_Finding]]]:
        found: dict[tuple[str, str], tuple[EmbargoedRegion, list[_Finding]]] = {}

        def add(mention: RegionMention, finding: _Finding) -> None:
            key = (mention.region.subdivision, mention.status)
            found.setdefault(key, (mention.region, []))[1].append(finding)

        for role, how, subdivision in _subdivisions(shipment, origin=origin):
            region = embargoed_region(subdivision)
            if region is not None:
                mention = RegionMention(region.subdivision, "subdivision", region.status, region)
                add(mention, _Finding(role, how, _region_severity(region.status), subdivision))
        for role, how, _, text, party_country in _places(shipment, origin=origin):
            for mention in find_region_mentions(text or ""):
                severity = self._text_severity(
                    _region_severity(mention.status),
                    mention.in_street_name,
                    elsewhere=party_country not in (None, mention.region.subdivision[:2]),
                )
                add(mention, _Finding(role, how, severity, mention.term, mention.in_street_name))
        return found

    def _region_flag(
        self,
        shipment: Shipment,
        region: EmbargoedRegion,
        status: str,
        findings: list[_Finding],
        *,
        origin: bool,
    ) -> Flag:
        evidence = {
            "subdivision": region.subdivision,
            "region": region.name,
            "status": status,
            "roles": _unique(f.label for f in findings),
            "found_in": [f.evidence() for f in findings],
            "authorities": region.authorities,
            "legal_basis": region.legal_basis,
            "since": region.since,
            "note": region.note,
            "source": region.source,
            "data_version": data_version("embargoed_regions.csv"),
            **_in_force(shipment.date, region.since),
        }
        if status == OCCUPIED:
            what = "under Russian occupation and territorial sanctions"
        else:
            what = (
                "partly under Russian occupation and territorial sanctions (confirm the "
                "place is in government-controlled territory)"
            )
        return self._place_flag(
            f"{region.name} ({region.subdivision})",
            f"{what} ({region.authorities})",
            findings,
            evidence,
            origin=origin,
        )

    def _place_flag(
        self,
        place: str,
        why: str,
        findings: list[_Finding],
        evidence: dict[str, Any],
        *,
        origin: bool,
    ) -> Flag:
        """One embargo flag for a country or region, at its most severe finding."""
        subject = f"The goods come from {place}, which is" if origin else f"{place} is"
        return self.flag(
            EMBARGOED_ORIGIN if origin else EMBARGOED_DESTINATION,
            max(f.severity for f in findings),
            f"{subject} {why}: {', '.join(evidence['roles'])}." + _not_in_force_note(evidence),
            evidence,
        )

    def _text_severity(
        self, severity: Severity, in_street_name: bool, *, elsewhere: bool
    ) -> Severity:
        """Weigh down a place found in text when its context says it may be something else."""
        if in_street_name:
            return min(severity, self.config.street_name)
        if elsewhere:
            return min(severity, self.config.address_elsewhere)
        return severity

    # -- diversion points ---------------------------------------------------------

    def _diversion_points(self, shipment: Shipment) -> Iterator[Flag]:
        for country, roles in countries_by_role(shipment).items():
            namings = diversion_namings(country)
            official = [n for n in namings if n.official]
            if not official:
                continue
            receiving = [role for role in roles if role not in SENDING_ROLES]
            severity = (
                self.config.transshipment if receiving else self.config.transshipment_sending_side
            )
            latest = official[-1]
            evidence = {
                "country": country,
                "country_name": country_name(country),
                "roles": _unique(roles),
                "named_by": _namings_evidence(namings, shipment.date),
                "data_version": data_version("transshipment_countries.csv"),
            }
            count = len(official)
            yield self.flag(
                TRANSSHIPMENT_COUNTRY,
                severity,
                f"{country_name(country)} ({country}) is named as a diversion point for goods "
                f"bound for Russia and Belarus in {count} official "
                f"{'publication' if count == 1 else 'publications'} (latest: "
                f"{latest.named_by}, {latest.named_on}): "
                f"{', '.join(r.replace('_', ' ') for r in _unique(roles))}.",
                evidence,
            )

    # -- observations -------------------------------------------------------------

    def _mismatches(self, shipment: Shipment) -> Iterator[Flag]:
        destination = shipment.destination
        if destination is None:
            return
        for label, party in _labelled_parties(shipment):
            if party.role not in _RECEIVING_ROLES or party.country in (None, destination):
                continue
            assert party.country is not None
            yield self.flag(
                DESTINATION_MISMATCH,
                self.config.observation,
                f"The {label.replace('_', ' ')} {party.name!r} is in "
                f"{country_name(party.country)} ({party.country}) but the goods go to "
                f"{country_name(destination)} ({destination}): they may travel on.",
                {
                    "role": label,
                    "party": party.name,
                    "party_country": party.country,
                    "destination": destination,
                },
            )

    def _doubling_back(self, shipment: Shipment) -> Iterator[Flag]:
        stops = shipment.route
        route = [c for i, c in enumerate(stops) if i == 0 or c != stops[i - 1]]
        seen: set[str] = set()
        repeated: list[str] = []
        for country in route:
            if country in seen and country not in repeated:
                repeated.append(country)
            seen.add(country)
        if repeated:
            names = ", ".join(f"{country_name(c)} ({c})" for c in repeated)
            yield self.flag(
                ROUTE_DOUBLES_BACK,
                self.config.observation,
                f"The route {' -> '.join(route)} returns to {names}.",
                {"route": route, "repeated": repeated},
            )


# -- where the shipment touches the world -------------------------------------------


def _labelled_parties(shipment: Shipment) -> Iterator[tuple[str, Entity]]:
    for party in shipment.all_parties:
        yield (party.role.value if party.role else "party"), party


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
    for label, party in _labelled_parties(shipment):
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
    for label, party in _labelled_parties(shipment):
        if party.subdivision:
            yield label, "subdivision", party.subdivision


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


def receiving_countries(shipment: Shipment) -> dict[str, list[str]]:
    """Return the countries on the receiving side (transit, destination, receiving parties).

    The origin and the exporter's, seller's and manufacturer's countries are left out.
    """
    receiving = {}
    for country, roles in countries_by_role(shipment).items():
        kept = _unique(role for role in roles if role not in SENDING_ROLES)
        if kept:
            receiving[country] = kept
    return receiving


def _region_severity(status: str) -> Severity:
    return Severity.HIGH if status == OCCUPIED else Severity.ELEVATED


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _in_force(date: datetime.date | None, since: str) -> Mapping[str, Any]:
    if date is None or not since:
        return {}
    return {"in_force_on_shipment_date": date >= datetime.date.fromisoformat(since)}


def _not_in_force_note(evidence: Mapping[str, Any]) -> str:
    if evidence.get("in_force_on_shipment_date") is False:
        return (
            f" The measures cited date from {evidence['since']}, after the shipment date; "
            "earlier, narrower measures may have applied."
        )
    return ""


@lru_cache(maxsize=4096)
def _namings_evidence(
    namings: tuple[DiversionNaming, ...], date: datetime.date | None
) -> tuple[Evidence, ...]:
    """Freeze the namings once per country and date.

    Every shipment through Kyrgyzstan cites the same five publications.
    """
    return tuple(to_evidence(_naming_evidence(n, date)) for n in namings)


def _naming_evidence(naming: DiversionNaming, date: datetime.date | None) -> dict[str, Any]:
    evidence: dict[str, Any] = {
        "named_by": naming.named_by,
        "named_on": naming.named_on,
        "category": naming.category,
        "official": naming.official,
        "reason": naming.reason,
        "source": naming.source,
    }
    if date is not None:
        evidence["named_after_shipment_date"] = date < datetime.date.fromisoformat(naming.named_on)
    return evidence
