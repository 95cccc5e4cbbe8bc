"""Exceptions raised by sanctionscreen.

Every exception the library raises on purpose derives from one root, so callers can
catch them all at once; each also mixes in the built-in it resembles, so code that
catches ``ValueError`` or ``LookupError`` keeps working::

    SanctionScreenError
    ├── ValidationError (ValueError)        a field of a model got a value it cannot take
    │   ├── FieldTypeError (TypeError)      ... a value of the wrong type
    │   ├── UnknownCountryError             ... a country that cannot be resolved
    │   ├── InvalidHSCodeError              ... something that cannot be an HS code
    │   └── InvalidCurrencyError            ... not an ISO 4217 currency code
    ├── DataError                           bundled or loaded reference data is unusable
    │   └── ListFormatError (ValueError)    a list file is malformed, names file and line
    │       ├── UnsafeXMLError              ... XML with a DTD, entities or external refs
    │       └── ListTooLargeError           ... a file over the size cap
    ├── ListUpdateError                     a list download failed; the last good copy stays
    └── ReviewError                         the review store refused a request
        ├── UnknownAlertError (LookupError) ... no alert has that id
        ├── DecisionConflictError           ... the alert was decided meanwhile, or cannot be
        ├── StoreSchemaError                ... a store from a newer library, or not a store
        └── AuditError                      ... the audit log does not verify

    SampleListWarning (UserWarning)         screening against the bundled sample list
    ListUpdateWarning (UserWarning)         a list download failed or looked wrong

Validation errors name the field and the offending value (``err.field``,
``err.value``) so that a batch report can point at the exact cell.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

__all__ = [
    "AmbiguousCurrencyError",
    "AuditError",
    "DataError",
    "DecisionConflictError",
    "FieldTypeError",
    "InvalidCurrencyError",
    "InvalidHSCodeError",
    "ListFormatError",
    "ListTooLargeError",
    "ListUpdateError",
    "ListUpdateWarning",
    "RateUnavailableError",
    "ReviewError",
    "SampleListWarning",
    "SanctionScreenError",
    "StoreSchemaError",
    "UnknownAlertError",
    "UnknownCountryError",
    "UnsafeXMLError",
    "ValidationError",
]

# Long values are shortened in messages so a pasted document does not flood a log.
_MAX_SHOWN = 80


def _shown(value: object) -> str:
    text = repr(value)
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 3] + "..."
    return text


class SanctionScreenError(Exception):
    """Root of every exception raised by sanctionscreen on purpose."""


class ValidationError(SanctionScreenError, ValueError):
    """A model field received a value it cannot accept.

    ``field`` is the field's name (dotted for nested values, e.g. ``exporter.country``),
    ``value`` the value as given and ``reason`` a short explanation.
    """

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}={_shown(value)}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the structured attributes when errors cross process boundaries.
        return (type(self), (self.field, self.value, self.reason))


class FieldTypeError(ValidationError, TypeError):
    """A model field received a value of the wrong type (``None`` where text is needed...)."""


class UnknownCountryError(ValidationError):
    """A country name or code could not be resolved to ISO 3166.

    ``suggestions`` holds up to three close matches as ``(alpha2, name)`` pairs; ``hint``
    says more when the value is known but is not a country (a region, say).
    """

    def __init__(
        self,
        field: str,
        value: object,
        suggestions: Sequence[tuple[str, str]] = (),
        hint: str = "",
    ) -> None:
        self.suggestions = tuple(suggestions)
        self.hint = hint
        reason = "unknown country"
        if self.suggestions:
            shown = ", ".join(f"{name!r} ({code})" for code, name in self.suggestions)
            reason += f"; did you mean {shown}?"
        if hint:
            reason += f" ({hint})"
        super().__init__(field, value, reason)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.value, self.suggestions, self.hint))


class InvalidHSCodeError(ValidationError):
    """A value cannot be a Harmonized System commodity code."""


class InvalidCurrencyError(ValidationError):
    """A value is not an ISO 4217 currency code."""


class AmbiguousCurrencyError(InvalidCurrencyError):
    """A currency word or symbol names several currencies ("Rs", "dirhams", "¥").

    ``candidates`` are the ISO 4217 codes it can mean; give ``country=`` or the code.
    """

    def __init__(self, field: str, value: object, candidates: Sequence[str], reason: str) -> None:
        self.candidates = tuple(candidates)
        super().__init__(field, value, reason)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.value, self.candidates, self.reason))


class RateUnavailableError(SanctionScreenError, LookupError):
    """No exchange-rate provider knows the rate of ``currency`` on ``date``.

    ``tried`` holds ``(provider, reason)`` for every provider asked, in order.
    """

    def __init__(
        self, currency: str, date: datetime.date | None, tried: Sequence[tuple[str, str]]
    ) -> None:
        self.currency = currency
        self.date = date
        self.tried = tuple(tried)
        when = date.isoformat() if date else "an undated shipment"
        reasons = "; ".join(f"{name}: {reason}" for name, reason in self.tried)
        super().__init__(f"no rate for {currency} on {when} ({reasons or 'no providers'})")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.currency, self.date, self.tried))


class DataError(SanctionScreenError):
    """Reference data (bundled or supplied) is missing, corrupt or inconsistent."""


class ListFormatError(DataError, ValueError):
    """A list file cannot be read: wrong format, a malformed row, bad encoding.

    ``path`` names the file and ``line`` the line (or record) where reading stopped,
    when known. A loader that raises returns nothing: no list is ever half-loaded.
    """

    def __init__(self, path: object, message: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = self.path if line is None else f"{self.path}, line {line}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_list_error, (type(self), self.path, self.args[0], self.line))


def _rebuild_list_error(
    kind: type[ListFormatError], path: str, text: str, line: int | None
) -> ListFormatError:
    error = kind.__new__(kind)
    Exception.__init__(error, text)
    error.path, error.line = path, line
    return error


class UnsafeXMLError(ListFormatError):
    """An XML list uses a DTD, entity declarations or external references, all refused."""


class ListTooLargeError(ListFormatError):
    """A list file is larger than the configured cap (``max_bytes``)."""


class ListUpdateError(SanctionScreenError):
    """Downloading a list failed; the previously cached copy, if any, is kept."""


class ReviewError(SanctionScreenError):
    """The review store refused a request; the message says why and nothing was written."""


class UnknownAlertError(ReviewError, LookupError):
    """No alert in the store has the id given."""


class DecisionConflictError(ReviewError):
    """The alert was decided by someone else meanwhile, or its state does not allow it."""


class StoreSchemaError(ReviewError):
    """The database is from a newer version of the library, or is not a review store."""


class AuditError(ReviewError):
    """The audit log does not verify: an entry or a recorded row was changed or removed."""


class ListUpdateWarning(UserWarning):
    """A list could not be updated; the last good copy, if any, stays in use."""


class SampleListWarning(UserWarning):
    """Screening uses the bundled sample list, which is not a compliance list."""
