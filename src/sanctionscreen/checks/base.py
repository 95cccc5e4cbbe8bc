"""The interface every check implements, and a base class with the shared plumbing."""

from __future__ import annotations

import abc
from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, runtime_checkable

from .._data import data_version
from ..context import Resources, ScreeningContext
from ..results import CheckResult, Flag, Severity, settings_of

__all__ = ["BaseCheck", "Check"]


@runtime_checkable
class Check(Protocol):
    """A screening rule set: reads a shipment's context and returns flags with evidence.

    ``NAME`` and ``VERSION`` identify the logic in every flag it raises (``id`` is
    ``"{NAME}-v{VERSION}"``); the version changes whenever the same input could give a
    different result. The class docstring explains the check to a compliance officer.
    A check reads only the :class:`~sanctionscreen.context.ScreeningContext` it is
    given: never another check, never the screener.
    """

    NAME: ClassVar[str]
    VERSION: ClassVar[int]
    TITLE: ClassVar[str]

    @property
    def id(self) -> str:
        """``NAME-vVERSION``, recorded in every flag and result."""
        ...

    def data_versions(self, resources: Resources) -> tuple[str, ...]:
        """Return the audit labels of the reference data this check reads."""
        ...

    def run(self, context: ScreeningContext) -> CheckResult:
        """Screen one shipment, as its context reads it."""
        ...


class BaseCheck(abc.ABC):
    """Shared plumbing: the ``id``, data versions from ``DATA_FILES``, and flag stamping."""

    NAME: ClassVar[str]
    VERSION: ClassVar[int]
    TITLE: ClassVar[str]
    DATA_FILES: ClassVar[tuple[str, ...]] = ()
    """The bundled data files the check reads, named in every result's data versions."""

    @property
    def id(self) -> str:
        """``NAME-vVERSION``, recorded in every flag and result."""
        return f"{self.NAME}-v{self.VERSION}"

    def data_versions(self, resources: Resources) -> tuple[str, ...]:
        """Return the audit labels of the bundled data files the check reads."""
        return tuple(data_version(name) for name in self.DATA_FILES)

    def settings(self) -> dict[str, Any]:
        """Return the check's config as JSON-safe data, for the result's ``settings``."""
        return settings_of(getattr(self, "config", None))

    def flag(
        self, code: str, severity: Severity, message: str, evidence: Mapping[str, Any]
    ) -> Flag:
        """Build a flag raised by this check."""
        return Flag(code=code, severity=severity, message=message, evidence=evidence, check=self.id)

    @abc.abstractmethod
    def run(self, context: ScreeningContext) -> CheckResult:
        """Screen one shipment, as its context reads it."""

    def result(self, flags: list[Flag], context: ScreeningContext) -> CheckResult:
        """Wrap this check's flags with its id and data versions."""
        return CheckResult(
            check=self.id, flags=tuple(flags), data_versions=self.data_versions(context.resources)
        )
