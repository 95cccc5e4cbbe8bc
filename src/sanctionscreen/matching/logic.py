"""The party-matching algorithm, ``party-logic-v2``: one list name scored against a party.

The score starts from the name comparison (:func:`~.compare.compare`: words aligned by
explainable rules, weighed by how rare they are in the lists) and is then adjusted by
what else is known about the party and the entry. Each adjustment is a *feature*: a
small function below whose docstring is the explanation a reviewer reads, applied in
the order of :data:`FEATURES`. How much each feature weighs, and the thresholds, are
one :class:`MatchConfig` that a user can set (``Screener(matching=MatchConfig(...))``);
every match records the algorithm's id and the configuration that scored it.

The version changes whenever the same party and list could score differently: a new
feature, a changed rule in :mod:`.compare` or :mod:`sanctionscreen.names`, a new
default weight.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._fields import instance_or_default
from ..errors import ValidationError
from ..kinds import EntityKind
from ..lists.model import AliasType, ListEntry
from ..models import Entity
from ..names import NormalizedName, is_generic_name
from .caps import CONTAINED_SCORE, WEAK_EVIDENCE_CAP
from .compare import Comparison, compare
from .identifiers import compare_identifiers

__all__ = [
    "ALERT",
    "FEATURES",
    "ID",
    "NAME",
    "REVIEW",
    "SUPPRESSED",
    "VERSION",
    "Candidate",
    "MatchConfig",
    "Party",
    "Score",
    "party_of",
    "score",
]

NAME = "party-logic"
VERSION = 2
ID = f"{NAME}-v{VERSION}"

ALERT = "alert"
REVIEW = "review"
SUPPRESSED = "suppressed"

# A name comparison at least this high is the same name: the adjustments may not hide it.
_EXACT = 0.99
# Scores are rounded to four places: an early "below review" must leave room for that.
_ROUNDING = 1e-4
_CRAFT = frozenset({EntityKind.VESSEL, EntityKind.AIRCRAFT})
# The most a name that rests on little can score: capped for weak evidence, or raised
# only because the query carries a listed name whole.
_REVIEW_CEILING = max(WEAK_EVIDENCE_CAP, CONTAINED_SCORE)


def _number(value: object) -> object:
    """Take a Decimal or an int as the float the scores are (a bool is not a number)."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return float(value)
    return value


