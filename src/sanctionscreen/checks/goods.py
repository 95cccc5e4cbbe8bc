"""The goods check: what is shipped, what its code and description give away, and where it goes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .._data import data_version
from ..geography.countries import country_name
from ..geography.jurisdictions import (
    chapter_restriction,
    diversion_namings,
    embargo,
    partner_country,
)
from ..goods.chpl import ChplItem, chpl_version, high_priority_items
from ..goods.descriptions import (
    DescriptionReading,
    DualUseCategory,
    PartNumberHit,
    TermHit,
    categories_indicated_by,
    read_description,
)
from ..goods.hs import HSCode
from ..goods.hs2022 import HSReading, read_as_hs2022
from ..models import GoodsItem, Shipment
from ..results import CheckResult, Flag, Severity, to_severity
from .base import BaseCheck
from .routes import SENDING_ROLES, RouteCheck, receiving_countries

__all__ = ["GoodsCheck", "GoodsConfig"]

HIGH_PRIORITY_ITEM = "HIGH_PRIORITY_ITEM"
DUAL_USE_GOODS = "DUAL_USE_GOODS"
HS_DESCRIPTION_MISMATCH = "HS_DESCRIPTION_MISMATCH"
DIVERSION_RISK = "DIVERSION_RISK"

_DATA_FILES = (
    "chpl.csv",
    "chpl_tiers.csv",
    "hs2017_hs2022.csv",
    "dual_use_terms.csv",
    "dual_use_categories.csv",
    "description_exceptions.csv",
    "part_numbers.csv",
    "partner_countries.csv",
    "export_restrictions.csv",
    "embargoes.csv",
    "embargoed_regions.csv",
    "region_terms.csv",
    "transshipment_countries.csv",
)
_CHPL_NAME = "Common High Priority List of the EU, US, UK and Japan"


@attrs.frozen
class GoodsConfig:
    """Severities of the goods check's findings.

    The defaults follow the CHPL's own ranking (tiers 1-2 above tiers 3-4) and the route:
    the same goods weigh most when they go to an embargoed country, less through a
    diversion point, and least when every receiving country is a partner that applies
    the same export controls.
    """

    top_tier: Severity = attrs.field(default=Severity.HIGH, converter=to_severity)
    """A CHPL item of tier 1 or 2."""
    other_tiers: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """A CHPL item of tier 3.A, 3.B, 4.A or 4.B."""
    partner_destination: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A CHPL item when every receiving country is a partner country (EU, Annex VIII, ...)."""
    embargoed_top_tier: Severity = attrs.field(default=Severity.CRITICAL, converter=to_severity)
    """CHPL tier 1-2 goods going to, through or to a party in an embargoed country."""
    embargoed: Severity = attrs.field(default=Severity.HIGH, converter=to_severity)
    """Other high-priority or dual-use goods going to an embargoed country; and goods of
    a restricted HS chapter (84, 85, 90 for Russia and Belarus)."""
    embargoed_broad: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """Goods named only by a broad word ("router", "bearing") going to an embargoed country."""
    mismatch: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """Goods named precisely, declared under a code outside every chapter that holds them."""
    mismatch_broad: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    """The same when the goods are named only by a broad word."""
    transshipment_top_tier: Severity = attrs.field(default=Severity.HIGH, converter=to_severity)
    """CHPL tier 1-2 goods going to or through a named diversion point."""
    transshipment: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """Other high-priority or dual-use goods going to or through a named diversion point."""


