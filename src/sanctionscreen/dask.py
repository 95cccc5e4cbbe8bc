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

import operator
import warnings
from collections.abc import Sequence
from typing import Any

from ._caching import cache
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

    Nothing is read or screened until the result is computed. ``lists`` are list files
    or folders every worker can read (None: the bundled sample list, for trying it out).
    Read the input as text (``dtype=str``) so that codes and values keep their digits.
    Row numbers count from 1 across partitions.
    """
    import dask.dataframe as dd
    import pandas
    from dask.delayed import delayed

    floor = Severity.parse(min_severity)
    meta = pandas.DataFrame({name: pandas.Series(dtype=object) for name in CSV_COLUMNS})
    meta["row"] = meta["row"].astype("int64")
    spec = tuple(str(path) for path in lists) if lists is not None else None
    layout = columns or ColumnMap()
    # Each partition is screened on its own, numbered from 1; a small task then adds the
    # number of rows before it, so screening never waits for the partitions before it.
    numbered = []
    offset: Any = 0
    for part in frame.to_delayed():
        screened = delayed(_screen_partition)(part, spec, layout, floor)
        numbered.append(delayed(_renumber)(screened, offset))
        offset = delayed(operator.add)(offset, delayed(len)(part))
    return dd.from_delayed(numbered, meta=meta, verify_meta=False)


def _screen_partition(
    partition: Any, spec: tuple[str, ...] | None, columns: ColumnMap, floor: Severity
) -> Any:
    import pandas

    report = _screener(spec).screen_many(partition, columns=columns, keep_results=False)
    records = [dict(outcome.csv_row(min_severity=floor)) for outcome in report]
    result = pandas.DataFrame.from_records(records, columns=list(CSV_COLUMNS))
    result["row"] = result["row"].astype("int64")
    return result


def _renumber(screened: Any, offset: int) -> Any:
    """Add the ``offset`` rows of the partitions before a partition to its row numbers."""
    screened["row"] = screened["row"] + offset
    return screened


@cache
def _screener(spec: tuple[str, ...] | None) -> Screener:
    """One screener per worker process and list set: building it indexes every name."""
    if spec is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Screener()
    return Screener(list(spec))
