"""Charts of a batch report for notebooks, drawn with pandas' plotting (matplotlib).

Needs the ``charts`` extra (pandas and matplotlib). Four panels on one figure: the
flags by code and severity, the flagged shipments by destination country and risk,
the shipments by risk, and the value in US dollars of the shipments at each risk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..results import Severity
from .frames import SEVERITY_ORDER

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .report import BatchReport

__all__ = ["report_charts"]

# One colour per severity, least to most serious, as the HTML result shows them.
_COLOURS = {
    "NONE": "#2e7d32",
    "INFO": "#546e7a",
    "LOW": "#8d6e00",
    "ELEVATED": "#e65100",
    "HIGH": "#c62828",
    "CRITICAL": "#6a1b9a",
}


def report_charts(
    report: BatchReport, *, min_severity: Severity | str = Severity.LOW, top: int = 15
) -> Figure:
    """Return a figure of four charts of ``report``; flags below ``min_severity`` left out.

    ``top`` caps the codes and countries shown (the most frequent). In a notebook the
    figure displays itself; ``fig.savefig("flags.png")`` writes it.
    """
    pyplot, ticker = _pyplot()
    floor = Severity.parse(min_severity, field="min_severity")
    shown = [name for name in SEVERITY_ORDER if Severity[name] >= floor]
    flags = report.to_pandas(explode=True, min_severity=floor)
    rows = report.to_pandas(min_severity=floor)
    figure: Figure
    figure, axes = pyplot.subplots(2, 2, figsize=(13, 9), layout="constrained")

    by_code = _counts(flags.dropna(subset=["code"]), "code", "severity", shown, top)
    _bars(axes[0][0], by_code, "Flags by code and severity", "flags", horizontal=True)
    flagged = rows[rows["risk"] >= floor.name]
    by_country = _counts(flagged, "destination", "risk", shown, top)
    _bars(axes[0][1], by_country, "Flagged shipments by destination", "shipments")
    screened = rows[rows["status"] == "screened"]
    risks = screened["risk"].value_counts().reindex(list(SEVERITY_ORDER), fill_value=0)
    risks.plot.bar(ax=axes[1][0], color=[_COLOURS[name] for name in risks.index], rot=0)
    axes[1][0].set(title="Shipments by risk", xlabel="", ylabel="shipments")
    value = screened.groupby("risk", observed=False)["value_usd"].sum() / 1e6
    value = value.reindex(list(SEVERITY_ORDER), fill_value=0.0)
    value.plot.bar(ax=axes[1][1], color=[_COLOURS[name] for name in value.index], rot=0)
    axes[1][1].set(title="Value of the shipments by risk", xlabel="", ylabel="USD million")
    for counted in (axes[0][0].xaxis, axes[0][1].yaxis, axes[1][0].yaxis):
        counted.set_major_locator(ticker.MaxNLocator(integer=True))  # whole flags, shipments
    return figure


def _counts(frame: Any, index: str, colour: str, shown: list[str], top: int) -> Any:
    """Count rows by ``index`` and severity column ``colour``: the ``top`` most frequent."""
    table = frame.pivot_table(
        index=index, columns=colour, values="row", aggfunc="count", observed=False
    )
    table = table.reindex(columns=shown).fillna(0).astype(int)
    order = table.sum(axis=1).sort_values(ascending=False).index[:top]
    return table.loc[order]


def _bars(axis: Any, table: Any, title: str, unit: str, *, horizontal: bool = False) -> None:
    colours = [_COLOURS[name] for name in table.columns]
    if table.empty:
        axis.set_title(f"{title}: none")
        return
    if horizontal:
        table.iloc[::-1].plot.barh(ax=axis, stacked=True, color=colours)
        axis.set(title=title, xlabel=unit, ylabel="")
    else:
        table.plot.bar(ax=axis, stacked=True, color=colours, rot=0)
        axis.set(title=title, xlabel="", ylabel=unit)


def _pyplot() -> tuple[Any, Any]:
    try:
        from matplotlib import pyplot, ticker
    except ImportError as exc:
        raise ImportError(
            "charts need matplotlib and pandas: pip install 'sanctionscreen[charts]'"
        ) from exc
    return pyplot, ticker
