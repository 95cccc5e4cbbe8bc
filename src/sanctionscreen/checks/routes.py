"""The route check: where the goods go, pass through, and who receives them."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._data import data_version
from ..countries import country_key, country_name, name_keys
from ..jurisdictions import DiversionNaming, diversion_namings, embargo, embargoed_countries
from ..models import Entity, PartyRole, Shipment
from ..regions import OCCUPIED, RegionMention, embargoed_region, find_region_mentions
from ..results import CheckResult, Flag, Severity, to_severity
from .base import BaseCheck

__all__ = ["RouteCheck", "RouteConfig"]

EMBARGOED_DESTINATION = "EMBARGOED_DESTINATION"
TRANSSHIPMENT_COUNTRY = "TRANSSHIPMENT_COUNTRY"
DESTINATION_MISMATCH = "DESTINATION_MISMATCH"
ROUTE_DOUBLES_BACK = "ROUTE_DOUBLES_BACK"
MISSING_DESTINATION = "MISSING_DESTINATION"

_DATA_FILES = (
    "country_aliases.csv",
    "embargoes.csv",
    "embargoed_regions.csv",
    "region_terms.csv",
    "transshipment_countries.csv",
)

# Roles on the sending side: a diversion point there is context, not a red flag.
_SENDING_ROLES = frozenset({"origin", "exporter", "seller", "manufacturer"})
# Parties whose country should be the destination country.
_RECEIVING_ROLES = (PartyRole.CONSIGNEE, PartyRole.END_USER)


@attrs.frozen
class RouteConfig:
    """Severities of the route check's findings that are not fixed by reference data.

    Embargo severities come from ``data/embargoes.csv`` (HIGH for Russia, Belarus, Iran,
    North Korea and Cuba; ELEVATED for Syria since 2025); occupied regions are HIGH and
    partly occupied oblasts ELEVATED.
    """

    transshipment: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """A diversion point as destination, transit or receiving party's country."""
    transshipment_sending_side: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A diversion point only as origin or as the exporter's (seller's) country."""
    observation: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    """Destination mismatches and routes that double back."""
    missing_destination: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A shipment without a destination, which limits what this check can see."""


@attrs.frozen
class _Touch:
    """A country the shipment touches, and in what role ("destination", "consignee"...)."""

    role: str
    country: str


@attrs.frozen
class _RegionTouch:
    role: str
    how: str
    mention: RegionMention


