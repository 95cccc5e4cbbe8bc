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
from .vocabulary import documented_scales, fold, locale_scales, locale_scales_as_written

__all__ = ["describe_readings", "is_scale_word", "scale_meaning"]


def scale_meaning(written: str, *, country: str | None, places: frozenset[str]) -> int | None:
    """Return the power of ten of the scale word ``written``, or None if it is unsure.

    ``country`` is the country the caller gave (alpha-2); ``places`` the countries of
    the currencies the text names, when no country is given.

    - With a country: its own locales' meaning, spelt as written first (Tongan "m" is
      10^4 and "M" 10^6), then case-folded; where its languages disagree ("billion" in
      English and French Canada), the documented meaning if it is one of theirs. A word
      the country does not write takes the documented meaning.
    - Without: the documented meaning (``amount_words.csv``) unless the currency's
      countries all read it otherwise ("TL 5 B": *bin* in Türkiye, a billion in
      English, so unsure); else the one meaning those countries share ("3 mil dólares").
    - Either way, a word met nowhere else is read by CLDR's one meaning only in a
      script of its own ("億" is 10^8); a short Latin word of a far-off language ("a",
      a thousand in Tongan) is not a scale word here.
    """
    key = fold(written).strip(".'॰")
    meanings = locale_scales().get(key, {})
    documented = documented_scales().get(key)
    if country is not None:
        local: set[int] = set()
        for table in (locale_scales_as_written().get(written.strip(".'॰"), {}), meanings):
            local = {exponent for exponent, where in table.items() if country in where}
            if len(local) == 1:
                return local.pop()
        if local:
            return documented if documented in local else None
        return documented if documented is not None else _in_its_own_script(key, meanings)
    local = {exponent for exponent, where in meanings.items() if where & places}
    if documented is not None:
        agrees = not local or documented in local
        return documented if agrees else None
    if len(local) == 1:
        return local.pop()
    return None if local else _in_its_own_script(key, meanings)


def is_scale_word(written: str) -> bool:
    """Return whether ``written`` is a scale word anywhere (documented or in CLDR)."""
    key = fold(written).strip(".'॰")
    return key in documented_scales() or key in locale_scales()


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
