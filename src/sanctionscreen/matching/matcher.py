"""Matching a party against loaded lists: scores, thresholds, evidence and the allowlist.

A :class:`Matcher` indexes every name and alias of the lists once. For a party it
scores each candidate name with :func:`~.compare.compare`, keeps each list entry's best
name, and adjusts the score with what else is known:

- **identifiers**: the same INN, OGRN, IMO, LEI... is an alert on its own (score 1.0);
  a different number under the same scheme caps the score at the review threshold;
- **kind**: a person matched against an organization (or a vessel) loses
  :data:`KIND_MISMATCH_PENALTY`; a party not said to be a vessel or aircraft matched
  against one loses :data:`CRAFT_NAME_PENALTY`;
- **country**: a party country among the entry's countries adds
  :data:`COUNTRY_MATCH_BONUS`; one outside them removes :data:`COUNTRY_MISMATCH_PENALTY`,
  but never takes an exact name match below the alert threshold;
- **weak aliases** (OFAC's low-quality a.k.a.s, the UN's "Low" aliases) are too broad
  to alert on alone (OFAC says screening them "may generate a large volume of false
  hits"): met exactly, they are a review; met only in part or loosely, not a match;
- **expired** designations (a Denied Persons order past its end date) are capped at
  review.

Scores at or above :data:`ALERT_THRESHOLD` are alerts; from :data:`REVIEW_THRESHOLD`
they are possible matches for review. The thresholds were set on the nomenklatura
name-pair benchmark (see ``benchmarks/matching_quality.py``).
"""

from __future__ import annotations

import bisect
import csv
import datetime
import gc
import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import FieldTypeError, ListFormatError, ValidationError
from ..lists.model import AliasType, ListEntry, ListType, SanctionsList
from ..models import Entity, EntityKind, Identifier
from ..names import NormalizedName, normalize_name
from ..results import Evidence, to_evidence
from .compare import compare, mostly_own_words, rarity_of
from .identifiers import MIN_IDENTIFIER_LENGTH, compare_identifiers, identifier_key, same_identifier
from .index import NameIndex

__all__ = [
    "ALERT_THRESHOLD",
    "REVIEW_THRESHOLD",
    "Allowlist",
    "AllowlistEntry",
    "Matcher",
    "PartyMatch",
]

ALERT_THRESHOLD = 0.75
REVIEW_THRESHOLD = 0.65
KIND_MISMATCH_PENALTY = 0.15
# A vessel's or aircraft's name met by a party not said to be one: vessel names are
# often ordinary words ("Alpha", "Victory"), and a trading party is rarely a ship.
CRAFT_NAME_PENALTY = 0.1
COUNTRY_MATCH_BONUS = 0.02
COUNTRY_MISMATCH_PENALTY = 0.05
# The most the adjustments can add: the index looks this far below the review threshold.
_MAX_BONUS = COUNTRY_MATCH_BONUS + 0.02  # country, and legal forms that agree (compare)
# Distinct parties remembered per matcher; a party with matches costs a few KB (their
# explanations), so the cache stays in the tens of MB.
_CACHE_SIZE = 20_000

ALERT = "alert"
REVIEW = "review"
SUPPRESSED = "suppressed"


@attrs.frozen
class PartyMatch:
    """A list entry that a party matches, with the score and why.

    ``level`` is ``alert`` (score at or above the alert threshold, or an identifier
    match), ``review`` (a possible match) or ``suppressed`` (an alert the allowlist
    marks as a known false positive). ``explanation`` holds the normalized query, the
    list name met, the token alignment, the normalizations that fired and every
    adjustment, as JSON-safe data.
    """

    entry: ListEntry
    list_name: str
    list_version: str
    list_type: ListType
    matched_name: str
    matched_name_type: str
    score: float
    level: str
    explanation: Evidence

    @property
    def is_alert(self) -> bool:
        """Whether this match is an alert (what screening flags as a listed party)."""
        return self.level == ALERT


