"""Name normalization: the form in which a party's name meets a list's names.

:func:`normalize_name` takes a name as written (any script, any punctuation, legal
forms, titles) and returns a :class:`NormalizedName`: lower-case ASCII words with a
romanization-independent key each, a weight each (generic words and particles weigh
less), the legal forms found, the numbers the name contains, and the list of
normalizations that fired, so that a match can explain itself. Steps, in order:

1. Unicode clean-up (NFKC, invisible and control characters): :mod:`._clean`.
2. "LAST, First" person names read as "First LAST".
3. Words split at punctuation and at "camelCase" joins ("SiemensAG").
4. Look-alike letters in Latin words replaced, other scripts transliterated: :mod:`._scripts`.
5. Legal forms recognised and set aside with their class: ``data/legal_forms.csv``.
6. Abbreviations expanded, company words of other languages read in English
   ("zavod" -> "plant": ``data/name_translations.csv``), stopwords, titles and vessel
   prefixes dropped, generic words, particles and patronymics weighed down:
   ``data/name_words.csv``.
7. Keys that romanization variants share: :mod:`._phonetic`; Chinese and Korean names
   are also read as the syllables they stand for (:mod:`._east_asian`, used by matching).

The result is the same whatever the input's case, spacing or script, and normalizing
a normalized name's text again gives the same words.
"""

from __future__ import annotations

import re

import attrs

from .._caching import lru_cache
from ..errors import FieldTypeError, ValidationError
from ..kinds import EntityKind
from . import _vocabulary
from ._clean import clean
from ._east_asian import MAX_SYLLABLES, hangul_words, romanized_readings, shown_reading
from ._phonetic import consonants, skeleton
from ._romanization import scholarly_readings
from ._scripts import script_of, to_latin
from ._tokens import split_camel_case, split_words
from ._visual import visual_readings
from ._vocabulary import is_group_word, is_place

__all__ = [
    "IDENTIFYING_KINDS",
    "MAX_NAME_LENGTH",
    "MAX_SYLLABLES",
    "NameToken",
    "NormalizedName",
    "consonants",
    "is_generic_name",
    "is_group_word",
    "is_place",
    "normalize_name",
    "romanized_readings",
    "scholarly_readings",
    "shown_reading",
    "visual_readings",
]

# Names longer than this are not names; refusing them keeps matching cost bounded.
MAX_NAME_LENGTH = 500

FILLER_WEIGHT = 0.4
PARTICLE_WEIGHT = 0.4
INITIAL_WEIGHT = 0.4
PATRONYMIC_WEIGHT = 0.4
# East Slavic patronymics: Vladimirovich, Viktorovna, Oleksandrovych, Ilyich.
_PATRONYMIC = re.compile(r"^[a-z]{3,}(?:ovich|evich|ovych|evych|ovna|evna|ivna|yich|ich)$")

# Roman numerals that are not also name syllables ("Xi", "Vi" are names).
_ROMAN_NUMERALS = ("ii", "iii", "iv", "vii", "viii", "ix", "xii", "xiii", "xiv", "xv")
_ROMAN_VALUES = (2, 3, 4, 7, 8, 9, 12, 13, 14, 15)
_ROMAN = {n: str(v) for n, v in zip(_ROMAN_NUMERALS, _ROMAN_VALUES, strict=True)}
# One empty set for names without numbers or legal forms (the collector scans each set).
_NONE: frozenset[str] = frozenset()
_PERSON_ORDER = re.compile(r"^\s*([^,]+?)\s*,\s*([^,]+?)\s*$")


@attrs.frozen(cache_hash=True)
class NameToken:
    """One word of a normalized name.

    ``text`` is lower-case ASCII; ``skeleton`` and ``consonants`` are the keys under
    which spelling variants coincide; ``kind`` is ``word``, ``filler``, ``title``, ``particle``,
    ``initial``, ``patronymic`` or ``number``; ``weight`` how much the word counts in a comparison.
    ``syllabic`` marks a word transliterated from a syllabic or ideographic script
    (Chinese, Japanese, Korean), where one letter more or less is another character;
    ``abjad`` one transliterated from a script that mostly leaves vowels unwritten
    (Arabic, Persian, Hebrew), which meets Latin spellings by its consonants.
    """

    text: str
    skeleton: str
    consonants: str
    kind: str
    weight: float
    syllabic: bool = False
    abjad: bool = False


