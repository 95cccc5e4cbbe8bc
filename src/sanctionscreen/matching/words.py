"""Comparing two words of names: the rules, strongest first, and the scores they give.

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
abbreviation       0.85      the query word is a generic list word cut short ("Conc" /
                             Concern, "Instr" / Instrument: three letters or more) or
                             reduced to its consonants ("Cncrn" / Concern, "Brgs" /
                             Bearings: four or more); not in person names
adjective          0.85      a Russian adjective and the place it is made from ("Izhevsky"
 of a place                  / Izhevsk, "Yaroslavsky" / Yaroslavl); not in person names
written apart      0.95      two adjacent query words that joined are a list word's key
                             ("Trans Neft" / "Transneft"); they count as one word
initial            0.70      one side is an initial of the other ("V." / "Vladimir")
=================  ========  ==============================================================

Anything else does not match, and names that meet only through initials do not match
at all: an initial is too little to alert on. Because every rule is an exact key
comparison or an edit bound, an index built on the same keys finds every pair these
rules can score (see :mod:`sanctionscreen.matching.index`).
"""

from __future__ import annotations

import re

import attrs
from rapidfuzz.distance import OSA

from .._caching import lru_cache
from ..names import IDENTIFYING_KINDS, NameToken, NormalizedName, consonants
from .given_names import GIVEN_NAME_RULE, given_names

__all__ = [
    "ABBREVIATION",
    "ABBREVIATION_MIN_CONSONANT_SHARE",
    "ABBREVIATION_MIN_LENGTH",
    "ABJAD_CONSONANTS",
    "ABJAD_JOINED",
    "ADJECTIVE",
    "CONSONANTS_MIN_LENGTH",
    "EXACT",
    "GIVEN_NAME",
    "IDENTIFYING",
    "INITIAL",
    "JOINED_ONE_EDIT_MAX_LENGTH",
    "JOINED_ONE_EDIT_MIN_LENGTH",
    "MAX_FUZZY_LENGTH",
    "ONE_EDIT",
    "ONE_EDIT_ANY_LENGTH",
    "ONE_EDIT_MIN_LENGTH",
    "OTHER_ROMANIZATION",
    "SAME_CONSONANTS",
    "SHORT_WORD",
    "SPELLING_VARIANT",
    "TWO_EDITS",
    "TWO_EDITS_MIN_LENGTH",
    "VOWEL_LETTERS",
    "WORD_FORM_RULES",
    "WRITTEN_APART",
    "TokenMatch",
    "abbreviates",
    "abjad_keys",
    "adjective_stem",
    "consonant_count",
    "consonant_shaped",
    "joined_pairs",
    "joined_similarity",
    "may_abbreviate",
    "place_keys",
    "token_similarity",
    "written_as",
]

# Word kinds that identify a party; the others (generic words, particles) only support
# a match. Initials are not evidence but can be substituted ("William G." / "William W.").
IDENTIFYING = IDENTIFYING_KINDS
EXACT = 1.0
SPELLING_VARIANT = 0.95
WRITTEN_APART = 0.95
ONE_EDIT = 0.90
SAME_CONSONANTS = 0.85
ABJAD_CONSONANTS = 0.85
TWO_EDITS = 0.80
ABBREVIATION = 0.85
ADJECTIVE = 0.85
INITIAL = 0.70
# Rules that read one word as a form of another rather than a spelling of it: they
# hold in company names (words cut short on shipping documents, a factory named after
# its town) but not in person names ("Ivan" is not "Ivanov", "Petrovsky" not "Petrov").
WORD_FORM_RULES = frozenset({"abbreviation", "adjective of a place"})

