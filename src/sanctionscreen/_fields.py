"""Converters shared by the models: each takes the field's name so that errors can name it.

Text is stripped and refused when empty, too long or binary; numbers are exact
(Decimal; floats refused); dates are ISO; list-like values become tuples. Every model
field gets a named converter built on these: attrs' mypy plugin types those, not lambdas.
"""

from __future__ import annotations

import datetime
import enum
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from .errors import FieldTypeError, ValidationError

__all__ = [
    "MAX_DECIMALS",
    "MAX_INTEGER_DIGITS",
    "MAX_NUMBER_TEXT",
    "MAX_TEXT_LENGTH",
    "date_problem",
    "decimal_number",
    "each",
    "enum_member",
    "instance_or_default",
    "optional_text",
    "parse_date",
    "text",
    "tuple_of",
]

MAX_TEXT_LENGTH = 5_000
# Decimal text longer than this is not an amount anyone wrote; refusing it bounds the work.
MAX_NUMBER_TEXT = 100
# Amounts and quantities are below 10**18 and have at most 12 decimal places: wider than
# any trade record, narrow enough that arithmetic and printing stay cheap and exact
# ("1E+999999999" would print as a billion digits).
MAX_INTEGER_DIGITS = 18
MAX_DECIMALS = 12

_E = TypeVar("_E", bound=enum.StrEnum)
_T = TypeVar("_T")


def text(field: str, value: object, *, limit: int = MAX_TEXT_LENGTH) -> str:
    """Return ``value`` with runs of spaces collapsed; refuse non-text, empty or binary text."""
    if not isinstance(value, str):
        raise FieldTypeError(field, value, "must be text")
    if not value.isprintable() and any(
        not ch.isspace() and unicodedata.category(ch) == "Cc" for ch in value
    ):
        # NUL and other control characters mean corrupt or binary input, not a name.
        raise ValidationError(field, value, "contains control characters")
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValidationError(field, value, "is empty")
    if len(cleaned) > limit:
        raise ValidationError(field, value, f"is longer than {limit} characters")
    return cleaned


def optional_text(field: str, value: object) -> str | None:
    """Like :func:`text`, with None kept as None."""
    return None if value is None else text(field, value)


def enum_member(kind: type[_E], field: str, value: object) -> _E:
    """Return the member of ``kind`` named by ``value`` ("End user" is END_USER)."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            return kind(value.strip().lower().replace(" ", "_").replace("-", "_"))
        except ValueError:
            pass
    allowed = ", ".join(member.value for member in kind)
    raise ValidationError(field, value, f"must be one of: {allowed}")


def decimal_number(field: str, value: object) -> Decimal:
    """Read an exact, non-negative number in the documented range; floats are refused.

    Floats are refused because 0.1 is not 0.1 in binary; numbers of
    :data:`MAX_INTEGER_DIGITS` digits or more before the point, or with more than
    :data:`MAX_DECIMALS` decimal places, are refused as no trade record's.
    """
    if isinstance(value, bool | float):
        raise FieldTypeError(
            field, value, "floats are not accepted; give a Decimal, an int or a string"
        )
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        if len(value) > MAX_NUMBER_TEXT:
            raise ValidationError(field, value, f"is longer than {MAX_NUMBER_TEXT} characters")
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValidationError(field, value, "is not a decimal number") from None
    else:
        raise FieldTypeError(field, value, "must be a Decimal, an int or a string")
    if not number.is_finite():
        raise ValidationError(field, value, "must be a finite number")
    if number < 0:
        raise ValidationError(field, value, "must not be negative")
    if number.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValidationError(
            field, value, f"is too large: at most {MAX_INTEGER_DIGITS} digits before the point"
        )
    if number and number.normalize().as_tuple().exponent < -MAX_DECIMALS:  # type: ignore[operator]
        raise ValidationError(field, value, f"has more than {MAX_DECIMALS} decimal places")
    return abs(number) if number == 0 else number  # no "-0" in records


def parse_date(field: str, value: object) -> datetime.date | None:
    """Read a date, a datetime or ISO text (a timestamp gives its date); errors name ``field``."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        try:  # an ISO timestamp: the date as written, whatever its time zone
            return datetime.datetime.fromisoformat(text).date()
        except ValueError as exc:
            reason = date_problem(exc, "an ISO date (YYYY-MM-DD)")
            raise ValidationError(field, value, reason) from None
    raise FieldTypeError(field, value, "must be a date or an ISO date string")


def date_problem(error: ValueError, expected: str) -> str:
    """Say why text is not a date: no such day ("2023-02-31"), or not written as ``expected``."""
    reason = str(error)
    if "out of range" in reason or "must be in" in reason:
        return f"is no such date ({reason})"
    return f"is not {expected}"


def tuple_of(field: str, value: object) -> tuple[object, ...]:
    """Return a list-like value as a tuple; a single string or mapping is one element."""
    if value is None:
        return ()
    if isinstance(value, str | bytes | Mapping):
        return (value,)
    if not isinstance(value, Iterable):
        raise FieldTypeError(field, value, "must be a list")
    return tuple(value)


def each(field: str, value: object, kind: type[_T], what: str) -> tuple[_T, ...]:
    """Return a list-like value as a tuple, checking every element is a ``kind``."""
    items: list[_T] = []
    for item in tuple_of(field, value):
        if not isinstance(item, kind):
            raise FieldTypeError(field, item, f"each element must be {what}")
        items.append(item)
    return tuple(items)


def instance_or_default(
    field: str, value: object, kind: type[_T], default: Callable[[], _T], what: str
) -> _T:
    """Return ``value`` if it is a ``kind``, ``default()`` for None; refuse anything else."""
    if value is None:
        return default()
    if not isinstance(value, kind):
        raise FieldTypeError(field, value, f"must be {what}")
    return value
