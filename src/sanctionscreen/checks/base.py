"""The interface every check implements, and a base class with the shared plumbing."""

from __future__ import annotations

import abc
from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, runtime_checkable

from ..models import Shipment
from ..results import CheckResult, Flag, Severity

__all__ = ["BaseCheck", "Check"]


@runtime_checkable
class Check(Protocol):
    """A screening rule set: looks at a shipment and returns flags with their evidence.

    ``NAME`` and ``VERSION`` identify the logic in every flag it raises (``id`` is
    ``"{NAME}-v{VERSION}"``); the version changes whenever the same input could give a
    different result. The class docstring explains the check to a compliance officer.
    """

    NAME: ClassVar[str]
    VERSION: ClassVar[int]
    TITLE: ClassVar[str]

    @property
    def id(self) -> str:
        """``NAME-vVERSION``, recorded in every flag and result."""
        ...

    def data_versions(self) -> tuple[str, ...]:
        """Return the audit labels of the reference data this check reads."""
        ...

    def run(self, shipment: Shipment) -> CheckResult:
        """Screen one shipment."""
        ...


class BaseCheck(abc.ABC):
    """Shared plumbing: the ``id``, and a helper that stamps flags with it."""

    NAME: ClassVar[str]
    VERSION: ClassVar[int]
    TITLE: ClassVar[str]

    @property
    def id(self) -> str:
        """``NAME-vVERSION``, recorded in every flag and result."""
        return f"{self.NAME}-v{self.VERSION}"

    def data_versions(self) -> tuple[str, ...]:
        """Return the audit labels of the reference data this check reads (none by default)."""
        return ()

    def flag(
        self, code: str, severity: Severity, message: str, evidence: Mapping[str, Any]
    ) -> Flag:
        """Build a flag raised by this check."""
        return Flag(code=code, severity=severity, message=message, evidence=evidence, check=self.id)

    @abc.abstractmethod
    def run(self, shipment: Shipment) -> CheckResult:
        """Screen one shipment."""

    def result(self, flags: list[Flag]) -> CheckResult:
        """Wrap this check's flags with its id and data versions."""
        return CheckResult(check=self.id, flags=tuple(flags), data_versions=self.data_versions())
