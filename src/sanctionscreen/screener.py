"""The Screener: runs the registered checks on shipments and gathers their flags."""

from __future__ import annotations

import datetime
import logging
import os
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ._version import __version__
from .batch import BatchReport, ColumnMap, read_rows, screen_many
from .checks import BaseCheck, Check, default_checks
from .context import PlaceConfig, Resources, ScreeningContext
from .errors import FieldTypeError, SampleListWarning, ValidationError
from .lists import SanctionsList, load_list, sample_list
from .matching.allowlist import Allowlist
from .matching.logic import MatchConfig
from .matching.matcher import Matcher, PartyMatch
from .matching.saved import default_index_dir
from .models import Entity, Money, Shipment, parse_date
from .rates import Conversion, RateChain, RateProvider, default_rates
from .results import Flag, ScreeningResult, settings_of, to_evidence

ListSource = SanctionsList | str | os.PathLike[str]

__all__ = ["Screener"]

logger = logging.getLogger(__name__)

# Official lists change weekly or faster: a list this much older than the shipment's
# date is noted in the result.
STALE_AFTER_DAYS = 31


class Screener:
    """Screens shipments with a fixed set of checks, lists and reference data.

    ``lists`` is a :class:`SanctionsList`, a path to a list file or folder (any format
    :func:`load_list` reads), or several of these. With ``lists=None`` the screener uses
    the bundled SAMPLE list, warns (:class:`SampleListWarning`) and says so in every
    result: the sample is for trying the library, not for compliance.

    ``Screener()`` runs every registered check (see :mod:`sanctionscreen.checks`) on the
    bundled reference data, offline. Pass ``checks=`` to run a chosen subset or checks
    with their own configuration (``[PartyCheck(PartyConfig(...)), RouteCheck()]``).
    What the screener owns it lends every check alike, through the screening context:

    - the lists, matched with ``party-logic-v2`` as ``matching`` (a
      :class:`~sanctionscreen.matching.logic.MatchConfig`: thresholds and weights) says;
      ``allowlist`` suppresses known false positives (see :class:`Allowlist`);
    - ``rates``, which convert values to US dollars: a
      :class:`~sanctionscreen.rates.RateChain` or a list of providers, asked in order;
      by default fixed pegs, then the ECB's reference rates, offline;
    - ``places``: how much a sanctioned place found only in an address weighs (a
      :class:`~sanctionscreen.context.PlaceConfig`), for the route and goods checks alike.

    Each shipment is read once into a :class:`~sanctionscreen.context.ScreeningContext`
    that every check reads. Building a screener indexes every name of the lists (about
    2 s for the full OFAC SDN list on one core). With ``index_cache`` (on by default) the
    index of lists of 2,000 names or more is saved in the user's cache folder
    (``indexes/`` under :func:`~sanctionscreen.lists.update.default_cache_dir`, or the
    folder given) and loaded from there next time, in about a tenth of that; any change
    to the lists' entries or to the library gives a new index. ``False`` never saves.
    ``build_progress`` wraps the list entries while they are indexed (``tqdm.tqdm``).
    A screener holds no per-shipment state, so one instance can screen any number of
    shipments.
    """

    def __init__(
        self,
        lists: ListSource | Iterable[ListSource] | None = None,
        *,
        checks: Iterable[Check] | None = None,
        allowlist: Allowlist | str | os.PathLike[str] | None = None,
        rates: RateChain | RateProvider | Iterable[RateProvider] | None = None,
        places: PlaceConfig | None = None,
        matching: MatchConfig | None = None,
        index_cache: bool | str | os.PathLike[str] = True,
        build_progress: Callable[..., Iterable[Any]] | None = None,
    ) -> None:
        self._lists = _lists(lists)
        if any(item.is_sample for item in self._lists):
            warnings.warn(
                "screening against the bundled SAMPLE list, which is not a compliance list; "
                "pass lists= (see sanctionscreen.load_list and 'sanctionscreen lists update')",
                SampleListWarning,
                stacklevel=2,
            )
        if isinstance(checks, str | bytes) or not (checks is None or isinstance(checks, Iterable)):
            raise FieldTypeError("checks", checks, "must be a list of checks")
        if isinstance(allowlist, str | os.PathLike):
            allowlist = Allowlist.from_csv(allowlist)
        elif allowlist is not None and not isinstance(allowlist, Allowlist):
            raise FieldTypeError("allowlist", allowlist, "must be an Allowlist or a CSV path")
        if rates is None:
            chain = default_rates()
        elif isinstance(rates, RateChain):
            chain = rates
        else:
            chain = RateChain(rates)
        self._resources = Resources(
            matcher=Matcher(
                self._lists,
                allowlist,
                matching,
                saved_in=_index_folder(index_cache),
                progress=build_progress,
            ),
            rates=chain,
            places=places,
        )
        self._checks: tuple[Check, ...] = (
            default_checks() if checks is None else tuple(_check(item) for item in checks)
        )
        if not self._checks:
            raise ValidationError("checks", [], "no check given; pass None for every check")
        ids = [check.id for check in self._checks]
        if len(set(ids)) != len(ids):
            raise ValidationError("checks", ids, "the same check is given twice")
        # Fixed for the screener's life: computed once, not for every shipment.
        self._check_ids = tuple(ids)
        self._list_versions = tuple(item.version for item in self._lists)
        self._list_files = tuple(
            f"{item.name}: {file.name} sha256:{file.sha256} ({file.size} bytes)"
            for item in self._lists
            for file in item.files
        )
        self._notes_by_date: dict[datetime.date | None, tuple[str, ...]] = {}
        self._settings = to_evidence(self._settings_now())

    @property
    def checks(self) -> tuple[Check, ...]:
        """The checks this screener runs, in order."""
        return self._checks

    @property
    def lists(self) -> tuple[SanctionsList, ...]:
        """The sanctions and restricted-party lists this screener uses."""
        return self._lists

    @property
    def rates(self) -> RateChain:
        """The exchange-rate providers this screener converts values with."""
        return self._resources.rates

    @property
    def places(self) -> PlaceConfig:
        """How much a sanctioned place found only in an address weighs, for every check."""
        return self._resources.places

    def to_usd(self, money: Money | str, *, on: datetime.date | str) -> Conversion:
        """Convert ``money`` (a Money or text such as "82 billion INR") to US dollars.

        ``on`` is the date whose rate applies (a date or ISO text). The result records
        the rate, its provider, its date and how many days back it was found; when no
        provider knows the rate, :class:`~sanctionscreen.errors.RateUnavailableError`
        names each provider and its reason.
        """
        if not isinstance(money, Money):
            money = Money.parse(money)
        day = parse_date("on", on)
        if day is None:
            raise ValidationError("on", on, "a date is needed: rates change every day")
        return self._resources.rates.convert(money, day)

    def screen_many(
        self,
        rows: Iterable[Shipment | Mapping[str, object]] | Any,
        *,
        progress: Callable[..., Iterable[Any]] | None = None,
        workers: int = 1,
        columns: ColumnMap | None = None,
        keep_results: bool = True,
    ) -> BatchReport:
        """Screen many shipments; return a report with one outcome per row, in order.

        ``rows`` holds :class:`Shipment` objects, mappings of column to value (see
        :mod:`sanctionscreen.batch.records` for the default columns, ``columns`` for
        others) or a pandas DataFrame. A row that cannot be read or screened becomes an
        error outcome naming the row, field and value; the others are still screened.
        ``progress`` wraps the outcomes as they come (``tqdm.tqdm``); ``workers > 1``
        screens in that many processes. ``keep_results=False`` keeps each result as its
        compressed JSON record, for very large files (see :func:`~.batch.screen_many`).
        """
        return screen_many(
            self,
            rows,
            progress=progress,
            workers=workers,
            columns=columns,
            keep_results=keep_results,
        )

    def screen_file(
        self,
        path: str | os.PathLike[str],
        *,
        format: str | None = None,
        columns: ColumnMap | None = None,
        progress: Callable[..., Iterable[Any]] | None = None,
        workers: int = 1,
        keep_results: bool = True,
    ) -> BatchReport:
        """Screen every row of a CSV or JSON-lines file (see :meth:`screen_many`)."""
        return self.screen_many(
            read_rows(path, format=format, columns=columns),
            progress=progress,
            workers=workers,
            columns=columns,
            keep_results=keep_results,
        )

    @property
    def matcher(self) -> Matcher:
        """The matcher over this screener's lists (the party check uses it)."""
        matcher = self._resources.matcher
        assert matcher is not None  # a screener always has lists
        return matcher

    def match(self, entity: Entity | str, *, include_review: bool = False) -> list[PartyMatch]:
        """Return the list entries a party matches, best first: the alerts screen() flags.

        ``entity`` is an :class:`Entity` (its aliases, country, kind and identifiers
        weigh in) or a name. ``include_review`` adds possible matches below the alert
        threshold. Each :class:`PartyMatch` has the entry, the list name and version,
        the name met, the score and an explanation.
        """
        if not isinstance(entity, Entity | str):
            raise FieldTypeError("entity", entity, "must be an Entity or a name")
        return self.matcher.match(entity, include_review=include_review)

    def context(self, shipment: Shipment) -> ScreeningContext:
        """Return the screening context this screener gives its checks for ``shipment``.

        For running or studying one check with the screener's lists, rates and place
        settings: ``RouteCheck().run(screener.context(shipment))``.
        """
        if not isinstance(shipment, Shipment):
            raise FieldTypeError("shipment", shipment, "must be a Shipment")
        return ScreeningContext(shipment, self._resources)

    @property
    def settings(self) -> Mapping[str, Any]:
        """The settings every result records: matching, places and each check's config."""
        return self._settings

    def _settings_now(self) -> dict[str, Any]:
        matcher = self.matcher
        return {
            "matching": {"algorithm": matcher.algorithm, **matcher.config.to_dict()},
            "places": settings_of(self._resources.places),
            "checks": {
                check.id: check.settings() if isinstance(check, BaseCheck) else {}
                for check in self._checks
            },
        }

    def data_versions(self) -> tuple[str, ...]:
        """Return the audit labels of all reference data the checks use, sorted."""
        resources = self._resources
        return tuple(sorted({v for check in self._checks for v in check.data_versions(resources)}))

    def screen(self, shipment: Shipment) -> ScreeningResult:
        """Screen one shipment and return its flags with the data versions used."""
        if not isinstance(shipment, Shipment):
            raise FieldTypeError("shipment", shipment, "must be a Shipment")
        context = self.context(shipment)
        flags: list[Flag] = []
        versions: set[str] = set()
        for check in self._checks:
            outcome = check.run(context)
            flags.extend(outcome.flags)
            versions.update(outcome.data_versions)
        logger.debug("screened shipment %r: %d flag(s)", shipment.id, len(flags))
        return ScreeningResult(
            shipment=shipment,
            flags=tuple(flags),
            checks=self._check_ids,
            data_versions=tuple(sorted(versions)),
            lists=self._list_versions,
            notes=self._notes(shipment.date),
            library_version=__version__,
            list_files=self._list_files,
            value_usd=context.value_usd,
            settings=self._settings,
        )

    def _notes(self, date: datetime.date | None) -> tuple[str, ...]:
        """Return what a reader must know about the lists: sample, undated or old lists.

        Age is judged against the shipment's date, not today, so that screening the
        same shipment again gives the same result.
        """
        known = self._notes_by_date.get(date)
        if known is None:
            known = self._notes_by_date[date] = self._notes_on(date)
        return known

    def _notes_on(self, date: datetime.date | None) -> tuple[str, ...]:
        notes = []
        for item in self._lists:
            if item.is_sample:
                notes.append(
                    f"Screened against the bundled SAMPLE list {item.version}: "
                    "not a compliance list."
                )
                continue
            dated = item.published or item.retrieved
            if dated is not None and date is None:
                notes.append(
                    f"{item.name} is dated {dated.isoformat()}; the shipment has no date, so "
                    "whether the list was current for it is not judged."
                )
            elif dated is None:
                notes.append(
                    f"{item.name} carries no date: make sure it is current (lists change weekly)."
                )
            elif date is not None and (date - dated).days > STALE_AFTER_DAYS:
                notes.append(
                    f"{item.name} is dated {dated.isoformat()}, {(date - dated).days} days "
                    f"before the shipment's date: designations since then are not screened."
                )
        return tuple(notes)

    def __repr__(self) -> str:
        checks = ", ".join(check.id for check in self._checks)
        lists = ", ".join(item.version for item in self._lists)
        return f"Screener(lists=[{lists}], checks=[{checks}])"