@attrs.frozen
class _Line:
    """What the check reads from one goods line."""

    number: int
    item: GoodsItem
    hs: HSReading | None
    chpl: tuple[ChplItem, ...]
    description: DescriptionReading
    code_categories: tuple[DualUseCategory, ...]

    @property
    def label(self) -> str:
        text = self.item.description
        shown = text if len(text) <= 60 else text[:57] + "..."
        return f"Line {self.number}" + (f" ({shown!r})" if shown else "")

    @property
    def code(self) -> str:
        return str(self.hs.declared) if self.hs else ""

    @property
    def top_tier(self) -> bool:
        return any(item.top_tier for item in self.chpl)

    @property
    def dual_use_severity(self) -> Severity:
        severities = [hit.severity for hit in self.description.terms]
        severities += [hit.severity for hit in self.description.part_numbers]
        severities += [category.severity for category in self.code_categories]
        return max(severities, default=Severity.NONE)

    def why_sensitive(self) -> str:
        """Sum the line up for diversion messages: "line 2 HS 8542.31 (CHPL tier 1)"."""
        reasons = []
        if self.chpl:
            reasons.append(f"CHPL tier {self.chpl[0].tier}")
        categories = (*self.description.categories, *self.code_categories)
        if categories:
            titles = _unique(c.title for c in categories)
            reasons.append("dual-use: " + ", ".join(titles))
        code = f" HS {self.code}" if self.code else ""
        if self.hs is not None and self.hs.converted_from is not None:
            code += f" (HS 2022 {' or '.join(str(HSCode(c)) for c in self.hs.codes)})"
        return f"line {self.number}{code} ({'; '.join(reasons)})"


