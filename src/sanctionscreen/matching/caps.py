"""How much identifying evidence a comparison rests on, and the caps and raises it leads to.

- A match that rests on little is capped at :data:`WEAK_EVIDENCE_CAP`, a review at most:
  names that are not the same words and share less than :data:`MIN_EVIDENCE` of
  identifying weight ("Global Trading" / "Global Trading Group"), that meet through
  one word of fewer than eight letters, matched loosely ("Vector" / "Victory", "Airan"
  / "Sairan": distinct companies differ by a letter all the time; a slip of the pen,
  "Vitol" / "Vital", is not loose from five letters up) or among other words
  ("Mirza International" / "Mirza Company": a short word is an ordinary name as often
  as not), or through one word of three letters or fewer, initials ("EGP Trading" /
  "EGP");
- a company name that carries a listed organization's name whole, one of its words
  distinctive, is raised to :data:`CONTAINED_SCORE` ("Transneft Oil Transport Company"
  / "Transneft");
- two companies that share one short word and differ in their business words are
  capped at the same review level ("Pioneer Trading" / "Pioneer Logistics");
- "X bin Y" (X, son of Y) met by "Y bin X" is another person: capped at
  :data:`REVERSED_PATRONYMIC_CAP`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..names import NameToken, NormalizedName, is_group_word, is_place
from .words import (
    IDENTIFYING,
    ONE_EDIT_ANY_LENGTH,
    SHORT_WORD,
    SPELLING_VARIANT,
    VOWEL_LETTERS,
    TokenMatch,
)

__all__ = [
    "CONTAINED_SCORE",
    "GENERIC_ADDITION_FACTOR",
    "INITIALS_LENGTH",
    "MIN_EVIDENCE",
    "REVERSED_PATRONYMIC_CAP",
    "WEAK_EVIDENCE_CAP",
    "all_identifying_met",
    "cap_other_business",
    "cap_weak_evidence",
    "carries_listed_name",
    "distinctive",
    "generic_additions",
    "may_add_to",
    "may_be_addition",
    "mostly_own_words",
    "patronymic_reversed",
    "slip_of_the_pen",
]

REVERSED_PATRONYMIC_CAP = 0.7
MIN_EVIDENCE = 0.85
WEAK_EVIDENCE_CAP = 0.7
# Words this short are initials or acronyms: in company names they meet only as written,
# and a match that rests on one of them rests on initials ("EGP Trading" / "EGP").
INITIALS_LENGTH = 3
# A company name carrying a listed organization's name whole is at least a review.
CONTAINED_SCORE = 0.7
DISTINCTIVE_WEIGHT = 0.85
DISTINCTIVE_LENGTH = 8
DISTINCTIVE_LONG_WEIGHT = 0.5
CONTAINED_MIN_LETTERS = 5
# A query that carries a listed organization's name whole counts its generic additions
# (group words, places, an acronym) at this share of their weight: "Transoil Moscow
# Branch" is Transoil.
GENERIC_ADDITION_FACTOR = 0.15


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


def carries_listed_name(
    candidate: NormalizedName,
    identifying_pairs: list[tuple[float, str, NameToken, NameToken]],
    weight_of: Callable[[NameToken], float],
    unmatched_candidate: list[NameToken],
) -> bool:
    """Whether every identifying list word met a query word as written.

    Or spelled otherwise (not for a one-word name shorter than eight letters); one of
    them distinctive, five letters or more in all; and the
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
    # A short one-word name must be carried as written: "Tata Steel" does not carry
    # "Taatta" (the same key once double letters are read as one).
    least = (
        1.0
        if len(identifying) == 1 and len(identifying[0].text) < DISTINCTIVE_LENGTH
        else SPELLING_VARIANT
    )
    return (
        all_identifying_met(identifying, identifying_pairs, least)
        and any(distinctive(t, weight_of(t)) for t in identifying)
        and sum(len(t.text) for t in identifying) >= CONTAINED_MIN_LETTERS
    )


def all_identifying_met(
    identifying: list[NameToken],
    identifying_pairs: list[tuple[float, str, NameToken, NameToken]],
    least: float = SPELLING_VARIANT,
) -> bool:
    """Whether each of a list name's ``identifying`` words met a query word at ``least``.

    As written or spelled otherwise by default; False for a name without such words.
    """
    met = {id(c) for similarity, _, _, c in identifying_pairs if similarity >= least}
    return bool(identifying) and all(id(t) in met for t in identifying)


def generic_additions(
    unmatched_q: list[NameToken], unmatched_c: list[NameToken], candidate: NormalizedName
) -> frozenset[int]:
    """Return the ids of query words that add only generic detail to a listed name.

    Words that say how a business is organized ("Holding", "Group", "Branch"), titles,
    countries and large cities ("Moscow", unless the listed name names another place
    the query lacks: "Bank of China (Singapore)" is not "Bank of China (Hong Kong)"),
    and an acronym of the listed name's words ("ZSP" for "Zelenodolsk Shipyard Plant").
    Words that say what a business does ("Systems", "Trading") or that are part of
    many firms' names ("International") are not generic additions: "Crystalord
    Systems" is not "Crystalord".
    """
    if not unmatched_q:
        return frozenset()
    initials = "".join(token.text[0] for token in candidate.tokens)
    other_place = any(is_place(token.text) for token in unmatched_c)
    return frozenset(
        id(token) for token in unmatched_q if may_add_to(token, initials, places=not other_place)
    )