def _check(item: object) -> Check:
    if isinstance(item, type):
        name = getattr(item, "__name__", "the check")
        raise FieldTypeError("checks", item, f"give a check, not its class: {name}()")
    if isinstance(item, Check):
        return item
    why = "each must be a check such as RouteCheck(RouteConfig(...))"
    if callable(item) and not isinstance(item, type):
        why += "; checks no longer take the matcher: the screener lends it to them"
    raise FieldTypeError("checks", item, why)


def _index_folder(index_cache: object) -> Path | None:
    """Return the folder for saved indexes that ``index_cache`` names, or None."""
    if index_cache is True:
        return default_index_dir()
    if index_cache is False:
        return None
    if isinstance(index_cache, str | os.PathLike):
        return Path(index_cache)
    raise FieldTypeError("index_cache", index_cache, "must be True, False or a folder path")


def _lists(given: ListSource | Iterable[ListSource] | None) -> tuple[SanctionsList, ...]:
    if given is None:
        return (sample_list(),)
    items: Iterable[object]
    if isinstance(given, SanctionsList | str | os.PathLike):
        items = (given,)
    elif isinstance(given, Iterable) and not isinstance(given, bytes):
        items = given
    else:
        raise FieldTypeError("lists", given, "must be a SanctionsList, a path, or a list of them")
    loaded: list[SanctionsList] = []
    for item in items:
        if isinstance(item, SanctionsList):
            loaded.append(item)
        elif isinstance(item, str | os.PathLike):
            loaded.append(load_list(item))
        else:
            raise FieldTypeError("lists", item, "each must be a SanctionsList or a path")
    if not loaded:
        raise ValidationError("lists", given, "no list given; pass None for the bundled sample")
    return tuple(loaded)
