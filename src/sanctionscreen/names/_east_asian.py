"""Chinese and Korean names in another romanization: the syllables they can be.

Lists and trade documents write the same Chinese name in pinyin ("Xi Jinping", "Mao
Zedong") or Wade-Giles ("Hsi Chin-p'ing", "Mao Tse-tung", usually without its
apostrophes), and the same Korean name in Revised Romanization ("Gim Jeong-eun"),
McCune-Reischauer ("Kim Chong-un", usually without its breves), North Korea's own
system ("Kim Jong Un", "Jang Song Thaek") or a family's own spelling ("Lee", "Park").
No letter-by-letter rule joins these: "Hsi" and "Xi" share one letter.

So a name shaped like a Chinese or Korean person's name (a family name from the
tables at one end, every word read as syllables of the language) is read back into
the syllables it can stand for: pinyin syllables for Chinese, Hangul syllables for
Korean. A spelling that drops a system's marks stands for every syllable it may be
("chin" is "jin" or "qin"; McCune-Reischauer "song" is 송 or 성), and two names are
the same name in two romanizations when some reading of one is a reading of the
other. Pinyin "Dong" and "Tong" stay apart: neither can be the other.

Family names are moved to the front, as both languages write them, so "Kim, Jong Un"
(a list's order) and "Kim Jong Un" read the same. Tables: ``chinese_romanization.csv``
(each pinyin syllable in Wade-Giles), ``chinese_surnames.csv``,
``korean_romanization.csv`` (each letter of Hangul in each system) and
``korean_surnames.csv``.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from anyascii import anyascii

from .._caching import cache, lru_cache
from .._data import read_table

__all__ = [
    "MAX_READINGS",
    "MAX_SYLLABLES",
    "hangul_words",
    "romanized_readings",
    "shown_reading",
]

# Names of more syllables are not read (no Chinese or Korean person name has more).
MAX_SYLLABLES = 5
# At most this many readings of one name are kept: each is an index key.
MAX_READINGS = 64
_BOTH = ("zh", "ko")
_SYSTEMS = ("revised", "mccune_reischauer", "dprk", "informal")
_HANGUL_BASE = 0xAC00
_VOWEL_COUNT = 21
_SYLLABLE_COUNT = 11172
# Unicode's conjoining letters: the name of each kind and the code of its first letter.
_CONJOINING = {"initial": ("CHOSEONG", 0x1100), "vowel": ("JUNGSEONG", 0x1161)}
_FINAL_COUNT = 28
# The sound each final row stands for, written with one final letter of its own.
_FINAL_SHOWN = {"": 0, "k": 1, "n": 4, "t": 7, "l": 8, "m": 16, "p": 17, "ng": 21}

# The final letters of Hangul in Unicode's order (the 27 after "no final").
_FINAL_LETTERS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_VOWELS = frozenset("aeiou")
# The longest spelling of one syllable ("shuang", "hsiung", "yeoung").
_LONGEST_SPELLING = 7

Syllables = tuple[str, ...]


def romanized_readings(words: tuple[str, ...], written: str = "") -> frozenset[str]:
    """Return the readings of a name's words as Chinese or Korean syllables.

    Each reading is a key, "zh:" or "ko:" and the syllables, family name first; two
    names that share a key can be one name romanized otherwise. Empty for names not
    shaped like a Chinese or Korean person's name. ``written`` is the name as written:
    one in Hangul is read only as Korean, one in Chinese characters only as Chinese.
    """
    if not 2 <= len(words) <= MAX_SYLLABLES:
        return frozenset()
    family = _family_words()
    if words[0] not in family and words[-1] not in family:
        return frozenset()  # what most names are: neither end can be a family name
    if not all(w.isascii() and w.isalpha() for w in words):
        return frozenset()
    return _readings(words, _languages(written))


def hangul_words(word: str) -> list[str] | None:
    """Return a word of Hangul as Latin words, one a syllable; None for other words.

    A family name (the first of a full name's three syllables, or a word of one
    syllable) is spelled as its bearers spell it ("Kim", "Lee", "Park"), not letter by
    letter ("Gim", "I", "Bak"). A word of two syllables is most often a given name.
    """
    if not word or not all(_is_hangul(ch) for ch in word):
        return None
    surnames = _hangul_surnames()
    spelled = [anyascii(ch).lower() for ch in word]
    if len(word) in (1, 3) and word[0] in surnames:
        spelled[0] = surnames[word[0]]
    return spelled


def shown_reading(key: str) -> str:
    """Return a reading key as people write it: pinyin syllables, or Hangul."""
    language, _, syllables = key.partition(":")
    parts = syllables.split(".")
    if language == "zh":
        return " ".join(parts)
    return "".join(chr(_HANGUL_BASE + int(part)) for part in parts)


def _is_hangul(ch: str) -> bool:
    return _HANGUL_BASE <= ord(ch) < _HANGUL_BASE + _SYLLABLE_COUNT


def _languages(written: str) -> tuple[str, ...]:
    """Return the languages a name as written can be in."""
    if written.isascii():
        return _BOTH
    if any(_is_hangul(ch) for ch in written):
        return ("ko",)
    if any(unicodedata.name(ch, "").startswith("CJK") for ch in written):
        return ("zh",)
    if all(ch.isascii() or not ch.isalpha() or _latin(ch) for ch in written):
        return _BOTH
    return ()  # Japanese kana, or any other script, is neither


def _latin(ch: str) -> bool:
    # Modifier letters are the systems' marks ("pʻing"), of no script of their own.
    return unicodedata.name(ch, "").startswith("LATIN") or unicodedata.category(ch) == "Lm"


@lru_cache(maxsize=65536)
def _readings(words: tuple[str, ...], languages: tuple[str, ...]) -> frozenset[str]:
    keys: set[str] = set()
    tables = {"zh": _chinese_surnames, "ko": _korean_surnames}
    for language in languages:
        surnames = tables[language]()
        for family, given in ((words[0], words[1:]), (words[-1], words[:-1])):
            heads = surnames.get(family) or _single_syllable(family, language)
            if not heads:
                continue
            rest = _parse_words(given, language)
            for head, tail in itertools.product(sorted(heads), rest):
                keys.add(f"{language}:" + ".".join((head, *tail)))
                if len(keys) >= MAX_READINGS:
                    return frozenset(keys)
    return frozenset(keys)


def _single_syllable(word: str, language: str) -> frozenset[str]:
    """Return the Chinese syllables a one-syllable word can be (Korean: none).

    Chinese family names are too many for a table: any one syllable may be one. Korean
    ones are few, and the table has them.
    """
    if language != "zh":
        return frozenset()
    return frozenset(_chinese_syllables().get(word, ()))


def _parse_words(words: Iterable[str], language: str) -> list[Syllables]:
    """Return the syllable sequences the words can be, word after word."""
    readings: list[Syllables] = [()]
    for word in words:
        parts = _parse(word, language)
        readings = [a + b for a in readings for b in parts][:MAX_READINGS]
    return [r for r in readings if len(r) < MAX_SYLLABLES]


@lru_cache(maxsize=16384)
def _parse(word: str, language: str) -> list[Syllables]:
    """Return every way of cutting a word into spellings of syllables (at most a few)."""
    spellings = _chinese_syllables() if language == "zh" else _korean_syllables()
    longest = _LONGEST_SPELLING
    found: list[list[Syllables]] = [[] for _ in range(len(word) + 1)]
    found[0] = [()]
    for start in range(len(word)):
        # Inside a word, a syllable starts with a vowel only after a consonant: both
        # languages mark the other break ("Xi'an", "Jeong-eun"), and English words
        # cut so ("Le-e", "O-sa-ma") are no names.
        if not found[start] or (
            start > 0 and word[start] in _VOWELS and word[start - 1] in _VOWELS
        ):
            continue
        for end in range(start + 1, min(len(word), start + longest) + 1):
            syllables = spellings.get(word[start:end])
            if syllables:
                found[end].extend((*before, s) for before in found[start] for s in syllables)
                del found[end][MAX_READINGS:]
    return [r for r in found[len(word)] if len(r) <= MAX_SYLLABLES]


@cache
def _family_words() -> frozenset[str]:
    """Every spelling a family name can have: Korean ones, Chinese ones, any syllable."""
    return frozenset((*_korean_surnames(), *_chinese_surnames(), *_chinese_syllables()))


@cache
def _chinese_syllables() -> Mapping[str, tuple[str, ...]]:
    """Map each spelling (pinyin, or Wade-Giles without its marks) to pinyin syllables."""
    table: dict[str, set[str]] = defaultdict(set)
    for row in read_table("chinese_romanization.csv"):
        pinyin = row["pinyin"]
        if not _VOWELS & set(pinyin):
            continue  # interjections ("m", "hng") are in no name
        table[_fold(pinyin)].add(pinyin)
        wade = _fold(row["wade_giles"])
        table[wade].add(pinyin)
        if wade.startswith("ssu"):
            table["szu" + wade[3:]].add(pinyin)  # the other spelling of Wade-Giles "ssu"
    return {spelling: tuple(sorted(found)) for spelling, found in table.items()}


@cache
def _chinese_surnames() -> Mapping[str, frozenset[str]]:
    """Map each spelling of a family name, pinyin or Wade-Giles, to its pinyin syllables."""
    wade = {
        row["pinyin"]: _fold(row["wade_giles"]) for row in read_table("chinese_romanization.csv")
    }
    names: dict[str, set[str]] = defaultdict(set)
    for row in read_table("chinese_surnames.csv"):
        surname = _fold(row["pinyin"])
        # A compound family name ("Ouyang") is one word of two syllables.
        for reading in _parse(surname, "zh"):
            key = ".".join(reading)
            names[surname].add(key)
            names["".join(wade[s] for s in reading)].add(key)
            # Cantonese, Hokkien and older Taiwanese spellings ("Lee", "Wong", "Chan").
            for other in filter(None, row["other_spellings"].lower().split("|")):
                names[other].add(key)
    return {name: frozenset(keys) for name, keys in names.items()}


@cache
def _korean_syllables() -> Mapping[str, tuple[str, ...]]:
    """Map each spelling, in any of the systems, to the Hangul syllables it can be."""
    parts: dict[str, list[tuple[int, set[str]]]] = defaultdict(list)
    for row in read_table("korean_romanization.csv"):
        spellings = {s for system in _SYSTEMS for s in row[system].split("|")}
        position = row["position"]
        if position == "final":
            parts[position].append((_FINAL_SHOWN[row["final_sound"]], spellings))
        else:
            parts[position].append((_letter_index(row["jamo"], position), spellings))
    table: dict[str, set[str]] = defaultdict(set)
    for (i, first), (v, vowel), (f, last) in itertools.product(
        parts["initial"], parts["vowel"], parts["final"]
    ):
        code = str((i * _VOWEL_COUNT + v) * _FINAL_COUNT + f)
        for spelled in itertools.product(sorted(first), sorted(vowel), sorted(last)):
            table["".join(spelled)].add(code)
    return {spelling: tuple(sorted(found)) for spelling, found in table.items() if spelling}


@cache
def _korean_surnames() -> Mapping[str, frozenset[str]]:
    """Map each spelling of a family name to its Hangul syllable (final by its sound)."""
    sounds = {
        letter: row["final_sound"]
        for row in read_table("korean_romanization.csv")
        if row["position"] == "final"
        for letter in row["jamo"].split()
    }
    names: dict[str, set[str]] = defaultdict(set)
    for row in read_table("korean_surnames.csv"):
        code = ord(row["hangul"]) - _HANGUL_BASE
        final = code % _FINAL_COUNT
        letter = _FINAL_LETTERS[final - 1] if final else ""
        shown = _FINAL_SHOWN[sounds.get(letter, "")]
        for spelling in row["spellings"].split("|"):
            names[spelling.lower()].add(str(code - final + shown))
    return {name: frozenset(keys) for name, keys in names.items()}


@cache
def _hangul_surnames() -> Mapping[str, str]:
    """Map each family name in Hangul to the spelling its bearers use most."""
    return {
        row["hangul"]: row["spellings"].split("|")[0].lower()
        for row in read_table("korean_surnames.csv")
    }


def _letter_index(letter: str, position: str) -> int:
    """Return a Hangul letter's place among the initials or vowels of a syllable."""
    name = unicodedata.name(letter).removeprefix("HANGUL LETTER ")
    kind, first = _CONJOINING[position]
    return ord(unicodedata.lookup(f"HANGUL {kind} {name}")) - first


def _fold(spelling: str) -> str:
    """Write a romanization as names usually carry it: no apostrophes, umlauts or breves."""
    return spelling.replace("'", "").replace("ü", "u")
