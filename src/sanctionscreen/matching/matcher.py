"""Matching a party against loaded lists: candidates, one match per entry, the allowlist.

A :class:`Matcher` indexes every name and alias of the lists once (:mod:`.index`). For
a party it takes each candidate name the index offers, scores it with the matching
algorithm (:mod:`.logic`, ``party-logic-v2``: the name comparison of :mod:`.compare`
adjusted by identifiers, kinds, countries, weak aliases and expired designations),
keeps each list entry's best name, marks alerts the :class:`~.allowlist.Allowlist`
knows as false positives, and explains every match it returns. Answers are remembered
per party, since registers name the same parties over and over.
"""

from __future__ import annotations

import bisect
import datetime
import gc
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from ..errors import FieldTypeError, ValidationError
from ..kinds import EntityKind
from ..lists.model import ListEntry, ListType, SanctionsList
from ..models import Entity
from ..names import NormalizedName, normalize_name, scholarly_readings, visual_readings
from ..results import Evidence, to_evidence
from .allowlist import Allowlist
from .compare import SAME_LEGAL_FAMILY_BONUS, compare
from .identifiers import identifier_key, same_identifier
from .listed import ListedName, saved_or_built
from .logic import (
    ALERT,
    ID,
    REVIEW,
    SUPPRESSED,
    MatchConfig,
    Party,
    Score,
    config_of,
    party_of,
    score,
)

__all__ = ["ALERT", "REVIEW", "SUPPRESSED", "Matcher", "PartyMatch"]

# Distinct parties remembered per matcher; a party with matches costs a few KB (their
# explanations), so the cache stays in the tens of MB.
_CACHE_SIZE = 20_000


