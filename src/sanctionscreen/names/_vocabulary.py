"""The words of names that carry little identity, and legal forms, from the data files.

``data/name_words.csv`` lists abbreviations with their expansion ("Intl" ->
"international"), variants read as one word ("Airlines" -> "air", "Kontsern" ->
"concern"), generic business words that are weighed down ("trading", "group"), the
generic words that say how a business is organized ("group", "branch"),
particles of person names ("bin", "van"), stopwords that are dropped ("the", "of"),
titles dropped from person names ("Mr", "President") and prefixes dropped from vessel
names ("MV", "M/T"). ``data/legal_forms.csv`` lists legal forms as written in many languages
and scripts with their canonical class and family.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .._caching import cache
from .._data import read_table
from ..errors import DataError
from ._phonetic import skeleton
from ._scripts import to_latin
from ._tokens import split_camel_case, split_words

__all__ = [
    "LegalForm",
    "Word",
    "expand",
    "is_group_word",
    "is_place",
    "legal_form",
    "legal_forms",
    "translation",
    "words",
]

_KINDS = (
    "abbreviation",
    "filler",
    "group",
    "particle",
    "stopword",
    "title",
    "variant",
    "vessel_prefix",
)


@attrs.frozen
class Word:
    """How a word of a name is read: its canonical form, its kind and its weight."""

    canonical: str
    kind: str
    weight: float | None


@attrs.frozen
class LegalForm:
    """A legal form: its canonical class ("LLC") and family ("limited_liability").

    ``anywhere`` says whether it is recognised anywhere in a name or only at its start
    or end (forms that are also ordinary words: "Company", "AG").
    """

    words: tuple[str, ...]
    form_class: str
    family: str
    anywhere: bool


def _tokens(text: str) -> tuple[str, ...]:
    # Words are cut the way names are cut (see _tokens.py and normalize_name).
    return tuple(
        part.lower()
        for word in split_words(split_camel_case(text))
        for part in split_words(split_camel_case(to_latin(word)[0]))
    )


def without_stopwords(name_words: list[str]) -> list[str]:
    """Return ``name_words`` without stopwords, or unchanged if nothing else is left."""
    table = words()
    kept = [word for word in name_words if "stopword" not in table.get(word, {})]
    return kept or list(name_words)


@cache
def words() -> Mapping[str, Mapping[str, Word]]:
    """Return ``name_words.csv`` as word -> {kind: Word}.

    A word can have several kinds: "general" is a filler in company names and a title
    before a person's name.
    """
    table: dict[str, dict[str, Word]] = {}
    for row in read_table("name_words.csv"):
        if row["kind"] not in _KINDS:
            raise DataError(f"name_words.csv: unknown kind {row['kind']!r}")
        weight = float(row["weight"]) if row["weight"] else None
        key = "".join(_tokens(row["word"])) or row["word"]
        table.setdefault(key, {})[row["kind"]] = Word(row["canonical"], row["kind"], weight)
    return table


@cache
def _translations() -> Mapping[str, tuple[str, ...]]:
    """Return ``name_translations.csv`` as word skeleton -> the English words it reads as."""
    table: dict[str, tuple[str, ...]] = {}
    for row in read_table("name_translations.csv"):
        canonical = tuple(row["canonical"].split())
        words_of = _tokens(row["word"])
        if len(words_of) != 1 or not canonical:
            raise DataError(f"name_translations.csv: {row['word']!r} must be one word")
        known = table.setdefault(skeleton(words_of[0]), canonical)
        if known != canonical:
            raise DataError(f"name_translations.csv: {row['word']!r} reads two ways")
    return table


def translation(word: str) -> tuple[str, ...] | None:
    """Return the English words a company word of another language reads as, if listed.

    Looked up by romanization skeleton, so that "mekhanicheskiy", "mekhanichesky" and
    "mekhanicheskii" are one entry.
    """
    return _translations().get(skeleton(word)) if len(word) > 2 else None


@cache
def _places() -> frozenset[str]:
    return frozenset(word for row in read_table("place_words.csv") for word in _tokens(row["word"]))


def is_group_word(word: str) -> bool:
    """Whether a generic word says how a business is organized, not what it does.

    "Group", "Holding", "Branch", "Office" (kind ``group`` in ``name_words.csv``), as
    against "Trading", "Logistics", "Engineering".
    """
    return "group" in words().get(word, {})


def is_place(word: str) -> bool:
    """Whether a name's word is a country or large city (``place_words.csv``)."""
    return word in _places()