ONE_EDIT_MIN_LENGTH = 4
# Words longer than this meet others only exactly, by romanization key or by consonants:
# no word of a real name is this long (the 2021 SDN's longest has 24 letters), and the
# keys for letters apart grow with the square of a word's length.
MAX_FUZZY_LENGTH = 40
# Below this length one edit must keep the consonants or add or drop a letter.
ONE_EDIT_ANY_LENGTH = 5
TWO_EDITS_MIN_LENGTH = 8
CONSONANTS_MIN_LENGTH = 4
CONSONANTS_MAX_EDITS = 2
# The longest Latin word that meets an Arabic-script word by a single consonant.
ONE_CONSONANT_MAX_LENGTH = 4
# A loose match (one letter apart or weaker) on a word shorter than this is too
# likely a different word to alert on alone ("Vector" / "Victory", "Khan" / "Khun",
# "Airan" / "Sairan").
SHORT_WORD = 8

# Only generic words are abbreviated. Cut short, a word keeps at least one letter fewer
# than ABBREVIATION_MIN_LENGTH and leaves out at least ABBREVIATION_MIN_CUT; reduced to
# consonants it keeps at least ABBREVIATION_MIN_LENGTH letters and
# ABBREVIATION_MIN_CONSONANT_SHARE of the word's consonants.
ABBREVIATION_MIN_LENGTH = 4
ABBREVIATION_MAX_LENGTH = 12
ABBREVIATION_MIN_CUT = 2
ABBREVIATION_MIN_CONSONANT_SHARE = 0.6
VOWEL_LETTERS = frozenset("aeiouy")
# Endings of Russian adjectives made from place names, as romanized: "-sky", "-skiy",
# "-skii", "-skij", "-skaya", "-skoye", "-skoe", "-skogo", "-skie", "-skiye".
_ADJECTIVE_ENDING = re.compile(r"sk(?:iy|ii|ij|y|i|aya|aja|oye|oe|ogo|ie|iye)$")
ADJECTIVE_MIN_STEM = 4
# The place may end in up to this many letters the adjective drops ("Izhev-sk" /
# "Izhev-sky", "Yaroslav-l" / "Yaroslav-sky").
ADJECTIVE_MAX_TAIL = 2

JOINED_EXACT = 1.0
JOINED_ONE_EDIT = 0.93
# A Chinese or Korean name that can be the other romanized otherwise ("Mao Tse-tung" /
# "Mao Zedong", "Gim Jeong-eun" / "Kim Jong Un"): the systems drop marks, so a little
# below the same spelling.
OTHER_ROMANIZATION = 0.93
# One given name in two languages ("Yusuf" / "Joseph", "Moshe" / "Musa"): each
# language says it its own way, so below the spellings of one word.
GIVEN_NAME = 0.85
# Marks the joined key of two words from Arabic script (consonants, not a skeleton).
ABJAD_JOINED = "~"
# The first and second parts of Arabic compound names as read from Arabic script:
# 'Abd (servant of), Abu (father of); Allah, al-Din (of the faith).
_COMPOUND_FIRST = frozenset({"bd", "bw"})
_COMPOUND_SECOND = frozenset({"llh", "ldyn"})
JOINED_MIN_LENGTH = 5
JOINED_ONE_EDIT_MIN_LENGTH = 8
JOINED_ONE_EDIT_MAX_LENGTH = 24


