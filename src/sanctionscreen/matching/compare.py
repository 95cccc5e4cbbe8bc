"""Comparing two normalized names: token alignment and a score in [0, 1].

Words are compared by a small set of explainable rules, strongest first:

=================  ========  ==============================================================
rule               score     when
=================  ========  ==============================================================
exact              1.00      the same word
spelling variant   0.95      the same romanization key (Yuriy / Iurii, Testkomplect / -kt)
one letter apart   0.90      keys one edit apart (a typo, a dropped or swapped letter),
                             both at least 4 letters long
same consonants    0.85      the same consonants, at least 4 (Mohammed / Muhammad)
two letters apart  0.80      keys two edits apart, both at least 8 letters long
initial            0.70      one side is an initial of the other ("V." / "Vladimir")
=================  ========  ==============================================================

Anything else does not match, and names that meet only through initials do not match
at all: an initial is too little to alert on. Because every rule is an exact key
comparison or an edit bound, an index built on the same keys finds every pair these
rules can score (see :mod:`sanctionscreen.matching.index`).

Words are aligned one to one, best pairs first. The token score is the weighted sum
of the aligned similarities over the weighted count of all words, where a list
name's words that the query lacks count only :data:`EXTRA_WORD_FACTOR` of their weight
(lists often carry middle names and patronymics the query omits), while query words
the list name lacks count fully (less for person names, whose middle names and
patronymics come and go: a third). A word left over on both sides is a substitution, not an
extra name, and counts fully on both. Names cut into words differently ("TestKomplekt" /
"Test Komplekt", "SiemensAG" / "Siemens AG") are also compared as whole strings. When both
names carry numbers and these differ ("Hero II" / "Hero III"), the score is capped at
:data:`DIFFERENT_NUMBERS_CAP`.
"""

from __future__ import annotations

import attrs
from rapidfuzz.distance import OSA

from ..names import NameToken, NormalizedName

__all__ = [
    "DIFFERENT_NUMBERS_CAP",
    "EXTRA_WORD_FACTOR",
    "Comparison",
    "TokenMatch",
    "compare",
    "token_similarity",
]

EXACT = 1.0
SPELLING_VARIANT = 0.95
ONE_EDIT = 0.90
SAME_CONSONANTS = 0.85
TWO_EDITS = 0.80
INITIAL = 0.70

ONE_EDIT_MIN_LENGTH = 4
TWO_EDITS_MIN_LENGTH = 8
CONSONANTS_MIN_LENGTH = 4

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


@attrs.frozen
class TokenMatch:
    """Two aligned words, how similar they are and by which rule."""

    query: str
    candidate: str
    similarity: float
    rule: str


@attrs.frozen
class Comparison:
    """The outcome of comparing two names, with everything needed to explain it."""

    score: float
    token_score: float
    joined_score: float
    aligned: tuple[TokenMatch, ...]
    unmatched_query: tuple[str, ...]
    unmatched_candidate: tuple[str, ...]
    notes: tuple[str, ...]


def token_similarity(a: NameToken, b: NameToken) -> tuple[float, str]:
    """Return the similarity of two words and the rule that gave it (0.0, "" if none)."""
    if a.text == b.text:
        return EXACT, "exact"
    if a.kind == "number" or b.kind == "number":
        return 0.0, ""
    if a.skeleton == b.skeleton:
        return SPELLING_VARIANT, "spelling variant"
    if a.syllabic or b.syllabic:  # one letter off is another character
        return 0.0, ""
    short = min(len(a.skeleton), len(b.skeleton))
    if short >= ONE_EDIT_MIN_LENGTH:
        distance = OSA.distance(a.skeleton, b.skeleton, score_cutoff=2)
        if distance <= 1:
            return ONE_EDIT, "one letter apart"
        if len(a.consonants) >= CONSONANTS_MIN_LENGTH and a.consonants == b.consonants:
            return SAME_CONSONANTS, "same consonants"
        if distance <= 2 and short >= TWO_EDITS_MIN_LENGTH:
            return TWO_EDITS, "two letters apart"
    elif len(a.consonants) >= CONSONANTS_MIN_LENGTH and a.consonants == b.consonants:
        return SAME_CONSONANTS, "same consonants"
    if (a.kind == "initial" and b.text.startswith(a.text)) or (
        b.kind == "initial" and a.text.startswith(b.text)
    ):
        return INITIAL, "initial"
    return 0.0, ""


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
) -> Comparison:
    """Compare a query name with a candidate (list) name.

    ``person`` selects the extra-word factor for person names. ``similarities`` may
    carry precomputed word similarities keyed by (query index, candidate index).
    """
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
    matched = weight = 0.0
    for similarity, i, j, rule in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        pair_weight = (query.tokens[i].weight + candidate.tokens[j].weight) / 2
        matched += similarity * pair_weight
        weight += pair_weight
        aligned.append(TokenMatch(query.tokens[i].text, candidate.tokens[j].text, similarity, rule))
    kind = "person" if person else "other"
    unmatched_q = [t for i, t in enumerate(query.tokens) if i not in used_q]
    unmatched_c = [t for j, t in enumerate(candidate.tokens) if j not in used_c]
    # A word left over on both sides is a different word (a substitution): both count
    # fully. Words left over on one side only are extra names and count less.
    left_q = sorted((t.weight for t in unmatched_q), reverse=True)
    left_c = sorted((t.weight for t in unmatched_c), reverse=True)
    swapped = min(len(left_q), len(left_c))
    weight += sum(left_q[:swapped]) + sum(left_c[:swapped])
    weight += QUERY_EXTRA_WORD_FACTOR[kind] * sum(left_q[swapped:])
    weight += EXTRA_WORD_FACTOR[kind] * sum(left_c[swapped:])
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
    if _patronymic_reversed(query, candidate, aligned):
        score = min(score, REVERSED_PATRONYMIC_CAP)
        notes.append(f"'X bin Y' read as 'Y bin X': capped at {REVERSED_PATRONYMIC_CAP}")
    if query.numbers and candidate.numbers and query.numbers != candidate.numbers:
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
    return Comparison(
        score=round(score, 4),
        token_score=round(token_score, 4),
        joined_score=joined,
        aligned=tuple(aligned),
        unmatched_query=tuple(t.text for t in unmatched_q),
        unmatched_candidate=tuple(t.text for t in unmatched_c),
        notes=tuple(notes),
    )


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