def expand(name_words: list[str], steps: list[str]) -> list[str]:
    """Expand abbreviations ("Intl" -> "international") and read variants as one word.

    Variants: "Airlines" -> "air", "Kontsern" -> "concern"; company words of other
    languages are read in English ("zavod" -> "plant", "NII" -> "research institute").
    Done before anything reads the words; each change is noted in ``steps``.
    """
    table = words()
    expanded: list[str] = []
    changed: dict[str, list[str]] = {"abbreviation": [], "variant": [], "translation": []}
    for word in name_words:
        entry = table.get(word, {})
        for kind in ("abbreviation", "variant"):
            if kind in entry:
                changed[kind].append(f"{word}->{entry[kind].canonical}")
                word = entry[kind].canonical
                break
        else:
            english = translation(word)
            if english is not None and english != (word,):
                changed["translation"].append(f"{word}->{' '.join(english)}")
                expanded.extend(english)
                continue
        expanded.append(word)
    labels = {
        "abbreviation": "abbreviations expanded",
        "variant": "word variants read as one",
        "translation": "company words translated",
    }
    steps.extend(
        f"{labels[kind]}: {', '.join(dict.fromkeys(found))}"
        for kind, found in changed.items()
        if found
    )
    return expanded


def form_key(word: str) -> str:
    """Return the key a word of a legal form is looked up by.

    Long words by skeleton ("ogranichennoi" / "ogranichennoy" / "ogranichennoj"),
    abbreviations as written ("LLP" and "LP" are different forms).
    """
    return skeleton(word) if len(word) > 4 else word


def legal_form(name_words: list[str]) -> LegalForm | None:
    """Return the legal form these words are, if they are one."""
    return legal_forms().get(tuple(form_key(word) for word in name_words))


@cache
def legal_forms() -> Mapping[tuple[str, ...], LegalForm]:
    """Return the legal forms keyed by their words' :func:`form_key`."""
    forms: dict[tuple[str, ...], LegalForm] = {}
    abbreviations = {
        w: e["abbreviation"].canonical for w, e in words().items() if "abbreviation" in e
    }
    for row in read_table("legal_forms.csv"):
        # The form's words as a name's words reach legal-form detection: abbreviations
        # expanded, stopwords dropped ("S.A. de C.V." -> "s a c v").
        key = tuple(without_stopwords([abbreviations.get(w, w) for w in _tokens(row["form"])]))
        if not key:
            raise DataError(f"legal_forms.csv: {row['form']!r} has no letters")
        if row["position"] not in ("any", "edge"):
            raise DataError(f"legal_forms.csv: unknown position {row['position']!r}")
        form = LegalForm(key, row["class"], row["family"], row["position"] == "any")
        known = forms.setdefault(tuple(form_key(word) for word in key), form)
        if known.form_class != form.form_class:
            raise DataError(
                f"legal_forms.csv: {row['form']!r} is both {known.form_class} and {form.form_class}"
            )
    return forms


@cache
def form_starts() -> frozenset[str]:
    """Return the words a legal form can start with (most names contain none)."""
    return frozenset(key[0] for key in legal_forms())


@cache
def longest_form() -> int:
    """Return the number of tokens of the longest legal form."""
    return max(len(key) for key in legal_forms())
