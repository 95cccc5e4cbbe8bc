"""The goods check: what is shipped, what its code and description give away, and where it goes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .._data import data_version
from .._fields import instance_or_default
from .._text import join_words, unique
from ..context import SENDING_ROLES, GoodsLine, ScreeningContext
from ..context.goods_wording import (
    all_partners,
    declared,
    lines_phrase,
    misplaced,
    partner_evidence,
    partner_note,
)
from ..errors import InvalidHSCodeError
from ..geography.countries import country_name, country_names_phrase
from ..geography.jurisdictions import (
    chapter_restriction,
    diversion_namings,
    embargo,
)
from ..goods.chpl import CHPL_TITLE, chpl_version
from ..goods.hs import HSCode
from ..goods.nomenclature import EDITION, check_known
from ..goods.placement import misplacements
from ..results import CheckResult, Flag, Severity, to_severity
from .base import BaseCheck

__all__ = ["GoodsCheck", "GoodsConfig"]

HIGH_PRIORITY_ITEM = "HIGH_PRIORITY_ITEM"
DUAL_USE_GOODS = "DUAL_USE_GOODS"
HS_DESCRIPTION_MISMATCH = "HS_DESCRIPTION_MISMATCH"
HS_CODE_UNKNOWN = "HS_CODE_UNKNOWN"
DIVERSION_RISK = "DIVERSION_RISK"


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
    embargoed_eased: Severity = attrs.field(default=Severity.HIGH, converter=to_severity)
    """The most sensitive goods weigh for a country whose measures were eased (Syria since
    2025): serious, not the gravest case."""
    embargoed_broad: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """Goods named only by a broad word ("router", "bearing") going to an embargoed country."""
    mismatch: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """Goods named precisely, declared under a code outside every heading that holds them."""
    mismatch_broad: Severity = attrs.field(default=Severity.LOW, converter=to_severity)
    """The same when the goods are named only by a broad word."""
    unknown_code: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """A declared code HS 2022 does not have (an older edition's, or a typo)."""
    transshipment_top_tier: Severity = attrs.field(default=Severity.HIGH, converter=to_severity)
    """CHPL tier 1-2 goods going to or through a named diversion point."""
    transshipment: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """Other high-priority or dual-use goods going to or through a named diversion point."""


@attrs.frozen
class _Reason:
    """One reason a place makes the goods a diversion risk: its weight, text and details."""

    severity: Severity
    text: str
    details: dict[str, Any]


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
    DATA_FILES = (
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
        "occupation_statuses.csv",
        "region_terms.csv",
        "transshipment_countries.csv",
    )

    def __init__(self, config: GoodsConfig | None = None) -> None:
        self.config = instance_or_default(
            "config", config, GoodsConfig, GoodsConfig, "a GoodsConfig"
        )

    def run(self, context: ScreeningContext) -> CheckResult:
        """Screen each goods line, then the goods against the route."""
        receiving = context.receiving
        flags: list[Flag] = []
        for line in context.lines:
            flags += self._high_priority(context, line, receiving)
            flags += self._dual_use(line, receiving)
            flags += self._mismatch(context, line)
            flags += self._unknown(line)
        flags += self._diversion(context)
        return self.result(flags, context)

    # -- per line -------------------------------------------------------------------

    def _high_priority(
        self, context: ScreeningContext, line: GoodsLine, receiving: dict[str, list[str]]
    ) -> Iterator[Flag]:
        if not line.chpl or line.hs is None:
            return
        first = line.chpl[0]
        severity = self.config.top_tier if first.top_tier else self.config.other_tiers
        every_partner = all_partners(receiving)
        if every_partner:
            severity = min(severity, self.config.partner_destination)
        codes = ", ".join(str(HSCode(item.subheading)) for item in line.chpl)
        if len(line.hs.declared.digits) == 4:
            what = f"HS heading {line.code} covers {codes} on the {CHPL_TITLE}"
        elif line.hs.relation == "split":
            what = f"HS {line.code} includes {codes} on the {CHPL_TITLE}"
        else:
            what = f"HS {line.code} is on the {CHPL_TITLE}"
        conversion = line.hs.explain(context.date)
        message = (
            f"{line.label}: {what} (version {chpl_version()}), tier {first.tier} "
            f"({first.tier_title.lower()})."
            + (f" {conversion}." if conversion else "")
            + declared(line)
            + (partner_note(receiving) if every_partner else "")
        )
        evidence: dict[str, Any] = {
            "line": line.number,
            "description": line.item.description,
            "hs": line.hs.evidence(),
            "hs_text": line.official_evidence(),
            "chpl_items": [item.evidence() for item in line.chpl],
            "list": CHPL_TITLE,
            "list_version": chpl_version(),
            "data_version": data_version("chpl.csv"),
        }
        if every_partner:
            evidence["partner_countries"] = partner_evidence(receiving)
        yield self.flag(HIGH_PRIORITY_ITEM, severity, message, evidence)

    def _dual_use(self, line: GoodsLine, receiving: dict[str, list[str]]) -> Iterator[Flag]:
        reading = line.description
        if (not reading and not line.code_categories) or line.ordinary_by_code:
            return
        if line.accessory_only and not line.code_categories:
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
        every_partner = all_partners(receiving)
        message = (
            f"{line.label}: {said}. Such goods are often controlled"
            + (f" (indicative entries: {' | '.join(references)})" if references else "")
            + "; this is a pointer, not a classification: confirm the item's ECCN or "
            "Annex I entry." + declared(line) + (partner_note(receiving) if every_partner else "")
        )
        evidence: dict[str, Any] = {
            "line": line.number,
            "description": line.item.description,
            "hs_text": line.official_evidence(),
            "categories": [c.name for c in (*reading.categories, *indicated)],
            "terms": [hit.evidence() for hit in reading.terms],
            "part_numbers": [hit.evidence() for hit in reading.part_numbers],
            "indicated_by_code": [c.name for c in indicated],
            "data_version": data_version("dual_use_terms.csv"),
        }
        severity = line.dual_use_severity
        if every_partner:
            severity = min(severity, self.config.partner_destination)
            evidence["partner_countries"] = partner_evidence(receiving)
        yield self.flag(DUAL_USE_GOODS, severity, message, evidence)

    def _mismatch(self, context: ScreeningContext, line: GoodsLine) -> Iterator[Flag]:
        if line.hs is None or not line.description or line.official_text is None:
            return  # a code HS 2022 lacks cannot be judged (HS_CODE_UNKNOWN says so)
        found = misplacements(line.description, line.hs)
        if not found:
            return
        # Goods named precisely (a word that is not broad, a part number) under a code
        # that cannot hold them are a red flag whatever their category's own weight.
        precise = any(m.precise for m in found)
        severity = self.config.mismatch if precise else self.config.mismatch_broad
        named = "; ".join(misplaced(m) for m in found)
        notes = unique(m.category.note for m in found if m.category.note)
        conversion = line.hs.explain(context.date)
        message = (
            f"{line.label}: the description names {named}, but the declared code is "
            + (line.official_text or f"HS {line.code}")
            + ". Misdeclared codes are a common way past code-based screening; check the "
            "classification."
            + (f" Note: {' '.join(notes)}." if notes else "")
            + (f" {conversion}." if conversion else "")
        )
        evidence = {
            "line": line.number,
            "description": line.item.description,
            "hs": line.hs.evidence(),
            "hs_text": line.official_evidence(),
            "categories": [m.evidence() for m in found],
            "found": [hit.evidence() for m in found for hit in m.hits],
            "part_words": [word.phrase for word in line.description.part_words],
            "data_version": data_version("dual_use_categories.csv"),
        }
        yield self.flag(HS_DESCRIPTION_MISMATCH, severity, message, evidence)

    def _unknown(self, line: GoodsLine) -> Iterator[Flag]:
        if line.hs is None or line.official_text is not None:
            return
        reason = "is not in HS 2022"
        try:
            check_known(line.hs.declared)
        except InvalidHSCodeError as error:
            reason = error.reason
        message = (
            f"{line.label}: HS {line.code} {reason}; it may be from an older edition or a "
            "typo, and the code-based checks could not read it."
        )
        evidence = {"line": line.number, "hs": line.hs.evidence(), "edition": EDITION}
        yield self.flag(HS_CODE_UNKNOWN, self.config.unknown_code, message, evidence)

    # -- goods against the route ---------------------------------------------------------

    def _diversion(self, context: ScreeningContext) -> Iterator[Flag]:
        """One flag per receiving country, then per occupied region, with every reason."""
        sensitive = [line for line in context.lines if line.sensitive]
        for country, roles in context.receiving.items():
            reasons = [
                *self._embargoed(context, country, sensitive),
                *self._restricted_chapters(context, country),
                *self._diversion_point(country, sensitive),
            ]
            if reasons:
                where = " and ".join(role.replace("_", " ") for role in roles)
                place = f"{country_name(country)} ({country}), the {where} country"
                head = {"country": country, "country_name": country_name(country), "roles": roles}
                yield self._diversion_flag(place, head, sensitive, reasons)
        if sensitive:
            yield from self._occupied_regions(context, sensitive)

    def _embargoed(
        self, context: ScreeningContext, country: str, sensitive: list[GoodsLine]
    ) -> Iterator[_Reason]:
        rule = embargo(country)
        if rule is None or not sensitive:
            return
        severity = self._embargo_severity(sensitive)
        if rule.severity_on(context.date) < Severity.HIGH:
            # Eased measures (Syria since 2025): serious, not the gravest case.
            severity = min(severity, self.config.embargoed_eased)
        yield _Reason(
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

    def _restricted_chapters(self, context: ScreeningContext, country: str) -> Iterator[_Reason]:
        restriction = chapter_restriction(country)
        if restriction is None:
            return
        caught = [line for line in context.lines if line.in_chapters(restriction.chapters)]
        if not caught:
            return
        chapters = join_words(sorted(restriction.chapters), "and")
        yield _Reason(
            self.config.embargoed,
            f"most goods of HS chapters {chapters} need a licence or are "
            f"banned for export there ({restriction.authorities}), "
            f"including {lines_phrase(caught)}",
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

    def _diversion_point(self, country: str, sensitive: list[GoodsLine]) -> Iterator[_Reason]:
        namings = [n for n in diversion_namings(country) if n.official]
        if not namings or not sensitive or embargo(country) is not None:
            return
        latest = namings[-1]
        bound_for = country_names_phrase(code for n in namings for code in n.bound_for)
        yield _Reason(
            self._transshipment_severity(sensitive),
            f"it is named as a diversion point for {bound_for} "
            f"(latest: {latest.named_by}, {latest.named_on})",
            {
                "rule": "sensitive goods through a diversion point",
                "named_by": [f"{n.named_by} ({n.named_on})" for n in namings],
                "lines": [line.why_sensitive() for line in sensitive],
                "data_version": data_version("transshipment_countries.csv"),
            },
        )

    def _occupied_regions(
        self, context: ScreeningContext, sensitive: list[GoodsLine]
    ) -> Iterator[Flag]:
        """Sensitive goods for an occupied region of Ukraine: a place, not a country."""
        for exposure in context.region_exposures:
            receiving = [role for role in exposure.roles if role not in SENDING_ROLES]
            if not receiving or exposure.severity < Severity.ELEVATED:
                continue
            region = exposure.region
            severity = self._embargo_severity(sensitive)
            if exposure.severity < Severity.HIGH:
                # Partly occupied, or named only in an address elsewhere: worth a look.
                severity = min(severity, exposure.severity)
            reason = _Reason(
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
        sensitive: list[GoodsLine],
        reasons: list[_Reason],
    ) -> Flag:
        message = f"{place}: " + "; ".join(reason.text for reason in reasons) + "."
        if sensitive:
            goods = "; ".join(line.why_sensitive() for line in sensitive)
            message += f" Goods at risk: {goods}."
        evidence = {**head, "reasons": [reason.details for reason in reasons]}
        severity = max(reason.severity for reason in reasons)
        return self.flag(DIVERSION_RISK, severity, message, evidence)

    def _embargo_severity(self, sensitive: list[GoodsLine]) -> Severity:
        if any(line.top_tier for line in sensitive):
            return self.config.embargoed_top_tier
        if any(line.chpl or line.dual_use_severity >= Severity.ELEVATED for line in sensitive):
            return self.config.embargoed
        return self.config.embargoed_broad

    def _transshipment_severity(self, sensitive: list[GoodsLine]) -> Severity:
        if any(line.top_tier for line in sensitive):
            return self.config.transshipment_top_tier
        weights = [
            self.config.transshipment if line.chpl else line.dual_use_severity for line in sensitive
        ]
        return min(max(weights), self.config.transshipment)
