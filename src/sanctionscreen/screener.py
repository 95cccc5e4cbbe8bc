"""The Screener: runs the registered checks on shipments and gathers their flags."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from ._version import __version__
from .checks import Check, default_checks
from .errors import FieldTypeError, ValidationError
from .models import Shipment
from .results import Flag, ScreeningResult

__all__ = ["Screener"]

logger = logging.getLogger(__name__)


class Screener:
    """Screens shipments with a fixed set of checks and reference data.

    ``Screener()`` runs every registered check (see :mod:`sanctionscreen.checks`) on the
    bundled reference data, offline. Pass ``checks=`` to run a chosen subset or checks
    with their own configuration. A screener holds no per-shipment state, so one
    instance can screen any number of shipments.
    """

    def __init__(self, *, checks: Iterable[Check] | None = None) -> None:
        if isinstance(checks, str | bytes) or not (checks is None or isinstance(checks, Iterable)):
            raise FieldTypeError("checks", checks, "must be a list of checks")
        self._checks: tuple[Check, ...] = default_checks() if checks is None else tuple(checks)
        for check in self._checks:
            if not isinstance(check, Check):
                raise FieldTypeError("checks", check, "each must implement the Check protocol")
        ids = [check.id for check in self._checks]
        if len(set(ids)) != len(ids):
            raise ValidationError("checks", ids, "the same check is given twice")

    @property
    def checks(self) -> tuple[Check, ...]:
        """The checks this screener runs, in order."""
        return self._checks

    def data_versions(self) -> tuple[str, ...]:
        """Return the audit labels of all reference data the checks use, sorted."""
        return tuple(sorted({v for check in self._checks for v in check.data_versions()}))

    def screen(self, shipment: Shipment) -> ScreeningResult:
        """Screen one shipment and return its flags with the data versions used."""
        if not isinstance(shipment, Shipment):
            raise FieldTypeError("shipment", shipment, "must be a Shipment")
        flags: list[Flag] = []
        versions: set[str] = set()
        for check in self._checks:
            outcome = check.run(shipment)
            flags.extend(outcome.flags)
            versions.update(outcome.data_versions)
        logger.debug("screened shipment %r: %d flag(s)", shipment.id, len(flags))
        return ScreeningResult(
            shipment=shipment,
            flags=tuple(flags),
            checks=tuple(check.id for check in self._checks),
            data_versions=tuple(sorted(versions)),
            library_version=__version__,
        )

    def __repr__(self) -> str:
        return f"Screener(checks=[{', '.join(check.id for check in self._checks)}])"
