"""The outcome of screening many shipments: one record per input row, in input order.

Each :class:`Outcome` is either a :class:`~sanctionscreen.ScreeningResult` or a
:class:`~sanctionscreen.batch.RowError`; a :class:`BatchReport` holds them all, counts
flags by code and severity, and writes them as JSON lines, CSV (cells a spreadsheet
would run as formulas are neutralized) or a pandas DataFrame.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import attrs

from ..results import ScreeningResult, Severity
from .charts import report_charts
from .exports import CSV_COLUMNS, FLAG_COLUMNS, error_cells, flag_rows, safe_cell, wide_row
from .frames import typed_frame
from .records import RowError

if TYPE_CHECKING:
    import pandas
    from matplotlib.figure import Figure

__all__ = ["CSV_COLUMNS", "FLAG_COLUMNS", "BatchReport", "Outcome", "safe_cell"]


@attrs.frozen
class Outcome:
    """What became of one input row: its result, or the error that stopped it.

    A compact outcome (``keep_results=False``) holds the result's JSON record,
    compressed, and the flag codes instead of the result object: ``result`` is then
    None and :meth:`to_dict` gives the same data as the full result's.
    """

    row: int
    result: ScreeningResult | None = None
    error: RowError | None = None
    packed: bytes | None = attrs.field(default=None, repr=False)
    shipment_id: str | None = None
    flag_codes: tuple[tuple[str, Severity], ...] = ()

    @classmethod
    def compact(cls, row: int, result: ScreeningResult) -> Outcome:
        """Keep a result as its compressed JSON record and its flags' codes and severities."""
        # Level 1: three times faster than the default, barely larger on JSON this repetitive.
        packed = zlib.compress(result.to_json().encode("utf-8"), 1)
        codes = tuple((flag.code, flag.severity) for flag in result.flags)
        return cls(row, packed=packed, shipment_id=result.shipment_id, flag_codes=codes)

    @property
    def screened(self) -> bool:
        """Whether the row was screened (it has a result, kept whole or compact)."""
        return self.error is None

    @property
    def id(self) -> str | None:
        """The shipment's id, when the row gave one."""
        if self.result is not None:
            return self.result.shipment_id
        if self.error is not None:
            return self.error.id
        return self.shipment_id

    @property
    def flags(self) -> tuple[tuple[str, Severity], ...]:
        """(code, severity) of every flag, most serious first; empty for an error row."""
        if self.result is not None:
            return tuple((flag.code, flag.severity) for flag in self.result.flags)
        return self.flag_codes

    @property
    def risk(self) -> Severity | None:
        """The result's risk; None for an error row."""
        if self.error is not None:
            return None
        flags = self.flags
        return flags[0][1] if flags else Severity.NONE

    def record(self) -> dict[str, Any]:
        """Return the result as ``ScreeningResult.to_dict()`` gives it (whole or compact)."""
        if self.result is not None:
            return self.result.to_dict()
        if self.packed is None:
            raise ValueError(f"row {self.row} was not screened: {self.error}")
        data: dict[str, Any] = json.loads(zlib.decompress(self.packed))
        return data

    def to_dict(self, *, min_severity: Severity = Severity.NONE) -> dict[str, Any]:
        """Return the outcome as JSON-safe data; flags below ``min_severity`` are left out."""
        if self.error is not None:
            error = self.error
            return {"row": self.row, "status": "error", "id": error.id, "error": error.to_dict()}
        record = self.record()
        record["flags"] = [f for f in record["flags"] if Severity[f["severity"]] >= min_severity]
        return {"row": self.row, "status": "screened", "id": record["shipment_id"], **record}

    def csv_row(self, *, min_severity: Severity = Severity.NONE) -> dict[str, str]:
        """Return the outcome as one CSV record (see ``CSV_COLUMNS``)."""
        if self.error is not None:
            return error_cells(self.row, self.error, CSV_COLUMNS)
        return wide_row(self.row, self.record(), min_severity)

    def flag_rows(self, *, min_severity: Severity = Severity.NONE) -> list[dict[str, str]]:
        """Return one record per flag (see ``FLAG_COLUMNS``); one when there is none."""
        if self.error is not None:
            return [error_cells(self.row, self.error, FLAG_COLUMNS)]
        return flag_rows(self.row, self.record(), min_severity)


