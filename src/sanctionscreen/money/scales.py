"""What a scale word means where the amount was written: "B" is a billion or a thousand.

A scale word's power of ten can depend on the language: "B" is a billion in English and
*bin*, a thousand, in Turkish; "mil" a thousand in Spanish and Portuguese, a million in
English slang and in Czech ("mil."); "billion" 10^9 in English and 10^12 in French and
German. :func:`scale_meaning` reads a word as the place it comes from writes it, and
returns None where the places that could have written it disagree, so the caller
refuses the amount rather than guess its size.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._text import is_latin
from .vocabulary import (
    documented_scales,
    documented_spellings,
    fold,
    locale_scales,
    locale_scales_as_written,
    slang_scales,
)

__all__ = ["describe_readings", "is_scale_word", "scale_meaning"]


def scale_meaning(
    written: str, *, country: str | None, places: frozenset[str], issuer: str | None = None
) -> int | None:
    """Return the power of ten of the scale word ``written``, or None if it is unsure.

    ``country`` is the country the caller gave (alpha-2); without one, ``places`` are
    the countries of the currency the text names and ``issuer`` its one home country,
    if it has one (the United States for the dollar, none for the euro).

    - The home (the country given, else the issuer) reads the word as its locales
      write it, spelt as written (Tongan "m" is 10^4, Turkish "B" is *bin*, 10^3),
      unless it is also a documented English spelling with another meaning: "billion"
      in France or "bln" in the Netherlands (10^12) may be English (10^9), so unsure.
    - A documented word ("bn", "crore", "млн", ``amount_words.csv``) is read as
      documented where it is written so, or where the places agree.
    - Slang ("$5 mil": five million) only adds a meaning: "mil" with the dollar or the
      euro is a thousand in Spanish and a million in slang, so unsure.
    - A word met only in CLDR takes the places' one meaning, else its one meaning
      anywhere if it is in a script of its own ("億" is 10^8); a short Latin word of a
      far-off language ("a", a thousand in Tongan) is no scale word here.
    """
    spelled = written.strip(".'॰")
    key = fold(spelled)
    exact = locale_scales_as_written().get(spelled, {})
    one_letter = len(spelled) == 1 and is_latin(spelled)
    folded = {} if one_letter else locale_scales().get(key, {})  # "t" is not "T"
    standard, slang = documented_scales().get(key), slang_scales().get(key)
    english = standard is not None and spelled in documented_spellings()
    home = country or issuer
    if home is not None:
        mine = {e for e, where in exact.items() if home in where}
        if not mine:
            mine = {e for e, where in folded.items() if home in where}
        if len(mine) == 1:
            meaning = mine.pop()
            return None if english and meaning != standard else meaning
        if mine:
            return standard if standard in mine else None
    if country is not None:
        places = frozenset({country})
    elif issuer is not None and standard is None and is_latin(key):
        return None  # the dollar's home does not write it: "US$ 5 bi" is Brazilian
    local = {e for e, where in folded.items() if where & places}
    if standard is not None:
        return standard if english or not local or standard in local else None
    if slang is not None:
        return None  # slang alone, or against what the places write
    if len(local) == 1:
        return local.pop()
    return None if local else _in_its_own_script(key, folded)


def is_scale_word(written: str) -> bool:
    """Return whether ``written`` is a scale word anywhere (documented or in CLDR)."""
    key = fold(written).strip(".'॰")
    return key in documented_scales() or key in slang_scales() or key in locale_scales()


def describe_readings(written: str) -> str:
    """Return the meanings of a scale word with where each is meant, for an error message."""
    meanings = dict(locale_scales().get(fold(written).strip(".'॰"), {}))
    documented = documented_scales().get(fold(written).strip(".'॰"))
    readings = [f"10^{e} ({_some(p)})" for e, p in sorted(meanings.items())]
    if documented is not None and documented not in meanings:
        readings.append(f"10^{documented} (English)")
    return ", ".join(readings) or "nothing known"


def _in_its_own_script(key: str, meanings: Mapping[int, frozenset[str]]) -> int | None:
    if len(meanings) == 1 and not is_latin(key):
        return next(iter(meanings))
    return None


def _some(places: frozenset[str]) -> str:
    ordered = sorted(places)
    return ", ".join(ordered[:3]) + (" ..." if len(ordered) > 3 else "")
