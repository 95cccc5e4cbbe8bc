"""Harmonized System commodity codes as people write them.

Customs records carry codes as "8542.31.00", "854231", "8542 31 90", "HS 8542.31",
"HSN 85423100" (India) or as a number a spreadsheet has already mangled. This module
keeps the digits (4 to 10: the heading, the international 6-digit subheading and the
national lines of ITC-HS, CN, HTS and others) and rejects what cannot be a code.
"""

from __future__ import annotations

import re

import attrs

from .errors import FieldTypeError, InvalidHSCodeError

__all__ = ["HSCode"]

# Lengths in use: heading (4), subheading (6) and national tariff lines (8, 9, 10).
_LENGTHS = (4, 6, 8, 9, 10)
# Chapter 77 is reserved and 00 does not exist; 98 and 99 are national special chapters.
_INVALID_CHAPTERS = frozenset({"00", "77"})
_PREFIX = re.compile(
    r"^(?:ITC[\s-]*\(?HS\)?|HSN|HTSUS|HTS|HS|CN|TARIC)(?:\s*CODE)?\s*(?:NO\.?)?\s*[:#]?\s*",
    re.IGNORECASE,
)
_GROUPED_DIGITS = re.compile(r"^\d+(?:[ .\-]\d+)*$")
_MAX_INPUT = 40


@attrs.frozen(order=True)
class HSCode:
    """An HS code of 4 to 10 digits; ``str()`` gives the dotted form "8542.31.00"."""

    digits: str

    @classmethod
    def parse(cls, value: object, *, field: str = "hs_code") -> HSCode:
        """Read an HS code from text or an integer; raise InvalidHSCodeError otherwise."""
        if isinstance(value, HSCode):
            return value
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise FieldTypeError(field, value, "an HS code must be given as text")
        text = str(value).strip()
        if len(text) > _MAX_INPUT:
            raise InvalidHSCodeError(field, value, "too long to be an HS code")
        body = _PREFIX.sub("", text)
        if not body:
            raise InvalidHSCodeError(field, value, "no digits")
        if not _GROUPED_DIGITS.match(body):
            raise InvalidHSCodeError(
                field, value, "an HS code has only digits, optionally grouped by '.', ' ' or '-'"
            )
        digits = re.sub(r"\D", "", body)
        if len(digits) not in _LENGTHS:
            reason = f"{len(digits)} digits; HS codes have {', '.join(map(str, _LENGTHS))}"
            if len(digits) in (3, 5, 7) and body.isdigit():
                reason += f" (a leading zero may have been lost: '0{digits}'?)"
            raise InvalidHSCodeError(field, value, reason)
        if digits[:2] in _INVALID_CHAPTERS:
            raise InvalidHSCodeError(field, value, f"chapter {digits[:2]} does not exist")
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
