"""The route check: where the goods come from, go to and pass through, and who gets them."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from .._caching import lru_cache
from .._data import data_version
from .._fields import instance_or_default
from .._text import unique
from ..context import (
    SENDING_ROLES,
    EmbargoFinding,
    PlaceFinding,
    RegionFinding,
    ScreeningContext,
)
from ..geography.countries import country_name, country_names_phrase
from ..geography.jurisdictions import DiversionNaming, chapter_restriction, diversion_namings
from ..geography.regions import OCCUPIED
from ..kinds import PartyRole
from ..results import CheckResult, Evidence, Flag, Severity, to_evidence, to_severity
from .base import BaseCheck

__all__ = ["RouteCheck", "RouteConfig"]

EMBARGOED_DESTINATION = "EMBARGOED_DESTINATION"
EMBARGOED_ORIGIN = "EMBARGOED_ORIGIN"
TRANSSHIPMENT_COUNTRY = "TRANSSHIPMENT_COUNTRY"
DESTINATION_MISMATCH = "DESTINATION_MISMATCH"
ROUTE_DOUBLES_BACK = "ROUTE_DOUBLES_BACK"
MISSING_DESTINATION = "MISSING_DESTINATION"

# Parties whose country should be the destination country.
_RECEIVING_ROLES = (PartyRole.CONSIGNEE, PartyRole.END_USER)


@attrs.frozen
class RouteConfig:
    """Severities of the route check's findings that reference data does not fix.

    Embargo severities come from ``data/embargoes.csv`` (HIGH for Russia, Belarus, Iran,
    North Korea and Cuba; ELEVATED for Syria since the 2025 easing) and occupied regions'
    from ``data/occupation_statuses.csv`` (HIGH, partly occupied oblasts ELEVATED). How
    much a place found only in an address weighs is the screener's
    :class:`~sanctionscreen.context.PlaceConfig`, shared with the goods check.
    """

    transshipment: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """A diversion point as destination, transit or receiving party's country."""
    transshipment_sending_side: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A diversion point only as origin or as the exporter's (seller's) country."""
    observation: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    """Destination mismatches and routes that double back."""
    missing_destination: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A shipment without a destination, which limits what this check can see."""


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
      one, and least when it is part of a street name (the screener's
      :class:`~sanctionscreen.context.PlaceConfig` says how much less).
    - ``EMBARGOED_ORIGIN`` when the goods come from such a country or region: imports
      from them are banned or restricted, and re-exporting their goods is a red flag.
    - ``TRANSSHIPMENT_COUNTRY`` when the route or a party is in a country that an
      authority has named as a transshipment or diversion point (for Russia and Belarus:
      Kyrgyzstan, Kazakhstan, Armenia, Georgia, UAE, Türkiye, Uzbekistan, China and
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
    DATA_FILES = (
        "country_aliases.csv",
        "embargoed_cities.csv",
        "embargoed_regions.csv",
        "embargoes.csv",
        "occupation_statuses.csv",
        "region_terms.csv",
        "street_words.csv",
        "transshipment_countries.csv",
    )

    def __init__(self, config: RouteConfig | None = None) -> None:
        self.config = instance_or_default(
            "config", config, RouteConfig, RouteConfig, "a RouteConfig"
        )

    def run(self, context: ScreeningContext) -> CheckResult:
        """Screen the shipment's route and the countries and addresses of its parties."""
        flags: list[Flag] = []
        for origin in (False, True):
            for found in context.embargoes(origin=origin):
                flags.append(self._embargo_flag(context, found.country, found, origin=origin))
        for origin in (False, True):
            for region in context.regions(origin=origin):
                flags.append(self._region_flag(context, region, origin=origin))
        flags += self._diversion_points(context)
        flags += self._mismatches(context)
        flags += self._doubling_back(context)
        if context.shipment.destination is None:
            flags.append(
                self.flag(
                    MISSING_DESTINATION,
                    self.config.missing_destination,
                    "No destination given: the route was judged from transit and party "
                    "countries only.",
                    {},
                )
            )
        return self.result(flags, context)

    # -- embargoed countries and occupied regions ---------------------------------------

    def _embargo_flag(
        self, context: ScreeningContext, country: str, found: EmbargoFinding, *, origin: bool
    ) -> Flag:
        rule, findings = found.rule, found.findings
        evidence = {
            "country": country,
            "country_name": country_name(country),
            "roles": unique(f.label for f in findings),
            "found_in": [f.evidence() for f in findings],
            "regime": rule.regime,
            "authorities": rule.authorities,
            "legal_basis": rule.legal_basis,
            "since": rule.since,
            "note": rule.note,
            "source": rule.source,
            "data_version": data_version("embargoes.csv"),
            **_in_force(context.date, rule.since),
        }
        if rule.eased_on:
            evidence["eased_on"] = rule.eased_on
        why = f"under {rule.regime} ({rule.authorities})"
        cap = None
        partial = not origin and rule.ordinary_goods_severity is not None
        ordinary = _ordinary_goods(context, country) if partial else ""
        if ordinary:
            # A partial regime bans listed goods, not tea or T-shirts: the parties and
            # the goods' licensing still need checking, but not at the gravest level.
            cap = rule.ordinary_goods_severity
            why += f"; the goods ({ordinary}) are outside every restricted HS chapter and list"
            evidence["ordinary_goods"] = ordinary
            evidence["ordinary_goods_severity"] = str(cap)
        return self._place_flag(
            f"{country_name(country)} ({country})", why, findings, evidence, origin=origin, cap=cap
        )

    def _region_flag(
        self, context: ScreeningContext, found: RegionFinding, *, origin: bool
    ) -> Flag:
        region, status, findings = found.region, found.status, found.findings
        evidence = {
            "subdivision": region.subdivision,
            "region": region.name,
            "status": status,
            "roles": unique(f.label for f in findings),
            "found_in": [f.evidence() for f in findings],
            "authorities": region.authorities,
            "legal_basis": region.legal_basis,
            "since": region.since,
            "note": region.note,
            "source": region.source,
            "data_version": data_version("embargoed_regions.csv"),
            **_in_force(context.date, region.since),
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
        findings: tuple[PlaceFinding, ...],
        evidence: dict[str, Any],
        *,
        origin: bool,
        cap: Severity | None = None,
    ) -> Flag:
        """One embargo flag for a country or region, at its most severe finding (or ``cap``)."""
        subject = f"The goods come from {place}, which is" if origin else f"{place} is"
        severity = max(f.severity for f in findings)
        return self.flag(
            EMBARGOED_ORIGIN if origin else EMBARGOED_DESTINATION,
            severity if cap is None else min(severity, cap),
            f"{subject} {why}: {', '.join(evidence['roles'])}." + _not_in_force_note(evidence),
            evidence,
        )

    # -- diversion points ---------------------------------------------------------

    def _diversion_points(self, context: ScreeningContext) -> Iterator[Flag]:
        for country, roles in context.countries_by_role.items():
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
                "roles": unique(roles),
                "named_by": _namings_evidence(namings, context.date),
                "data_version": data_version("transshipment_countries.csv"),
            }
            count = len(official)
            bound_for = country_names_phrase(code for n in official for code in n.bound_for)
            yield self.flag(
                TRANSSHIPMENT_COUNTRY,
                severity,
                f"{country_name(country)} ({country}) is named as a diversion point for goods "
                f"bound for {bound_for} in {count} official "
                f"{'publication' if count == 1 else 'publications'} (latest: "
                f"{latest.named_by}, {latest.named_on}): "
                f"{', '.join(r.replace('_', ' ') for r in unique(roles))}.",
                evidence,
            )

    # -- observations -------------------------------------------------------------

    def _mismatches(self, context: ScreeningContext) -> Iterator[Flag]:
        destination = context.shipment.destination
        if destination is None:
            return
        for label, party in context.parties:
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

    def _doubling_back(self, context: ScreeningContext) -> Iterator[Flag]:
        stops = context.shipment.route
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


def _ordinary_goods(context: ScreeningContext, country: str) -> str:
    """Name the goods lines if every one is ordinary for ``country``'s partial regime.

    Ordinary: a declared code outside the restricted chapters (84, 85, 88, 90 for
    Russia), and neither on the CHPL nor named as dual-use. A line without a code, or a
    shipment without goods, is not known to be ordinary: "" then.
    """
    restriction = chapter_restriction(country)
    lines = context.lines
    if not lines or any(line.hs is None or line.sensitive for line in lines):
        return ""
    restricted = restriction.chapters if restriction is not None else frozenset()
    if any(line.in_chapters(restricted) for line in lines):
        return ""
    return ", ".join(f"line {line.number} HS {line.code}" for line in lines)


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