def _weight(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    if not isinstance(value, float) or not 0 <= value <= 1:
        raise ValidationError(f"matching.{attribute.name}", value, "must be a number from 0 to 1")


def _below_alert(instance: MatchConfig, attribute: attrs.Attribute[float], value: float) -> None:
    _weight(instance, attribute, value)
    if value > instance.alert:
        raise ValidationError(
            "matching",
            {"alert": instance.alert, "review": value},
            "the review threshold must not be above the alert threshold",
        )


@attrs.frozen(kw_only=True)
class MatchConfig:
    """Thresholds and feature weights of ``party-logic-v2``; recorded in every match.

    The defaults were set on the nomenklatura name-pair benchmark and the yente
    screening fixtures (``benchmarks/matching.py``). Raising ``alert`` trades missed
    designations for fewer false alerts: measure before you move it.
    """

    alert: float = attrs.field(default=0.75, converter=_number, validator=_weight)
    """Scores at or above this are alerts."""
    review: float = attrs.field(default=0.65, converter=_number, validator=_below_alert)
    """Scores from this up to ``alert`` are possible matches for review."""
    kind_mismatch: float = attrs.field(default=0.15, converter=_number, validator=_weight)
    """Taken off when a person meets an organization's name (or a vessel an aircraft's)."""
    craft_name: float = attrs.field(default=0.1, converter=_number, validator=_weight)
    """Taken off when a vessel's or aircraft's name is met by a party not said to be one."""
    country_match: float = attrs.field(default=0.02, converter=_number, validator=_weight)
    """Added when the party's country is among the entry's countries."""
    country_mismatch: float = attrs.field(default=0.05, converter=_number, validator=_weight)
    """Taken off when the party's country is outside the entry's countries."""

    def to_dict(self) -> dict[str, float]:
        """Return the configuration as JSON-safe data, fields in a fixed order."""
        return attrs.asdict(self)


@attrs.frozen
class Party:
    """One name of a party as the algorithm reads it, once for all its candidates."""

    entity: Entity
    query: NormalizedName
    kind: EntityKind
    """The party's kind, read from the name when not given (a legal form: organization)."""
    kind_reason: str
    generic: bool = False
    """The name is nothing but a legal form or generic words ("LLC", "Global Trading")."""


@attrs.frozen
class Candidate:
    """What the features look at: the party, the list name met, its entry and the date."""

    party: Party
    listed: NormalizedName
    entry: ListEntry
    alias_type: AliasType | None
    date: datetime.date | None
    identifiers: Mapping[str, list[str]]

    @property
    def entity(self) -> Entity:
        """The party as given."""
        return self.party.entity

    @property
    def party_kind(self) -> EntityKind:
        """The party's kind, as read (see :class:`Party`)."""
        return self.party.kind

    @property
    def kind_reason(self) -> str:
        """Why the party's kind was read from its name, if it was."""
        return self.party.kind_reason


@attrs.frozen
class Adjustment:
    """What one feature did: the score after it, a cap on the final score, and why."""

    feature: str
    score: float
    effect: float
    why: str
    cap: float = 1.0

    def evidence(self) -> dict[str, Any]:
        """Return the adjustment as the explanation records it."""
        return {"adjustment": self.feature, "effect": self.effect, "why": self.why}


# A feature returns an adjustment, None when it does not apply, or REJECT when the
# candidate is no match at all.
REJECT = object()
Feature = Callable[[Candidate, float, bool, MatchConfig], object]


def identifier(candidate: Candidate, value: float, exact: bool, config: MatchConfig) -> object:
    """An identical identifier (INN, OGRN, IMO, LEI...) is an alert on its own: score 1.0.

    A different number under the same scheme caps a near name at review; the same name
    keeps its score (a party can give a wrong number), with the conflict shown.
    """
    same, different = candidate.identifiers["same"], candidate.identifiers["different"]
    if same:
        return Adjustment("identifier", 1.0, round(1.0 - value, 4), f"same {same[0]}")
    if different and exact:
        return Adjustment("identifier", value, 0.0, f"different {different[0]}: exact name kept")
    if different:
        why = f"different {different[0]}: capped at review"
        return Adjustment("identifier", value, 0.0, why, cap=config.review)
    return None


def kind(candidate: Candidate, value: float, exact: bool, config: MatchConfig) -> object:
    """A person met by an organization's name, or a vessel by an aircraft's, loses weight.

    Met only loosely (not the same name), it is no match at all: "Arvind Ltd" is not
    the person or the ship ARVIN. A vessel's or aircraft's name met by a party not said
    to be one also loses weight: such names are often ordinary words ("Alpha",
    "Victory"), and a trading party is rarely a ship; met by an organization (said to
    be one, or with a legal form), it is a review at most.
    """
    party, listed = candidate.party_kind, candidate.entry.kind
    if _kinds_conflict(party, listed):
        if not exact:
            return REJECT
        why = f"{party.value}{candidate.kind_reason} vs {listed.value}"
        return Adjustment("kind", value - config.kind_mismatch, -config.kind_mismatch, why)
    if listed in _CRAFT and party is EntityKind.ORGANIZATION:
        if not exact:
            return REJECT
        why = (
            f"a {listed.value}'s name met by an organization{candidate.kind_reason}: "
            "capped at review"
        )
        lowered = value - config.craft_name
        return Adjustment("kind", lowered, -config.craft_name, why, cap=config.review)
    if listed in _CRAFT and party not in _CRAFT:
        why = f"a {listed.value}'s name; the party is not said to be a {listed.value}"
        return Adjustment("kind", value - config.craft_name, -config.craft_name, why)
    return None


def country(candidate: Candidate, value: float, exact: bool, config: MatchConfig) -> object:
    """A party country among the entry's countries adds weight; one outside them removes it.

    A country mismatch never takes an exact name below the alert threshold: parties
    move, and lists lag. A name that rests on little (a review at most by the name
    alone: capped for weak evidence, or raised as carried whole) is no match at all
    when the countries disagree.
    """
    party, entry = candidate.entity.country, candidate.entry
    if not party or not entry.countries:
        return None
    if party in entry.countries:
        why = f"{party} is a country of the entry"
        return Adjustment("country", value + config.country_match, config.country_match, why)
    if value <= _REVIEW_CEILING and not candidate.identifiers["same"]:
        # A name that rests on little (capped, or raised only as carried whole) in
        # another country than the entry's is no match: "Coal India" is not "Coal
        # Technologies" of Russia.
        return REJECT
    lowered = value - config.country_mismatch
    kept = max(lowered, config.alert) if exact else lowered
    why = f"{party} is not among {', '.join(entry.countries)}"
    return Adjustment("country", kept, -config.country_mismatch, why)


def weak_alias(candidate: Candidate, value: float, exact: bool, config: MatchConfig) -> object:
    """A weak alias (OFAC's low-quality a.k.a.) met exactly is a review, never an alert.

    Met in part or loosely it is no match: OFAC warns that screening them "may generate
    a large volume of false hits".
    """
    if candidate.alias_type is not AliasType.WEAK_AKA or candidate.identifiers["same"]:
        return None
    if not exact:
        return REJECT
    why = "a weak alias is not enough to alert: capped at review"
    return Adjustment("weak alias", value, 0.0, why, cap=config.review)


def expired(candidate: Candidate, value: float, exact: bool, config: MatchConfig) -> object:
    """A designation that ended before the shipment's date is capped at review."""
    end, date = candidate.entry.end_date, candidate.date
    if end is None or date is None or date <= end:
        return None
    why = f"the designation ended on {end}: capped at review"
    return Adjustment("expired", value, 0.0, why, cap=config.review)


FEATURES: tuple[Feature, ...] = (identifier, kind, country, weak_alias, expired)
"""The features in the order they apply; each one's docstring explains it."""


@attrs.frozen
class Score:
    """A candidate's final score and level, with the comparison and adjustments behind it."""

    value: float
    level: str
    candidate: Candidate
    comparison: Comparison
    adjustments: tuple[Adjustment, ...]
    person: bool
    contain: bool
    company: bool = False


def score(
    party: Party,
    listed: NormalizedName,
    entry: ListEntry,
    alias_type: AliasType | None,
    date: datetime.date | None,
    config: MatchConfig,
    rarity: Mapping[str, float],
) -> Score | None:
    """Score one list name against a party; None when it is below review (or rejected).

    The comparison is made without its per-word record (most candidates fall below the
    review threshold); a match compares again with ``explain=True`` to explain itself.
    """
    if party.generic and party.query.text != listed.text:
        # A bare legal form or generic words ("LLC", "Global Trading") name no one;
        # only a listed name of the very same words is met.
        return None
    entry_kind, party_kind = entry.kind, party.kind
    person = entry_kind is EntityKind.PERSON or (
        entry_kind is EntityKind.UNKNOWN and party_kind is EntityKind.PERSON
    )
    # Carrying a listed company's name whole is judged for parties that read as
    # companies (said to be, or with a legal form or business words).
    contain = entry_kind is EntityKind.ORGANIZATION and party_kind is EntityKind.ORGANIZATION
    company = entry_kind is EntityKind.ORGANIZATION and party_kind is not EntityKind.PERSON
    comparison = compare(
        party.query,
        listed,
        person=person,
        rarity=rarity,
        explain=False,
        contain=contain,
        company=company,
    )
    value = comparison.score
    if party.entity.identifiers and entry.identifiers:
        identifiers = compare_identifiers(party.entity.identifiers, entry.identifiers)
    else:
        identifiers = {"same": [], "different": []}
    # Only an identical identifier or the country can raise a name: a name that stays
    # below review even with the country's weight is no match (most candidates).
    if value + config.country_match < config.review - _ROUNDING and not identifiers["same"]:
        return None
    candidate = Candidate(party, listed, entry, alias_type, date, identifiers)
    exact = value >= _EXACT
    cap = 1.0
    adjustments: list[Adjustment] = []
    for feature in FEATURES:
        outcome = feature(candidate, value, exact, config)
        if outcome is REJECT:
            return None
        if isinstance(outcome, Adjustment):
            adjustments.append(outcome)
            value = outcome.score
            cap = min(cap, outcome.cap)
    if identifiers["same"]:
        cap = 1.0  # an identical identifier is an alert whatever else caps the name
    value = round(max(0.0, min(1.0, value, cap)), 4)
    if value >= config.alert:
        level = ALERT
    elif value >= config.review:
        level = REVIEW
    else:
        return None
    return Score(value, level, candidate, comparison, tuple(adjustments), person, contain, company)


def party_of(entity: Entity, query: NormalizedName) -> Party:
    """Read one name of a party for the algorithm: its kind, said or read from the name."""
    kind, reason = party_kind_of(entity, query)
    return Party(entity, query, kind, reason, is_generic_name(query))


def party_kind_of(entity: Entity, query: NormalizedName) -> tuple[EntityKind, str]:
    """Return the party's kind, and why when it is read from the name.

    A party of unknown kind whose name has a legal form or business words ("Pvt Ltd",
    "Electronics") is an organization: it should not meet a person's name as one.
    """
    if entity.kind is EntityKind.UNKNOWN and (
        query.legal_forms or any(token.kind == "filler" for token in query.tokens)
    ):
        return EntityKind.ORGANIZATION, " (by its legal form or business words)"
    return entity.kind, ""


def _kinds_conflict(a: EntityKind, b: EntityKind) -> bool:
    if EntityKind.UNKNOWN in (a, b) or a is b:
        return False
    return EntityKind.PERSON in (a, b) or {a, b} == {EntityKind.VESSEL, EntityKind.AIRCRAFT}


def config_of(value: object) -> MatchConfig:
    """Return ``value`` as a MatchConfig (None: the defaults); refuse anything else."""
    return instance_or_default("matching", value, MatchConfig, MatchConfig, "a MatchConfig")
