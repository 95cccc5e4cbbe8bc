"""A report's rows as analysts read them: one per shipment (wide) or one per flag (long).

Both layouts are built from a result's JSON record (``ScreeningResult.to_dict()``), as
text cells for CSV; :mod:`sanctionscreen.batch.frames` gives them pandas types. The
wide layout (:data:`CSV_COLUMNS`) has one row per input row, its flags joined in one
cell. The long layout (:data:`FLAG_COLUMNS`) has one row per flag, with the party, the
list entry and the score in their own columns, for filtering and pivot tables; a row
without flags, and a row that could not be read, still get one line each, so the
input rows can always be counted back.
"""

from __future__ import annotations

import re
from typing import Any

from ..results import Severity
from .records import RowError

__all__ = ["CSV_COLUMNS", "FLAG_COLUMNS", "error_cells", "flag_rows", "safe_cell", "wide_row"]

CSV_COLUMNS = (
    "row",
    "id",
    "date",
    "status",
    "risk",
    "codes",
    "flags",
    "value_usd",
    "value_note",
    "error_field",
    "error_value",
    "error",
)
"""The wide layout: one row per input row."""

FLAG_COLUMNS = (
    "row",
    "id",
    "date",
    "status",
    "risk",
    "code",
    "severity",
    "check",
    "party_role",
    "party",
    "list",
    "list_version",
    "entry_id",
    "matched_name",
    "score",
    "country",
    "message",
    "error_field",
    "error_value",
    "error",
)
"""The long layout: one row per flag (and one for a row without flags or not read)."""

# A cell starting with one of these runs as a formula in Excel, LibreOffice and Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_AFTER_SEPARATOR = re.compile(r"([;,|\t\r\n]\s*)([=+\-@])")
_UNCONVERTED = "VALUE_UNCONVERTED"


def wide_row(row: int, record: dict[str, Any], min_severity: Severity) -> dict[str, str]:
    """Return a screened row's wide cells; flags below ``min_severity`` are left out."""
    flags = _shown(record, min_severity)
    value = record["value_usd"]
    return {
        **_head(row, record),
        "codes": ";".join(dict.fromkeys(f["code"] for f in flags)),
        "flags": " | ".join(f"{f['severity']} {f['code']}: {f['message']}" for f in flags),
        "value_usd": value["usd"] if value is not None else "",
        "value_note": "" if value is not None else _value_note(record),
        "error_field": "",
        "error_value": "",
        "error": "",
    }


def flag_rows(row: int, record: dict[str, Any], min_severity: Severity) -> list[dict[str, str]]:
    """Return a screened row's long cells: one row per flag shown, or one without a flag."""
    head = _head(row, record)
    flags = _shown(record, min_severity)
    if not flags:
        return [{**dict.fromkeys(FLAG_COLUMNS, ""), **head}]
    return [{**head, **_flag_cells(flag)} for flag in flags]


def error_cells(row: int, error: RowError, columns: tuple[str, ...]) -> dict[str, str]:
    """Return the cells of a row that could not be read, in either layout."""
    cells = dict.fromkeys(columns, "")
    cells.update(
        row=str(row),
        id=error.id or "",
        status="error",
        error_field=error.field,
        error_value=error.value,
        error=error.message,
    )
    return cells


def safe_cell(value: str) -> str:
    """Neutralize what a spreadsheet would run as a formula, with an apostrophe before it.

    At the start of the cell, and after a character a spreadsheet may split cells on
    (";" in many locales, tabs, line breaks, "|"): "safe;=HYPERLINK(...)" becomes
    "safe;'=HYPERLINK(...)".
    """
    value = _FORMULA_AFTER_SEPARATOR.sub(r"\1'\2", value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _head(row: int, record: dict[str, Any]) -> dict[str, str]:
    return {
        "row": str(row),
        "id": record["shipment_id"] or "",
        "date": record["shipment"]["date"] or "",
        "status": "screened",
        "risk": record["risk"],
    }


def _shown(record: dict[str, Any], min_severity: Severity) -> list[dict[str, Any]]:
    flags: list[dict[str, Any]] = record["flags"]
    return [f for f in flags if Severity[f["severity"]] >= min_severity]


def _flag_cells(flag: dict[str, Any]) -> dict[str, str]:
    evidence = flag["evidence"]
    score = evidence.get("score") if "entry_id" in evidence else None
    return {
        "code": flag["code"],
        "severity": flag["severity"],
        "check": flag["check"],
        "party_role": evidence.get("role", "") if "party" in evidence else "",
        "party": evidence.get("party", ""),
        "list": evidence.get("list", "") if "entry_id" in evidence else "",
        "list_version": evidence.get("list_version", "") if "entry_id" in evidence else "",
        "entry_id": evidence.get("entry_id", ""),
        "matched_name": evidence.get("matched_name", ""),
        "score": "" if score is None else str(score),
        "country": evidence.get("country", "") or "",
        "message": flag["message"],
        "error_field": "",
        "error_value": "",
        "error": "",
    }


def _value_note(record: dict[str, Any]) -> str:
    """Say why a row has no dollar value, whatever severities the output shows."""
    reasons = [
        f["message"]
        for f in record["flags"]
        if f["code"] == _UNCONVERTED and f["evidence"].get("line") is None
    ]
    if reasons:
        return " ".join(reasons)
    return "no value given" if record["shipment"]["value"] is None else "not converted"
