"""The party check: every party of a shipment against the sanctions and restricted lists."""

from __future__ import annotations

from typing import Any

import attrs

from ..context import Resources, ScreeningContext
from ..errors import FieldTypeError
from ..lists.model import ListType
from ..matching.matcher import ALERT, REVIEW, SUPPRESSED, PartyMatch
from ..models import Entity
from ..results import CheckResult, Flag, Severity, to_severity
from .base import BaseCheck

__all__ = ["PartyCheck", "PartyConfig"]

SANCTIONED_PARTY = "SANCTIONED_PARTY"
RESTRICTED_PARTY = "RESTRICTED_PARTY"
PARTY_MATCH_ALLOWLISTED = "PARTY_MATCH_ALLOWLISTED"


@attrs.frozen
class PartyConfig:
    """Severities of party matches, and how many matches per party are reported."""

    sanctioned: Severity = attrs.field(default=Severity.CRITICAL, converter=to_severity)
    """An alert on a sanctions list (SDN, EU, UK, UN...)."""
    restricted: Severity = attrs.field(default=Severity.HIGH, converter=to_severity)
    """An alert on an export-control list (Entity List, DPL, UVL, MEU...)."""
    possible: Severity = attrs.field(default=Severity.ELEVATED, converter=to_severity)
    """A possible match (between the review and alert thresholds), either list type."""
    allowlisted: Severity = attrs.field(default=Severity.INFO, converter=to_severity)
    """An alert suppressed by the allowlist, kept for the audit trail."""
    max_matches_per_party: int = 5
    """Matches reported per party, best first; the rest are counted in the last flag."""


class PartyCheck(BaseCheck):
    """Parties: exporter, consignee and every other party against the loaded lists.

    Flags it raises:

    - ``SANCTIONED_PARTY`` when a party's name (or an alias, or an identifier such as an
      INN or IMO number) matches an entry of a sanctions list: CRITICAL for an alert,
      ELEVATED for a possible match to review.
    - ``RESTRICTED_PARTY`` the same for export-control lists (Entity List, Denied
      Persons, Unverified, Military End-User, ITAR debarred): HIGH for an alert.
    - ``PARTY_MATCH_ALLOWLISTED`` (INFO) when an alert is a known false positive in the
      allowlist: suppressed, but recorded with the allowlist entry's reason.

    Each flag names the party's role, the list entry and the list version, the score
    against the thresholds, the words aligned and the normalizations that fired.
    """

    NAME = "parties"
    VERSION = 1
    TITLE = "Sanctioned and restricted party check"

    def __init__(self, config: PartyConfig | None = None) -> None:
        if config is not None and not isinstance(config, PartyConfig):
            # PartyCheck(matcher, config) was the old signature: the matcher is the
            # screener's, lent through the screening context.
            raise FieldTypeError(
                "config", config, "must be a PartyConfig; the lists are the Screener's"
            )
        self.config = config or PartyConfig()

    def data_versions(self, resources: Resources) -> tuple[str, ...]:
        """Return the versions of the lists matched against, and the matching algorithm."""
        if resources.matcher is None:
            return ()
        lists = tuple(item.version for item in resources.matcher.lists)
        return (*lists, resources.matcher.algorithm)

    def run(self, context: ScreeningContext) -> CheckResult:
        """Match every party of the shipment against the lists."""
        flags: list[Flag] = []
        matcher = context.matcher
        for role, party in context.parties:
            matches = matcher.match(
                party, date=context.date, include_review=True, include_suppressed=True
            )
            shown = matches[: self.config.max_matches_per_party]
            hidden = len(matches) - len(shown)
            for match in shown:
                flags.append(self._flag(role, party, match, hidden if match is shown[-1] else 0))
        return self.result(flags, context)

    def _flag(self, role: str, party: Entity, match: PartyMatch, hidden: int) -> Flag:
        sanctions = match.list_type is ListType.SANCTIONS
        code = SANCTIONED_PARTY if sanctions else RESTRICTED_PARTY
        entry = match.entry
        listed = f"{entry.name!r} ({match.list_name} {entry.id}"
        listed += (
            f", {entry.sublist})" if entry.sublist and entry.sublist != match.list_name else ")"
        )
        via = "" if match.matched_name == entry.name else f" via {match.matched_name_type} "
        via += f"{match.matched_name!r}" if via else ""
        who = f"The {role.replace('_', ' ')} {party.name!r}"
        evidence: dict[str, Any] = {"role": role, "party": party.name, **match.explanation}
        if hidden:
            evidence["more_matches_not_shown"] = hidden
        if match.level == SUPPRESSED:
            allowed = match.explanation.get("allowlisted", {})
            return self.flag(
                PARTY_MATCH_ALLOWLISTED,
                self.config.allowlisted,
                f"{who} matches {listed}{via} (score {match.score:.2f}), a known false "
                f"positive in the allowlist: {allowed.get('reason') or 'no reason given'}.",
                evidence,
            )
        if match.level == ALERT:
            severity = self.config.sanctioned if sanctions else self.config.restricted
            kind = "a sanctions list" if sanctions else "an export-control list"
            text = f"{who} matches {listed}{via} on {kind} (score {match.score:.2f})."
        else:
            assert match.level == REVIEW
            severity = self.config.possible
            text = (
                f"{who} may match {listed}{via} (score {match.score:.2f}, below the alert "
                f"threshold): review."
            )
        return self.flag(code, severity, text + _more(hidden), evidence)


def _more(hidden: int) -> str:
    return f" {hidden} weaker match(es) not shown." if hidden else ""
