"""The candidate index: which list names a query could match, found without a full scan.

Every rule of :mod:`.compare` is a key comparison or an edit bound, so the index keys
each list word under the same keys:

- its text and its romanization skeleton (exact and "spelling variant");
- every skeleton with one letter deleted (two for words of 8 letters and more): two
  words one edit apart share such a key, two edits apart for long words;
- its consonants ("same consonants");
- its consonant keys in a separate table for words of the other kind of script, so
  that a word from Arabic script meets Latin words by consonants and the other way
  round ("consonants (Arabic script)");
- and each whole name without word breaks, with one letter deleted, for names cut into
  words differently.

A query is keyed the same way, the words it meets are scored by the same rules, and
list names whose best possible score is below the review threshold are dropped before
they are compared in full (:meth:`NameIndex.candidates`), with words weighed by the
same rarity as in the comparison. The bound is exact, so the
index returns every name that a full scan would score at or above that threshold;
the test suite checks this against a full scan.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ..names import NameToken, NormalizedName
from .compare import (
    CONSONANTS_MIN_LENGTH,
    CONTAINED_SCORE,
    EXTRA_WORD_FACTOR,
    IDENTIFYING,
    INITIAL,
    JOINED_ONE_EDIT_MAX_LENGTH,
    JOINED_ONE_EDIT_MIN_LENGTH,
    MIN_EVIDENCE,
    ONE_EDIT_MIN_LENGTH,
    QUERY_EXTRA_WORD_FACTOR,
    SPELLING_VARIANT,
    TWO_EDITS_MIN_LENGTH,
    WEAK_EVIDENCE_CAP,
    WRITTEN_APART,
    abjad_keys,
    distinctive,
    joined_pairs,
    token_similarity,
)

__all__ = ["NameIndex"]

# The smallest weights leftover words can have in compare(): the bound must not be
# tighter than the real score.
_MIN_QUERY_EXTRA = min(QUERY_EXTRA_WORD_FACTOR.values())
_MIN_LIST_EXTRA = min(EXTRA_WORD_FACTOR.values())
# Leading cells of a candidate row in NameIndex.candidates (per-word cells follow).
_FIXED = 4
# Query words whose matches are remembered; the cache is emptied when full.
_CACHE_SIZE = 50_000


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _joined_deletions(joined: str) -> list[str]:
    return [joined[:i] + joined[i + 1 :] for i in range(len(joined))]


def token_keys(token: NameToken) -> set[str]:
    """Return the index keys of a word (see the module docstring).

    Keys of different kinds share one key space: a word found under another word's
    key is only a candidate, which the similarity rules then accept or not.
    """
    keys = {token.text, token.skeleton}
    if token.kind in ("number", "initial") or token.syllabic:
        return keys
    size = len(token.text)  # the edit rules' length bounds are on the written word
    if size >= ONE_EDIT_MIN_LENGTH:
        keys |= _deletions(token.skeleton, 2 if size >= TWO_EDITS_MIN_LENGTH else 1)
    if len(token.consonants) >= CONSONANTS_MIN_LENGTH:
        keys.add(token.consonants)
    return keys


def _contains(ordered: list[int], value: int) -> bool:
    at = bisect.bisect_left(ordered, value)
    return at < len(ordered) and ordered[at] == value


def _meets_by_consonants(token: NameToken) -> bool:
    return token.kind not in ("number", "initial") and not token.syllabic


def joined_keys(name: NormalizedName) -> set[str]:
    """Return the keys of a whole name without word breaks (with and without forms)."""
    keys: set[str] = set()
    for joined in {name.joined, name.joined_with_forms}:
        keys.add(joined)
        if JOINED_ONE_EDIT_MIN_LENGTH - 1 <= len(joined) <= JOINED_ONE_EDIT_MAX_LENGTH + 1:
            keys.update(_joined_deletions(joined))
    return keys


@attrs.frozen
class _Meetings:
    """The words a query token meets, and the bounds candidates() derives from them.

    ``reach`` is how many names those words are in, ``best_gain`` the most the token
    adds to a name's matched weight, ``best_evidence`` the most identifying weight it
    shares, ``by_word`` the similarity per word met.
    """

    similar: list[tuple[int, float, str]]
    reach: int
    best_gain: float
    best_evidence: float
    by_word: dict[int, float]


def _compact(table: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
    """Store single values bare and several as a tuple: most keys lead to one word."""
    return {key: values[0] if len(values) == 1 else tuple(values) for key, values in table.items()}


def _values(found: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if found is None:
        return ()
    return (found,) if isinstance(found, int) else found


class NameIndex:
    """An inverted index over normalized names, identified by their position."""

    def __init__(
        self,
        names: Iterable[NormalizedName],
        rarity: Mapping[str, float] | None = None,
        containable: Sequence[bool] | None = None,
    ) -> None:
        self.rarity: Mapping[str, float] = rarity or {}
        self.names: list[NormalizedName] = []
        self._words: list[NameToken] = []
        self._word_weights: list[float] = []
        self._word_rarity: list[float] = []
        self._word_abjad: list[bool] = []
        self._word_distinctive: list[bool] = []
        word_ids: dict[tuple[str, str, bool, bool, str], int] = {}
        # Each name's word ids, to check a few candidates' words in full.
        self._name_words: list[tuple[int, ...]] = []
        postings: list[list[int]] = []
        self._weights: list[float] = []
        self._initials: list[str] = []
        by_key: defaultdict[str, list[int]] = defaultdict(list)
        # Consonant keys of Latin words (met by Arabic-script query words) and of
        # Arabic-script words (met by Latin query words).
        latin_consonants: defaultdict[str, list[int]] = defaultdict(list)
        abjad_consonants: defaultdict[str, list[int]] = defaultdict(list)
        joined: defaultdict[str, list[int]] = defaultdict(list)
        for position, name in enumerate(names):
            self.names.append(name)
            self._weights.append(sum(self._weight(t) for t in name.tokens))
            self._initials.append("".join(t.text for t in name.tokens if t.kind == "initial"))
            name_words: list[int] = []
            for token in name.tokens:
                identity = (token.text, token.skeleton, token.syllabic, token.abjad, token.kind)
                word = word_ids.get(identity)
                if word is None:
                    word = word_ids[identity] = len(self._words)
                    self._words.append(token)
                    self._word_weights.append(self._weight(token))
                    self._word_rarity.append(self.rarity.get(token.text, 1.0))
                    self._word_abjad.append(token.abjad)
                    self._word_distinctive.append(
                        token.kind in IDENTIFYING and distinctive(token, self._weight(token))
                    )
                    postings.append([])
                    for key in token_keys(token):
                        by_key[key].append(word)
                    if _meets_by_consonants(token):
                        table = abjad_consonants if token.abjad else latin_consonants
                        for key in abjad_keys(token):
                            table[key].append(word)
                name_words.append(word)
                posting = postings[word]
                if not posting or posting[-1] != position:
                    posting.append(position)
            self._name_words.append(tuple(name_words))
            for key in joined_keys(name):
                joined[key].append(position)
        self._postings = postings
        # Names that compare() may raise as carried whole (listed organizations).
        self._containable = (
            list(containable) if containable is not None else [False] * len(self.names)
        )
        # The names with initials each word is in (see candidates()).
        self._initial_postings = [[p for p in posting if self._initials[p]] for posting in postings]
        self._by_key = _compact(by_key)
        self._latin_consonants = _compact(latin_consonants)
        self._abjad_consonants = _compact(abjad_consonants)
        self._joined = _compact(joined)
        self._cache: dict[NameToken, _Meetings] = {}

    def __len__(self) -> int:
        return len(self.names)

    def _weight(self, token: NameToken) -> float:
        """Return a word's weight as compare() counts it: vocabulary weight times rarity."""
        return token.weight * self.rarity.get(token.text, 1.0)

    def similar_words(self, token: NameToken) -> list[tuple[int, float, str]]:
        """Return (word id, similarity, rule) for every indexed word the token matches."""
        return self._meetings(token).similar

    def _meetings(self, token: NameToken) -> _Meetings:
        """Return the words a token meets and what follows from them, cached per token.

        The same first names and company words come back in query after query.
        """
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        found: list[tuple[int, float, str]] = []
        seen: set[int] = set()
        by_key = self._by_key
        lookups = [(by_key, key) for key in token_keys(token)]
        if _meets_by_consonants(token):
            other = self._latin_consonants if token.abjad else self._abjad_consonants
            lookups.extend((other, key) for key in abjad_keys(token))
        for table, key in lookups:
            for word in _values(table.get(key)):
                if word in seen:
                    continue
                seen.add(word)
                similarity, rule = token_similarity(token, self._words[word])
                if similarity > 0:
                    found.append((word, similarity, rule))
        found.sort()
        weights = self._word_weights
        meetings = _Meetings(
            similar=found,
            reach=sum(len(self._postings[w]) for w, _, _ in found),
            best_gain=max(
                (sim * (self._query_weight(token, w) + weights[w]) / 2 for w, sim, _ in found),
                default=0.0,
            ),
            best_evidence=max((sim * weights[w] for w, sim, _ in found), default=0.0),
            by_word={w: sim for w, sim, _ in found},
        )
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[token] = meetings
        return meetings

    def _query_weight(self, token: NameToken, word: int) -> float:
        """Return the query word's weight when it meets ``word``, as compare() counts it."""
        if token.abjad and not self._word_abjad[word]:
            return token.weight * self._word_rarity[word]
        return self._weight(token)

    def candidates(self, query: NormalizedName, floor: float) -> list[int]:
        """Return the positions of names that may score at least ``floor`` against ``query``.

        A name is dropped when even its best case stays below ``floor``: every query
        word meeting its best word in the name, the name's other words counting as
        little as compare() ever counts them. Above the weak-evidence cap, a name is
        also dropped when even its best case shares too little identifying weight for
        compare() to let it past that cap.
        """
        tokens = query.tokens
        # Per name: [weighted matched similarity, unmatched query weight, words met,
        # then per query word its best contribution], updated as postings are read.
        rows: dict[int, list[float]] = {}
        get = rows.get
        postings = self._postings
        weight = self._weight
        word_weights = self._word_weights
        word_rarity = self._word_rarity
        word_abjad = self._word_abjad
        initials_of = self._initials
        weights_q = [weight(t) for t in tokens]
        # A query initial could meet any word with its letter: it is not looked up but
        # counted as met, at the initial rule's similarity, which keeps the bound safe.
        query_initials = [i for i, t in enumerate(tokens) if t.kind == "initial"]
        optimistic = sum(INITIAL * (weights_q[i] + 1.0) / 2 for i in query_initials)
        unmatched = sum(w for i, w in enumerate(weights_q) if i not in query_initials)
        blank = [optimistic, unmatched, float(len(query_initials)), 0.0] + [0.0] * len(tokens)
        # Below the contained-name score, a listed organization met as written by one of
        # its distinctive words may be carried whole by the query: always taken in.
        containing = floor <= CONTAINED_SCORE
        containable = self._containable

        def meet(row: list[float], i: int, gain: float) -> None:
            previous = row[_FIXED + i]
            if gain > previous:
                if previous == 0.0:
                    row[1] -= weights_q[i]
                    row[2] += 1
                row[0] += gain - previous
                row[_FIXED + i] = gain

        # Rare words first: a name that none of them meets can still be met by the
        # common words that follow, but once even meeting all remaining words cannot
        # lift a new name to the floor, common words only update names already seen.
        words = [
            (i, token, self.similar_words(token))
            for i, token in enumerate(tokens)
            if token.kind != "initial"
        ]
        words.sort(key=lambda item: (self._meetings(item[1]).reach, item[0]))
        # Adjacent words the list may write as one ("Trans Neft" / "Transneft") are read
        # first: they add no weight of their own, only meet names for both their words.
        apart = self._written_apart(query)
        for i, found in apart:
            for word in found:
                listed = word_weights[word]
                for position in postings[word]:
                    row = get(position)
                    if row is None:  # nothing is missed yet: any name can still reach
                        row = rows[position] = blank.copy()
                    if containing and self._word_distinctive[word] and containable[position]:
                        row[3] = 1.0
                    meet(row, i, WRITTEN_APART * (weights_q[i] + listed) / 2)
                    meet(row, i + 1, WRITTEN_APART * (weights_q[i + 1] + listed) / 2)
        # The most each word can add to a name's matched weight, for the words after it.
        best_gain = [self._meetings(token).best_gain for _, token, _ in words]
        after = optimistic + sum(best_gain)
        # Past the weak-evidence cap, a name must share enough identifying weight (or be
        # the very same words): the most each word can share, for the words after it.
        evidence_matters = floor > WEAK_EVIDENCE_CAP and not query_initials
        best_evidence = [self._meetings(token).best_evidence for _, token, _ in words]
        still = sum(best_evidence)
        missed = 0.0
        for step, (i, token, similar) in enumerate(words):
            after -= best_gain[step]
            still -= best_evidence[step]
            penalty = _MIN_QUERY_EXTRA * missed
            wq = weights_q[i]
            # An Arabic-script word weighs as the Latin word it meets (see compare()).
            abjad, wq_base = token.abjad, token.weight
            slot = _FIXED + i
            for word, similarity, _rule in similar:
                listed = word_weights[word]
                own = word_rarity[word] * wq_base if abjad and not word_abjad[word] else wq
                gain = similarity * (own + listed) / 2
                # A name first met now can at best add every later word's best, and it
                # has missed every earlier word (unless it has initials, which are not
                # looked up and so may have met them). Only a name first met exactly by
                # the first word can still be the query's very words.
                reach = gain + after
                fresh = reach >= floor * (reach + penalty) and (
                    not evidence_matters
                    or similarity * listed + still >= MIN_EVIDENCE
                    or (step == 0 and similarity == 1.0)
                )
                plist = postings[word]
                carried = (
                    containing and similarity >= SPELLING_VARIANT and self._word_distinctive[word]
                )
                visit: Iterable[int] = plist
                if not fresh and not carried and len(rows) * 8 < len(plist):
                    # Only names already met, or with initials, can change: look those
                    # up instead of reading a common word's long postings.
                    visit = [p for p in rows if _contains(plist, p)]
                    visit += [p for p in self._initial_postings[word] if p not in rows]
                for position in visit:
                    row = get(position)
                    if row is None:
                        if not (
                            fresh or initials_of[position] or (carried and containable[position])
                        ):
                            continue
                        row = rows[position] = blank.copy()
                    if carried and containable[position]:
                        row[3] = 1.0
                    previous = row[slot]
                    if gain > previous:
                        if previous == 0.0:
                            row[1] -= wq
                            row[2] += 1
                        row[0] += gain - previous
                        row[slot] = gain
            missed += wq
        weights = self._weights
        kept = []
        for position, row in rows.items():
            # The best case: every query word meets its best word of the name, and the
            # name's other words count as little as compare() ever counts them.
            leftover = weights[position] - row[2]
            penalty = _MIN_QUERY_EXTRA * row[1] + _MIN_LIST_EXTRA * (
                leftover if leftover > 0 else 0
            )
            if (
                row[0] >= floor * (row[0] + penalty)
                or row[3]
                or (initials_of[position] and self._with_initials(query, row, position, floor))
            ):
                kept.append(position)
        # Past the weak-evidence cap, names sharing too little identifying weight cannot
        # reach the floor, unless they may be the same words (which the cap spares).
        if evidence_matters:
            joined_up = {word for _, found in apart for word in found}
            kept = [p for p in kept if initials_of[p] or self._enough_evidence(words, joined_up, p)]
        joined = set(
            itertools.chain.from_iterable(_values(self._joined.get(k)) for k in joined_keys(query))
        )
        kept.extend(joined.difference(kept))
        kept.sort()
        return kept

    def _enough_evidence(
        self,
        words: list[tuple[int, NameToken, list[tuple[int, float, str]]]],
        joined_up: set[int],
        position: int,
    ) -> bool:
        """Whether a name may share enough identifying weight with the query.

        Or be its very words: each query word meeting one of the name's words exactly.
        """
        listed = self._name_words[position]
        weights = self._word_weights
        shared = 0.0
        exact = True
        for _, token, _ in words:
            similar = self._meetings(token).by_word
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

    def _written_apart(self, query: NormalizedName) -> list[tuple[int, list[int]]]:
        """Return (first query index, word ids) for adjacent query words joined."""
        found = []
        for i, key in joined_pairs(query):
            words = [w for w in _values(self._by_key.get(key)) if self._words[w].skeleton == key]
            if words:
                found.append((i, words))
        return found

    def _with_initials(
        self, query: NormalizedName, row: list[float], position: int, floor: float
    ) -> bool:
        """Check the bound again, letting unmatched query words meet the name's initials.

        Initials are not looked up (every word would meet one); instead the heaviest
        unmatched query words that start with one of the name's initials are assumed to
        meet them, at the initial rule's score.
        """
        letters = self._initials[position]
        unmatched = sorted(
            (
                self._weight(t)
                for i, t in enumerate(query.tokens)
                if t.kind != "initial" and not row[_FIXED + i] and t.text[:1] in letters
            ),
            reverse=True,
        )
        moved = unmatched[: len(letters)]
        matched = row[0] + sum(INITIAL * (w + 1.0) / 2 for w in moved)
        still = row[1] - sum(moved)
        leftover = self._weights[position] - row[2] - len(moved)
        penalty = _MIN_QUERY_EXTRA * still + _MIN_LIST_EXTRA * max(0.0, leftover)
        return matched >= floor * (matched + penalty)
