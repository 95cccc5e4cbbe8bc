"""The Harmonized System 2022 texts: what a declared code officially covers.

``data/hs_nomenclature.csv`` holds the text of every chapter, heading and subheading of
HS 2022 (the UN Comtrade short forms of the WCO's texts). :func:`describe` gives the
text for any code as customs records write it; a national tariff line (8 to 10 digits)
is described by its international subheading, and an HS 2017 subheading that HS 2022
deleted by its successors. :func:`check_known` refuses a code that names no HS 2022
subheading or heading, with the nearest valid ones, so that a typo never passes as an
"other" line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .._caching import cache, lru_cache
from .._data import read_table
from ..errors import DataError, InvalidHSCodeError
from .hs import HSCode
from .hs2022 import read_as_hs2022

__all__ = ["EDITION", "check_known", "describe", "for_parts", "official_text", "text_agrees"]

EDITION = "HS 2022"
"""The edition of the nomenclature the texts are from."""

_NEAREST = 3
_LATIN_WORDS = re.compile(r"[A-Za-z]+")
# Words of the HS texts that say nothing about what the goods are.
_COMMON_WORDS = frozenset(
    (
        "part",
        "accessorie",
        "other",
        "article",
        "apparatu",
        "machine",
        "machinery",
        "equipment",
        "electric",
        "electrical",
        "instrument",
        "appliance",
        "heading",
        "chapter",
        "including",
        "excluding",
        "whether",
        "kind",
        "used",
        "than",
        "their",
        "thereof",
        "therefor",
        "solely",
        "principally",
        "suitable",
        "specified",
        "elsewhere",
        "included",
        "incorporating",
        "combined",
        "good",
        "type",
        "material",
        "made",
        "with",
        "without",
        "form",
        "similar",
        "like",
        "purpose",
    )
)
# "Machinery; parts and accessories ...", "Parts & accessories ...", "Hydrometers ...;
# parts and accessories", "... thermometers, ..., parts and accessories" (9025.90): a
# clause of the text that begins with parts, or a final "parts and accessories".
_PARTS = re.compile(r"(?:^|; )(?:other )?parts\b|, parts and accessories$", re.IGNORECASE)


def describe(code: object) -> str:
    """Return a code's official HS 2022 text: ``"HS 8473.30: Machinery; parts and ..."``.

    ``code`` is an :class:`HSCode` or anything :meth:`HSCode.parse` reads ("8542.31.00",
    "HSN 85423100", "85"). A two-digit chapter is described too. Raises
    :class:`~sanctionscreen.errors.InvalidHSCodeError` for a code HS 2022 does not
    have, naming the nearest ones.
    """
    digits = _digits(code)
    if len(digits) == 2:
        text = _texts().get(digits)
        if text is None:
            raise InvalidHSCodeError("hs_code", code, f"chapter {digits} does not exist")
        return f"HS chapter {digits}: {text}"
    hs = HSCode.parse(digits)
    check_known(hs, field="hs_code")
    text = official_text(hs)
    assert text is not None  # check_known passed
    return text


@lru_cache(maxsize=4096)  # a register repeats its codes; flags quote them more than once
def official_text(code: HSCode) -> str | None:
    """Return the text of a declared code's HS 2022 reading, or None if it has none.

    Several successors of a split HS 2017 subheading are joined with "; or", after
    saying which HS 2017 subheading they replace.
    """
    reading = read_as_hs2022(code)
    texts = _texts()
    if not all(c in texts for c in reading.codes):
        return None
    said = "; or ".join(f"HS {HSCode(c)}: {texts[c]}" for c in reading.codes)
    if reading.converted_from is not None:
        said = f"HS 2017 {HSCode(reading.converted_from)}, now {said}"
    return said


def check_known(code: HSCode, *, field: str = "hs_code") -> None:
    """Refuse a code whose heading or subheading HS 2022 does not have (nor converts).

    The error names the nearest valid codes: the subheadings of the same heading, or the
    headings of the same chapter.
    """
    texts = _texts()
    reading = read_as_hs2022(code)
    if all(c in texts for c in reading.codes):
        return
    if code.heading not in texts:
        nearby = [c for c in texts if len(c) == 4 and c[:2] == code.chapter]
        what, missing = "heading", code.heading
    else:
        nearby = [c for c in texts if len(c) == 6 and c[:4] == code.heading]
        what, missing = "subheading", code.subheading or code.heading
    nearest = sorted(nearby, key=lambda c: (abs(int(c) - int(missing[: len(c)])), c))[:_NEAREST]
    shown = "; ".join(f"{HSCode(c)} ({_short(texts[c])})" for c in sorted(nearest))
    suggestion = f"; the nearest are {shown}" if shown else ""
    raise InvalidHSCodeError(field, str(code), f"is not an {EDITION} {what}{suggestion}")


def for_parts(code: str) -> bool:
    """Whether an HS 2022 heading or subheading (digits) is one for parts and accessories.

    A subheading is when its own text says so (8473.30, 9030.90), or when it is the
    residual subheading ("other", ending in 90 or 00) of a heading for parts (8529.90).
    """
    texts = _texts()
    if _PARTS.search(texts.get(code, "")):
        return True
    heading = code[:4]
    residual = len(code) == 6 and code[4:] in ("00", "90")
    return residual and bool(_PARTS.search(texts.get(heading, "")))


def text_agrees(codes: tuple[str, ...], description: str) -> bool:
    """Whether a description shares a content word with the HS 2022 text of ``codes``.

    "Garden hose connector" under 3917.40 ("tube, pipe and hose fittings") says what
    the code says: the goods are what the code holds. Words are compared in lower case,
    without a plural "s"; words every text uses ("parts", "other", "articles") do not
    count.
    """
    found = _content_words(description)
    return any(found & _code_words(code) for code in codes)


@lru_cache(maxsize=4096)
def _code_words(code: str) -> frozenset[str]:
    texts = _texts()
    return _content_words(f"{texts.get(code, '')} {texts.get(code[:4], '')}")


def _content_words(text: str) -> frozenset[str]:
    words = (word.lower().removesuffix("s") for word in _LATIN_WORDS.findall(text))
    return frozenset(word for word in words if len(word) > 3 and word not in _COMMON_WORDS)


def _digits(code: object) -> str:
    if isinstance(code, HSCode):
        return code.digits
    if isinstance(code, str) and code.strip().isdigit() and len(code.strip()) == 2:
        return code.strip()
    return HSCode.parse(code).digits


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@cache
def _texts() -> Mapping[str, str]:
    texts: dict[str, str] = {}
    for row in read_table("hs_nomenclature.csv"):
        code = row["code"]
        if len(code) != int(row["level"]) or not code.isdigit():
            raise DataError(f"hs_nomenclature.csv: malformed row {dict(row)}")
        texts[code] = row["text"]
    return texts