@attrs.frozen
class PartyMatch:
    """A list entry that a party matches, with the score and why.

    ``level`` is ``alert`` (score at or above the alert threshold, or an identifier
    match), ``review`` (a possible match) or ``suppressed`` (an alert the allowlist
    marks as a known false positive). ``explanation`` holds the algorithm and its
    configuration, the normalized query, the list name met, the token alignment, the
    normalizations that fired and every adjustment, as JSON-safe data.
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

    def __repr__(self) -> str:
        # The explanation is long: print(match.explanation) or match.explanation.thaw().
        return (
            f"<PartyMatch {self.level} {self.score:.2f} {self.matched_name!r} = "
            f"{self.entry.name!r} [{self.list_name} {self.entry.id}]>"
        )


class Matcher:
    """Matches parties against lists; build once, use for any number of parties.

    ``config`` sets the matching algorithm's thresholds and weights (see
    :class:`~.logic.MatchConfig`); ``allowlist`` marks known false positives.
    ``saved_in`` is a folder where the index of large lists is saved once built and
    loaded from next time (see :mod:`.saved`); ``progress`` wraps the entries as they
    are indexed (``tqdm.tqdm``, or any callable taking an iterable and ``total=``).
    """

    def __init__(
        self,
        lists: Sequence[SanctionsList],
        allowlist: Allowlist | None = None,
        config: MatchConfig | None = None,
        *,
        saved_in: str | os.PathLike[str] | None = None,
        progress: Callable[..., Iterable[Any]] | None = None,
    ) -> None:
        if allowlist is not None and not isinstance(allowlist, Allowlist):
            raise FieldTypeError("allowlist", allowlist, "must be an Allowlist")
        self.config = config_of(config)
        # Every match carries the algorithm and the configuration that scored it; frozen
        # once, so that thousands of matches share it.
        self._algorithm = to_evidence({"id": ID, "config": self.config.to_dict()})
        self._thresholds = to_evidence({"alert": self.config.alert, "review": self.config.review})
        # Building allocates hundreds of thousands of objects and no reference cycles:
        # pausing the cyclic garbage collector meanwhile saves much of the time.
        paused = gc.isenabled()
        gc.disable()
        try:
            self._start(lists, allowlist)
            built = saved_or_built(self.lists, saved_in, progress)
        finally:
            if paused:
                gc.enable()
        self._names = built.names
        self._index = built.index
        self.rarity = built.rarity
        self._by_identifier = built.by_identifier
        self.skipped = built.skipped

    @property
    def algorithm(self) -> str:
        """The matching algorithm's id, recorded in every match: ``party-logic-v2``."""
        return ID

    def _start(self, lists: Sequence[SanctionsList], allowlist: Allowlist | None) -> None:
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

    def _entry(self, name: ListedName) -> ListEntry:
        return self.lists[name.list_index].entries[name.entry_index]

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
        floor = self.config.review if include_review else self.config.alert
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

    def _queries(self, entity: Entity) -> Iterator[tuple[str, NormalizedName, str | None]]:
        """Each name of the party as written, and as it looks when that reads otherwise.

        A name a person reads as a listed one (Latin letters swapped for Cyrillic
        look-alikes, "B4nk M3ll1"), or a Russian name in a scholarly romanization
        ("Ŝerbakov", "Cifrovye Texnologii"), is screened in both readings; the other
        reading is given in the explanation (``read_as_seen``).
        """
        for index, name in enumerate((entity.name, *entity.aliases)):
            field = "name" if index == 0 else "aliases"
            written = normalize_name(name, kind=entity.kind, field=field)
            yield name, written, None
            tried = {written.text}
            for seen in (*visual_readings(name), *scholarly_readings(name)):
                try:
                    looks = normalize_name(seen, kind=entity.kind, field=field)
                except ValidationError:
                    continue
                if looks.text not in tried:
                    tried.add(looks.text)
                    yield name, looks, seen

    def _scored(
        self, entity: Entity, date: datetime.date | None, exhaustive: bool, floor: float
    ) -> Iterator[tuple[int, int, PartyMatch]]:
        queries = [
            (text, query, seen, party_of(entity, query))
            for text, query, seen in self._queries(entity)
        ]
        for query_text, query, seen, party in queries:
            positions: Iterable[int]
            if exhaustive:
                positions = range(len(self._names))
            else:
                # The country and agreeing legal forms can add to a name's score: the
                # index looks that far below the floor.
                bonus = self.config.country_match + SAME_LEGAL_FAMILY_BONUS
                person = party.kind is EntityKind.PERSON
                positions = self._index.candidates(query, floor - bonus, person=person)
            for position in positions:
                yield from self._judge(party, query_text, position, date, seen)
        # An identifier match alerts whatever the names say.
        primary_text, _, _, primary = queries[0]
        for ident in entity.identifiers:
            for position, listed in self._by_identifier.get(identifier_key(ident), ()):
                if same_identifier(ident, listed):
                    yield from self._judge(primary, primary_text, position, date, None)

    def _judge(
        self,
        party: Party,
        query_text: str,
        position: int,
        date: datetime.date | None,
        seen: str | None,
    ) -> Iterator[tuple[int, int, PartyMatch]]:
        name = self._names[position]
        entry = self._entry(name)
        listed = self._index.names[position]
        scored = score(party, listed, entry, name.alias_type, date, self.config, self.rarity)
        if scored is None:
            return
        query = party.query
        item = self.lists[name.list_index]
        level = scored.level
        allowed = None
        if level == ALERT:
            allowed = self.allowlist.find(query, entry.id, item.name)
            level = SUPPRESSED if allowed is not None else level
        explanation = self._explain(query_text, query, name, listed, scored)
        if seen is not None:
            explanation["read_as_seen"] = seen
        if allowed is not None:
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
                score=scored.value,
                level=level,
                explanation=to_evidence(explanation),
            ),
        )

    def _explain(
        self,
        query_text: str,
        query: NormalizedName,
        name: ListedName,
        listed: NormalizedName,
        scored: Score,
    ) -> dict[str, Any]:
        """Everything a reviewer needs to recompute the score, as JSON-safe data."""
        # Scored without the per-word record; a match compares again to explain itself.
        comparison = compare(
            query,
            listed,
            person=scored.person,
            rarity=self.rarity,
            contain=scored.contain,
            company=scored.company,
        )
        entry, item = self._entry(name), self.lists[name.list_index]
        return {
            "algorithm": self._algorithm,
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
            "adjustments": [adjustment.evidence() for adjustment in scored.adjustments],
            "identifiers": scored.candidate.identifiers,
            "score": scored.value,
            "thresholds": self._thresholds,
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


def _entity_key(entity: Entity) -> tuple[object, ...]:
    """Everything about a party that matching reads: not its role, address or locality."""
    return (entity.name, entity.aliases, entity.country, entity.kind, entity.identifiers)
