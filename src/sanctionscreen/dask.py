"""Screening a Dask DataFrame partition by partition (the ``dask`` extra).

Beyond one machine the work is Dask's: this module only gives it a function to run on
each partition. Each worker process builds its screener once, from the list files
named (paths the workers can read), and screens its partitions with
:meth:`~sanctionscreen.Screener.screen_many`; the result is a Dask DataFrame with one
row per input row and the columns of :data:`~sanctionscreen.batch.CSV_COLUMNS`, the
same records a single process writes with ``report.to_csv()``, row numbers included::

    import dask.dataframe as dd
    from sanctionscreen.dask import screen_dataframe

    shipments = dd.read_csv("shipments-*.csv", dtype=str, keep_default_na=False)
    results = screen_dataframe(shipments, lists=["/data/sdn.csv", "/data/csl.csv"])
    results[results.status == "error"].compute()
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence
from typing import Any

from .batch import CSV_COLUMNS, ColumnMap
from .results import Severity
from .screener import Screener

__all__ = ["screen_dataframe"]


def screen_dataframe(
    frame: Any,
    *,
    lists: Sequence[str] | None = None,
    columns: ColumnMap | None = None,
    min_severity: Severity | str = Severity.NONE,
) -> Any:
    """Screen every row of a Dask DataFrame; return a lazy Dask DataFrame of outcomes.

    ``lists`` are list files or folders every worker can read (None: the bundled
    sample list, for trying it out). Read the input as text (``dtype=str``) so that
    codes and values keep their digits. Row numbers count from 1 across partitions.
    """
    import pandas

    floor = Severity.parse(min_severity)
    sizes = frame.map_partitions(len).compute()
    offsets = [0]
    for size in sizes[:-1]:
        offsets.append(offsets[-1] + int(size))
    meta = pandas.DataFrame({name: pandas.Series(dtype=object) for name in CSV_COLUMNS})
    meta["row"] = meta["row"].astype("int64")
    spec = tuple(str(path) for path in lists) if lists is not None else None
    return frame.map_partitions(
        _screen_partition,
        spec,
        columns or ColumnMap(),
        floor,
        offsets,
        meta=meta,
        align_dataframes=False,
    )


def _screen_partition(
    partition: Any,
    spec: tuple[str, ...] | None,
    columns: ColumnMap,
    floor: Severity,
    offsets: list[int],
    partition_info: dict[str, Any] | None = None,
) -> Any:
    import pandas

    number = partition_info["number"] if partition_info else 0
    report = _screener(spec).screen_many(partition, columns=columns, keep_results=False)
    records = []
    for outcome in report:
        record: dict[str, Any] = dict(outcome.csv_row(min_severity=floor))
        record["row"] = offsets[number] + outcome.row
        records.append(record)
    result = pandas.DataFrame.from_records(records, columns=list(CSV_COLUMNS))
    result["row"] = result["row"].astype("int64")
    return result


@functools.cache
def _screener(spec: tuple[str, ...] | None) -> Screener:
    """One screener per worker process and list set: building it indexes every name."""
    if spec is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Screener()
    return Screener(list(spec))
