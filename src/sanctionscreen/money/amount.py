"""An amount of money: an exact Decimal in an ISO 4217 currency, and reading one from text."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
import pycountry

from .._fields import decimal_number
from ..errors import FieldTypeError, InvalidCurrencyError, ValidationError
from .parsing import read_amount
from .vocabulary import NO_CURRENCY

__all__ = ["Money", "parse_money"]


# One to three digits, a point and exactly three digits: "1.500".
_READS_AS_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def _currency(value: object) -> str:
    if not isinstance(value, str):
        raise FieldTypeError("currency", value, "must be an ISO 4217 code such as 'USD'")
    code = value.strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise InvalidCurrencyError("currency", value, "is not an ISO 4217 currency code")
    if code in NO_CURRENCY:
        raise InvalidCurrencyError("currency", value, "names no currency (XXX) or a test (XTS)")
    return code


def _amount(value: object) -> Decimal:
    return decimal_number("amount", value)


@attrs.frozen
class Money:
    """An exact amount in an ISO 4217 currency: ``Money(Decimal("82e9"), "INR")``.

    Amounts are Decimal (ints and decimal strings are converted; floats are refused),
    finite, not negative, below 10**18 and with at most 12 decimal places.
    """

    amount: Decimal = attrs.field(converter=_amount)
    currency: str = attrs.field(converter=_currency)

    def __str__(self) -> str:
        shown = f"{self.amount:,f}"
        if _READS_AS_THOUSANDS.fullmatch(shown):
            # "1.500" reads as one thousand five hundred in much of the world; "1.5000"
            # is the same amount and cannot be misread, so str() round-trips via parse().
            shown += "0"
        return f"{self.currency} {shown}"

    @classmethod
    def parse(cls, text: object, *, country: object = None) -> Money:
        """Read an amount written as people write it: "82 billion rupees", "Rs 8,200 crore".

        Symbols, codes and words in English and Russian, scale words (lakh, crore,
        million, млн...) and Western or Indian digit grouping are understood; an
        ambiguous currency ("Rs", "dirhams", "¥") is an
        :class:`~sanctionscreen.errors.AmbiguousCurrencyError` unless ``country``
        settles it. "$" alone means US dollars. See :mod:`sanctionscreen.money.parsing`.
        """
        return parse_money(text, country=country)

    def to_dict(self) -> dict[str, str]:
        """Return ``{"amount": "...", "currency": "..."}``; the amount as a string, exactly."""
        return {"amount": str(self.amount), "currency": self.currency}


def parse_money(
    text: object, *, country: object = None, field: str = "money", hint: str | None = None
) -> Money:
    """Read one amount of money from text: "82 billion rupees", "Rs 8,200 crore".

    A :class:`Money` is returned as it is. ``country`` (a name or code) settles an
    ambiguous currency word or symbol; errors name ``field`` and end with ``hint``
    (see :func:`~sanctionscreen.money.parsing.read_amount`).
    """
    if isinstance(text, Money):
        return text
    amount, currency = read_amount(text, country=country, field=field, hint=hint)
    try:
        return Money(amount, currency)
    except ValidationError as exc:  # out of range: name the field as given
        raise ValidationError(field, text, exc.reason) from None
