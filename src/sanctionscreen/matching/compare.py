"""Comparing two normalized names: token alignment and a score in [0, 1].

Words are compared by the rules of :mod:`.words` (exact, spelling variant, one letter
apart, same consonants, two letters apart, written apart, initials).

Words are aligned one to one, best pairs first. Each word weighs its vocabulary weight
(generic words, particles and patronymics less) times its *rarity* in the lists being
screened (:func:`rarity_of`: a word in many list entries, "Mohammad", "Trading", says
less than one in few, "Rosoboronexport"); a word from Arabic script takes the rarity of
the Latin word it meets. In company names a single letter is not a word's initial and
words of three letters or fewer (initials, acronyms) meet only as written. The token
score is the weighted sum of the aligned similarities over the weighted count of all
words, those left over counting as :mod:`.leftovers` says (extras, substitutions,
generic additions).

Names cut into words differently ("TestKomplekt" / "Test Komplekt", "SiemensAG" /
"Siemens AG") are also compared as whole strings. Then caps, each noted:

- numbers that differ ("Hero II" / "Hero III"): :data:`DIFFERENT_NUMBERS_CAP`;
- with ``company`` (a listed organization, a party not said to be a person), a query
  that has every identifying word of the listed name counts the generic words it adds
  (group words, places, an acronym of the name) at
  :data:`~.caps.GENERIC_ADDITION_FACTOR` of their weight; with ``contain`` (the party
  reads as an organization too), one that carries every identifying word as written,
  one of them distinctive (:func:`~.caps.distinctive`: rare in the lists, or long and
  not common), is raised to :data:`CONTAINED_SCORE`, a review, however many words it
  adds ("Transneft Oil Transport Company" / "Transneft");
- little evidence (:func:`~.caps.cap_weak_evidence`), companies that share one short
  word and differ in their business (:func:`~.caps.cap_other_business`): capped at
  :data:`WEAK_EVIDENCE_CAP`, a review at most.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import attrs

from ..names import NameToken, NormalizedName, shown_reading
from .caps import (
    CONTAINED_SCORE,
    GENERIC_ADDITION_FACTOR,
    INITIALS_LENGTH,
    REVERSED_PATRONYMIC_CAP,
    all_identifying_met,
    cap_other_business,
    cap_weak_evidence,
    carries_listed_name,
    generic_additions,
    patronymic_reversed,
)
from .given_names import GIVEN_NAME_RULE
from .keys import romanized_keys
from .leftovers import (
    EXTRA_WORD_FACTOR,
    QUERY_EXTRA_WORD_FACTOR,
    SECOND_FAMILY_NAME_FACTOR,
    WordWeight,
    count_leftovers,
)
from .words import (
    IDENTIFYING,
    OTHER_ROMANIZATION,
    WORD_FORM_RULES,
    WRITTEN_APART,
    TokenMatch,
    joined_pairs,
    joined_similarity,
    token_similarity,
    written_as,
)

__all__ = [
    "DIFFERENT_NUMBERS_CAP",
    "EXTRA_WORD_FACTOR",
    "GENERIC_ADDITION_FACTOR",
    "QUERY_EXTRA_WORD_FACTOR",
    "SAME_LEGAL_FAMILY_BONUS",
    "SECOND_FAMILY_NAME_FACTOR",
    "Comparison",
    "TokenMatch",
    "WordWeight",
    "compare",
    "rarity_of",
]

DIFFERENT_NUMBERS_CAP = 0.5
SAME_LEGAL_FAMILY_BONUS = 0.02
OTHER_LEGAL_FAMILY_PENALTY = 0.03
_LANGUAGES = {"zh": "Chinese", "ko": "Korean"}
# Rarity: words in at most RARE_ENTRIES list entries per 10,000 weigh fully; from there
# the weight falls with the logarithm of the count, to RARITY_FLOOR at COMMON_ENTRIES.
RARE_ENTRIES = 5.0
COMMON_ENTRIES = 300.0
RARITY_FLOOR = 0.25
_PER = 10_000


def rarity_of(entries_with_word: int, entries: int) -> float:
    """Return how much a word found in ``entries_with_word`` of ``entries`` list entries counts.

    Counts are taken per 10,000 entries (per actual entries for smaller lists, so a
    small in-house list does not make every word common).
    """
    per = entries_with_word * _PER / max(entries, _PER)
    if per <= RARE_ENTRIES:
        return 1.0
    fall = math.log(per / RARE_ENTRIES) / math.log(COMMON_ENTRIES / RARE_ENTRIES)
    return round(max(RARITY_FLOOR, 1.0 - (1.0 - RARITY_FLOOR) * fall), 3)


@attrs.frozen
class Comparison:
    """The outcome of comparing two names, with everything needed to explain it.

    ``token_score`` is ``matched_weight / total_weight``; ``words`` says how each word
    counted, so the score can be recomputed from the explanation.
    """

    score: float
    token_score: float
    joined_score: float
    aligned: tuple[TokenMatch, ...]
    unmatched_query: tuple[str, ...]
    unmatched_candidate: tuple[str, ...]
    notes: tuple[str, ...]
    matched_weight: float = 0.0
    total_weight: float = 0.0
    words: tuple[WordWeight, ...] = ()


def compare(
    query: NormalizedName,
    candidate: NormalizedName,
    *,
    person: bool,
    similarities: dict[tuple[int, int], tuple[float, str]] | None = None,
    rarity: Mapping[str, float] | None = None,
    explain: bool = True,
    contain: bool = False,
    company: bool = False,
) -> Comparison:
    """Compare a query name with a candidate (list) name.

    ``person`` selects the extra-word factors for person names. ``similarities`` may
    carry precomputed word similarities keyed by (query index, candidate index).
    ``rarity`` maps words to their rarity in the lists screened (:func:`rarity_of`);
    words not in it count fully, and without it every word does. ``explain=False``
    skips recording how each word counted (``words`` is then empty), for callers that
    only need the score. ``contain`` (a listed organization, a party that reads as
    one) raises a query that carries the whole list name to a review; ``company`` (a
    listed organization, a party not said to be a person) counts generic additions to
    its name lightly (see the module docstring).
    """
    rare = rarity or {}

    def weight_of(token: NameToken) -> float:
        return token.weight * rare.get(token.text, 1.0)

    alignment = _align(query, candidate, similarities, rare, weight_of, explain, person)
    kind = "person" if person else "other"
    unmatched_q = [t for i, t in enumerate(query.tokens) if i not in alignment.used_q]
    unmatched_c = [t for j, t in enumerate(candidate.tokens) if j not in alignment.used_c]
    words = alignment.words
    carried = contain and carries_listed_name(
        candidate, alignment.identifying, weight_of, unmatched_c
    )
    # Generic additions matter to companies and to matches on one word (the caps).
    addable = (
        generic_additions(unmatched_q, unmatched_c, candidate)
        if company or len(alignment.identifying) == 1
        else frozenset()
    )
    # Generic additions weigh little when the query has every identifying word of the
    # listed name as written (or spelled otherwise).
    own = [t for t in candidate.tokens if t.kind in IDENTIFYING]
    additions = (
        addable if company and all_identifying_met(own, alignment.identifying) else frozenset()
    )
    alignment.weight += count_leftovers(
        unmatched_q, unmatched_c, candidate, kind, weight_of, words, additions
    )
    aligned = alignment.aligned
    token_score = alignment.matched / alignment.weight if alignment.weight else 0.0
    if aligned and all(pair.rule == "initial" for pair in aligned):
        token_score = 0.0
    joined, reading = _joined_score(query, candidate)
    score = max(token_score, joined)
    notes = [reading] if reading and joined > token_score else []
    if token_score >= joined:
        score = _evidence_capped(score, alignment, unmatched_q, unmatched_c, addable, person, notes)
    score, numbers_differ = _capped(query, candidate, aligned, score, notes)
    if carried and score < CONTAINED_SCORE and not numbers_differ:
        score = CONTAINED_SCORE
        notes.append(
            f"the query carries every identifying word of the listed name, one of them "
            f"distinctive: raised to {CONTAINED_SCORE} for review"
        )
    return Comparison(
        score=round(score, 4),
        token_score=round(token_score, 4),
        joined_score=joined,
        aligned=tuple(aligned),
        unmatched_query=tuple(t.text for t in unmatched_q),
        unmatched_candidate=tuple(t.text for t in unmatched_c),
        notes=tuple(notes),
        matched_weight=round(alignment.matched, 4),
        total_weight=round(alignment.weight, 4),
        words=tuple(words or ()),
    )


def _evidence_capped(
    score: float,
    alignment: _Alignment,
    unmatched_q: list[NameToken],
    unmatched_c: list[NameToken],
    addable: frozenset[int],
    person: bool,
    notes: list[str],
) -> float:
    """Apply the caps for little evidence, unless the names are the very same words."""
    aligned = alignment.aligned
    if not unmatched_q and not unmatched_c and all(p.rule == "exact" for p in aligned):
        return score
    others = bool(unmatched_c) or any(id(t) not in addable for t in unmatched_q)
    added = bool(unmatched_q) and len(aligned) == 1
    score = cap_weak_evidence(
        score, alignment.evidence, alignment.identifying, notes, others, added
    )
    if not person:
        score = cap_other_business(score, alignment.identifying, unmatched_q, unmatched_c, notes)
    return score


class _Alignment:
    """Words of two names paired one to one, and the weights the pairs add up to."""

    __slots__ = (
        "aligned",
        "evidence",
        "identifying",
        "matched",
        "used_c",
        "used_q",
        "weight",
        "words",
    )

    def __init__(self, explain: bool) -> None:
        self.used_q: set[int] = set()
        self.used_c: set[int] = set()
        self.aligned: list[TokenMatch] = []
        self.words: list[WordWeight] | None = [] if explain else None
        self.matched = self.weight = self.evidence = 0.0
        # Pairs whose list word identifies the party: what the evidence caps look at.
        self.identifying: list[tuple[float, str, NameToken, NameToken]] = []

    def pair(
        self,
        text: str,
        c_token: NameToken,
        similarity: float,
        rule: str,
        q_weight: float,
        c_weight: float,
    ) -> None:
        """Count one pair: the query word(s) as ``text`` meeting the list word ``c_token``."""
        pair_weight = (q_weight + c_weight) / 2
        self.matched += similarity * pair_weight
        self.weight += pair_weight
        self.evidence += similarity * c_weight
        self.aligned.append(TokenMatch(text, c_token.text, similarity, rule))
        if self.words is not None:
            self.words.append(WordWeight("query", text, round(q_weight, 4), "matched", 0.5))
            self.words.append(WordWeight("list", c_token.text, round(c_weight, 4), "matched", 0.5))


def _align(
    query: NormalizedName,
    candidate: NormalizedName,
    similarities: dict[tuple[int, int], tuple[float, str]] | None,
    rare: Mapping[str, float],
    weight_of: Callable[[NameToken], float],
    explain: bool,
    person: bool,
) -> _Alignment:
    """Pair the words of two names one to one, most similar pairs first.

    In a person's name a word is not read as a form of another (an abbreviation, an
    adjective of a place): "Ivan" is not "Ivanov".
    """
    pairs: list[tuple[float, int, int, str]] = []
    for i, q_token in enumerate(query.tokens):
        for j, c_token in enumerate(candidate.tokens):
            if similarities is not None and (i, j) in similarities:
                similarity, rule = similarities[(i, j)]
            else:
                similarity, rule = token_similarity(q_token, c_token)
            if (
                similarity > 0
                and not (person and rule in WORD_FORM_RULES)
                and (person or rule != GIVEN_NAME_RULE)
            ):
                if not person and (
                    rule == "initial" or (similarity < 1.0 and _acronyms(q_token, c_token))
                ):
                    # In company names a letter is not a word's initial ("M-Finance" /
                    # "Muthoot Finance"), and "JAS" is not "YAS": initials meet as written.
                    continue
                pairs.append((similarity, i, j, rule))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    alignment = _Alignment(explain)
    used_q, used_c = alignment.used_q, alignment.used_c
    identifying, aligned, words = alignment.identifying, alignment.aligned, alignment.words
    matched = weight = evidence = 0.0
    for similarity, i, j, rule in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        q_token, c_token = query.tokens[i], candidate.tokens[j]
        q_weight, c_weight = weight_of(q_token), weight_of(c_token)
        if q_token.abjad and not c_token.abjad:
            # A word in Arabic script is not in the (Latin) lists' counts: it is as
            # common as the Latin word it meets ("محمد" as "Mohammad").
            q_weight = q_token.weight * rare.get(c_token.text, 1.0)
        elif rule == "abbreviation":
            # A word cut short stands for the list word, and weighs what it weighs.
            q_weight = c_weight
        # The main loop counts pairs inline (it runs for every candidate name).
        pair_weight = (q_weight + c_weight) / 2
        matched += similarity * pair_weight
        weight += pair_weight
        evidence += similarity * c_weight
        if c_token.kind in IDENTIFYING:
            identifying.append((similarity, rule, q_token, c_token))
        aligned.append(TokenMatch(q_token.text, c_token.text, similarity, rule))
        if words is not None:
            words.append(WordWeight("query", q_token.text, round(q_weight, 4), "matched", 0.5))
            words.append(WordWeight("list", c_token.text, round(c_weight, 4), "matched", 0.5))
    alignment.matched, alignment.weight, alignment.evidence = matched, weight, evidence
    # Two query words written apart that the list writes as one ("Trans Neft" /
    # "Transneft", "Rosoboron-Export"): they count as one word of the heavier weight.
    for i, j in _written_apart(query, candidate, used_q, used_c):
        used_q.update((i, i + 1))
        used_c.add(j)
        first, second, c_token = query.tokens[i], query.tokens[i + 1], candidate.tokens[j]
        q_weight = max(weight_of(first), weight_of(second))
        alignment.identifying.append((WRITTEN_APART, "written apart", first, c_token))
        text = f"{first.text} {second.text}"
        alignment.pair(text, c_token, WRITTEN_APART, "written apart", q_weight, weight_of(c_token))
    return alignment


def _joined_score(query: NormalizedName, candidate: NormalizedName) -> tuple[float, str]:
    """Compare the names as whole strings, for names cut into words differently.

    Names cut the same way are compared word by word (a long string hides a wrong
    short word). A Chinese or Korean name that can be the listed one romanized
    otherwise scores :data:`~.words.OTHER_ROMANIZATION`, with a note of the syllables
    both can be.
    """
    readings = romanized_keys(query)
    shared = readings & romanized_keys(candidate) if readings else readings
    if shared and _voicing_free(query) != _voicing_free(candidate):
        # Chinese readings first: a name both languages can read is more often Chinese.
        reading = min(shared, key=lambda key: (not key.startswith("zh:"), key))
        language = _LANGUAGES[reading.partition(":")[0]]
        return OTHER_ROMANIZATION, (
            f"the same {language} name in another romanization: both can be "
            f"{shown_reading(reading)} ({OTHER_ROMANIZATION})"
        )
    joined = 0.0
    if len(query.tokens) != len(candidate.tokens):
        joined = joined_similarity(query.joined, candidate.joined)
    # A legal form glued to the name on one side only ("Siemensag" / "Siemens AG").
    if bool(query.legal_forms) != bool(candidate.legal_forms):
        joined = max(
            joined, joined_similarity(query.joined_with_forms, candidate.joined_with_forms)
        )
    return joined, ""


def _voicing_free(name: NormalizedName) -> str:
    """Return a name's words with voiced consonants as voiceless ("Dan Lee" = "Tan Lee").

    Names that differ only so are judged by the ordinary word rules, not as another
    romanization: a romanization differs in its vowels or in how it spells a family
    name too ("Gim Jeong-eun" / "Kim Jong Un", "Park Bong-ju" / "Pak Pong Ju").
    """
    return " ".join(token.text for token in name.tokens).translate(_VOICED_AS_VOICELESS)


_VOICED_AS_VOICELESS = str.maketrans("gdbjz", "ktpcs")


def _capped(
    query: NormalizedName,
    candidate: NormalizedName,
    aligned: list[TokenMatch],
    score: float,
    notes: list[str],
) -> tuple[float, bool]:
    """Apply the caps and bonuses that do not depend on the words' weights.

    Returns the score and whether the names' numbers differ.
    """
    if patronymic_reversed(query, candidate, aligned):
        score = min(score, REVERSED_PATRONYMIC_CAP)
        notes.append(f"'X bin Y' read as 'Y bin X': capped at {REVERSED_PATRONYMIC_CAP}")
    numbers_differ = bool(
        query.numbers and candidate.numbers and query.numbers != candidate.numbers
    )
    if numbers_differ:
        score = min(score, DIFFERENT_NUMBERS_CAP)
        notes.append(
            f"numbers differ ({', '.join(sorted(query.numbers))} / "
            f"{', '.join(sorted(candidate.numbers))}): capped at {DIFFERENT_NUMBERS_CAP}"
        )
    if query.legal_families and candidate.legal_families:
        if query.legal_families & candidate.legal_families:
            score = min(1.0, score + SAME_LEGAL_FAMILY_BONUS)
            notes.append(f"legal forms agree (+{SAME_LEGAL_FAMILY_BONUS})")
        else:
            score = max(0.0, score - OTHER_LEGAL_FAMILY_PENALTY)
            notes.append(
                f"legal forms differ ({', '.join(query.legal_forms)} / "
                f"{', '.join(candidate.legal_forms)}): -{OTHER_LEGAL_FAMILY_PENALTY}"
            )
    return score, numbers_differ


def _written_apart(
    query: NormalizedName, candidate: NormalizedName, used_q: set[int], used_c: set[int]
) -> list[tuple[int, int]]:
    """Return (query index, candidate index) of words written apart in the query.

    Two unmatched adjacent query words whose keys, joined, are an unmatched candidate
    word's key.
    """
    found: list[tuple[int, int]] = []
    taken: set[int] = set()
    for i, key in joined_pairs(query):
        if i in used_q or i + 1 in used_q or i in taken or i + 1 in taken:
            continue
        for j, c_token in enumerate(candidate.tokens):
            if j not in used_c and written_as(key, c_token) and all(j != k for _, k in found):
                found.append((i, j))
                taken.update((i, i + 1))
                break
    return found


def _acronyms(a: NameToken, b: NameToken) -> bool:
    """Whether two words are both as short as a company's initials ("JAS", "YAS")."""
    return len(a.text) <= INITIALS_LENGTH and len(b.text) <= INITIALS_LENGTH
