"""Screening many shipments, in one process or several, with progress.

Rows in equals outcomes out, in order: a row that cannot be read or screened becomes an
error outcome and the rest go on. With ``workers > 1`` rows are screened in worker
processes; on Linux they are forked and share the screener (lists and index) without
copying it, elsewhere the screener is pickled to each worker once.
"""

from __future__ import annotations

import collections
import concurrent.futures
import itertools
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from typing import Any, Protocol

from ..errors import FieldTypeError, ValidationError
from ..models import Shipment
from ..results import ScreeningResult
from .files import BadRow
from .records import ColumnMap, RowError, row_error, shipment_from_row
from .report import BatchReport, Outcome

__all__ = ["Screens", "screen_many"]


class Screens(Protocol):
    """Anything that screens one shipment: a :class:`~sanctionscreen.Screener`."""

    def screen(self, shipment: Shipment) -> ScreeningResult:
        """Screen one shipment."""
        ...


logger = logging.getLogger(__name__)

Row = Shipment | Mapping[str, object] | BadRow
Progress = Callable[..., Iterable[Outcome]]

_CHUNK = 200
_IN_FLIGHT = 4  # chunks queued per worker
_worker_screener: Screens | None = None


def screen_many(
    screener: Screens,
    rows: Iterable[Row] | Any,
    *,
    progress: Progress | None = None,
    workers: int = 1,
    columns: ColumnMap | None = None,
    keep_results: bool = True,
) -> BatchReport:
    """Screen every row and return a report with one outcome per row, in order.

    ``rows`` holds :class:`Shipment` objects, mappings of column to value (the layout of
    :mod:`sanctionscreen.batch.records`, or ``columns``), or a pandas DataFrame.
    ``progress`` wraps the stream of outcomes: ``tqdm.tqdm`` or any callable taking an
    iterable (and ``total=`` when it accepts it). ``keep_results=False`` keeps each
    result as its compressed JSON record (a few KB instead of about 40 KB), for files
    of hundreds of thousands of rows; the report's counts and exports are the same.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValidationError("workers", workers, "must be a whole number of at least 1")
    layout = columns or ColumnMap()
    items, total = _rows(rows)
    if workers == 1:
        outcomes: Iterator[Outcome] = (
            _screen_row(screener, number, item, layout, keep_results)
            for number, item in enumerate(items, 1)
        )
    else:
        outcomes = _parallel(screener, items, workers, layout, keep_results)
    return BatchReport(list(_with_progress(outcomes, progress, total)))


def _rows(rows: object) -> tuple[Iterable[Row], int | None]:
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):  # a pandas DataFrame
        records = rows.to_dict("records")
        return records, len(records)
    if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
        raise FieldTypeError("rows", rows, "must be shipments, row mappings or a DataFrame")
    total = len(rows) if isinstance(rows, Sized) else None
    return rows, total


def _with_progress(
    outcomes: Iterator[Outcome], progress: Progress | None, total: int | None
) -> Iterable[Outcome]:
    if progress is None:
        return outcomes
    try:
        return progress(outcomes, total=total)
    except TypeError:
        return progress(outcomes)


def _screen_row(
    screener: Screens, number: int, item: Row, layout: ColumnMap, keep: bool
) -> Outcome:
    if isinstance(item, BadRow):
        return Outcome(number, error=RowError(number, "", item.value, f"the line {item.message}"))
    try:
        if isinstance(item, Shipment):
            shipment = item
        elif isinstance(item, Mapping):
            shipment = shipment_from_row(item, layout)
        else:
            raise FieldTypeError("row", item, "must be a Shipment or a mapping of columns")
        result = screener.screen(shipment)
        return Outcome(number, result=result) if keep else Outcome.compact(number, result)
    except Exception as exc:  # one bad row must never stop the batch
        if not isinstance(exc, ValueError | TypeError | LookupError):
            logger.exception("row %d: unexpected error", number)
        row = item if isinstance(item, Mapping) else {}
        return Outcome(number, error=row_error(number, row, exc, layout))


def _parallel(
    screener: Screens, items: Iterable[Row], workers: int, layout: ColumnMap, keep: bool
) -> Iterator[Outcome]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    numbered = enumerate(items, 1)
    chunks = iter(lambda: list(itertools.islice(numbered, _CHUNK)), [])
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(screener,)
    ) as pool:
        # pool.map would read the whole input at once; a few chunks in flight per worker
        # keep memory flat however long the file, and the outcomes in input order.
        pending: collections.deque[concurrent.futures.Future[list[Outcome]]] = collections.deque()
        for chunk in chunks:
            pending.append(pool.submit(_screen_chunk, chunk, layout, keep))
            if len(pending) >= workers * _IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _start_worker(screener: Screens) -> None:
    global _worker_screener
    _worker_screener = screener


def _screen_chunk(chunk: list[tuple[int, Row]], layout: ColumnMap, keep: bool) -> list[Outcome]:
    assert _worker_screener is not None, "worker started without a screener"
    return [_screen_row(_worker_screener, number, item, layout, keep) for number, item in chunk]
