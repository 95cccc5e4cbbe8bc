"""Screening many shipments: rows from files or DataFrames, a report, workers and progress.

>>> report = screener.screen_many(rows, progress=tqdm.tqdm, workers=4)  # doctest: +SKIP
>>> report.counts_by_code(); report.to_pandas(); report.to_csv()        # doctest: +SKIP

See :mod:`sanctionscreen.batch.records` for the default column layout and
:class:`ColumnMap` for other layouts.
"""

from __future__ import annotations

from .exports import CSV_COLUMNS, FLAG_COLUMNS, safe_cell
from .files import FILE_FORMATS, BadRow, read_rows
from .records import DEFAULT_COLUMNS, OPTIONAL_COLUMNS, ColumnMap, RowError, shipment_from_row
from .report import BatchReport, Outcome
from .runner import screen_many

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_COLUMNS",
    "FILE_FORMATS",
    "FLAG_COLUMNS",
    "OPTIONAL_COLUMNS",
    "BadRow",
    "BatchReport",
    "ColumnMap",
    "Outcome",
    "RowError",
    "read_rows",
    "safe_cell",
    "screen_many",
    "shipment_from_row",
]