@attrs.frozen
class TokenMatch:
    """Two aligned words, how similar they are and by which rule."""

    query: str
    candidate: str
    similarity: float
    rule: str


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
        return _given_name(a, b)
    if a.abjad != b.abjad:
        if a.kind != "initial" and b.kind != "initial" and abjad_keys(a) & abjad_keys(b):
            return ABJAD_CONSONANTS, "consonants (Arabic or Hebrew script)"
        return _given_name(a, b)
    # Lengths as written: "Scholz" is six letters even if its key ("solz") is four.
    short = min(len(a.text), len(b.text))
    # Letters apart are looked for only in words of a name's length (see keys.py).
    fuzzy = max(len(a.text), len(b.text)) <= MAX_FUZZY_LENGTH
    distance = 3
    if (fuzzy and short >= ONE_EDIT_MIN_LENGTH) or (
        len(a.consonants) >= CONSONANTS_MIN_LENGTH and a.consonants == b.consonants
    ):
        distance = OSA.distance(a.skeleton, b.skeleton, score_cutoff=3)
    if (
        fuzzy
        and short >= ONE_EDIT_MIN_LENGTH
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
    if fuzzy and distance <= 2 and short >= TWO_EDITS_MIN_LENGTH:
        return TWO_EDITS, "two letters apart"
    # Word forms start as their word does: most pairs are ruled out by the first letter.
    if a.text[:1] == b.text[:1]:
        if abbreviates(a, b):
            return ABBREVIATION, "abbreviation"
        if _adjective_of_place(a, b) or _adjective_of_place(b, a):
            return ADJECTIVE, "adjective of a place"
    if (a.kind == "initial" and b.text.startswith(a.text)) or (
        b.kind == "initial" and a.text.startswith(b.text)
    ):
        return INITIAL, "initial"
    return _given_name(a, b)


def _given_name(a: NameToken, b: NameToken) -> tuple[float, str]:
    """Return the last rule tried: one given name in two languages (:mod:`.given_names`)."""
    if a.kind == "word" == b.kind and given_names(a.text) & given_names(b.text):
        return GIVEN_NAME, GIVEN_NAME_RULE
    return 0.0, ""


def abbreviates(short: NameToken, full: NameToken) -> bool:
    """Whether ``short`` (a query word) is ``full`` (a list word) cut short or to consonants.

    Only generic words: a name's own word cut short is another word ("Excel" /
    "Excellence"). Cut short: "Conc" / Concern, "Techn" / Technologies, "Instr" /
    Instrument; three letters or more, and at least two letters cut. To consonants:
    "Cncrn" / Concern, "Brgs" / Bearings, "Dvlpmt" / Development; the same first
    letter, then consonants only, in order, most of the word's consonants.
    """
    if full.kind != "filler" or not may_abbreviate(short):
        return False
    text, word = short.text, full.text
    if len(word) < len(text) + ABBREVIATION_MIN_CUT:
        return False
    if word.startswith(text):
        return True
    if text[0] != word[0] or not consonant_shaped(text):
        return False
    if len(text) < ABBREVIATION_MIN_CONSONANT_SHARE * consonant_count(word):
        return False
    letters = iter(word[1:])
    return all(ch in letters for ch in text[1:])


def consonant_count(word: str) -> int:
    """Return how many letters of a word are not vowels ("y" counts as a vowel)."""
    return sum(1 for ch in word if ch not in VOWEL_LETTERS)


def consonant_shaped(text: str) -> bool:
    """Whether a word is long enough, and bare enough of vowels, to be one reduced to consonants.

    Vowels are kept only at its start ("Elctr" / Electric): "Cncrn", "Brgs", "Dvlpmt".
    """
    return len(text) >= ABBREVIATION_MIN_LENGTH and not VOWEL_LETTERS.intersection(text[1:])


def may_abbreviate(token: NameToken) -> bool:
    """Whether a query word has the shape of an abbreviation of a longer generic word.

    A word of its own (a generic word is complete), in Latin letters, of three to
    :data:`ABBREVIATION_MAX_LENGTH` letters.
    """
    return (
        token.kind == "word"
        and not token.syllabic
        and not token.abjad
        and ABBREVIATION_MIN_LENGTH - 1 <= len(token.text) <= ABBREVIATION_MAX_LENGTH
        and token.text.isalpha()
    )


@lru_cache(maxsize=1 << 16)
def adjective_stem(word: str) -> str:
    """Return the stem of a Russian adjective made from a place ("izhevsky" -> "izhev").

    Empty when the word has no such ending or too short a stem.
    """
    match = _ADJECTIVE_ENDING.search(word)
    if match is None or match.start() < ADJECTIVE_MIN_STEM:
        return ""
    return word[: match.start()]


def _adjective_of_place(adjective: NameToken, place: NameToken) -> bool:
    if adjective.kind != "word" or place.kind != "word":
        return False
    stem = adjective_stem(adjective.text)
    return (
        bool(stem)
        and place.text.startswith(stem)
        and len(place.text) - len(stem) <= ADJECTIVE_MAX_TAIL
        and place.text != adjective.text
    )


@lru_cache(maxsize=1 << 16)
def place_keys(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the keys a word is filed under and looks up to meet adjectives of places.

    A place is filed as itself and itself less its last one or two letters; an
    adjective's stem is looked up among those. An adjective is filed by its stem; a
    place looks itself up there, less its last letters too. So a place meets only
    adjectives and an adjective only places: ordinary words meet nothing new.
    """
    cuts = [
        word[: len(word) - cut]
        for cut in range(ADJECTIVE_MAX_TAIL + 1)
        if len(word) - cut >= ADJECTIVE_MIN_STEM
    ]
    filed = [f"place:{cut}" for cut in cuts]
    wanted = [f"adjective:{cut}" for cut in cuts]
    stem = adjective_stem(word)
    if stem:
        filed.append(f"adjective:{stem}")
        wanted.append(f"place:{stem}")
    return tuple(filed), tuple(wanted)


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
    keys = {key}
    if token.abjad:
        # Hebrew kaf reads "k" as often as "kh" ("khhn" is "Cohen").
        if "kh" in token.text:
            keys.add(consonants(token.text.replace("kh", "q")))  # "q" keys as "k"
    else:
        # Arabic and Hebrew script write a long "u" or "o" with a letter, waw or vav
        # ("ywsf" is "Yusuf", "mhmwd" is "Mahmud"; short ones not): one "u" or "o" of
        # the Latin word may be that letter. And they write a consonant said twice once
        # ("حداد" is "hdd", whose skeleton keeps one "d"): "Haddad" is also keyed "hd".
        skeleton = token.skeleton
        keys |= {
            consonants(skeleton[:i] + "v" + skeleton[i + 1 :])
            for i, ch in enumerate(skeleton)
            if ch in "uo" and i > 0
        }
        keys.add("".join(ch for i, ch in enumerate(key) if i == 0 or ch != key[i - 1]))
    keys |= {k[:-1] for k in keys if len(k) > 2 and k.endswith("h")}
    return frozenset(k for k in keys if k)


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


def joined_pairs(name: NormalizedName) -> list[tuple[int, str]]:
    """Return (index of the first, joined key) for adjacent words that may be one word.

    Numbers, initials and syllables of syllabic scripts are never halves of a word.
    """
    tokens = name.tokens
    pairs = [
        (i, _joined_key(tokens[i], tokens[i + 1]))
        for i in range(len(tokens) - 1)
        if _joinable(tokens[i])
        and _joinable(tokens[i + 1])
        and tokens[i].abjad == tokens[i + 1].abjad
    ]
    # Arabic script writes apart only the parts of compound names ("عبد الله", "ابو بكر",
    # "نور الدين"); other pairs of its words are two words.
    return [
        (i, key)
        for i, key in pairs
        if not key.startswith(ABJAD_JOINED)
        or tokens[i].text in _COMPOUND_FIRST
        or tokens[i + 1].text in _COMPOUND_SECOND
    ]


def _joined_key(first: NameToken, second: NameToken) -> str:
    """Two words' key as one word: their skeletons, or from Arabic script, consonants."""
    if first.abjad:
        return ABJAD_JOINED + first.consonants + second.consonants
    return first.skeleton + second.skeleton


def written_as(key: str, token: NameToken) -> bool:
    """Whether two query words joined (their key from :func:`joined_pairs`) are ``token``.

    Arabic script writes apart what Latin letters join ("عبد الله" / "Abdullah").
    """
    if key.startswith(ABJAD_JOINED):
        return not token.abjad and key.removeprefix(ABJAD_JOINED) in abjad_keys(token)
    return token.skeleton == key


def _joinable(token: NameToken) -> bool:
    return token.kind not in ("number", "initial") and not token.syllabic
