"""A name as it looks: the readings a person sees, for names written to deceive a machine.

Three tricks make a listed name look the same to a person and different to a program:

- letters of another script that look like Latin ones ("Оlеg Dеrіраskа", with Cyrillic
  О, е, і, р, а; Greek, Armenian or Cherokee letters, or symbols, likewise), in any share;
- digits and symbols for letters ("B4nk M3ll1 1r4n", "$ertal");
- a name stored backwards inside a right-to-left override, which displays it forwards.

:func:`visual_readings` undoes them. Its readings are tried beside the usual one (a word
such as "Васк" is both a Russian word and a look-alike of "Back"), so that a name a
person would read as a listed name is screened as that name. Where the look is itself
ambiguous, each reading is given: an upright stroke is a capital I ("Іgor") or an l
("Іucky", "ΑΙ" for "Al"); a digit before letters is a digit ("7TH") or a letter ("3L").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from .._caching import lru_cache
from ._scripts import lookalikes, script_of
from ._vocabulary import words

__all__ = ["visual_readings"]

# Right-to-left override (U+202E) displays what follows, up to a pop (U+202C) or the end
# of the text, in reverse; the other embeddings and overrides end it too.
_OVERRIDE = "\u202e"
_OVERRIDE_ENDS = "\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069"
# Scripts written right to left: their letters are already in reading order.
_RTL_SCRIPTS = ("ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO")
# Digits and symbols written for the letters they look like.
_LEET = str.maketrans("0134578@$€", "oieastbase")
_CHUNKS = re.compile(r"(\s+)")
# Letters with the digits and symbols that stand in for them ("M3ll1", "$ertal").
_RUNS = re.compile(r"(?:[^\W_]|[@$€])+")
# Three or more digits that open or close a word are a number ("lucky12345").
_NUMBER_DIGITS = 3
_STAND_INS = re.compile(r"[0134578@$€]")
# A stand-in beside a letter: the sign that a name uses them ("M3ll1", "$ertal").
_MIXED_LEET = re.compile(r"[^\W\d_][0134578@$€]|[0134578@$€][^\W\d_]")
_APOSTROPHES = frozenset("'\u2019\u02bc")
# An upright stroke reads "I" or "l" alike.
_STROKES = frozenset("Il")
# Latin letters that look like an ASCII letter their name does not say: kra is a small
# k, tone six a b (the look-alike data's prototypes for Cyrillic к and ь).
_SHAPES = {"ĸ": "k", "ƅ": "b"}
# A word of stand-ins only ("74", "3$") is read as letters in one reading, up to this
# length: longer ones are numbers.
_ALL_STAND_INS = 3
# The longest text read: twice the longest name (compatibility forms expand).
MAX_READ = 1_000
# At most this many readings are tried for one name (each costs a search).
MAX_READINGS = 4


@lru_cache(maxsize=16384)
def visual_readings(text: str) -> tuple[str, ...]:
    """Return the readings of ``text`` as it looks, other than ``text`` itself, best first.

    Empty when ``text`` looks as it reads. The first reading reads upright strokes by
    the case of their word and stand-ins in words with letters as letters; the others
    also read short words of stand-ins alone as letters, or no stand-ins, and read every
    stroke as I, or every stroke as l.
    """
    if len(text) > MAX_READ:
        return ()  # longer than any name normalize_name accepts
    lookalike = not text.isascii() and any(ch in lookalikes() for ch in text)
    uses_stand_ins = bool(_MIXED_LEET.search(text))
    if not (lookalike or uses_stand_ins or _OVERRIDE in text):
        return ()  # what most names are: nothing to read otherwise
    shown = _displayed(text)
    readings: list[str] = []
    # Stand-ins are read only in a name that writes some inside words: it uses them.
    for strokes in ("case", "I", "l") if lookalike else ("case",):
        for leet in ("mixed", "all", "") if uses_stand_ins else ("",):
            chunks = [_as_seen(chunk, strokes=strokes, leet=leet) for chunk in _CHUNKS.split(shown)]
            reading = "".join(chunks)
            if reading != text and reading not in readings:
                readings.append(reading)
    return tuple(readings[:MAX_READINGS])


def _displayed(text: str) -> str:
    """Put the letters inside a right-to-left override in the order they are shown."""
    if _OVERRIDE not in text:
        return text
    parts: list[str] = []
    rest = text
    while _OVERRIDE in rest:
        before, _, after = rest.partition(_OVERRIDE)
        end = next((i for i, ch in enumerate(after) if ch in _OVERRIDE_ENDS), len(after))
        span = after[:end]
        if any(script_of(ch).startswith(_RTL_SCRIPTS) for ch in span if ch.isalpha()):
            parts += [before, span]
        else:
            parts += [before, span[::-1]]
        rest = after[end + 1 :]
    return "".join(parts) + rest


def _as_seen(chunk: str, *, strokes: str, leet: str) -> str:
    """Read one word as it looks: look-alike letters as Latin, stand-ins as letters."""
    table = lookalikes()
    # Symbols that look like letters (Greek musical notation for L, R, F...) count too.
    letters = [ch for ch in chunk if ch.isalpha() or ch in table]
    latin = [script_of(ch) == "LATIN" for ch in letters]
    if not all(latin) and all(ok or ch in table for ch, ok in zip(letters, latin, strict=True)):
        chunk = _latin(chunk, strokes=strokes)
    if not leet:
        return chunk
    return _RUNS.sub(_unleet_all if leet == "all" else _unleet, chunk)


def _latin(chunk: str, *, strokes: str) -> str:
    """Replace each look-alike letter with the Latin letter it looks like.

    ``strokes`` says how upright strokes read: by the case of their word (``case``; the
    parts of "Kwang-Il" are words of their own), or all as ``I`` or ``l``.
    """
    lookup = lookalikes()
    read: list[str] = []
    word: list[str] = []
    for ch in [*chunk, ""]:
        # A letter, a symbol that looks like one, or an apostrophe inside a word
        # ("ch'o'l"); a hyphen parts words ("Kwang-Il").
        if ch and (ch.isalpha() or ch in lookup or (word and ch in _APOSTROPHES)):
            word.append(ch)
            continue
        if word:
            read.append(_latin_word("".join(word), lookup, strokes))
            word = []
        read.append(ch)
    return "".join(read)


def _latin_word(word: str, lookup: Mapping[str, str], strokes: str) -> str:
    """Read one run of letters, its strokes by its own case.

    A word of names' own vocabulary wins over the case: "ΑΙ" reads "Al" (the article),
    not "AI".
    """
    read = _by_case(word, lookup, strokes)
    if strokes == "case" and read.lower() not in words():
        for stroke in _STROKES:
            other = _by_case(word, lookup, stroke)
            if other.lower() in words():
                return other
    return read


def _by_case(word: str, lookup: Mapping[str, str], strokes: str) -> str:
    mapped = [_ascii_shape(lookup.get(ch, ch)) for ch in word]
    others = [m for m in mapped if m.isalpha() and m not in _STROKES]
    all_caps = bool(others) and all(m.isupper() for m in others)
    read = []
    for position, (ch, latin) in enumerate(zip(word, mapped, strict=True)):
        if latin in _STROKES and ch not in _STROKES:
            # A stroke reads as its word's case reads: "IRAN", "Wael"; a capital stroke
            # that starts a word is a capital I ("Igor"); alone they make "Il".
            if strokes != "case":
                latin = strokes
            elif not others:
                latin = "I" if position == 0 and ch.isupper() else "l"
            else:
                latin = "I" if all_caps or (position == 0 and ch.isupper()) else "l"
        read.append(latin)
    return "".join(read)


def _ascii_shape(ch: str) -> str:
    """Return the ASCII letter a Latin look-alike is seen as ("ʜ", a small capital, as H)."""
    if ch.isascii():
        return ch
    if ch in _SHAPES:
        return _SHAPES[ch]
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN LETTER SMALL CAPITAL ") and len(name) == 28:
        return name[-1]
    return ch


def _unleet_all(run: re.Match[str]) -> str:
    """Read every stand-in as a letter, short words of stand-ins alone too ("74" as "TA")."""
    text = run.group(0)
    if not any(ch.isalpha() for ch in text) and len(text) <= _ALL_STAND_INS:
        read = text.translate(_LEET)
        return read.upper() if read.isalpha() else text
    return _unleet(run)


def _unleet(run: re.Match[str]) -> str:
    """Read the stand-ins of a run with letters as the letters they mimic; numbers stay."""
    text = run.group(0)
    start = len(text) - len(text.lstrip("0123456789"))
    end = len(text.rstrip("0123456789"))
    head = text[:start] if start >= _NUMBER_DIGITS else ""
    tail = text[end:] if len(text) - end >= _NUMBER_DIGITS else ""
    core = text[len(head) : len(text) - len(tail)]
    if not any(ch.isalpha() for ch in core) or not _STAND_INS.search(core):
        return run.group(0)
    read = core.translate(_LEET)
    # In a word written in capitals the letters read are capitals too ("H1L4LI").
    if all(ch.isupper() for ch in core if ch.isalpha()):
        read = read.upper()
    return head + read + tail