@attrs.frozen
class NormalizedName:
    """A name as compared: its words, legal forms, numbers and the steps taken.

    ``surnames`` holds the words of a person's family name when the name says which
    they are: the part before the comma of "LAST, First". It is empty otherwise (the
    last word is not reliably one: "Sher Mohammad Abbas Stanekzai Padshah Khan").
    """

    original: str
    tokens: tuple[NameToken, ...]
    legal_forms: tuple[str, ...]
    legal_families: frozenset[str]
    numbers: frozenset[str]
    steps: tuple[str, ...]
    joined: str
    joined_with_forms: str
    surnames: frozenset[str] = frozenset()
    generic: bool = False
    """Nothing but a legal form or generic words (see :func:`is_generic_name`)."""

    @property
    def text(self) -> str:
        """The normalized words, space-separated."""
        return " ".join(token.text for token in self.tokens)


IDENTIFYING_KINDS = frozenset({"word", "patronymic", "number"})
"""Kinds of word that identify a party; the others (generic words, particles, titles,
initials) only support a match."""


def is_generic_name(name: NormalizedName) -> bool:
    """Whether a name is nothing but a legal form or generic words ("LLC", "Global Trading").

    Such a name identifies no one: matching meets it only with a list name of the very
    same words. Read once, when the name is normalized.
    """
    return name.generic


def _generic(tokens: list[NameToken]) -> bool:
    if not any(token.kind in IDENTIFYING_KINDS for token in tokens):
        return True
    return _vocabulary.legal_form([token.text for token in tokens]) is not None


def normalize_name(
    text: object, *, kind: EntityKind | None = None, field: str = "name"
) -> NormalizedName:
    """Normalize a party or list name for matching; see the module docstring.

    Raises :class:`ValidationError` (naming ``field``) for text over
    :data:`MAX_NAME_LENGTH` characters or with no letters or digits left after
    normalization, and :class:`FieldTypeError` for anything but text. Results are
    cached: a name met twice (the model checks it, the matcher uses it) costs once.
    """
    if not isinstance(text, str):
        raise FieldTypeError(field, text, "a name must be text")
    if len(text) > MAX_NAME_LENGTH:
        raise ValidationError(field, text, f"is longer than {MAX_NAME_LENGTH} characters")
    return _normalize(text, kind or EntityKind.UNKNOWN, field)


@lru_cache(maxsize=16384)
def _normalize(text: str, kind: EntityKind, field: str) -> NormalizedName:
    cleaned, steps = clean(text)
    if len(cleaned) > MAX_NAME_LENGTH * 2:
        # Compatibility forms can expand one character into eighteen (U+FDFA).
        raise ValidationError(
            field, text, f"is longer than {MAX_NAME_LENGTH * 2} characters once expanded"
        )
    cleaned, family = _person_order(cleaned, kind, steps)
    camel = split_camel_case(cleaned)
    if camel != cleaned:
        steps.append("joined words split (camelCase)")
    words: list[str] = []
    syllabic: set[str] = set()
    abjad: set[str] = set()
    for raw in split_words(camel):
        latin, fired = to_latin(raw)
        steps.extend(step for step in fired if step not in steps)
        parts = hangul_words(raw) or [
            w.lower() for w in split_words(split_camel_case(latin) if fired else latin)
        ]
        script = _script_class(raw)
        if script == "syllabic":
            syllabic.update(parts)
        elif script == "abjad":
            abjad.update(parts)
        words.extend(parts)
    words = _read_digits_as_letters(words, steps)
    words, all_words, forms = _settle(words, kind, steps)
    tokens = _weigh(words, kind)
    if syllabic or abjad:
        tokens = [
            _marked(t, t.text in syllabic, t.text in abjad)
            if t.text in syllabic or t.text in abjad
            else t
            for t in tokens
        ]
    if not tokens:
        raise ValidationError(field, text, "has no letters or digits left after normalization")
    numbers = frozenset(t.text for t in tokens if t.kind == "number") or _NONE
    return NormalizedName(
        original=text,
        tokens=tuple(tokens),
        legal_forms=tuple(form.form_class for form in forms),
        legal_families=frozenset(form.family for form in forms) or _NONE,
        numbers=numbers,
        steps=tuple(steps),
        joined="".join(token.skeleton for token in tokens),
        joined_with_forms="".join(skeleton(word) for word in all_words),
        surnames=_surnames(tokens, family),
        generic=_generic(tokens),
    )


def _settle(
    words: list[str], kind: EntityKind, steps: list[str]
) -> tuple[list[str], list[str], list[_vocabulary.LegalForm]]:
    """Apply the word rules until nothing changes, so that normalizing again changes nothing.

    Joining initials, expanding abbreviations and dropping stopwords can each expose
    work for another ("A la B" -> "A B"); setting a legal form aside, or a leading
    title or a repeated word, can bring another form to an end of the name or initials
    together ("GmbH AO Sertal", "C Co. Ltd M V"). Returns the words, the words before
    any legal form was set aside (for names with a form glued on), and the forms.
    """
    forms: list[_vocabulary.LegalForm] = []
    all_words: list[str] | None = None
    while True:
        settled = words
        while True:
            joined = _join_initials(settled, kind, steps)
            more = _drop_stopwords(_vocabulary.expand(joined, steps), steps)
            if more == settled:
                break
            settled = more
        if all_words is None:
            all_words = list(settled)
        settled = _drop_repeats(_drop_leading_titles(settled, kind, steps), kind, steps)
        settled, found = _legal_forms_once(settled)
        forms += found
        if settled == words:
            break
        words = settled
    if forms:
        shown = ", ".join(dict.fromkeys(f"{' '.join(f.words)} ({f.form_class})" for f in forms))
        steps.append(f"legal form set aside: {shown}")
    return words, all_words, forms


