"""Comparing two normalized names: token alignment and a score in [0, 1].

Words are compared by a small set of explainable rules, strongest first:

=================  ========  ==============================================================
rule               score     when
=================  ========  ==============================================================
exact              1.00      the same word
spelling variant   0.95      the same romanization key (Yuriy / Iurii, Testkomplect / -kt)
one letter apart   0.90      keys one edit apart (a typo, a dropped or swapped letter),
                             both at least 4 letters long; in 4-letter words not one
                             consonant for another (Musk / Mosk, not Ivan / Iran)
same consonants    0.85      the same consonants, at least 4, and keys at most two edits
                             apart (Mohammed / Muhammad, not Mohammad / Mahmud)
consonants         0.85      a word from Arabic or Persian script, written without short
 (Arabic script)             vowels, and a Latin word with the same consonants
                             ("qsm" / Qasem, "slymny" / Soleimani)
two letters apart  0.80      keys two edits apart, both at least 8 letters long
written apart      0.95      two adjacent query words that joined are a list word's key
                             ("Trans Neft" / "Transneft"); they count as one word
initial            0.70      one side is an initial of the other ("V." / "Vladimir")
=================  ========  ==============================================================

Anything else does not match, and names that meet only through initials do not match
at all: an initial is too little to alert on. Because every rule is an exact key
comparison or an edit bound, an index built on the same keys finds every pair these
rules can score (see :mod:`sanctionscreen.matching.index`).

Words are aligned one to one, best pairs first. Each word weighs its vocabulary weight
(generic words, particles and patronymics less) times its *rarity* in the lists being
screened (:func:`rarity_of`: a word in many list entries, "Mohammad", "Trading", says
less than one in few, "Rosoboronexport"); a word from Arabic script takes the rarity of
the Latin word it meets. The token score is the weighted sum of the
aligned similarities over the weighted count of all words, where

- a list name's words that the query lacks count :data:`EXTRA_WORD_FACTOR` of their
  weight (lists carry middle names, patronymics and long official names the query
  omits), except a person's family name, which counts fully;
- query words the list name lacks count :data:`QUERY_EXTRA_WORD_FACTOR` of their weight;
- an identifying word left over on both sides is a substitution ("John Smith" / "John
  Brown", "William G." / "William W."), not an extra name, and counts fully on both.
  Generic words and particles are never substitutions.

Names cut into words differently ("TestKomplekt" / "Test Komplekt", "SiemensAG" /
"Siemens AG") are also compared as whole strings. Then caps, each noted:

- numbers that differ ("Hero II" / "Hero III"): :data:`DIFFERENT_NUMBERS_CAP`;
- with ``contain`` (a listed organization, a party that reads as one): a query
  that carries every identifying word of the list name as written, one of them
  distinctive (:func:`distinctive`: rare in the lists, or long and not common), is raised to
  :data:`CONTAINED_SCORE`, a review, however many words it adds ("Transneft Oil
  Transport Company" / "Transneft");
- little evidence: names that are not the same words and share less than
  :data:`MIN_EVIDENCE` of identifying weight (only common words: "Global Trading" /
  "Global Trading Group"), or meet through one short word matched loosely ("Vector"
  / "Victory", "Khan" / "Khun"), are capped at :data:`WEAK_EVIDENCE_CAP`, a
  review at most.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import attrs
from rapidfuzz.distance import OSA

from .._caching import lru_cache
from ..names import NameToken, NormalizedName

__all__ = [
    "CONTAINED_SCORE",
    "DIFFERENT_NUMBERS_CAP",
    "EXTRA_WORD_FACTOR",
    "IDENTIFYING",
    "MIN_EVIDENCE",
    "QUERY_EXTRA_WORD_FACTOR",
    "WEAK_EVIDENCE_CAP",
    "Comparison",
    "TokenMatch",
    "WordWeight",
    "compare",
    "distinctive",
    "mostly_own_words",
    "rarity_of",
    "token_similarity",
]

EXACT = 1.0
SPELLING_VARIANT = 0.95
WRITTEN_APART = 0.95
ONE_EDIT = 0.90
SAME_CONSONANTS = 0.85
ABJAD_CONSONANTS = 0.85
TWO_EDITS = 0.80
INITIAL = 0.70

ONE_EDIT_MIN_LENGTH = 4
# Below this length one edit must keep the consonants or add or drop a letter.
ONE_EDIT_ANY_LENGTH = 5
TWO_EDITS_MIN_LENGTH = 8
CONSONANTS_MIN_LENGTH = 4
CONSONANTS_MAX_EDITS = 2
# The longest Latin word that meets an Arabic-script word by a single consonant.
ONE_CONSONANT_MAX_LENGTH = 4
# A loose match (weaker than one letter apart) on a word shorter than this, or any
# fuzzy match on a word of four letters, is too likely a different word to alert on
# alone ("Vector" / "Victory", "Khan" / "Khun").
SHORT_WORD = 8

JOINED_EXACT = 1.0
JOINED_ONE_EDIT = 0.93
JOINED_MIN_LENGTH = 5
JOINED_ONE_EDIT_MIN_LENGTH = 8
JOINED_ONE_EDIT_MAX_LENGTH = 24

EXTRA_WORD_FACTOR = {"person": 0.3, "other": 0.4}
QUERY_EXTRA_WORD_FACTOR = {"person": 0.3, "other": 1.0}
REVERSED_PATRONYMIC_CAP = 0.7
DIFFERENT_NUMBERS_CAP = 0.5
SAME_LEGAL_FAMILY_BONUS = 0.02
OTHER_LEGAL_FAMILY_PENALTY = 0.03
MIN_EVIDENCE = 0.85
WEAK_EVIDENCE_CAP = 0.7
# A company name carrying a listed organization's name whole is at least a review.
CONTAINED_SCORE = 0.7
DISTINCTIVE_WEIGHT = 0.85
DISTINCTIVE_LENGTH = 8
DISTINCTIVE_LONG_WEIGHT = 0.5
CONTAINED_MIN_LETTERS = 5

# Rarity: words in at most RARE_ENTRIES list entries per 10,000 weigh fully; from there
# the weight falls with the logarithm of the count, to RARITY_FLOOR at COMMON_ENTRIES.
RARE_ENTRIES = 5.0
COMMON_ENTRIES = 300.0
RARITY_FLOOR = 0.25
_PER = 10_000

# Word kinds that identify a party; the others (generic words, particles) only support
# a match. Initials are not evidence but can be substituted ("William G." / "William W.").
IDENTIFYING = frozenset({"word", "patronymic", "number"})
_SUBSTITUTABLE = IDENTIFYING | {"initial"}


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
class TokenMatch:
    """Two aligned words, how similar they are and by which rule."""

    query: str
    candidate: str
    similarity: float
    rule: str


@attrs.frozen
class WordWeight:
    """How one word counted in a comparison: its side, weight and role.

    ``role`` is ``matched``, ``substitution`` (left over on both sides), ``extra`` (on
    one side only, counted at ``factor`` of its weight) or ``missing family name``.
    """

    side: str
    word: str
    weight: float
    role: str
    factor: float = 1.0


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


@lru_cache(maxsize=1 << 18)
def token_similarity(a: NameToken, b: NameToken) -> tuple[float, str]:
    """Return the similarity of two words and the rule that gave it (0.0, "" if none).

    Cached: the same word pairs come back query after query (given names, generic words).
    """
    if a.text == b.text:
        return EXACT, "exact"
    if a.kind == "number" or b.kind == "number":
        return 0.0, ""
    if a.skeleton == b.skeleton:
        return SPELLING_VARIANT, "spelling variant"
    if a.syllabic or b.syllabic:  # one letter off is another character
        return 0.0, ""
    if a.abjad != b.abjad:
        if a.kind != "initial" and b.kind != "initial" and abjad_keys(a) & abjad_keys(b):
            return ABJAD_CONSONANTS, "consonants (Arabic script)"
        return 0.0, ""
    # Lengths as written: "Scholz" is six letters even if its key ("solz") is four.
    short = min(len(a.text), len(b.text))
    distance = 3
    if short >= ONE_EDIT_MIN_LENGTH or (
        len(a.consonants) >= CONSONANTS_MIN_LENGTH and a.consonants == b.consonants
    ):
        distance = OSA.distance(a.skeleton, b.skeleton, score_cutoff=3)
    if (
        short >= ONE_EDIT_MIN_LENGTH
        and distance <= 1
        and (short >= ONE_EDIT_ANY_LENGTH or _kept_consonants(a, b))
    ):
        return ONE_EDIT, "one letter apart"
    if (
        len(a.consonants) >= CONSONANTS_MIN_LENGTH
        and a.consonants == b.consonants
        and distance <= CONSONANTS_MAX_EDITS
    ):
        return SAME_CONSONANTS, "same consonants"
    if distance <= 2 and short >= TWO_EDITS_MIN_LENGTH:
        return TWO_EDITS, "two letters apart"
    if (a.kind == "initial" and b.text.startswith(a.text)) or (
        b.kind == "initial" and a.text.startswith(b.text)
    ):
        return INITIAL, "initial"
    return 0.0, ""


def _kept_consonants(a: NameToken, b: NameToken) -> bool:
    """Whether two short words one edit apart differ by a vowel or one added letter."""
    if a.consonants == b.consonants:
        return True
    return abs(len(a.text) - len(b.text)) == 1 and OSA.distance(a.text, b.text) == 1


@lru_cache(maxsize=1 << 16)
def abjad_keys(token: NameToken) -> frozenset[str]:
    """Return the consonant keys under which a word meets one from Arabic script.

    A final "h" is optional: Persian writes a silent final he ("Khamenei" / "khmnh"),
    and Arabic ta marbuta reads "-a" or "-ah" ("Fatima" / "Fatimah"). A single
    consonant is a key only for short Latin words ("Ali" / "ly"): longer ones with one
    consonant are mostly vowels that Arabic script would have written.
    """
    key = token.consonants
    if not key.isalpha():
        return frozenset()
    if len(key) == 1 and not token.abjad and len(token.text) > ONE_CONSONANT_MAX_LENGTH:
        return frozenset()
    if len(key) > 2 and key.endswith("h"):
        return frozenset({key, key[:-1]})
    return frozenset({key})


def joined_similarity(a: str, b: str) -> float:
    """Compare two names as whole strings: equal, or one edit apart (8 to 24 letters)."""
    if len(a) < JOINED_MIN_LENGTH or len(b) < JOINED_MIN_LENGTH:
        return 0.0
    if a == b:
        return JOINED_EXACT
    if (
        min(len(a), len(b)) >= JOINED_ONE_EDIT_MIN_LENGTH
        and max(len(a), len(b)) <= JOINED_ONE_EDIT_MAX_LENGTH
        and OSA.distance(a, b, score_cutoff=1) <= 1
    ):
        return JOINED_ONE_EDIT
    return 0.0


def compare(
    query: NormalizedName,
    candidate: NormalizedName,
    *,
    person: bool,
    similarities: dict[tuple[int, int], tuple[float, str]] | None = None,
    rarity: Mapping[str, float] | None = None,
    explain: bool = True,
    contain: bool = False,
) -> Comparison:
    """Compare a query name with a candidate (list) name.

    ``person`` selects the extra-word factors for person names. ``similarities`` may
    carry precomputed word similarities keyed by (query index, candidate index).
    ``rarity`` maps words to their rarity in the lists screened (:func:`rarity_of`);
    words not in it count fully, and without it every word does. ``explain=False``
    skips recording how each word counted (``words`` is then empty), for callers that
    only need the score. ``contain`` (a listed organization) raises a query that carries
    the whole list name to a review (see the module docstring).
    """
    rare = rarity or {}

    def weight_of(token: NameToken) -> float:
        return token.weight * rare.get(token.text, 1.0)

    pairs: list[tuple[float, int, int, str]] = []
    for i, q_token in enumerate(query.tokens):
        for j, c_token in enumerate(candidate.tokens):
            if similarities is not None and (i, j) in similarities:
                similarity, rule = similarities[(i, j)]
            else:
                similarity, rule = token_similarity(q_token, c_token)
            if similarity > 0:
                pairs.append((similarity, i, j, rule))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    aligned: list[TokenMatch] = []
    words: list[WordWeight] | None = [] if explain else None
    matched = weight = evidence = 0.0
    identifying_pairs: list[tuple[float, str, NameToken, NameToken]] = []
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
        pair_weight = (q_weight + c_weight) / 2
        matched += similarity * pair_weight
        weight += pair_weight
        evidence += similarity * c_weight
        if c_token.kind in IDENTIFYING:
            identifying_pairs.append((similarity, rule, q_token, c_token))
        aligned.append(TokenMatch(q_token.text, c_token.text, similarity, rule))
        if words is not None:
            words.append(WordWeight("query", q_token.text, round(q_weight, 4), "matched", 0.5))
            words.append(WordWeight("list", c_token.text, round(c_weight, 4), "matched", 0.5))
    # Two query words written apart that the list writes as one ("Trans Neft" /
    # "Transneft", "Rosoboron-Export"): they count as one word of the heavier weight.
    for i, j in _written_apart(query, candidate, used_q, used_c):
        used_q.update((i, i + 1))
        used_c.add(j)
        first, second, c_token = query.tokens[i], query.tokens[i + 1], candidate.tokens[j]
        q_weight = max(weight_of(first), weight_of(second))
        c_weight = weight_of(c_token)
        pair_weight = (q_weight + c_weight) / 2
        matched += WRITTEN_APART * pair_weight
        weight += pair_weight
        evidence += WRITTEN_APART * c_weight
        text = f"{first.text} {second.text}"
        identifying_pairs.append((WRITTEN_APART, "written apart", first, c_token))
        aligned.append(TokenMatch(text, c_token.text, WRITTEN_APART, "written apart"))
        if words is not None:
            words.append(WordWeight("query", text, round(q_weight, 4), "matched", 0.5))
            words.append(WordWeight("list", c_token.text, round(c_weight, 4), "matched", 0.5))
    kind = "person" if person else "other"
    unmatched_q = [t for i, t in enumerate(query.tokens) if i not in used_q]
    unmatched_c = [t for j, t in enumerate(candidate.tokens) if j not in used_c]
    weight += _leftovers(unmatched_q, unmatched_c, candidate, kind, weight_of, words)
    token_score = matched / weight if weight else 0.0
    if aligned and all(pair.rule == "initial" for pair in aligned):
        token_score = 0.0
    # Whole-string comparison is for names cut into words differently; names cut the
    # same way are compared word by word (a long string hides a wrong short word).
    joined = 0.0
    if len(query.tokens) != len(candidate.tokens):
        joined = joined_similarity(query.joined, candidate.joined)
    # A legal form glued to the name on one side only ("Siemensag" / "Siemens AG").
    if bool(query.legal_forms) != bool(candidate.legal_forms):
        joined = max(
            joined, joined_similarity(query.joined_with_forms, candidate.joined_with_forms)
        )
    score = max(token_score, joined)
    notes: list[str] = []
    if token_score >= joined:
        same_words = not unmatched_q and not unmatched_c and all(p.rule == "exact" for p in aligned)
        if not same_words:
            score = _cap_weak_evidence(score, evidence, identifying_pairs, notes)
    if _patronymic_reversed(query, candidate, aligned):
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
    if (
        contain
        and score < CONTAINED_SCORE
        and not numbers_differ
        and _carries_listed_name(candidate, identifying_pairs, weight_of, unmatched_c)
    ):
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
        matched_weight=round(matched, 4),
        total_weight=round(weight, 4),
        words=tuple(words or ()),
    )


def joined_pairs(name: NormalizedName) -> list[tuple[int, str]]:
    """Return (index of the first, joined key) for adjacent words that may be one word.

    Numbers, initials and syllables of syllabic scripts are never halves of a word.
    """
    tokens = name.tokens
    return [
        (i, tokens[i].skeleton + tokens[i + 1].skeleton)
        for i in range(len(tokens) - 1)
        if _joinable(tokens[i]) and _joinable(tokens[i + 1])
    ]


def _joinable(token: NameToken) -> bool:
    return token.kind not in ("number", "initial") and not token.syllabic


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
            if j not in used_c and c_token.skeleton == key and all(j != k for _, k in found):
                found.append((i, j))
                taken.update((i, i + 1))
                break
    return found


def _leftovers(
    unmatched_q: list[NameToken],
    unmatched_c: list[NameToken],
    candidate: NormalizedName,
    kind: str,
    weight_of: Callable[[NameToken], float],
    words: list[WordWeight] | None,
) -> float:
    """Return the weight that words left over on either side add to the denominator."""
    total = 0.0

    def count(side: str, token: NameToken, role: str, factor: float) -> None:
        nonlocal total
        token_weight = weight_of(token)
        total += factor * token_weight
        if words is not None:
            words.append(WordWeight(side, token.text, round(token_weight, 4), role, factor))

    # Identifying words left over on both sides are substitutions, heaviest first.
    subs_q = sorted(
        (t for t in unmatched_q if t.kind in _SUBSTITUTABLE), key=weight_of, reverse=True
    )
    subs_c = sorted(
        (t for t in unmatched_c if t.kind in _SUBSTITUTABLE), key=weight_of, reverse=True
    )
    swapped = min(len(subs_q), len(subs_c))
    substituted = {id(t) for t in subs_q[:swapped] + subs_c[:swapped]}
    # An identifying word left over against a generic one is a substitution too ("Bank
    # Rossiya" / "Rossiya Airlines"); two generic words are not ("Group" / "Concern").
    for mine, theirs in ((subs_q[swapped:], unmatched_c), (subs_c[swapped:], unmatched_q)):
        generic = [t for t in theirs if t.kind == "filler"]
        for token, other in zip(mine, generic, strict=False):
            substituted.update((id(token), id(other)))
    family = candidate.surnames if kind == "person" else frozenset()
    for token in unmatched_q:
        if id(token) in substituted:
            count("query", token, "substitution", 1.0)
        else:
            count("query", token, "extra", QUERY_EXTRA_WORD_FACTOR[kind])
    for token in unmatched_c:
        if id(token) in substituted:
            count("list", token, "substitution", 1.0)
        elif token.text in family:
            count("list", token, "missing family name", 1.0)
        else:
            count("list", token, "extra", EXTRA_WORD_FACTOR[kind])
    return total


def mostly_own_words(name: NormalizedName) -> bool:
    """Whether at least half of a name's words identify it (are not generic words)."""
    return 2 * sum(1 for t in name.tokens if t.kind in IDENTIFYING) >= len(name.tokens)


