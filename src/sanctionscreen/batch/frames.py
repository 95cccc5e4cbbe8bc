"""A report's rows as pandas DataFrames, typed for computing with them.

Numbers are numbers (``value_usd`` and ``score`` as floats), dates are dates
(``date`` as ``datetime64``), severities are an ordered category (``risk`` and
``severity``: NONE < INFO < LOW < ELEVATED < HIGH < CRITICAL, so ``>= "HIGH"`` and
sorting work), ``row`` is an integer, and an empty cell is missing (``None``), so that
``groupby`` and ``pivot_table`` leave it out instead of grouping the blanks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..results import Severity

if TYPE_CHECKING:
    import pandas

__all__ = ["SEVERITY_ORDER", "typed_frame"]

SEVERITY_ORDER = tuple(severity.name for severity in sorted(Severity))
"""Severity names from the least to the most serious: the order of the category."""

_NUMBERS = ("value_usd", "score")
_SEVERITIES = ("risk", "severity")


def typed_frame(records: Iterable[dict[str, Any]], columns: Iterable[str]) -> pandas.DataFrame:
    """Return the text records as a DataFrame with the types above (needs pandas)."""
    pandas = _pandas()
    frame = pandas.DataFrame.from_records(list(records), columns=list(columns))
    for column in frame.columns:
        if pandas.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].mask(frame[column] == "")
    frame["row"] = frame["row"].astype("int64")
    if "risk_level" in frame:
        frame["risk_level"] = frame["risk_level"].astype("Int64")  # missing for error rows
    if "date" in frame:
        frame["date"] = pandas.to_datetime(frame["date"], format="ISO8601")
    for column in _NUMBERS:
        if column in frame:
            frame[column] = pandas.to_numeric(frame[column]).astype("float64")
    category = pandas.CategoricalDtype(list(SEVERITY_ORDER), ordered=True)
    for column in _SEVERITIES:
        if column in frame:
            frame[column] = frame[column].astype(category)
    frame["status"] = frame["status"].astype(pandas.CategoricalDtype(["screened", "error"]))
    return frame


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("this needs pandas: pip install 'sanctionscreen[pandas]'") from exc
    return pandas
