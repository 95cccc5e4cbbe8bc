"""The candidate index: which list names a query could match, found without a full scan.

Every rule of :mod:`.compare` is a key comparison or an edit bound, so the index keys
each list word under the same keys:

- its text and its romanization skeleton (exact and "spelling variant");
- every skeleton with one letter deleted (two for words of 8 letters and more): two
  words one edit apart share such a key, two edits apart for long words;
- its consonants ("same consonants");
- its consonant keys in a separate table for words of the other kind of script, so
  that a word from Arabic script meets Latin words by consonants and the other way
  round ("consonants (Arabic or Hebrew script)");
- itself less its last letters and, for an adjective of a place, its stem ("Izhevsky"
  / "Izhevsk");
- and, for generic words, in a sorted vocabulary and by first letter and number of
  consonants, where a query word that may be an abbreviation looks up the words it
  may cut short ("Conc" / "Concern") or reduce to consonants ("Cncrn");
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
from typing import Any, overload

import attrs

from ..kinds import EntityKind
from ..names import NameToken, NormalizedName
from .caps import distinctive
from .hashed import HashedTable, pack
from .keys import joined_keys, meets_by_consonants, token_keys
from .search import EITHER, MIN_LIST_EXTRA, OTHER, PERSON, SECOND_FAMILY_EXTRA, CandidateSearch
from .words import (
    ABBREVIATION_MIN_CONSONANT_SHARE,
    ABJAD_JOINED,
    IDENTIFYING,
    abbreviates,
    abjad_keys,
    consonant_count,
    consonant_shaped,
    joined_pairs,
    may_abbreviate,
    place_keys,
    token_similarity,
    written_as,
)

__all__ = ["NameIndex"]

# Query words whose matches are remembered; the cache is emptied when full.
_CACHE_SIZE = 50_000


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


def _flat(name: NormalizedName) -> tuple[Any, ...]:
    """Return a name as plain tuples, which unpickle many times faster than attrs objects."""
    values = attrs.astuple(name, recurse=False)
    return (values[0], tuple(attrs.astuple(token) for token in name.tokens), *values[2:])


class _SavedNames(Sequence[NormalizedName]):
    """The names of a loaded index, rebuilt from plain tuples when first read.

    A query reads a few names (its candidates'), so a loaded index need not rebuild
    every name before the first query.
    """

    def __init__(self, flat: list[tuple[Any, ...]]) -> None:
        self._flat = flat
        self._built: list[NormalizedName | None] = [None] * len(flat)

    def __len__(self) -> int:
        return len(self._flat)

    @overload
    def __getitem__(self, position: int) -> NormalizedName: ...
    @overload
    def __getitem__(self, position: slice) -> list[NormalizedName]: ...
    def __getitem__(self, position: int | slice) -> NormalizedName | list[NormalizedName]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        name = self._built[position]
        if name is None:
            values = self._flat[position]
            tokens = tuple(NameToken(*token) for token in values[1])
            name = self._built[position] = NormalizedName(values[0], tokens, *values[2:])
        return name


def _joined_table(names: Sequence[NormalizedName]) -> HashedTable:
    """File every name under its keys without word breaks (see keys.joined_keys).

    Packed as they are made: a large list has millions of whole-name keys.
    """
    return HashedTable(
        [pack(key, position) for position, name in enumerate(names) for key in joined_keys(name)]
    )


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
        kinds: Sequence[EntityKind] | None = None,
    ) -> None:
        self.rarity: Mapping[str, float] = rarity or {}
        names_read: list[NormalizedName] = []
        # A list here; a loaded index's names are rebuilt when read (see __setstate__).
        self.names: Sequence[NormalizedName] = names_read
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
        # Packed (key, word) pairs (see .hashed): a large list files tens of millions.
        by_key: list[int] = []
        # Consonant keys of Latin words (met by Arabic-script query words) and of
        # Arabic-script words (met by Latin query words).
        latin_consonants: defaultdict[str, list[int]] = defaultdict(list)
        abjad_consonants: defaultdict[str, list[int]] = defaultdict(list)
        # Places and adjectives of places, apart: most queries look up only the few
        # adjectives' stems.
        by_form: defaultdict[str, list[int]] = defaultdict(list)
        for position, name in enumerate(names):
            names_read.append(name)
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
                        by_key.append(pack(key, word))
                    if token.kind == "word":
                        for key in place_keys(token.text)[0]:
                            by_form[key].append(word)
                    if meets_by_consonants(token):
                        table = abjad_consonants if token.abjad else latin_consonants
                        for key in abjad_keys(token):
                            table[key].append(word)
                name_words.append(word)
                posting = postings[word]
                if not posting or posting[-1] != position:
                    posting.append(position)
            self._name_words.append(tuple(name_words))
        # Tuples of numbers, which the garbage collector stops scanning (lists it scans
        # at every full collection, and an index holds one per word).
        self._postings = [tuple(posting) for posting in postings]
        self._file_kinds(containable, kinds)
        # The names with initials each word is in (see candidates()).
        self._initial_postings = [
            tuple(p for p in posting if self._initials[p]) for posting in postings
        ]
        self._by_key = HashedTable(by_key)
        del by_key
        self._latin_consonants = _compact(latin_consonants)
        self._abjad_consonants = _compact(abjad_consonants)
        self._joined = _joined_table(self.names)
        self._by_form = _compact(by_form)
        self._file_generic_words()
        self._cache: dict[NameToken, _Meetings] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Saved (see .saved): names as plain tuples, answers remembered left behind.
        state = self.__dict__.copy()
        state["names"] = [_flat(name) for name in self.names]
        state["_cache"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.names = _SavedNames(state["names"])

    def _name_initials(self, position: int) -> str:
        """Return the first letters of a name's words, which a query acronym may stand for."""
        return "".join(token.text[0] for token in self.names[position].tokens)

    def _file_kinds(
        self, containable: Sequence[bool] | None, kinds: Sequence[EntityKind] | None
    ) -> None:
        """Note each name's entry kind, which sets how compare() counts leftover words.

        Kinds unknown (``kinds`` None), every name may be compared either way.
        """
        count = len(self.names)
        # Names that compare() may raise as carried whole (listed organizations).
        self._containable = list(containable) if containable is not None else [False] * count
        # Names of listed organizations, whose generic additions count lightly; unknown,
        # every name may be one.
        organization = EntityKind.ORGANIZATION
        self._companies = [k is organization for k in kinds] if kinds else [True] * count
        # How compare() compares a name: as a person's (PERSON), never so (organizations,
        # vessels, aircraft: OTHER) or as a person's when the party is one (EITHER).
        self._compared_as = (
            [
                PERSON if k is EntityKind.PERSON else EITHER if k is EntityKind.UNKNOWN else OTHER
                for k in kinds
            ]
            if kinds
            else [EITHER] * count
        )
        # Generic additions count lightly only once every identifying word of the name
        # is met: a name with more of them than the query words met cannot be.
        self._identifying = [
            sum(1 for token in name.tokens if token.kind in IDENTIFYING) for name in self.names
        ]
        # The least share of its weight a name's word left over counts in compare(): a
        # person's second family name counts less than other extra words.
        self._list_extra = [
            SECOND_FAMILY_EXTRA if len(name.surnames) > 1 else MIN_LIST_EXTRA for name in self.names
        ]

    def _file_generic_words(self) -> None:
        """File the generic words apart: only they are abbreviated ("Conc", "Cncrn").

        A sorted list for words cut short, and by first letter and number of consonants
        for words reduced to consonants (they keep a share of the word's consonants).
        """
        generic = sorted(
            (token.text, word)
            for word, token in enumerate(self._words)
            if token.kind == "filler" and token.text.isalpha()
        )
        shapes: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
        for text, word in generic:
            shapes[(text[0], consonant_count(text))].append(word)
        self._by_shape = dict(shapes)
        self._generic_texts = [text for text, _ in generic]
        self._generic_words = [word for _, word in generic]

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
        candidates = [word for key in token_keys(token) for word in self._by_key.get(key)]
        lookups: list[tuple[dict[str, int | tuple[int, ...]], str]] = []
        if token.kind == "word":
            lookups.extend((self._by_form, key) for key in place_keys(token.text)[1])
        if meets_by_consonants(token):
            other = self._latin_consonants if token.abjad else self._abjad_consonants
            lookups.extend((other, key) for key in abjad_keys(token))
        candidates += [word for table, key in lookups for word in _values(table.get(key))]
        if may_abbreviate(token):
            candidates.extend(self._abbreviated(token))
        for word in candidates:
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

    def _abbreviated(self, token: NameToken) -> list[int]:
        """Return the words a query word may cut short or reduce to consonants."""
        text = token.text
        start = bisect.bisect_left(self._generic_texts, text)
        end = bisect.bisect_left(self._generic_texts, text + "\x7f", lo=start)
        found = self._generic_words[start:end]
        if consonant_shaped(text):
            words = self._words
            most = int(len(text) / ABBREVIATION_MIN_CONSONANT_SHARE)
            for count in range(len(text) - 1, most + 1):
                found += [
                    word
                    for word in self._by_shape.get((text[0], count), ())
                    if abbreviates(token, words[word])
                ]
        return found

    def _query_weight(self, token: NameToken, word: int) -> float:
        """Return the query word's weight when it meets ``word``, as compare() counts it."""
        if token.abjad and not self._word_abjad[word]:
            return token.weight * self._word_rarity[word]
        return self._weight(token)

    def candidates(
        self, query: NormalizedName, floor: float, *, person: bool | None = None
    ) -> list[int]:
        """Return the positions of names that may score at least ``floor`` against ``query``.

        A name is dropped when even its best case stays below ``floor``: every query
        word meeting its best word in the name, the name's other words counting as
        little as compare() ever counts them. Above the weak-evidence cap, a name is
        also dropped when even its best case shares too little identifying weight for
        compare() to let it past that cap. ``person`` says whether the party is a
        person (None: it may be), which decides how names of unknown kind are compared.
        """
        search = CandidateSearch(self, query, floor, person)
        # Adjacent words the list may write as one ("Trans Neft" / "Transneft") are read
        # first: they add no weight of their own, only meet names for both their words.
        apart = self._written_apart(query)
        search.read_apart(apart)
        # Rare words first: a name that none of them meets can still be met by the
        # common words that follow, but once even meeting all remaining words cannot
        # lift a new name to the floor, common words only update names already seen.
        words = [
            (i, token, self.similar_words(token))
            for i, token in enumerate(query.tokens)
            if token.kind != "initial"
        ]
        words.sort(key=lambda item: (self._meetings(item[1]).reach, item[0]))
        search.read_words(words)
        kept = search.bounded()
        # Past the weak-evidence cap, names sharing too little identifying weight cannot
        # reach the floor, unless they may be the same words (which the cap spares).
        if search.evidence_matters:
            joined_up = {word for _, found in apart for word in found}
            initials_of, enough = self._initials, search.enough_evidence
            kept = [p for p in kept if initials_of[p] or enough(words, joined_up, p)]
        joined = set(itertools.chain.from_iterable(self._joined.get(k) for k in joined_keys(query)))
        kept.extend(joined.difference(kept))
        kept.sort()
        return kept

    def _written_apart(self, query: NormalizedName) -> list[tuple[int, list[int]]]:
        """Return (first query index, word ids) for adjacent query words joined."""
        found = []
        for i, key in joined_pairs(query):
            lookup = key.removeprefix(ABJAD_JOINED)
            met = (
                _values(self._latin_consonants.get(lookup))
                if key.startswith(ABJAD_JOINED)
                else self._by_key.get(lookup)
            )
            words = [w for w in met if written_as(key, self._words[w])]
            if words:
                found.append((i, words))
        return found