def distinctive(token: NameToken, weight: float) -> bool:
    """Whether a list word is distinctive enough to stand for its name when carried whole.

    Rare in the lists, or long and not common ("Transneft" names a whole family of
    listed companies: in many entries, yet no ordinary word).
    """
    return weight >= DISTINCTIVE_WEIGHT or (
        len(token.text) >= DISTINCTIVE_LENGTH and weight >= DISTINCTIVE_LONG_WEIGHT
    )


def _carries_listed_name(
    candidate: NormalizedName,
    identifying_pairs: list[tuple[float, str, NameToken, NameToken]],
    weight_of: Callable[[NameToken], float],
    unmatched_candidate: list[NameToken],
) -> bool:
    """Whether every identifying list word met a query word as written.

    Or spelled otherwise; one of them distinctive, five letters or more in all; and the
    list name is mostly its own words, not generic ones (not "Trading and Transport
    Services"). A listed name with a single identifying word must be carried whole, its
    generic words too: "Bank Rossiya ..." carries "Bank Rossiya", but "Green Components"
    does not carry "Green Shipping" (one common word in common is not a name).
    """
    if not mostly_own_words(candidate):
        return False
    identifying = [t for t in candidate.tokens if t.kind in IDENTIFYING]
    if len(identifying) == 1 and unmatched_candidate:
        return False
    met = {id(c) for similarity, _, _, c in identifying_pairs if similarity >= SPELLING_VARIANT}
    return (
        bool(identifying)
        and all(id(t) in met for t in identifying)
        and any(distinctive(t, weight_of(t)) for t in identifying)
        and sum(len(t.text) for t in identifying) >= CONTAINED_MIN_LETTERS
    )