@attrs.frozen
class AllowlistEntry:
    """A known false positive: this party name does not designate this list entry."""

    name: str
    entry_id: str
    list_name: str | None = None
    reason: str = ""
    added_by: str = ""
    added_on: str = ""


class Allowlist:
    """Known false positives, keyed by the party's normalized name and the entry id.

    Load one with :meth:`from_csv` (columns ``name,entry_id`` and optionally
    ``list_name,reason,added_by,added_on``) or build it from :class:`AllowlistEntry`
    objects. A suppressed alert is still reported, as such, so the audit trail keeps it.
    """

    def __init__(self, entries: Iterable[AllowlistEntry] = ()) -> None:
        self._entries: dict[tuple[str, str], list[AllowlistEntry]] = {}
        for entry in entries:
            if not isinstance(entry, AllowlistEntry):
                raise FieldTypeError("allowlist", entry, "each entry must be an AllowlistEntry")
            key = (normalize_name(entry.name, field="allowlist.name").text, entry.entry_id)
            self._entries.setdefault(key, []).append(entry)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> Allowlist:
        """Read an allowlist CSV; errors name the file and line."""
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ListFormatError(file, f"cannot read: {exc}") from None
        reader = csv.DictReader(text.splitlines())
        missing = {"name", "entry_id"} - set(reader.fieldnames or ())
        if missing:
            raise ListFormatError(file, f"columns {sorted(missing)} are required", line=1)
        entries = []
        for line, row in enumerate(reader, start=2):
            if not (row.get("name") or "").strip() or not (row.get("entry_id") or "").strip():
                raise ListFormatError(file, "name and entry_id must not be empty", line=line)
            entries.append(
                AllowlistEntry(
                    name=row["name"].strip(),
                    entry_id=row["entry_id"].strip(),
                    list_name=(row.get("list_name") or "").strip() or None,
                    reason=(row.get("reason") or "").strip(),
                    added_by=(row.get("added_by") or "").strip(),
                    added_on=(row.get("added_on") or "").strip(),
                )
            )
        return cls(entries)

    def find(self, query: NormalizedName, entry_id: str, list_name: str) -> AllowlistEntry | None:
        """Return the allowlist entry covering this query and list entry, if any."""
        for entry in self._entries.get((query.text, entry_id), ()):
            if entry.list_name in (None, list_name):
                return entry
        return None

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._entries.values())


@attrs.frozen
class _Name:
    """One indexed name: which list and entry it belongs to and what kind of name it is."""

    list_index: int
    entry: ListEntry
    text: str
    alias_type: AliasType | None