class BatchReport:
    """Every row's outcome, in input order, with counts and exports.

    ``len(report)`` equals the number of rows given; nothing is dropped.
    """

    def __init__(self, outcomes: Sequence[Outcome]) -> None:
        self._outcomes = tuple(outcomes)

    def __len__(self) -> int:
        return len(self._outcomes)

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self._outcomes)

    def __getitem__(self, index: int) -> Outcome:
        return self._outcomes[index]

    @property
    def results(self) -> tuple[ScreeningResult, ...]:
        """The screening results kept whole (all screened rows unless ``keep_results=False``)."""
        return tuple(o.result for o in self._outcomes if o.result is not None)

    @property
    def errors(self) -> tuple[RowError, ...]:
        """The rows that could not be screened, with the field and why."""
        return tuple(o.error for o in self._outcomes if o.error is not None)

    def flagged(self, min_severity: Severity | str = Severity.LOW) -> tuple[Outcome, ...]:
        """Return the outcomes whose risk is ``min_severity`` or above."""
        floor = Severity.parse(min_severity)
        return tuple(o for o in self._outcomes if o.risk is not None and o.risk >= floor)

    def counts_by_severity(self) -> dict[str, int]:
        """Count screened rows by their risk, most serious first, and error rows."""
        counter = Counter(o.risk for o in self._outcomes if o.risk is not None)
        counts = {s.name: counter[s] for s in sorted(Severity, reverse=True) if counter[s]}
        if self.errors:
            counts["ERROR"] = len(self.errors)
        return counts

    def counts_by_code(self) -> dict[str, dict[str, int]]:
        """Count flags by code and severity: ``{"SANCTIONED_PARTY": {"CRITICAL": 3}}``."""
        counts: dict[str, Counter[str]] = {}
        for outcome in self._outcomes:
            for code, severity in outcome.flags:
                counts.setdefault(code, Counter())[severity.name] += 1
        order = sorted(counts, key=lambda code: (-max(Severity[s] for s in counts[code]), code))
        return {
            code: {s: counts[code][s] for s in sorted(counts[code], key=lambda s: -Severity[s])}
            for code in order
        }

    def summary(self) -> str:
        """Return a short text summary: rows, errors, risk counts and the commonest flags."""
        risks = ", ".join(f"{name} {count}" for name, count in self.counts_by_severity().items())
        lines = [f"{len(self)} rows screened: {risks or 'nothing'}"]
        for code, by_severity in list(self.counts_by_code().items())[:10]:
            shown = ", ".join(f"{s} {n}" for s, n in by_severity.items())
            lines.append(f"  {code}: {shown}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<BatchReport {self.summary()}>"

    @overload
    def to_jsonl(
        self, path: None = None, *, min_severity: Severity | str = ..., explode: bool = ...
    ) -> str: ...

    @overload
    def to_jsonl(
        self,
        path: str | os.PathLike[str],
        *,
        min_severity: Severity | str = ...,
        explode: bool = ...,
    ) -> None: ...

    def to_jsonl(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        min_severity: Severity | str = Severity.NONE,
        explode: bool = False,
    ) -> str | None:
        """Write one JSON object per row, in order, to ``path``; return the text without one.

        Errors are ``{"status": "error"}`` objects. ``explode=True`` writes the long
        layout instead: one object per flag with the ``FLAG_COLUMNS`` keys (``row`` a
        number, ``score`` a number or null).
        """
        floor = Severity.parse(min_severity, field="min_severity")
        lines = (
            json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
            for record in self._json_records(floor, explode)
        )
        return _written("".join(lines), path)

    @overload
    def to_csv(
        self, path: None = None, *, min_severity: Severity | str = ..., explode: bool = ...
    ) -> str: ...

    @overload
    def to_csv(
        self,
        path: str | os.PathLike[str],
        *,
        min_severity: Severity | str = ...,
        explode: bool = ...,
    ) -> None: ...

    def to_csv(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        min_severity: Severity | str = Severity.NONE,
        explode: bool = False,
    ) -> str | None:
        """Write one CSV record per row (``CSV_COLUMNS``) to ``path``; return the text without one.

        ``explode=True`` writes one record per flag (``FLAG_COLUMNS``). Cells a
        spreadsheet would run as formulas are neutralized (see :func:`safe_cell`).
        """
        floor = Severity.parse(min_severity, field="min_severity")
        buffer = io.StringIO()
        columns = FLAG_COLUMNS if explode else CSV_COLUMNS
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for record in self._text_records(floor, explode):
            writer.writerow({key: safe_cell(value) for key, value in record.items()})
        return _written(buffer.getvalue(), path)

    def to_pandas(
        self, *, explode: bool = False, min_severity: Severity | str = Severity.NONE
    ) -> pandas.DataFrame:
        """Return the rows as a typed DataFrame (needs pandas: the ``pandas`` extra).

        One row per input row (``CSV_COLUMNS`` and ``risk_level``, ``destination``,
        ``consignee_country``), or with ``explode=True`` one per flag
        (``FLAG_COLUMNS``). Types: see :mod:`sanctionscreen.batch.frames`.
        """
        floor = Severity.parse(min_severity, field="min_severity")
        if explode:
            return typed_frame(self._text_records(floor, True), FLAG_COLUMNS)
        records = []
        for outcome in self._outcomes:
            risk = outcome.risk
            extra: dict[str, Any] = {"risk_level": int(risk) if risk is not None else None}
            if outcome.error is None:
                data = outcome.record()  # decompressed once for both uses
                fields = wide_row(outcome.row, data, floor)
                extra["destination"] = data["shipment"]["destination"]
                extra["consignee_country"] = data["shipment"]["consignee"]["country"]
            else:
                fields = outcome.csv_row()
            records.append({**fields, **extra})
        extras = ("risk_level", "destination", "consignee_country")
        return typed_frame(records, (*CSV_COLUMNS, *extras))

    def charts(self, *, min_severity: Severity | str = Severity.LOW) -> Figure:
        """Chart the flags by code and country, the risks and the value at risk (``charts`` extra).

        See :func:`sanctionscreen.batch.charts.report_charts`.
        """
        return report_charts(self, min_severity=min_severity)

    def _text_records(self, floor: Severity, explode: bool) -> Iterator[dict[str, str]]:
        for outcome in self._outcomes:
            if explode:
                yield from outcome.flag_rows(min_severity=floor)
            else:
                yield outcome.csv_row(min_severity=floor)

    def _json_records(self, floor: Severity, explode: bool) -> Iterator[dict[str, Any]]:
        if not explode:
            yield from (outcome.to_dict(min_severity=floor) for outcome in self._outcomes)
            return
        for record in self._text_records(floor, True):
            typed: dict[str, Any] = {key: value or None for key, value in record.items()}
            typed["row"] = int(record["row"])
            typed["score"] = float(record["score"]) if record["score"] else None
            yield typed

    def _repr_html_(self) -> str:
        esc = html.escape
        severities = "".join(
            f"<tr><td>{esc(name)}</td><td>{count}</td></tr>"
            for name, count in self.counts_by_severity().items()
        )
        codes = "".join(
            f"<tr><td><code>{esc(code)}</code></td><td>"
            + esc(", ".join(f"{s} {n}" for s, n in by_severity.items()))
            + "</td></tr>"
            for code, by_severity in self.counts_by_code().items()
        )
        return (
            "<div class='sanctionscreen-batch'>"
            f"<p><strong>{len(self)} rows</strong>, {len(self.errors)} error(s)</p>"
            "<table><thead><tr><th>risk</th><th>rows</th></tr></thead>"
            f"<tbody>{severities}</tbody></table>"
            "<table><thead><tr><th>flag</th><th>by severity</th></tr></thead>"
            f"<tbody>{codes}</tbody></table></div>"
        )


def _written(text: str, path: str | os.PathLike[str] | None) -> str | None:
    """Return ``text``, or write it to ``path`` (UTF-8) and return None."""
    if path is None:
        return text
    Path(path).write_text(text, encoding="utf-8")
    return None