def may_add_to(token: NameToken, initials: str, *, places: bool = True) -> bool:
    """Whether a query word may be a generic addition to a name with these initials.

    A title, particle or group word, a place (when ``places``), or an acronym of the
    initials, as :func:`generic_additions` decides.
    """
    return (
        _detail_word(token)
        or (places and is_place(token.text))
        or (_acronym_shaped(token) and _acronym_of(token.text, initials))
    )


def may_be_addition(token: NameToken) -> bool:
    """Whether a query word could be a generic addition to some listed name.

    The candidate index bounds scores with it before it knows the listed name.
    """
    return _detail_word(token) or is_place(token.text) or _acronym_shaped(token)


def _detail_word(token: NameToken) -> bool:
    """Whether a word is a title, a particle or a word of how a business is organized."""
    return token.kind in ("title", "particle") or (
        token.kind == "filler" and is_group_word(token.text)
    )


def _acronym_shaped(token: NameToken) -> bool:
    # A word read from Arabic script is short for want of vowels, not an acronym.
    return 2 <= len(token.text) <= INITIALS_LENGTH and token.text.isalpha() and not token.abjad


def _acronym_of(word: str, initials: str) -> bool:
    """Whether ``word`` is the first letters of a name's words, some skipped, in order."""
    if word[0] != initials[0]:
        return False
    letters = iter(initials[1:])
    return all(ch in letters for ch in word[1:])


def cap_weak_evidence(
    score: float,
    evidence: float,
    identifying_pairs: list[tuple[float, str, NameToken, NameToken]],
    notes: list[str],
    others: bool = False,
    added: bool = False,
) -> float:
    """Cap a match that rests on too little: common words only, or one short word.

    ``others`` says whether either name has words left over beyond generic additions;
    ``added`` whether the query adds words to a one-word list name ("PTC India" /
    "PTC GmbH": initials with a place are still only initials).
    """
    if evidence < MIN_EVIDENCE and score > WEAK_EVIDENCE_CAP:
        notes.append(
            f"the names share little identifying weight ({evidence:.2f} < {MIN_EVIDENCE}): "
            f"capped at {WEAK_EVIDENCE_CAP}"
        )
        return WEAK_EVIDENCE_CAP
    if len(identifying_pairs) == 1 and score > WEAK_EVIDENCE_CAP:
        similarity, rule, q_token, c_token = identifying_pairs[0]
        short = min(len(q_token.text), len(c_token.text))
        if short <= INITIALS_LENGTH and (others or added):
            notes.append(
                f"the match rests on one word of {short} letters ({c_token.text}: initials "
                f"or an acronym): capped at {WEAK_EVIDENCE_CAP}"
            )
            return WEAK_EVIDENCE_CAP
        loose = similarity < SPELLING_VARIANT and (
            short < ONE_EDIT_ANY_LENGTH or not slip_of_the_pen(q_token.text, c_token.text)
        )
        if short < SHORT_WORD and (loose or others):
            how = "matched loosely" if loose else "among other words"
            notes.append(
                f"the match rests on one short word {how} "
                f"({q_token.text} / {c_token.text}, {rule}): capped at {WEAK_EVIDENCE_CAP}"
            )
            return WEAK_EVIDENCE_CAP
    return score


def cap_other_business(
    score: float,
    identifying_pairs: list[tuple[float, str, NameToken, NameToken]],
    unmatched_query: list[NameToken],
    unmatched_candidate: list[NameToken],
    notes: list[str],
) -> float:
    """Cap two companies that share one short word and differ in their line of business.

    "Pioneer Trading" / "Pioneer Logistics", "Future Enterprises" / "Future Bank": one
    identifying word in common, shorter than eight letters (an ordinary word as often as
    a name), and generic words left over on both sides that do not agree.
    """
    if score <= WEAK_EVIDENCE_CAP or len(identifying_pairs) != 1:
        return score
    shared = identifying_pairs[0][3]
    if len(shared.text) >= DISTINCTIVE_LENGTH:
        return score
    if any(t.kind in IDENTIFYING for t in (*unmatched_query, *unmatched_candidate)):
        return score
    ours = [t.text for t in unmatched_query if t.kind == "filler"]
    theirs = [t.text for t in unmatched_candidate if t.kind == "filler"]
    if not ours or not theirs:
        return score
    notes.append(
        f"one short word in common ({shared.text}) and other business words "
        f"({', '.join(ours)} / {', '.join(theirs)}): capped at {WEAK_EVIDENCE_CAP}"
    )
    return WEAK_EVIDENCE_CAP


# Letters that sound alike and are written for one another.
_SOUNDALIKE = frozenset(
    frozenset(pair)
    for pair in ("sz", "sc", "ck", "kq", "mn", "bp", "dt", "gk", "fv", "vw", "ij", "iy")
)


def slip_of_the_pen(a: str, b: str) -> bool:
    """Whether two words differ by a typist's slip rather than by another name.

    One vowel changed, added or dropped ("Vitol" / "Vital", "Stripe" / "Strip"), two
    letters swapped ("Apple" / "Appel") or one letter for one that sounds alike
    ("Gazprom" / "Gasprom", "China" / "Chima"). Not a consonant added or changed
    ("Sairan" / "Airan", "Pasna" / "Pavna"): that is how distinct names differ.
    """
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            x, y = a[diff[0]], b[diff[0]]
            return (x in VOWEL_LETTERS and y in VOWEL_LETTERS) or frozenset((x, y)) in _SOUNDALIKE
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    for i, ch in enumerate(longer):
        if longer[:i] + longer[i + 1 :] == shorter:
            return ch in VOWEL_LETTERS or (i > 0 and longer[i - 1] == ch)
    return False


def patronymic_reversed(
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