def _drop_leading_titles(words: list[str], kind: EntityKind, steps: list[str]) -> list[str]:
    """Drop titles before a person's name ("Mr", "Sheikh"), vessel prefixes before a ship's.

    Only when the kind is known (an unknown party's "General Electric" keeps its
    "General", weighed down) and never the last word.
    """
    if kind is EntityKind.UNKNOWN:
        return words
    vocabulary = _vocabulary.words()
    wanted = "vessel_prefix" if kind is EntityKind.VESSEL else "title"
    start = 0
    while start < len(words) - 1 and wanted in vocabulary.get(words[start], {}):
        start += 1
    if start:
        steps.append(f"dropped: {', '.join(words[:start])}")
    return words[start:]


def _drop_repeats(words: list[str], kind: EntityKind, steps: list[str]) -> list[str]:
    """Drop a word that repeats the one before it ("Sergey Sergey Shoigu", "IV IV")."""
    kept: list[str] = []
    for word in words:
        if kept and _token(kept[-1], kind).text == _token(word, kind).text:
            steps.append(f"dropped: {word}")
            continue
        kept.append(word)
    return kept


def _surnames(tokens: list[NameToken], family: str | None) -> frozenset[str]:
    """Return the words of a person's family name, when the name says which they are."""
    if family is None:
        return _NONE
    words = {w.lower() for raw in split_words(family) for w in split_words(to_latin(raw)[0])}
    return frozenset(t.text for t in tokens if t.text in words and t.kind == "word") or _NONE


_DIGIT_LETTERS = str.maketrans("0134579", "oieastg")
_INNER_DIGITS = re.compile(r"^[a-z]+[0-9]{1,2}[a-z]+$|^[a-z]{2,}[0-9]$")


_SYLLABIC_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "YI", "BOPOMOFO")
# Scripts that write long vowels at most: their words meet Latin ones by consonants.
_ABJAD_SCRIPTS = ("ARABIC", "HEBREW", "SYRIAC", "THAANA")


@lru_cache(maxsize=65536)
def _script_class(word: str) -> str:
    """Return "syllabic", "abjad" or "" for a word as written (see NameToken)."""
    if word.isascii():
        return ""
    scripts = [script_of(ch) for ch in word if ch.isalpha()]
    if any(script.startswith(_SYLLABIC_SCRIPTS) for script in scripts):
        return "syllabic"
    if any(script.startswith(_ABJAD_SCRIPTS) for script in scripts):
        return "abjad"
    return ""


@lru_cache(maxsize=65536)
def _marked(token: NameToken, syllabic: bool, abjad: bool) -> NameToken:
    """Return the token marked with the script it came from (shared, like _token's)."""
    return attrs.evolve(token, syllabic=syllabic, abjad=abjad)


def _read_digits_as_letters(words: list[str], steps: list[str]) -> list[str]:
    """Read digits inside a word as the letters they imitate ("Sech1n", "Ig0r")."""
    read = [w.translate(_DIGIT_LETTERS) if _INNER_DIGITS.match(w) else w for w in words]
    changed = [f"{a}->{b}" for a, b in zip(words, read, strict=True) if a != b]
    if changed:
        steps.append(f"digits read as look-alike letters: {', '.join(changed)}")
    return read


def _join_initials(words: list[str], kind: EntityKind, steps: list[str]) -> list[str]:
    """Join runs of single letters into one word ("A.B.C. Company" -> "abc").

    Two letters are enough for an organization; otherwise three, so that a person's
    initials ("J. C. Juncker") stay initials.
    """
    least = 2 if kind is EntityKind.ORGANIZATION else 3
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= least:
            joined.append("".join(run))
            steps.append(f"initials joined: {'.'.join(run)} -> {''.join(run)}")
        else:
            joined.extend(run)
        run = []
        if word:
            joined.append(word)
    return joined