class Matcher:
    """Matches parties against lists; build once, use for any number of parties."""

    def __init__(self, lists: Sequence[SanctionsList], allowlist: Allowlist | None = None) -> None:
        # Building allocates hundreds of thousands of objects and no reference cycles:
        # pausing the cyclic garbage collector meanwhile saves much of the time.
        paused = gc.isenabled()
        gc.disable()
        try:
            self._build(lists, allowlist)
        finally:
            if paused:
                gc.enable()

    def _build(self, lists: Sequence[SanctionsList], allowlist: Allowlist | None) -> None:
        self.lists = tuple(lists)
        self.allowlist = allowlist or Allowlist()
        # Registers name the same parties over and over: remembered answers, keyed by
        # everything matching reads, make a repeated party cost a dictionary lookup.
        self._cache: OrderedDict[tuple[object, ...], tuple[PartyMatch, ...]] = OrderedDict()
        self._cache_lock = threading.Lock()
        # A date matters only through the designations that have ended by then.
        self._end_dates = sorted(
            {e.end_date for item in self.lists for e in item.entries if e.end_date is not None}
        )
        self._names: list[_Name] = []
        normalized: list[NormalizedName] = []
        self._by_identifier: dict[str, list[tuple[int, Identifier]]] = {}
        self.skipped: list[str] = []
        entry_words: Counter[str] = Counter()
        entries = 0
        for list_index, item in enumerate(self.lists):
            for entry in item.entries:
                first = len(self._names)
                for name, alias_type in _names_of(entry):
                    try:
                        norm = normalize_name(name, kind=entry.kind)
                    except ValidationError:
                        self.skipped.append(f"{item.name} {entry.id}: {name!r}")
                        continue
                    self._names.append(_Name(list_index, entry, name, alias_type))
                    normalized.append(norm)
                if len(self._names) == first:
                    continue  # no usable name: noted in skipped
                entry_words.update({t.text for n in normalized[first:] for t in n.tokens})
                entries += 1
                for ident in entry.identifiers:
                    key = identifier_key(ident)
                    if len(key) >= MIN_IDENTIFIER_LENGTH:
                        self._by_identifier.setdefault(key, []).append((first, ident))
        # How common each word is across the lists' entries: common words ("Mohammad",
        # "Trading") weigh less in a comparison than rare ones ("Rosoboronexport").
        self.rarity: dict[str, float] = {}
        for word, count in entry_words.items():
            factor = rarity_of(count, entries)
            if factor < 1.0:
                self.rarity[word] = factor
        self._index = NameIndex(
            normalized,
            self.rarity,
            containable=[
                n.entry.kind is EntityKind.ORGANIZATION and mostly_own_words(norm)
                for n, norm in zip(self._names, normalized, strict=True)
            ],
        )

    def __len__(self) -> int:
        return len(self._names)

    def match(
        self,
        party: Entity | str,
        *,
        date: datetime.date | None = None,
        include_review: bool = False,
        include_suppressed: bool = False,
        exhaustive: bool = False,
    ) -> list[PartyMatch]:
        """Return the list entries ``party`` matches, best first, one match per entry.

        Alerts only by default; ``include_review`` adds possible matches and
        ``include_suppressed`` the alerts the allowlist suppresses. ``date`` (the
        shipment's) decides whether an expiring designation was still in force.
        ``exhaustive`` compares with every list name instead of using the index (for
        testing the index; much slower).
        """
        entity = party if isinstance(party, Entity) else Entity(party)
        key = (
            _entity_key(entity),
            None if date is None else bisect.bisect_left(self._end_dates, date),
            include_review,
            include_suppressed,
            exhaustive,
        )
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return list(cached)
        found = self._match(entity, date, include_review, include_suppressed, exhaustive)
        with self._cache_lock:
            self._cache[key] = tuple(found)
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return found

    def clear_cache(self) -> None:
        """Forget remembered answers (for timing; answers never go stale for fixed lists)."""
        with self._cache_lock:
            self._cache.clear()

    def __getstate__(self) -> dict[str, Any]:
        # The lock cannot cross processes and the cache need not: workers start empty.
        state = self.__dict__.copy()
        del state["_cache_lock"]
        state["_cache"] = OrderedDict()
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._cache_lock = threading.Lock()

    def _match(
        self,
        entity: Entity,
        date: datetime.date | None,
        include_review: bool,
        include_suppressed: bool,
        exhaustive: bool,
    ) -> list[PartyMatch]:
        # One match per list entry: its best-scoring name, the earliest name on a tie.
        best: dict[tuple[int, str], tuple[float, int, PartyMatch]] = {}
        floor = REVIEW_THRESHOLD if include_review else ALERT_THRESHOLD
        for list_index, position, match in self._scored(entity, date, exhaustive, floor):
            key = (list_index, match.entry.id)
            known = best.get(key)
            if known is None or (match.score, -position) > (known[0], -known[1]):
                best[key] = (match.score, position, match)
        levels = {ALERT} | ({REVIEW} if include_review else set())
        levels |= {SUPPRESSED} if include_suppressed else set()
        found = [m for _, _, m in best.values() if m.level in levels]
        found.sort(key=lambda m: (-m.score, m.list_name, m.entry.id))
        return found

    # -- internals -------------------------------------------------------------------

    def _queries(self, entity: Entity) -> Iterator[tuple[str, NormalizedName]]:
        for index, name in enumerate((entity.name, *entity.aliases)):
            field = "name" if index == 0 else "aliases"
            yield name, normalize_name(name, kind=entity.kind, field=field)

    def _scored(
        self, entity: Entity, date: datetime.date | None, exhaustive: bool, floor: float
    ) -> Iterator[tuple[int, int, PartyMatch]]:
        queries = list(self._queries(entity))
        for query_text, query in queries:
            positions: Iterable[int]
            if exhaustive:
                positions = range(len(self._names))
            else:
                # Adjustments can add up to _MAX_BONUS: look that far below the floor.
                positions = self._index.candidates(query, floor - _MAX_BONUS)
            for position in positions:
                yield from self._judge(entity, query_text, query, position, date)
        # An identifier match alerts whatever the names say.
        primary_text, primary = queries[0]
        for ident in entity.identifiers:
            for position, listed in self._by_identifier.get(identifier_key(ident), ()):
                if same_identifier(ident, listed):
                    yield from self._judge(entity, primary_text, primary, position, date)

    def _judge(
        self,
        entity: Entity,
        query_text: str,
        query: NormalizedName,
        position: int,
        date: datetime.date | None,
    ) -> Iterator[tuple[int, int, PartyMatch]]:
        name = self._names[position]
        listed = self._index.names[position]
        entry = name.entry
        party_kind, kind_reason = _party_kind(entity, query)
        person = entry.kind is EntityKind.PERSON or (
            entry.kind is EntityKind.UNKNOWN and party_kind is EntityKind.PERSON
        )
        # Carrying a listed company's name whole is judged for parties that read as
        # companies (said to be, or with a legal form or business words).
        contain = entry.kind is EntityKind.ORGANIZATION and party_kind is EntityKind.ORGANIZATION
        comparison = compare(
            query, listed, person=person, rarity=self.rarity, explain=False, contain=contain
        )
        score = comparison.score
        adjustments: list[dict[str, Any]] = []

        def adjust(kind: str, value: float, why: str) -> None:
            adjustments.append({"adjustment": kind, "effect": value, "why": why})

        exact = score >= 0.99
        cap = 1.0
        identifier = compare_identifiers(entity.identifiers, entry.identifiers)
        if identifier["same"]:
            adjust("identifier", round(1.0 - score, 4), f"same {identifier['same'][0]}")
            score = 1.0
        elif identifier["different"] and exact:
            # A party can give a wrong number; the same name still alerts, with the
            # conflict in the explanation for the reviewer.
            adjust("identifier", 0.0, f"different {identifier['different'][0]}: exact name kept")
        elif identifier["different"]:
            cap = min(cap, REVIEW_THRESHOLD)
            adjust("identifier", 0.0, f"different {identifier['different'][0]}: capped at review")
        if _kinds_conflict(party_kind, entry.kind):
            score -= KIND_MISMATCH_PENALTY
            adjust(
                "kind",
                -KIND_MISMATCH_PENALTY,
                f"{party_kind.value}{kind_reason} vs {entry.kind.value}",
            )
        elif entry.kind in _CRAFT and party_kind not in _CRAFT:
            score -= CRAFT_NAME_PENALTY
            adjust(
                "kind",
                -CRAFT_NAME_PENALTY,
                f"a {entry.kind.value}'s name; the party is not said to be a {entry.kind.value}",
            )
        if entity.country and entry.countries:
            if entity.country in entry.countries:
                score += COUNTRY_MATCH_BONUS
                adjust(
                    "country", COUNTRY_MATCH_BONUS, f"{entity.country} is a country of the entry"
                )
            else:
                lowered = score - COUNTRY_MISMATCH_PENALTY
                # A country mismatch never hides an exact name match.
                score = max(lowered, ALERT_THRESHOLD) if exact else lowered
                adjust(
                    "country",
                    -COUNTRY_MISMATCH_PENALTY,
                    f"{entity.country} is not among {', '.join(entry.countries)}",
                )
        if name.alias_type is AliasType.WEAK_AKA and not identifier["same"]:
            if exact:
                cap = min(cap, REVIEW_THRESHOLD)
                adjust("weak alias", 0.0, "a weak alias is not enough to alert: capped at review")
            else:
                return  # a weak alias met in part or loosely: not a match
        if entry.end_date is not None and date is not None and date > entry.end_date:
            cap = min(cap, REVIEW_THRESHOLD)
            adjust("expired", 0.0, f"the designation ended on {entry.end_date}: capped at review")
        score = round(max(0.0, min(1.0, score, cap if not identifier["same"] else 1.0)), 4)
        if score >= ALERT_THRESHOLD:
            level = ALERT
        elif score >= REVIEW_THRESHOLD:
            level = REVIEW
        else:
            return
        item = self.lists[name.list_index]
        allowed = self.allowlist.find(query, entry.id, item.name) if level == ALERT else None
        # Scored without the per-word record (most candidates fall below the floor);
        # a match is compared again to explain itself.
        comparison = compare(query, listed, person=person, rarity=self.rarity, contain=contain)
        explanation = {
            "query": query_text,
            "normalized_query": query.text,
            "query_normalizations": list(query.steps),
            "matched_name": name.text,
            "matched_name_type": name.alias_type.value if name.alias_type else "primary",
            "normalized_name": listed.text,
            "name_normalizations": list(listed.steps),
            "aligned": [
                {"query": a.query, "list": a.candidate, "similarity": a.similarity, "rule": a.rule}
                for a in comparison.aligned
            ],
            "unmatched_query_words": list(comparison.unmatched_query),
            "unmatched_list_words": list(comparison.unmatched_candidate),
            "name_score": comparison.score,
            # name_score is the larger of the word-by-word score (matched / total of
            # name_weights) and the whole-string score, then the notes' caps and bonuses.
            "token_score": comparison.token_score,
            "joined_score": comparison.joined_score,
            "name_weights": {
                "matched": comparison.matched_weight,
                "total": comparison.total_weight,
                "words": [attrs.asdict(word) for word in comparison.words],
            },
            "comparison_notes": list(comparison.notes),
            "adjustments": adjustments,
            "identifiers": identifier,
            "score": score,
            "thresholds": {"alert": ALERT_THRESHOLD, "review": REVIEW_THRESHOLD},
            "list": item.name,
            "list_version": item.version,
            "list_type": entry.list_type.value,
            "sublist": entry.sublist,
            "entry_id": entry.id,
            "programs": list(entry.programs),
            "authority": entry.authority,
            "listed_on": entry.listed_on,
            "source": entry.url or item.source_url,
        }
        if allowed is not None:
            level = SUPPRESSED
            explanation["allowlisted"] = attrs.asdict(allowed)
        yield (
            name.list_index,
            position,
            PartyMatch(
                entry=entry,
                list_name=item.name,
                list_version=item.version,
                list_type=entry.list_type,
                matched_name=name.text,
                matched_name_type=name.alias_type.value if name.alias_type else "primary",
                score=score,
                level=level,
                explanation=to_evidence(explanation),
            ),
        )


def _names_of(entry: ListEntry) -> Iterator[tuple[str, AliasType | None]]:
    yield entry.name, None
    for alias in entry.aliases:
        yield alias.name, alias.type


_CRAFT = frozenset({EntityKind.VESSEL, EntityKind.AIRCRAFT})


def _party_kind(entity: Entity, query: NormalizedName) -> tuple[EntityKind, str]:
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


def _entity_key(entity: Entity) -> tuple[object, ...]:
    """Everything about a party that matching reads; its role in the shipment is not."""
    return (
        entity.name,
        entity.aliases,
        entity.country,
        entity.subdivision,
        entity.kind,
        entity.identifiers,
        entity.address,
        entity.locality,
    )