class GoodsCheck(BaseCheck):
    """Goods: high-priority and dual-use items, misdeclared codes, and diversion risk.

    Flags it raises, one per goods line unless said otherwise:

    - ``HIGH_PRIORITY_ITEM`` when the declared HS code is on the Common High Priority
      List: HIGH for tiers 1-2 (integrated circuits; radio, navigation and passive
      electronics), ELEVATED for tiers 3-4, and INFO when every receiving country is a
      partner that applies the same controls. HS 2017 codes that HS 2022 deleted are
      read as their successors, and the flag says so.
    - ``DUAL_USE_GOODS`` when the description names goods that are often controlled
      (drones, chips, FPGAs, transceivers, navigation, thermal imaging ...), in English
      or Russian, or a chip family's part number, or the code itself points to them
      (8806 drones). It names the category and indicative control entries; it is a
      pointer for classification, never a classification.
    - ``HS_DESCRIPTION_MISMATCH`` when the description names such goods but the declared
      code lies outside every chapter that could hold them: chips declared as plastics,
      a drone declared as a toy. A classic way to slip past code-based screening.
    - ``DIVERSION_RISK``, one per country or region, when high-priority or dual-use goods
      go to, through or to a party in an embargoed country (CRITICAL for CHPL tiers 1-2),
      an occupied region of Ukraine or a named diversion point; and when goods of HS
      chapters 84, 85, 88 or 90 go to or through Russia or Belarus, where most of them
      need a licence or are banned.
    """

    NAME = "goods"
    VERSION = 1
    TITLE = "Goods check"

    def __init__(self, config: GoodsConfig | None = None) -> None:
        self.config = config or GoodsConfig()

    def data_versions(self) -> tuple[str, ...]:
        """Return the audit labels of the goods, partner, embargo and diversion tables."""
        return tuple(data_version(name) for name in _DATA_FILES)

    def run(self, shipment: Shipment) -> CheckResult:
        """Screen each goods line, then the goods against the route."""
        lines = [_read_line(number, item) for number, item in enumerate(shipment.goods, 1)]
        receiving = receiving_countries(shipment)
        flags: list[Flag] = []
        for line in lines:
            flags += self._high_priority(shipment, line, receiving)
            flags += self._dual_use(line, receiving)
            flags += self._mismatch(shipment, line)
        flags += self._diversion(shipment, lines, receiving)
        return self.result(flags)

    # -- per line -------------------------------------------------------------------

    def _high_priority(
        self, shipment: Shipment, line: _Line, receiving: dict[str, list[str]]
    ) -> Iterator[Flag]:
        if not line.chpl or line.hs is None:
            return
        first = line.chpl[0]
        severity = self.config.top_tier if first.top_tier else self.config.other_tiers
        all_partners = _all_partners(receiving)
        if all_partners:
            severity = min(severity, self.config.partner_destination)
        codes = ", ".join(str(HSCode(item.subheading)) for item in line.chpl)
        if len(line.hs.declared.digits) == 4:
            what = f"HS heading {line.code} covers {codes} on the {_CHPL_NAME}"
        elif line.hs.relation == "split":
            what = f"HS {line.code} includes {codes} on the {_CHPL_NAME}"
        else:
            what = f"HS {line.code} is on the {_CHPL_NAME}"
        conversion = line.hs.explain(shipment.date)
        message = (
            f"{line.label}: {what} (version {chpl_version()}), tier {first.tier} "
            f"({first.tier_title.lower()})."
            + (f" {conversion}." if conversion else "")
            + (_partner_note(receiving) if all_partners else "")
        )
        evidence: dict[str, Any] = {
            "line": line.number,
            "description": line.item.description,
            "hs": line.hs.evidence(),
            "chpl_items": [_chpl_evidence(item) for item in line.chpl],
            "list": _CHPL_NAME,
            "list_version": chpl_version(),
            "data_version": data_version("chpl.csv"),
        }
        if all_partners:
            evidence["partner_countries"] = _partner_evidence(receiving)
        yield self.flag(HIGH_PRIORITY_ITEM, severity, message, evidence)

    def _dual_use(self, line: _Line, receiving: dict[str, list[str]]) -> Iterator[Flag]:
        reading = line.description
        if not reading and not line.code_categories:
            return
        parts = []
        for category in reading.categories:
            words = [h.found for h in reading.terms if h.category == category]
            shown = [repr(word) for word in words]
            shown += [
                f"{p.part_number!r}, made by {p.manufacturer}"
                for p in reading.part_numbers
                if p.category == category
            ]
            parts.append(f"{category.title} ({', '.join(shown)})")
        said = f"the description names {'; '.join(parts)}" if reading else ""
        indicated = [c for c in line.code_categories if c not in reading.categories]
        if indicated:
            by_code = f"HS {line.code} is the heading for {', '.join(c.title for c in indicated)}"
            said = f"{said}, and {by_code}" if said else by_code
        # The first word found in each category speaks for it; the evidence has them all.
        first_hits = {h.category.name: h for h in reversed(reading.terms)}
        references = [
            first_hits[c.name].control_reference for c in reading.categories if c.name in first_hits
        ]
        all_partners = _all_partners(receiving)
        message = (
            f"{line.label}: {said}. Such goods are often controlled"
            + (f" (indicative entries: {' | '.join(references)})" if references else "")
            + "; this is a pointer, not a classification: confirm the item's ECCN or "
            "Annex I entry." + (_partner_note(receiving) if all_partners else "")
        )
        evidence: dict[str, Any] = {
            "line": line.number,
            "description": line.item.description,
            "categories": [c.name for c in (*reading.categories, *indicated)],
            "terms": [hit.evidence() for hit in reading.terms],
            "part_numbers": [hit.evidence() for hit in reading.part_numbers],
            "indicated_by_code": [c.name for c in indicated],
            "data_version": data_version("dual_use_terms.csv"),
        }
        severity = line.dual_use_severity
        if all_partners:
            severity = min(severity, self.config.partner_destination)
            evidence["partner_countries"] = _partner_evidence(receiving)
        yield self.flag(DUAL_USE_GOODS, severity, message, evidence)

    def _mismatch(self, shipment: Shipment, line: _Line) -> Iterator[Flag]:
        if line.hs is None or not line.description:
            return
        codes = line.hs.codes
        chapters = line.hs.chapters
        accessories = line.description.accessories
        outside = [
            category
            for category in line.description.categories
            if category.covers(codes) is False
            and not any(word.explains(category, chapters) for word in accessories)
        ]
        if not outside:
            return
        hits: tuple[TermHit | PartNumberHit, ...] = (
            *line.description.terms,
            *line.description.part_numbers,
        )
        # Goods named precisely (a word that is not broad, a part number) under a code
        # that cannot hold them are a red flag whatever their category's own weight.
        precise = any(
            isinstance(hit, PartNumberHit) or not hit.broad
            for hit in hits
            if hit.category in outside
        )
        severity = self.config.mismatch if precise else self.config.mismatch_broad
        named = "; ".join(f"{c.title}, which belong in HS {_scope(c.covered_by)}" for c in outside)
        notes = [c.note for c in outside if c.note]
        conversion = line.hs.explain(shipment.date)
        message = (
            f"{line.label}: the description names {named}, but the declared code "
            f"{line.code} is in chapter {line.hs.declared.chapter}. Misdeclared codes are "
            "a common way past code-based screening; check the classification."
            + (f" Note: {' '.join(notes)}." if notes else "")
            + (f" {conversion}." if conversion else "")
        )
        evidence = {
            "line": line.number,
            "description": line.item.description,
            "hs": line.hs.evidence(),
            "categories": [
                {"category": c.name, "covered_by": list(c.covered_by), "note": c.note}
                for c in outside
            ],
            "found": [hit.evidence() for hit in hits if hit.category in outside],
            "data_version": data_version("dual_use_categories.csv"),
        }
        yield self.flag(HS_DESCRIPTION_MISMATCH, severity, message, evidence)

    # -- goods against the route ---------------------------------------------------------

    def _diversion(
        self, shipment: Shipment, lines: list[_Line], receiving: dict[str, list[str]]
    ) -> Iterator[Flag]:
        sensitive = [line for line in lines if line.chpl or line.dual_use_severity > Severity.NONE]
        for country, roles in receiving.items():
            reasons: list[tuple[Severity, str, dict[str, Any]]] = []
            rule = embargo(country)
            if rule is not None and sensitive:
                severity = self._embargo_severity(sensitive)
                if rule.severity_on(shipment.date) < Severity.HIGH:
                    # Eased measures (Syria since 2025): serious, not the gravest case.
                    severity = min(severity, Severity.HIGH)
                reasons.append(
                    (
                        severity,
                        f"it is under {rule.regime} ({rule.authorities})",
                        {
                            "rule": "sensitive goods to an embargoed country",
                            "regime": rule.regime,
                            "authorities": rule.authorities,
                            "legal_basis": rule.legal_basis,
                            "lines": [line.why_sensitive() for line in sensitive],
                            "data_version": data_version("embargoes.csv"),
                        },
                    )
                )
            restriction = chapter_restriction(country)
            if restriction is not None:
                caught = [
                    line
                    for line in lines
                    if line.hs is not None and line.hs.chapters & restriction.chapters
                ]
                if caught:
                    chapters = _or_list(sorted(restriction.chapters), "and")
                    reasons.append(
                        (
                            self.config.embargoed,
                            f"most goods of HS chapters {chapters} need a licence or are "
                            f"banned for export there ({restriction.authorities}), "
                            f"including {_lines_phrase(caught)}",
                            {
                                "rule": "restricted HS chapters",
                                "chapters": sorted(restriction.chapters),
                                "lines": [line.number for line in caught],
                                "authorities": restriction.authorities,
                                "legal_basis": restriction.legal_basis,
                                "since": restriction.since,
                                "note": restriction.note,
                                "source": restriction.source,
                                "data_version": data_version("export_restrictions.csv"),
                            },
                        )
                    )
            namings = [n for n in diversion_namings(country) if n.official]
            if namings and sensitive and rule is None:
                latest = namings[-1]
                reasons.append(
                    (
                        self._transshipment_severity(sensitive),
                        f"it is named as a diversion point for Russia and Belarus "
                        f"(latest: {latest.named_by}, {latest.named_on})",
                        {
                            "rule": "sensitive goods through a diversion point",
                            "named_by": [f"{n.named_by} ({n.named_on})" for n in namings],
                            "lines": [line.why_sensitive() for line in sensitive],
                            "data_version": data_version("transshipment_countries.csv"),
                        },
                    )
                )
            if reasons:
                where = " and ".join(role.replace("_", " ") for role in roles)
                place = f"{country_name(country)} ({country}), the {where} country"
                head = {"country": country, "country_name": country_name(country), "roles": roles}
                yield self._diversion_flag(place, head, sensitive, reasons)
        if sensitive:
            yield from self._occupied_regions(shipment, sensitive)

    def _occupied_regions(self, shipment: Shipment, sensitive: list[_Line]) -> Iterator[Flag]:
        """Sensitive goods for an occupied region of Ukraine: a place, not a country."""
        for exposure in RouteCheck().region_exposures(shipment):
            receiving = [role for role in exposure.roles if role not in SENDING_ROLES]
            if not receiving or exposure.severity < Severity.ELEVATED:
                continue
            region = exposure.region
            severity = self._embargo_severity(sensitive)
            if exposure.severity < Severity.HIGH:
                # Partly occupied, or named only in an address elsewhere: worth a look.
                severity = min(severity, exposure.severity)
            reason = (
                severity,
                f"it is under Russian occupation and territorial sanctions ({region.authorities})",
                {
                    "rule": "sensitive goods to an occupied region",
                    "status": exposure.status,
                    "authorities": region.authorities,
                    "legal_basis": region.legal_basis,
                    "lines": [line.why_sensitive() for line in sensitive],
                    "data_version": data_version("embargoed_regions.csv"),
                },
            )
            place = (
                f"{region.name} ({region.subdivision}), found in the {', '.join(exposure.labels)}"
            )
            head = {
                "subdivision": region.subdivision,
                "region": region.name,
                "roles": list(exposure.labels),
            }
            yield self._diversion_flag(place, head, sensitive, [reason])

    def _diversion_flag(
        self,
        place: str,
        head: dict[str, Any],
        sensitive: list[_Line],
        reasons: list[tuple[Severity, str, dict[str, Any]]],
    ) -> Flag:
        message = f"{place}: " + "; ".join(text for _, text, _ in reasons) + "."
        if sensitive:
            goods = "; ".join(line.why_sensitive() for line in sensitive)
            message += f" Goods at risk: {goods}."
        evidence = {**head, "reasons": [details for _, _, details in reasons]}
        return self.flag(DIVERSION_RISK, max(s for s, _, _ in reasons), message, evidence)

    def _embargo_severity(self, sensitive: list[_Line]) -> Severity:
        if any(line.top_tier for line in sensitive):
            return self.config.embargoed_top_tier
        if any(line.chpl or line.dual_use_severity >= Severity.ELEVATED for line in sensitive):
            return self.config.embargoed
        return self.config.embargoed_broad

    def _transshipment_severity(self, sensitive: list[_Line]) -> Severity:
        if any(line.top_tier for line in sensitive):
            return self.config.transshipment_top_tier
        weights = [
            self.config.transshipment if line.chpl else line.dual_use_severity for line in sensitive
        ]
        return min(max(weights), self.config.transshipment)