def _person_order(text: str, kind: EntityKind, steps: list[str]) -> tuple[str, str | None]:
    """Read "PUTIN, Vladimir" as "Vladimir PUTIN" for persons (and look-alike unknowns).

    Returns the text and, when it was reordered, the family name part.
    """
    if kind not in (EntityKind.PERSON, EntityKind.UNKNOWN):
        return text, None
    match = _PERSON_ORDER.match(text)
    if not match:
        return text, None
    last, first = match.groups()
    first_words = [to_latin(w)[0].lower() for w in split_words(first)]
    if not first_words or len(first_words) > 4 or len(split_words(last)) > 3:
        return text, None
    # "ACME, Inc." and "Example Trading, LLC" are companies, not "LAST, First".
    if any(_vocabulary.legal_form([word]) for word in first_words) or _vocabulary.legal_form(
        first_words
    ):
        return text, None
    steps.append("read 'LAST, First' as 'First LAST'")
    return f"{first} {last}", last


def _legal_forms_once(words: list[str]) -> tuple[list[str], list[_vocabulary.LegalForm]]:
    """Set legal forms aside: unambiguous ones anywhere, ordinary words only at the ends.

    One pass; :func:`_settle` repeats it, since setting one aside can bring another to
    an end of the name.
    """
    table = _vocabulary.legal_forms()
    longest = _vocabulary.longest_form()
    starts = _vocabulary.form_starts()
    # Forms are looked up by skeleton: "ogranichennoi" / "ogranichennoy" / "-noj" alike.
    keys = [_vocabulary.form_key(word) for word in words]
    if not starts.intersection(keys):
        return words, []
    kept: list[str] = []
    found: list[_vocabulary.LegalForm] = []
    position = 0
    while position < len(words):
        if keys[position] not in starts:
            kept.append(words[position])
            position += 1
            continue
        for size in range(min(longest, len(words) - position), 0, -1):
            form = table.get(tuple(keys[position : position + size]))
            if form is None:
                continue
            if form.anywhere or position == 0 or _ends_name(words[position + size :]):
                found.append(form)
                position += size
                break
        else:
            kept.append(words[position])
            position += 1
    if not kept:  # a name that is nothing but a legal form keeps its words
        return words, []
    return kept, found


def _ends_name(after: list[str]) -> bool:
    """Whether the words after a legal form leave it at the end of the name proper.

    Nothing after it, or only a place and group words: "Galaxy Bearings Ltd
    (Mumbai)", "X Ltd Moscow Branch".
    """
    return not after or (
        any(is_place(word) for word in after)
        and all(is_place(word) or is_group_word(word) for word in after)
    )


def _drop_stopwords(words: list[str], steps: list[str]) -> list[str]:
    """Drop articles and conjunctions ("The", "of", "and"); keep them if nothing else is left."""
    kept = _vocabulary.without_stopwords(words)
    if len(kept) != len(words):
        steps.append(f"stopwords dropped: {', '.join(w for w in words if w not in kept)}")
    return kept


def _weigh(words: list[str], kind: EntityKind) -> list[NameToken]:
    vocabulary = _vocabulary.words()
    tokens: list[NameToken] = []
    for position, word in enumerate(words):
        entry = vocabulary.get(word, {})
        last = position == len(words) - 1
        # Titles and vessel prefixes count only before the name proper ("President
        # Erdogan", "MV Hellenic Spirit"): a known kind's were dropped (_settle); when
        # the kind is unknown they are weighed down rather than dropped ("General
        # Electric").
        prefix = entry.get("title") or entry.get("vessel_prefix")
        if kind is EntityKind.UNKNOWN and prefix is not None and not tokens and not last:
            tokens.append(NameToken(word, skeleton(word), "", "title", FILLER_WEIGHT))
            continue
        tokens.append(_token(word, kind))
    return tokens


@lru_cache(maxsize=65536)
def _token(word: str, kind: EntityKind) -> NameToken:
    entry = _vocabulary.words().get(word, {})
    if word.isdigit() or word in _ROMAN:
        number = str(int(word)) if word.isdigit() else _ROMAN[word]
        return NameToken(number, number, number, "number", 1.0)
    if "particle" in entry and kind is not EntityKind.ORGANIZATION:
        canonical = entry["particle"].canonical
        return NameToken(canonical, skeleton(canonical), "", "particle", PARTICLE_WEIGHT)
    if "filler" in entry and kind is not EntityKind.PERSON:
        canonical = entry["filler"].canonical
        return NameToken(
            canonical, skeleton(canonical), consonants(canonical), "filler", FILLER_WEIGHT
        )
    if len(word) == 1:
        return NameToken(word, word, "", "initial", INITIAL_WEIGHT)
    if kind is not EntityKind.ORGANIZATION and _PATRONYMIC.search(word):
        return NameToken(word, skeleton(word), consonants(word), "patronymic", PATRONYMIC_WEIGHT)
    return NameToken(word, skeleton(word), consonants(word), "word", 1.0)
