"""One query's pass over a :class:`~.index.NameIndex`: the names it may match, bounded.

The search is the index's own, kept in a module of its own for size: it reads the
index's tables directly. See :meth:`~.index.NameIndex.candidates` for the bound.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .._caching import lru_cache
from ..names import NameToken, NormalizedName
from .caps import (
    CONTAINED_SCORE,
    GENERIC_ADDITION_FACTOR,
    MIN_EVIDENCE,
    WEAK_EVIDENCE_CAP,
    may_add_to,
    may_be_addition,
)
from .compare import EXTRA_WORD_FACTOR, QUERY_EXTRA_WORD_FACTOR, SECOND_FAMILY_NAME_FACTOR
from .words import IDENTIFYING, INITIAL, SPELLING_VARIANT, WRITTEN_APART

if TYPE_CHECKING:
    from .index import NameIndex

__all__ = ["EITHER", "MIN_LIST_EXTRA", "OTHER", "PERSON", "SECOND_FAMILY_EXTRA", "CandidateSearch"]

# How compare() compares a list name (see NameIndex._compared_as): as a person's, as an
# organization's or a thing's, or as a person's only when the party is one.
PERSON, OTHER, EITHER = 1, 0, 2

# The smallest weights leftover words can have in compare(): the bound must not be
# tighter than the real score.
_MIN_QUERY_EXTRA = min(QUERY_EXTRA_WORD_FACTOR.values())
_MIN_ADDITION = min(_MIN_QUERY_EXTRA, GENERIC_ADDITION_FACTOR)


@lru_cache(maxsize=1 << 16)
def _extra_factor(token: NameToken) -> float:
    """Return the least share of its weight a query word left over counts in compare()."""
    return _MIN_ADDITION if may_be_addition(token) else _MIN_QUERY_EXTRA


MIN_LIST_EXTRA = min(EXTRA_WORD_FACTOR.values())
SECOND_FAMILY_EXTRA = min(MIN_LIST_EXTRA, SECOND_FAMILY_NAME_FACTOR)
# What compare() counts for a listed organization's leftover words, at the least (a word
# of another trade or a substitution counts more).
_ORG_QUERY_EXTRA = QUERY_EXTRA_WORD_FACTOR["other"]
_ORG_LIST_EXTRA = EXTRA_WORD_FACTOR["other"]
# What a substitution adds to a person's leftover word on either side: it counts whole
# instead of at the person's extra-word factor (which the bound already counts).
_SUBSTITUTION_EXTRA = 1.0 - max(QUERY_EXTRA_WORD_FACTOR["person"], EXTRA_WORD_FACTOR["person"])
# Leading cells of a candidate row (per-word cells follow).
_FIXED = 5


def _contains(ordered: Sequence[int], value: int) -> bool:
    at = bisect.bisect_left(ordered, value)
    return at < len(ordered) and ordered[at] == value


class CandidateSearch:
    """One query's pass over the index: each name met, with its best case so far.

    Per name a row: [weighted matched similarity, unmatched query weight as a listed
    organization's name counts it (generic additions lightly), words met, carried whole
    (0 or 1), unmatched query weight as other names count it, then per query word its
    best contribution], updated as the postings of the words the query meets are read.
    """

    def __init__(
        self, index: NameIndex, query: NormalizedName, floor: float, person: bool | None = None
    ) -> None:
        self.index = index
        self.query = query
        self.floor = floor
        # Names compared as organizations': the party's kind decides for unknown ones.
        self.as_other = (OTHER,) if person or person is None else (OTHER, EITHER)
        # Names compared as persons': the party's kind decides for unknown ones too.
        self.as_person = (PERSON, EITHER) if person else (PERSON,)
        self.rows: dict[int, list[float]] = {}
        tokens = query.tokens
        self.weights_q = [index._weight(t) for t in tokens]
        # A query initial could meet any word with its letter: it is not looked up but
        # counted as met, at the initial rule's similarity, which keeps the bound safe.
        initials = [i for i, t in enumerate(tokens) if t.kind == "initial"]
        self.open_q = [i for i, t in enumerate(tokens) if t.kind != "initial"]
        self.optimistic = sum(INITIAL * (self.weights_q[i] + 1.0) / 2 for i in initials)
        # What each query word adds to the bound's denominator when it meets nothing.
        self.extra_q = [w * _extra_factor(t) for t, w in zip(tokens, self.weights_q, strict=True)]
        self.plain_q = [w * _MIN_QUERY_EXTRA for w in self.weights_q]
        unmatched = sum(w for i, w in enumerate(self.extra_q) if i not in initials)
        plain = sum(w for i, w in enumerate(self.plain_q) if i not in initials)
        self.blank = [self.optimistic, unmatched, float(len(initials)), 0.0, plain]
        self.blank += [0.0] * len(tokens)
        # Below the contained-name score, a listed organization met as written by one of
        # its distinctive words may be carried whole by the query: always taken in.
        self.containing = floor <= CONTAINED_SCORE
        # Past the weak-evidence cap, a name must share enough identifying weight (or be
        # the very same words).
        self.evidence_matters = floor > WEAK_EVIDENCE_CAP and not initials

    def meet(self, row: list[float], i: int, gain: float) -> None:
        """Record that query word ``i`` adds ``gain`` to a name, if that is its best yet."""
        previous = row[_FIXED + i]
        if gain > previous:
            if previous == 0.0:
                row[1] -= self.extra_q[i]
                row[4] -= self.plain_q[i]
                row[2] += 1
            row[0] += gain - previous
            row[_FIXED + i] = gain

    def read_apart(self, apart: list[tuple[int, list[int]]]) -> None:
        """Meet the names of list words that two adjacent query words write apart."""
        index, rows, weights_q = self.index, self.rows, self.weights_q
        containable = index._containable
        for i, found in apart:
            for word in found:
                listed = index._word_weights[word]
                for position in index._postings[word]:
                    row = rows.get(position)
                    if row is None:  # nothing is missed yet: any name can still reach
                        row = rows[position] = self.blank.copy()
                    if self.containing and index._word_distinctive[word] and containable[position]:
                        row[3] = 1.0
                    self.meet(row, i, WRITTEN_APART * (weights_q[i] + listed) / 2)
                    self.meet(row, i + 1, WRITTEN_APART * (weights_q[i + 1] + listed) / 2)

    def read_words(self, words: list[tuple[int, NameToken, list[tuple[int, float, str]]]]) -> None:
        """Read the postings of every word the query's words meet, rarest first."""
        meetings = self.index._meetings
        # The most each word can add to a name's matched weight, and the most
        # identifying weight it can share, for the words after it.
        best_gain = [meetings(token).best_gain for _, token, _ in words]
        best_evidence = [meetings(token).best_evidence for _, token, _ in words]
        after = self.optimistic + sum(best_gain)
        still = sum(best_evidence)
        missed = missed_plain = 0.0
        for step, (i, token, similar) in enumerate(words):
            after -= best_gain[step]
            still -= best_evidence[step]
            self._read_word(step, i, token, similar, after, still, (missed, missed_plain))
            missed += self.extra_q[i]
            missed_plain += self.plain_q[i]

    def _read_word(
        self,
        step: int,
        i: int,
        token: NameToken,
        similar: list[tuple[int, float, str]],
        after: float,
        still: float,
        missed: tuple[float, float],
    ) -> None:
        index, rows, floor = self.index, self.rows, self.floor
        get = rows.get
        postings, word_weights, word_rarity = (
            index._postings,
            index._word_weights,
            index._word_rarity,
        )
        word_abjad, initials_of = index._word_abjad, index._initials
        containable, companies = index._containable, index._companies
        evidence_matters, containing = self.evidence_matters, self.containing
        # What the earlier words missed add, as listed organizations and other names count it.
        penalty, plain_penalty = missed
        wq, extra, plain = self.weights_q[i], self.extra_q[i], self.plain_q[i]
        # An Arabic-script word weighs as the Latin word it meets (see compare()).
        abjad, wq_base = token.abjad, token.weight
        slot = _FIXED + i
        for word, similarity, _rule in similar:
            listed = word_weights[word]
            own = word_rarity[word] * wq_base if abjad and not word_abjad[word] else wq
            gain = similarity * (own + listed) / 2
            # A name first met now can at best add every later word's best, and it has
            # missed every earlier word (unless it has initials, which are not looked up
            # and so may have met them). Only a name first met exactly by the first word
            # can still be the query's very words.
            reach = gain + after
            evident = (
                not evidence_matters
                or similarity * listed + still >= MIN_EVIDENCE
                or (step == 0 and similarity == 1.0)
            )
            fresh = evident and reach >= floor * (reach + penalty)
            fresh_plain = evident and reach >= floor * (reach + plain_penalty)
            plist = postings[word]
            carried = (
                containing and similarity >= SPELLING_VARIANT and index._word_distinctive[word]
            )
            visit: Iterable[int] = plist
            if not fresh and not carried and len(rows) * 8 < len(plist):
                # Only names already met, or with initials, can change: look those up
                # instead of reading a common word's long postings.
                visit = [p for p in rows if _contains(plist, p)]
                visit += [p for p in index._initial_postings[word] if p not in rows]
            # A name first met by this word: a blank row that has met it, made when needed.
            seeded: list[float] | None = None
            for position in visit:
                row = get(position)
                if row is None:
                    if not (
                        fresh_plain
                        or (fresh and companies[position])
                        or initials_of[position]
                        or (carried and containable[position])
                    ):
                        continue
                    if seeded is None:
                        seeded = self._seeded(i, gain)
                    row = rows[position] = seeded.copy()
                    if carried and containable[position]:
                        row[3] = 1.0
                    continue
                if carried and containable[position]:
                    row[3] = 1.0
                previous = row[slot]
                if gain > previous:
                    if previous == 0.0:
                        row[1] -= extra
                        row[4] -= plain
                        row[2] += 1
                    row[0] += gain - previous
                    row[slot] = gain

    def _seeded(self, i: int, gain: float) -> list[float]:
        """Return a blank row that query word ``i`` has met with ``gain``."""
        row = self.blank.copy()
        self.meet(row, i, gain)
        return row

    def bounded(self) -> list[int]:
        """Return the names whose best case reaches the floor (or that are carried whole)."""
        index, floor = self.index, self.floor
        weights, initials_of, companies = index._weights, index._initials, index._companies
        identifying, name_words, list_extra = (
            index._identifying,
            index._name_words,
            index._list_extra,
        )
        kept = []
        for position, row in self.rows.items():
            # The best case: every query word meets its best word of the name, and the
            # name's other words count as little as compare() ever counts them.
            leftover = weights[position] - row[2]
            light = companies[position] and row[2] >= identifying[position]
            listed_extra = list_extra[position] * (leftover if leftover > 0 else 0)
            penalty = row[4] + listed_extra
            # Passing only by counting words lightly, count just those that may be
            # additions to this very name.
            if (
                light
                and row[0] < floor * (row[0] + penalty)
                and row[0] >= floor * (row[0] + row[1] + listed_extra)
            ):
                penalty = self._additions_penalty(row, position) + listed_extra
            # Carried whole only when each identifying word of the name may be met (see
            # caps.carries_listed_name): as many query words met, at least; a name with
            # one identifying word only when every word of it may be.
            own = identifying[position]
            carried = (
                row[3] and 0 < own <= row[2] and (own > 1 or row[2] >= len(name_words[position]))
            )
            if (
                carried
                or (
                    row[0] >= floor * (row[0] + penalty)
                    and self._bound_for_kind(row, position, penalty, light, leftover)
                )
                or (initials_of[position] and self.with_initials(row, position))
            ):
                kept.append(position)
        return kept

    def _with_substitutions(self, row: list[float], position: int, penalty: float) -> bool:
        """Check the bound again for a person's name, counting the words substituted.

        Identifying words left over on both sides are substitutions, which compare()
        counts at their full weight instead of a person's extra-word factor. Query words
        that met no word of the name are left over; of the name's identifying words, at
        least as many as the query words met fall short of. The heaviest of the first
        and the lightest of the second are the least the substitutions can add. (Not for
        names with initials, which query words may meet unlooked-up.)
        """
        index, weights_q, tokens = self.index, self.weights_q, self.query.tokens
        left_q = sorted(
            (
                weights_q[i]
                for i in self.open_q
                if not row[_FIXED + i] and tokens[i].kind in IDENTIFYING
            ),
            reverse=True,
        )
        short = index._identifying[position] - int(row[2])
        swapped = min(len(left_q), short)
        if swapped <= 0:
            return True
        words, word_weights = index._words, index._word_weights
        own = sorted(
            word_weights[w] for w in index._name_words[position] if words[w].kind in IDENTIFYING
        )
        added = _SUBSTITUTION_EXTRA * (sum(left_q[:swapped]) + sum(own[:swapped]))
        return row[0] >= self.floor * (row[0] + penalty + added)

    def _bound_for_kind(
        self, row: list[float], position: int, penalty: float, light: bool, leftover: float
    ) -> bool:
        """Check the bound again with what compare() counts for this kind of name.

        A name not compared as a person's counts the query words it lacks more; a
        person's, its substitutions (not for names with initials, which query words
        may meet unlooked-up). ``penalty`` is what the first bound counted.
        """
        index = self.index
        compared = index._compared_as[position]
        if compared in self.as_other:
            missed = self._unmet_weight(
                row, position, GENERIC_ADDITION_FACTOR, _ORG_QUERY_EXTRA, light
            )
            listed = _ORG_LIST_EXTRA * (leftover if leftover > 0 else 0)
            return row[0] >= self.floor * (row[0] + missed + listed)
        if compared in self.as_person and not index._initials[position]:
            return self._with_substitutions(row, position, penalty)
        return True

    def _unmet_weight(
        self, row: list[float], position: int, addition: float, other: float, light: bool = True
    ) -> float:
        """Return the least weight compare() gives the query words a name has not met.

        Each counts ``other`` of its weight, or ``addition`` when it may be a generic
        addition to this name and ``light`` (every identifying word of a listed
        organization's name may be met: see caps.generic_additions).
        """
        initials = self.index._name_initials(position) if light else ""
        weights_q, tokens = self.weights_q, self.query.tokens
        return sum(
            weights_q[i] * (addition if light and may_add_to(tokens[i], initials) else other)
            for i in self.open_q
            if not row[_FIXED + i]
        )

    def _additions_penalty(self, row: list[float], position: int) -> float:
        """Return the weight of the query words a name has not met, additions to it lightly."""
        return self._unmet_weight(row, position, _MIN_ADDITION, _MIN_QUERY_EXTRA)

    def enough_evidence(
        self,
        words: list[tuple[int, NameToken, list[tuple[int, float, str]]]],
        joined_up: set[int],
        position: int,
    ) -> bool:
        """Whether a name may share enough identifying weight with the query.

        Or be its very words: each query word meeting one of the name's words exactly.
        """
        listed = self.index._name_words[position]
        weights = self.index._word_weights
        shared = 0.0
        exact = True
        for _, token, _ in words:
            similar = self.index._meetings(token).by_word
            best = 0.0
            met_exactly = False
            for word in listed:
                similarity = similar.get(word, 0.0)
                best = max(best, similarity * weights[word])
                met_exactly = met_exactly or similarity == 1.0
            shared += best
            exact = exact and met_exactly
        # A list word that two query words written apart meet.
        shared += WRITTEN_APART * sum(weights[w] for w in listed if w in joined_up)
        return exact or shared >= MIN_EVIDENCE

    def with_initials(self, row: list[float], position: int) -> bool:
        """Check the bound again, letting unmatched query words meet the name's initials.

        Initials are not looked up (every word would meet one); instead the heaviest
        unmatched query words that start with one of the name's initials are assumed to
        meet them, at the initial rule's score.
        """
        letters = self.index._initials[position]
        unmatched = sorted(
            (
                (self.weights_q[i], self.extra_q[i])
                for i, t in enumerate(self.query.tokens)
                if t.kind != "initial" and not row[_FIXED + i] and t.text[:1] in letters
            ),
            reverse=True,
        )
        moved = unmatched[: len(letters)]
        matched = row[0] + sum(INITIAL * (w + 1.0) / 2 for w, _ in moved)
        still = row[1] - sum(extra for _, extra in moved)
        leftover = self.index._weights[position] - row[2] - len(moved)
        penalty = still + self.index._list_extra[position] * max(0.0, leftover)
        return matched >= self.floor * (matched + penalty)