def _read_line(number: int, item: GoodsItem) -> _Line:
    hs = read_as_hs2022(item.hs_code) if item.hs_code is not None else None
    codes = hs.codes if hs is not None else ()
    return _Line(
        number=number,
        item=item,
        hs=hs,
        chpl=high_priority_items(codes),
        description=read_description(item.description),
        code_categories=categories_indicated_by(codes),
    )


def _chpl_evidence(item: ChplItem) -> dict[str, str]:
    return {
        "subheading": item.subheading,
        "tier": item.tier,
        "tier_title": item.tier_title,
        "tier_concern": item.tier_concern,
        "description": item.description,
        "source": item.source,
    }


def _all_partners(receiving: dict[str, list[str]]) -> bool:
    """Whether there are receiving countries and every one of them is a partner country."""
    return bool(receiving) and all(partner_country(country) for country in receiving)


def _partner_note(receiving: dict[str, list[str]]) -> str:
    return (
        f" Every receiving country ({', '.join(receiving)}) applies export controls on "
        "Russia and Belarus like the EU's and the US's, so this is recorded as context."
    )


def _partner_evidence(receiving: dict[str, list[str]]) -> dict[str, str]:
    listed = {country: partner_country(country) for country in receiving}
    return {country: p.listed_by for country, p in listed.items() if p is not None}


def _lines_phrase(lines: list[_Line]) -> str:
    return _or_list([f"line {line.number} (HS {line.code})" for line in lines], "and")


def _scope(prefixes: tuple[str, ...]) -> str:
    """Say "chapters 84, 85 or 90" (or "headings ...") for a category's HS prefixes."""
    kind = "chapter" if all(len(p) == 2 for p in prefixes) else "chapter or heading"
    return f"{kind}{'s' if len(prefixes) > 1 else ''} {_or_list(prefixes)}"


def _or_list(items: Iterable[str], word: str = "or") -> str:
    """Join "84", "85", "90" as "84, 85 or 90"."""
    listed = list(items)
    if len(listed) == 1:
        return listed[0]
    return f"{', '.join(listed[:-1])} {word} {listed[-1]}"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
