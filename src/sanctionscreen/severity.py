"""How much a finding matters: the ordered severity scale every flag carries.

A leaf module, so that reference data (embargoes, dual-use categories) can state its
severities without depending on the results.
"""

from __future__ import annotations

import enum

from .errors import ValidationError

__all__ = ["Severity", "to_severity"]


class Severity(enum.IntEnum):
    """How much a flag matters, in order: ``NONE < INFO < LOW < ELEVATED < HIGH < CRITICAL``.

    - ``INFO``: context worth recording, not a risk by itself.
    - ``LOW``: an irregularity to note during review.
    - ``ELEVATED``: needs enhanced due diligence before the shipment goes.
    - ``HIGH``: likely prohibited or licensable; stop and review.
    - ``CRITICAL``: a sanctioned party or an equally serious combination.

    ``NONE`` is only the risk of a result without flags.
    """

    NONE = 0
    INFO = 10
    LOW = 20
    ELEVATED = 30
    HIGH = 40
    CRITICAL = 50

    @classmethod
    def parse(cls, value: object, *, field: str = "severity") -> Severity:
        """Return the severity named by ``value``: "high", "HIGH", 40 or a Severity.

        Anything else raises a :class:`~sanctionscreen.errors.ValidationError` naming
        ``field``.
        """
        if isinstance(value, Severity):
            return value
        if isinstance(value, str) and value.strip().upper() in cls.__members__:
            return cls[value.strip().upper()]
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                return cls(value)
            except ValueError:
                pass
        names = ", ".join(cls.__members__)
        raise ValidationError(field, value, f"unknown severity; use one of {names}")

    def __str__(self) -> str:
        return self.name


def to_severity(value: object) -> Severity:
    """Convert a name such as "high" (or a Severity) to a Severity; for attrs converters."""
    return Severity.parse(value)