class RouteCheck(BaseCheck):
    """Route and jurisdictions: embargoed destinations, diversion points, odd routes.

    Flags it raises:

    - ``EMBARGOED_DESTINATION`` when the destination, a transit country or any party's
      country is under comprehensive embargo or broad sanctions and export controls
      (Russia, Belarus, Iran, North Korea, Cuba; Syria at a lower severity since the
      2025 easing), or when a party's address names such a country; and when a
      destination, transit, party subdivision or address names a Russian-occupied region
      of Ukraine (Crimea, Sevastopol, the occupied parts of Donetsk, Luhansk, Zaporizhzhia
      and Kherson oblasts, with their occupied cities).
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
        touches = list(_touches(shipment))
        flags: list[Flag] = []
        flags += self._embargoes(shipment, touches)
        flags += self._regions(shipment)
        flags += self._diversion_points(shipment, touches)
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

    def _embargoes(self, shipment: Shipment, touches: list[_Touch]) -> Iterable[Flag]:
        roles = _roles_by_country(t for t in touches if t.role != "origin")
        for party_role, party in _labelled_parties(shipment):
            if party.address:
                for country in _countries_named_in(party.address):
                    roles.setdefault(country, []).append(f"{party_role} address")
        for country, country_roles in roles.items():
            rule = embargo(country)
            if rule is None:
                continue
            evidence = {
                "country": country,
                "country_name": country_name(country),
                "roles": _unique(country_roles),
                "regime": rule.regime,
                "authorities": rule.authorities,
                "legal_basis": rule.legal_basis,
                "since": rule.since,
                "note": rule.note,
                "source": rule.source,
                "data_version": data_version("embargoes.csv"),
                **_in_force(shipment.date, rule.since),
            }
            yield self.flag(
                EMBARGOED_DESTINATION,
                rule.severity,
                f"{country_name(country)} ({country}) is under {rule.regime} "
                f"({rule.authorities}): {_roles_text(country_roles)}."
                + _not_in_force_note(evidence),
                evidence,
            )

    def _regions(self, shipment: Shipment) -> Iterable[Flag]:
        found: dict[tuple[str, str], list[_RegionTouch]] = {}
        for touch in _region_touches(shipment):
            key = (touch.mention.region.subdivision, touch.mention.status)
            found.setdefault(key, []).append(touch)
        for (_, status), region_touches in found.items():
            region = region_touches[0].mention.region
            severity = Severity.HIGH if status == OCCUPIED else Severity.ELEVATED
            evidence = {
                "subdivision": region.subdivision,
                "region": region.name,
                "status": status,
                "found_in": [
                    {"role": t.role, "how": t.how, "term": t.mention.term} for t in region_touches
                ],
                "authorities": region.authorities,
                "legal_basis": region.legal_basis,
                "since": region.since,
                "note": region.note,
                "source": region.source,
                "data_version": data_version("embargoed_regions.csv"),
                **_in_force(shipment.date, region.since),
            }
            where = "; ".join(f"{t.role} {t.how}" for t in region_touches)
            if status == OCCUPIED:
                what = "is under Russian occupation and territorial sanctions"
            else:
                what = (
                    "is partly under Russian occupation and territorial sanctions; confirm the "
                    "place is in government-controlled territory"
                )
            yield self.flag(
                EMBARGOED_DESTINATION,
                severity,
                f"{region.name} ({region.subdivision}) {what} ({region.authorities}): {where}."
                + _not_in_force_note(evidence),
                evidence,
            )

    # -- diversion points ---------------------------------------------------------

    def _diversion_points(self, shipment: Shipment, touches: list[_Touch]) -> Iterable[Flag]:
        for country, roles in _roles_by_country(touches).items():
            namings = diversion_namings(country)
            official = [n for n in namings if n.official]
            if not official:
                continue
            receiving = [role for role in roles if role not in _SENDING_ROLES]
            severity = (
                self.config.transshipment if receiving else self.config.transshipment_sending_side
            )
            latest = official[-1]
            evidence = {
                "country": country,
                "country_name": country_name(country),
                "roles": _unique(roles),
                "named_by": [_naming_evidence(n, shipment.date) for n in namings],
                "data_version": data_version("transshipment_countries.csv"),
            }
            count = len(official)
            yield self.flag(
                TRANSSHIPMENT_COUNTRY,
                severity,
                f"{country_name(country)} ({country}) is named as a diversion point for goods "
                f"bound for Russia and Belarus in {count} official "
                f"{'publication' if count == 1 else 'publications'} (latest: "
                f"{latest.named_by}, {latest.named_on}): {_roles_text(roles)}.",
                evidence,
            )

    # -- observations -------------------------------------------------------------

    def _mismatches(self, shipment: Shipment) -> Iterable[Flag]:
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

    def _doubling_back(self, shipment: Shipment) -> Iterable[Flag]:
        route = [c for i, c in enumerate(shipment.route) if i == 0 or c != shipment.route[i - 1]]
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


# -- helpers ----------------------------------------------------------------------


def _labelled_parties(shipment: Shipment) -> Iterable[tuple[str, Entity]]:
    for party in shipment.all_parties:
        yield (party.role.value if party.role else "party"), party


def _touches(shipment: Shipment) -> Iterable[_Touch]:
    if shipment.origin:
        yield _Touch("origin", shipment.origin)
    for position, country in enumerate(shipment.transit):
        label = "transit" if len(shipment.transit) == 1 else f"transit {position + 1}"
        yield _Touch(label, country)
    if shipment.destination:
        yield _Touch("destination", shipment.destination)
    for label, party in _labelled_parties(shipment):
        if party.country:
            yield _Touch(label, party.country)


def _region_touches(shipment: Shipment) -> Iterable[_RegionTouch]:
    def by_code(role: str, code: str | None) -> Iterable[_RegionTouch]:
        region = embargoed_region(code) if code else None
        if region is not None:
            mention = RegionMention(
                term=region.subdivision, kind="subdivision", status=region.status, region=region
            )
            yield _RegionTouch(role, "subdivision", mention)

    yield from by_code("destination", shipment.destination_subdivision)
    for code in shipment.transit_subdivisions:
        yield from by_code("transit", code)
    for label, party in _labelled_parties(shipment):
        yield from by_code(label, party.subdivision)
        if party.address:
            for mention in find_region_mentions(party.address):
                yield _RegionTouch(label, "address", mention)


def _roles_by_country(touches: Iterable[_Touch]) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    for touch in touches:
        roles.setdefault(touch.country, []).append(touch.role)
    return roles


def _roles_text(roles: Iterable[str]) -> str:
    return ", ".join(role.replace("_", " ") for role in _unique(roles))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _in_force(date: datetime.date | None, since: str) -> Mapping[str, Any]:
    if date is None or not since:
        return {}
    return {"in_force_on_shipment_date": date >= datetime.date.fromisoformat(since)}


def _not_in_force_note(evidence: Mapping[str, Any]) -> str:
    if evidence.get("in_force_on_shipment_date") is False:
        return f" (These measures date from {evidence['since']}, after the shipment date.)"
    return ""


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


def _countries_named_in(text: str) -> list[str]:
    table, pattern = _embargoed_country_names()
    folded = country_key(text)
    return _unique(table[m.group(0)] for m in pattern.finditer(folded))


@functools.cache
def _embargoed_country_names() -> tuple[Mapping[str, str], re.Pattern[str]]:
    table = {key: code for code in embargoed_countries() for key in name_keys(code)}
    alternatives = "|".join(re.escape(k) for k in sorted(table, key=lambda k: (-len(k), k)))
    return table, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def reset_caches() -> None:
    """Forget the compiled pattern of embargoed country names."""
    _embargoed_country_names.cache_clear()