def _cap_weak_evidence(
    score: float,
    evidence: float,
    identifying_pairs: list[tuple[float, str, NameToken, NameToken]],
    notes: list[str],
) -> float:
    """Cap a match that rests on too little: common words only, or one short fuzzy word."""
    if evidence < MIN_EVIDENCE and score > WEAK_EVIDENCE_CAP:
        notes.append(
            f"the names share little identifying weight ({evidence:.2f} < {MIN_EVIDENCE}): "
            f"capped at {WEAK_EVIDENCE_CAP}"
        )
        return WEAK_EVIDENCE_CAP
    if len(identifying_pairs) == 1 and score > WEAK_EVIDENCE_CAP:
        similarity, rule, q_token, c_token = identifying_pairs[0]
        short = min(len(q_token.text), len(c_token.text))
        if (similarity < ONE_EDIT and short < SHORT_WORD) or (
            similarity < SPELLING_VARIANT and short < ONE_EDIT_ANY_LENGTH
        ):
            notes.append(
                f"the match rests on one short word matched loosely "
                f"({q_token.text} / {c_token.text}, {rule}): capped at {WEAK_EVIDENCE_CAP}"
            )
            return WEAK_EVIDENCE_CAP
    return score


def _patronymic_reversed(
    query: NormalizedName, candidate: NormalizedName, aligned: list[TokenMatch]
) -> bool:
    """Whether "X bin Y" (X, son of Y) met "Y bin X": the same words, another person."""
    sides_q = _sides_of_bin(query)
    sides_c = _sides_of_bin(candidate)
    if not sides_q or not sides_c:
        return False
    return any(
        pair.query in sides_q
        and pair.candidate in sides_c
        and sides_q[pair.query] != sides_c[pair.candidate]
        for pair in aligned
        if pair.query != "bin"
    )


def _sides_of_bin(name: NormalizedName) -> dict[str, str]:
    texts = [token.text for token in name.tokens]
    if "bin" not in texts:
        return {}
    cut = texts.index("bin")
    return {text: ("before" if i < cut else "after") for i, text in enumerate(texts) if i != cut}
