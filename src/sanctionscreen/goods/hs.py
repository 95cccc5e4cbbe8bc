"""Harmonized System commodity codes as people write them.

Customs records carry codes as "8542.31.00", "854231", "8542 31 90", "HS 8542.31",
"HSN 85423100" (India) or as a number a spreadsheet has already mangled. This module
keeps the digits (4 to 10: the heading, the international 6-digit subheading and the
national lines of ITC-HS, CN, HTS and others) and rejects what cannot be a code.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from ..errors import FieldTypeError, InvalidHSCodeError

__all__ = ["MAX_CODE_TEXT", "HSCode"]

# Lengths in use: heading (4), subheading (6) and national tariff lines (8, 9, 10).
_LENGTHS = (4, 6, 8, 9, 10)
# Chapter 77 is reserved and 00 does not exist; 98 and 99 are national special chapters.
_INVALID_CHAPTERS = frozenset({"00", "77"})
_PREFIX = re.compile(
    r"^(?:ITC[\s-]*\(?HS\)?|HSN|HTSUS|HTS|HS|CN|TARIC)(?:\s*CODE)?\s*(?:NO\.?)?\s*[:#]?\s*",
    re.IGNORECASE,
)
_GROUPED_DIGITS = re.compile(r"^[0-9]+(?:[ .\-][0-9]+)*$")
_MAX_INPUT = 40
# Checked before Unicode normalization, whose cost grows faster than the text's length
# (runs of combining marks are sorted): a code as written is never this long.
MAX_CODE_TEXT = 100
# Dates pasted into a code column: "2023-02-30" (year first, dashes) or "30.02.2023" (year
# last). HS notation groups digits 4-2-2, never 2-2-4.
_ISO_DATE = re.compile(r"^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$")
_YEAR_LAST = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}$")


def _ascii_digits(text: str) -> str:
    """Fold full-width, Arabic-Indic and other Unicode decimal digits to ASCII."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(ch))
        if not ch.isascii() and unicodedata.decimal(ch, None) is not None
        else ch
        for ch in folded
    )


def _problem(digits: str) -> str | None:
    """Say why a string of ASCII digits cannot be an HS code, or return None."""
    if len(digits) not in _LENGTHS:
        reason = f"{len(digits)} digits; HS codes have {', '.join(map(str, _LENGTHS))}"
        if len(digits) in (3, 5, 7):
            reason += f" (a leading zero may have been lost: '0{digits}'?)"
        return reason
    if digits[:2] in _INVALID_CHAPTERS:
        return f"chapter {digits[:2]} does not exist"
    return None


def _validate_digits(instance: object, attribute: attrs.Attribute[str], digits: str) -> None:
    if not isinstance(digits, str) or not digits.isascii() or not digits.isdigit():
        raise InvalidHSCodeError("hs_code", digits, "must be a string of ASCII digits")
    problem = _problem(digits)
    if problem is not None:
        raise InvalidHSCodeError("hs_code", digits, problem)


@attrs.frozen(order=True)
class HSCode:
    """An HS code of 4 to 10 digits; ``str()`` gives the dotted form "8542.31.00".

    Build one with :meth:`parse` from any common notation; ``HSCode("854231")`` takes
    the bare digits and validates them the same way.
    """

    digits: str = attrs.field(validator=_validate_digits)

    @classmethod
    def parse(cls, value: object, *, field: str = "hs_code") -> HSCode:
        """Read an HS code from text or an integer; raise InvalidHSCodeError otherwise."""
        if isinstance(value, HSCode):
            return value
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise FieldTypeError(field, value, "an HS code must be given as text")
        if isinstance(value, str) and len(value) > MAX_CODE_TEXT:
            raise InvalidHSCodeError(field, value, "too long to be an HS code")
        text = _ascii_digits(str(value)).strip()
        if len(text) > _MAX_INPUT:
            raise InvalidHSCodeError(field, value, "too long to be an HS code")
        body = _PREFIX.sub("", text)
        if not body:
            raise InvalidHSCodeError(field, value, "no digits")
        # A date pasted where a code belongs; "HS 2023-02-30" says it is a code.
        if body == text and (_ISO_DATE.match(body) or _YEAR_LAST.match(body)):
            raise InvalidHSCodeError(
                field, value, "looks like a date; if it is a code, write it with dots (8542.31.00)"
            )
        if not _GROUPED_DIGITS.match(body):
            raise InvalidHSCodeError(
                field, value, "an HS code has only digits, optionally grouped by '.', ' ' or '-'"
            )
        digits = re.sub(r"[^0-9]", "", body)
        problem = _problem(digits)
        if problem is not None:
            if "leading zero" in problem and not body.isdigit():
                problem = problem.split(" (a leading zero")[0]
            raise InvalidHSCodeError(field, value, problem)
        return cls(digits)

    @property
    def chapter(self) -> str:
        """The 2-digit chapter ("85")."""
        return self.digits[:2]

    @property
    def heading(self) -> str:
        """The 4-digit heading ("8542")."""
        return self.digits[:4]

    @property
    def subheading(self) -> str | None:
        """The 6-digit international subheading ("854231"), or None for a bare heading."""
        return self.digits[:6] if len(self.digits) >= 6 else None

    def __str__(self) -> str:
        head, rest = self.digits[:4], self.digits[4:]
        groups = [head] + [rest[i : i + 2] for i in range(0, min(len(rest), 4), 2)]
        if len(rest) > 4:
            groups[-1] += rest[4:]
        return ".".join(groups)
